#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "event/event_loop.h"
#include "event/timer.h"
#include "net/connection.h"
#include "test_support.h"

namespace surge {
namespace {

using surge::testing::SafetyNet;
using Mode = Connection::TimeoutMode;

// Records reads and timeouts; `timeout` decides what a timeout does.
struct TimeoutRecorder : Connection::Handler {
  std::vector<std::string> events;
  int closes = 0;
  std::function<void(Connection&, uint32_t)> timeout;
  size_t onData(Connection&, std::string_view bytes) override {
    events.push_back("data:" + std::string(bytes));
    return bytes.size();
  }
  void onDrain(Connection&) override {}
  void onBufferFull(Connection&) override {}
  void onClose(Connection&) override { ++closes; }
  void onTimeout(Connection& c, uint32_t periods) override {
    events.push_back("timeout:" + std::to_string(periods));
    if (timeout) timeout(c, periods);
  }
};

// Keeps only the core's default onTimeout.
struct PlainHandler : Connection::Handler {
  int closes = 0;
  EventLoop* loop = nullptr;
  size_t onData(Connection&, std::string_view bytes) override { return bytes.size(); }
  void onDrain(Connection&) override {}
  void onBufferFull(Connection&) override {}
  void onClose(Connection&) override {
    ++closes;
    loop->stop();
  }
};

class ConnectionTimeoutTest : public surge::testing::SocketPairTest {
 protected:
  Connection* open(Connection::Handler& h) {
    return new Connection(loop_, fds_[0], nullptr, 0, &h, nullptr);
  }
  static void finish(Connection* c) {
    c->destroy();
    c->release();
  }
  // The peer writes `count` bytes ("a", "b", ...), one every `seconds`.
  struct Dribbler {
    int fd;
    int left;
    char next = 'a';
    Timer* timer = nullptr;
    static void tick(void* self) {
      auto* d = static_cast<Dribbler*>(self);
      if (d->left <= 0) return;
      ssize_t ignored = ::write(d->fd, &d->next, 1);
      (void)ignored;
      ++d->next;
      if (--d->left == 0) d->timer->stop();
    }
  };
};

TEST_F(ConnectionTimeoutTest, OnceFiresWhateverArrivesMeanwhile) {
  TimeoutRecorder h;
  Connection* c = open(h);
  h.timeout = [&](Connection&, uint32_t) { loop_.stop(); };
  c->setTimeout(150, Mode::kOnce);
  Dribbler d{fds_[1], 100};
  Timer t(loop_, &Dribbler::tick, &d);
  d.timer = &t;
  t.start(0.01, true);
  SafetyNet net(loop_);
  loop_.run();
  EXPECT_FALSE(net.fired());
  ASSERT_FALSE(h.events.empty());
  EXPECT_EQ(h.events.back(), "timeout:0");
  EXPECT_GT(h.events.size(), 2u);  // bytes kept arriving before it fired
  EXPECT_FALSE(c->timeoutArmed());
  finish(c);
}

TEST_F(ConnectionTimeoutTest, QuietCountsSilentPeriodsAndReadsStartAfresh) {
  TimeoutRecorder h;
  Connection* c = open(h);
  int fd = fds_[1];
  h.timeout = [&](Connection&, uint32_t periods) {
    // After two silent periods the peer speaks once; after two more we stop.
    if (periods == 2 && h.events.size() == 2) {
      ssize_t ignored = ::write(fd, "x", 1);
      (void)ignored;
    } else if (periods == 2) {
      loop_.stop();
    }
  };
  c->setTimeout(20, Mode::kQuiet);
  SafetyNet net(loop_);
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.events, (std::vector<std::string>{"timeout:1", "timeout:2", "data:x", "timeout:1",
                                                "timeout:2"}));
  EXPECT_TRUE(c->timeoutArmed());  // still counting
  c->destroy();
  EXPECT_FALSE(c->timeoutArmed());
  c->release();
}

TEST_F(ConnectionTimeoutTest, QuietIsKeptOffByAChattyPeer) {
  TimeoutRecorder h;
  Connection* c = open(h);
  c->setTimeout(80, Mode::kQuiet);
  // A byte every 10 ms for 200 ms: longer than two periods, never a silent one.
  Dribbler d{fds_[1], 20};
  Timer t(loop_, &Dribbler::tick, &d);
  d.timer = &t;
  t.start(0.01, true);
  h.timeout = [&](Connection&, uint32_t) { loop_.stop(); };
  SafetyNet net(loop_);
  loop_.run();
  EXPECT_FALSE(net.fired());
  // The only timeout is the one after the peer went quiet, behind all its bytes.
  std::string bytes;
  for (size_t i = 0; i + 1 < h.events.size(); ++i) {
    ASSERT_EQ(h.events[i].rfind("data:", 0), 0u) << h.events[i];
    bytes += h.events[i].substr(5);
  }
  EXPECT_EQ(bytes.size(), 20u);
  EXPECT_EQ(h.events.back(), "timeout:1");
  finish(c);
}

TEST_F(ConnectionTimeoutTest, ClearedOrClosedConnectionsGetNoTimeout) {
  TimeoutRecorder h;
  Connection* c = open(h);
  c->setTimeout(10, Mode::kQuiet);
  c->clearTimeout();
  EXPECT_FALSE(c->timeoutArmed());
  c->setTimeout(10, Mode::kOnce);
  c->destroy();
  c->setTimeout(10, Mode::kOnce);  // on a closed connection: ignored
  Timer stop(
      loop_, [](void* l) { static_cast<EventLoop*>(l)->stop(); }, &loop_);
  stop.start(0.05, false);
  loop_.run();
  EXPECT_TRUE(h.events.empty());
  c->release();
}

TEST_F(ConnectionTimeoutTest, TheDefaultHandlerClosesTheConnection) {
  PlainHandler h;
  h.loop = &loop_;
  Connection* c = open(h);
  c->setTimeout(10, Mode::kOnce);
  SafetyNet net(loop_);
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.closes, 1);
  EXPECT_EQ(c->state(), Connection::State::kClosed);
  char b;
  EXPECT_EQ(::read(fds_[1], &b, 1), 0);  // the peer sees the close
  c->release();
}

TEST_F(ConnectionTimeoutTest, TheHandlerMayReleaseTheLastReference) {
  TimeoutRecorder h;
  Connection* c = open(h);
  h.timeout = [&](Connection& conn, uint32_t) {
    conn.destroy();
    conn.release();  // the creator's reference: the connection lives on the stack only
    loop_.stop();
  };
  c->setTimeout(10, Mode::kQuiet);
  SafetyNet net(loop_);
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.closes, 1);
}

TEST_F(ConnectionTimeoutTest, QuietCountsNothingWhileReadingIsPaused) {
  TimeoutRecorder h;
  Connection* c = open(h);
  c->pauseReading();
  c->setTimeout(10, Mode::kQuiet);
  Timer resume(
      loop_, [](void* conn) { static_cast<Connection*>(conn)->resumeReading(); }, c);
  resume.start(0.08, false);  // eight periods of our own silence
  h.timeout = [&](Connection&, uint32_t) { loop_.stop(); };
  SafetyNet net(loop_);
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.events, std::vector<std::string>{"timeout:1"});  // counted from the resume on
  finish(c);
}

TEST_F(ConnectionTimeoutTest, AClosingConnectionWhoseOutputMovesIsNotTimedOut) {
  TimeoutRecorder h;
  Connection* c = open(h);
  int small = 4096;
  ASSERT_EQ(::setsockopt(fds_[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small), 0);
  std::string big(512 * 1024, 'q');
  c->send(big);
  c->close();  // waits for the queue to drain
  ASSERT_EQ(c->state(), Connection::State::kClosing);
  c->setTimeout(40, Mode::kOnce);
  // The peer reads 4 KiB every 10 ms: slower than the timeout for the whole answer,
  // never a period without progress.
  struct SlowReader {
    int fd;
    std::string got;
    bool eof = false;
    EventLoop* loop;
    static void tick(void* self) {
      auto* r = static_cast<SlowReader*>(self);
      char buf[4096];
      ssize_t n = ::read(r->fd, buf, sizeof buf);
      if (n > 0) r->got.append(buf, static_cast<size_t>(n));
      if (n == 0) {
        r->eof = true;
        r->loop->stop();
      }
    }
  } reader{fds_[1], {}, false, &loop_};
  Timer t(loop_, &SlowReader::tick, &reader);
  t.start(0.01, true);
  SafetyNet net(loop_, 20);
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_TRUE(reader.eof);
  EXPECT_EQ(reader.got.size(), big.size());
  EXPECT_TRUE(h.events.empty());  // no timeout: it closed when the queue drained
  EXPECT_EQ(h.closes, 1);
  c->release();
}

TEST_F(ConnectionTimeoutTest, AClosingConnectionWhosePeerStopsReadingIsTimedOut) {
  TimeoutRecorder h;
  Connection* c = open(h);
  int small = 4096;
  ASSERT_EQ(::setsockopt(fds_[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small), 0);
  c->send(std::string(512 * 1024, 'q'));
  c->close();
  h.timeout = [&](Connection& conn, uint32_t) {
    conn.destroy();
    loop_.stop();
  };
  c->setTimeout(20, Mode::kOnce);
  SafetyNet net(loop_);
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.events, std::vector<std::string>{"timeout:0"});
  EXPECT_EQ(h.closes, 1);
  c->release();
}

}  // namespace
}  // namespace surge
