#pragma once

#include <sys/types.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "process/status_board.h"

namespace surge {

// What `php start.php status` and `connections` print, as pure functions of a board
// snapshot (or of the connection lines the workers dumped) plus the few facts that
// depend on the reader's clock and machine, passed in so that tests fix them. The text
// layouts are Workerman's (reference §7.7), branded Surge.

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

std::string renderStatus(const StatusBoard::Snapshot& snapshot, const StatusContext& ctx);
// One JSON object (and a newline) with the same data; memory in bytes, times in unix
// seconds, "version" is ctx.versionLine.
std::string renderStatusJson(const StatusBoard::Snapshot& snapshot, const StatusContext& ctx);

// "1.19M": bytes in MiB with two decimals, as the status table shows memory.
std::string formatMemory(int64_t bytes);
// "140B", "1.5KB", "2.0MB", "1.0GB", "3.2TB": the connections table's byte counts.
std::string formatBytes(uint64_t bytes);
// `text` as a JSON string literal, quotes included. Invalid UTF-8 becomes U+FFFD.
std::string jsonString(std::string_view text);

// One connection, as a worker describes it for `connections`.
struct ConnectionRow {
  pid_t pid = 0;
  std::string worker;
  uint64_t id = 0;
  std::string transport;  // "tcp", "unix", "ssl", "udp"
  std::string protocol;   // short codec name ("Http", "Websocket") or the transport
  bool ipv4 = false;
  bool ipv6 = false;
  uint64_t recvQ = 0;  // bytes received and not consumed yet
  uint64_t sendQ = 0;  // bytes queued and not sent yet
  uint64_t bytesRead = 0;
  uint64_t bytesWritten = 0;
  std::string status;  // "ESTABLISHED", "CLOSING", ...
  std::string local;
  std::string remote;

  bool operator==(const ConnectionRow&) const = default;
};

// The dump file format: one line per connection, 14 tab-separated fields in the order
// of ConnectionRow, ending in '\n'. Backslash, tab, newline and carriage return inside
// a text field are written as \\ \t \n \r, so any name fits on one line.
std::string formatConnectionLine(const ConnectionRow& row);
// Accepts a line with or without its '\n'; false (and *row untouched) if it is not one
// formatConnectionLine() wrote.
bool parseConnectionLine(std::string_view line, ConnectionRow* row);
// Every valid line of a dump; lines that do not parse (e.g. a worker's half-written
// last line) are skipped.
std::vector<ConnectionRow> parseConnectionLines(std::string_view text);

std::string renderConnections(const std::vector<ConnectionRow>& rows);

// Inputs for StatusContext from the running system (not pure; not used by the above).
int64_t realtimeMs();
int64_t localUtcOffset(int64_t unixTime);
std::optional<std::array<double, 3>> systemLoadAverage();

}  // namespace surge
