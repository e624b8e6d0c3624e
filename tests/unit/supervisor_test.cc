#include "process/supervisor.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/log.h"
#include "process/exit_status.h"
#include "test_support.h"

namespace surge {
namespace {

using surge::testing::Contains;
using surge::testing::fileExists;
using surge::testing::readFile;
using surge::testing::TempDir;

TEST(SupervisorTest, RestartDelay) {
  EXPECT_EQ(Supervisor::restartDelay(-1), 0);
  EXPECT_EQ(Supervisor::restartDelay(0), 0);
  EXPECT_EQ(Supervisor::restartDelay(1), 0);
  EXPECT_DOUBLE_EQ(Supervisor::restartDelay(2), 0.1);
  EXPECT_DOUBLE_EQ(Supervisor::restartDelay(3), 0.2);
  EXPECT_DOUBLE_EQ(Supervisor::restartDelay(4), 0.4);
  EXPECT_DOUBLE_EQ(Supervisor::restartDelay(5), 0.8);
  EXPECT_DOUBLE_EQ(Supervisor::restartDelay(6), 1.6);
  EXPECT_DOUBLE_EQ(Supervisor::restartDelay(7), 3.2);
  EXPECT_DOUBLE_EQ(Supervisor::restartDelay(8), 6.4);
  EXPECT_DOUBLE_EQ(Supervisor::restartDelay(9), 10);  // 12.8, capped
  EXPECT_DOUBLE_EQ(Supervisor::restartDelay(10), 10);
  EXPECT_DOUBLE_EQ(Supervisor::restartDelay(1000), 10);
  EXPECT_DOUBLE_EQ(Supervisor::restartDelay(INT32_MAX), 10);
  // Never decreasing.
  for (int i = 1; i < 100; ++i)
    EXPECT_LE(Supervisor::restartDelay(i - 1), Supervisor::restartDelay(i));
}

TEST(SupervisorTest, ControlMessagesAreThePidForReadyAndMinusThePidForReplacement) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  Supervisor::notifyReady(fds[1]);
  Supervisor::requestReplacement(fds[1]);
  int32_t messages[2] = {0, 0};
  ASSERT_EQ(::read(fds[0], messages, sizeof messages), static_cast<ssize_t>(sizeof messages));
  EXPECT_EQ(messages[0], getpid());
  EXPECT_EQ(messages[1], -getpid());
  ::close(fds[1]);
  char extra;
  EXPECT_EQ(::read(fds[0], &extra, 1), 0);  // the fd stays the caller's to close
  ::close(fds[0]);
  Supervisor::notifyReady(-1);  // no-op
  Supervisor::requestReplacement(-1);
}

// ------------------------------------------------------------ end to end
//
// A whole master runs in a forked "master" process (its own process group), because
// run() installs signal handlers and forks. Its children report {pid, group, slot}
// through a pipe to this test process, which then signals the master and waits for it
// with a deadline. The master writes what its hooks saw to a file and exits; whatever
// is left of the process group is SIGKILLed at the end.

struct Report {
  int32_t pid;
  int32_t group;
  int32_t slot;
};

enum class ChildBehaviour {
  kServe,           // report, then sleep until a signal ends it
  kCrashFirstTime,  // the first start exits 7 at once; later starts serve
  kIgnoreSigterm,   // serve, ignoring SIGTERM (so the stop timeout must SIGKILL it)
};

struct Scenario {
  std::vector<Supervisor::Group> groups;
  double stopTimeout = 5;
  ChildBehaviour behaviour = ChildBehaviour::kServe;
  size_t reportsBeforeStop = 0;
  int reloadSignal = 0;           // sent once reportsBeforeStop children reported
  size_t reportsAfterReload = 0;  // successors to wait for before stopping
  int stopSignal = SIGTERM;
  bool recordStarts = false;  // "start <group> <slot> <pid>" records too
  // The master watches the read end of a pipe with watchFd(); each child writes one byte
  // there: 'C' when the watched end is closed in the child, as it must be, 'X' if not.
  bool watchPipe = false;
  // The master also forks a process of its own before run() (as a supervised service is):
  // the supervisor reaps it through onOtherChildExit, and a stop waits for it (othersAlive)
  // until the hooks end it with SIGTERM at a deadline (nextDeadline/onIdle).
  bool otherChild = false;
};

struct Outcome {
  int masterStatus = -1;
  std::vector<Report> reports;
  std::vector<std::string> records;  // one line per hook call, in order
  std::string log;
};

int g_watched[2] = {-1, -1};

[[noreturn]] void runChild(const Scenario& s, const Supervisor::ChildRole& role, int reportFd,
                           const TempDir& dir) {
  prctl(PR_SET_DUMPABLE, 0);  // SIGQUIT would otherwise dump core
  if (s.watchPipe) {
    char byte = fcntl(g_watched[0], F_GETFD) == -1 && errno == EBADF ? 'C' : 'X';
    if (::write(g_watched[1], &byte, 1) != 1) _exit(6);
  }
  if (s.behaviour == ChildBehaviour::kCrashFirstTime) {
    std::string marker = dir.file("crashed-" + std::to_string(role.slot));
    if (!fileExists(marker)) {
      FILE* f = std::fopen(marker.c_str(), "w");
      if (f) std::fclose(f);
      _exit(7);
    }
  }
  if (s.behaviour == ChildBehaviour::kIgnoreSigterm) signal(SIGTERM, SIG_IGN);
  // A reloaded child exits cleanly, as a Surge worker does after onWorkerReload; one of
  // a non-reloadable group keeps serving.
  if (s.groups[static_cast<size_t>(role.group)].reloadable) {
    signal(SIGUSR1, [](int) { _exit(0); });
    signal(SIGUSR2, [](int) { _exit(0); });
  } else {
    signal(SIGUSR1, SIG_IGN);
    signal(SIGUSR2, SIG_IGN);
  }
  Supervisor::notifyReady(role.controlFd);
  Report r{static_cast<int32_t>(getpid()), role.group, role.slot};
  if (::write(reportFd, &r, sizeof r) != static_cast<ssize_t>(sizeof r)) _exit(4);
  for (int i = 0; i < 300; ++i) ::usleep(100 * 1000);  // 30 s at most
  _exit(3);
}

[[noreturn]] void runMaster(const Scenario& s, int reportFd, const TempDir& dir) {
  alarm(60);  // a last resort: SIGALRM is not one of the master's signals and ends it
  Log::configure(dir.file("master.log"), false);
  std::vector<std::string> records;
  Supervisor::Hooks hooks;
  hooks.onChildExit = [&](int group, int slot, pid_t pid, int status) {
    records.push_back("exit " + std::to_string(group) + " " + std::to_string(slot) + " " +
                      std::to_string(pid) + " " + describeExitStatus(status));
  };
  hooks.onStopRequested = [&](int signo, bool graceful) {
    records.push_back("stop " + signalName(signo) + (graceful ? " graceful" : " now"));
  };
  if (s.recordStarts)
    hooks.onChildStarted = [&](int group, int slot, pid_t pid) {
      records.push_back("start " + std::to_string(group) + " " + std::to_string(slot) + " " +
                        std::to_string(pid));
    };
  hooks.onReloadRequested = [&](bool graceful) {
    records.push_back(std::string("reload") + (graceful ? " graceful" : " now"));
  };
  pid_t other = 0;
  double otherTermAt = 0;
  if (s.otherChild) {
    other = fork();
    if (other == 0) {
      for (int i = 0; i < 300; ++i) ::usleep(100 * 1000);
      _exit(3);
    }
    hooks.onOtherChildExit = [&](pid_t pid, int status) {
      records.push_back(std::string(pid == other ? "other" : "stranger") + " exit " +
                        describeExitStatus(status));
      if (pid == other) other = 0;
    };
    hooks.othersAlive = [&]() -> size_t { return other > 0 ? 1 : 0; };
    auto onStop = hooks.onStopRequested;
    hooks.onStopRequested = [&, onStop](int signo, bool graceful) {
      onStop(signo, graceful);
      otherTermAt = Supervisor::now() + 0.2;
    };
    hooks.nextDeadline = [&] { return other > 0 ? otherTermAt : 0.0; };
    hooks.onIdle = [&] {
      if (other > 0 && otherTermAt > 0 && Supervisor::now() >= otherTermAt) {
        records.push_back("other SIGTERM");
        ::kill(other, SIGTERM);
        otherTermAt = 0;
      }
    };
  }
  std::optional<Supervisor::ChildRole> role;
  {
    Supervisor supervisor(s.groups, s.stopTimeout, hooks);
    if (s.watchPipe) {
      if (::pipe(g_watched) != 0) _exit(5);
      supervisor.watchFd(g_watched[0], POLLIN, [&](short revents) {
        char byte = 0;
        if ((revents & POLLIN) && ::read(g_watched[0], &byte, 1) == 1)
          records.push_back(std::string("watched ") + byte);
        supervisor.unwatchFd(g_watched[0]);  // from inside its own callback
      });
    }
    try {
      role = supervisor.run();
    } catch (const std::exception& e) {
      records.push_back(std::string("exception ") + e.what());
    }
    if (role) runChild(s, *role, reportFd, dir);
  }
  std::string text;
  for (const std::string& r : records) text += r + "\n";
  FILE* f = std::fopen(dir.file("records").c_str(), "w");
  if (f == nullptr) _exit(5);
  std::fputs(text.c_str(), f);
  std::fclose(f);
  _exit(0);
}

double monotonicNow() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

Outcome runScenario(const Scenario& s, const TempDir& dir) {
  Outcome out;
  int reports[2];
  if (::pipe(reports) != 0) {
    ADD_FAILURE() << "pipe failed";
    return out;
  }
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t master = fork();
  if (master == 0) {
    setpgid(0, 0);
    ::close(reports[0]);
    runMaster(s, reports[1], dir);
  }
  if (master < 0) {
    ADD_FAILURE() << "fork failed";
    return out;
  }
  setpgid(master, master);  // also here, so the group exists whichever runs first
  ::close(reports[1]);

  // Wait (bounded) for the children's reports.
  auto collect = [&](size_t want) {
    double deadline = monotonicNow() + 20;
    while (out.reports.size() < want && monotonicNow() < deadline) {
      pollfd p{reports[0], POLLIN, 0};
      int n = ::poll(&p, 1, 100);
      if (n <= 0) continue;
      Report r;
      ssize_t got = ::read(reports[0], &r, sizeof r);
      if (got == static_cast<ssize_t>(sizeof r))
        out.reports.push_back(r);
      else if (got == 0)
        break;  // every writer is gone
    }
  };
  collect(s.reportsBeforeStop);
  EXPECT_EQ(out.reports.size(), s.reportsBeforeStop) << "children did not report in time";
  if (s.reloadSignal) {
    ::kill(master, s.reloadSignal);
    collect(s.reportsBeforeStop + s.reportsAfterReload);
    EXPECT_EQ(out.reports.size(), s.reportsBeforeStop + s.reportsAfterReload)
        << "successors did not report in time";
    // Let the master see the last retiree exit before it is told to stop.
    for (int i = 0; i < 200 && !Contains(readFile(dir.file("master.log")), "reload done"); ++i)
      ::usleep(10 * 1000);
  }

  ::kill(master, s.stopSignal);
  out.masterStatus = surge::testing::waitChild(master, 30);
  ::kill(-master, SIGKILL);  // whatever is left of the group (normally nothing)
  ::close(reports[0]);
  out.records = lines(readFile(dir.file("records")));
  out.log = readFile(dir.file("master.log"));
  return out;
}

std::string recordsText(const Outcome& o) {
  std::string text;
  for (const std::string& r : o.records) text += "  " + r + "\n";
  return text + "log:\n" + o.log;
}

TEST(SupervisorTest, StartsAGroupOfChildrenAndStopsThemOnSigterm) {
  TempDir dir;
  Scenario s;
  s.groups = {{"web", 2}};
  s.reportsBeforeStop = 2;
  Outcome o = runScenario(s, dir);

  ASSERT_TRUE(WIFEXITED(o.masterStatus) && WEXITSTATUS(o.masterStatus) == 0)
      << describeExitStatus(o.masterStatus) << "\n"
      << recordsText(o);
  ASSERT_EQ(o.reports.size(), 2u);
  std::set<int> slots;
  std::set<pid_t> pids;
  for (const Report& r : o.reports) {
    EXPECT_EQ(r.group, 0);
    slots.insert(r.slot);
    pids.insert(r.pid);
  }
  EXPECT_EQ(slots, (std::set<int>{0, 1}));
  EXPECT_EQ(pids.size(), 2u);

  ASSERT_EQ(o.records.size(), 3u) << recordsText(o);
  EXPECT_EQ(o.records[0], "stop SIGTERM now");
  std::vector<std::string> exits(o.records.begin() + 1, o.records.end());
  std::sort(exits.begin(), exits.end());
  std::vector<std::string> expected;
  for (const Report& r : o.reports)
    expected.push_back("exit 0 " + std::to_string(r.slot) + " " + std::to_string(r.pid) +
                       " killed by SIGTERM (" + strsignal(SIGTERM) + ")");
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(exits, expected);
  // A requested stop is not an incident: nothing about the children in the log.
  EXPECT_FALSE(Contains(o.log, "worker[")) << o.log;
}

TEST(SupervisorTest, WatchedDescriptorsWakeTheMasterAndAreClosedInChildren) {
  TempDir dir;
  Scenario s;
  s.groups = {{"web", 1}};
  s.reportsBeforeStop = 1;
  s.watchPipe = true;
  Outcome o = runScenario(s, dir);

  ASSERT_TRUE(WIFEXITED(o.masterStatus) && WEXITSTATUS(o.masterStatus) == 0)
      << describeExitStatus(o.masterStatus) << "\n"
      << recordsText(o);
  ASSERT_EQ(o.records.size(), 3u) << recordsText(o);
  EXPECT_EQ(o.records[0], "watched C");  // the child saw no copy of the watched end
  EXPECT_EQ(o.records[1], "stop SIGTERM now");
}

TEST(SupervisorTest, OtherChildrenAreHandedOverAndAStopWaitsForThem) {
  TempDir dir;
  Scenario s;
  s.groups = {{"web", 1}};
  s.reportsBeforeStop = 1;
  s.otherChild = true;
  Outcome o = runScenario(s, dir);

  ASSERT_TRUE(WIFEXITED(o.masterStatus) && WEXITSTATUS(o.masterStatus) == 0)
      << describeExitStatus(o.masterStatus) << "\n"
      << recordsText(o);
  // The worker exits at once; run() returns only after the other process, which the hooks
  // end later, was reaped and handed over (not taken for a worker, nothing logged).
  ASSERT_EQ(o.records.size(), 4u) << recordsText(o);
  EXPECT_EQ(o.records[0], "stop SIGTERM now");
  EXPECT_TRUE(o.records[1].rfind("exit 0 0 ", 0) == 0) << recordsText(o);
  EXPECT_EQ(o.records[2], "other SIGTERM");
  EXPECT_EQ(o.records[3], std::string("other exit killed by SIGTERM (") + strsignal(SIGTERM) + ")");
  EXPECT_FALSE(Contains(o.log, "worker[")) << o.log;
}

TEST(SupervisorTest, ReloadReplacesEachChildOnlyAfterItsSuccessorIsReady) {
  TempDir dir;
  Scenario s;
  s.groups = {{"web", 2}, {"keep", 1, false}};
  s.reportsBeforeStop = 3;
  s.reloadSignal = SIGUSR1;
  s.reportsAfterReload = 2;  // one successor per reloadable child
  Outcome o = runScenario(s, dir);

  ASSERT_TRUE(WIFEXITED(o.masterStatus) && WEXITSTATUS(o.masterStatus) == 0)
      << describeExitStatus(o.masterStatus) << "\n"
      << recordsText(o);
  ASSERT_EQ(o.reports.size(), 5u) << recordsText(o);
  std::map<int, pid_t> before;  // slot of "web" -> pid
  pid_t keep = 0;
  for (size_t i = 0; i < 3; ++i) {
    if (o.reports[i].group == 0)
      before[o.reports[i].slot] = o.reports[i].pid;
    else
      keep = o.reports[i].pid;
  }
  ASSERT_EQ(before.size(), 2u);
  for (size_t i = 3; i < 5; ++i) {
    EXPECT_EQ(o.reports[i].group, 0) << "the non-reloadable group was not restarted";
    EXPECT_NE(o.reports[i].pid, before[o.reports[i].slot]);
  }
  ASSERT_GE(o.records.size(), 3u) << recordsText(o);
  EXPECT_EQ(o.records[0], "reload now");
  // The reloadable children were retired (slot -1) after their successors reported
  // ready; the non-reloadable one only got the signal and served until the stop.
  std::vector<std::string> retired;
  for (const std::string& r : o.records)
    if (r.rfind("exit 0 -1 ", 0) == 0) retired.push_back(r);
  ASSERT_EQ(retired.size(), 2u) << recordsText(o);
  for (const std::string& r : retired) EXPECT_TRUE(Contains(r, "exit code 0")) << r;
  EXPECT_TRUE(Contains(recordsText(o), "exit 1 0 " + std::to_string(keep) + " killed by SIGTERM"))
      << recordsText(o);
  EXPECT_TRUE(Contains(o.log, "reload done")) << o.log;
}

TEST(SupervisorTest, ReloadOfAStopFirstGroupStopsEachChildBeforeStartingItsSuccessor) {
  TempDir dir;
  Scenario s;
  s.groups = {{"jobs", 2, true, true}};
  s.reportsBeforeStop = 2;
  s.reloadSignal = SIGUSR1;
  s.reportsAfterReload = 2;
  s.recordStarts = true;
  Outcome o = runScenario(s, dir);
  ASSERT_TRUE(WIFEXITED(o.masterStatus) && WEXITSTATUS(o.masterStatus) == 0) << recordsText(o);
  ASSERT_EQ(o.reports.size(), 4u) << recordsText(o);
  // After "reload now", per slot: the old child's exit, then its successor's start; never
  // two live children for one slot.
  std::vector<std::string> afterReload;
  bool seen = false;
  for (const std::string& r : o.records) {
    if (r == "reload now")
      seen = true;
    else if (seen && (r.rfind("start ", 0) == 0 || r.rfind("exit 0 -1 ", 0) == 0))
      afterReload.push_back(r.substr(0, r.rfind(' ')));
  }
  ASSERT_EQ(afterReload.size(), 4u) << recordsText(o);
  EXPECT_EQ(afterReload[0].substr(0, 9), "exit 0 -1") << recordsText(o);
  EXPECT_EQ(afterReload[1].substr(0, 7), "start 0") << recordsText(o);
  EXPECT_EQ(afterReload[2].substr(0, 9), "exit 0 -1") << recordsText(o);
  EXPECT_EQ(afterReload[3].substr(0, 7), "start 0") << recordsText(o);
  EXPECT_TRUE(Contains(o.log, "reload done")) << o.log;
}

TEST(SupervisorTest, RestartsAChildThatDied) {
  TempDir dir;
  Scenario s;
  s.groups = {{"svc", 1}};
  s.behaviour = ChildBehaviour::kCrashFirstTime;
  s.reportsBeforeStop = 1;
  Outcome o = runScenario(s, dir);

  ASSERT_TRUE(WIFEXITED(o.masterStatus) && WEXITSTATUS(o.masterStatus) == 0)
      << describeExitStatus(o.masterStatus) << "\n"
      << recordsText(o);
  ASSERT_EQ(o.reports.size(), 1u);
  pid_t second = o.reports[0].pid;
  ASSERT_EQ(o.records.size(), 3u) << recordsText(o);
  // The first child's exit: "exit 0 0 <pid> exit code 7 (...)".
  std::istringstream first(o.records[0]);
  std::string word;
  int group = -1, slot = -1;
  pid_t crashed = 0;
  first >> word >> group >> slot >> crashed;
  EXPECT_EQ(word, "exit");
  EXPECT_EQ(group, 0);
  EXPECT_EQ(slot, 0);
  EXPECT_NE(crashed, second);
  EXPECT_TRUE(Contains(o.records[0], " exit code 7 (exit() or Worker::stopAll() with this code)"));
  EXPECT_EQ(o.records[1], "stop SIGTERM now");
  EXPECT_EQ(o.records[2], "exit 0 0 " + std::to_string(second) + " killed by SIGTERM (" +
                              strsignal(SIGTERM) + ")");
  // An unexpected exit is logged with its cause.
  EXPECT_TRUE(Contains(o.log, "worker[svc:" + std::to_string(crashed) +
                                  "] exit code 7 (exit() or Worker::stopAll() with this code)"));
  // One fast death restarts at once, without a back-off message.
  EXPECT_FALSE(Contains(o.log, "died 1 times"));
}

TEST(SupervisorTest, ChildIgnoringSigtermIsKilledAfterTheStopTimeout) {
  TempDir dir;
  Scenario s;
  s.groups = {{"stubborn", 1}};
  s.behaviour = ChildBehaviour::kIgnoreSigterm;
  s.stopTimeout = 0.2;
  s.reportsBeforeStop = 1;
  Outcome o = runScenario(s, dir);

  ASSERT_TRUE(WIFEXITED(o.masterStatus) && WEXITSTATUS(o.masterStatus) == 0)
      << describeExitStatus(o.masterStatus) << "\n"
      << recordsText(o);
  ASSERT_EQ(o.reports.size(), 1u);
  ASSERT_EQ(o.records.size(), 2u) << recordsText(o);
  EXPECT_EQ(o.records[0], "stop SIGTERM now");
  EXPECT_EQ(o.records[1], "exit 0 0 " + std::to_string(o.reports[0].pid) + " killed by SIGKILL (" +
                              strsignal(SIGKILL) + ")");
  EXPECT_TRUE(Contains(o.log, "worker[stubborn:" + std::to_string(o.reports[0].pid) +
                                  "] did not stop within 0.2 s of stopTimeout, sending SIGKILL"));
}

TEST(SupervisorTest, SigquitStopsGracefully) {
  TempDir dir;
  Scenario s;
  s.groups = {{"a", 1}, {"b", 2}};
  s.stopSignal = SIGQUIT;
  s.reportsBeforeStop = 3;
  Outcome o = runScenario(s, dir);

  ASSERT_TRUE(WIFEXITED(o.masterStatus) && WEXITSTATUS(o.masterStatus) == 0)
      << describeExitStatus(o.masterStatus) << "\n"
      << recordsText(o);
  ASSERT_EQ(o.reports.size(), 3u);
  std::set<std::pair<int, int>> roles;
  for (const Report& r : o.reports) roles.insert({r.group, r.slot});
  EXPECT_EQ(roles, (std::set<std::pair<int, int>>{{0, 0}, {1, 0}, {1, 1}}));
  ASSERT_EQ(o.records.size(), 4u) << recordsText(o);
  EXPECT_EQ(o.records[0], "stop SIGQUIT graceful");
  for (size_t i = 1; i < o.records.size(); ++i)
    EXPECT_TRUE(Contains(o.records[i], "killed by SIGQUIT")) << o.records[i];
}

}  // namespace
}  // namespace surge
