#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "net/output_queue.h"
#include "test_support.h"

namespace surge {
namespace {

using surge::testing::TempDir;

using surge::testing::pattern;

bool fdIsOpen(int fd) {
  return ::fcntl(fd, F_GETFD) != -1 || errno != EBADF;
}

// A file with given contents in a temporary directory, opened for reading.
struct TempFile {
  TempDir dir;
  std::string path;
  int fd = -1;
  TempFile(const std::string& contents, const char* name = "f") : path(dir.file(name)) {
    int w = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    EXPECT_GE(w, 0);
    EXPECT_EQ(::write(w, contents.data(), contents.size()), static_cast<ssize_t>(contents.size()));
    ::close(w);
    fd = ::open(path.c_str(), O_RDONLY);
    EXPECT_GE(fd, 0);
  }
};

struct SocketPair {
  int fds[2] = {-1, -1};
  SocketPair() {
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    int small = 4096;
    ::setsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
    surge::testing::setNonBlocking(fds[0]);
    surge::testing::setNonBlocking(fds[1]);
  }
  ~SocketPair() {
    for (int fd : fds)
      if (fd >= 0) ::close(fd);
  }
  std::string drainPeer() {
    std::string out;
    char buf[65536];
    ssize_t n;
    while ((n = ::read(fds[1], buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    return out;
  }
};

// Flushes until empty, reading the peer in between. Counts the flushes that left bytes.
std::string flushAll(OutputQueue& q, SocketPair& sp, int* partialFlushes = nullptr) {
  std::string received;
  for (int rounds = 0; !q.empty() && rounds < 100000; ++rounds) {
    size_t before = q.bytes() + q.fileBytes();
    ssize_t n = q.flushTo(sp.fds[0]);
    EXPECT_GE(n, 0) << std::strerror(errno);
    if (n < 0) break;
    EXPECT_EQ(q.bytes() + q.fileBytes(), before - static_cast<size_t>(n));
    if (partialFlushes && !q.empty()) ++*partialFlushes;
    received += sp.drainPeer();
  }
  received += sp.drainPeer();
  return received;
}

TEST(OutputQueueFileTest, FileRangeIsCountedApartFromMemory) {
  TempFile f(pattern(1000, 1));
  OutputQueue q;
  q.pushFile(f.fd, 100, 500);
  EXPECT_FALSE(q.empty());
  EXPECT_EQ(q.bytes(), 0u);
  EXPECT_EQ(q.fileBytes(), 500u);
  q.push(SendPiece{"abc", 3});
  EXPECT_EQ(q.bytes(), 3u);
  EXPECT_EQ(q.fileBytes(), 500u);
  EXPECT_TRUE(fdIsOpen(f.fd));
  q.clear();
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.fileBytes(), 0u);
  EXPECT_FALSE(fdIsOpen(f.fd));
}

TEST(OutputQueueFileTest, EmptyRangeClosesTheFileAtOnce) {
  TempFile f("data");
  OutputQueue q;
  q.pushFile(f.fd, 0, 0);
  EXPECT_TRUE(q.empty());
  EXPECT_FALSE(fdIsOpen(f.fd));
}

TEST(OutputQueueFileTest, DestructorClosesQueuedFiles) {
  TempFile f("data");
  {
    OutputQueue q;
    q.pushFile(f.fd, 0, 4);
  }
  EXPECT_FALSE(fdIsOpen(f.fd));
}

TEST(OutputQueueFileTest, RangeOfAFileIsFlushedAndTheFileClosed) {
  std::string contents = pattern(3000, 2);
  TempFile f(contents);
  OutputQueue q;
  q.pushFile(f.fd, 1000, 1500);
  SocketPair sp;
  ssize_t n = q.flushTo(sp.fds[0]);
  EXPECT_EQ(n, 1500);
  EXPECT_TRUE(q.empty());
  EXPECT_FALSE(fdIsOpen(f.fd));
  EXPECT_TRUE(sp.drainPeer() == contents.substr(1000, 1500));
  // The file position is not used: a range says where to read.
  EXPECT_EQ(q.flushTo(sp.fds[0]), 0);
}

TEST(OutputQueueFileTest, MemoryFilesAndMemoryKeepTheirOrderAcrossPartialFlushes) {
  std::string a = pattern(200000, 3);
  std::string b = pattern(150000, 4);
  TempFile fa(a, "a");
  TempFile fb(b, "b");
  OutputQueue q;
  std::string expected;
  q.push(SendPiece{"head", 4});
  expected += "head";
  q.pushFile(fa.fd, 7, a.size() - 7);
  expected += a.substr(7);
  // A small copy right after a file must not be merged into anything before the file.
  q.push(SendPiece{"mid", 3});
  expected += "mid";
  // Two files back to back.
  q.pushFile(fb.fd, 0, 1000);
  q.pushFile(::dup(fb.fd), 1000, b.size() - 1000);
  expected += b;
  std::string tail = pattern(70000, 5);
  q.push(SendPiece{tail.data(), tail.size()});
  expected += tail;
  EXPECT_EQ(q.bytes(), 4u + 3u + tail.size());
  EXPECT_EQ(q.fileBytes(), a.size() - 7 + b.size());

  SocketPair sp;
  int partial = 0;
  std::string received = flushAll(q, sp, &partial);
  EXPECT_GT(partial, 2);
  EXPECT_EQ(received.size(), expected.size());
  EXPECT_TRUE(received == expected) << "byte order differs";
  EXPECT_TRUE(q.empty());
  EXPECT_FALSE(fdIsOpen(fa.fd));
  EXPECT_FALSE(fdIsOpen(fb.fd));
  // Memory only again: the ordinary path still works.
  q.push(SendPiece{"again", 5});
  EXPECT_EQ(q.flushTo(sp.fds[0]), 5);
  EXPECT_EQ(sp.drainPeer(), "again");
}

TEST(OutputQueueFileTest, FileShorterThanItsRangeIsAnError) {
  std::string contents = pattern(1000, 6);
  TempFile f(contents);
  OutputQueue q;
  q.push(SendPiece{"head", 4});
  q.pushFile(f.fd, 0, 5000);
  SocketPair sp;
  // The short send reads like a full socket; the next flush finds the end of the file.
  EXPECT_EQ(q.flushTo(sp.fds[0]), 1004);
  errno = 0;
  EXPECT_EQ(q.flushTo(sp.fds[0]), -1);
  EXPECT_EQ(errno, EIO);
  EXPECT_TRUE(sp.drainPeer() == "head" + contents);
  EXPECT_EQ(q.fileBytes(), 4000u);
  q.clear();
  EXPECT_FALSE(fdIsOpen(f.fd));
}

TEST(OutputQueueFileTest, RangeStartingPastTheEndIsAnError) {
  TempFile f("short");
  OutputQueue q;
  q.pushFile(f.fd, 100, 10);
  SocketPair sp;
  errno = 0;
  EXPECT_EQ(q.flushTo(sp.fds[0]), -1);
  EXPECT_EQ(errno, EIO);
  EXPECT_EQ(sp.drainPeer(), "");
}

TEST(OutputQueueFileTest, UnreadableFileIsAnError) {
  TempDir dir;
  int notAFile = ::open(dir.path().c_str(), O_RDONLY | O_DIRECTORY);
  ASSERT_GE(notAFile, 0);
  OutputQueue q;
  q.pushFile(notAFile, 0, 10);
  SocketPair sp;
  EXPECT_EQ(q.flushTo(sp.fds[0]), -1);
  EXPECT_NE(errno, EAGAIN);
  q.clear();
  EXPECT_FALSE(fdIsOpen(notAFile));
}

TEST(OutputQueueFileTest, FullSocketReportsZero) {
  std::string contents = pattern(500000, 7);
  TempFile f(contents);
  OutputQueue q;
  q.pushFile(f.fd, 0, contents.size());
  SocketPair sp;
  ssize_t first = q.flushTo(sp.fds[0]);
  ASSERT_GT(first, 0);
  ASSERT_LT(static_cast<size_t>(first), contents.size());
  EXPECT_EQ(q.flushTo(sp.fds[0]), 0);
  EXPECT_EQ(q.fileBytes(), contents.size() - static_cast<size_t>(first));
  std::string received = sp.drainPeer() + flushAll(q, sp);
  EXPECT_TRUE(received == contents);
}

}  // namespace
}  // namespace surge
