#include "process/status_board.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "test_support.h"

namespace surge {
namespace {

using surge::testing::Contains;
using surge::testing::fileExists;
using surge::testing::TempDir;
using surge::testing::waitChild;

std::vector<StatusBoard::GroupSpec> twoGroups() {
  return {{"web", "http://127.0.0.1:8080", 2}, {"ws", "websocket://127.0.0.1:8081", 1}};
}

void writeBytes(const std::string& path, const std::string& bytes) {
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
}

// open() must throw a runtime_error whose text contains `part`.
void expectOpenFails(const std::string& path, const std::string& part) {
  try {
    StatusBoard::open(path);
    ADD_FAILURE() << "open(" << path << ") did not throw";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(Contains(e.what(), part));
  }
}

TEST(StatusBoardTest, ReaderSeesTheHeaderAndGroups) {
  TempDir dir;
  std::string path = dir.file("app.status");
  auto board = StatusBoard::create(path, twoGroups(), 4242, 1700000000, true);
  auto reader = StatusBoard::open(path);
  StatusBoard::Snapshot s = reader->snapshot();
  EXPECT_EQ(s.masterPid, 4242);
  EXPECT_EQ(s.startTime, 1700000000);
  EXPECT_TRUE(s.daemon);
  ASSERT_EQ(s.groups.size(), 2u);
  EXPECT_EQ(s.groups[0].name, "web");
  EXPECT_EQ(s.groups[0].listen, "http://127.0.0.1:8080");
  EXPECT_EQ(s.groups[0].count, 2);
  EXPECT_TRUE(s.groups[0].exits.empty());
  EXPECT_EQ(s.groups[1].name, "ws");
  EXPECT_EQ(s.groups[1].listen, "websocket://127.0.0.1:8081");
  EXPECT_EQ(s.groups[1].count, 1);
  EXPECT_TRUE(s.processes.empty());
  EXPECT_EQ(reader->groupCount(), 2);
  EXPECT_EQ(reader->slotCount(0), 5);  // count, a successor for each, a spare
  EXPECT_EQ(reader->slotCount(1), 3);
  // Header + 2 group records + 8 slots.
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(static_cast<size_t>(st.st_size), StatusBoard::fileSize(2, 8));
  EXPECT_EQ(StatusBoard::fileSize(2, 5), 64u + 2 * 512u + 5 * 320u);
  EXPECT_FALSE(StatusBoard::open(path)->snapshot().groups.empty());
  EXPECT_FALSE(StatusBoard::create(path, twoGroups(), 1, 1)->snapshot().daemon);
}

TEST(StatusBoardTest, AssignAndReleaseSlots) {
  TempDir dir;
  auto board = StatusBoard::create(dir.file("s"), twoGroups(), 1, 1);
  board->assign(1, 0, 300, 1700000300);
  board->assign(0, 1, 201, 1700000201);
  board->assign(0, 0, 200, 1700000200);
  StatusBoard::Snapshot s = StatusBoard::open(dir.file("s"))->snapshot();
  ASSERT_EQ(s.processes.size(), 3u);
  // By group, then slot: not in assignment order.
  EXPECT_EQ(s.processes[0].pid, 200);
  EXPECT_EQ(s.processes[0].group, 0);
  EXPECT_EQ(s.processes[0].slot, 0);
  EXPECT_EQ(s.processes[0].worker, "web");
  EXPECT_EQ(s.processes[0].listen, "http://127.0.0.1:8080");
  EXPECT_EQ(s.processes[0].startTime, 1700000200);
  EXPECT_EQ(s.processes[1].pid, 201);
  EXPECT_EQ(s.processes[1].slot, 1);
  EXPECT_EQ(s.processes[2].pid, 300);
  EXPECT_EQ(s.processes[2].worker, "ws");
  EXPECT_EQ(s.processes[2].group, 1);
  EXPECT_EQ(board->pidAt(0, 1), 201);

  // release() zeroes the counters, so the next process of the slot starts from 0 ...
  StatusBoard::Counters& c = board->counters(0, 0);
  c.totalRequests.store(99, std::memory_order_relaxed);
  c.heartbeatMs.store(5, std::memory_order_relaxed);
  board->release(0, 0);
  s = board->snapshot();
  ASSERT_EQ(s.processes.size(), 2u);
  EXPECT_EQ(s.processes[0].pid, 201);
  EXPECT_EQ(board->pidAt(0, 0), 0);
  // ... while assign() leaves them alone: the child may have counted already.
  c.totalRequests.store(3, std::memory_order_relaxed);
  board->assign(0, 0, 202, 1700000202);
  s = board->snapshot();
  ASSERT_EQ(s.processes.size(), 3u);
  EXPECT_EQ(s.processes[0].pid, 202);
  EXPECT_EQ(s.processes[0].totalRequests, 3);
  EXPECT_EQ(s.processes[0].heartbeatMs, 0);
}

TEST(StatusBoardTest, MetricsCountersAreCopiedAndReleased) {
  TempDir dir;
  auto board = StatusBoard::create(dir.file("s"), twoGroups(), 1, 1);
  board->assign(0, 0, 200, 1700000200);
  StatusBoard::Counters& c = board->counters(0, 0);
  c.bytesReceived.store(11, std::memory_order_relaxed);
  c.bytesSent.store(22, std::memory_order_relaxed);
  c.exceptions.store(3, std::memory_order_relaxed);
  c.loopLagUs.store(1500, std::memory_order_relaxed);
  c.httpDurationBuckets[0].store(4, std::memory_order_relaxed);
  c.httpDurationBuckets[StatusBoard::kHttpDurationBuckets - 1].store(1, std::memory_order_relaxed);
  c.httpDurationSumNs.store(12345, std::memory_order_relaxed);
  StatusBoard::Snapshot s = StatusBoard::open(dir.file("s"))->snapshot();
  ASSERT_EQ(s.processes.size(), 1u);
  const auto& p = s.processes[0];
  EXPECT_EQ(p.bytesReceived, 11);
  EXPECT_EQ(p.bytesSent, 22);
  EXPECT_EQ(p.exceptions, 3);
  EXPECT_EQ(p.loopLagUs, 1500);
  ASSERT_EQ(p.httpDurationBuckets.size(), static_cast<size_t>(StatusBoard::kHttpDurationBuckets));
  EXPECT_EQ(p.httpDurationBuckets[0], 4);
  EXPECT_EQ(p.httpDurationBuckets.back(), 1);
  EXPECT_EQ(p.httpDurationSumNs, 12345);
  board->release(0, 0);
  board->assign(0, 0, 201, 1700000201);
  s = board->snapshot();
  EXPECT_EQ(s.processes[0].bytesSent, 0);
  EXPECT_EQ(s.processes[0].httpDurationBuckets[0], 0);
  EXPECT_EQ(s.processes[0].httpDurationSumNs, 0);
}

TEST(StatusBoardTest, SpareSlotsHoldTheExtraProcessesOfAReload) {
  TempDir dir;
  auto board = StatusBoard::create(dir.file("s"), twoGroups(), 1, 1);
  EXPECT_EQ(board->freeSlot(0), 0);
  board->assign(0, 0, 10, 1);
  board->assign(0, 1, 11, 1);
  EXPECT_EQ(board->freeSlot(0), 2);
  board->assign(0, 2, 12, 1);  // slot index == count: a successor while the old one finishes
  board->assign(0, 3, 14, 1);
  board->assign(0, 4, 15, 1);
  EXPECT_EQ(board->freeSlot(0), -1);
  board->counters(0, 2).connections.store(7, std::memory_order_relaxed);
  StatusBoard::Snapshot s = board->snapshot();
  ASSERT_EQ(s.processes.size(), 5u);
  EXPECT_EQ(s.processes[2].pid, 12);
  EXPECT_EQ(s.processes[2].slot, 2);
  EXPECT_EQ(s.processes[2].connections, 7);
  board->release(0, 0);  // the old process is gone: its slot becomes the free one
  EXPECT_EQ(board->freeSlot(0), 0);

  EXPECT_THROW(board->assign(0, 5, 13, 1), std::out_of_range);
  EXPECT_THROW(board->assign(1, 3, 13, 1), std::out_of_range);
  EXPECT_THROW(board->assign(2, 0, 13, 1), std::out_of_range);
  EXPECT_THROW(board->assign(-1, 0, 13, 1), std::out_of_range);
  EXPECT_THROW(board->counters(0, -1), std::out_of_range);
  EXPECT_THROW(board->recordExit(2, 0), std::out_of_range);
}

TEST(StatusBoardTest, RecordExitCountsEachStatus) {
  TempDir dir;
  auto board = StatusBoard::create(dir.file("s"), twoGroups(), 1, 1);
  board->recordExit(0, 0);
  board->recordExit(0, 64000);
  board->recordExit(0, 0);
  board->recordExit(1, 9);
  StatusBoard::Snapshot s = StatusBoard::open(dir.file("s"))->snapshot();
  ASSERT_EQ(s.groups[0].exits.size(), 2u);
  EXPECT_EQ(s.groups[0].exits[0].status, 0);
  EXPECT_EQ(s.groups[0].exits[0].count, 2);
  EXPECT_EQ(s.groups[0].exits[1].status, 64000);
  EXPECT_EQ(s.groups[0].exits[1].count, 1);
  ASSERT_EQ(s.groups[1].exits.size(), 1u);
  EXPECT_EQ(s.groups[1].exits[0].status, 9);
  EXPECT_EQ(s.groups[1].exits[0].count, 1);
  EXPECT_EQ(s.groups[0].otherExits, 0);

  // Beyond 16 distinct statuses the rest are lumped together, still counted.
  for (int i = 1; i <= 20; ++i) board->recordExit(1, 256 * i);
  board->recordExit(1, 256 * 20);
  board->recordExit(1, 9);
  s = board->snapshot();
  ASSERT_EQ(s.groups[1].exits.size(), 16u);
  EXPECT_EQ(s.groups[1].exits[0].count, 2);
  EXPECT_EQ(s.groups[1].exits[15].status, 256 * 15);
  EXPECT_EQ(s.groups[1].otherExits, 6);
}

TEST(StatusBoardTest, ForkedWorkerWritesParentReadsThroughAReadOnlyMapping) {
  TempDir dir;
  std::string path = dir.file("app.status");
  auto board = StatusBoard::create(path, twoGroups(), getpid(), 1700000000);
  int ready[2], done[2];
  ASSERT_EQ(::pipe(ready), 0);
  ASSERT_EQ(::pipe(done), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    // The child uses the mapping it inherited, as a worker does.
    StatusBoard::Counters& c = board->counters(1, 0);
    c.connections.store(3, std::memory_order_relaxed);
    for (int i = 0; i < 1000; ++i) c.totalRequests.fetch_add(1, std::memory_order_relaxed);
    c.sendFail.store(2, std::memory_order_relaxed);
    c.timers.store(4, std::memory_order_relaxed);
    c.memory.store(1234567, std::memory_order_relaxed);
    c.peakMemory.store(2345678, std::memory_order_relaxed);
    c.heartbeatMs.store(1700000001234, std::memory_order_relaxed);
    c.qps.store(77, std::memory_order_relaxed);
    char byte = 'r';
    bool ok = ::write(ready[1], &byte, 1) == 1;
    // Stay alive while the parent reads: the values live in the file, not in this process.
    ok = ok && ::read(done[0], &byte, 1) == 1;
    _exit(ok ? 0 : 1);
  }
  ::close(ready[1]);
  ::close(done[0]);
  board->assign(1, 0, pid, 1700000001);
  char byte;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);

  auto reader = StatusBoard::open(path);  // a separate, read-only mapping
  StatusBoard::Snapshot s = reader->snapshot();
  ASSERT_EQ(s.processes.size(), 1u);
  const auto& p = s.processes[0];
  EXPECT_EQ(p.pid, pid);
  EXPECT_EQ(p.worker, "ws");
  EXPECT_EQ(p.startTime, 1700000001);
  EXPECT_EQ(p.connections, 3);
  EXPECT_EQ(p.totalRequests, 1000);
  EXPECT_EQ(p.sendFail, 2);
  EXPECT_EQ(p.timers, 4);
  EXPECT_EQ(p.memory, 1234567);
  EXPECT_EQ(p.peakMemory, 2345678);
  EXPECT_EQ(p.heartbeatMs, 1700000001234);
  EXPECT_EQ(p.qps, 77);

  ASSERT_EQ(::write(done[1], "d", 1), 1);
  int status = waitChild(pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  ::close(ready[0]);
  ::close(done[1]);

  // The master sees the same numbers, and its release() reaches the reader.
  EXPECT_EQ(board->snapshot().processes[0].totalRequests, 1000);
  board->release(1, 0);
  EXPECT_TRUE(reader->snapshot().processes.empty());
}

TEST(StatusBoardTest, ReadOnlyBoardRefusesWrites) {
  TempDir dir;
  auto board = StatusBoard::create(dir.file("s"), twoGroups(), 1, 1);
  auto reader = StatusBoard::open(dir.file("s"));
  EXPECT_THROW(reader->assign(0, 0, 5, 1), std::logic_error);
  EXPECT_THROW(reader->release(0, 0), std::logic_error);
  EXPECT_THROW(reader->recordExit(0, 0), std::logic_error);
  EXPECT_THROW(reader->counters(0, 0), std::logic_error);
  EXPECT_EQ(reader->freeSlot(0), 0);
}

TEST(StatusBoardTest, MissingFileMeansTheServerIsNotRunning) {
  TempDir dir;
  expectOpenFails(dir.file("nothing.status"), "the server is not running");
  expectOpenFails(dir.file("nothing.status"), dir.file("nothing.status"));
}

TEST(StatusBoardTest, ForeignFilesAreRejected) {
  TempDir dir;
  std::string path = dir.file("x.status");
  writeBytes(path, "");
  expectOpenFails(path, path + " is not a Surge status file");
  writeBytes(path, "a:1:{i:123;a:2:{s:4:\"name\";s:3:\"web\";}}\n");
  expectOpenFails(path, path + " is not a Surge status file");
  writeBytes(path, std::string(4096, 'x'));
  expectOpenFails(path, path + " is not a Surge status file");
  expectOpenFails(dir.path(), " is not a Surge status file");  // a directory
}

TEST(StatusBoardTest, OtherLayoutVersionsAndDamagedFilesAreRejected) {
  TempDir dir;
  std::string path = dir.file("x.status");
  StatusBoard::create(path, twoGroups(), 1, 1);
  std::string good = surge::testing::readFile(path);

  std::string other = good;
  other[8] = 99;  // the version field follows the 8-byte magic
  writeBytes(path, other);
  expectOpenFails(path, "another Surge version (layout 99");

  writeBytes(path, good + "extra");
  expectOpenFails(path, "damaged");
  writeBytes(path, good.substr(0, good.size() - 1));
  expectOpenFails(path, "damaged");

  std::string badSlot = good;
  badSlot[64 + 2 * 512] = 5;  // the first slot's group index
  writeBytes(path, badSlot);
  expectOpenFails(path, "damaged");

  writeBytes(path, good);
  EXPECT_EQ(StatusBoard::open(path)->snapshot().groups.size(), 2u);
}

TEST(StatusBoardTest, CreateFailsClearly) {
  TempDir dir;
  try {
    StatusBoard::create(dir.file("missing/app.status"), twoGroups(), 1, 1);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(
        Contains(e.what(), "cannot create the status file " + dir.file("missing/app.status")));
  }
  EXPECT_THROW(StatusBoard::create(dir.file("s"), {{"w", "none", 0}}, 1, 1), std::runtime_error);
}

TEST(StatusBoardTest, FileIsWorldReadableWhateverTheUmask) {
  TempDir dir;
  mode_t old = ::umask(077);
  auto board = StatusBoard::create(dir.file("s"), twoGroups(), 1, 1);
  ::umask(old);
  struct stat st;
  ASSERT_EQ(::stat(dir.file("s").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  EXPECT_FALSE(fileExists(dir.file("s") + ".tmp" + std::to_string(getpid())));
}

TEST(StatusBoardTest, LongNamesAreCutAtACharacterBoundary) {
  TempDir dir;
  // 62 ASCII bytes then a 3-byte character: the character does not fit in 63 bytes.
  std::string name = std::string(62, 'n') + "\xE2\x82\xAC" + "tail";
  std::string listen = "tcp://" + std::string(200, 'h');
  auto board = StatusBoard::create(dir.file("s"), {{name, listen, 1}}, 1, 1);
  StatusBoard::Snapshot s = StatusBoard::open(dir.file("s"))->snapshot();
  EXPECT_EQ(s.groups[0].name, std::string(62, 'n'));
  EXPECT_EQ(s.groups[0].listen, listen.substr(0, 159));
}

TEST(StatusBoardTest, RemoveUnlinksOnlyItsOwnFile) {
  TempDir dir;
  std::string path = dir.file("s");
  auto first = StatusBoard::create(path, twoGroups(), 1, 1);
  auto oldReader = StatusBoard::open(path);
  first->assign(0, 0, 100, 1);
  // A new server replaces the file; the old mapping stays readable (no SIGBUS) ...
  auto second = StatusBoard::create(path, {{"other", "none", 1}}, 2, 2);
  EXPECT_EQ(oldReader->snapshot().processes.size(), 1u);
  EXPECT_EQ(oldReader->snapshot().groups[0].name, "web");
  // ... and the old server's stop does not delete the new server's board.
  first->remove();
  ASSERT_TRUE(fileExists(path));
  EXPECT_EQ(StatusBoard::open(path)->snapshot().groups[0].name, "other");
  second->remove();
  EXPECT_FALSE(fileExists(path));
  expectOpenFails(path, "not running");
  // Mappings outlive the file.
  EXPECT_EQ(second->snapshot().masterPid, 2);
}

}  // namespace
}  // namespace surge
