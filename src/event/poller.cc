#include "event/poller.h"

#include "event/event_guard.h"

#include <pthread.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include <event2/event.h>

#include "event/event_loop.h"

namespace surge {

namespace {
// Cleared in a process that forks (its children may share its sockets); a new child starts
// with none of its own descendants.
bool g_noForkSinceStart = true;
void afterForkInParent() {
  g_noForkSinceStart = false;
}
void afterForkInChild() {
  g_noForkSinceStart = true;
}
[[maybe_unused]] const int g_forkWatch =
    pthread_atfork(nullptr, &afterForkInParent, &afterForkInChild);
}  // namespace

bool Poller::closeRemovesRegistration() {
  return g_noForkSinceStart;
}

Poller::Poller(EventLoop& loop) : epfd_(epoll_create1(EPOLL_CLOEXEC)) {
  if (epfd_ < 0)
    throw std::runtime_error(std::string("epoll_create1 failed: ") + std::strerror(errno));
  watcher_.init(loop, epfd_, EV_READ, &Poller::onReady, this);
  watcher_.start();
}

Poller::~Poller() {
  watcher_.stop();
  ::close(epfd_);
}

void Poller::update(int fd, Target* target, uint32_t current, uint32_t wanted) {
  if (current == wanted || fd < 0) return;
  epoll_event ev{};
  ev.events = wanted;
  ev.data.ptr = target;
  int op = wanted == 0 ? EPOLL_CTL_DEL : current == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
  epoll_ctl(epfd_, op, fd, &ev);
}

void Poller::onReady(int, short, void* self) {
  static_cast<Poller*>(self)->dispatch();
}

void Poller::dispatch() {
  constexpr int kBatch = 256;
  epoll_event events[kBatch];
  int n = epoll_wait(epfd_, events, kBatch, 0);
  for (int i = 0; i < n; ++i) static_cast<Target*>(events[i].data.ptr)->pollRetain();
  for (int i = 0; i < n; ++i) {
    auto* target = static_cast<Target*>(events[i].data.ptr);
    if (!guardEvent("socket event", [&] { target->onPollEvents(events[i].events); }))
      target->onPollFailure();
  }
  for (int i = 0; i < n; ++i) static_cast<Target*>(events[i].data.ptr)->pollRelease();
}

}  // namespace surge
