#include "task/task_slots.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "task/task_message.h"

namespace surge {
namespace {

TEST(TaskSlots, NoLiveProcessMeansNoPlace) {
  TaskSlots slots(2);
  pid_t pid = 0;
  EXPECT_EQ(slots.acquire(4, 0, &pid), -1);
}

TEST(TaskSlots, PicksTheLeastBusyLiveProcess) {
  TaskSlots slots(3);
  slots.publish(0, 100);
  slots.publish(2, 300);  // slot 1 has no process
  pid_t pid = 0;
  EXPECT_EQ(slots.acquire(4, 0, &pid), 0);
  EXPECT_EQ(pid, 100);
  // Slot 0 has one in flight now: slot 2 is idle.
  EXPECT_EQ(slots.acquire(4, 0, &pid), 2);
  EXPECT_EQ(pid, 300);
  EXPECT_EQ(slots.acquire(4, 0, &pid), 0);
  EXPECT_EQ(slots.inFlightAt(0), 2u);
  EXPECT_EQ(slots.inFlightAt(1), 0u);
  EXPECT_EQ(slots.inFlightAt(2), 1u);
}

TEST(TaskSlots, RotatingStartSpreadsTies) {
  TaskSlots slots(2);
  slots.publish(0, 100);
  slots.publish(1, 200);
  pid_t pid = 0;
  EXPECT_EQ(slots.acquire(4, 1, &pid), 1);
  slots.release(1, 200);
  EXPECT_EQ(slots.acquire(4, 0, &pid), 0);
}

TEST(TaskSlots, FullWindowRefuses) {
  TaskSlots slots(1);
  slots.publish(0, 100);
  pid_t pid = 0;
  EXPECT_EQ(slots.acquire(2, 0, &pid), 0);
  EXPECT_EQ(slots.acquire(2, 0, &pid), 0);
  EXPECT_EQ(slots.acquire(2, 0, &pid), -1);
  slots.release(0, 100);
  EXPECT_EQ(slots.acquire(2, 0, &pid), 0);
}

TEST(TaskSlots, CountsDieWithTheirProcess) {
  TaskSlots slots(1);
  slots.publish(0, 100);
  pid_t pid = 0;
  ASSERT_EQ(slots.acquire(4, 0, &pid), 0);
  slots.withdraw(0, 100);
  EXPECT_EQ(slots.pidAt(0), 0);
  EXPECT_EQ(slots.inFlightAt(0), 0u);
  EXPECT_EQ(slots.acquire(4, 0, &pid), -1);
  // A successor starts clean; the old process's late release and the master's late
  // withdraw (for the old pid) do not touch it.
  slots.publish(0, 101);
  ASSERT_EQ(slots.acquire(4, 0, &pid), 0);
  EXPECT_EQ(pid, 101);
  slots.release(0, 100);
  slots.withdraw(0, 100);
  EXPECT_EQ(slots.pidAt(0), 101);
  EXPECT_EQ(slots.inFlightAt(0), 1u);
  slots.release(0, 101);
  slots.release(0, 101);  // never below zero
  EXPECT_EQ(slots.inFlightAt(0), 0u);
}

TEST(TaskSlots, SharedWithForkedProcesses) {
  TaskSlots slots(1);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    slots.publish(0, getpid());
    _exit(0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_EQ(slots.pidAt(0), child);
}

TEST(TaskMessage, RoundTrips) {
  TaskMessage m;
  m.kind = TaskMessage::kResult;
  m.taskId = 0x0102030405060708ull;
  m.srcWorkerId = 7;
  std::string body("a\0b", 3);
  m.body = body;
  std::string bytes = m.encode();
  TaskMessage back;
  ASSERT_TRUE(TaskMessage::decode(bytes, &back));
  EXPECT_EQ(back.kind, TaskMessage::kResult);
  EXPECT_EQ(back.taskId, m.taskId);
  EXPECT_EQ(back.srcWorkerId, 7);
  EXPECT_EQ(back.body, body);
}

TEST(TaskMessage, RejectsGarbage) {
  TaskMessage back;
  EXPECT_FALSE(TaskMessage::decode("short", &back));
  std::string bytes(TaskMessage::kHeaderSize, '\0');
  EXPECT_FALSE(TaskMessage::decode(bytes, &back));  // kind 0
  bytes[0] = 9;
  EXPECT_FALSE(TaskMessage::decode(bytes, &back));
}

}  // namespace
}  // namespace surge
