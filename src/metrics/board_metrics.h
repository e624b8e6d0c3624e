#pragma once

#include <string>

#include "process/status_board.h"

namespace surge {

// The process metrics of /metrics, rendered from a status board snapshot (the master reads
// the board; no worker is asked): per worker group and process, in the Prometheus text
// format. `rss` of each process must be filled by the caller (from /proc). Every family is
// written, with its HELP and TYPE, even when it has no sample yet.
std::string renderBoardMetrics(const StatusBoard::Snapshot& snapshot);

// The `reason` label of an exit: "exit_code_0", "exit_code_255", "signal_SIGKILL".
std::string exitReasonLabel(int rawStatus);

}  // namespace surge
