#pragma once

#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace surge {

// The master process: forks `count` children per worker group, replaces children that
// die (with a growing delay for children that keep dying right after start), and stops
// them all on SIGINT/SIGTERM/SIGHUP/SIGTSTP (SIGKILL after the stop timeout) or
// gracefully on SIGQUIT (no deadline).
//
// Signals reach the master through a self-pipe and are handled in its poll loop, never
// in a signal handler. run() returns in each child with the slot it fills, so the
// caller (the PHP binding) runs the child's event loop outside of this object; it
// returns in the master once every child has exited after a stop.
class Supervisor {
 public:
  struct Group {
    std::string name;
    int count = 1;
  };
  struct ChildRole {
    int group;
    int slot;
    int readyFd;  // write the child's pid here once it serves (notifyReady)
  };
  struct Hooks {
    // Master, after a child exited (any reason).
    std::function<void(int group, int slot, pid_t pid, int status)> onChildExit;
    // Master, when a stop begins; `signo` is the signal that asked for it.
    std::function<void(int signo, bool graceful)> onStopRequested;
  };

  Supervisor(std::vector<Group> groups, double stopTimeout, Hooks hooks);
  ~Supervisor();
  Supervisor(const Supervisor&) = delete;
  Supervisor& operator=(const Supervisor&) = delete;

  std::optional<ChildRole> run();

  // In a child: tells the master it is ready to serve.
  static void notifyReady(int readyFd);

  // The delay before restarting a child that died `fastDeaths` times in a row within a
  // second of starting: none the first time, then 0.1 s doubling up to 10 s.
  static double restartDelay(int fastDeaths);

 private:
  struct Slot {
    pid_t pid = 0;
    bool ready = false;
    double startedAt = 0;
    double restartAt = 0;
    int fastDeaths = 0;
  };

  static double now();
  static void onSignal(int signo);
  void installSignals();
  void restoreSignalsInChild();
  std::optional<ChildRole> spawnDue();
  void handleSignal(int signo);
  void reap();
  void readReady();
  void beginStop(int signo, bool graceful);
  size_t alive() const;
  void forEachChild(const std::function<void(int, int, Slot&)>& fn);

  std::vector<Group> groups_;
  std::vector<std::vector<Slot>> slots_;
  double stopTimeout_;
  Hooks hooks_;
  bool stopping_ = false;
  double killAt_ = 0;
  int readyPipe_[2] = {-1, -1};
};

}  // namespace surge
