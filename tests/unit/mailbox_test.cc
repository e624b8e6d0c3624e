#include "ipc/mailbox.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "event/event_loop.h"
#include "test_support.h"

namespace surge {
namespace {

using testing::pattern;
using testing::SafetyNet;

// An inbox under a made-up process id that records what it received, and stops the loop
// once it has `want` messages.
struct Inbox {
  Inbox(EventLoop& loop, pid_t id, const std::string& scope) : loop(loop), box(loop, &on, this) {
    std::string error;
    EXPECT_TRUE(box.open(scope, &error, id)) << error;
  }
  static void on(void* arg, pid_t from, std::string_view message) {
    auto* self = static_cast<Inbox*>(arg);
    self->got.emplace_back(from, std::string(message));
    if (self->got.size() == self->want) self->loop.stop();
  }
  EventLoop& loop;
  Mailbox box;
  std::vector<std::pair<pid_t, std::string>> got;
  size_t want = 1;
};

std::string scope() {
  return "ut" + std::to_string(::getpid());
}

TEST(Mailbox, DeliversWholeMessagesWithTheSender) {
  EventLoop loop;
  SafetyNet net(loop);
  Inbox a(loop, 1001, scope()), b(loop, 1002, scope());
  b.want = 2;
  ASSERT_TRUE(a.box.send(1002, "hello"));
  ASSERT_TRUE(a.box.send(1002, ""));
  loop.run();
  ASSERT_FALSE(net.fired());
  ASSERT_EQ(b.got.size(), 2u);
  EXPECT_EQ(b.got[0], std::make_pair(pid_t{1001}, std::string("hello")));
  EXPECT_EQ(b.got[1], std::make_pair(pid_t{1001}, std::string()));
  EXPECT_TRUE(a.got.empty());
}

TEST(Mailbox, JoinsFragmentsOfBigMessagesFromSeveralSenders) {
  EventLoop loop;
  SafetyNet net(loop);
  Inbox a(loop, 2001, scope()), b(loop, 2002, scope()), c(loop, 2003, scope());
  c.want = 4;
  std::string big1 = pattern(Mailbox::kFragmentSize * 3 + 17, 1);
  std::string big2 = pattern(1 << 20, 2);
  ASSERT_TRUE(a.box.send(2003, big1));
  ASSERT_TRUE(b.box.send(2003, big2));
  ASSERT_TRUE(a.box.send(2003, "after"));
  ASSERT_TRUE(b.box.send(2003, big1));
  loop.run();
  ASSERT_FALSE(net.fired());
  std::vector<std::string> fromA, fromB;
  for (auto& [from, m] : c.got) (from == 2001 ? fromA : fromB).push_back(m);
  ASSERT_EQ(fromA.size(), 2u);
  ASSERT_EQ(fromB.size(), 2u);
  EXPECT_TRUE(fromA[0] == big1);
  EXPECT_EQ(fromA[1], "after");
  EXPECT_TRUE(fromB[0] == big2);
  EXPECT_TRUE(fromB[1] == big1);
  EXPECT_EQ(a.box.queuedBytes(), 0u);
  EXPECT_EQ(b.box.queuedBytes(), 0u);
}

TEST(Mailbox, QueuesForABusyInboxInOrderAndFlushesWhenItDrains) {
  EventLoop loop;
  SafetyNet net(loop, 10);
  Inbox a(loop, 3001, scope()), b(loop, 3002, scope());
  // Far more than an inbox holds (the kernel's queue of datagrams per socket is bounded):
  // the rest waits in a, in order.
  const size_t count = 5000;
  for (size_t i = 0; i < count; ++i) ASSERT_TRUE(a.box.send(3002, "m" + std::to_string(i)));
  EXPECT_GT(a.box.queuedBytes(), 0u);
  b.want = count;
  loop.run();
  ASSERT_FALSE(net.fired());
  ASSERT_EQ(b.got.size(), count);
  for (size_t i = 0; i < count; ++i) ASSERT_EQ(b.got[i].second, "m" + std::to_string(i));
  EXPECT_EQ(a.box.queuedBytes(), 0u);
}

TEST(Mailbox, RefusesWhatExceedsTheQueueLimit) {
  EventLoop loop;
  Inbox a(loop, 4001, scope()), b(loop, 4002, scope());
  a.box.setMaxQueuedBytes(64 * 1024);
  std::string chunk(1000, 'x');
  size_t accepted = 0;
  while (a.box.send(4002, chunk)) ++accepted;
  EXPECT_GT(accepted, 0u);
  EXPECT_EQ(a.box.overflowed(), 1u);
  EXPECT_LE(a.box.queuedBytes(), 64u * 1024 + 2000);
}

TEST(Mailbox, ASendToAProcessWithoutInboxFails) {
  EventLoop loop;
  Inbox a(loop, 5001, scope());
  EXPECT_FALSE(a.box.send(5999, "anyone?"));
  EXPECT_EQ(a.box.queuedBytes(), 0u);
}

TEST(Mailbox, WhatWaitsForAProcessThatGoesIsDropped) {
  EventLoop loop;
  Inbox a(loop, 6001, scope());
  auto b = std::make_unique<Inbox>(loop, 6002, scope());
  for (int i = 0; i < 5000; ++i) ASSERT_TRUE(a.box.send(6002, "queued"));
  ASSERT_GT(a.box.queuedBytes(), 0u);
  b.reset();
  // The next attempt to write learns that the inbox is gone.
  EXPECT_FALSE(a.box.send(6002, "late"));
  EXPECT_EQ(a.box.queuedBytes(), 0u);
}

TEST(Mailbox, TwoScopesNeverMix) {
  EventLoop loop;
  Inbox a(loop, 7001, scope());
  Inbox other(loop, 7002, scope() + "-other");
  EXPECT_FALSE(a.box.send(7002, "wrong server"));
  Mailbox taken(loop, &Inbox::on, &a);
  std::string error;
  EXPECT_FALSE(taken.open(scope(), &error, 7001));
  EXPECT_TRUE(testing::Contains(error, "7001"));
}

}  // namespace
}  // namespace surge
