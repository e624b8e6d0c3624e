#include "base/log_throttle.h"

namespace surge {

bool LogThrottle::admit(int64_t nowMs) {
  if (!started_ || nowMs >= windowStartMs_ + intervalMs_ || nowMs < windowStartMs_) {
    started_ = true;
    windowStartMs_ = nowMs;
    admitted_ = 0;
  }
  if (admitted_ < burst_) {
    ++admitted_;
    return true;
  }
  ++suppressed_;
  return false;
}

int64_t LogThrottle::takeSuppressed() {
  int64_t n = suppressed_;
  suppressed_ = 0;
  return n;
}

}  // namespace surge
