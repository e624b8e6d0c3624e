#include "event/deadline.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "event/event_loop.h"
#include "event/timer.h"
#include "test_support.h"

namespace surge {
namespace {

using surge::testing::SafetyNet;

struct Counter {
  EventLoop* loop = nullptr;
  int fired = 0;
  bool stopLoop = true;
  std::vector<std::string>* log = nullptr;
  static void fire(void* self) {
    auto* c = static_cast<Counter*>(self);
    ++c->fired;
    if (c->log) c->log->push_back("fire");
    if (c->stopLoop) c->loop->stop();
  }
};

// Stops the loop from a plain Timer after `seconds`.
struct Stopper {
  Stopper(EventLoop& loop, double seconds)
      : timer(
            loop, [](void* l) { static_cast<EventLoop*>(l)->stop(); }, &loop) {
    timer.start(seconds, false);
  }
  Timer timer;
};

TEST(DeadlineTest, FiresOnceAndIsThenDisarmed) {
  EventLoop loop;
  Counter c{&loop};
  Deadline d(loop, &Counter::fire, &c);
  EXPECT_FALSE(d.armed());
  d.set(20);
  EXPECT_TRUE(d.armed());
  SafetyNet net(loop);
  loop.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(c.fired, 1);
  EXPECT_FALSE(d.armed());
  // Nothing fires a second time.
  c.stopLoop = false;
  Stopper stop(loop, 0.06);
  loop.run();
  EXPECT_EQ(c.fired, 1);
}

TEST(DeadlineTest, SettingAgainPushesTheExpiryBack) {
  EventLoop loop;
  std::vector<std::string> log;
  Counter c{&loop};
  c.log = &log;
  Deadline d(loop, &Counter::fire, &c);
  d.set(60);
  // Pushes the deadline back three times, 20 ms apart: it may only fire after the last.
  struct Pusher {
    Deadline* d;
    std::vector<std::string>* log;
    int left = 3;
    Timer* timer = nullptr;
    static void tick(void* self) {
      auto* p = static_cast<Pusher*>(self);
      if (p->left == 0) return;
      --p->left;
      p->log->push_back("push");
      p->d->set(60);
      if (p->left == 0) p->timer->stop();
    }
  } pusher{&d, &log};
  Timer t(loop, &Pusher::tick, &pusher);
  pusher.timer = &t;
  t.start(0.02, true);
  SafetyNet net(loop);
  loop.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(log, (std::vector<std::string>{"push", "push", "push", "fire"}));
}

TEST(DeadlineTest, AnEarlierExpiryReplacesALaterOne) {
  EventLoop loop;
  Counter c{&loop};
  Deadline d(loop, &Counter::fire, &c);
  d.set(60 * 1000);
  d.set(10);
  SafetyNet net(loop);
  loop.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(c.fired, 1);
}

TEST(DeadlineTest, CancelAndStopKeepTheCallbackFromRunning) {
  EventLoop loop;
  Counter c{&loop};
  c.stopLoop = false;
  Deadline cancelled(loop, &Counter::fire, &c);
  Deadline stopped(loop, &Counter::fire, &c);
  cancelled.set(10);
  stopped.set(10);
  cancelled.cancel();
  stopped.stop();
  EXPECT_FALSE(cancelled.armed());
  EXPECT_FALSE(stopped.armed());
  Stopper stop(loop, 0.06);
  loop.run();
  EXPECT_EQ(c.fired, 0);
  // A cancelled deadline can be set again.
  c.stopLoop = true;
  cancelled.set(5);
  SafetyNet net(loop);
  loop.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(c.fired, 1);
}

TEST(DeadlineTest, DestroyedWhileScheduledLeavesNothingBehind) {
  EventLoop loop;
  Counter c{&loop};
  c.stopLoop = false;
  {
    Deadline d(loop, &Counter::fire, &c);
    d.set(10);
  }
  Stopper stop(loop, 0.04);
  loop.run();
  EXPECT_EQ(c.fired, 0);
}

TEST(DeadlineTest, TheCallbackMayDestroyItsOwner) {
  EventLoop loop;
  struct Owner {
    EventLoop* loop;
    bool* gone;
    Deadline d;
    Owner(EventLoop& l, bool* g) : loop(&l), gone(g), d(l, &Owner::fire, this) {}
    static void fire(void* self) {
      auto* o = static_cast<Owner*>(self);
      *o->gone = true;
      o->loop->stop();
      delete o;
    }
  };
  bool gone = false;
  auto* owner = new Owner(loop, &gone);
  owner->d.set(5);
  SafetyNet net(loop);
  loop.run();
  EXPECT_FALSE(net.fired());
  EXPECT_TRUE(gone);
}

TEST(DeadlineTest, ThousandsOfEqualDeadlinesAllFire) {
  EventLoop loop;
  constexpr int kCount = 5000;
  struct Shared {
    EventLoop* loop;
    int fired = 0;
  } shared{&loop};
  auto fire = [](void* s) {
    auto* sh = static_cast<Shared*>(s);
    if (++sh->fired == kCount) sh->loop->stop();
  };
  std::vector<std::unique_ptr<Deadline>> all;
  for (int i = 0; i < kCount; ++i) {
    all.push_back(std::make_unique<Deadline>(loop, fire, &shared));
    all.back()->set(20);
  }
  SafetyNet net(loop);
  loop.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(shared.fired, kCount);
}

TEST(DeadlineTest, OneCommonQueuePerDuration) {
  EventLoop loop;
  timeval a = loop.commonTimeout(1500);
  timeval b = loop.commonTimeout(1500);
  timeval other = loop.commonTimeout(2500);
  EXPECT_EQ(a.tv_sec, b.tv_sec);
  EXPECT_EQ(a.tv_usec, b.tv_usec);
  EXPECT_NE(a.tv_usec, other.tv_usec);
  timeval plain = EventLoop::plainTimeout(1500);
  EXPECT_EQ(plain.tv_sec, 1);
  EXPECT_EQ(plain.tv_usec, 500000);
}

}  // namespace
}  // namespace surge
