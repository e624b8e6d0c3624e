// src/protocol owns the wire formats. Codecs are pure functions over bytes: they know
// neither sockets, nor the event loop, nor PHP, so they are unit-tested and fuzzed alone.
// Every framer answers the same question about the unread bytes of a connection: is
// there a whole message at the front, how long is it, or is the input malformed?
#pragma once

#include <cstddef>

namespace surge::protocol {

enum class FrameStatus { kNeedMore, kComplete, kError };

struct FrameResult {
  FrameStatus status;
  size_t length;      // bytes of the whole message at the front (kComplete)
  const char* error;  // static description (kError)

  static FrameResult needMore() { return {FrameStatus::kNeedMore, 0, nullptr}; }
  static FrameResult complete(size_t n) { return {FrameStatus::kComplete, n, nullptr}; }
  static FrameResult malformed(const char* why) { return {FrameStatus::kError, 0, why}; }
};

}  // namespace surge::protocol
