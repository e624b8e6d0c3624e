// The limits a connection applies for its protocol: answers queued past maxSendBufferSize
// (Overflow::kQueue) with onBufferFull once per crossing, reading held for back-pressure
// apart from the application's pause, and the process's budget for partial input.
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <string>

#include "event/event_loop.h"
#include "event/timer.h"
#include "net/connection.h"
#include "net/input_budget.h"
#include "test_support.h"

namespace surge {
namespace {

using Result = Connection::SendResult;

struct Counting : Connection::Handler {
  std::string got;
  size_t keep = 0;  // bytes onData leaves unused (all of them when SIZE_MAX)
  int fulls = 0, drains = 0, closes = 0;
  EventLoop* stopOnDrain = nullptr;
  size_t onData(Connection&, std::string_view bytes) override {
    got.append(bytes);
    return keep == SIZE_MAX ? 0 : bytes.size();
  }
  void onDrain(Connection&) override {
    ++drains;
    if (stopOnDrain) stopOnDrain->stop();
  }
  void onBufferFull(Connection&) override { ++fulls; }
  void onClose(Connection&) override { ++closes; }
};

class ConnectionLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    oldPipe_ = signal(SIGPIPE, SIG_IGN);
    for (int* p : {a_, b_}) {
      ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, p), 0);
      surge::testing::setNonBlocking(p[0]);
      surge::testing::setNonBlocking(p[1]);
    }
  }
  void TearDown() override {
    ::close(a_[1]);
    ::close(b_[1]);
    InputBudget::process().setLimit(InputBudget::kDefaultLimit);
    signal(SIGPIPE, oldPipe_);
  }
  // Runs the loop until `seconds` passed (or something stops it).
  void runFor(double seconds) {
    Timer t(
        loop_, [](void* arg) { static_cast<EventLoop*>(arg)->stop(); }, &loop_);
    t.start(seconds, false);
    loop_.run();
  }
  static std::string readAll(int fd) {
    std::string out;
    char buf[65536];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    return out;
  }

  EventLoop loop_;
  int a_[2] = {-1, -1};
  int b_[2] = {-1, -1};
  void (*oldPipe_)(int) = SIG_DFL;
};

TEST_F(ConnectionLimitsTest, QueueOverflowKeepsEveryByteAndReportsFullOncePerCrossing) {
  int small = 4096;
  ASSERT_EQ(::setsockopt(a_[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small), 0);
  Counting h;
  auto* c = new Connection(loop_, a_[0], nullptr, 0, &h, nullptr);
  c->setMaxSendBufferSize(1024);
  const std::string big(256 * 1024, 'x');
  EXPECT_EQ(c->send(big, Connection::Overflow::kQueue), Result::kQueued);
  EXPECT_EQ(h.fulls, 1);
  // Above the mark: kept (kDrop would refuse it), and not reported again.
  EXPECT_EQ(c->send("more", Connection::Overflow::kQueue), Result::kQueued);
  EXPECT_EQ(c->send("dropped"), Result::kBufferFull);
  EXPECT_EQ(h.fulls, 1);
  std::string peer;
  surge::testing::SafetyNet net(loop_);
  h.stopOnDrain = &loop_;
  while (h.drains == 0 && !net.fired()) {
    peer += readAll(a_[1]);
    runFor(0.001);
  }
  peer += readAll(a_[1]);
  EXPECT_EQ(h.drains, 1);
  EXPECT_EQ(peer, big + "more");
  c->destroy();
  c->release();
}

TEST_F(ConnectionLimitsTest, HoldingReadingIsApartFromTheApplicationsPause) {
  Counting h;
  auto* c = new Connection(loop_, a_[0], nullptr, 0, &h, nullptr);
  c->holdReading();
  c->pauseReading();
  ASSERT_EQ(::write(a_[1], "abc", 3), 3);
  runFor(0.01);
  EXPECT_EQ(h.got, "");
  // Releasing the hold does not undo the application's pause.
  c->releaseReading();
  EXPECT_FALSE(c->readingHeld());
  EXPECT_TRUE(c->readingPaused());
  runFor(0.01);
  EXPECT_EQ(h.got, "");
  c->resumeReading();
  runFor(0.01);
  EXPECT_EQ(h.got, "abc");
  c->destroy();
  c->release();
}

TEST_F(ConnectionLimitsTest, PastTheBudgetTheLargestPartialInputIsRefused) {
  InputBudget::process().setLimit(16000);
  Counting small, large;
  small.keep = large.keep = SIZE_MAX;  // nothing is a whole message: everything stays
  auto* s = new Connection(loop_, a_[0], nullptr, 0, &small, nullptr);
  auto* l = new Connection(loop_, b_[0], nullptr, 0, &large, nullptr);
  const std::string three(3000, 's');
  ASSERT_EQ(::write(a_[1], three.data(), three.size()), 3000);
  runFor(0.01);
  const std::string ten(10000, 'l');
  ASSERT_EQ(::write(b_[1], ten.data(), ten.size()), 10000);
  runFor(0.01);
  // 4 KiB + 16 KiB of buffers pass 16000 bytes: the larger one is refused (closed by the
  // default onInputRefused), the smaller one keeps its bytes.
  EXPECT_EQ(large.closes, 1);
  EXPECT_EQ(small.closes, 0);
  EXPECT_TRUE(s->isOpen());
  EXPECT_EQ(s->pendingInput(), 3000u);
  EXPECT_LE(InputBudget::process().used(), 16000u);
  s->destroy();
  EXPECT_EQ(InputBudget::process().used(), 0u);
  s->release();
  l->release();
}

}  // namespace
}  // namespace surge
