#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "process/status_board.h"

namespace surge {

// The few facts the status output depends on besides the board snapshot: the reader's
// clock and machine. Passed in, so that tests fix them.
struct StatusContext {
  std::string versionLine;  // the start banner's version line
  int64_t nowMs = 0;        // CLOCK_REALTIME ms of the reading: uptime and busy test
  std::optional<std::array<double, 3>> loadAverage;  // nullopt prints "-, -, -"
  // Offset added to the unix start time before it is printed, so the text follows
  // PHP's date.timezone rather than the C library's TZ.
  int64_t utcOffsetSeconds = 0;
  // A worker whose heartbeat is older than this is stuck in PHP code: shown [busy].
  int64_t busyAfterMs = 1000;
  std::string eventLoop = "libevent";
};

bool isBusy(const StatusBoard::ProcessView& process, const StatusContext& ctx);

// Inputs for StatusContext from the running system (not pure; not used by the renderers).
int64_t realtimeMs();
int64_t localUtcOffset(int64_t unixTime);
std::optional<std::array<double, 3>> systemLoadAverage();

}  // namespace surge
