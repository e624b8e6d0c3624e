#pragma once

#include <cstdint>

namespace surge {

// Lets the first `burst` log lines of each `intervalMs` window through and counts the
// rest, so that a client sending garbage cannot make a process write one line per bad
// frame (and fill the disk); the owner writes one summary line with the count instead.
// Pure bookkeeping on a clock the caller passes in (monotonic milliseconds).
class LogThrottle {
 public:
  LogThrottle(int burst, int64_t intervalMs) : burst_(burst), intervalMs_(intervalMs) {}

  // True if a line may be written at `nowMs`; false counts it as suppressed. A window
  // starts with the first line after the previous window ended.
  bool admit(int64_t nowMs);
  // Lines suppressed since the last call; the count starts again from zero.
  int64_t takeSuppressed();
  int64_t suppressed() const { return suppressed_; }
  // When the current window ends: a summary of what it suppressed is due then.
  int64_t windowEndMs() const { return windowStartMs_ + intervalMs_; }
  int64_t intervalMs() const { return intervalMs_; }

 private:
  int burst_;
  int64_t intervalMs_;
  bool started_ = false;
  int64_t windowStartMs_ = 0;
  int admitted_ = 0;
  int64_t suppressed_ = 0;
};

}  // namespace surge
