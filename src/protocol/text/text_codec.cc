#include "protocol/text/text_codec.h"

#include <cstring>

namespace surge::protocol {

FrameResult TextCodec::frame(std::string_view buffer, size_t maxPackageSize, size_t* scanned) {
  size_t from = scanned ? *scanned : 0;
  if (from > buffer.size()) from = 0;
  // An empty view may have a null data(); memchr must not see it even with length 0.
  const void* nl = from < buffer.size()
                       ? std::memchr(buffer.data() + from, '\n', buffer.size() - from)
                       : nullptr;
  if (nl == nullptr) {
    if (buffer.size() >= maxPackageSize)
      return FrameResult::malformed("line longer than maxPackageSize");
    if (scanned) *scanned = buffer.size();
    return FrameResult::needMore();
  }
  size_t length = static_cast<size_t>(static_cast<const char*>(nl) - buffer.data()) + 1;
  if (scanned) *scanned = 0;
  if (length > maxPackageSize) return FrameResult::malformed("line longer than maxPackageSize");
  return FrameResult::complete(length);
}

std::string_view TextCodec::payload(std::string_view message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == '\r'))
    message.remove_suffix(1);
  return message;
}

}  // namespace surge::protocol
