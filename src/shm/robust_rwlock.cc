#include "shm/robust_rwlock.h"

#include <linux/futex.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace surge {

namespace {
constexpr double kSlice = 0.05;  // how often a waiter looks for dead holders

bool processGone(pid_t pid) {
  return kill(pid, 0) == -1 && errno == ESRCH;
}

double monotonicNow() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}
}  // namespace

void RobustRwLock::init() {
  guard_.init();
  writer_ = 0;
  seq_.store(0, std::memory_order_relaxed);
  waiters_.store(0, std::memory_order_relaxed);
  memset(readers_, 0, sizeof(readers_));
}

bool RobustRwLock::reapDead() {
  bool any = false;
  if (writer_ != 0 && processGone(writer_)) {
    writer_ = 0;
    any = true;
  }
  for (Reader& r : readers_) {
    if (r.pid != 0 && processGone(r.pid)) {
      r = Reader{0, 0};
      any = true;
    }
  }
  return any;
}

RobustRwLock::Attempt RobustRwLock::tryWrite(pid_t self) {
  if (writer_ == self) return Attempt::kDeadlock;
  bool readers = false;
  for (const Reader& r : readers_) {
    if (r.pid == self) return Attempt::kDeadlock;  // upgrading would wait for ourselves
    readers = readers || r.pid != 0;
  }
  if (writer_ != 0 || readers) return Attempt::kWait;
  writer_ = self;
  return Attempt::kDone;
}

RobustRwLock::Attempt RobustRwLock::tryRead(pid_t self) {
  if (writer_ == self) return Attempt::kDeadlock;
  if (writer_ != 0) return Attempt::kWait;
  Reader* free = nullptr;
  for (Reader& r : readers_) {
    if (r.pid == self) {
      ++r.count;
      return Attempt::kDone;
    }
    if (r.pid == 0 && free == nullptr) free = &r;
  }
  if (free == nullptr) return Attempt::kWait;
  *free = Reader{self, 1};
  return Attempt::kDone;
}

template <class TryFn>
RobustRwLock::Result RobustRwLock::acquire(double timeoutSeconds, TryFn&& attempt) {
  pid_t self = getpid();
  double deadline = timeoutSeconds < 0 ? -1 : monotonicNow() + timeoutSeconds;
  bool recovered = false;
  for (;;) {
    // A process killed inside this short section leaves the guard to the next one; the
    // state it protects is changed by single stores, so it stays meaningful.
    guard_.lock();
    Attempt a = attempt(self);
    if (a == Attempt::kWait && reapDead()) {
      recovered = true;
      a = attempt(self);
    }
    uint32_t seen = seq_.load(std::memory_order_acquire);
    guard_.unlock();
    if (a == Attempt::kDone) return recovered ? Result::kRecovered : Result::kLocked;
    if (a == Attempt::kDeadlock) return Result::kDeadlock;
    double wait = kSlice;
    if (deadline >= 0) {
      double left = deadline - monotonicNow();
      if (left <= 0) return Result::kBusy;
      if (left < wait) wait = left;
    }
    timespec rel{0, static_cast<long>(wait * 1e9)};
    // A release after `seen` was read changed seq_: the futex returns at once.
    waiters_.fetch_add(1, std::memory_order_seq_cst);
    syscall(SYS_futex, reinterpret_cast<uint32_t*>(&seq_), FUTEX_WAIT, seen, &rel, nullptr, 0);
    waiters_.fetch_sub(1, std::memory_order_relaxed);
  }
}

RobustRwLock::Result RobustRwLock::lockWrite(double timeoutSeconds) {
  return acquire(timeoutSeconds, [this](pid_t self) { return tryWrite(self); });
}

RobustRwLock::Result RobustRwLock::lockRead(double timeoutSeconds) {
  return acquire(timeoutSeconds, [this](pid_t self) { return tryRead(self); });
}

void RobustRwLock::wakeAll() {
  seq_.fetch_add(1, std::memory_order_seq_cst);
  if (waiters_.load(std::memory_order_seq_cst) == 0) return;
  syscall(SYS_futex, reinterpret_cast<uint32_t*>(&seq_), FUTEX_WAKE, INT32_MAX, nullptr, nullptr,
          0);
}

bool RobustRwLock::unlock() {
  pid_t self = getpid();
  bool released = false;
  guard_.lock();
  if (writer_ == self) {
    writer_ = 0;
    released = true;
  } else {
    for (Reader& r : readers_) {
      if (r.pid == self) {
        if (--r.count == 0) r = Reader{0, 0};
        released = true;
        break;
      }
    }
  }
  guard_.unlock();
  if (released) wakeAll();
  return released;
}

}  // namespace surge
