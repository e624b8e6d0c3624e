#pragma once
// TEMPORARY stand-in for the integrator's Mailbox (same interface), only so that the
// task branch builds and its tests run before main's src/ipc/mailbox lands. Replaced by
// main's version at merge; no fragmentation (messages up to the socket buffer).
#include <sys/types.h>

#include <deque>
#include <map>
#include <string>
#include <string_view>

#include "event/io_watcher.h"
#include "event/timer.h"

namespace surge {

class EventLoop;

class Mailbox {
 public:
  using Handler = void (*)(void* arg, pid_t from, std::string_view message);
  Mailbox(EventLoop& loop, Handler handler, void* arg);
  ~Mailbox();
  bool open(const std::string& scope, std::string* error);
  bool send(pid_t to, std::string_view message);
  size_t queuedBytes() const { return queued_; }

 private:
  static void onReadable(int fd, short what, void* self);
  static void onRetry(void* self);
  int trySend(pid_t to, std::string_view message);
  EventLoop& loop_;
  Handler handler_;
  void* arg_;
  std::string scope_;
  int fd_ = -1;
  IoWatcher watcher_;
  Timer retry_;
  std::map<pid_t, std::deque<std::string>> waiting_;
  size_t queued_ = 0;
};

}  // namespace surge
