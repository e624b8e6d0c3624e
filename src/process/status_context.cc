#include "process/status_context.h"

#include <stdlib.h>
#include <time.h>

namespace surge {

bool isBusy(const StatusBoard::ProcessView& process, const StatusContext& ctx) {
  return ctx.nowMs - process.heartbeatMs > ctx.busyAfterMs;
}

int64_t realtimeMs() {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

int64_t localUtcOffset(int64_t unixTime) {
  time_t t = static_cast<time_t>(unixTime);
  struct tm tm {};
  if (localtime_r(&t, &tm) == nullptr) return 0;
  return tm.tm_gmtoff;
}

std::optional<std::array<double, 3>> systemLoadAverage() {
  double values[3];
  if (getloadavg(values, 3) != 3) return std::nullopt;
  return std::array<double, 3>{values[0], values[1], values[2]};
}

}  // namespace surge
