#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "shm/shared_atomic.h"
#include "shm/shared_lock.h"
#include "test_support.h"

namespace surge {
namespace {

using surge::testing::waitChild;

TEST(SharedAtomicTest, Arithmetic) {
  SharedAtomic a(5);
  EXPECT_EQ(a.add(3), 8);
  EXPECT_EQ(a.sub(10), -2);
  EXPECT_FALSE(a.compareAndSet(0, 1));
  EXPECT_TRUE(a.compareAndSet(-2, 40));
  EXPECT_EQ(a.get(), 40);
  a.set(0);
  EXPECT_EQ(a.get(), 0);
}

TEST(SharedAtomicTest, ConcurrentAddsFromProcessesAreExact) {
  SharedAtomic a(0);
  std::vector<pid_t> kids;
  for (int p = 0; p < 3; ++p) {
    pid_t pid = fork();
    if (pid == 0) {
      for (int i = 0; i < 100000; ++i) a.add(1);
      _exit(0);
    }
    kids.push_back(pid);
  }
  for (pid_t pid : kids) ASSERT_EQ(waitChild(pid), 0);
  EXPECT_EQ(a.get(), 300000);
}

TEST(SharedAtomicTest, WaitTimesOutAndWakeupAcrossProcesses) {
  SharedAtomic a(0);
  EXPECT_EQ(a.wait(0.01), SharedAtomic::WaitResult::kTimeout);
  SharedAtomic ready(0);
  pid_t pid = fork();
  if (pid == 0) {
    ready.set(1);
    _exit(a.wait(20) == SharedAtomic::WaitResult::kWoken ? 0 : 1);
  }
  while (ready.get() == 0) usleep(1000);
  a.wakeup(1);
  int status = waitChild(pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_EQ(a.get(), 0);  // the waiter consumed the event
  a.set(7);
  EXPECT_EQ(a.wait(1), SharedAtomic::WaitResult::kNotEvent);
}

TEST(SharedLockTest, MutexIsReleasedWhenItsHolderIsKilled) {
  SharedLock lock(SharedLock::Type::kMutex);
  SharedAtomic held(0);
  pid_t pid = fork();
  if (pid == 0) {
    if (lock.lock() != SharedLock::Result::kLocked) _exit(1);
    held.set(1);
    for (;;) pause();
  }
  while (held.get() == 0) usleep(1000);
  EXPECT_EQ(lock.tryLock(), SharedLock::Result::kBusy);
  kill(pid, SIGKILL);
  waitChild(pid);
  EXPECT_EQ(lock.lockFor(5), SharedLock::Result::kRecovered);
  EXPECT_TRUE(lock.unlock());
  EXPECT_EQ(lock.lock(), SharedLock::Result::kLocked);
  EXPECT_EQ(lock.lock(), SharedLock::Result::kDeadlock);
  EXPECT_TRUE(lock.unlock());
  EXPECT_FALSE(lock.unlock());
}

TEST(SharedLockTest, MutexExcludesOtherProcesses) {
  SharedLock lock(SharedLock::Type::kMutex);
  SharedAtomic counter(0);
  // A non-atomic read-modify-write made safe by the lock.
  std::vector<pid_t> kids;
  for (int p = 0; p < 2; ++p) {
    pid_t pid = fork();
    if (pid == 0) {
      for (int i = 0; i < 20000; ++i) {
        lock.lock();
        int64_t v = counter.get();
        counter.set(v + 1);
        lock.unlock();
      }
      _exit(0);
    }
    kids.push_back(pid);
  }
  for (pid_t pid : kids) ASSERT_EQ(waitChild(pid), 0);
  EXPECT_EQ(counter.get(), 40000);
}

TEST(SharedLockTest, RwLockSharesReadersAndExcludesWriters) {
  SharedLock lock(SharedLock::Type::kRwLock);
  EXPECT_EQ(lock.lockRead(), SharedLock::Result::kLocked);
  pid_t pid = fork();
  if (pid == 0) {
    bool ok = lock.tryLockRead() == SharedLock::Result::kLocked && lock.unlockRead() &&
              lock.tryLock() == SharedLock::Result::kBusy &&
              lock.lockFor(0.02) == SharedLock::Result::kBusy;
    _exit(ok ? 0 : 1);
  }
  EXPECT_EQ(waitChild(pid), 0);
  EXPECT_TRUE(lock.unlockRead());
  EXPECT_EQ(lock.tryLock(), SharedLock::Result::kLocked);
  EXPECT_TRUE(lock.unlock());
}

}  // namespace
}  // namespace surge

namespace surge {
namespace {

// A holder of either side of the rwlock that is SIGKILLed does not keep it.
TEST(SharedLockTest, RwLockIsRecoveredFromKilledWriterAndReader) {
  SharedLock lock(SharedLock::Type::kRwLock);
  for (bool writer : {true, false}) {
    SharedAtomic held(0);
    pid_t pid = fork();
    if (pid == 0) {
      SharedLock::Result r = writer ? lock.lock() : lock.lockRead();
      if (r != SharedLock::Result::kLocked) _exit(1);
      held.set(1);
      for (;;) pause();
    }
    while (held.get() == 0) usleep(1000);
    EXPECT_EQ(lock.tryLock(), SharedLock::Result::kBusy);
    kill(pid, SIGKILL);
    waitChild(pid);
    EXPECT_EQ(lock.lockFor(5), SharedLock::Result::kRecovered) << writer;
    EXPECT_EQ(lock.lockRead(), SharedLock::Result::kDeadlock);
    EXPECT_TRUE(lock.unlock());
    EXPECT_FALSE(lock.unlock());
  }
  // Read locks nest within one process.
  EXPECT_EQ(lock.lockRead(), SharedLock::Result::kLocked);
  EXPECT_EQ(lock.tryLockRead(), SharedLock::Result::kLocked);
  EXPECT_TRUE(lock.unlockRead());
  EXPECT_TRUE(lock.unlockRead());
  EXPECT_FALSE(lock.unlockRead());
}

}  // namespace
}  // namespace surge

namespace surge {
namespace {

// Writers of the rwlock exclude each other and the readers, across processes.
TEST(SharedLockTest, RwLockExcludesWritersAcrossProcesses) {
  SharedLock lock(SharedLock::Type::kRwLock);
  SharedAtomic counter(0);
  SharedAtomic torn(0);
  std::vector<pid_t> kids;
  for (int p = 0; p < 3; ++p) {
    pid_t pid = fork();
    if (pid == 0) {
      for (int i = 0; i < 5000; ++i) {
        if (p == 2) {  // a reader: never sees a write half done (odd value)
          lock.lockRead();
          if (counter.get() % 2 != 0) torn.add(1);
          lock.unlockRead();
          continue;
        }
        lock.lock();
        counter.set(counter.get() + 1);
        counter.set(counter.get() + 1);
        lock.unlock();
      }
      _exit(0);
    }
    kids.push_back(pid);
  }
  for (pid_t pid : kids) ASSERT_EQ(waitChild(pid), 0);
  EXPECT_EQ(counter.get(), 20000);
  EXPECT_EQ(torn.get(), 0);
}

}  // namespace
}  // namespace surge
