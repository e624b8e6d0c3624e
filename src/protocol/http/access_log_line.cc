#include "protocol/http/access_log_line.h"

#include <cstdint>
#include <cstdio>
#include <ctime>

#include "base/json_string.h"
#include "base/log_line.h"

namespace surge::protocol {

namespace {

constexpr size_t kMaxField = 8192;  // a longer request line or header is cut (and says so)

void appendEscaped(std::string& out, std::string_view text) {
  if (text.empty()) {
    out.push_back('-');
    return;
  }
  bool cut = text.size() > kMaxField;
  if (cut) text = text.substr(0, kMaxField);
  static const char kHex[] = "0123456789ABCDEF";
  // Runs of printable bytes are appended whole: most fields have nothing to escape.
  size_t plain = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') continue;
    out.append(text.data() + plain, i - plain);
    plain = i + 1;
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else {
      out.append("\\x");
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  out.append(text.data() + plain, text.size() - plain);
  if (cut) out.append("...");
}

std::string_view trimBlank(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool startsWithIgnoreCase(std::string_view line, std::string_view prefix) {
  if (line.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char a = line[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != prefix[i]) return false;
  }
  return true;
}

void appendJsonField(std::string& out, const char* name, std::string_view value) {
  out.append(",\"").append(name).append("\":");
  appendJsonString(out, value.size() > kMaxField ? value.substr(0, kMaxField) : value);
}

}  // namespace

std::optional<AccessLogFormat> parseAccessLogFormat(std::string_view name) {
  if (name == "combined") return AccessLogFormat::kCombined;
  if (name == "common") return AccessLogFormat::kCommon;
  if (name == "json") return AccessLogFormat::kJson;
  return std::nullopt;
}

void scanRequestHead(std::string_view raw, AccessLogEntry* e) {
  size_t eol = raw.find('\n');
  std::string_view line = raw.substr(0, eol);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  e->requestLine = line;
  size_t sp1 = line.find(' ');
  size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp1 != std::string_view::npos) {
    e->method = line.substr(0, sp1);
    if (sp2 != std::string_view::npos) {
      e->target = line.substr(sp1 + 1, sp2 - sp1 - 1);
      e->protocol = line.substr(sp2 + 1);
    } else {
      e->target = line.substr(sp1 + 1);
    }
  }
  size_t pos = eol == std::string_view::npos ? raw.size() : eol + 1;
  while (pos < raw.size()) {
    size_t end = raw.find('\n', pos);
    std::string_view header = raw.substr(pos, end == std::string_view::npos ? raw.npos : end - pos);
    pos = end == std::string_view::npos ? raw.size() : end + 1;
    if (header.empty() || header == "\r") break;  // the end of the head
    if (startsWithIgnoreCase(header, "referer:"))
      e->referer = trimBlank(header.substr(8));
    else if (startsWithIgnoreCase(header, "user-agent:"))
      e->userAgent = trimBlank(header.substr(11));
  }
}

std::string accessLogTime(int64_t epochMillis) {
  // Formatted once per second: a busy server writes thousands of lines with the same stamp.
  thread_local int64_t cachedSecond = INT64_MIN;
  thread_local std::string cached;
  int64_t second = epochMillis / 1000;
  if (second != cachedSecond) {
    time_t t = static_cast<time_t>(second);
    struct tm local;
    localtime_r(&t, &local);
    char stamp[40];
    strftime(stamp, sizeof stamp, "%d/%b/%Y:%H:%M:%S %z", &local);  // %b: C locale in a server
    cached = stamp;
    cachedSecond = second;
  }
  return cached;
}

void appendAccessLogLine(std::string& out, AccessLogFormat format, const AccessLogEntry& e) {
  if (format == AccessLogFormat::kJson) {
    out.append("{\"time\":\"").append(LogLine::rfc3339Millis(e.epochMillis)).append("\"");
    appendJsonField(out, "remote_addr", e.remoteAddr);
    appendJsonField(out, "request", e.requestLine);
    appendJsonField(out, "method", e.method);
    appendJsonField(out, "path", e.target);
    appendJsonField(out, "protocol", e.protocol);
    out.append(",\"status\":").append(std::to_string(e.status));
    out.append(",\"body_bytes_sent\":").append(std::to_string(e.bodyBytes));
    if (!e.referer.empty()) appendJsonField(out, "referer", e.referer);
    if (!e.userAgent.empty()) appendJsonField(out, "user_agent", e.userAgent);
    out.append(",\"duration\":");
    if (e.durationSeconds < 0) {
      out.append("null");
    } else {
      // Microseconds by integer arithmetic: printf's float formatting cost more than the
      // rest of the line.
      auto micros = static_cast<int64_t>(e.durationSeconds * 1e6 + 0.5);
      std::string fraction = std::to_string(micros % 1000000);
      out.append(std::to_string(micros / 1000000)).append(".");
      out.append(6 - fraction.size(), '0').append(fraction);
    }
    out.append("}\n");
    return;
  }
  appendEscaped(out, e.remoteAddr);
  out.append(" - - [").append(accessLogTime(e.epochMillis)).append("] \"");
  appendEscaped(out, e.requestLine);
  out.append("\" ").append(std::to_string(e.status)).append(" ");
  out.append(std::to_string(e.bodyBytes));
  if (format == AccessLogFormat::kCombined) {
    out.append(" \"");
    appendEscaped(out, e.referer);
    out.append("\" \"");
    appendEscaped(out, e.userAgent);
    out.push_back('"');
  }
  out.push_back('\n');
}

}  // namespace surge::protocol
