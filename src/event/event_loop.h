// src/event owns the reactor: one libevent event_base per process and thin, allocation-free
// wrappers for fd watchers, timers and signals. Watchers embed their `struct event`, so a
// connection's watchers live inside the connection and cost no extra allocation.
#pragma once

#include <sys/time.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

struct event_base;

namespace surge {

class Poller;

class EventLoop {
 public:
  using Callback = void (*)(void* arg);

  EventLoop();
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  event_base* base() const { return base_; }

  // Dispatches events until stop(); an empty loop keeps waiting (a worker with no
  // listener and no timer still answers signals). A stop() requested before run()
  // makes run() return at once.
  void run();
  void stop();
  bool running() const { return running_; }
  // Runs the callbacks of what is ready now (expired timers included) without waiting:
  // for a process whose own wait is elsewhere (the master's supervision poll).
  void runReady();

  // Runs fn(arg) on the next iteration, from the loop itself rather than the current
  // call stack (used to avoid re-entering a connection while PHP code runs in it).
  void defer(Callback fn, void* arg);

  // A read spill area shared by every connection of this loop: one readv() can drain a
  // socket into it and bytes are copied into a connection's own buffer only when a
  // message is incomplete.
  char* scratch() { return scratch_.get(); }
  static constexpr size_t kScratchSize = 64 * 1024;

  // The epoll set of this loop's connections (created on first use).
  Poller& poller();

  // A timeout of `ms` milliseconds in one of libevent's common-timeout queues: events
  // added with it are kept in one FIFO per duration instead of the heap, so thousands of
  // equal per-connection timeouts cost O(1) each. Durations past libevent's limit of
  // common queues get a plain timeout.
  timeval commonTimeout(uint32_t ms);
  static timeval plainTimeout(uint32_t ms) {
    return timeval{static_cast<time_t>(ms / 1000), static_cast<suseconds_t>(ms % 1000) * 1000};
  }

 private:
  event_base* base_ = nullptr;
  bool running_ = false;
  bool stopRequested_ = false;
  std::unique_ptr<char[]> scratch_;
  std::unique_ptr<Poller> poller_;
  std::vector<std::pair<uint32_t, timeval>> commonTimeouts_;
};

}  // namespace surge
