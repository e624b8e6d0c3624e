#include "event/io_watcher.h"

#include <event2/event.h>

#include "event/event_loop.h"

namespace surge {

void IoWatcher::init(EventLoop& loop, int fd, short what, Callback cb, void* arg) {
  stop();
  event_assign(&ev_, loop.base(), fd, static_cast<short>(what | EV_PERSIST), cb, arg);
  initialized_ = true;
}

void IoWatcher::start() {
  if (!initialized_ || active_) return;
  event_add(&ev_, nullptr);
  active_ = true;
}

void IoWatcher::stop() {
  if (!active_) return;
  event_del(&ev_);
  active_ = false;
}

}  // namespace surge
