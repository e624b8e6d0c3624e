#pragma once

#include <sys/epoll.h>

#include <cstdint>

#include "event/io_watcher.h"

namespace surge {

class EventLoop;

// Readiness of many sockets through one epoll set that libevent watches as a single fd.
//
// Why not one libevent event per connection: libevent's bookkeeping per ready fd (map
// lookup, activation queue, persist handling) cost about 270 instructions per event,
// more than our own framing and dispatch of a message. Here one libevent event wakes
// the loop and the ready connections are dispatched straight from epoll_wait(); timers,
// signals, deferred calls and listeners stay on libevent. Level-triggered, like libevent.
class Poller {
 public:
  class Target {
   public:
    virtual ~Target() = default;
    virtual void onPollEvents(uint32_t events) = 0;
    // Kept alive while a batch that names it is being dispatched (a callback may close
    // another connection of the same batch).
    virtual void pollRetain() = 0;
    virtual void pollRelease() = 0;
    // onPollEvents() threw (out of memory): the target closes itself; the loop goes on.
    virtual void onPollFailure() {}
  };

  static constexpr uint32_t kRead = EPOLLIN;
  static constexpr uint32_t kWrite = EPOLLOUT;

  explicit Poller(EventLoop& loop);
  ~Poller();
  Poller(const Poller&) = delete;
  Poller& operator=(const Poller&) = delete;

  // Changes what `fd` is watched for, from `current` to `wanted` (kRead|kWrite; 0 removes it).
  void update(int fd, Target* target, uint32_t current, uint32_t wanted);

  // True when close(fd) alone takes a socket out of the epoll set, so the epoll_ctl() that
  // removes it first can be skipped (one system call less per connection). The kernel drops
  // a registration only when the last descriptor of the open file goes: after a fork() (PHP
  // code calling pcntl_fork() in a worker) a child may still hold our sockets, and a closed
  // socket left in the set would report events for a freed target; from then on this
  // process removes sockets explicitly. exec() is harmless: our sockets are close-on-exec.
  static bool closeRemovesRegistration();

 private:
  static void onReady(int fd, short what, void* self);
  void dispatch();

  int epfd_;
  IoWatcher watcher_;
};

}  // namespace surge
