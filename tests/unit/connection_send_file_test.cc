// Connection::sendFile(): file ranges in the output path, in order with memory bytes.
#include <event2/event.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <functional>
#include <set>
#include <string>

#include "event/event_loop.h"
#include "event/io_watcher.h"
#include "net/connection.h"
#include "test_support.h"

namespace surge {
namespace {

using surge::testing::SafetyNet;
using surge::testing::TempDir;
using Result = Connection::SendResult;
using State = Connection::State;

using surge::testing::pattern;

bool fdIsOpen(int fd) {
  return ::fcntl(fd, F_GETFD) != -1 || errno != EBADF;
}

struct Recorder : Connection::Handler {
  int drains = 0;
  int fulls = 0;
  int closes = 0;
  std::function<void(Connection&)> drain, close;

  size_t onData(Connection&, std::string_view bytes) override { return bytes.size(); }
  void onDrain(Connection& c) override {
    ++drains;
    if (drain) drain(c);
  }
  void onBufferFull(Connection&) override { ++fulls; }
  void onClose(Connection& c) override {
    ++closes;
    if (close) close(c);
  }
};

// The other end of the socket pair, read from the loop.
struct PeerReader {
  PeerReader(EventLoop& loop, int fd) {
    watcher.init(loop, fd, EV_READ, &PeerReader::onReadable, this);
    watcher.start();
  }
  static void onReadable(int fd, short, void* self) {
    auto* p = static_cast<PeerReader*>(self);
    char buf[65536];
    for (;;) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n > 0) {
        p->got.append(buf, static_cast<size_t>(n));
        continue;
      }
      if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        p->eof = true;
        p->watcher.stop();
      }
      break;
    }
    if (p->progress) p->progress(*p);
  }
  IoWatcher watcher;
  std::string got;
  bool eof = false;
  std::function<void(PeerReader&)> progress;
};

class ConnectionSendFileTest : public surge::testing::SocketPairTest {
 protected:
  Connection* open(Recorder& handler) {
    return new Connection(loop_, fds_[0], nullptr, 0, &handler, &handler);
  }
  void smallSendBuffer() {
    int small = 4096;
    ASSERT_EQ(::setsockopt(fds_[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small), 0);
  }
  // A new file holding `contents`, opened for reading.
  int file(const std::string& contents) {
    std::string path = dir_.file("f" + std::to_string(files_++));
    int w = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    EXPECT_GE(w, 0);
    EXPECT_EQ(::write(w, contents.data(), contents.size()), static_cast<ssize_t>(contents.size()));
    ::close(w);
    int fd = ::open(path.c_str(), O_RDONLY);
    EXPECT_GE(fd, 0);
    return fd;
  }
  std::string peerReadNow(bool* eof = nullptr) {
    std::string out;
    char buf[65536];
    if (eof) *eof = false;
    for (;;) {
      ssize_t n = ::read(fds_[1], buf, sizeof buf);
      if (n > 0) {
        out.append(buf, static_cast<size_t>(n));
        continue;
      }
      if (n == 0 && eof) *eof = true;
      break;
    }
    return out;
  }
  static void finish(Connection* c) {
    c->destroy();
    c->release();
  }

  TempDir dir_;
  int files_ = 0;
};

TEST_F(ConnectionSendFileTest, FileAloneIsWrittenAtOnceAndClosed) {
  Recorder h;
  Connection* c = open(h);
  std::string contents = pattern(10000, 1);
  int fd = file(contents);
  EXPECT_EQ(c->sendFile(fd, 0, contents.size()), Result::kWritten);
  EXPECT_FALSE(fdIsOpen(fd));
  EXPECT_EQ(c->pendingOutput(), 0u);
  EXPECT_EQ(c->bytesWritten(), contents.size());
  EXPECT_TRUE(peerReadNow() == contents);
  EXPECT_EQ(h.drains, 0);
  finish(c);
}

TEST_F(ConnectionSendFileTest, RangeOfAFile) {
  Recorder h;
  Connection* c = open(h);
  std::string contents = pattern(10000, 2);
  int fd = file(contents);
  // The file position is irrelevant: the range says where to read.
  ASSERT_EQ(::lseek(fd, 9000, SEEK_SET), 9000);
  EXPECT_EQ(c->sendFile(fd, 1234, 4321), Result::kWritten);
  EXPECT_TRUE(peerReadNow() == contents.substr(1234, 4321));
  EXPECT_FALSE(fdIsOpen(fd));
  finish(c);
}

TEST_F(ConnectionSendFileTest, EmptyRangeAndClosedConnectionCloseTheFile) {
  Recorder h;
  Connection* c = open(h);
  int fd = file("abc");
  EXPECT_EQ(c->sendFile(fd, 0, 0), Result::kWritten);
  EXPECT_FALSE(fdIsOpen(fd));
  EXPECT_EQ(peerReadNow(), "");
  c->destroy();
  int fd2 = file("abc");
  EXPECT_EQ(c->sendFile(fd2, 0, 3), Result::kClosed);
  EXPECT_FALSE(fdIsOpen(fd2));
  c->release();
}

TEST_F(ConnectionSendFileTest, MemoryFileMemoryKeepOrderWhenWrittenAtOnce) {
  Recorder h;
  Connection* c = open(h);
  std::string contents = pattern(3000, 3);
  int fd = file(contents);
  EXPECT_EQ(c->send("HEAD\r\n"), Result::kWritten);
  EXPECT_EQ(c->sendFile(fd, 0, contents.size()), Result::kWritten);
  EXPECT_EQ(c->send("TAIL"), Result::kWritten);
  EXPECT_TRUE(peerReadNow() == "HEAD\r\n" + contents + "TAIL");
  finish(c);
}

TEST_F(ConnectionSendFileTest, MemoryFileMemoryKeepOrderWhenQueued) {
  smallSendBuffer();
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  // Memory that cannot all go out first, so the file queues behind it, and memory sent
  // after the file queues behind the file.
  std::string before = pattern(150000, 4);
  std::string contents = pattern(300000, 5);
  std::string after = pattern(50000, 6);
  int fd = file(contents);
  ASSERT_EQ(c->send(before), Result::kQueued);
  EXPECT_EQ(c->sendFile(fd, 0, contents.size()), Result::kQueued);
  EXPECT_EQ(c->send(after), Result::kQueued);
  EXPECT_TRUE(fdIsOpen(fd));
  EXPECT_EQ(c->pendingOutput() + c->bytesWritten(), before.size() + contents.size() + after.size());

  h.drain = [&](Connection&) { loop_.stop(); };
  PeerReader reader(loop_, fds_[1]);
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.drains, 1);
  reader.got += peerReadNow();
  std::string expected = before + contents + after;
  EXPECT_EQ(reader.got.size(), expected.size());
  EXPECT_TRUE(reader.got == expected) << "byte order differs";
  EXPECT_EQ(c->bytesWritten(), expected.size());
  EXPECT_FALSE(fdIsOpen(fd));
  finish(c);
}

TEST_F(ConnectionSendFileTest, LargeFileDrainsOverSeveralWritableEventsWithoutBufferFull) {
  smallSendBuffer();
  Recorder h;
  Connection* c = open(h);
  c->setMaxSendBufferSize(1024);
  SafetyNet net(loop_);
  std::string contents = pattern(1 << 20, 7);
  int fd = file(contents);
  EXPECT_EQ(c->send("H"), Result::kWritten);
  ASSERT_EQ(c->sendFile(fd, 0, contents.size()), Result::kQueued);
  // File bytes are pending but cost no memory: no buffer-full, and sends are still taken.
  EXPECT_GT(c->pendingOutput(), 0u);
  EXPECT_EQ(c->pendingOutput() + c->bytesWritten(), 1 + contents.size());
  EXPECT_EQ(h.fulls, 0);
  EXPECT_EQ(c->send("T"), Result::kQueued);
  EXPECT_EQ(h.fulls, 0);

  std::set<size_t> pendingSeen;
  h.drain = [&](Connection&) { loop_.stop(); };
  PeerReader reader(loop_, fds_[1]);
  reader.progress = [&](PeerReader&) { pendingSeen.insert(c->pendingOutput()); };
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.drains, 1);
  EXPECT_EQ(h.fulls, 0);
  // The peer saw the queue shrink step by step, not in one go.
  EXPECT_GT(pendingSeen.size(), 3u);
  reader.got += peerReadNow();
  EXPECT_EQ(reader.got.size(), contents.size() + 2);
  EXPECT_TRUE(reader.got == "H" + contents + "T");
  EXPECT_EQ(c->pendingOutput(), 0u);
  EXPECT_FALSE(fdIsOpen(fd));
  finish(c);
}

TEST_F(ConnectionSendFileTest, MemoryQueuedBehindAFileStillCountsTowardTheMark) {
  smallSendBuffer();
  Recorder h;
  Connection* c = open(h);
  c->setMaxSendBufferSize(1024);
  std::string contents = pattern(500000, 8);
  int fd = file(contents);
  ASSERT_EQ(c->sendFile(fd, 0, contents.size()), Result::kQueued);
  std::string chunk(2000, 'm');
  EXPECT_EQ(c->send(chunk), Result::kQueued);
  EXPECT_EQ(h.fulls, 1);
  EXPECT_EQ(c->send("x"), Result::kBufferFull);
  // A file is taken even then: it costs no memory.
  int fd2 = file("more");
  EXPECT_EQ(c->sendFile(fd2, 0, 4), Result::kQueued);
  EXPECT_EQ(h.fulls, 1);
  finish(c);
  EXPECT_FALSE(fdIsOpen(fd));
  EXPECT_FALSE(fdIsOpen(fd2));
}

TEST_F(ConnectionSendFileTest, CloseWaitsForTheFile) {
  smallSendBuffer();
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  std::string contents = pattern(400000, 9);
  int fd = file(contents);
  ASSERT_EQ(c->sendFile(fd, 0, contents.size()), Result::kQueued);
  c->close();
  EXPECT_EQ(c->state(), State::kClosing);
  EXPECT_EQ(h.closes, 0);
  EXPECT_TRUE(fdIsOpen(fd));

  PeerReader reader(loop_, fds_[1]);
  reader.progress = [&](PeerReader& p) {
    if (p.eof) loop_.stop();
  };
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_TRUE(reader.eof);
  EXPECT_EQ(reader.got.size(), contents.size());
  EXPECT_TRUE(reader.got == contents);
  EXPECT_EQ(h.closes, 1);
  EXPECT_FALSE(fdIsOpen(fd));
  c->release();
}

TEST_F(ConnectionSendFileTest, EndWaitsForTheFileThenHalfCloses) {
  smallSendBuffer();
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  std::string contents = pattern(300000, 10);
  int fd = file(contents);
  ASSERT_EQ(c->sendFile(fd, 0, contents.size()), Result::kQueued);
  c->end(0.01);
  EXPECT_EQ(c->state(), State::kEnding);
  PeerReader reader(loop_, fds_[1]);
  h.close = [&](Connection&) { loop_.stop(); };
  loop_.run();
  EXPECT_FALSE(net.fired());
  reader.got += peerReadNow();
  EXPECT_TRUE(reader.got == contents);
  EXPECT_EQ(h.closes, 1);
  EXPECT_FALSE(fdIsOpen(fd));
  c->release();
}

TEST_F(ConnectionSendFileTest, DestroyClosesTheFile) {
  smallSendBuffer();
  Recorder h;
  Connection* c = open(h);
  std::string contents = pattern(400000, 11);
  int fd = file(contents);
  ASSERT_EQ(c->sendFile(fd, 0, contents.size()), Result::kQueued);
  size_t written = c->bytesWritten();
  ASSERT_LT(written, contents.size());
  EXPECT_TRUE(fdIsOpen(fd));
  c->destroy();
  EXPECT_FALSE(fdIsOpen(fd));
  EXPECT_EQ(h.closes, 1);
  EXPECT_EQ(c->pendingOutput(), 0u);
  bool eof = false;
  std::string got = peerReadNow(&eof);
  EXPECT_TRUE(eof);
  EXPECT_TRUE(got == contents.substr(0, written));
  c->release();
}

TEST_F(ConnectionSendFileTest, ReleasingTheLastReferenceClosesTheFile) {
  smallSendBuffer();
  Recorder h;
  Connection* c = open(h);
  std::string contents = pattern(400000, 12);
  int fd = file(contents);
  ASSERT_EQ(c->sendFile(fd, 0, contents.size()), Result::kQueued);
  // Destroyed by its last reference without destroy(): the destructor closes both.
  c->release();
  EXPECT_FALSE(fdIsOpen(fd));
  EXPECT_EQ(h.closes, 0);
}

TEST_F(ConnectionSendFileTest, FileShorterThanAnnouncedDestroysTheConnection) {
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  std::string contents = pattern(1000, 13);
  int fd = file(contents);
  EXPECT_EQ(c->send("HEAD"), Result::kWritten);
  // What the file has goes out at once; the rest waits for the loop, which finds the end.
  EXPECT_EQ(c->sendFile(fd, 0, 5000), Result::kQueued);
  EXPECT_EQ(c->send("TAIL"), Result::kQueued);
  EXPECT_EQ(h.closes, 0);
  h.close = [&](Connection&) { loop_.stop(); };
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.closes, 1);
  EXPECT_EQ(c->state(), State::kClosed);
  EXPECT_EQ(h.drains, 0);
  EXPECT_FALSE(fdIsOpen(fd));
  bool eof = false;
  std::string got = peerReadNow(&eof);
  EXPECT_TRUE(eof);
  EXPECT_TRUE(got == "HEAD" + contents);
  c->release();
}

TEST_F(ConnectionSendFileTest, FileThatShrinksWhileQueuedDestroysTheConnection) {
  smallSendBuffer();
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  std::string before = pattern(200000, 14);
  std::string contents = pattern(100000, 15);
  std::string path = dir_.file("shrinking");
  {
    int w = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ASSERT_EQ(::write(w, contents.data(), contents.size()), static_cast<ssize_t>(contents.size()));
    ::close(w);
  }
  int fd = ::open(path.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(c->send(before), Result::kQueued);
  ASSERT_EQ(c->sendFile(fd, 0, contents.size()), Result::kQueued);
  ASSERT_EQ(::truncate(path.c_str(), 10), 0);
  PeerReader reader(loop_, fds_[1]);
  h.close = [&](Connection&) { loop_.stop(); };
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.closes, 1);
  EXPECT_EQ(h.drains, 0);
  EXPECT_FALSE(fdIsOpen(fd));
  reader.got += peerReadNow();
  EXPECT_EQ(reader.got.size(), before.size() + 10);
  EXPECT_TRUE(reader.got == before + contents.substr(0, 10));
  c->release();
}

TEST_F(ConnectionSendFileTest, CorkedFileLeavesOnUncorkInOrder) {
  Recorder h;
  Connection* c = open(h);
  std::string contents = pattern(5000, 16);
  int fd = file(contents);
  c->cork();
  EXPECT_EQ(c->send("A"), Result::kWritten);
  EXPECT_EQ(c->sendFile(fd, 10, 4000), Result::kWritten);
  EXPECT_EQ(c->send("B"), Result::kWritten);
  EXPECT_EQ(peerReadNow(), "");
  EXPECT_EQ(c->pendingOutput(), 4002u);
  EXPECT_TRUE(fdIsOpen(fd));
  c->uncork();
  EXPECT_TRUE(peerReadNow() == "A" + contents.substr(10, 4000) + "B");
  EXPECT_EQ(c->pendingOutput(), 0u);
  EXPECT_FALSE(fdIsOpen(fd));
  EXPECT_EQ(h.drains, 0);
  finish(c);
}

TEST_F(ConnectionSendFileTest, CloseWhileCorkedSendsTheFileFirst) {
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  std::string contents = pattern(5000, 17);
  int fd = file(contents);
  c->cork();
  EXPECT_EQ(c->sendFile(fd, 0, contents.size()), Result::kWritten);
  c->close();
  EXPECT_EQ(h.closes, 0);
  c->uncork();
  h.close = [&](Connection&) { loop_.stop(); };
  if (h.closes == 0) loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.closes, 1);
  bool eof = false;
  EXPECT_TRUE(peerReadNow(&eof) == contents);
  EXPECT_TRUE(eof);
  EXPECT_FALSE(fdIsOpen(fd));
  c->release();
}

}  // namespace
}  // namespace surge
