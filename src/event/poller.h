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

 private:
  static void onReady(int fd, short what, void* self);
  void dispatch();

  int epfd_;
  IoWatcher watcher_;
};

}  // namespace surge
