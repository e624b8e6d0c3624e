#include "event/timer.h"

#include "event/event_guard.h"

#include <event2/event.h>

#include <cmath>

#include "event/event_loop.h"

namespace surge {

Timer::Timer(EventLoop& loop, Callback cb, void* arg) : cb_(cb), arg_(arg) {
  event_assign(&ev_, loop.base(), -1, 0, &Timer::fire, this);
}

Timer::~Timer() {
  stop();
}

void Timer::start(double seconds, bool repeat) {
  stop();
  repeat_ = repeat;
  if (!(seconds > 0)) seconds = 0;
  double whole = std::floor(seconds);
  timeval tv;
  tv.tv_sec = static_cast<time_t>(whole);
  tv.tv_usec = static_cast<suseconds_t>(std::lround((seconds - whole) * 1e6));
  if (tv.tv_usec >= 1000000) {
    tv.tv_sec += 1;
    tv.tv_usec -= 1000000;
  }
  // A zero repeating interval would spin; libevent treats it as "due now" each round,
  // so the smallest repeat is one microsecond.
  if (repeat && tv.tv_sec == 0 && tv.tv_usec == 0) tv.tv_usec = 1;
  event_del(&ev_);
  event_assign(&ev_, event_get_base(&ev_), -1, repeat ? EV_PERSIST : 0, &Timer::fire, this);
  event_add(&ev_, &tv);
}

void Timer::stop() {
  event_del(&ev_);
}

bool Timer::active() const {
  return event_pending(&ev_, EV_TIMEOUT, nullptr) != 0;
}

void Timer::fire(int, short, void* self) {
  auto* t = static_cast<Timer*>(self);
  guardEvent("timer", [t] { t->cb_(t->arg_); });
}

}  // namespace surge
