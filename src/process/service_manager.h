#pragma once

#include <sys/types.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "process/line_splitter.h"
#include "process/service_spec.h"
#include "process/service_status.h"

namespace surge {

// The master's supervised services (Surge\Service): starts each program with the workers,
// logs its output line by line as `service[name:pid] line`, starts it again with a
// doubling delay when it exits (as its restart policy says), and on stop sends SIGTERM to
// its process group, then SIGKILL after its stopTimeout. A program that cannot be executed
// is logged with what to do and retried like a crash. A reload leaves services alone.
//
// It lives in the master's Supervisor loop: the supervisor reaps every child and hands the
// exits it does not know to onChildExit(), polls the output pipes through the watch
// functions, and calls tick() by nextDeadline(). Worker processes forked later inherit this
// object: it remembers the master's pid and does nothing in any other process.
class ServiceManager {
 public:
  struct Watcher {
    std::function<void(int fd, std::function<void(short revents)> onReady)> watch;
    std::function<void(int fd)> unwatch;
  };

  // `stateFile`: where views() are written on every change ("" for nowhere).
  ServiceManager(std::vector<ServiceSpec> specs, Watcher watcher, std::string stateFile);
  ~ServiceManager();
  ServiceManager(const ServiceManager&) = delete;
  ServiceManager& operator=(const ServiceManager&) = delete;

  void start();
  // Starts what is due after its back-off and SIGKILLs what outlived its stop deadline.
  void tick();
  // The earliest Supervisor::now() at which tick() has something to do; 0 for nothing.
  double nextDeadline() const;
  // A reaped child: true if it was a service's (then handled).
  bool onChildExit(pid_t pid, int status);
  // SIGTERM to every running service; nothing starts again.
  void stop();
  size_t alive() const;
  // Removes the state file (the master calls it once everything has stopped).
  void removeStateFile();

  std::vector<ServiceView> views() const;

  // The delay before the next start after `quickExits` runs in a row that each ended
  // within `reset` seconds: initial, doubling, at most max.
  static double backoffDelay(const ServiceSpec& spec, int quickExits);

 private:
  struct Instance {
    ServiceSpec spec;
    pid_t pid = 0;
    int outFd = -1;
    LineSplitter lines;
    enum class State { kIdle, kRunning, kBackoff, kStopped } state = State::kIdle;
    int64_t restarts = 0;
    int64_t startedUnix = 0;
    double startedAt = 0;
    int quickExits = 0;
    double restartAt = 0;
    double killAt = 0;
    bool everStarted = false;
    bool exited = false;
    int lastStatus = 0;
  };

  bool inMaster() const;
  void launch(Instance& s);
  void readOutput(Instance& s);
  void closeOutput(Instance& s);
  void scheduleRestart(Instance& s, const std::string& why);
  void publish() const;

  std::vector<std::unique_ptr<Instance>> services_;
  Watcher watcher_;
  std::string stateFile_;
  pid_t masterPid_;
  bool stopping_ = false;
};

}  // namespace surge
