#pragma once

#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace surge {

// The master process: forks `count` children per worker group, replaces children that
// die (with a growing delay for children that keep dying right after start), reloads
// them one at a time, and stops them all on SIGINT/SIGTERM/SIGHUP/SIGTSTP (SIGKILL after
// the stop timeout) or gracefully on SIGQUIT (no deadline).
//
// Reload (SIGUSR1, graceful with SIGUSR2) and recycling (a child that asks to be
// replaced, e.g. past maxRequests) both start the replacement first and retire the old
// child only once the new one said it is ready, so a group never has fewer ready
// children than before, even with count = 1. The old child gets SIGUSR1/SIGUSR2
// (reload) or SIGTERM (recycle) and, unless graceful, SIGKILL after the stop timeout.
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
    bool reloadable = true;
    // Reload (and recycling) order. By default a successor starts first and the old child
    // retires once it is ready, so a listening worker never has a gap. With stopFirst the
    // old child stops first and its successor starts when it is gone, as in Workerman: for
    // workers without a socket, where an overlap gains nothing and two live processes
    // would hold one worker id (GatewayWorker's BusinessWorker registers by name and id).
    bool stopFirst = false;
  };
  struct ChildRole {
    int group;
    int slot;
    int controlFd;  // notifyReady() / requestReplacement() write here
  };
  struct Hooks {
    // Master, after a child was forked.
    std::function<void(int group, int slot, pid_t pid)> onChildStarted;
    // Master, after a child exited (any reason).
    std::function<void(int group, int slot, pid_t pid, int status)> onChildExit;
    // Master, when a stop begins; `signo` is the signal that asked for it.
    std::function<void(int signo, bool graceful)> onStopRequested;
    // Master, when a reload begins.
    std::function<void(bool graceful)> onReloadRequested;
    // Master, during a reload, for each reloadable group: whether its processes may be
    // replaced (false: the group's new processes could not start, e.g. its certificate
    // fails to load; the old ones are not signalled and keep serving). Unset: always.
    std::function<bool(int group)> mayReplaceGroup;
    // Master: the longest it may wait between two calls of onIdle (-1: no limit), and
    // what runs after each wait (timers the application added in the master).
    std::function<int()> idleLimitMs;
    std::function<void()> onIdle;
    // Master: processes forked by another owner (a supervised service) are reaped by the
    // same waitpid(-1) as the workers; their exits are handed over here.
    std::function<void(pid_t pid, int status)> onOtherChildExit;
    // Master: how many of those processes are alive. A stop ends only when the workers and
    // they are gone (their owner signals them from onStopRequested).
    std::function<size_t()> othersAlive;
    // Master: the earliest now() at which onIdle must run for that owner (a restart after
    // back-off, a SIGKILL deadline); 0 for none.
    std::function<double()> nextDeadline;
  };

  Supervisor(std::vector<Group> groups, double stopTimeout, Hooks hooks);
  ~Supervisor();
  Supervisor(const Supervisor&) = delete;
  Supervisor& operator=(const Supervisor&) = delete;

  std::optional<ChildRole> run();

  // Begins a stop as SIGTERM would, from inside a hook (the binding calls it when the
  // master itself cannot go on, e.g. after a fatal error in a PHP hook): no child is
  // started from then on. onStopRequested gets signo 0.
  void stop() { beginStop(0, false); }
  // Begins a reload as SIGUSR1 (graceful: SIGUSR2) would, from inside a hook (the --watch
  // file watcher).
  void reload(bool graceful) { beginReload(graceful); }

  // Master: a descriptor the poll loop waits on besides its own (the metrics endpoint, a
  // service's output pipe, the file watcher); `onReady` runs in the master with poll()'s
  // revents. One callback per fd: watching it again replaces the first. The descriptor
  // stays its owner's: unwatchFd() before closing it. A forked child closes every watched
  // descriptor at once (it must not answer the master's clients or read its pipes), so an
  // owner that outlives fork() must not close its descriptor again in a child.
  void watchFd(int fd, short events, std::function<void(short revents)> onReady);
  void unwatchFd(int fd);

  // In a child: tells the master it is ready to serve.
  static void notifyReady(int controlFd);
  // In a child: asks the master to start a replacement and then retire this process.
  static void requestReplacement(int controlFd);

  // The delay before restarting a child that died `fastDeaths` times in a row within a
  // second of starting: none the first time, then 0.1 s doubling up to 10 s.
  static double restartDelay(int fastDeaths);

  // The clock of every deadline here (CLOCK_MONOTONIC, in seconds).
  static double now();

 private:
  struct Slot {
    pid_t pid = 0;
    bool ready = false;
    double startedAt = 0;
    double restartAt = 0;
    int fastDeaths = 0;
  };
  // A child being replaced: it keeps serving until its successor is ready.
  struct Retiree {
    pid_t pid;
    int group;
    int slot;
    int signo;          // sent once the successor is ready
    double killAt = 0;  // SIGKILL deadline once signalled (0: none)
    bool signalled = false;
  };
  // stopFirst: the slot whose successor waits for its retiree to exit (-1: none).
  int waitingGroup_ = -1;
  int waitingSlot_ = -1;

  static void onSignal(int signo);
  void installSignals();
  void restoreSignalsInChild();
  std::optional<ChildRole> spawnDue();
  void handleSignal(int signo);
  void reap();
  void readControl();
  void beginStop(int signo, bool graceful);
  void beginReload(bool graceful);
  void replace(int group, int slot, int signo);
  void advanceReplacements();
  void enforceDeadlines();
  size_t alive() const;
  void forEachChild(const std::function<void(int, int, Slot&)>& fn);

  std::vector<Group> groups_;
  std::vector<std::vector<Slot>> slots_;
  std::vector<Retiree> retirees_;
  struct Watch {
    int fd;
    short events;
    std::function<void(short)> onReady;
  };
  std::vector<Watch> watches_;
  std::vector<std::pair<int, int>> reloadQueue_;  // (group, slot) still to replace
  double stopTimeout_;
  Hooks hooks_;
  bool stopping_ = false;
  bool reloading_ = false;
  bool reloadGraceful_ = false;
  int reloadHeldBack_ = 0;  // groups mayReplaceGroup refused in the running reload
  double killAt_ = 0;
  int controlPipe_[2] = {-1, -1};
};

}  // namespace surge
