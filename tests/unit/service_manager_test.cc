#include "process/service_manager.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/log.h"
#include "process/service_launch.h"
#include "process/supervisor.h"
#include "test_support.h"

namespace surge {
namespace {

using surge::testing::Contains;
using surge::testing::readFile;
using surge::testing::TempDir;

ServiceSpec shell(const std::string& name, const std::string& script) {
  ServiceSpec s;
  s.name = name;
  s.argv = {"/bin/sh", "-c", script};
  s.backoffInitial = 0.01;
  s.backoffMax = 0.02;
  return s;
}

// The loop a master runs around a ServiceManager: poll the watched pipes, reap, tick.
class Harness {
 public:
  explicit Harness(std::vector<ServiceSpec> specs) {
    Log::configure(dir.file("log"), false);
    ServiceManager::Watcher w;
    w.watch = [this](int fd, std::function<void(short)> cb) { watched_[fd] = std::move(cb); };
    w.unwatch = [this](int fd) { watched_.erase(fd); };
    manager = std::make_unique<ServiceManager>(std::move(specs), std::move(w), dir.file("state"));
  }
  ~Harness() {
    manager->stop();
    runUntil([&] { return manager->alive() == 0; }, 10);
    manager.reset();
    Log::configure("", true);
  }

  bool runUntil(const std::function<bool()>& done, double seconds = 10) {
    double deadline = Supervisor::now() + seconds;
    while (!done()) {
      if (Supervisor::now() > deadline) return false;
      std::vector<pollfd> fds;
      for (const auto& [fd, cb] : watched_) fds.push_back({fd, POLLIN, 0});
      ::poll(fds.data(), fds.size(), 5);
      for (const pollfd& p : fds) {
        auto it = watched_.find(p.fd);
        if (p.revents == 0 || it == watched_.end()) continue;
        auto cb = it->second;
        cb(p.revents);
      }
      int status;
      pid_t pid;
      while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0) manager->onChildExit(pid, status);
      manager->tick();
    }
    return true;
  }

  std::string log() const { return readFile(dir.file("log")); }
  ServiceView view(size_t i = 0) const { return manager->views().at(i); }
  size_t watchedCount() const { return watched_.size(); }

  TempDir dir;
  std::unique_ptr<ServiceManager> manager;

 private:
  std::map<int, std::function<void(short)>> watched_;
};

TEST(ServiceManagerTest, BackoffDoublesUpToItsMaximum) {
  ServiceSpec s;
  s.backoffInitial = 0.1;
  s.backoffMax = 1;
  EXPECT_DOUBLE_EQ(ServiceManager::backoffDelay(s, 0), 0.1);
  EXPECT_DOUBLE_EQ(ServiceManager::backoffDelay(s, 1), 0.1);
  EXPECT_DOUBLE_EQ(ServiceManager::backoffDelay(s, 2), 0.2);
  EXPECT_DOUBLE_EQ(ServiceManager::backoffDelay(s, 4), 0.8);
  EXPECT_DOUBLE_EQ(ServiceManager::backoffDelay(s, 5), 1);
  EXPECT_DOUBLE_EQ(ServiceManager::backoffDelay(s, 100000), 1);
}

TEST(ServiceManagerTest, OutputIsLoggedLineByLineAndACrashIsRestarted) {
  ServiceSpec spec = shell("crashy", "echo \"one $GREETING\"; pwd; printf 'no newline'; exit 2");
  TempDir cwd;
  spec.env = {{"GREETING", "hello"}};
  spec.cwd = cwd.path();
  Harness h({spec});
  h.manager->start();
  ASSERT_TRUE(h.runUntil([&] { return h.view().restarts >= 2; })) << h.log();
  ASSERT_TRUE(h.runUntil([&] { return Contains(h.log(), "no newline\n"); }));
  std::string log = h.log();
  EXPECT_TRUE(Contains(log, "] one hello\n")) << log;
  EXPECT_TRUE(Contains(log, "] " + cwd.path() + "\n")) << log;
  EXPECT_TRUE(Contains(log, "exited with code 2; restarting in ")) << log;
  // Each line carries the service's name and the pid that wrote it.
  EXPECT_TRUE(Contains(log, "service[crashy:")) << log;
  EXPECT_EQ(h.view().exited, true);
  EXPECT_TRUE(WIFEXITED(h.view().lastStatus) && WEXITSTATUS(h.view().lastStatus) == 2);
  std::vector<ServiceView> file = parseServiceFile(readFile(h.dir.file("state")));
  ASSERT_EQ(file.size(), 1u);
  EXPECT_EQ(file[0].name, "crashy");
  EXPECT_GE(file[0].restarts, 1);
}

TEST(ServiceManagerTest, OnFailureLeavesACleanExitAlone) {
  ServiceSpec spec = shell("once", "echo done");
  spec.restart = ServiceSpec::Restart::kOnFailure;
  Harness h({spec});
  h.manager->start();
  ASSERT_TRUE(h.runUntil([&] { return h.view().state == "stopped"; })) << h.log();
  EXPECT_EQ(h.view().restarts, 0);
  EXPECT_TRUE(Contains(h.log(), "exited with code 0; not restarted (restart: on-failure)"))
      << h.log();
  EXPECT_EQ(h.manager->nextDeadline(), 0);
  EXPECT_EQ(h.watchedCount(), 0u);  // its pipe is closed
}

TEST(ServiceManagerTest, AMissingProgramIsExplainedAndRetriedOrNot) {
  TempDir scratch;
  std::string file = scratch.file("plain.txt");
  FILE* f = std::fopen(file.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fclose(f);
  ServiceSpec missing;
  missing.name = "missing";
  missing.argv = {"surge-no-such-program"};
  missing.backoffInitial = 0.01;
  ServiceSpec never = missing;
  never.name = "never";
  never.restart = ServiceSpec::Restart::kNever;
  ServiceSpec notExec = missing;
  notExec.name = "noexec";
  notExec.argv = {file};
  ServiceSpec badCwd = shell("badcwd", "true");
  badCwd.cwd = scratch.file("no-such-dir");
  Harness h({missing, never, notExec, badCwd});
  h.manager->start();
  std::string log = h.log();
  EXPECT_TRUE(Contains(log,
                       "service[missing] cannot start: \"surge-no-such-program\" was not "
                       "found in PATH"))
      << log;
  EXPECT_TRUE(Contains(log, "install it, or give its full path as command[0]")) << log;
  EXPECT_TRUE(Contains(log, "service[never] not retried (restart: never)")) << log;
  EXPECT_TRUE(
      Contains(log, "service[noexec] cannot start: \"" + file + "\" is not an executable file"))
      << log;
  EXPECT_TRUE(Contains(log, "service[badcwd] cannot start: cannot change to its cwd")) << log;
  EXPECT_EQ(h.view(0).state, "backoff");
  EXPECT_EQ(h.view(1).state, "stopped");
  EXPECT_EQ(h.view(0).pid, 0);
  EXPECT_GT(h.manager->nextDeadline(), 0);
  // Retried after its back-off.
  auto attempts = [&] {
    std::string text = h.log();
    size_t n = 0;
    for (size_t at = 0; (at = text.find("service[missing] cannot start", at)) != std::string::npos;
         ++at)
      ++n;
    return n;
  };
  ASSERT_TRUE(h.runUntil([&] { return attempts() >= 2; })) << h.log();
}

TEST(ServiceManagerTest, TheProgramGetsNoInheritedDescriptorsIgnoredOrBlockedSignals) {
  int leaked = ::open("/dev/null", O_RDONLY);  // no O_CLOEXEC: fork() would pass it on
  ASSERT_GE(leaked, 3);
  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  sigprocmask(SIG_BLOCK, &block, &old);
  auto oldPipe = signal(SIGPIPE, SIG_IGN);
  ServiceSpec fds;
  fds.name = "fds";
  fds.argv = {"/bin/ls", "/proc/self/fd"};
  fds.restart = ServiceSpec::Restart::kNever;
  ServiceSpec sigs = fds;
  sigs.name = "sigs";
  sigs.argv = {"/bin/grep", "-E", "^Sig(Ign|Blk)", "/proc/self/status"};
  Harness h({fds, sigs});
  h.manager->start();
  ASSERT_TRUE(h.runUntil([&] {
    return h.view(0).state == "stopped" && h.view(1).state == "stopped";
  })) << h.log();
  sigprocmask(SIG_SETMASK, &old, nullptr);
  signal(SIGPIPE, oldPipe);
  ::close(leaked);
  std::string log = h.log();
  // ls sees 0, 1, 2 and the directory it reads (3): nothing of ours.
  for (int fd = 4; fd < 64; ++fd)
    EXPECT_FALSE(Contains(log, "service[fds:") && Contains(log, "] " + std::to_string(fd) + "\n"))
        << "fd " << fd << " leaked:\n"
        << log;
  EXPECT_TRUE(Contains(log, "SigBlk:\t0000000000000000")) << log;
  EXPECT_TRUE(Contains(log, "SigIgn:\t0000000000000000")) << log;
}

TEST(ServiceManagerTest, StopSendsSigtermThenSigkillAfterTheStopTimeout) {
  ServiceSpec polite = shell("polite", "echo up; exec sleep 30");
  ServiceSpec stubborn = shell("stubborn",
                               "trap 'echo ignoring TERM' TERM; echo up; "
                               "while :; do sleep 0.05; done");
  stubborn.stopTimeout = 0.3;
  Harness h({polite, stubborn});
  h.manager->start();
  ASSERT_TRUE(h.runUntil([&] {
    std::string log = h.log();
    return Contains(log, "service[polite:") && Contains(log, "] up\n") &&
           log.find("] up\n") != log.rfind("] up\n");
  })) << h.log();
  h.manager->stop();
  ASSERT_TRUE(h.runUntil([&] { return h.manager->alive() == 0; })) << h.log();
  std::string log = h.log();
  EXPECT_TRUE(Contains(log, "killed by SIGTERM")) << log;
  EXPECT_TRUE(Contains(log, "ignoring TERM")) << log;
  EXPECT_TRUE(Contains(log, "did not stop within 0.3 s of stopTimeout, sending SIGKILL")) << log;
  EXPECT_TRUE(Contains(log, "killed by SIGKILL")) << log;
  EXPECT_EQ(h.view(0).state, "stopped");
  EXPECT_EQ(h.view(1).state, "stopped");
  EXPECT_EQ(h.view(0).restarts, 0);  // nothing starts again during a stop
  h.manager->removeStateFile();
  EXPECT_FALSE(surge::testing::fileExists(h.dir.file("state")));
}

TEST(ServiceManagerTest, ResolveProgram) {
  std::string error;
  EXPECT_EQ(resolveProgram("sh", "/nonexistent:/bin", &error), "/bin/sh");
  EXPECT_EQ(resolveProgram("/bin/sh", "", &error), "/bin/sh");
  EXPECT_EQ(resolveProgram("/bin", "", &error), "");
  EXPECT_TRUE(Contains(error, "is not an executable file"));
  EXPECT_EQ(resolveProgram("/no/such", "", &error), "");
  EXPECT_TRUE(Contains(error, "does not exist"));
}

}  // namespace
}  // namespace surge
