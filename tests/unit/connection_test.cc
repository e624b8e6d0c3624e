#include "net/connection.h"
#include "net/io_totals.h"

#include <event2/event.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <new>
#include <string>
#include <vector>

#include "event/event_loop.h"
#include "event/io_watcher.h"
#include "event/timer.h"
#include "test_support.h"

namespace surge {
namespace {

using surge::testing::SafetyNet;
using Result = Connection::SendResult;
using State = Connection::State;

using surge::testing::pattern;

// Records every callback; each behaviour can be replaced per test.
struct Recorder : Connection::Handler {
  std::vector<std::string> deliveries;
  std::string consumed;
  int drains = 0;
  int fulls = 0;
  int closes = 0;
  std::function<size_t(Connection&, std::string_view)> data;
  std::function<void(Connection&)> drain, full, close;

  size_t onData(Connection& c, std::string_view bytes) override {
    deliveries.emplace_back(bytes);
    size_t used = data ? data(c, bytes) : bytes.size();
    consumed.append(bytes.substr(0, used));
    return used;
  }
  void onDrain(Connection& c) override {
    ++drains;
    if (drain) drain(c);
  }
  void onBufferFull(Connection& c) override {
    ++fulls;
    if (full) full(c);
  }
  void onClose(Connection& c) override {
    ++closes;
    if (close) close(c);
  }
};

// The other end of the socket pair, read from the loop.
struct PeerReader {
  PeerReader(EventLoop& loop, int fd) : fd(fd) {
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
  int fd;
  IoWatcher watcher;
  std::string got;
  bool eof = false;
  std::function<void(PeerReader&)> progress;
};

class ConnectionTest : public surge::testing::SocketPairTest {
 protected:
  // fds_[0] belongs to the connection from here on.
  Connection* open(Recorder& handler) {
    return new Connection(loop_, fds_[0], nullptr, 0, &handler, &handler);
  }
  void smallSendBuffer() {
    int small = 4096;
    ASSERT_EQ(::setsockopt(fds_[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small), 0);
  }
  void peerWrite(std::string_view bytes) {
    ASSERT_EQ(::write(fds_[1], bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  }
  // Everything the peer can read right now, and whether it saw EOF.
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
  void closePeer() {
    ::close(fds_[1]);
    fds_[1] = -1;
  }
  // Runs the loop briefly so that pending deferred work (which holds references) ends.
  void drainLoop() {
    Timer t(
        loop_, [](void* arg) { static_cast<EventLoop*>(arg)->stop(); }, &loop_);
    t.start(0.001, false);
    loop_.run();
  }
  // Closes (if still open) and drops the creator's reference.
  static void finish(Connection* c) {
    c->destroy();
    c->release();
  }
};

// --------------------------------------------------------------- reading

TEST_F(ConnectionTest, StartsOpen) {
  Recorder h;
  Connection* c = open(h);
  EXPECT_EQ(c->state(), State::kOpen);
  EXPECT_TRUE(c->isOpen());
  EXPECT_EQ(c->fd(), fds_[0]);
  EXPECT_EQ(c->userData(), &h);
  int other = 0;
  c->setUserData(&other);
  EXPECT_EQ(c->userData(), &other);
  EXPECT_FALSE(c->readingPaused());
  EXPECT_EQ(c->pendingOutput(), 0u);
  EXPECT_EQ(c->pendingInput(), 0u);
  EXPECT_EQ(c->bytesRead(), 0u);
  EXPECT_EQ(c->bytesWritten(), 0u);
  EXPECT_EQ(c->maxSendBufferSize(), 1024u * 1024u);
  EXPECT_EQ(c->localAddress().family(), AF_UNIX);
  EXPECT_EQ(c->peerAddress().length(), 0u);  // no peer address given
  finish(c);
  EXPECT_EQ(h.closes, 1);
}

TEST_F(ConnectionTest, DataIsDelivered) {
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  h.data = [&](Connection&, std::string_view bytes) {
    loop_.stop();
    return bytes.size();
  };
  peerWrite("hello");
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.deliveries, std::vector<std::string>{"hello"});
  EXPECT_EQ(c->bytesRead(), 5u);
  EXPECT_EQ(c->pendingInput(), 0u);
  EXPECT_EQ(h.closes, 0);
  finish(c);
}

TEST_F(ConnectionTest, ProcessByteTotalsCountEveryReadAndWrite) {
  std::atomic<int64_t> received{100}, sent{200};
  IoTotals::bind(&received, &sent);
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  h.data = [&](Connection&, std::string_view bytes) {
    loop_.stop();
    return bytes.size();
  };
  peerWrite("hello");
  loop_.run();
  EXPECT_EQ(c->send("ping"), Result::kWritten);
  SendPiece pieces[2] = {{"a", 1}, {"bc", 2}};
  EXPECT_EQ(c->send(pieces, 2), Result::kWritten);
  IoTotals::bind(nullptr, nullptr);
  EXPECT_EQ(c->send("x"), Result::kWritten);  // no longer counted here
  EXPECT_EQ(received.load(), 105);
  EXPECT_EQ(sent.load(), 207);
  finish(c);
}

TEST_F(ConnectionTest, PartialConsumptionKeepsTheRestAndRedeliversItWithNewBytes) {
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  std::vector<size_t> pendingAfter;
  h.data = [&](Connection& conn, std::string_view bytes) -> size_t {
    switch (h.deliveries.size()) {
      case 1:  // "abcdef": use two bytes, then more arrive
        peerWrite("gh");
        return 2;
      case 2:  // "cdefgh"
        pendingAfter.push_back(conn.pendingInput());
        peerWrite("i");
        return 1;
      default:  // "defghi"
        loop_.stop();
        return bytes.size();
    }
  };
  peerWrite("abcdef");
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.deliveries, (std::vector<std::string>{"abcdef", "cdefgh", "defghi"}));
  EXPECT_EQ(h.consumed, "abcdefghi");
  EXPECT_EQ(c->pendingInput(), 0u);
  EXPECT_EQ(c->bytesRead(), 9u);
  finish(c);
}

TEST_F(ConnectionTest, LargeInputWithPartialConsumption) {
  // More than the loop's 64 KB spill area, consumed in whole 1000-byte records only.
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  const std::string sent = pattern(300000, 7);
  size_t written = 0;
  IoWatcher writer;
  struct WriterState {
    const std::string* sent;
    size_t* written;
    IoWatcher* watcher;
  } ws{&sent, &written, &writer};
  writer.init(
      loop_, fds_[1], EV_WRITE,
      [](int fd, short, void* arg) {
        auto* s = static_cast<WriterState*>(arg);
        size_t chunk = std::min<size_t>(s->sent->size() - *s->written, 7777);
        ssize_t n = ::write(fd, s->sent->data() + *s->written, chunk);
        if (n > 0) *s->written += static_cast<size_t>(n);
        if (*s->written == s->sent->size()) s->watcher->stop();
      },
      &ws);
  writer.start();
  h.data = [&](Connection&, std::string_view bytes) -> size_t {
    size_t used = bytes.size() / 1000 * 1000;
    if (h.consumed.size() + used == sent.size()) loop_.stop();
    return used;
  };
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.consumed.size(), sent.size());
  EXPECT_TRUE(h.consumed == sent);
  EXPECT_EQ(c->bytesRead(), sent.size());
  EXPECT_EQ(c->pendingInput(), 0u);
  writer.stop();
  finish(c);
}

TEST_F(ConnectionTest, BufferedModeLetsTheHandlerConsumeTheInputBuffer) {
  Recorder h;
  Connection* c = open(h);
  c->setBufferedMode(true);
  SafetyNet net(loop_);
  std::vector<std::string> lines;
  h.data = [&](Connection& conn, std::string_view bytes) -> size_t {
    EXPECT_EQ(bytes, conn.inputBuffer().view());
    Buffer& in = conn.inputBuffer();
    for (;;) {
      size_t nl = in.view().find('\n');
      if (nl == std::string_view::npos) break;
      lines.emplace_back(in.view().substr(0, nl));
      in.consume(nl + 1);
    }
    if (lines.size() == 2 && h.deliveries.size() == 1) peerWrite("tial\n");
    if (lines.size() == 3) loop_.stop();
    return 0;
  };
  peerWrite("line1\nline2\npar");
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(lines, (std::vector<std::string>{"line1", "line2", "partial"}));
  EXPECT_EQ(c->pendingInput(), 0u);
  finish(c);
}

TEST_F(ConnectionTest, PauseAndResumeReading) {
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  size_t deliveriesWhenResumed = 0;
  size_t deliveriesRightAfterResume = 0;
  bool resumed = false;
  h.data = [&](Connection& conn, std::string_view bytes) -> size_t {
    if (h.deliveries.size() == 1) {
      conn.pauseReading();
      EXPECT_TRUE(conn.readingPaused());
      peerWrite("def");  // arrives while paused
      return 1;          // "bc" stays buffered
    }
    EXPECT_TRUE(resumed) << "delivered while paused";
    if (h.consumed.size() + bytes.size() == 6) loop_.stop();
    return bytes.size();
  };
  struct ResumeState {
    Connection* c;
    Recorder* h;
    size_t* before;
    size_t* after;
    bool* resumed;
  } rs{c, &h, &deliveriesWhenResumed, &deliveriesRightAfterResume, &resumed};
  Timer resumer(
      loop_,
      [](void* arg) {
        auto* s = static_cast<ResumeState*>(arg);
        *s->before = s->h->deliveries.size();
        *s->resumed = true;
        s->c->resumeReading();
        // Buffered bytes are delivered from the loop, never from inside resumeReading().
        *s->after = s->h->deliveries.size();
      },
      &rs);
  resumer.start(0.02, false);
  peerWrite("abc");
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(deliveriesWhenResumed, 1u);
  EXPECT_EQ(deliveriesRightAfterResume, 1u);
  EXPECT_FALSE(c->readingPaused());
  ASSERT_GE(h.deliveries.size(), 2u);
  EXPECT_EQ(h.deliveries[0], "abc");
  EXPECT_EQ(h.deliveries[1].substr(0, 2), "bc");
  EXPECT_EQ(h.consumed, "abcdef");
  finish(c);
  drainLoop();  // a deferred delivery may still be pending if the socket read came first
}

TEST_F(ConnectionTest, ResumeDeliversBufferedBytesWithoutNewInput) {
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  bool insideResume = false;
  h.data = [&](Connection& conn, std::string_view) -> size_t {
    EXPECT_FALSE(insideResume);
    if (h.deliveries.size() == 1) {
      conn.pauseReading();
      conn.pauseReading();  // twice is harmless
      loop_.defer([](void* arg) { static_cast<EventLoop*>(arg)->stop(); }, &loop_);
      return 3;
    }
    loop_.stop();
    return 2;
  };
  peerWrite("12345");
  loop_.run();  // first delivery, then paused with "45" buffered
  ASSERT_FALSE(net.fired());
  ASSERT_EQ(h.deliveries.size(), 1u);
  EXPECT_EQ(c->pendingInput(), 2u);
  insideResume = true;
  c->resumeReading();
  c->resumeReading();  // no second deferred delivery
  insideResume = false;
  EXPECT_EQ(h.deliveries.size(), 1u);
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.deliveries, (std::vector<std::string>{"12345", "45"}));
  EXPECT_EQ(c->pendingInput(), 0u);
  finish(c);
}

TEST_F(ConnectionTest, DestroyWhileADeferredDeliveryIsPending) {
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  h.data = [&](Connection& conn, std::string_view) -> size_t {
    conn.pauseReading();
    loop_.defer([](void* arg) { static_cast<EventLoop*>(arg)->stop(); }, &loop_);
    return 1;
  };
  // The creator's reference goes away in onClose; the pending delivery keeps its own.
  h.close = [](Connection& conn) { conn.release(); };
  peerWrite("xyz");
  loop_.run();
  ASSERT_EQ(h.deliveries.size(), 1u);
  c->resumeReading();
  c->destroy();
  EXPECT_EQ(h.closes, 1);
  drainLoop();  // runs the deferred delivery: nothing is delivered to a closed connection
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.deliveries.size(), 1u);
}

// --------------------------------------------------------------- writing

TEST_F(ConnectionTest, SmallSendIsWrittenAtOnce) {
  Recorder h;
  Connection* c = open(h);
  EXPECT_EQ(c->send("ping"), Result::kWritten);
  EXPECT_EQ(c->pendingOutput(), 0u);
  EXPECT_EQ(c->bytesWritten(), 4u);
  SendPiece pieces[3] = {{"a", 1}, {"bc", 2}, {"def", 3}};
  EXPECT_EQ(c->send(pieces, 3), Result::kWritten);
  EXPECT_EQ(c->send(std::string_view()), Result::kWritten);
  EXPECT_EQ(c->bytesWritten(), 10u);
  EXPECT_EQ(peerReadNow(), "pingabcdef");
  EXPECT_EQ(h.drains, 0);
  EXPECT_EQ(h.fulls, 0);
  finish(c);
}

TEST_F(ConnectionTest, ManyPiecesArriveInOrder) {
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  std::vector<std::string> words;
  std::vector<SendPiece> pieces;
  std::string expected;
  for (int i = 0; i < 20; ++i) words.push_back("<" + std::to_string(i) + ">");
  for (const std::string& w : words) {
    pieces.push_back({w.data(), w.size()});
    expected += w;
  }
  Result r = c->send(pieces.data(), static_cast<int>(pieces.size()));
  EXPECT_TRUE(r == Result::kWritten || r == Result::kQueued);
  PeerReader reader(loop_, fds_[1]);
  reader.progress = [&](PeerReader& p) {
    if (p.got.size() >= expected.size()) loop_.stop();
  };
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(reader.got, expected);
  EXPECT_EQ(c->bytesWritten(), expected.size());
  finish(c);
}

TEST_F(ConnectionTest, BackpressureQueuesSignalsFullRefusesAndDrains) {
  smallSendBuffer();
  Recorder h;
  Connection* c = open(h);
  c->setMaxSendBufferSize(1024);
  SafetyNet net(loop_);
  const std::string big = pattern(256 * 1024, 11);

  EXPECT_EQ(c->send(big), Result::kQueued);
  EXPECT_EQ(h.fulls, 1);
  EXPECT_GT(c->pendingOutput(), 1024u);
  EXPECT_EQ(c->pendingOutput() + c->bytesWritten(), big.size());
  // Already at the mark: refused, and not reported again.
  EXPECT_EQ(c->send("more"), Result::kBufferFull);
  EXPECT_EQ(h.fulls, 1);
  EXPECT_EQ(c->pendingOutput() + c->bytesWritten(), big.size());

  h.drain = [&](Connection& conn) {
    EXPECT_EQ(conn.pendingOutput(), 0u);
    loop_.stop();
  };
  PeerReader reader(loop_, fds_[1]);
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.drains, 1);
  EXPECT_EQ(c->bytesWritten(), big.size());
  reader.got += peerReadNow();
  EXPECT_EQ(reader.got.size(), big.size());
  EXPECT_TRUE(reader.got == big);
  // Writable again.
  EXPECT_EQ(c->send("after"), Result::kWritten);
  EXPECT_EQ(peerReadNow(), "after");
  finish(c);
}

struct RefCounted {
  std::string bytes;
  int refs = 1;
  int retains = 0;
  int releases = 0;
  static void retain(void* self) {
    ++static_cast<RefCounted*>(self)->refs;
    ++static_cast<RefCounted*>(self)->retains;
  }
  static void release(void* self) {
    --static_cast<RefCounted*>(self)->refs;
    ++static_cast<RefCounted*>(self)->releases;
  }
};

TEST_F(ConnectionTest, QueuedBelowTheMarkAndOwnedPiecesAreReferenced) {
  smallSendBuffer();
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  RefCounted shared{pattern(200000, 5)};
  SendPiece piece{shared.bytes.data(), shared.bytes.size(), &shared, &RefCounted::retain,
                  &RefCounted::release};
  EXPECT_EQ(c->send(&piece, 1), Result::kQueued);
  EXPECT_EQ(shared.retains, 1);  // the unwritten rest waits by reference
  EXPECT_EQ(c->send("tail"), Result::kQueued);
  EXPECT_EQ(h.fulls, 0);  // far below the default 1 MB mark
  EXPECT_EQ(c->pendingOutput() + c->bytesWritten(), shared.bytes.size() + 4);

  h.drain = [&](Connection&) { loop_.stop(); };
  PeerReader reader(loop_, fds_[1]);
  loop_.run();
  EXPECT_FALSE(net.fired());
  reader.got += peerReadNow();
  EXPECT_TRUE(reader.got == shared.bytes + "tail");
  EXPECT_EQ(shared.releases, 1);
  EXPECT_EQ(shared.refs, 1);
  finish(c);
}

TEST_F(ConnectionTest, DestroyReleasesQueuedReferences) {
  smallSendBuffer();
  Recorder h;
  Connection* c = open(h);
  RefCounted shared{pattern(100000, 6)};
  SendPiece piece{shared.bytes.data(), shared.bytes.size(), &shared, &RefCounted::retain,
                  &RefCounted::release};
  EXPECT_EQ(c->send(&piece, 1), Result::kQueued);
  EXPECT_EQ(shared.refs, 2);
  c->destroy();
  EXPECT_EQ(shared.refs, 1);
  EXPECT_EQ(shared.releases, 1);
  c->release();
}

// ---------------------------------------------------------------- corking

TEST_F(ConnectionTest, DrainInputDeliversWhatArrivedWithoutTheLoop) {
  Recorder h;
  Connection* c = open(h);
  peerWrite("sent before the stop");
  c->drainInput();  // no loop iteration in between
  EXPECT_EQ(h.deliveries, std::vector<std::string>{"sent before the stop"});
  c->pauseReading();
  peerWrite("more");
  c->drainInput();  // paused: nothing is read
  EXPECT_EQ(h.deliveries.size(), 1u);
  finish(c);
}

// A stop requested from inside a callback must not read again under that callback: the
// nested read would overwrite the bytes (the loop's spill area) the handler still walks.
TEST_F(ConnectionTest, DrainInputDuringADeliveryReadsNothingAndTheBytesComeNext) {
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  std::string seenAfterDrain;
  h.data = [&](Connection& conn, std::string_view bytes) -> size_t {
    if (h.deliveries.size() == 1) {
      peerWrite("second");
      conn.drainInput();
      EXPECT_EQ(h.deliveries.size(), 1u);  // no nested delivery
      seenAfterDrain.assign(bytes);        // the view is intact
      return bytes.size();
    }
    loop_.stop();
    return bytes.size();
  };
  peerWrite("first");
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(seenAfterDrain, "first");
  EXPECT_EQ(h.deliveries, (std::vector<std::string>{"first", "second"}));
  finish(c);
}

// end() or destroy() from inside onData leaves the buffer the handler is reading alone;
// what was not used is discarded once the handler returns.
TEST_F(ConnectionTest, EndDuringADeliveryKeepsTheViewValidAndDiscardsTheRest) {
  for (bool destroy : {false, true}) {
    Recorder h;
    int fds[2];
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    surge::testing::setNonBlocking(fds[0]);
    Connection* c = new Connection(loop_, fds[0], nullptr, 0, &h, &h);
    std::string after;
    h.data = [&](Connection& conn, std::string_view bytes) -> size_t {
      if (h.deliveries.size() == 1) return 2;  // keep "cdef" in the input buffer
      if (destroy)
        conn.destroy();
      else
        conn.end(0.5);
      after.assign(bytes);  // still readable: the buffer was not released under us
      return 1;
    };
    ASSERT_EQ(::write(fds[1], "abcdef", 6), 6);
    c->drainInput();
    ASSERT_EQ(::write(fds[1], "gh", 2), 2);
    c->drainInput();
    EXPECT_EQ(after, "cdefgh") << (destroy ? "destroy" : "end");
    EXPECT_EQ(c->pendingInput(), 0u);
    EXPECT_EQ(c->state(), destroy ? State::kClosed : State::kEnding);
    finish(c);
    ::close(fds[1]);
  }
}

// Out of memory under an event (a buffer or queue that cannot grow) must not reach
// libevent's C frames: the connection concerned closes and the loop goes on.
TEST_F(ConnectionTest, AnExceptionUnderAnEventClosesOnlyThatConnection) {
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  h.data = [&](Connection&, std::string_view) -> size_t { throw std::bad_alloc(); };
  h.close = [&](Connection&) { loop_.stop(); };
  peerWrite("boom");
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.closes, 1);
  EXPECT_EQ(c->state(), State::kClosed);
  bool eof = false;
  peerReadNow(&eof);
  EXPECT_TRUE(eof);
  finish(c);
}

TEST_F(ConnectionTest, CorkedSendBehindWaitingBytesIsQueuedAndDrainFollows) {
  smallSendBuffer();
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  const std::string big = pattern(256 * 1024, 3);
  EXPECT_EQ(c->send(big), Result::kQueued);  // the kernel took only part of it
  c->cork();
  EXPECT_EQ(c->send("tail"), Result::kQueued);  // behind bytes that wait for the socket
  c->uncork();
  h.drain = [&](Connection&) { loop_.stop(); };
  PeerReader reader(loop_, fds_[1]);
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.drains, 1);
  reader.got += peerReadNow();
  EXPECT_TRUE(reader.got == big + "tail");
  finish(c);
}

TEST_F(ConnectionTest, CorkedSendsLeaveInOneWriteOnUncork) {
  Recorder h;
  Connection* c = open(h);
  c->cork();
  EXPECT_EQ(c->send("first;"), Result::kWritten);  // nothing was waiting for the socket
  SendPiece pieces[2] = {{"second;", 7}, {"third", 5}};
  EXPECT_EQ(c->send(pieces, 2), Result::kWritten);  // still nothing waiting: leaves on uncork
  EXPECT_EQ(peerReadNow(), "");                     // nothing left yet
  EXPECT_EQ(c->pendingOutput(), 18u);
  c->uncork();
  EXPECT_EQ(c->pendingOutput(), 0u);
  EXPECT_EQ(c->bytesWritten(), 18u);
  EXPECT_EQ(peerReadNow(), "first;second;third");
  c->uncork();  // not corked: no-op
  EXPECT_EQ(c->send("after"), Result::kWritten);
  EXPECT_EQ(peerReadNow(), "after");
  finish(c);
}

TEST_F(ConnectionTest, UncorkWithNothingQueuedIsHarmless) {
  Recorder h;
  Connection* c = open(h);
  c->cork();
  c->uncork();
  EXPECT_EQ(c->state(), State::kOpen);
  EXPECT_EQ(c->send("x"), Result::kWritten);
  EXPECT_EQ(peerReadNow(), "x");
  finish(c);
}

TEST_F(ConnectionTest, CloseWhileCorkedWaitsForTheUncork) {
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  c->cork();
  c->close();  // nothing queued yet, but corked: not closed at once
  EXPECT_EQ(h.closes, 0);
  EXPECT_EQ(c->state(), State::kClosing);
  c->uncork();
  EXPECT_EQ(h.closes, 1);
  bool eof = false;
  EXPECT_EQ(peerReadNow(&eof), "");
  EXPECT_TRUE(eof);
  c->release();
}

TEST_F(ConnectionTest, CorkedBytesAreFlushedBeforeClose) {
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  c->cork();
  EXPECT_EQ(c->send("reply 1\n"), Result::kWritten);
  EXPECT_EQ(c->send("reply 2\n"), Result::kWritten);
  c->close();
  EXPECT_EQ(h.closes, 0);
  c->uncork();
  h.close = [&](Connection&) { loop_.stop(); };
  if (h.closes == 0) loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.closes, 1);
  bool eof = false;
  EXPECT_EQ(peerReadNow(&eof), "reply 1\nreply 2\n");
  EXPECT_TRUE(eof);
  c->release();
}

TEST_F(ConnectionTest, EndWhileCorkedHalfClosesAfterTheUncork) {
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  c->cork();
  EXPECT_EQ(c->send("bye"), Result::kWritten);
  c->end(0.01);
  EXPECT_EQ(c->state(), State::kEnding);
  bool eof = false;
  EXPECT_EQ(peerReadNow(&eof), "");
  EXPECT_FALSE(eof);
  c->uncork();
  EXPECT_EQ(peerReadNow(&eof), "bye");
  EXPECT_TRUE(eof);  // FIN sent
  h.close = [&](Connection&) { loop_.stop(); };
  loop_.run();  // the linger ends it
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.closes, 1);
  c->release();
}

TEST_F(ConnectionTest, UncorkIntoAFullSocketQueuesTheRestAndDrains) {
  smallSendBuffer();
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  std::string expected;
  c->cork();
  for (int i = 0; i < 100; ++i) {
    std::string piece = pattern(1000, 40 + static_cast<unsigned>(i));
    Result r = c->send(piece);
    EXPECT_TRUE(r == Result::kWritten || r == Result::kQueued) << i;
    expected += piece;
  }
  EXPECT_EQ(h.fulls, 0);  // 100 KB is below the default 1 MB mark
  // A low mark now: what the socket does not take at the uncork is over it.
  c->setMaxSendBufferSize(1024);
  c->uncork();
  EXPECT_GT(c->pendingOutput(), 0u);
  EXPECT_EQ(c->pendingOutput() + c->bytesWritten(), expected.size());
  EXPECT_EQ(h.fulls, 1);
  h.drain = [&](Connection&) { loop_.stop(); };
  PeerReader reader(loop_, fds_[1]);
  loop_.run();
  EXPECT_FALSE(net.fired());
  reader.got += peerReadNow();
  EXPECT_EQ(reader.got.size(), expected.size());
  EXPECT_TRUE(reader.got == expected);
  EXPECT_EQ(h.drains, 1);
  finish(c);
}

TEST_F(ConnectionTest, SendWhileCorkedAfterAPartialWriteKeepsOrder) {
  smallSendBuffer();
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  const std::string big = pattern(100000, 77);
  ASSERT_EQ(c->send(big), Result::kQueued);  // the write watcher is armed now
  c->cork();
  EXPECT_EQ(c->send("corked tail"), Result::kQueued);
  c->uncork();  // leaves the flushing to the armed watcher
  h.drain = [&](Connection&) { loop_.stop(); };
  PeerReader reader(loop_, fds_[1]);
  loop_.run();
  EXPECT_FALSE(net.fired());
  reader.got += peerReadNow();
  EXPECT_TRUE(reader.got == big + "corked tail");
  finish(c);
}

TEST_F(ConnectionTest, SendWhileCorkedOnAClosedConnection) {
  Recorder h;
  Connection* c = open(h);
  c->destroy();
  c->cork();
  EXPECT_EQ(c->send("x"), Result::kClosed);
  c->uncork();
  EXPECT_EQ(h.closes, 1);
  c->release();
}

// --------------------------------------------------------------- closing

TEST_F(ConnectionTest, CloseFlushesQueuedBytesBeforeClosing) {
  smallSendBuffer();
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  const std::string big = pattern(200000, 3);
  ASSERT_EQ(c->send(big), Result::kQueued);
  c->close();
  EXPECT_EQ(c->state(), State::kClosing);
  EXPECT_FALSE(c->isOpen());
  EXPECT_EQ(h.closes, 0);
  EXPECT_EQ(c->send("late"), Result::kClosed);
  c->close();  // again: no effect
  EXPECT_EQ(c->state(), State::kClosing);

  PeerReader reader(loop_, fds_[1]);
  reader.progress = [&](PeerReader& p) {
    if (p.eof) loop_.stop();
  };
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_TRUE(reader.eof);
  EXPECT_EQ(reader.got.size(), big.size());
  EXPECT_TRUE(reader.got == big);
  EXPECT_EQ(h.closes, 1);
  EXPECT_EQ(c->state(), State::kClosed);
  EXPECT_EQ(c->bytesWritten(), big.size());
  c->release();
}

TEST_F(ConnectionTest, CloseWithNothingQueuedClosesAtOnce) {
  Recorder h;
  Connection* c = open(h);
  ASSERT_EQ(c->send("bye"), Result::kWritten);
  c->close();
  EXPECT_EQ(h.closes, 1);
  EXPECT_EQ(c->state(), State::kClosed);
  EXPECT_EQ(c->fd(), -1);
  bool eof = false;
  EXPECT_EQ(peerReadNow(&eof), "bye");
  EXPECT_TRUE(eof);
  c->release();
}

TEST_F(ConnectionTest, EndHalfClosesAndTheConnectionStaysOpenUntilThePeerCloses) {
  smallSendBuffer();
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  const std::string big = pattern(150000, 4);
  ASSERT_EQ(c->send(big), Result::kQueued);
  c->end(30);  // a long linger: the peer's close ends it
  EXPECT_EQ(c->state(), State::kEnding);
  EXPECT_EQ(c->send("late"), Result::kClosed);

  State stateAtEof = State::kOpen;
  int closesAtEof = -1;
  PeerReader reader(loop_, fds_[1]);
  reader.progress = [&](PeerReader& p) {
    if (!p.eof) return;
    stateAtEof = c->state();
    closesAtEof = h.closes;
    // Input during the linger is read and discarded, then the peer closes.
    peerWrite("ignored");
    closePeer();
  };
  h.close = [&](Connection&) { loop_.stop(); };
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_TRUE(reader.got == big);
  EXPECT_EQ(stateAtEof, State::kEnding);
  EXPECT_EQ(closesAtEof, 0);
  EXPECT_EQ(h.closes, 1);
  EXPECT_TRUE(h.deliveries.empty());
  EXPECT_EQ(c->state(), State::kClosed);
  c->release();
}

TEST_F(ConnectionTest, EndClosesAfterTheLinger) {
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  ASSERT_EQ(c->send("last words"), Result::kWritten);
  c->end(0.01);
  EXPECT_EQ(c->state(), State::kEnding);
  EXPECT_EQ(h.closes, 0);
  // The peer already sees EOF while the connection lingers.
  bool eof = false;
  EXPECT_EQ(peerReadNow(&eof), "last words");
  EXPECT_TRUE(eof);
  h.close = [&](Connection&) { loop_.stop(); };
  loop_.run();  // the peer neither writes nor closes: the linger timer ends it
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.closes, 1);
  EXPECT_EQ(c->state(), State::kClosed);
  c->release();
}

TEST_F(ConnectionTest, EndWithoutLingerClosesAtOnce) {
  Recorder h;
  Connection* c = open(h);
  c->end(0);
  EXPECT_EQ(h.closes, 1);
  EXPECT_EQ(c->state(), State::kClosed);
  c->end(1);  // no effect once closed
  EXPECT_EQ(h.closes, 1);
  c->release();
}

TEST_F(ConnectionTest, DestroyDropsQueuedBytes) {
  smallSendBuffer();
  Recorder h;
  Connection* c = open(h);
  const std::string big = pattern(200000, 8);
  ASSERT_EQ(c->send(big), Result::kQueued);
  size_t written = c->bytesWritten();
  ASSERT_LT(written, big.size());
  c->destroy();
  EXPECT_EQ(h.closes, 1);
  EXPECT_EQ(c->state(), State::kClosed);
  EXPECT_EQ(c->pendingOutput(), 0u);
  bool eof = false;
  std::string got = peerReadNow(&eof);
  EXPECT_TRUE(eof);
  EXPECT_EQ(got.size(), written);
  EXPECT_TRUE(got == big.substr(0, written));
  EXPECT_EQ(h.drains, 0);
  c->release();
}

TEST_F(ConnectionTest, PeerEofClosesExactlyOnce) {
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  h.close = [&](Connection& conn) {
    EXPECT_EQ(conn.state(), State::kClosed);
    loop_.stop();
  };
  peerWrite("before eof");
  closePeer();
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.closes, 1);
  EXPECT_EQ(h.consumed, "before eof");
  EXPECT_EQ(c->state(), State::kClosed);
  // Nothing closes it twice, and nothing can be sent any more.
  c->close();
  c->end(1);
  c->destroy();
  EXPECT_EQ(h.closes, 1);
  EXPECT_EQ(c->send("x"), Result::kClosed);
  SendPiece p{"y", 1};
  EXPECT_EQ(c->send(&p, 1), Result::kClosed);
  c->pauseReading();
  c->resumeReading();
  EXPECT_EQ(c->localAddress().length(), 0u);  // no fd any more
  // The loop has nothing left to deliver for it.
  Timer quiet(
      loop_, [](void* arg) { static_cast<EventLoop*>(arg)->stop(); }, &loop_);
  quiet.start(0.01, false);
  loop_.run();
  EXPECT_EQ(h.closes, 1);
  c->release();
}

TEST_F(ConnectionTest, SendAfterThePeerIsGone) {
  Recorder h;
  Connection* c = open(h);
  closePeer();
  EXPECT_EQ(c->send("into the void"), Result::kPeerGone);
  EXPECT_EQ(c->bytesWritten(), 0u);
  finish(c);
}

TEST_F(ConnectionTest, Counters) {
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  h.data = [&](Connection& conn, std::string_view bytes) {
    EXPECT_EQ(conn.send(bytes), Result::kWritten);  // echo
    if (h.consumed.size() + bytes.size() == 12) loop_.stop();
    return bytes.size();
  };
  peerWrite("0123456789ab");
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(c->bytesRead(), 12u);
  EXPECT_EQ(c->bytesWritten(), 12u);
  EXPECT_EQ(peerReadNow(), "0123456789ab");
  finish(c);
}

// --------------------------------------------------------------- lifetime

TEST_F(ConnectionTest, RetainKeepsTheObjectAliveWhenOnCloseDropsTheCreatorsReference) {
  Recorder h;
  Connection* c = open(h);
  SafetyNet net(loop_);
  c->retain();  // the test's own reference
  h.close = [&](Connection& conn) {
    conn.release();  // the creator's
    loop_.stop();
  };
  closePeer();
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.closes, 1);
  EXPECT_EQ(c->state(), State::kClosed);  // still alive: ASan would flag a use after free
  c->release();                           // the last reference: deleted here
}

TEST_F(ConnectionTest, OnCloseMayDropTheLastReferenceDuringAnEvent) {
  Recorder h;
  open(h);
  SafetyNet net(loop_);
  h.close = [&](Connection& conn) {
    conn.release();
    loop_.stop();
  };
  closePeer();
  loop_.run();  // deleted after the event's dispatch; LeakSanitizer checks it was
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.closes, 1);
}

TEST_F(ConnectionTest, OnDataMayDestroyAndDropTheLastReference) {
  Recorder h;
  open(h);
  SafetyNet net(loop_);
  h.data = [&](Connection& conn, std::string_view) -> size_t {
    conn.destroy();
    conn.release();
    loop_.stop();
    return 1;  // partial use: the remainder must not be kept for a closed connection
  };
  peerWrite("abc");
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.closes, 1);
  EXPECT_EQ(h.deliveries.size(), 1u);
}

TEST_F(ConnectionTest, DestroyCalledDirectlyMayDropTheLastReferenceInOnClose) {
  Recorder h;
  Connection* c = open(h);
  h.close = [](Connection& conn) { conn.release(); };
  c->destroy();  // the guard inside destroy() keeps it alive until it returns
  EXPECT_EQ(h.closes, 1);
}

TEST_F(ConnectionTest, OnBufferFullMayCloseTheConnection) {
  smallSendBuffer();
  Recorder h;
  Connection* c = open(h);
  c->setMaxSendBufferSize(1);
  h.full = [](Connection& conn) { conn.destroy(); };
  Result r = c->send(pattern(100000, 2));
  EXPECT_TRUE(r == Result::kQueued || r == Result::kClosed);
  EXPECT_EQ(h.fulls, 1);
  EXPECT_EQ(h.closes, 1);
  EXPECT_EQ(c->pendingOutput(), 0u);
  c->release();
}

}  // namespace
}  // namespace surge
