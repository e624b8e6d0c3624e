// HTTP dates (RFC 9110 section 5.6.7): the Date and Last-Modified headers we write and
// the If-Modified-Since dates clients send back.
#pragma once

#include <cstddef>
#include <ctime>
#include <string>
#include <string_view>

namespace surge::protocol {

// "Sun, 06 Nov 1994 08:49:37 GMT" is always this long.
inline constexpr size_t kHttpDateLength = 29;

// Writes `t` (seconds since the epoch, UTC) as an IMF-fixdate into `out` (exactly
// kHttpDateLength bytes, no NUL). Independent of the locale and time zone; times before
// year 0 or after year 9999 are clamped to those years' ends.
void formatHttpDate(time_t t, char out[kHttpDateLength]);
std::string formatHttpDate(time_t t);

// Parses an HTTP date in any of the three forms RFC 9110 requires a recipient to accept:
//   IMF-fixdate  "Sun, 06 Nov 1994 08:49:37 GMT"
//   RFC 850      "Sunday, 06-Nov-94 08:49:37 GMT"  (years 70-99 are 19xx, 00-69 are 20xx)
//   asctime      "Sun Nov  6 08:49:37 1994"
// Names are case-sensitive, as the grammar says; the weekday must be a valid name but is
// not checked against the date. Returns false (leaving *out alone) for anything else,
// including impossible dates such as 31 Apr.
bool parseHttpDate(std::string_view text, time_t* out);

// The Date header of the current second: formats only when the second changes, so a
// loop answering many requests per second formats once per second.
class HttpDateCache {
 public:
  // The IMF-fixdate of `t`; the view stays valid until the next call with another second.
  std::string_view now(time_t t) {
    if (!valid_ || t != cached_) {
      formatHttpDate(t, text_);
      cached_ = t;
      valid_ = true;
    }
    return std::string_view(text_, kHttpDateLength);
  }

 private:
  time_t cached_ = 0;
  bool valid_ = false;
  char text_[kHttpDateLength] = {};
};

}  // namespace surge::protocol
