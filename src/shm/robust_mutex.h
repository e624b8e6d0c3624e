#pragma once

#include <pthread.h>

namespace surge {

// A process-shared mutex that lives inside shared memory (placement-constructed with
// init()) and survives the death of its holder: when a process is killed while holding
// it, the kernel marks it, the next locker gets EOWNERDEAD, makes it consistent and owns
// it. So a SIGKILLed worker never leaves a lock held forever; what it was writing under
// the lock may be half-written, and lock() tells the caller so.
class RobustMutex {
 public:
  enum class Result {
    kLocked,     // acquired
    kRecovered,  // acquired from a holder that died while holding it
    kBusy,       // tryLock()/lockFor(): held by someone else (until the timeout)
    kDeadlock,   // errorChecking: this thread holds it already
  };

  // Initializes the mutex in place. errorChecking: relocking from the holding thread
  // reports kDeadlock instead of hanging (for the PHP Lock, where a script may call
  // lock() twice); the table's internal stripes use the plain kind.
  void init(bool errorChecking = false);

  Result lock();
  Result tryLock();
  // Waits at most `seconds` (CLOCK_MONOTONIC).
  Result lockFor(double seconds);
  // false: the calling thread does not hold it.
  bool unlock();

 private:
  Result settle(int rc);
  pthread_mutex_t m_;
};

}  // namespace surge
