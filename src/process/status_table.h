#pragma once

#include <cstdint>
#include <string>

#include "process/status_board.h"
#include "process/status_context.h"

namespace surge {

// The `status` table, in Workerman's layout (reference §7.7), branded Surge.
std::string renderStatus(const StatusBoard::Snapshot& snapshot, const StatusContext& ctx);

// "1.19M": bytes in MiB with two decimals, as the status table shows memory.
std::string formatMemory(int64_t bytes);

}  // namespace surge
