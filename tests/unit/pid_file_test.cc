#include "process/pid_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "test_support.h"

namespace surge {
namespace {

using surge::testing::Contains;
using surge::testing::fileExists;
using surge::testing::readFile;
using surge::testing::TempDir;
using surge::testing::waitChild;

void writeText(const std::string& path, const std::string& text) {
  FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs(text.c_str(), f);
  std::fclose(f);
}

// A child of this test process that sleeps until killed; its /proc cmdline is this test
// binary's (surge_unit_tests), which readLive() accepts as "looks like Surge".
pid_t forkSleeper() {
  pid_t pid = fork();
  if (pid == 0) {
    for (int i = 0; i < 600; ++i) ::usleep(100 * 1000);
    _exit(0);
  }
  return pid;
}

void reap(pid_t pid) {
  ::kill(pid, SIGKILL);
  waitChild(pid, 20);
}

// Waits (bounded) until `pred()` holds; returns whether it did.
template <typename Pred>
bool eventually(Pred pred, double seconds = 10) {
  for (int i = 0; i < seconds * 200; ++i) {
    if (pred()) return true;
    ::usleep(5000);
  }
  return pred();
}

TEST(PidFileTest, WriteStoresThePidAtomically) {
  TempDir dir;
  std::string path = dir.file("app.pid");
  PidFile::write(path, 12345);
  EXPECT_EQ(readFile(path), "12345");
  PidFile::write(path, 7);  // replaces, does not append
  EXPECT_EQ(readFile(path), "7");
  // No temp file is left behind.
  EXPECT_FALSE(fileExists(path + ".tmp" + std::to_string(getpid())));
}

TEST(PidFileTest, WriteIntoAMissingDirectoryThrows) {
  TempDir dir;
  std::string path = dir.file("missing/app.pid");
  try {
    PidFile::write(path, 1);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(Contains(e.what(), "cannot save the pid to " + path));
  }
}

TEST(PidFileTest, RemoveDeletesTheFile) {
  TempDir dir;
  std::string path = dir.file("app.pid");
  PidFile::write(path, 1);
  ASSERT_TRUE(fileExists(path));
  PidFile::remove(path);
  EXPECT_FALSE(fileExists(path));
  PidFile::remove(path);  // already gone: fine
  EXPECT_FALSE(fileExists(path));
}

TEST(PidFileTest, ReadLiveReturnsALiveSurgeProcess) {
  TempDir dir;
  std::string path = dir.file("app.pid");
  pid_t child = forkSleeper();
  ASSERT_GT(child, 0);
  PidFile::write(path, child);
  EXPECT_EQ(PidFile::readLive(path), child);
  reap(child);
}

TEST(PidFileTest, ReadLiveIgnoresItsOwnPid) {
  TempDir dir;
  std::string path = dir.file("app.pid");
  PidFile::write(path, getpid());
  EXPECT_EQ(PidFile::readLive(path), 0);
}

TEST(PidFileTest, ReadLiveOfTheParentDependsOnWhatItRuns) {
  // The parent (ctest, a shell, ...) is alive; it counts only if its command line
  // mentions php or surge.
  TempDir dir;
  std::string path = dir.file("app.pid");
  pid_t parent = getppid();
  std::string cmdline = readFile("/proc/" + std::to_string(parent) + "/cmdline");
  bool looksLikeSurge = cmdline.find("php") != std::string::npos ||
                        cmdline.find("surge") != std::string::npos ||
                        cmdline.find("Surge") != std::string::npos;
  PidFile::write(path, parent);
  EXPECT_EQ(PidFile::readLive(path), looksLikeSurge ? parent : 0) << "parent cmdline: " << cmdline;
}

TEST(PidFileTest, ReadLiveIgnoresADeadPid) {
  TempDir dir;
  std::string path = dir.file("app.pid");
  pid_t child = fork();
  if (child == 0) _exit(0);
  ASSERT_GT(child, 0);
  ASSERT_NE(waitChild(child, 20), -1);
  PidFile::write(path, child);
  EXPECT_EQ(PidFile::readLive(path), 0);
}

TEST(PidFileTest, ReadLiveIgnoresAProcessThatIsNotPhpOrSurge) {
  TempDir dir;
  std::string path = dir.file("app.pid");
  pid_t child = fork();
  if (child == 0) {
    execlp("sleep", "sleep", "60", static_cast<char*>(nullptr));
    _exit(127);
  }
  ASSERT_GT(child, 0);
  std::string cmdline = "/proc/" + std::to_string(child) + "/cmdline";
  bool execed = eventually([&] { return readFile(cmdline).rfind("sleep", 0) == 0; });
  if (!execed) {
    reap(child);
    GTEST_SKIP() << "could not exec sleep";
  }
  PidFile::write(path, child);
  EXPECT_EQ(PidFile::readLive(path), 0);
  reap(child);
}

TEST(PidFileTest, ReadLiveIgnoresGarbage) {
  TempDir dir;
  std::string path = dir.file("app.pid");
  EXPECT_EQ(PidFile::readLive(path), 0);  // no file
  for (const char* text : {"", "   ", "abc", "-12", "0", "\n", "x123"}) {
    writeText(path, text);
    EXPECT_EQ(PidFile::readLive(path), 0) << "'" << text << "'";
  }
}

TEST(PidFileTest, ReadLiveAcceptsSurroundingWhitespace) {
  TempDir dir;
  std::string path = dir.file("app.pid");
  pid_t child = forkSleeper();
  ASSERT_GT(child, 0);
  writeText(path, " " + std::to_string(child) + "\n");
  EXPECT_EQ(PidFile::readLive(path), child);
  reap(child);
}

TEST(PidFileTest, LockStartCreatesAndUnlockStartRemovesTheLockFile) {
  TempDir dir;
  std::string path = dir.file("app.pid");
  int fd = PidFile::lockStart(path);
  ASSERT_GE(fd, 0);
  EXPECT_TRUE(fileExists(path + ".lock"));
  PidFile::unlockStart(path, fd);
  EXPECT_FALSE(fileExists(path + ".lock"));
  PidFile::unlockStart(path, -1);  // no-op
  // Can be taken again.
  fd = PidFile::lockStart(path);
  ASSERT_GE(fd, 0);
  PidFile::unlockStart(path, fd);
}

TEST(PidFileTest, LockStartInAMissingDirectoryThrows) {
  TempDir dir;
  EXPECT_THROW(PidFile::lockStart(dir.file("missing/app.pid")), std::runtime_error);
}

// Tries a non-blocking exclusive lock on `lockPath` from a fresh open file description
// (what another start would get); returns true if it got the lock.
bool otherStartCouldLock(const std::string& lockPath) {
  int fd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  bool got = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
  ::close(fd);
  return got;
}

TEST(PidFileTest, LockStartExcludesOtherStarts) {
  TempDir dir;
  std::string path = dir.file("app.pid");
  int fd = PidFile::lockStart(path);
  ASSERT_GE(fd, 0);
  EXPECT_FALSE(otherStartCouldLock(path + ".lock"));
  PidFile::unlockStart(path, fd);
  EXPECT_TRUE(otherStartCouldLock(path + ".lock"));
}

// True once process `pid` has `target` open.
bool hasOpen(pid_t pid, const std::string& target) {
  std::string dirPath = "/proc/" + std::to_string(pid) + "/fd";
  DIR* d = ::opendir(dirPath.c_str());
  if (d == nullptr) return false;
  bool found = false;
  while (dirent* e = ::readdir(d)) {
    char link[4096];
    ssize_t n = ::readlink((dirPath + "/" + e->d_name).c_str(), link, sizeof link - 1);
    if (n <= 0) continue;
    link[n] = '\0';
    if (target == link) found = true;
  }
  ::closedir(d);
  return found;
}

// A start that waited for the lock must hold it on the file that is at the path after
// the previous holder unlinked it; otherwise a third start creates a new file and runs
// concurrently.
TEST(PidFileTest, AWaitingStartExcludesLaterStartsAfterTheUnlock) {
  TempDir dir;
  std::string path = dir.file("app.pid");
  std::string lockPath = path + ".lock";
  int first = PidFile::lockStart(path);
  ASSERT_GE(first, 0);

  int locked[2], release[2];
  ASSERT_EQ(::pipe(locked), 0);
  ASSERT_EQ(::pipe(release), 0);
  pid_t waiter = fork();
  if (waiter == 0) {
    ::close(locked[0]);
    ::close(release[1]);
    // Drop the inherited descriptor of the test's lock (the lock stays with the test), so
    // that an open lock file in /proc/<pid>/fd is this start's own.
    ::close(first);
    char c = 'S';
    if (::write(locked[1], &c, 1) != 1) _exit(2);
    int fd = PidFile::lockStart(path);  // blocks until the test unlocks
    c = 'L';
    if (::write(locked[1], &c, 1) != 1) _exit(2);
    pollfd p{release[0], POLLIN, 0};
    ::poll(&p, 1, 20000);
    PidFile::unlockStart(path, fd);
    _exit(0);
  }
  ASSERT_GT(waiter, 0);
  ::close(locked[1]);
  ::close(release[0]);

  pollfd p{locked[0], POLLIN, 0};
  char c = 0;
  ASSERT_EQ(::poll(&p, 1, 20000), 1) << "the waiting start did not begin";
  ASSERT_EQ(::read(locked[0], &c, 1), 1);
  ASSERT_EQ(c, 'S');
  // Let the waiter open the current lock file (it then blocks in flock) before unlocking.
  bool opened = eventually([&] { return hasOpen(waiter, lockPath); }, 10);
  PidFile::unlockStart(path, first);

  ASSERT_EQ(::poll(&p, 1, 20000), 1) << "the waiting start never got the lock";
  ASSERT_EQ(::read(locked[0], &c, 1), 1);
  ASSERT_EQ(c, 'L');

  EXPECT_FALSE(otherStartCouldLock(lockPath))
      << "a third start got the lock while the waiter holds it (waiter had opened the file: "
      << opened << ")";

  c = 'R';
  ASSERT_EQ(::write(release[1], &c, 1), 1);
  int status = waitChild(waiter, 20);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  ::close(locked[0]);
  ::close(release[1]);
  EXPECT_FALSE(fileExists(lockPath));
}

}  // namespace
}  // namespace surge
