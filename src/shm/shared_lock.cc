#include "shm/shared_lock.h"

#include <cerrno>
#include <ctime>
#include <new>
#include <system_error>

namespace surge {

SharedLock::SharedLock(Type type) : type_(type), region_(sizeof(pthread_rwlock_t)) {
  static_assert(sizeof(RobustMutex) <= sizeof(pthread_rwlock_t) + 64);
  if (type_ == Type::kMutex) {
    new (region_.data()) RobustMutex();
    mutex().init(true);
    return;
  }
  pthread_rwlockattr_t attr;
  pthread_rwlockattr_init(&attr);
  pthread_rwlockattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
  int rc = pthread_rwlock_init(rwlock(), &attr);
  pthread_rwlockattr_destroy(&attr);
  if (rc != 0) throw std::system_error(rc, std::generic_category(), "pthread_rwlock_init");
}

// The lock's memory stays valid for other processes after this one unmaps its view, so
// it is not destroyed here: another process may still hold or wait for it.
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

SharedLock::Result SharedLock::fromRw(int rc) {
  switch (rc) {
    case 0:
      return Result::kLocked;
    case EBUSY:
    case ETIMEDOUT:
      return Result::kBusy;
    case EDEADLK:
      return Result::kDeadlock;
    default:
      return Result::kFailed;
  }
}

SharedLock::Result SharedLock::lock() {
  if (type_ == Type::kMutex) return fromMutex(mutex().lock());
  return fromRw(pthread_rwlock_wrlock(rwlock()));
}

SharedLock::Result SharedLock::tryLock() {
  if (type_ == Type::kMutex) return fromMutex(mutex().tryLock());
  return fromRw(pthread_rwlock_trywrlock(rwlock()));
}

SharedLock::Result SharedLock::lockFor(double seconds) {
  if (type_ == Type::kMutex) return fromMutex(mutex().lockFor(seconds));
  if (seconds < 0) return lock();
  timespec deadline;
  clock_gettime(CLOCK_MONOTONIC, &deadline);
  auto whole = static_cast<time_t>(seconds);
  deadline.tv_sec += whole;
  deadline.tv_nsec += static_cast<long>((seconds - static_cast<double>(whole)) * 1e9);
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_sec += 1;
    deadline.tv_nsec -= 1000000000L;
  }
  return fromRw(pthread_rwlock_clockwrlock(rwlock(), CLOCK_MONOTONIC, &deadline));
}

bool SharedLock::unlock() {
  if (type_ == Type::kMutex) return mutex().unlock();
  return pthread_rwlock_unlock(rwlock()) == 0;
}

SharedLock::Result SharedLock::lockRead() {
  if (type_ == Type::kMutex) return lock();
  return fromRw(pthread_rwlock_rdlock(rwlock()));
}

SharedLock::Result SharedLock::tryLockRead() {
  if (type_ == Type::kMutex) return tryLock();
  return fromRw(pthread_rwlock_tryrdlock(rwlock()));
}

bool SharedLock::unlockRead() {
  return unlock();
}

}  // namespace surge
