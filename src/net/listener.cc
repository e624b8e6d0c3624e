#include "net/listener.h"

#include "event/event_guard.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include <event2/event.h>

#include "base/log.h"
#include "event/event_loop.h"

namespace surge {

Listener::Listener(EventLoop& loop, int fd, Handler* handler, void* userData)
    : fd_(fd),
      handler_(handler),
      userData_(userData),
      backoff_(loop, &Listener::onBackoffOver, this) {
  watcher_.init(loop, fd, EV_READ, &Listener::onReadable, this);
}

Listener::~Listener() {
  watcher_.stop();
  backoff_.stop();
  if (fd_ >= 0) ::close(fd_);
}

void Listener::resume() {
  wantAccept_ = true;
  if (!backoff_.active()) watcher_.start();
}

void Listener::pause() {
  wantAccept_ = false;
  watcher_.stop();
}

void Listener::onReadable(int, short, void* self) {
  auto* l = static_cast<Listener*>(self);
  guardEvent("accepting connections", [l] { l->acceptBatch(); });
}

void Listener::onBackoffOver(void* self) {
  auto* l = static_cast<Listener*>(self);
  if (l->wantAccept_) l->watcher_.start();
}

namespace {
double monotonicSeconds() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}
}  // namespace

// A process out of descriptors fails accept() every back-off (ten times a second) until
// one frees up: one line when the shortage starts, a count at most every kReportEvery
// seconds while it lasts (a descriptor freed now and then lets one client in without
// ending it), and one line once the accept queue is empty again.
void Listener::noteFailure(int error) {
  double now = monotonicSeconds();
  if (failures_++ == 0) {
    failingSince_ = lastReport_ = now;
    reportedFailures_ = 1;
    Log::writef(LogLevel::kError,
                "accept() failed: %s; accepting pauses %d ms at a time until descriptors free "
                "up (raise `ulimit -n`, or set maxConnections); existing connections are served",
                std::strerror(error), static_cast<int>(kBackoffSeconds * 1000));
    return;
  }
  if (now - lastReport_ < kReportEvery) return;
  Log::writef(LogLevel::kError, "accept() still failing: %s (%zu times in the last %.0f s)",
              std::strerror(error), failures_ - reportedFailures_, now - lastReport_);
  lastReport_ = now;
  reportedFailures_ = failures_;
}

void Listener::noteRecovered() {
  Log::writef(LogLevel::kNotice,
              "accept() works again: every waiting client accepted, after %zu failures in %.1f s",
              failures_, monotonicSeconds() - failingSince_);
  failures_ = 0;
}

void Listener::acceptBatch() {
  acceptSome(kAcceptBudget);
}

void Listener::acceptQueued(int limit) {
  watcher_.stop();
  backoff_.stop();
  wantAccept_ = false;
  while (limit > 0 && acceptSome(limit < kAcceptBudget ? limit : kAcceptBudget))
    limit -= kAcceptBudget;
}

bool Listener::acceptSome(int budget) {
  // A handler may pause accepting (pauseAccept() in onConnect): the batch ends there.
  bool watched = watcher_.active();
  for (int i = 0; i < budget; ++i) {
    if (watched && !watcher_.active()) return false;
    sockaddr_storage peer;
    socklen_t length = sizeof peer;
    int fd =
        ::accept4(fd_, reinterpret_cast<sockaddr*>(&peer), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      int error = errno;
      if (error == EINTR || error == ECONNABORTED) continue;
      if (error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM) {
        noteFailure(error);
        watcher_.stop();
        if (wantAccept_) backoff_.start(kBackoffSeconds, false);
      }
      // EAGAIN: another process won the race for this connection, or the queue is empty:
      // every waiting client got a descriptor, so a shortage is over.
      if (failures_ != 0 && (error == EAGAIN || error == EWOULDBLOCK)) noteRecovered();
      return false;
    }
    // TCP_NODELAY needs no call here: Linux gives an accepted socket the listening socket's
    // options, and createListenSocket() set it there.
    handler_->onAccept(*this, fd, reinterpret_cast<sockaddr*>(&peer), length);
  }
  return true;
}

}  // namespace surge
