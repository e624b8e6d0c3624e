#include "shm/shared_atomic.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <ctime>
#include <new>

namespace surge {

namespace {
long futex(uint32_t* word, int op, uint32_t val, const timespec* timeout) {
  // Not FUTEX_PRIVATE_FLAG: the word is shared between processes.
  return syscall(SYS_futex, word, op, val, timeout, nullptr, 0);
}

double monotonicNow() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}
}  // namespace

static_assert(std::atomic<int64_t>::is_always_lock_free);

SharedAtomic::SharedAtomic(int64_t initial) : region_(sizeof(std::atomic<int64_t>)) {
  new (region_.data()) std::atomic<int64_t>(initial);
}

uint32_t* SharedAtomic::futexWord() const {
  // The low half of the little-endian 64-bit value.
  return static_cast<uint32_t*>(region_.data());
}

void SharedAtomic::set(int64_t v) {
  value().store(v, std::memory_order_release);
}

bool SharedAtomic::compareAndSet(int64_t expected, int64_t desired) {
  return value().compare_exchange_strong(expected, desired, std::memory_order_acq_rel);
}

SharedAtomic::WaitResult SharedAtomic::wait(double timeoutSeconds) {
  double deadline = timeoutSeconds < 0 ? -1 : monotonicNow() + timeoutSeconds;
  for (;;) {
    int64_t one = 1;
    if (value().compare_exchange_strong(one, 0, std::memory_order_acq_rel)) {
      return WaitResult::kWoken;
    }
    if (one != 0) return WaitResult::kNotEvent;
    timespec rel{};
    const timespec* relp = nullptr;
    if (deadline >= 0) {
      double left = deadline - monotonicNow();
      if (left <= 0) return WaitResult::kTimeout;
      rel.tv_sec = static_cast<time_t>(left);
      rel.tv_nsec = static_cast<long>((left - static_cast<double>(rel.tv_sec)) * 1e9);
      relp = &rel;
    }
    // Sleeps only while the word is still 0; a wakeup() in between makes it return at once.
    // EINTR (a signal for the worker) and spurious wakeups go round the loop.
    futex(futexWord(), FUTEX_WAIT, 0, relp);
  }
}

int SharedAtomic::wakeup(int n) {
  int64_t zero = 0;
  if (!value().compare_exchange_strong(zero, 1, std::memory_order_acq_rel)) return 0;
  long woken = futex(futexWord(), FUTEX_WAKE, n < 1 ? 1 : static_cast<uint32_t>(n), nullptr);
  return woken < 0 ? 0 : static_cast<int>(woken);
}

}  // namespace surge
