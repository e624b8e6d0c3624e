#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>

#include "shm/robust_mutex.h"

namespace surge {

// A process-shared reader/writer lock that survives the death of a holder (POSIX rwlocks
// cannot: a dead holder keeps them forever). It lives in shared memory (init() in place).
// The holders are recorded by pid under a small robust mutex: the writer's pid and one
// slot per reading process (with a count, so a process may take the read lock again).
// A locker that has to wait checks whether the holders it waits for are still alive
// (kill(pid, 0) == ESRCH) and drops dead ones, so a SIGKILLed holder delays the others by
// at most one wait slice (50 ms). Waiters sleep on a futex that every unlock bumps.
// The lock belongs to the process (not the thread): PHP workers are single-threaded.
// Limits: at most kReaderSlots processes read at once (more wait for a slot); a pid reused
// by a new process while the dead holder is still recorded would keep it held (pids are
// reused only after the whole pid space has been cycled).
class RobustRwLock {
 public:
  enum class Result { kLocked, kRecovered, kBusy, kDeadlock };
  static constexpr int kReaderSlots = 128;

  void init();
  // timeout < 0: wait forever; 0: try once.
  Result lockWrite(double timeoutSeconds);
  Result lockRead(double timeoutSeconds);
  // Releases what this process holds (its write lock, else one level of its read lock);
  // false when it holds neither.
  bool unlock();

 private:
  struct Reader {
    pid_t pid;
    uint32_t count;
  };
  enum class Attempt { kDone, kRecoveredDone, kWait, kDeadlock };
  template <class TryFn>
  Result acquire(double timeoutSeconds, TryFn&& attempt);
  Attempt tryWrite(pid_t self);
  Attempt tryRead(pid_t self);
  // Drops holders whose process is gone; true if it dropped any. Called with guard_ held.
  bool reapDead();
  void wakeAll();

  RobustMutex guard_;
  pid_t writer_;
  std::atomic<uint32_t> seq_;      // futex word: changes at every release
  std::atomic<uint32_t> waiters_;  // unlock() makes the wake syscall only if someone sleeps
  Reader readers_[kReaderSlots];
};

}  // namespace surge
