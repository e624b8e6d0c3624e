#pragma once

#include "shm/robust_mutex.h"
#include "shm/robust_rwlock.h"
#include "shm/shared_region.h"

namespace surge {

// A lock shared by the processes of one machine (Surge\Lock), in its own page of shared
// memory.
// - kMutex: a robust, error-checking mutex. A holder that dies (even SIGKILL) releases it:
//   the next locker acquires it (and learns it was recovered).
// - kRwLock: a RobustRwLock: readers share it, a writer excludes everyone, and a holder
//   that dies is dropped by the next locker that has to wait (within 50 ms).
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
  RobustRwLock& rwlock() const { return *static_cast<RobustRwLock*>(region_.data()); }
  static Result fromMutex(RobustMutex::Result r);
  static Result fromRw(RobustRwLock::Result r);

  Type type_;
  SharedRegion region_;
};

}  // namespace surge
