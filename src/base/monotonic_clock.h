#pragma once

#include <time.h>

#include <cstdint>

namespace surge {

// CLOCK_MONOTONIC in nanoseconds (a vDSO call, no system call): for durations such as a
// request's time to its response, which wall-clock steps must not bend.
inline int64_t monotonicNs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

}  // namespace surge
