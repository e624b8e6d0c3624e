#pragma once

#include <sys/socket.h>

#include <cstddef>
#include <memory>

#include "event/io_watcher.h"
#include "event/timer.h"

namespace surge {

class EventLoop;

// Accepts connections on a listening socket. Each wake-up accepts until EAGAIN or a
// budget, so a burst of connects cannot starve established connections. When the
// process runs out of descriptors it pauses accepting briefly instead of spinning.
class Listener {
 public:
  class Handler {
   public:
    virtual ~Handler() = default;
    // `fd` is non-blocking and close-on-exec; the handler owns it.
    virtual void onAccept(Listener& listener, int fd, const sockaddr* peer, socklen_t length) = 0;
  };

  static constexpr int kAcceptBudget = 64;
  // Out of descriptors: accepting pauses this long, then tries again.
  static constexpr double kBackoffSeconds = 0.1;
  // While accept() keeps failing, a count is logged at most this often.
  static constexpr double kReportEvery = 60;

  // Takes ownership of `fd` (a listening socket, possibly inherited from the master).
  Listener(EventLoop& loop, int fd, Handler* handler, void* userData);
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  void resume();
  void pause();
  bool accepting() const { return watcher_.active(); }
  int fd() const { return fd_; }
  void* userData() const { return userData_; }

 private:
  static void onReadable(int fd, short what, void* self);
  static void onBackoffOver(void* self);
  void acceptBatch();
  void noteFailure(int error);
  void noteRecovered();

  int fd_;
  Handler* handler_;
  void* userData_;
  IoWatcher watcher_;
  Timer backoff_;
  bool wantAccept_ = false;
  size_t failures_ = 0;  // accept() failures since it last worked
  size_t reportedFailures_ = 0;
  double failingSince_ = 0;
  double lastReport_ = 0;
};

}  // namespace surge
