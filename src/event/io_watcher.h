#pragma once

#include <event2/event_struct.h>

namespace surge {

class EventLoop;

// Watches one fd for readability or writability (persistent until stop()).
class IoWatcher {
 public:
  using Callback = void (*)(int fd, short what, void* arg);

  IoWatcher() = default;
  ~IoWatcher() { stop(); }
  IoWatcher(const IoWatcher&) = delete;
  IoWatcher& operator=(const IoWatcher&) = delete;

  // `what` is EV_READ or EV_WRITE.
  void init(EventLoop& loop, int fd, short what, Callback cb, void* arg);
  void start();
  void stop();
  bool active() const { return active_; }

 private:
  struct event ev_ {};
  bool initialized_ = false;
  bool active_ = false;
};

}  // namespace surge
