// The character classes of HTTP (RFC 9110 §5.6): tokens, optional whitespace, ASCII
// case. Shared by the request parser, the response head, multipart and ranges, so each
// rule is written once.
#pragma once

#include <array>
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

}  // namespace surge::protocol
