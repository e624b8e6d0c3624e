#include "protocol/websocket/utf8_validator.h"

#include <cstring>

namespace surge::protocol {

bool Utf8Validator::feed(std::string_view bytes) {
  if (failed_) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    if (need_ == 0) {
      // Text is mostly ASCII: skip it eight bytes at a time.
      while (i + 8 <= n) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ull) break;
        i += 8;
      }
      if (i >= n) break;
      const unsigned char b = p[i];
      if (b < 0x80) {
        ++i;
        continue;
      }
      lo_ = 0x80;
      hi_ = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        need_ = 1;
      } else if (b >= 0xE0 && b <= 0xEF) {
        need_ = 2;
        if (b == 0xE0) lo_ = 0xA0;  // below: overlong 3-byte form
        if (b == 0xED) hi_ = 0x9F;  // above: surrogates D800..DFFF
      } else if (b >= 0xF0 && b <= 0xF4) {
        need_ = 3;
        if (b == 0xF0) lo_ = 0x90;  // below: overlong 4-byte form
        if (b == 0xF4) hi_ = 0x8F;  // above: beyond U+10FFFF
      } else {
        // 80..BF stray continuation, C0/C1 always overlong, F5..FF beyond U+10FFFF.
        failed_ = true;
        errorOffset_ = consumed_ + i;
        return false;
      }
      ++i;
    } else {
      const unsigned char b = p[i];
      if (b < lo_ || b > hi_) {
        failed_ = true;
        errorOffset_ = consumed_ + i;
        return false;
      }
      lo_ = 0x80;
      hi_ = 0xBF;
      --need_;
      ++i;
    }
  }
  consumed_ += n;
  return true;
}

}  // namespace surge::protocol
