#pragma once

#include <string_view>

#include "protocol/codec.h"

namespace surge::protocol {

// Newline-delimited text (`text://`): a message is everything up to and including the
// first "\n"; its payload drops the trailing "\r" and "\n" characters; encoding appends
// "\n".
struct TextCodec {
  static constexpr std::string_view kTrailer = "\n";

  // `scanned` lets a caller that already searched the first bytes of `buffer` for a
  // newline skip them, so a long line arriving in pieces is scanned once, not once per
  // piece. On kNeedMore it is set to the number of bytes searched.
  static FrameResult frame(std::string_view buffer, size_t maxPackageSize,
                           size_t* scanned = nullptr);
  static std::string_view payload(std::string_view message);
};

}  // namespace surge::protocol
