#include "event/deadline.h"

#include <event2/event.h>

#include <ctime>

#include "event/event_guard.h"
#include "event/event_loop.h"

namespace surge {

namespace {
// How far the coarse clock may lag libevent's precise one: a wake-up this close to the
// expiry is the expiry (sleeping again for a few milliseconds would only cost a wake-up).
uint64_t clockSlackMs() {
  static const uint64_t slack = [] {
    timespec res;
    if (clock_getres(CLOCK_MONOTONIC_COARSE, &res) != 0) return uint64_t{10};
    return static_cast<uint64_t>(res.tv_sec) * 1000 + static_cast<uint64_t>(res.tv_nsec) / 1000000 +
           1;
  }();
  return slack;
}
}  // namespace

uint64_t Deadline::nowMs() {
  // The coarse clock is read without a system call and is exact to a few milliseconds,
  // which is all a timeout counted in seconds needs.
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000 + static_cast<uint64_t>(ts.tv_nsec) / 1000000;
}

Deadline::~Deadline() {
  stop();
}

void Deadline::set(uint32_t ms) {
  if (ms == 0) ms = 1;
  expiry_ = nowMs() + ms;
  // Already woken up no later than the new expiry: fire() looks again then.
  if (wakeAt_ != 0 && wakeAt_ <= expiry_) return;
  schedule(ms, true);
}

void Deadline::stop() {
  expiry_ = 0;
  if (wakeAt_ != 0) {
    event_del(&ev_);
    wakeAt_ = 0;
  }
}

void Deadline::schedule(uint32_t ms, bool common) {
  if (!assigned_) {
    event_assign(&ev_, loop_.base(), -1, 0, &Deadline::fire, this);
    assigned_ = true;
  }
  timeval tv = common ? loop_.commonTimeout(ms) : EventLoop::plainTimeout(ms);
  event_add(&ev_, &tv);
  wakeAt_ = expiry_;
}

void Deadline::fire(int, short, void* self) {
  auto* d = static_cast<Deadline*>(self);
  d->wakeAt_ = 0;
  if (d->expiry_ == 0) return;
  uint64_t now = nowMs();
  if (now + clockSlackMs() < d->expiry_) {
    // Pushed back since it was scheduled: sleep for the rest. The rest is shorter than
    // the durations the common queues hold, so it goes to libevent's ordinary heap.
    d->schedule(static_cast<uint32_t>(d->expiry_ - now), false);
    return;
  }
  d->expiry_ = 0;
  // The callback may destroy the owner of this deadline: nothing touches `d` after it.
  Callback cb = d->cb_;
  void* arg = d->arg_;
  guardEvent("deadline", [cb, arg] { cb(arg); });
}

}  // namespace surge
