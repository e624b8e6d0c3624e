// Helpers shared by the unit tests (not a test file itself: only *_test.cc are compiled).
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "event/event_loop.h"
#include "event/timer.h"

namespace surge::testing {

// EXPECT_TRUE(Contains(text, part)): gmock's HasSubstr without linking gmock.
inline ::testing::AssertionResult Contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\"" << text << "\" does not contain \"" << part << "\"";
}

// Log lines are formatted in local time: a test sets TZ with set() and the old value (or
// none) is back at the end of the scope.
class ScopedTimeZone {
 public:
  ScopedTimeZone() {
    const char* tz = getenv("TZ");
    had_ = tz != nullptr;
    if (had_) old_ = tz;
  }
  ~ScopedTimeZone() {
    if (had_)
      setenv("TZ", old_.c_str(), 1);
    else
      unsetenv("TZ");
    tzset();
  }
  ScopedTimeZone(const ScopedTimeZone&) = delete;
  ScopedTimeZone& operator=(const ScopedTimeZone&) = delete;
  void set(const char* tz) {
    setenv("TZ", tz, 1);
    tzset();
  }

 private:
  bool had_ = false;
  std::string old_;
};

// A fresh directory under /tmp (short paths, so Unix socket paths fit), removed with its
// files at the end of the scope.
class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/surge-ut-XXXXXX";
    char* made = ::mkdtemp(pattern);
    if (made == nullptr)
      ADD_FAILURE() << "mkdtemp failed: " << std::strerror(errno);
    else
      path_ = made;
  }
  ~TempDir() {
    if (!path_.empty()) {
      std::string cmd = "rm -rf '" + path_ + "'";
      int ignored = std::system(cmd.c_str());
      (void)ignored;
    }
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// `n` bytes that differ from one position to the next (a simple LCG from `seed`): a
// misplaced, lost or repeated range shows when compared.
inline std::string pattern(size_t n, unsigned seed) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) {
    seed = seed * 1103515245u + 12345u;
    s[i] = static_cast<char>(seed >> 16);
  }
  return s;
}

inline std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline bool fileExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

inline void setNonBlocking(int fd) {
  int flags = ::fcntl(fd, F_GETFL);
  ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

// A loop and a connected pair of non-blocking Unix stream sockets: fds_[0] for the code
// under test (which takes it over), fds_[1] for the test playing the peer (closed at the
// end unless the test closed it and set it to -1). SIGPIPE is ignored meanwhile: a write
// to a socket whose peer is gone must report EPIPE, not kill the test.
class SocketPairTest : public ::testing::Test {
 protected:
  void SetUp() override {
    oldPipe_ = signal(SIGPIPE, SIG_IGN);
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds_), 0);
    setNonBlocking(fds_[0]);
    setNonBlocking(fds_[1]);
  }
  void TearDown() override {
    if (fds_[1] >= 0) ::close(fds_[1]);
    signal(SIGPIPE, oldPipe_);
  }

  EventLoop loop_;
  int fds_[2] = {-1, -1};

 private:
  void (*oldPipe_)(int) = SIG_DFL;
};

// Stops the loop after `seconds` and records that it had to: a test whose loop is stopped
// by this timer failed to reach its own end condition.
class SafetyNet {
 public:
  explicit SafetyNet(EventLoop& loop, double seconds = 5.0)
      : loop_(loop), timer_(loop, &SafetyNet::fire, this) {
    timer_.start(seconds, false);
  }
  bool fired() const { return fired_; }

 private:
  static void fire(void* self) {
    auto* s = static_cast<SafetyNet*>(self);
    s->fired_ = true;
    s->loop_.stop();
  }
  EventLoop& loop_;
  Timer timer_;
  bool fired_ = false;
};

// waitpid() with a deadline; kills the child (SIGKILL) if it does not finish in time.
// Returns the wait status, or -1 if it had to be killed.
inline int waitChild(pid_t pid, double seconds = 20.0) {
  timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (;;) {
    int status = 0;
    pid_t got = ::waitpid(pid, &status, WNOHANG);
    if (got == pid) return status;
    if (got < 0 && errno != EINTR) return -1;
    timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double elapsed = static_cast<double>(now.tv_sec - start.tv_sec) +
                     static_cast<double>(now.tv_nsec - start.tv_nsec) / 1e9;
    if (elapsed > seconds) {
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      return -1;
    }
    ::usleep(2000);
  }
}

}  // namespace surge::testing
