#pragma once

#include <event2/event_struct.h>

namespace surge {

class EventLoop;

// Delivers a POSIX signal through the loop, so handlers run between events (never in
// the middle of PHP code or of a write).
class SignalWatcher {
 public:
  using Callback = void (*)(int signo, void* arg);

  SignalWatcher(EventLoop& loop, int signo, Callback cb, void* arg);
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

 private:
  static void fire(int signo, short, void* self);

  struct event ev_ {};
  Callback cb_;
  void* arg_;
};

}  // namespace surge
