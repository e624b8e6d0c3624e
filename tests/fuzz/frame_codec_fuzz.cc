// libFuzzer target for FrameCodec::frame(). The first input byte picks a small
// maxPackageSize (1..256); the rest is a byte stream from which complete frames are
// consumed from the front until the codec needs more bytes or reports an error. The
// stream is framed as a whole and again arriving in pieces; both must agree.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/frame/frame_codec.h"
// The codec's source is compiled into this target so that libFuzzer's coverage
// instrumentation reaches it (surge_core itself is built without -fsanitize=fuzzer).
// The linker then takes no object for these symbols from libsurge_core.a.
#include "protocol/frame/frame_codec.cc"

using surge::protocol::FrameCodec;
using surge::protocol::FrameResult;
using surge::protocol::FrameStatus;

namespace {

void check(bool ok) {
  if (!ok) __builtin_trap();
}

uint32_t declared(std::string_view buffer) {
  const auto* p = reinterpret_cast<const unsigned char*>(buffer.data());
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

void checkResult(const FrameResult& r, std::string_view buffer, size_t max) {
  switch (r.status) {
    case FrameStatus::kComplete: {
      check(r.length > 0);
      check(r.length >= FrameCodec::kHeaderSize);
      check(r.length <= buffer.size());
      check(r.length <= max);
      check(r.length == declared(buffer));
      check(r.error == nullptr);
      // The header of the payload re-encodes to the same bytes.
      char header[FrameCodec::kHeaderSize];
      check(FrameCodec::header(r.length - FrameCodec::kHeaderSize, header));
      check(std::string_view(header, sizeof header) == buffer.substr(0, FrameCodec::kHeaderSize));
      check(FrameCodec::payload(buffer.substr(0, r.length)).size() ==
            r.length - FrameCodec::kHeaderSize);
      break;
    }
    case FrameStatus::kNeedMore:
      check(r.length == 0);
      if (buffer.size() >= FrameCodec::kHeaderSize) {
        check(declared(buffer) > buffer.size());
        check(declared(buffer) <= max);
      }
      break;
    case FrameStatus::kError:
      check(r.error != nullptr);
      check(buffer.size() >= FrameCodec::kHeaderSize);
      check(declared(buffer) < FrameCodec::kHeaderSize || declared(buffer) > max);
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t max = static_cast<size_t>(data[0]) + 1;
  std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);

  std::vector<std::string_view> whole;
  bool wholeError = false;
  std::string_view rest = stream;
  for (;;) {
    FrameResult r = FrameCodec::frame(rest, max);
    checkResult(r, rest, max);
    if (r.status == FrameStatus::kError) {
      wholeError = true;
      break;
    }
    if (r.status == FrameStatus::kNeedMore) break;
    whole.push_back(rest.substr(0, r.length));
    rest.remove_prefix(r.length);
  }

  std::vector<std::string> pieces;
  std::string buffer;
  bool pieceError = false;
  size_t pos = 0;
  while (pos < stream.size() && !pieceError) {
    size_t step = 1 + static_cast<uint8_t>(stream[pos]) % 13;
    if (step > stream.size() - pos) step = stream.size() - pos;
    buffer.append(stream.substr(pos, step));
    pos += step;
    for (;;) {
      FrameResult r = FrameCodec::frame(buffer, max);
      checkResult(r, buffer, max);
      if (r.status == FrameStatus::kError) {
        pieceError = true;
        break;
      }
      if (r.status == FrameStatus::kNeedMore) break;
      pieces.push_back(buffer.substr(0, r.length));
      buffer.erase(0, r.length);
    }
  }
  check(pieceError == wholeError);
  check(pieces.size() == whole.size());
  for (size_t i = 0; i < pieces.size(); ++i) check(pieces[i] == whole[i]);
  return 0;
}
