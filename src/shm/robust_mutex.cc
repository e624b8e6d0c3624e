#include "shm/robust_mutex.h"

#include <cerrno>
#include <ctime>
#include <system_error>

namespace surge {

void RobustMutex::init(bool errorChecking) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
  pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
  if (errorChecking) pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  int rc = pthread_mutex_init(&m_, &attr);
  pthread_mutexattr_destroy(&attr);
  if (rc != 0) throw std::system_error(rc, std::generic_category(), "pthread_mutex_init");
}

RobustMutex::Result RobustMutex::settle(int rc) {
  switch (rc) {
    case 0:
      return Result::kLocked;
    case EOWNERDEAD:
      // The holder died. We own the mutex now; mark it consistent so that it stays usable
      // (without this, unlocking would make it ENOTRECOVERABLE for everyone).
      pthread_mutex_consistent(&m_);
      return Result::kRecovered;
    case EBUSY:
    case ETIMEDOUT:
      return Result::kBusy;
    case EDEADLK:
      return Result::kDeadlock;
    default:
      throw std::system_error(rc, std::generic_category(), "pthread_mutex_lock");
  }
}

RobustMutex::Result RobustMutex::lock() {
  return settle(pthread_mutex_lock(&m_));
}

RobustMutex::Result RobustMutex::tryLock() {
  return settle(pthread_mutex_trylock(&m_));
}

RobustMutex::Result RobustMutex::lockFor(double seconds) {
  if (seconds < 0) return lock();
  timespec deadline;
  clock_gettime(CLOCK_MONOTONIC, &deadline);
  auto whole = static_cast<time_t>(seconds);
  long nanos = static_cast<long>((seconds - static_cast<double>(whole)) * 1e9);
  deadline.tv_sec += whole;
  deadline.tv_nsec += nanos;
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_sec += 1;
    deadline.tv_nsec -= 1000000000L;
  }
  return settle(pthread_mutex_clocklock(&m_, CLOCK_MONOTONIC, &deadline));
}

bool RobustMutex::unlock() {
  return pthread_mutex_unlock(&m_) == 0;
}

}  // namespace surge
