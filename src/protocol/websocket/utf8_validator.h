#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace surge::protocol {

// Incremental UTF-8 validation (RFC 3629) for text messages and close reasons. State is
// carried across feed() calls, so a message may be checked fragment by fragment as it
// arrives, and it fails fast: feed() returns false at the first byte that makes the
// sequence impossible (overlong forms, UTF-16 surrogates, code points above U+10FFFF),
// which lets the binding close with 1007 without waiting for the rest of the message.
class Utf8Validator {
 public:
  // False once any byte so far is invalid; sticky until reset().
  bool feed(std::string_view bytes);
  // Call at the end of the message: false if invalid or a sequence was cut off.
  bool finish() const { return !failed_ && need_ == 0; }
  bool failed() const { return failed_; }
  // After a failure: how many bytes were accepted before the offending one.
  uint64_t errorOffset() const { return errorOffset_; }
  void reset() { *this = Utf8Validator(); }

  static bool isValid(std::string_view bytes) {
    Utf8Validator v;
    return v.feed(bytes) && v.finish();
  }

 private:
  uint8_t need_ = 0;   // continuation bytes still expected
  uint8_t lo_ = 0x80;  // allowed range of the next continuation byte; narrower than
  uint8_t hi_ = 0xBF;  // 80..BF right after E0, ED, F0, F4 (overlongs, surrogates, >10FFFF)
  bool failed_ = false;
  uint64_t consumed_ = 0;
  uint64_t errorOffset_ = 0;
};

}  // namespace surge::protocol
