#include "protocol/http/range_header.h"

#include <limits>

#include "protocol/http/http_chars.h"

namespace surge::protocol {
namespace {

// One or more digits; a value beyond uint64_t saturates, which reads the same as the
// huge number it is (past any file's end).
bool parseDigits(std::string_view s, uint64_t* value) {
  if (s.empty()) return false;
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    unsigned d = static_cast<unsigned>(c - '0');
    v = v > (kMax - d) / 10 ? kMax : v * 10 + d;
  }
  *value = v;
  return true;
}

}  // namespace

HttpRangeStatus parseRangeHeader(std::string_view value, uint64_t size, HttpByteRange* range) {
  size_t eq = value.find('=');
  if (eq == std::string_view::npos || !httpEqualsIgnoreCase(trimOws(value.substr(0, eq)), "bytes"))
    return HttpRangeStatus::kIgnore;

  // range-set = 1#range-spec; exactly one non-empty element is served.
  std::string_view spec;
  int specs = 0;
  std::string_view list = value.substr(eq + 1);
  for (;;) {
    size_t comma = list.find(',');
    std::string_view element = trimOws(list.substr(0, comma));
    if (!element.empty()) {
      spec = element;
      ++specs;
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  if (specs != 1) return HttpRangeStatus::kIgnore;

  size_t dash = spec.find('-');
  if (dash == std::string_view::npos) return HttpRangeStatus::kIgnore;
  std::string_view first = spec.substr(0, dash);
  std::string_view last = spec.substr(dash + 1);

  if (first.empty()) {
    // suffix-range "-n"
    uint64_t suffix;
    if (!parseDigits(last, &suffix)) return HttpRangeStatus::kIgnore;
    if (suffix == 0) return HttpRangeStatus::kUnsatisfiable;
    // RFC 9110 calls this satisfiable, but no Content-Range can describe zero bytes of
    // an empty file: the empty 200 is the honest answer.
    if (size == 0) return HttpRangeStatus::kIgnore;
    uint64_t length = suffix < size ? suffix : size;
    range->offset = size - length;
    range->length = length;
    return HttpRangeStatus::kSatisfiable;
  }

  uint64_t from;
  if (!parseDigits(first, &from)) return HttpRangeStatus::kIgnore;
  uint64_t to = std::numeric_limits<uint64_t>::max();
  if (!last.empty()) {
    if (!parseDigits(last, &to)) return HttpRangeStatus::kIgnore;
    if (to < from) return HttpRangeStatus::kIgnore;
  }
  if (from >= size) return HttpRangeStatus::kUnsatisfiable;
  if (to >= size) to = size - 1;
  range->offset = from;
  range->length = to - from + 1;
  return HttpRangeStatus::kSatisfiable;
}

}  // namespace surge::protocol
