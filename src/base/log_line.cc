#include "base/log_line.h"

#include <cstdint>
#include <cstdio>
#include <ctime>

#include "base/json_string.h"

namespace surge {

namespace {
constexpr const char* kNames[] = {"debug", "info", "notice", "warning", "error"};
}

const char* logLevelName(LogLevel level) {
  return kNames[static_cast<int>(level)];
}

std::optional<LogLevel> parseLogLevel(std::string_view name) {
  for (int i = 0; i < 5; ++i)
    if (name == kNames[i]) return static_cast<LogLevel>(i);
  return std::nullopt;
}

std::optional<LogFormat> parseLogFormat(std::string_view name) {
  if (name == "text") return LogFormat::kText;
  if (name == "json") return LogFormat::kJson;
  return std::nullopt;
}

std::string_view LogLine::trim(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string LogLine::textBody(const LogRecord& r) {
  std::string out;
  std::string_view message = trim(r.message);
  out.reserve(message.size() + r.contextJson.size() + 12);
  if (r.level != LogLevel::kInfo) out.append("[").append(logLevelName(r.level)).append("] ");
  out.append(message);
  if (!r.contextJson.empty()) out.append(" ").append(r.contextJson);
  return out;
}

std::string LogLine::text(const LogRecord& r) {
  time_t t = static_cast<time_t>(r.epochMillis / 1000);
  struct tm local;
  localtime_r(&t, &local);
  char stamp[32];
  strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &local);
  std::string line(stamp);
  line.append(" pid:").append(std::to_string(r.pid)).append(" ");
  line.append(textBody(r)).append("\n");
  return line;
}

std::string LogLine::rfc3339Millis(int64_t epochMillis) {
  int64_t seconds = epochMillis / 1000;
  int millis = static_cast<int>(epochMillis % 1000);
  if (millis < 0) {
    millis += 1000;
    --seconds;
  }
  // An access log writes a line per request: the date and offset are formatted once per
  // second, only the milliseconds for each line.
  thread_local int64_t cachedSecond = INT64_MIN;
  thread_local std::string cachedDate;    // "2026-12-05T10:00:00"
  thread_local std::string cachedOffset;  // "+01:00"
  if (seconds != cachedSecond) {
    time_t t = static_cast<time_t>(seconds);
    struct tm local;
    localtime_r(&t, &local);
    char stamp[40];
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &local);
    long offset = local.tm_gmtoff / 60;  // minutes east of UTC
    char sign = offset < 0 ? '-' : '+';
    if (offset < 0) offset = -offset;
    char zone[48];
    std::snprintf(zone, sizeof zone, "%c%02ld:%02ld", sign, offset / 60, offset % 60);
    cachedDate = stamp;
    cachedOffset = zone;
    cachedSecond = seconds;
  }
  char fraction[8] = {'.', static_cast<char>('0' + millis / 100),
                      static_cast<char>('0' + millis / 10 % 10),
                      static_cast<char>('0' + millis % 10)};
  std::string out;
  out.reserve(cachedDate.size() + 4 + cachedOffset.size());
  return out.append(cachedDate).append(fraction, 4).append(cachedOffset);
}

std::string LogLine::json(const LogRecord& r) {
  std::string_view message = trim(r.message);
  std::string out;
  out.reserve(message.size() + r.contextJson.size() + r.worker.size() + 110);
  out.append("{\"time\":\"").append(rfc3339Millis(r.epochMillis));
  out.append("\",\"level\":\"").append(logLevelName(r.level));
  out.append("\",\"pid\":").append(std::to_string(r.pid)).append(",\"worker\":");
  if (r.worker.empty())
    out.append("null");
  else
    appendJsonString(out, r.worker);
  out.append(",\"message\":");
  appendJsonString(out, message);
  if (!r.contextJson.empty()) out.append(",\"context\":").append(r.contextJson);
  out.append("}\n");
  return out;
}

}  // namespace surge
