#include "ipc/presence_index.h"

#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "test_support.h"

namespace surge {
namespace {

using Kind = PresenceIndex::Kind;
using Member = PresenceIndex::Member;

std::unique_ptr<PresenceIndex> makeIndex(size_t capacity = 1024) {
  std::string error;
  auto index = PresenceIndex::create(capacity, &error);
  EXPECT_TRUE(index) << error;
  return index;
}

std::vector<Member> sorted(std::vector<Member> v) {
  std::sort(v.begin(), v.end(), [](const Member& a, const Member& b) {
    return a.pid != b.pid ? a.pid < b.pid : a.connection < b.connection;
  });
  return v;
}

std::vector<Member> membersOf(PresenceIndex& index, Kind kind, std::string_view name) {
  std::vector<Member> out;
  index.members(kind, name, &out);
  return sorted(out);
}

std::vector<pid_t> processesOf(PresenceIndex& index, Kind kind, std::string_view name) {
  std::vector<pid_t> out;
  index.processes(kind, name, &out);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(PresenceIndex, TracksMembersCountsAndProcessesPerName) {
  auto index = makeIndex();
  EXPECT_EQ(index->add(Kind::kUid, "alice", 10, 1), PresenceIndex::Added::kAdded);
  EXPECT_EQ(index->add(Kind::kUid, "alice", 11, 7), PresenceIndex::Added::kAdded);
  EXPECT_EQ(index->add(Kind::kUid, "alice", 10, 1), PresenceIndex::Added::kAlreadyThere);
  EXPECT_EQ(index->add(Kind::kGroup, "alice", 12, 3), PresenceIndex::Added::kAdded);
  EXPECT_EQ(index->add(Kind::kUid, "bob", 10, 2), PresenceIndex::Added::kAdded);
  EXPECT_EQ(membersOf(*index, Kind::kUid, "alice"), (std::vector<Member>{{10, 1}, {11, 7}}));
  EXPECT_EQ(membersOf(*index, Kind::kGroup, "alice"), (std::vector<Member>{{12, 3}}));
  EXPECT_EQ(index->count(Kind::kUid, "alice"), 2u);
  EXPECT_EQ(index->count(Kind::kUid, "nobody"), 0u);
  EXPECT_EQ(processesOf(*index, Kind::kUid, "alice"), (std::vector<pid_t>{10, 11}));
  EXPECT_TRUE(index->contains(Kind::kUid, "bob", 10, 2));
  EXPECT_FALSE(index->contains(Kind::kUid, "bob", 10, 3));

  EXPECT_TRUE(index->remove(Kind::kUid, "alice", 10, 1));
  EXPECT_FALSE(index->remove(Kind::kUid, "alice", 10, 1));
  EXPECT_EQ(membersOf(*index, Kind::kUid, "alice"), (std::vector<Member>{{11, 7}}));
  EXPECT_EQ(processesOf(*index, Kind::kUid, "alice"), (std::vector<pid_t>{11}));
  EXPECT_TRUE(index->remove(Kind::kUid, "alice", 11, 7));
  std::vector<std::string> uids;
  index->names(Kind::kUid, &uids);
  EXPECT_EQ(uids, (std::vector<std::string>{"bob"}));
  EXPECT_EQ(index->used(), 2u);
}

TEST(PresenceIndex, ClientsAreCountedPerProcess) {
  auto index = makeIndex();
  for (uint64_t c = 1; c <= 3; ++c) index->add(Kind::kClient, "", 20, c);
  index->add(Kind::kClient, "", 21, 1);
  EXPECT_EQ(index->clientCount(), 4u);
  EXPECT_EQ(processesOf(*index, Kind::kClient, ""), (std::vector<pid_t>{20, 21}));
  EXPECT_TRUE(index->contains(Kind::kClient, "", 20, 2));
  index->remove(Kind::kClient, "", 21, 1);
  EXPECT_EQ(processesOf(*index, Kind::kClient, ""), (std::vector<pid_t>{20}));
  EXPECT_EQ(membersOf(*index, Kind::kClient, ""), (std::vector<Member>{{20, 1}, {20, 2}, {20, 3}}));
}

TEST(PresenceIndex, ANameHeldByManyProcessesIsRoutedByItsMembers) {
  auto index = makeIndex();
  std::vector<pid_t> all;
  for (pid_t p = 100; p < 100 + 40; ++p) {
    index->add(Kind::kGroup, "crowd", p, 1);
    all.push_back(p);
  }
  EXPECT_EQ(processesOf(*index, Kind::kGroup, "crowd"), all);
  for (pid_t p = 100; p < 100 + 39; ++p) index->remove(Kind::kGroup, "crowd", p, 1);
  EXPECT_EQ(processesOf(*index, Kind::kGroup, "crowd"), (std::vector<pid_t>{139}));
}

TEST(PresenceIndex, AFullIndexRefusesAndRecoversWhenEntriesGo) {
  auto index = makeIndex(16);
  size_t added = 0;
  while (index->add(Kind::kGroup, "g" + std::to_string(added % 3), 1, added) ==
         PresenceIndex::Added::kAdded)
    ++added;
  EXPECT_EQ(added, index->capacity());
  EXPECT_EQ(index->add(Kind::kUid, "late", 1, 999), PresenceIndex::Added::kFull);
  EXPECT_TRUE(index->remove(Kind::kGroup, "g0", 1, 0));
  EXPECT_EQ(index->add(Kind::kUid, "late", 1, 999), PresenceIndex::Added::kAdded);
  std::string tooLong(PresenceIndex::kMaxName + 1, 'x');
  EXPECT_EQ(index->add(Kind::kUid, tooLong, 1, 1), PresenceIndex::Added::kFull);
}

TEST(PresenceIndex, RemoveProcessDropsEverythingOfThatProcess) {
  auto index = makeIndex();
  index->add(Kind::kClient, "", 30, 1);
  index->add(Kind::kUid, "u", 30, 1);
  index->add(Kind::kGroup, "g", 30, 1);
  index->add(Kind::kGroup, "g", 31, 5);
  EXPECT_EQ(index->removeProcess(30), 3u);
  EXPECT_EQ(index->count(Kind::kUid, "u"), 0u);
  EXPECT_EQ(membersOf(*index, Kind::kGroup, "g"), (std::vector<Member>{{31, 5}}));
  EXPECT_EQ(index->clientCount(), 0u);
  EXPECT_EQ(index->used(), 1u);
}

TEST(PresenceIndex, RebuildKeepsWhatIsLive) {
  auto index = makeIndex();
  for (uint64_t c = 0; c < 50; ++c) {
    index->add(Kind::kClient, "", 40, c);
    index->add(Kind::kGroup, "g" + std::to_string(c % 5), 40 + c % 3, c);
  }
  for (uint64_t c = 0; c < 50; c += 2)
    index->remove(Kind::kGroup, "g" + std::to_string(c % 5), 40 + c % 3, c);
  auto before = membersOf(*index, Kind::kGroup, "g1");
  auto processesBefore = processesOf(*index, Kind::kGroup, "g1");
  size_t used = index->used();
  index->rebuild();
  EXPECT_EQ(membersOf(*index, Kind::kGroup, "g1"), before);
  EXPECT_EQ(processesOf(*index, Kind::kGroup, "g1"), processesBefore);
  EXPECT_EQ(index->used(), used);
  EXPECT_EQ(index->clientCount(), 50u);
  // The free lists were rebuilt too: the freed entries are handed out again.
  for (uint64_t c = 0; c < 50; c += 2)
    EXPECT_EQ(index->add(Kind::kGroup, "again", 1, c), PresenceIndex::Added::kAdded);
  EXPECT_EQ(index->count(Kind::kGroup, "again"), 25u);
}

// Processes adding and removing at once, one of them killed while it works: the index
// stays whole (the next lock holder rebuilds it if the victim died holding the lock) and
// the survivors' entries are exact.
TEST(PresenceIndex, SurvivesConcurrentWritersAndOneKilledAmongThem) {
  auto index = makeIndex(1 << 16);
  pid_t victim = ::fork();
  if (victim == 0) {
    for (uint64_t i = 0;; ++i) {
      index->add(Kind::kGroup, "shared", ::getpid(), i % 100);
      index->remove(Kind::kGroup, "shared", ::getpid(), (i + 50) % 100);
    }
  }
  std::vector<pid_t> workers;
  for (int w = 0; w < 2; ++w) {
    pid_t pid = ::fork();
    if (pid == 0) {
      for (uint64_t c = 0; c < 2000; ++c) {
        index->add(Kind::kGroup, "shared", ::getpid(), c);
        index->add(Kind::kUid, "u" + std::to_string(c % 10), ::getpid(), c);
        if (c % 2) index->remove(Kind::kUid, "u" + std::to_string(c % 10), ::getpid(), c);
      }
      ::_exit(0);
    }
    workers.push_back(pid);
  }
  // Kill the victim once it is seen at work (its entries are in the index).
  for (int i = 0; i < 100000 && processesOf(*index, Kind::kGroup, "shared").empty(); ++i)
    ::sched_yield();
  ::kill(victim, SIGKILL);
  EXPECT_NE(testing::waitChild(victim), -2);
  for (pid_t w : workers) EXPECT_EQ(testing::waitChild(w), 0);
  index->removeProcess(victim);
  EXPECT_EQ(index->count(Kind::kGroup, "shared"), 4000u);
  size_t uids = 0;
  for (int u = 0; u < 10; ++u) uids += index->count(Kind::kUid, "u" + std::to_string(u));
  EXPECT_EQ(uids, 2000u);
  EXPECT_EQ(
      processesOf(*index, Kind::kGroup, "shared"),
      (std::vector<pid_t>{std::min(workers[0], workers[1]), std::max(workers[0], workers[1])}));
  EXPECT_EQ(index->used(), 6000u);
}

}  // namespace
}  // namespace surge
