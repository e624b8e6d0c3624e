#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace surge::protocol {

// HTTP access log lines: Apache/nginx `common` and `combined`, and one JSON object per
// line. Pure formatting: the caller gathers the fields, the writer (ext/http/access_log.cc)
// batches the lines.
enum class AccessLogFormat { kCommon, kCombined, kJson };
std::optional<AccessLogFormat> parseAccessLogFormat(std::string_view name);

struct AccessLogEntry {
  std::string_view remoteAddr;   // empty: "-"
  std::string_view requestLine;  // as received, without CRLF; empty: "-" (nothing parsed)
  std::string_view method, target, protocol;  // from the request line (JSON)
  std::string_view referer, userAgent;        // null or empty: "-" (text), absent (JSON)
  int status = 0;
  uint64_t bodyBytes = 0;
  int64_t epochMillis = 0;
  double durationSeconds = -1;  // < 0: unknown (an error answered before a whole request)
};

// What an access log line needs from the raw request (`GET /x HTTP/1.1\r\nHost:..`):
// the request line and its three parts, Referer and User-Agent. Scans the head only;
// views point into `raw`.
void scanRequestHead(std::string_view raw, AccessLogEntry* entry);

// Appends one line (with '\n') to `out`. Text formats escape '"', '\' and bytes outside
// printable ASCII as \xHH (as nginx does), so a line can neither be split nor forged.
void appendAccessLogLine(std::string& out, AccessLogFormat format, const AccessLogEntry& entry);

// `[10/Oct/2000:13:55:36 -0700]`'s inside, local time.
std::string accessLogTime(int64_t epochMillis);

}  // namespace surge::protocol
