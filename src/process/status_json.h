#pragma once

#include <string>
#include <string_view>

#include "process/status_board.h"
#include "process/status_context.h"

namespace surge {

// `status` as one JSON object (and a newline) with the same data as the table; memory in
// bytes, times in unix seconds, "version" is ctx.versionLine.
std::string renderStatusJson(const StatusBoard::Snapshot& snapshot, const StatusContext& ctx);

// `text` as a JSON string literal, quotes included. Invalid UTF-8 becomes U+FFFD.
std::string jsonString(std::string_view text);

}  // namespace surge
