#include "process/exit_status.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "test_support.h"

namespace surge {
namespace {

using surge::testing::Contains;

// Forks a child that runs fn() and then _exit(0)s; returns its wait status.
template <typename Fn>
int statusOfChild(Fn fn, int waitFlags = 0) {
  pid_t pid = fork();
  if (pid == 0) {
    // No core files from the signal tests, and default actions for the signals we raise
    // (the sanitizers install their own SIGSEGV handler).
    prctl(PR_SET_DUMPABLE, 0);
    rlimit none{0, 0};
    setrlimit(RLIMIT_CORE, &none);
    signal(SIGSEGV, SIG_DFL);
    fn();
    _exit(0);
  }
  EXPECT_GT(pid, 0);
  int status = 0;
  if (waitFlags == 0) {
    status = surge::testing::waitChild(pid, 20);
  } else {
    while (::waitpid(pid, &status, waitFlags) < 0 && errno == EINTR) {
    }
  }
  return status;
}

TEST(ExitStatusTest, NormalExit) {
  int status = statusOfChild([] { _exit(0); });
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(describeExitStatus(status), "exit code 0 (normal exit)");
}

TEST(ExitStatusTest, UncaughtException) {
  int status = statusOfChild([] { _exit(250); });
  EXPECT_EQ(describeExitStatus(status), "exit code 250 (stopped after an uncaught exception)");
}

TEST(ExitStatusTest, FatalError) {
  int status = statusOfChild([] { _exit(255); });
  std::string text = describeExitStatus(status);
  EXPECT_TRUE(Contains(text, "exit code 255"));
  EXPECT_EQ(text, "exit code 255 (PHP fatal error, see the log above)");
}

TEST(ExitStatusTest, OtherExitCode) {
  int status = statusOfChild([] { _exit(3); });
  EXPECT_EQ(describeExitStatus(status), "exit code 3 (exit() or Worker::stopAll() with this code)");
}

TEST(ExitStatusTest, KilledBySigkill) {
  int status = statusOfChild([] { ::kill(getpid(), SIGKILL); });
  ASSERT_TRUE(WIFSIGNALED(status));
  std::string text = describeExitStatus(status);
  EXPECT_EQ(text.rfind("killed by SIGKILL", 0), 0u) << text;
  EXPECT_TRUE(Contains(text, std::string("(") + strsignal(SIGKILL) + ")"));
}

TEST(ExitStatusTest, KilledBySigsegv) {
  int status = statusOfChild([] { raise(SIGSEGV); });
  ASSERT_TRUE(WIFSIGNALED(status)) << status;
  ASSERT_EQ(WTERMSIG(status), SIGSEGV);
  std::string text = describeExitStatus(status);
  EXPECT_EQ(text.rfind("killed by SIGSEGV", 0), 0u) << text;
  EXPECT_TRUE(Contains(text, std::string("killed by SIGSEGV (") + strsignal(SIGSEGV) + ")"));
}

TEST(ExitStatusTest, KilledBySigterm) {
  int status = statusOfChild([] { raise(SIGTERM); });
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(describeExitStatus(status).rfind("killed by SIGTERM (", 0), 0u);
}

TEST(ExitStatusTest, CoreDumpIsMentioned) {
  // A synthetic status: the kernel sets 0x80 when it wrote a core file.
  int status = SIGSEGV | 0x80;
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_TRUE(WCOREDUMP(status));
  std::string text = describeExitStatus(status);
  EXPECT_EQ(text, std::string("killed by SIGSEGV (") + strsignal(SIGSEGV) + "), core dumped");
}

TEST(ExitStatusTest, StoppedChild) {
  pid_t pid = fork();
  if (pid == 0) {
    // Its own process group, whose parent (this test) is outside it: not an orphaned
    // group, so the kernel does not discard the job-control stop.
    setpgid(0, 0);
    raise(SIGTSTP);
    _exit(0);
  }
  ASSERT_GT(pid, 0);
  int status = 0;
  while (::waitpid(pid, &status, WUNTRACED) < 0 && errno == EINTR) {
  }
  ASSERT_TRUE(WIFSTOPPED(status));
  EXPECT_EQ(describeExitStatus(status), "stopped by SIGTSTP");
  ::kill(pid, SIGKILL);
  EXPECT_NE(surge::testing::waitChild(pid, 20), -1);
}

TEST(ExitStatusTest, SignalNames) {
  EXPECT_EQ(signalName(SIGHUP), "SIGHUP");
  EXPECT_EQ(signalName(SIGINT), "SIGINT");
  EXPECT_EQ(signalName(SIGQUIT), "SIGQUIT");
  EXPECT_EQ(signalName(SIGABRT), "SIGABRT");
  EXPECT_EQ(signalName(SIGKILL), "SIGKILL");
  EXPECT_EQ(signalName(SIGSEGV), "SIGSEGV");
  EXPECT_EQ(signalName(SIGPIPE), "SIGPIPE");
  EXPECT_EQ(signalName(SIGTERM), "SIGTERM");
  EXPECT_EQ(signalName(SIGUSR1), "SIGUSR1");
  EXPECT_EQ(signalName(SIGUSR2), "SIGUSR2");
  EXPECT_EQ(signalName(SIGCHLD), "SIGCHLD");
  EXPECT_EQ(signalName(SIGTSTP), "SIGTSTP");
  EXPECT_EQ(signalName(SIGBUS), "SIGBUS");
  EXPECT_EQ(signalName(SIGFPE), "SIGFPE");
  EXPECT_EQ(signalName(0), "signal 0");
  EXPECT_EQ(signalName(SIGRTMIN + 1), "signal " + std::to_string(SIGRTMIN + 1));
}

}  // namespace
}  // namespace surge
