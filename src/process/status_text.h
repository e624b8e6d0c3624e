#pragma once

#include <cstdio>
#include <string>

// Text helpers that the status table, its JSON form and the connections table share.
// Internal to src/process/: not part of the status report's interface.
namespace surge::status_text {

inline std::string pad(const std::string& s, size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

// Workerman's status bars: a fixed run of dashes, the title, dashes up to the width.
inline std::string bar(const std::string& title, size_t leftDashes, size_t width) {
  std::string out(leftDashes, '-');
  out += title;
  if (out.size() < width) out.append(width - out.size(), '-');
  return out;
}

inline std::string fixed2(double value) {
  char text[64];
  std::snprintf(text, sizeof(text), "%.2f", value);
  return text;
}

}  // namespace surge::status_text
