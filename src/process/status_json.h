#pragma once

#include <string>
#include <string_view>

#include "base/json_string.h"  // jsonString(), used with the status JSON
#include "process/status_board.h"
#include "process/status_context.h"

namespace surge {

// The version of `status --json`'s layout (docs/status.schema.json). Adding a field keeps
// it; renaming, removing or retyping one raises it, so a monitor can tell what it reads.
constexpr int kStatusJsonSchemaVersion = 1;

// `status` as one JSON object (and a newline) with the same data as the table; memory in
// bytes, times in unix seconds, "version" is ctx.versionLine.
std::string renderStatusJson(const StatusBoard::Snapshot& snapshot, const StatusContext& ctx);
// `status --json` when there is no status to give (not running, unreadable board): an
// object with "schema_version" and "error", so a monitor never has to parse prose.
std::string renderStatusJsonError(std::string_view message);
}  // namespace surge
