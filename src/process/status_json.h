#pragma once

#include <string>
#include <string_view>

#include "base/json_string.h"  // jsonString(), used with the status JSON
#include "process/status_board.h"
#include "process/status_context.h"

namespace surge {

// `status` as one JSON object (and a newline) with the same data as the table; memory in
// bytes, times in unix seconds, "version" is ctx.versionLine.
std::string renderStatusJson(const StatusBoard::Snapshot& snapshot, const StatusContext& ctx);
}  // namespace surge
