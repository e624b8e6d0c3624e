#pragma once

#include <pthread.h>

#include "shm/robust_mutex.h"
#include "shm/shared_region.h"

namespace surge {

// A lock shared by the processes of one machine (Surge\Lock), in its own page of shared
// memory.
// - kMutex: a robust, error-checking mutex. A holder that dies (even SIGKILL) releases it:
//   the next locker acquires it (and learns it was recovered).
// - kRwLock: a process-shared pthread rwlock. POSIX has no robust rwlock: a process that
//   dies while holding it leaves it held, and lockers then wait until their timeout
//   (lockFor()) or forever (lock()). Use kMutex where a holder may be killed.
class SharedLock {
 public:
  enum class Type { kMutex = 1, kRwLock = 2 };
  enum class Result { kLocked, kRecovered, kBusy, kDeadlock, kFailed };

  explicit SharedLock(Type type);
  ~SharedLock();
  SharedLock(const SharedLock&) = delete;
  SharedLock& operator=(const SharedLock&) = delete;

  Type type() const { return type_; }
  // Exclusive (write) side; timeout < 0 waits forever.
  Result lock();
  Result tryLock();
  Result lockFor(double seconds);
  bool unlock();
  // Shared (read) side: the rwlock's read lock; for a mutex the same as the exclusive side.
  Result lockRead();
  Result tryLockRead();
  bool unlockRead();

 private:
  RobustMutex& mutex() const { return *static_cast<RobustMutex*>(region_.data()); }
  pthread_rwlock_t* rwlock() const { return static_cast<pthread_rwlock_t*>(region_.data()); }
  static Result fromMutex(RobustMutex::Result r);
  static Result fromRw(int rc);

  Type type_;
  SharedRegion region_;
};

}  // namespace surge
