// The character classes of HTTP (RFC 9110 §5.6): tokens, optional whitespace, ASCII
// case. Shared by the request parser, the response head, multipart and ranges, so each
// rule is written once.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace surge::protocol {

constexpr std::array<bool, 256> makeHttpTokenTable() {
  std::array<bool, 256> table{};
  for (int c = '0'; c <= '9'; ++c) table[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) table[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = true;
  for (char c : std::string_view("!#$%&'*+-.^_`|~")) table[static_cast<unsigned char>(c)] = true;
  return table;
}
inline constexpr std::array<bool, 256> kHttpTokenChar = makeHttpTokenTable();

// RFC 9110 token (header names, methods, codings).
inline bool isHttpToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!kHttpTokenChar[static_cast<unsigned char>(c)]) return false;
  return true;
}

inline bool isOws(char c) {
  return c == ' ' || c == '\t';
}

inline std::string_view trimOws(std::string_view s) {
  while (!s.empty() && isOws(s.front())) s.remove_prefix(1);
  while (!s.empty() && isOws(s.back())) s.remove_suffix(1);
  return s;
}

// field-vchar, SP, HTAB and obs-text; every other control (CR, LF, NUL, DEL) is refused
// so that no byte can end a line differently for us and for a proxy.
inline bool isHttpFieldChar(unsigned char c) {
  return c == '\t' || (c >= 0x20 && c != 0x7f);
}

// Eight bytes at a time: true when no byte is below `low` (at most 0x80) and none is
// DEL. Values and targets are long and almost always clean, so a clean block skips the
// per-byte checks; a block that is not clean is re-checked byte by byte.
inline bool httpBlockClean(const char* p, uint64_t low) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighs = 0x8080808080808080ULL;
  uint64_t x;
  std::memcpy(&x, p, sizeof x);
  uint64_t below = (x - kOnes * low) & ~x & kHighs;
  uint64_t y = x ^ (kOnes * 0x7f);
  uint64_t del = (y - kOnes) & ~y & kHighs;
  return (below | del) == 0;
}

// A field value (or reason phrase) made only of field characters.
inline bool isHttpFieldValue(std::string_view value) {
  size_t i = 0;
  for (; i + 8 <= value.size(); i += 8)
    if (!httpBlockClean(value.data() + i, 0x20)) break;
  for (; i < value.size(); ++i)
    if (!isHttpFieldChar(static_cast<unsigned char>(value[i]))) return false;
  return true;
}

inline char lowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

// A lowercased copy (header names as PHP sees them).
inline std::string asciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lowerAscii(c);
  return out;
}

// ASCII case-insensitive equality, as header names and codings compare.
inline bool httpEqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lowerAscii(a[i]) != lowerAscii(b[i])) return false;
  return true;
}

// Calls `each` with every OWS-trimmed element of a comma-separated list (RFC 9110 §5.6.1,
// empty elements included); stops at the first non-null answer and returns it.
template <typename Each>
auto forEachHttpListElement(std::string_view value, Each each) -> decltype(each(value)) {
  for (;;) {
    size_t comma = value.find(',');
    auto answer = each(trimOws(value.substr(0, comma)));
    if (answer || comma == std::string_view::npos) return answer;
    value.remove_prefix(comma + 1);
  }
}

// True if the comma-separated list `value` holds `token` (ASCII case-insensitive), as
// Connection: keep-alive, Upgrade or Upgrade: websocket are found.
inline bool httpListContains(std::string_view value, std::string_view token) {
  return forEachHttpListElement(
      value, [&](std::string_view item) { return httpEqualsIgnoreCase(item, token); });
}

}  // namespace surge::protocol
