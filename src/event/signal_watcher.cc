#include "event/signal_watcher.h"

#include "event/event_guard.h"

#include <event2/event.h>

#include "event/event_loop.h"

namespace surge {

SignalWatcher::SignalWatcher(EventLoop& loop, int signo, Callback cb, void* arg)
    : cb_(cb), arg_(arg) {
  event_assign(&ev_, loop.base(), signo, EV_SIGNAL | EV_PERSIST, &SignalWatcher::fire, this);
  event_add(&ev_, nullptr);
}

SignalWatcher::~SignalWatcher() {
  event_del(&ev_);
}

void SignalWatcher::fire(int signo, short, void* self) {
  auto* w = static_cast<SignalWatcher*>(self);
  guardEvent("signal handler", [&] { w->cb_(signo, w->arg_); });
}

}  // namespace surge
