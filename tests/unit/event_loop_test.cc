#include "event/event_loop.h"

#include <event2/event.h>
#include <signal.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "event/io_watcher.h"
#include "event/signal_watcher.h"
#include "event/timer.h"
#include "test_support.h"

namespace surge {
namespace {

using surge::testing::SafetyNet;

TEST(EventLoopTest, HasABaseAndAScratchArea) {
  EventLoop loop;
  EXPECT_NE(loop.base(), nullptr);
  ASSERT_NE(loop.scratch(), nullptr);
  // The whole spill area is writable.
  loop.scratch()[0] = 'a';
  loop.scratch()[EventLoop::kScratchSize - 1] = 'z';
  EXPECT_FALSE(loop.running());
}

TEST(EventLoopTest, RunUntilStopFromACallback) {
  EventLoop loop;
  SafetyNet net(loop);
  struct State {
    EventLoop* loop;
    bool sawRunning = false;
  } state{&loop};
  Timer t(
      loop,
      [](void* arg) {
        auto* s = static_cast<State*>(arg);
        s->sawRunning = s->loop->running();
        s->loop->stop();
      },
      &state);
  t.start(0.001, false);
  loop.run();
  EXPECT_FALSE(net.fired());
  EXPECT_TRUE(state.sawRunning);
  EXPECT_FALSE(loop.running());
}

TEST(EventLoopTest, RunCanBeCalledAgainAfterStop) {
  EventLoop loop;
  SafetyNet net(loop, 10);
  int runs = 0;
  Timer t(
      loop, [](void* arg) { static_cast<EventLoop*>(arg)->stop(); }, &loop);
  for (int i = 0; i < 3; ++i) {
    t.start(0, false);
    loop.run();
    ++runs;
  }
  EXPECT_EQ(runs, 3);
  EXPECT_FALSE(net.fired());
}

TEST(EventLoopTest, StopBeforeRunMakesRunReturnAtOnce) {
  EventLoop loop;
  SafetyNet net(loop);
  struct State {
    EventLoop* loop;
    int fired = 0;
  } state{&loop};
  Timer t(
      loop,
      [](void* arg) {
        auto* s = static_cast<State*>(arg);
        ++s->fired;
        s->loop->stop();
      },
      &state);
  t.start(0, false);
  loop.stop();
  loop.run();  // returns without dispatching
  EXPECT_EQ(state.fired, 0);
  EXPECT_FALSE(loop.running());
  loop.run();  // the request was used up: this run dispatches
  EXPECT_EQ(state.fired, 1);
  EXPECT_FALSE(net.fired());
}

TEST(EventLoopTest, EmptyLoopKeepsWaitingUntilStopped) {
  // With nothing but a timer that fires once, the loop does not return on its own when
  // the timer is done: only stop() ends it.
  EventLoop loop;
  SafetyNet net(loop);
  struct State {
    EventLoop* loop;
    int fired = 0;
    Timer* stopper = nullptr;
  } state{&loop};
  Timer stopper(
      loop, [](void* arg) { static_cast<State*>(arg)->loop->stop(); }, &state);
  Timer once(
      loop,
      [](void* arg) {
        auto* s = static_cast<State*>(arg);
        ++s->fired;
        s->stopper->start(0.01, false);
      },
      &state);
  state.stopper = &stopper;
  once.start(0, false);
  loop.run();
  EXPECT_EQ(state.fired, 1);
  EXPECT_FALSE(net.fired());
}

struct DeferState {
  EventLoop* loop = nullptr;
  std::vector<std::string> order;
};

TEST(EventLoopTest, DeferBeforeRunRunsInsideRun) {
  EventLoop loop;
  SafetyNet net(loop);
  DeferState state{&loop};
  loop.defer(
      [](void* arg) {
        auto* s = static_cast<DeferState*>(arg);
        s->order.push_back("deferred");
        s->loop->stop();
      },
      &state);
  EXPECT_TRUE(state.order.empty());
  loop.run();
  EXPECT_EQ(state.order, std::vector<std::string>{"deferred"});
  EXPECT_FALSE(net.fired());
}

TEST(EventLoopTest, DeferFromACallbackIsNotInline) {
  EventLoop loop;
  SafetyNet net(loop);
  DeferState state{&loop};
  Timer t(
      loop,
      [](void* arg) {
        auto* s = static_cast<DeferState*>(arg);
        s->order.push_back("timer begin");
        s->loop->defer(
            [](void* a) {
              auto* st = static_cast<DeferState*>(a);
              st->order.push_back("deferred");
              st->loop->stop();
            },
            s);
        s->order.push_back("timer end");
      },
      &state);
  t.start(0, false);
  loop.run();
  EXPECT_EQ(state.order, (std::vector<std::string>{"timer begin", "timer end", "deferred"}));
  EXPECT_FALSE(net.fired());
}

TEST(EventLoopTest, DeferredCallbacksRunInOrderAndMayDeferMore) {
  EventLoop loop;
  SafetyNet net(loop);
  DeferState state{&loop};
  auto first = [](void* arg) {
    auto* s = static_cast<DeferState*>(arg);
    s->order.push_back("first");
    s->loop->defer(
        [](void* a) {
          auto* st = static_cast<DeferState*>(a);
          st->order.push_back("chained");
          st->loop->stop();
        },
        s);
  };
  auto second = [](void* arg) { static_cast<DeferState*>(arg)->order.push_back("second"); };
  loop.defer(first, &state);
  loop.defer(second, &state);
  loop.run();
  EXPECT_EQ(state.order, (std::vector<std::string>{"first", "second", "chained"}));
  EXPECT_FALSE(net.fired());
}

TEST(EventLoopTest, ManyDefers) {
  EventLoop loop;
  SafetyNet net(loop);
  struct State {
    EventLoop* loop;
    int count = 0;
  } state{&loop};
  for (int i = 0; i < 1000; ++i)
    loop.defer([](void* arg) { ++static_cast<State*>(arg)->count; }, &state);
  loop.defer([](void* arg) { static_cast<State*>(arg)->loop->stop(); }, &state);
  loop.run();
  EXPECT_EQ(state.count, 1000);
  EXPECT_FALSE(net.fired());
}

// ------------------------------------------------------------------- Timer

struct TimerState {
  EventLoop* loop = nullptr;
  Timer* timer = nullptr;
  int fired = 0;
  int stopAt = 0;
  bool activeInside = false;
};

TEST(TimerTest, OneShotFiresOnce) {
  EventLoop loop;
  SafetyNet net(loop);
  TimerState once{&loop};
  Timer t(
      loop,
      [](void* arg) {
        auto* s = static_cast<TimerState*>(arg);
        ++s->fired;
        s->activeInside = s->timer->active();
      },
      &once);
  once.timer = &t;
  t.start(0.0005, false);
  EXPECT_TRUE(t.active());
  EXPECT_FALSE(t.repeating());

  // A repeating ticker gives the loop plenty of further iterations, then stops it.
  TimerState ticks{&loop};
  Timer ticker(
      loop,
      [](void* arg) {
        auto* s = static_cast<TimerState*>(arg);
        if (++s->fired == 20) s->loop->stop();
      },
      &ticks);
  ticker.start(0.001, true);
  loop.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(once.fired, 1);
  EXPECT_FALSE(once.activeInside);
  EXPECT_FALSE(t.active());
  EXPECT_EQ(ticks.fired, 20);
}

TEST(TimerTest, RepeatingSubMillisecondTimerFiresUntilStopped) {
  EventLoop loop;
  SafetyNet net(loop);
  TimerState state{&loop};
  state.stopAt = 50;
  Timer t(
      loop,
      [](void* arg) {
        auto* s = static_cast<TimerState*>(arg);
        s->activeInside = s->timer->active();
        if (++s->fired == s->stopAt) {
          s->timer->stop();
          s->loop->stop();
        }
      },
      &state);
  state.timer = &t;
  t.start(0.0002, true);
  EXPECT_TRUE(t.repeating());
  EXPECT_TRUE(t.active());
  loop.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(state.fired, 50);
  EXPECT_TRUE(state.activeInside);  // a repeating timer stays armed in its callback
  EXPECT_FALSE(t.active());
}

TEST(TimerTest, ZeroRepeatingIntervalStillFiresRepeatedly) {
  EventLoop loop;
  SafetyNet net(loop);
  TimerState state{&loop};
  state.stopAt = 100;
  Timer t(
      loop,
      [](void* arg) {
        auto* s = static_cast<TimerState*>(arg);
        if (++s->fired == s->stopAt) {
          s->timer->stop();
          s->loop->stop();
        }
      },
      &state);
  state.timer = &t;
  t.start(0, true);
  loop.run();
  EXPECT_EQ(state.fired, 100);
  EXPECT_FALSE(net.fired());
}

TEST(TimerTest, NegativeAndNanDelaysFireImmediately) {
  for (double delay : {-1.0, std::nan("")}) {
    EventLoop loop;
    SafetyNet net(loop);
    TimerState state{&loop};
    Timer t(
        loop,
        [](void* arg) {
          auto* s = static_cast<TimerState*>(arg);
          ++s->fired;
          s->loop->stop();
        },
        &state);
    t.start(delay, false);
    loop.run();
    EXPECT_EQ(state.fired, 1);
    EXPECT_FALSE(net.fired());
  }
}

struct StopInsideState {
  EventLoop* loop = nullptr;
  Timer* timer = nullptr;
  Timer* finish = nullptr;
  int fired = 0;
};

TEST(TimerTest, StopFromInsideItsOwnCallback) {
  EventLoop loop;
  SafetyNet net(loop);
  StopInsideState state{&loop};
  Timer finish(
      loop, [](void* arg) { static_cast<StopInsideState*>(arg)->loop->stop(); }, &state);
  Timer t(
      loop,
      [](void* arg) {
        auto* s = static_cast<StopInsideState*>(arg);
        if (++s->fired == 3) {
          s->timer->stop();
          // Give the loop many more chances to (wrongly) fire the stopped timer.
          s->finish->start(0.02, false);
        }
      },
      &state);
  state.timer = &t;
  state.finish = &finish;
  t.start(0.0001, true);
  loop.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(state.fired, 3);
  EXPECT_FALSE(t.active());
}

TEST(TimerTest, RestartFromInsideItsOwnCallback) {
  EventLoop loop;
  SafetyNet net(loop);
  StopInsideState state{&loop};
  Timer t(
      loop,
      [](void* arg) {
        auto* s = static_cast<StopInsideState*>(arg);
        if (++s->fired == 5) {
          s->loop->stop();
          return;
        }
        s->timer->start(0.0001, false);  // one-shot re-armed from its own callback
      },
      &state);
  state.timer = &t;
  t.start(0.0001, false);
  loop.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(state.fired, 5);
  EXPECT_FALSE(t.active());
}

TEST(TimerTest, RepeatingTimerSwitchedToOneShotInsideItsCallback) {
  EventLoop loop;
  SafetyNet net(loop);
  StopInsideState state{&loop};
  Timer finish(
      loop, [](void* arg) { static_cast<StopInsideState*>(arg)->loop->stop(); }, &state);
  Timer t(
      loop,
      [](void* arg) {
        auto* s = static_cast<StopInsideState*>(arg);
        ++s->fired;
        if (s->fired == 2) s->timer->start(0.0001, false);
        if (s->fired == 3) s->finish->start(0.02, false);
      },
      &state);
  state.timer = &t;
  state.finish = &finish;
  t.start(0.0001, true);
  loop.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(state.fired, 3);
  EXPECT_FALSE(t.repeating());
  EXPECT_FALSE(t.active());
}

TEST(TimerTest, StopBeforeItFiresAndDestroyWhileArmed) {
  EventLoop loop;
  SafetyNet net(loop);
  TimerState state{&loop};
  Timer t(
      loop, [](void* arg) { ++static_cast<TimerState*>(arg)->fired; }, &state);
  t.start(0.001, false);
  t.stop();
  EXPECT_FALSE(t.active());
  {
    Timer armed(
        loop, [](void* arg) { ++static_cast<TimerState*>(arg)->fired; }, &state);
    armed.start(0.001, true);
  }  // destroyed while armed: must not fire afterwards
  Timer finish(
      loop, [](void* arg) { static_cast<TimerState*>(arg)->loop->stop(); }, &state);
  finish.start(0.02, false);
  loop.run();
  EXPECT_EQ(state.fired, 0);
  EXPECT_FALSE(net.fired());
}

TEST(TimerTest, StartReplacesThePreviousSchedule) {
  EventLoop loop;
  SafetyNet net(loop);
  TimerState state{&loop};
  Timer t(
      loop,
      [](void* arg) {
        auto* s = static_cast<TimerState*>(arg);
        ++s->fired;
      },
      &state);
  t.start(0.0001, true);
  t.start(3600, false);  // now a far-away one-shot
  EXPECT_FALSE(t.repeating());
  EXPECT_TRUE(t.active());
  Timer finish(
      loop, [](void* arg) { static_cast<TimerState*>(arg)->loop->stop(); }, &state);
  finish.start(0.02, false);
  loop.run();
  EXPECT_EQ(state.fired, 0);
  EXPECT_TRUE(t.active());
  t.stop();
  EXPECT_FALSE(net.fired());
}

// ----------------------------------------------------------- SignalWatcher

struct SignalState {
  EventLoop* loop = nullptr;
  int signo = 0;
  int count = 0;
};

TEST(SignalWatcherTest, DeliversARaisedSignalThroughTheLoop) {
  EventLoop loop;
  SafetyNet net(loop);
  SignalState state{&loop};
  SignalWatcher w(
      loop, SIGUSR2,
      [](int signo, void* arg) {
        auto* s = static_cast<SignalState*>(arg);
        s->signo = signo;
        ++s->count;
        s->loop->stop();
      },
      &state);
  loop.defer([](void*) { raise(SIGUSR2); }, nullptr);
  loop.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(state.count, 1);
  EXPECT_EQ(state.signo, SIGUSR2);
}

TEST(SignalWatcherTest, SignalRaisedBeforeRunIsDeliveredInsideRun) {
  EventLoop loop;
  SafetyNet net(loop);
  SignalState state{&loop};
  SignalWatcher w(
      loop, SIGUSR2,
      [](int signo, void* arg) {
        auto* s = static_cast<SignalState*>(arg);
        s->signo = signo;
        ++s->count;
        s->loop->stop();
      },
      &state);
  raise(SIGUSR2);
  EXPECT_EQ(state.count, 0);  // never from the signal handler itself
  loop.run();
  EXPECT_EQ(state.count, 1);
  EXPECT_FALSE(net.fired());
}

TEST(SignalWatcherTest, PersistsAcrossSeveralSignals) {
  EventLoop loop;
  SafetyNet net(loop);
  SignalState state{&loop};
  SignalWatcher w(
      loop, SIGUSR2,
      [](int, void* arg) {
        auto* s = static_cast<SignalState*>(arg);
        if (++s->count == 3)
          s->loop->stop();
        else
          s->loop->defer([](void*) { raise(SIGUSR2); }, nullptr);
      },
      &state);
  loop.defer([](void*) { raise(SIGUSR2); }, nullptr);
  loop.run();
  EXPECT_EQ(state.count, 3);
  EXPECT_FALSE(net.fired());
}

// --------------------------------------------------------------- IoWatcher

struct PipeState {
  EventLoop* loop = nullptr;
  IoWatcher* watcher = nullptr;
  std::string got;
  int wakeups = 0;
  short what = 0;
  size_t want = 0;
};

TEST(IoWatcherTest, ReadsFromAPipe) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  surge::testing::setNonBlocking(fds[0]);
  EventLoop loop;
  SafetyNet net(loop);
  PipeState state{&loop};
  state.want = 11;
  IoWatcher w;
  EXPECT_FALSE(w.active());
  w.start();  // not initialised yet: ignored
  EXPECT_FALSE(w.active());
  w.init(
      loop, fds[0], EV_READ,
      [](int fd, short what, void* arg) {
        auto* s = static_cast<PipeState*>(arg);
        ++s->wakeups;
        s->what |= what;
        char buf[64];
        ssize_t n;
        while ((n = ::read(fd, buf, sizeof buf)) > 0) s->got.append(buf, static_cast<size_t>(n));
        if (s->got.size() >= s->want) {
          s->watcher->stop();
          s->loop->stop();
        }
      },
      &state);
  state.watcher = &w;
  w.start();
  EXPECT_TRUE(w.active());
  w.start();  // idempotent
  ASSERT_EQ(::write(fds[1], "hello", 5), 5);
  // More bytes after the first wake-up: the watcher is persistent.
  Timer more(
      loop,
      [](void* arg) {
        int fd = *static_cast<int*>(arg);
        ssize_t ignored = ::write(fd, " world", 6);
        (void)ignored;
      },
      &fds[1]);
  more.start(0.005, false);
  loop.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(state.got, "hello world");
  EXPECT_GE(state.wakeups, 1);
  EXPECT_TRUE(state.what & EV_READ);
  EXPECT_FALSE(w.active());
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST(IoWatcherTest, WritableAndStopped) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  EventLoop loop;
  SafetyNet net(loop);
  PipeState state{&loop};
  IoWatcher w;
  w.init(
      loop, fds[1], EV_WRITE,
      [](int, short what, void* arg) {
        auto* s = static_cast<PipeState*>(arg);
        ++s->wakeups;
        s->what |= what;
        s->watcher->stop();
        // A stopped watcher stays quiet although the pipe remains writable.
        s->loop->defer([](void* a) { static_cast<PipeState*>(a)->loop->stop(); }, s);
      },
      &state);
  state.watcher = &w;
  w.start();
  loop.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(state.wakeups, 1);
  EXPECT_TRUE(state.what & EV_WRITE);
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST(IoWatcherTest, ReinitSwitchesTheFd) {
  int a[2], b[2];
  ASSERT_EQ(::pipe(a), 0);
  ASSERT_EQ(::pipe(b), 0);
  surge::testing::setNonBlocking(b[0]);
  EventLoop loop;
  SafetyNet net(loop);
  PipeState state{&loop};
  state.want = 3;
  IoWatcher w;
  auto onRead = [](int fd, short, void* arg) {
    auto* s = static_cast<PipeState*>(arg);
    char buf[16];
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) s->got.append(buf, static_cast<size_t>(n));
    if (s->got.size() >= s->want) s->loop->stop();
  };
  w.init(loop, a[0], EV_READ, onRead, &state);
  w.start();
  w.init(loop, b[0], EV_READ, onRead, &state);  // stops the old registration
  EXPECT_FALSE(w.active());
  w.start();
  ASSERT_EQ(::write(a[1], "AAA", 3), 3);  // the old fd is no longer watched
  ASSERT_EQ(::write(b[1], "bbb", 3), 3);
  loop.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(state.got, "bbb");
  w.stop();
  for (int fd : {a[0], a[1], b[0], b[1]}) ::close(fd);
}

}  // namespace
}  // namespace surge
