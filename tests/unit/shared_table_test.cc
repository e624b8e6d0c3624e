#include "shm/shared_table.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "shm/shared_atomic.h"
#include "test_support.h"

namespace surge {
namespace {

using Type = SharedTable::ColumnType;
using surge::testing::waitChild;

std::string errorOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const TableError& e) {
    return e.what();
  }
  return "";
}

SharedTable counters(uint64_t size) {
  SharedTable t(size);
  t.addColumn("hits", Type::kInt, 0);
  t.addColumn("avg", Type::kFloat, 0);
  t.addColumn("name", Type::kString, 8);
  return t;
}

TEST(SharedTableTest, SetGetDelAndCount) {
  SharedTable t = counters(100);
  t.create();
  const auto* hits = t.column("hits");
  const auto* name = t.column("name");
  SharedTable::Value v[2] = {{hits, 42}, {name, 0, 0, "alice"}};
  t.set("k1", v, 2);
  std::string row(t.rowDataSize(), '\0');
  ASSERT_TRUE(t.get("k1", row.data()));
  EXPECT_EQ(SharedTable::readInt(row.data(), *hits), 42);
  EXPECT_EQ(SharedTable::readString(row.data(), *name), "alice");
  EXPECT_EQ(SharedTable::readFloat(row.data(), *t.column("avg")), 0.0);
  EXPECT_TRUE(t.exists("k1"));
  EXPECT_FALSE(t.exists("k2"));
  EXPECT_EQ(t.count(), 1u);
  // A partial set keeps the other columns.
  SharedTable::Value only[1] = {{hits, 7}};
  t.set("k1", only, 1);
  ASSERT_TRUE(t.get("k1", row.data()));
  EXPECT_EQ(SharedTable::readInt(row.data(), *hits), 7);
  EXPECT_EQ(SharedTable::readString(row.data(), *name), "alice");
  EXPECT_TRUE(t.del("k1"));
  EXPECT_FALSE(t.del("k1"));
  EXPECT_FALSE(t.get("k1", row.data()));
  EXPECT_EQ(t.count(), 0u);
}

TEST(SharedTableTest, HoldsExactlyItsCapacityThenSaysFull) {
  SharedTable t = counters(1000);
  t.create();
  SharedTable::Value v[1] = {{t.column("hits"), 1}};
  for (int i = 0; i < 1000; ++i) t.set("key" + std::to_string(i), v, 1);
  EXPECT_EQ(t.count(), 1000u);
  std::string err = errorOf([&] { t.set("one-more", v, 1); });
  EXPECT_NE(err.find("full (1000 rows)"), std::string::npos) << err;
  EXPECT_NE(err.find("larger size"), std::string::npos) << err;
  // Updating an existing key still works, and a deleted row is reused.
  t.set("key5", v, 1);
  EXPECT_TRUE(t.del("key5"));
  t.set("one-more", v, 1);
  EXPECT_EQ(t.count(), 1000u);
  std::string row(t.rowDataSize(), '\0');
  for (int i = 0; i < 1000; ++i) {
    if (i == 5) continue;
    ASSERT_TRUE(t.get("key" + std::to_string(i), row.data())) << i;
  }
}

TEST(SharedTableTest, Errors) {
  SharedTable t = counters(10);
  EXPECT_NE(errorOf([&] { t.exists("a"); }).find("not created yet"), std::string::npos);
  EXPECT_NE(errorOf([&] { t.addColumn("hits", Type::kInt, 0); }).find("twice"), std::string::npos);
  EXPECT_NE(errorOf([&] { t.addColumn("s", Type::kString, 0); }).find("size between"),
            std::string::npos);
  t.create();
  EXPECT_NE(errorOf([&] { t.create(); }).find("created already"), std::string::npos);
  EXPECT_NE(errorOf([&] { t.addColumn("x", Type::kInt, 0); }).find("before create()"),
            std::string::npos);
  SharedTable::Value v[1] = {{t.column("name"), 0, 0, "123456789"}};
  std::string err = errorOf([&] { t.set("a", v, 1); });
  EXPECT_NE(err.find("9 bytes long, the column holds 8"), std::string::npos) << err;
  EXPECT_FALSE(t.exists("a"));  // nothing was written
  v[0].s = "12345678";
  t.set("a", v, 1);
  EXPECT_NE(errorOf([&] { t.exists(std::string(64, 'k')); }).find("at most 63"), std::string::npos);
  t.set(std::string(63, 'k'), v, 1);
  EXPECT_NE(errorOf([&] { t.exists(""); }).find("empty"), std::string::npos);
  EXPECT_NE(errorOf([] { SharedTable(0); }).find("between 1"), std::string::npos);
}

TEST(SharedTableTest, MemorySizeIsKnownBeforeCreateAndSmall) {
  SharedTable t = counters(1 << 16);
  size_t before = t.memorySize();
  t.create();
  EXPECT_EQ(before, t.memorySize());
  // 72-byte row header + 8 + 8 + (4 + 8) data = 100, padded to 104; 4 bytes of bucket,
  // under 1 byte of locks.
  double perRow = static_cast<double>(before) / (1 << 16);
  EXPECT_LT(perRow, 104 + 4 + 1 + 1);
}

TEST(SharedTableTest, IteratesEveryRowOnce) {
  SharedTable t = counters(500);
  t.create();
  SharedTable::Value v[1] = {{t.column("hits"), 3}};
  for (int i = 0; i < 300; ++i) t.set("k" + std::to_string(i), v, 1);
  std::set<std::string> seen;
  std::vector<SharedTable::Entry> batch;
  for (size_t b = 0; b < t.bucketCount();) {
    batch.clear();
    b = t.readBucket(b, batch);
    for (auto& e : batch) {
      EXPECT_TRUE(seen.insert(e.key).second) << e.key;
      EXPECT_EQ(SharedTable::readInt(e.data.data(), *t.column("hits")), 3);
    }
  }
  EXPECT_EQ(seen.size(), 300u);
}

TEST(SharedTableTest, IncrCreatesAndAdds) {
  SharedTable t = counters(10);
  t.create();
  int64_t i = 0;
  double d = 0;
  t.incr("x", *t.column("hits"), int64_t{5}, &i);
  EXPECT_EQ(i, 5);
  t.incr("x", *t.column("hits"), int64_t{-2}, &i);
  EXPECT_EQ(i, 3);
  t.incr("x", *t.column("avg"), 1.5, &d);
  EXPECT_EQ(d, 1.5);
  EXPECT_EQ(t.count(), 1u);
}

// Several processes increment the same keys and insert/delete their own: the totals are
// exact and the table is intact afterwards.
TEST(SharedTableTest, ConcurrentProcessesGiveExactTotals) {
  SharedTable t = counters(256);
  t.create();
  const int kProcs = 3;
  const int kRounds = 20000;
  std::vector<pid_t> kids;
  for (int p = 0; p < kProcs; ++p) {
    pid_t pid = fork();
    if (pid == 0) {
      int64_t out;
      SharedTable::Value v[1] = {{t.column("hits"), 1}};
      for (int i = 0; i < kRounds; ++i) {
        t.incr("shared" + std::to_string(i % 4), *t.column("hits"), int64_t{1}, &out);
        std::string mine = "p" + std::to_string(p) + "-" + std::to_string(i % 50);
        t.set(mine, v, 1);
        if (i % 3 == 0) t.del(mine);
      }
      _exit(0);
    }
    kids.push_back(pid);
  }
  for (pid_t pid : kids) {
    int status = waitChild(pid);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  }
  std::string row(t.rowDataSize(), '\0');
  int64_t total = 0;
  for (int k = 0; k < 4; ++k) {
    ASSERT_TRUE(t.get("shared" + std::to_string(k), row.data()));
    total += SharedTable::readInt(row.data(), *t.column("hits"));
  }
  EXPECT_EQ(total, int64_t{kProcs} * kRounds);
  size_t rows = 0;
  std::vector<SharedTable::Entry> batch;
  for (size_t b = 0; b < t.bucketCount();) {
    batch.clear();
    b = t.readBucket(b, batch);
    rows += batch.size();
  }
  EXPECT_EQ(rows, t.count());
}

// A process SIGKILLed while it holds a row's stripe does not block the others.
TEST(SharedTableTest, KilledHolderDoesNotBlockOthers) {
  SharedTable t = counters(16);
  t.create();
  SharedAtomic inside(0);
  pid_t pid = fork();
  if (pid == 0) {
    t.update("victim", [&](char*) {
      inside.set(1);
      for (;;) pause();
    });
    _exit(0);
  }
  while (inside.get() == 0) usleep(1000);
  kill(pid, SIGKILL);
  int status = waitChild(pid);
  ASSERT_TRUE(WIFSIGNALED(status));
  int64_t out = 0;
  t.incr("victim", *t.column("hits"), int64_t{1}, &out);  // would hang without robustness
  EXPECT_EQ(out, 1);
  EXPECT_EQ(t.count(), 1u);
}

}  // namespace
}  // namespace surge
