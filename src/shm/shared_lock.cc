#include "shm/shared_lock.h"

#include <new>

namespace surge {

SharedLock::SharedLock(Type type)
    : type_(type), region_(type == Type::kMutex ? sizeof(RobustMutex) : sizeof(RobustRwLock)) {
  if (type_ == Type::kMutex) {
    new (region_.data()) RobustMutex();
    mutex().init(true);
  } else {
    new (region_.data()) RobustRwLock();
    rwlock().init();
  }
}

// The lock's memory stays valid for other processes after this one unmaps its view, so
// nothing is destroyed here: another process may still hold or wait for it.
SharedLock::~SharedLock() = default;

SharedLock::Result SharedLock::fromMutex(RobustMutex::Result r) {
  switch (r) {
    case RobustMutex::Result::kLocked:
      return Result::kLocked;
    case RobustMutex::Result::kRecovered:
      return Result::kRecovered;
    case RobustMutex::Result::kBusy:
      return Result::kBusy;
    case RobustMutex::Result::kDeadlock:
      return Result::kDeadlock;
  }
  return Result::kFailed;
}

SharedLock::Result SharedLock::fromRw(RobustRwLock::Result r) {
  switch (r) {
    case RobustRwLock::Result::kLocked:
      return Result::kLocked;
    case RobustRwLock::Result::kRecovered:
      return Result::kRecovered;
    case RobustRwLock::Result::kBusy:
      return Result::kBusy;
    case RobustRwLock::Result::kDeadlock:
      return Result::kDeadlock;
  }
  return Result::kFailed;
}

SharedLock::Result SharedLock::lock() {
  if (type_ == Type::kMutex) return fromMutex(mutex().lock());
  return fromRw(rwlock().lockWrite(-1));
}

SharedLock::Result SharedLock::tryLock() {
  if (type_ == Type::kMutex) return fromMutex(mutex().tryLock());
  return fromRw(rwlock().lockWrite(0));
}

SharedLock::Result SharedLock::lockFor(double seconds) {
  if (type_ == Type::kMutex) return fromMutex(mutex().lockFor(seconds));
  return fromRw(rwlock().lockWrite(seconds));
}

bool SharedLock::unlock() {
  if (type_ == Type::kMutex) return mutex().unlock();
  return rwlock().unlock();
}

SharedLock::Result SharedLock::lockRead() {
  if (type_ == Type::kMutex) return lock();
  return fromRw(rwlock().lockRead(-1));
}

SharedLock::Result SharedLock::tryLockRead() {
  if (type_ == Type::kMutex) return tryLock();
  return fromRw(rwlock().lockRead(0));
}

bool SharedLock::unlockRead() {
  return unlock();
}

}  // namespace surge
