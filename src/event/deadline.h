#pragma once

#include <event2/event_struct.h>

#include <cstdint>

namespace surge {

class EventLoop;

// A timeout that is cheap to move: "call back `ms` from now", set again and again on the
// hot path (after every request, on every read) without touching libevent each time.
//
// Why not a Timer per connection: rescheduling a libevent timer on every message costs a
// queue removal and insertion, and thousands of connections with timers of one duration
// would make libevent's heap O(log n). Here set() only records the new expiry on a coarse
// monotonic clock (a vDSO read) and reaches libevent only when nothing is scheduled yet or
// the new expiry is earlier than the scheduled wake-up. Wake-ups go through libevent's
// common timeouts (one queue per distinct duration, O(1) insert and expiry for thousands
// of equal timers, see EventLoop::commonTimeout()); a wake-up that finds its expiry pushed
// back sleeps again for what remains, so a busy connection wakes about once per period.
// The event is set up on first use: a connection that never sets a deadline pays nothing.
class Deadline {
 public:
  using Callback = void (*)(void* arg);

  Deadline(EventLoop& loop, Callback cb, void* arg) : loop_(loop), cb_(cb), arg_(arg) {}
  ~Deadline();
  Deadline(const Deadline&) = delete;
  Deadline& operator=(const Deadline&) = delete;

  // Calls back once, `ms` milliseconds from now (at least 1), replacing any earlier expiry.
  void set(uint32_t ms);
  // Forgets the expiry; the callback will not run (a scheduled wake-up finds nothing to do).
  void cancel() { expiry_ = 0; }
  // Forgets the expiry and removes the wake-up from the loop (before the owner goes away).
  void stop();
  bool armed() const { return expiry_ != 0; }

  // Milliseconds on the coarse monotonic clock the expiries are kept in.
  static uint64_t nowMs();

 private:
  static void fire(int, short, void* self);
  void schedule(uint32_t ms, bool common);

  EventLoop& loop_;
  Callback cb_;
  void* arg_;
  uint64_t expiry_ = 0;  // nowMs() at which the callback is due; 0: none
  uint64_t wakeAt_ = 0;  // nowMs() at which libevent wakes us; 0: nothing scheduled
  bool assigned_ = false;
  struct event ev_ {};
};

}  // namespace surge
