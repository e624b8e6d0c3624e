#include "protocol/frame/frame_codec.h"

namespace surge::protocol {

FrameResult FrameCodec::frame(std::string_view buffer, size_t maxPackageSize) {
  if (buffer.size() < kHeaderSize) return FrameResult::needMore();
  const auto* p = reinterpret_cast<const unsigned char*>(buffer.data());
  uint32_t total = (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
  if (total < kHeaderSize)
    return FrameResult::malformed("frame length smaller than its 4-byte header");
  if (total > maxPackageSize) return FrameResult::malformed("frame longer than maxPackageSize");
  if (buffer.size() < total) return FrameResult::needMore();
  return FrameResult::complete(total);
}

bool FrameCodec::header(size_t payloadLength, char out[kHeaderSize]) {
  if (payloadLength > UINT32_MAX - kHeaderSize) return false;
  uint32_t total = static_cast<uint32_t>(payloadLength + kHeaderSize);
  out[0] = static_cast<char>(total >> 24);
  out[1] = static_cast<char>(total >> 16);
  out[2] = static_cast<char>(total >> 8);
  out[3] = static_cast<char>(total);
  return true;
}

}  // namespace surge::protocol
