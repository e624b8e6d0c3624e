#include "process/status_report.h"

#include <stdlib.h>
#include <time.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace surge {

namespace {

std::string pad(const std::string& s, size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

// Workerman's status bars: a fixed run of dashes, the title, dashes up to the width.
std::string bar(const std::string& title, size_t leftDashes, size_t width) {
  std::string out(leftDashes, '-');
  out += title;
  if (out.size() < width) out.append(width - out.size(), '-');
  return out;
}

// The reference layout's widths, kept when the data fits so the output looks like
// Workerman's; longer values widen their column (and the bars) instead of breaking it.
constexpr size_t kStatusBarWidth = 121;
constexpr size_t kStatusBarLeft = 51;
constexpr size_t kConnectionsBarWidth = 178;
constexpr size_t kConnectionsBarLeft = 69;

std::string formatTime(int64_t unixTime) {
  time_t t = static_cast<time_t>(unixTime);
  struct tm tm {};
  if (gmtime_r(&t, &tm) == nullptr) return "-";
  char text[32];
  strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S", &tm);
  return text;
}

std::string fixed2(double value) {
  char text[64];
  std::snprintf(text, sizeof(text), "%.2f", value);
  return text;
}

std::string loadAverageText(const StatusContext& ctx) {
  if (!ctx.loadAverage) return "-, -, -";
  std::string out;
  for (size_t i = 0; i < 3; ++i) {
    if (i > 0) out += ", ";
    double v = (*ctx.loadAverage)[i];
    out += std::isfinite(v) ? fixed2(v) : "-";
  }
  return out;
}

std::string displayName(const std::string& name) {
  return name.empty() ? "none" : name;
}

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

// The escapes of the connection dump format: the four characters that would break a
// tab-separated line, and the escape character itself.
std::string escapeField(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  return out;
}

bool unescapeField(std::string_view text, std::string* out) {
  out->clear();
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      *out += text[i];
      continue;
    }
    if (++i == text.size()) return false;
    switch (text[i]) {
      case '\\':
        *out += '\\';
        break;
      case 't':
        *out += '\t';
        break;
      case 'n':
        *out += '\n';
        break;
      case 'r':
        *out += '\r';
        break;
      default:
        return false;
    }
  }
  return true;
}

template <typename T>
bool parseNumber(std::string_view text, T* out) {
  if (text.empty()) return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return error == std::errc() && end == text.data() + text.size();
}

bool parseFlag(std::string_view text, bool* out) {
  if (text != "0" && text != "1") return false;
  *out = text == "1";
  return true;
}

// Cuts to at most `n` bytes without splitting a UTF-8 sequence.
std::string truncate(const std::string& text, size_t n) {
  if (text.size() <= n) return text;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n);
}

}  // namespace

bool isBusy(const StatusBoard::ProcessView& process, const StatusContext& ctx) {
  return ctx.nowMs - process.heartbeatMs > ctx.busyAfterMs;
}

std::string formatMemory(int64_t bytes) {
  return fixed2(static_cast<double>(bytes) / (1024.0 * 1024.0)) + "M";
}

std::string formatBytes(uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + "B";
  static const char* const kUnits[] = {"KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  for (size_t i = 0; i < 4; ++i) {
    value /= 1024.0;
    double rounded = std::round(value * 10.0) / 10.0;
    // 1048575 bytes is 1023.999KB, which would print as "1024.0KB": move up a unit.
    if (rounded < 1024.0 || i == 3) {
      char text[64];
      std::snprintf(text, sizeof(text), "%.1f%s", rounded, kUnits[i]);
      return text;
    }
  }
  return {};  // not reached
}

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

std::string renderStatus(const StatusBoard::Snapshot& snapshot, const StatusContext& ctx) {
  using Process = StatusBoard::ProcessView;

  // Workers table: the name column is as wide as the banner's worker column.
  size_t nameWidth = 8;
  for (const auto& g : snapshot.groups) nameWidth = std::max(nameWidth, displayName(g.name).size());
  std::vector<std::string> workerLines;
  workerLines.push_back(pad("name", nameWidth + 4) + " " + pad("event-loop", 14) + " " +
                        pad("exit_status", 16) + "exit_count");
  for (const auto& g : snapshot.groups) {
    std::string lead = pad(displayName(g.name), nameWidth + 4) + " " + pad(ctx.eventLoop, 14) + " ";
    if (g.exits.empty() && g.otherExits == 0)
      workerLines.push_back(lead + pad("0", 16) + pad("0", 16));
    for (const auto& e : g.exits)
      workerLines.push_back(lead + pad(std::to_string(e.status), 16) +
                            pad(std::to_string(e.count), 16));
    if (g.otherExits > 0)
      workerLines.push_back(lead + pad("other", 16) + pad(std::to_string(g.otherExits), 16));
  }

  // Process table: each column at least as wide as the reference's, padded to its longest
  // value, then one space.
  int64_t sumMemory = 0, sumConnections = 0, sumSendFail = 0, sumTimers = 0, sumRequests = 0,
          sumQps = 0;
  for (const Process& p : snapshot.processes) {
    sumMemory += p.memory;
    sumConnections += p.connections;
    sumSendFail += p.sendFail;
    sumTimers += p.timers;
    sumRequests += p.totalRequests;
    sumQps += p.qps;
  }
  struct Row {
    std::string pid, memory, listen, name, connections, sendFail, timers, requests, qps, status;
  };
  std::vector<Row> rows;
  for (const Process& p : snapshot.processes)
    rows.push_back({std::to_string(p.pid), formatMemory(p.memory), p.listen, displayName(p.worker),
                    std::to_string(p.connections), std::to_string(p.sendFail),
                    std::to_string(p.timers), std::to_string(p.totalRequests),
                    std::to_string(p.qps), isBusy(p, ctx) ? "[busy]" : "[idle]"});
  Row summary{"Summary",
              formatMemory(sumMemory),
              "-",
              "-",
              std::to_string(sumConnections),
              std::to_string(sumSendFail),
              std::to_string(sumTimers),
              std::to_string(sumRequests),
              std::to_string(sumQps),
              "[Summary] "};
  Row header{"pid",       "memory", "listening",     "name", "connections",
             "send_fail", "timers", "total_request", "qps",  "status"};
  size_t wMemory = 7, wListen = 9, wName = nameWidth, wConnections = 11, wSendFail = 9, wTimers = 7,
         wRequests = 13, wQps = 6;
  auto widen = [&](const Row& r) {
    wMemory = std::max(wMemory, r.memory.size());
    wListen = std::max(wListen, r.listen.size());
    wName = std::max(wName, r.name.size());
    wConnections = std::max(wConnections, r.connections.size());
    wSendFail = std::max(wSendFail, r.sendFail.size());
    wTimers = std::max(wTimers, r.timers.size());
    wRequests = std::max(wRequests, r.requests.size());
    wQps = std::max(wQps, r.qps.size());
  };
  for (const Row& r : rows) widen(r);
  widen(summary);
  auto line = [&](const Row& r) {
    return r.pid + "\t" + pad(r.memory, wMemory) + " " + pad(r.listen, wListen) + " " +
           pad(r.name, wName) + " " + pad(r.connections, wConnections) + " " +
           pad(r.sendFail, wSendFail) + " " + pad(r.timers, wTimers) + " " +
           pad(r.requests, wRequests) + " " + pad(r.qps, wQps) + " " + r.status;
  };
  std::vector<std::string> processLines;
  processLines.push_back(line(header));
  for (const Row& r : rows) processLines.push_back(line(r));
  std::string summaryLine = line(summary);

  size_t barWidth = kStatusBarWidth;
  for (const auto& l : workerLines) barWidth = std::max(barWidth, l.size());
  for (const auto& l : processLines) barWidth = std::max(barWidth, l.size());
  barWidth = std::max(barWidth, summaryLine.size());

  const int64_t up = std::max<int64_t>(0, ctx.nowMs / 1000 - snapshot.startTime);
  std::string out;
  out += snapshot.daemon ? "Start worker in DAEMON mode.\n" : "Start worker in DEBUG mode.\n";
  out += bar("GLOBAL STATUS", kStatusBarLeft, barWidth) + "\n";
  out += ctx.versionLine + "\n";
  out += "start time:" + formatTime(snapshot.startTime + ctx.utcOffsetSeconds) + "   run " +
         std::to_string(up / 86400) + " days " + std::to_string(up % 86400 / 3600) +
         " hours   load average: " + loadAverageText(ctx) + "\n";
  out += std::to_string(snapshot.groups.size()) + " workers    " +
         std::to_string(snapshot.processes.size()) + " processes\n";
  for (const auto& l : workerLines) out += l + "\n";
  out += bar("PROCESS STATUS", kStatusBarLeft, barWidth) + "\n";
  for (const auto& l : processLines) out += l + "\n";
  out += bar("PROCESS STATUS", kStatusBarLeft, barWidth) + "\n";
  out += summaryLine + "\n";
  return out;
}

std::string renderStatusJson(const StatusBoard::Snapshot& snapshot, const StatusContext& ctx) {
  auto num = [](int64_t v) { return std::to_string(v); };
  std::string out = "{\"version\":" + jsonString(ctx.versionLine) +
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
           ",\"timers\":" + num(p.timers) + ",\"total_request\":" + num(p.totalRequests) +
           ",\"qps\":" + num(p.qps) + ",\"started\":" + num(p.startTime) + ",\"status\":\"" +
           (isBusy(p, ctx) ? "busy" : "idle") + "\"}";
  }
  out += "]}\n";
  return out;
}

std::string formatConnectionLine(const ConnectionRow& row) {
  auto b = [](bool v) { return v ? "1" : "0"; };
  std::string out = std::to_string(row.pid);
  out += "\t" + escapeField(row.worker) + "\t" + std::to_string(row.id) + "\t" +
         escapeField(row.transport) + "\t" + escapeField(row.protocol) + "\t" + b(row.ipv4) + "\t" +
         b(row.ipv6) + "\t" + std::to_string(row.recvQ) + "\t" + std::to_string(row.sendQ) + "\t" +
         std::to_string(row.bytesRead) + "\t" + std::to_string(row.bytesWritten) + "\t" +
         escapeField(row.status) + "\t" + escapeField(row.local) + "\t" + escapeField(row.remote) +
         "\n";
  return out;
}

bool parseConnectionLine(std::string_view line, ConnectionRow* row) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  std::vector<std::string_view> fields;
  size_t start = 0;
  for (;;) {
    size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  if (fields.size() != 14) return false;
  // Unescaped text would let a stray newline (a truncated write) pass as a field.
  if (line.find('\n') != std::string_view::npos) return false;
  ConnectionRow r;
  int64_t pid = 0;
  if (!parseNumber(fields[0], &pid) || pid < 0 || pid > INT32_MAX) return false;
  r.pid = static_cast<pid_t>(pid);
  if (!unescapeField(fields[1], &r.worker) || !parseNumber(fields[2], &r.id) ||
      !unescapeField(fields[3], &r.transport) || !unescapeField(fields[4], &r.protocol) ||
      !parseFlag(fields[5], &r.ipv4) || !parseFlag(fields[6], &r.ipv6) ||
      !parseNumber(fields[7], &r.recvQ) || !parseNumber(fields[8], &r.sendQ) ||
      !parseNumber(fields[9], &r.bytesRead) || !parseNumber(fields[10], &r.bytesWritten) ||
      !unescapeField(fields[11], &r.status) || !unescapeField(fields[12], &r.local) ||
      !unescapeField(fields[13], &r.remote))
    return false;
  *row = std::move(r);
  return true;
}

std::vector<ConnectionRow> parseConnectionLines(std::string_view text) {
  std::vector<ConnectionRow> rows;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    // A last line without its '\n' is a write still in progress (or cut short): skip it.
    if (end == std::string_view::npos) break;
    ConnectionRow row;
    if (parseConnectionLine(text.substr(start, end - start), &row)) rows.push_back(std::move(row));
    start = end + 1;
  }
  return rows;
}

std::string renderConnections(const std::vector<ConnectionRow>& rows) {
  // Workerman's widths. Columns with spaceAfter are padded and then followed by a space;
  // the others rely on their padding alone, so a value needs one more column than its
  // length to stay apart from the next.
  struct Column {
    const char* header;
    size_t width;
    bool spaceAfter;
  };
  Column columns[] = {
      {"PID", 9, false},           {"Worker", 16, false},         {"CID", 10, false},
      {"Trans", 8, false},         {"Protocol", 16, false},       {"ipv4", 7, false},
      {"ipv6", 7, false},          {"Recv-Q", 13, false},         {"Send-Q", 13, false},
      {"Bytes-R", 13, false},      {"Bytes-W", 13, true},         {"Status", 14, true},
      {"Local Address", 22, true}, {"Foreign Address", 22, false}};
  constexpr size_t kColumns = sizeof(columns) / sizeof(columns[0]);
  std::vector<std::array<std::string, kColumns>> cells;
  for (const ConnectionRow& r : rows)
    cells.push_back({std::to_string(r.pid), truncate(r.worker, 14), std::to_string(r.id),
                     r.transport, truncate(r.protocol, 15), r.ipv4 ? " 1" : " 0",
                     r.ipv6 ? " 1" : " 0", formatBytes(r.recvQ), formatBytes(r.sendQ),
                     formatBytes(r.bytesRead), formatBytes(r.bytesWritten), r.status, r.local,
                     r.remote});
  size_t grown = 0;
  for (size_t c = 0; c < kColumns; ++c) {
    size_t need = columns[c].width;
    bool last = c + 1 == kColumns;
    for (const auto& row : cells)
      need = std::max(need, row[c].size() + (columns[c].spaceAfter || last ? 0 : 1));
    grown += need - columns[c].width;
    columns[c].width = need;
  }
  auto line = [&](const auto& values, bool padLast) {
    std::string out;
    for (size_t c = 0; c < kColumns; ++c) {
      bool last = c + 1 == kColumns;
      out += last && !padLast ? std::string(values[c]) : pad(values[c], columns[c].width);
      if (columns[c].spaceAfter) out += ' ';
    }
    return out;
  };
  std::array<std::string, kColumns> header;
  for (size_t c = 0; c < kColumns; ++c) header[c] = columns[c].header;
  std::string out =
      bar(" SURGE CONNECTION STATUS ", kConnectionsBarLeft, kConnectionsBarWidth + grown) + "\n";
  out += line(header, false) + "\n";
  for (const auto& row : cells) out += line(row, true) + "\n";
  return out;
}

int64_t realtimeMs() {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

int64_t localUtcOffset(int64_t unixTime) {
  time_t t = static_cast<time_t>(unixTime);
  struct tm tm {};
  if (localtime_r(&t, &tm) == nullptr) return 0;
  return tm.tm_gmtoff;
}

std::optional<std::array<double, 3>> systemLoadAverage() {
  double values[3];
  if (getloadavg(values, 3) != 3) return std::nullopt;
  return std::array<double, 3>{values[0], values[1], values[2]};
}

}  // namespace surge
