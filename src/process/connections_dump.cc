#include "process/connections_dump.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cmath>
#include <cstdio>

#include "process/status_text.h"

namespace surge {

using status_text::bar;
using status_text::pad;

namespace {

constexpr size_t kConnectionsBarWidth = 178;
constexpr size_t kConnectionsBarLeft = 69;

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

}  // namespace surge
