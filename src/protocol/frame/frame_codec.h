#pragma once

#include <cstdint>
#include <string_view>

#include "protocol/codec.h"

namespace surge::protocol {

// Length-prefixed frames (`frame://`): a 4-byte big-endian length that counts itself,
// followed by the payload.
struct FrameCodec {
  static constexpr size_t kHeaderSize = 4;

  static FrameResult frame(std::string_view buffer, size_t maxPackageSize);
  static std::string_view payload(std::string_view message) { return message.substr(kHeaderSize); }
  // Writes the header for a payload of `payloadLength` bytes; false if it cannot be
  // represented in 32 bits.
  static bool header(size_t payloadLength, char out[kHeaderSize]);
};

}  // namespace surge::protocol
