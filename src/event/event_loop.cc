#include "event/event_loop.h"

#include <event2/event.h>

#include <stdexcept>

#include "event/event_guard.h"
#include "event/poller.h"

namespace surge {

namespace {
struct Deferred {
  EventLoop::Callback fn;
  void* arg;
};

void runDeferred(evutil_socket_t, short, void* raw) {
  auto* d = static_cast<Deferred*>(raw);
  Deferred copy = *d;
  delete d;
  guardEvent("deferred call", [&copy] { copy.fn(copy.arg); });
}
}  // namespace

EventLoop::EventLoop() : scratch_(new char[kScratchSize]) {
  event_config* config = event_config_new();
  if (config == nullptr) throw std::runtime_error("libevent: event_config_new failed");
  // One thread per loop: no locks. Precise timers, because the default coarse clock on
  // Linux rounds timeouts to several milliseconds and Timer promises sub-millisecond
  // intervals. The epoll changelist merges the add/remove pairs of the write watcher.
  event_config_set_flag(config, EVENT_BASE_FLAG_NOLOCK);
  event_config_set_flag(config, EVENT_BASE_FLAG_PRECISE_TIMER);
  event_config_set_flag(config, EVENT_BASE_FLAG_EPOLL_USE_CHANGELIST);
  base_ = event_base_new_with_config(config);
  event_config_free(config);
  if (base_ == nullptr) throw std::runtime_error("libevent: event_base_new failed");
}

EventLoop::~EventLoop() {
  poller_.reset();
  if (base_) event_base_free(base_);
}

Poller& EventLoop::poller() {
  if (!poller_) poller_ = std::make_unique<Poller>(*this);
  return *poller_;
}

timeval EventLoop::commonTimeout(uint32_t ms) {
  for (const auto& [duration, tv] : commonTimeouts_)
    if (duration == ms) return tv;
  // libevent holds at most 256 queues per base; a few durations are the normal case.
  constexpr size_t kMaxQueues = 64;
  timeval plain = plainTimeout(ms);
  if (commonTimeouts_.size() >= kMaxQueues) return plain;
  const timeval* common = event_base_init_common_timeout(base_, &plain);
  if (common == nullptr) return plain;
  commonTimeouts_.emplace_back(ms, *common);
  return *common;
}

void EventLoop::run() {
  if (stopRequested_) {
    stopRequested_ = false;
    return;
  }
  running_ = true;
  event_base_loop(base_, EVLOOP_NO_EXIT_ON_EMPTY);
  running_ = false;
  stopRequested_ = false;
}

void EventLoop::runReady() {
  running_ = true;
  event_base_loop(base_, EVLOOP_NONBLOCK);
  running_ = false;
}

void EventLoop::stop() {
  // libevent forgets a loopbreak issued while the loop is not running.
  if (running_)
    event_base_loopbreak(base_);
  else
    stopRequested_ = true;
}

void EventLoop::defer(Callback fn, void* arg) {
  auto* d = new Deferred{fn, arg};
  timeval zero{0, 0};
  if (event_base_once(base_, -1, EV_TIMEOUT, runDeferred, d, &zero) != 0) {
    delete d;
    throw std::runtime_error("libevent: event_base_once failed");
  }
}

}  // namespace surge
