#include "net/listener.h"

#include "event/event_guard.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

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

void Listener::acceptBatch() {
  for (int i = 0; i < kAcceptBudget && watcher_.active(); ++i) {
    sockaddr_storage peer;
    socklen_t length = sizeof peer;
    int fd =
        ::accept4(fd_, reinterpret_cast<sockaddr*>(&peer), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        Log::writef("accept() failed: %s; pausing accept for 100 ms (raise `ulimit -n`?)",
                    std::strerror(errno));
        watcher_.stop();
        backoff_.start(0.1, false);
      }
      // EAGAIN: another process won the race for this connection, or the queue is empty.
      return;
    }
    // TCP_NODELAY needs no call here: Linux gives an accepted socket the listening socket's
    // options, and createListenSocket() set it there.
    handler_->onAccept(*this, fd, reinterpret_cast<sockaddr*>(&peer), length);
  }
}

}  // namespace surge
