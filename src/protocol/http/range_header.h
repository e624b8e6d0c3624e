// The Range request header (RFC 9110 section 14.2) for static files: one byte range is
// served as 206; everything else a server may ignore is ignored (the whole file, 200).
#pragma once

#include <cstdint>
#include <string_view>

namespace surge::protocol {

enum class HttpRangeStatus {
  kIgnore,         // serve the whole representation with 200, as if there were no Range
  kSatisfiable,    // serve `range` with 206 and Content-Range: bytes first-last/size
  kUnsatisfiable,  // answer 416 with Content-Range: bytes */size
};

struct HttpByteRange {
  uint64_t offset = 0;
  uint64_t length = 0;  // at least 1 when satisfiable
};

// Reads a Range header value against a representation of `size` bytes:
//   "bytes=a-b"  bytes a..b (b past the end is cut to the end),
//   "bytes=a-"   from a to the end,
//   "bytes=-n"   the last n bytes (the whole file when n >= size).
// A range starting at or after the end, or "bytes=-0", is kUnsatisfiable. More than one
// range, another unit, a malformed value (b < a, signs, spaces inside a range) and a
// suffix range of an empty file give kIgnore. The unit is case-insensitive, list
// whitespace and empty list elements are allowed ("bytes= 0-99 ,"). Numbers of any
// length are read without overflow. `range` is set only for kSatisfiable.
HttpRangeStatus parseRangeHeader(std::string_view value, uint64_t size, HttpByteRange* range);

}  // namespace surge::protocol
