#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace surge {

// Severity of a log line, PSR-3 names (the five a server needs), lowest first.
enum class LogLevel { kDebug = 0, kInfo, kNotice, kWarning, kError };
enum class LogFormat { kText, kJson };

const char* logLevelName(LogLevel level);
std::optional<LogLevel> parseLogLevel(std::string_view name);
std::optional<LogFormat> parseLogFormat(std::string_view name);

// One log record, formatted by LogLine into a line of either format. Pure (time zone from
// the process's TZ), so the formats are unit-tested without a process or a file.
struct LogRecord {
  LogLevel level = LogLevel::kInfo;
  std::string_view message;
  std::string_view contextJson;  // a JSON object, or empty for none
  long pid = 0;
  std::string_view worker;  // the worker's name in a worker process, empty in the master
  int64_t epochMillis = 0;
};

class LogLine {
 public:
  // `Y-m-d H:i:s pid:<pid> [level] <message> <context>`: Workerman's layout, byte for byte
  // when the level is info and there is no context; the level tag only when not info.
  static std::string text(const LogRecord& record);
  // The text line without its time and pid: what a foreground process echoes to stdout.
  static std::string textBody(const LogRecord& record);
  // One JSON object: time (RFC 3339, milliseconds, offset), level, pid, worker (null in the
  // master), message, context (only when given).
  static std::string json(const LogRecord& record);
  // `2026-01-31T23:59:58.123+01:00` in local time.
  static std::string rfc3339Millis(int64_t epochMillis);
  // Removes the surrounding blanks Workerman's log() trims.
  static std::string_view trim(std::string_view s);
};

}  // namespace surge
