#include "process/status_json.h"

#include <cmath>
#include <cstdio>

#include "process/status_text.h"

namespace surge {

using status_text::fixed2;

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 if there is none.
size_t utf8Length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) -> int {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : -1;
  };
  auto in = [](int b, int lo, int hi) { return b >= lo && b <= hi; };
  int c = byte(0);
  if (in(c, 0xC2, 0xDF)) return in(byte(1), 0x80, 0xBF) ? 2 : 0;
  if (in(c, 0xE0, 0xEF)) {
    int lo = c == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
    int hi = c == 0xED ? 0x9F : 0xBF;  // no UTF-16 surrogates
    return in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
  }
  if (in(c, 0xF0, 0xF4)) {
    int lo = c == 0xF0 ? 0x90 : 0x80;
    int hi = c == 0xF4 ? 0x8F : 0xBF;  // nothing above U+10FFFF
    return in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

}  // namespace

std::string jsonString(std::string_view text) {
  std::string out = "\"";
  out.reserve(text.size() + 2);
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      size_t n = utf8Length(text, i);
      if (n == 0) {
        out += "\\ufffd";
        ++i;
      } else {
        out.append(text.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char escaped[8];
          std::snprintf(escaped, sizeof(escaped), "\\u%04x", c);
          out += escaped;
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
  return out;
}

std::string renderStatusJsonError(std::string_view message) {
  return "{\"schema_version\":" + std::to_string(kStatusJsonSchemaVersion) +
         ",\"error\":" + jsonString(message) + "}\n";
}

std::string renderStatusJson(const StatusBoard::Snapshot& snapshot, const StatusContext& ctx) {
  auto num = [](int64_t v) { return std::to_string(v); };
  std::string out = "{\"schema_version\":" + num(kStatusJsonSchemaVersion) +
                    ",\"version\":" + jsonString(ctx.versionLine) +
                    ",\"start_time\":" + num(snapshot.startTime) +
                    ",\"master_pid\":" + num(snapshot.masterPid) +
                    ",\"daemon\":" + (snapshot.daemon ? "true" : "false") + ",\"load_average\":";
  if (ctx.loadAverage) {
    out += "[";
    for (size_t i = 0; i < 3; ++i) {
      double v = (*ctx.loadAverage)[i];
      if (i > 0) out += ",";
      out += std::isfinite(v) ? fixed2(v) : "null";  // JSON has no NaN
    }
    out += "]";
  } else {
    out += "null";
  }
  out += ",\"workers\":[";
  for (size_t g = 0; g < snapshot.groups.size(); ++g) {
    const auto& group = snapshot.groups[g];
    if (g > 0) out += ",";
    out += "{\"name\":" + jsonString(group.name) + ",\"listen\":" + jsonString(group.listen) +
           ",\"count\":" + num(group.count) + ",\"exits\":[";
    for (size_t i = 0; i < group.exits.size(); ++i) {
      if (i > 0) out += ",";
      out += "{\"status\":" + num(group.exits[i].status) +
             ",\"count\":" + num(group.exits[i].count) + "}";
    }
    out += "],\"other_exits\":" + num(group.otherExits) + "}";
  }
  out += "],\"processes\":[";
  for (size_t i = 0; i < snapshot.processes.size(); ++i) {
    const auto& p = snapshot.processes[i];
    if (i > 0) out += ",";
    out += "{\"pid\":" + num(p.pid) + ",\"worker\":" + jsonString(p.worker) +
           ",\"listen\":" + jsonString(p.listen) + ",\"memory\":" + num(p.memory) +
           ",\"peak_memory\":" + num(p.peakMemory) + ",\"rss\":" + num(p.rss) +
           ",\"connections\":" + num(p.connections) + ",\"send_fail\":" + num(p.sendFail) +
           ",\"protocol_errors\":" + num(p.protocolErrors) + ",\"timers\":" + num(p.timers) +
           ",\"total_request\":" + num(p.totalRequests) + ",\"qps\":" + num(p.qps) +
           ",\"bytes_received\":" + num(p.bytesReceived) + ",\"bytes_sent\":" + num(p.bytesSent) +
           ",\"exceptions\":" + num(p.exceptions) + ",\"loop_lag_us\":" + num(p.loopLagUs) +
           ",\"started\":" + num(p.startTime) + ",\"status\":\"" +
           (isBusy(p, ctx) ? "busy" : "idle") + "\"}";
  }
  out += "]}\n";
  return out;
}

}  // namespace surge
