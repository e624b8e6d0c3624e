#pragma once

#include <event2/event_struct.h>

namespace surge {

class EventLoop;

// A one-shot or repeating timer with microsecond resolution.
class Timer {
 public:
  using Callback = void (*)(void* arg);

  Timer(EventLoop& loop, Callback cb, void* arg);
  ~Timer();
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  // Fires after `seconds` (>= 0), then every `seconds` if `repeat`.
  void start(double seconds, bool repeat);
  void stop();
  bool active() const;
  bool repeating() const { return repeat_; }

 private:
  static void fire(int, short, void* self);

  struct event ev_ {};
  Callback cb_;
  void* arg_;
  bool repeat_ = false;
};

}  // namespace surge
