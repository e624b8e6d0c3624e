#pragma once

#include <atomic>
#include <cstdint>

#include "shm/shared_region.h"

namespace surge {

// An integer shared by the processes of one machine (Surge\Atomic): one page of shared
// memory holding a 64-bit value, changed with atomic instructions, so no lock exists that
// a dying process could hold. wait()/wakeup() use the value as an event, as Swoole\Atomic
// does: wakeup() turns 0 into 1 and wakes waiters (futex on the value's low 32 bits);
// wait() turns 1 back into 0, sleeping while the value is 0.
class SharedAtomic {
 public:
  explicit SharedAtomic(int64_t initial);

  int64_t add(int64_t by) { return value().fetch_add(by, std::memory_order_acq_rel) + by; }
  int64_t sub(int64_t by) { return value().fetch_sub(by, std::memory_order_acq_rel) - by; }
  int64_t get() const { return value().load(std::memory_order_acquire); }
  void set(int64_t v);
  bool compareAndSet(int64_t expected, int64_t desired);

  enum class WaitResult { kWoken, kTimeout, kNotEvent };
  // timeout < 0: forever. kNotEvent: the value is neither 0 nor 1 (not used as an event).
  WaitResult wait(double timeoutSeconds);
  // Returns the number of waiters woken (0 if the value was not 0).
  int wakeup(int n);

 private:
  std::atomic<int64_t>& value() const {
    return *static_cast<std::atomic<int64_t>*>(region_.data());
  }
  uint32_t* futexWord() const;

  SharedRegion region_;
};

}  // namespace surge
