#include "ipc/local_directory.h"

#include <gtest/gtest.h>

namespace surge {
namespace {

using Ids = LocalDirectory::Ids;

TEST(LocalDirectory, BindsOneUidPerConnectionAndReplacesIt) {
  LocalDirectory d;
  std::string previous;
  EXPECT_TRUE(d.bindUid(1, "alice", &previous));
  EXPECT_EQ(previous, "");
  EXPECT_FALSE(d.bindUid(1, "alice", &previous));
  EXPECT_TRUE(d.bindUid(2, "alice", &previous));
  EXPECT_EQ(*d.uid("alice"), (Ids{1, 2}));
  EXPECT_TRUE(d.bindUid(1, "bob", &previous));
  EXPECT_EQ(previous, "alice");
  EXPECT_EQ(*d.uid("alice"), (Ids{2}));
  EXPECT_EQ(*d.uid("bob"), (Ids{1}));
  EXPECT_TRUE(d.unbindUid(2, &previous));
  EXPECT_EQ(previous, "alice");
  EXPECT_EQ(d.uid("alice"), nullptr);
  EXPECT_FALSE(d.unbindUid(2, &previous));
}

TEST(LocalDirectory, GroupsAndForgettingAClosedConnection) {
  LocalDirectory d;
  EXPECT_TRUE(d.join(1, "room"));
  EXPECT_FALSE(d.join(1, "room"));
  EXPECT_TRUE(d.join(1, "lobby"));
  EXPECT_TRUE(d.join(2, "room"));
  std::string previous;
  d.bindUid(1, "alice", &previous);
  EXPECT_EQ(*d.group("room"), (Ids{1, 2}));
  EXPECT_TRUE(d.leave(2, "room"));
  EXPECT_FALSE(d.leave(2, "room"));
  EXPECT_EQ(d.of(2), nullptr);
  LocalDirectory::Bindings b = d.forget(1);
  EXPECT_EQ(b.uid, "alice");
  EXPECT_EQ(b.groups, (std::vector<std::string>{"room", "lobby"}));
  EXPECT_EQ(d.group("room"), nullptr);
  EXPECT_EQ(d.uid("alice"), nullptr);
  EXPECT_TRUE(d.empty());
  EXPECT_TRUE(d.forget(1).groups.empty());
}

}  // namespace
}  // namespace surge
