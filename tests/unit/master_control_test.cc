#include "process/master_control.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "test_support.h"

namespace surge {
namespace {

using surge::testing::TempDir;
using surge::testing::waitChild;

void writePid(const std::string& path, pid_t pid) {
  FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fprintf(f, "%d", static_cast<int>(pid));
  std::fclose(f);
}

// What a forked stand-in for the master does with the stop signals.
enum class OnSignal { kExit, kIgnore, kExitLater };

void handleIntByExiting(int) {
  _exit(2);
}
void handleQuitByExiting(int) {
  _exit(3);
}
void handleQuitByExitingLater(int) {
  ::usleep(300 * 1000);  // a graceful stop that takes a while
  _exit(3);
}

// A child of this test process standing in for a master: it exits 2 on SIGINT and 3 on
// SIGQUIT (or ignores both), and returns once its handlers are in place. Its cmdline is
// this test binary's (surge_unit_tests), which PidFile::readLive() accepts as Surge's.
// The test process is its parent and reaps it only after stopRunningMaster() returned,
// so in between the exited child is a zombie: the wait must see it as gone.
pid_t forkMaster(OnSignal behaviour) {
  int ready[2];
  if (::pipe(ready) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    ::close(ready[0]);
    if (behaviour == OnSignal::kIgnore) {
      signal(SIGINT, SIG_IGN);
      signal(SIGQUIT, SIG_IGN);
    } else {
      signal(SIGINT, &handleIntByExiting);
      signal(SIGQUIT,
             behaviour == OnSignal::kExit ? &handleQuitByExiting : &handleQuitByExitingLater);
    }
    char byte = 1;
    if (::write(ready[1], &byte, 1) != 1) _exit(1);
    for (int i = 0; i < 600; ++i) ::usleep(100 * 1000);
    _exit(0);
  }
  ::close(ready[1]);
  char byte;
  while (::read(ready[0], &byte, 1) < 0 && errno == EINTR) {
  }
  ::close(ready[0]);
  return pid;
}

// The child's exit code, or -1 if it did not exit by itself.
int exitCodeOf(pid_t pid) {
  int status = waitChild(pid, 20);
  return status >= 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(MasterControlTest, ProcessAliveSeesAZombieAsGone) {
  EXPECT_TRUE(processAlive(getpid()));
  pid_t pid = fork();
  if (pid == 0) _exit(0);
  ASSERT_GT(pid, 0);
  // Not reaped: the child stays a zombie until waitChild() below.
  for (int i = 0; i < 2000 && processAlive(pid); ++i) ::usleep(5000);
  EXPECT_FALSE(processAlive(pid));
  EXPECT_EQ(::kill(pid, 0), 0) << "still a zombie, not reaped";
  waitChild(pid);
  EXPECT_FALSE(processAlive(pid));
}

TEST(MasterControlTest, NoPidFileMeansNotRunning) {
  TempDir dir;
  int called = 0;
  EXPECT_EQ(stopRunningMaster(dir.file("missing.pid"), false, 1, [&](pid_t) { ++called; }),
            StopOutcome::kNotRunning);
  EXPECT_EQ(called, 0);
}

TEST(MasterControlTest, APidFileNamingADeadProcessMeansNotRunning) {
  TempDir dir;
  pid_t pid = fork();
  if (pid == 0) _exit(0);
  waitChild(pid);
  writePid(dir.file("m.pid"), pid);
  int called = 0;
  EXPECT_EQ(stopRunningMaster(dir.file("m.pid"), false, 1, [&](pid_t) { ++called; }),
            StopOutcome::kNotRunning);
  EXPECT_EQ(called, 0);
}

TEST(MasterControlTest, APidFileNamingAZombieMeansNotRunning) {
  TempDir dir;
  pid_t pid = fork();
  if (pid == 0) _exit(0);
  for (int i = 0; i < 2000 && processAlive(pid); ++i) ::usleep(5000);
  writePid(dir.file("m.pid"), pid);
  int called = 0;
  EXPECT_EQ(stopRunningMaster(dir.file("m.pid"), true, 1, [&](pid_t) { ++called; }),
            StopOutcome::kNotRunning);
  EXPECT_EQ(called, 0);
  waitChild(pid);
}

TEST(MasterControlTest, AForcedStopSendsSigintAndWaitsForTheMasterToBeGone) {
  TempDir dir;
  pid_t pid = forkMaster(OnSignal::kExit);
  ASSERT_GT(pid, 0);
  writePid(dir.file("m.pid"), pid);
  std::vector<pid_t> told;
  bool aliveWhenTold = false;
  StopOutcome outcome = stopRunningMaster(dir.file("m.pid"), false, 10, [&](pid_t p) {
    told.push_back(p);
    aliveWhenTold = processAlive(p);  // called before the signal, not after
  });
  EXPECT_EQ(outcome, StopOutcome::kStopped);
  EXPECT_EQ(told, std::vector<pid_t>{pid});
  EXPECT_TRUE(aliveWhenTold);
  EXPECT_EQ(exitCodeOf(pid), 2) << "ended by SIGINT";
}

TEST(MasterControlTest, AGracefulStopSendsSigquit) {
  TempDir dir;
  pid_t pid = forkMaster(OnSignal::kExit);
  ASSERT_GT(pid, 0);
  writePid(dir.file("m.pid"), pid);
  EXPECT_EQ(stopRunningMaster(dir.file("m.pid"), true, 10), StopOutcome::kStopped);
  EXPECT_EQ(exitCodeOf(pid), 3) << "ended by SIGQUIT";
}

TEST(MasterControlTest, AForcedStopGivesUpAfterTheTimeout) {
  TempDir dir;
  pid_t pid = forkMaster(OnSignal::kIgnore);
  ASSERT_GT(pid, 0);
  writePid(dir.file("m.pid"), pid);
  int called = 0;
  EXPECT_EQ(stopRunningMaster(dir.file("m.pid"), false, 0.2, [&](pid_t) { ++called; }),
            StopOutcome::kTimedOut);
  EXPECT_EQ(called, 1);
  EXPECT_TRUE(processAlive(pid));
  ::kill(pid, SIGKILL);
  waitChild(pid);
}

TEST(MasterControlTest, AGracefulStopWaitsBeyondTheTimeout) {
  TempDir dir;
  pid_t pid = forkMaster(OnSignal::kExitLater);
  ASSERT_GT(pid, 0);
  writePid(dir.file("m.pid"), pid);
  // A graceful stop lasts as long as the master's connections: no timeout applies.
  EXPECT_EQ(stopRunningMaster(dir.file("m.pid"), true, 0), StopOutcome::kStopped);
  EXPECT_EQ(exitCodeOf(pid), 3);
}

}  // namespace
}  // namespace surge
