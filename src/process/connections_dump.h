#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace surge {

// `connections`: the line format in which each worker dumps its connections to a file,
// and the table, in Workerman's layout, that the reader prints from all the dumps.

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

// The table of every worker's connections.
std::string renderConnections(const std::vector<ConnectionRow>& rows);

// "140B", "1.5KB", "2.0MB", "1.0GB", "3.2TB": the connections table's byte counts.
std::string formatBytes(uint64_t bytes);

}  // namespace surge
