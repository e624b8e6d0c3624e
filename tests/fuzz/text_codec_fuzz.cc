// libFuzzer target for TextCodec::frame(). The first input byte picks a small
// maxPackageSize (1..256); the rest is a byte stream that is framed the way a connection
// frames it: complete lines are consumed from the front until the codec needs more
// bytes or reports an error. The stream is framed twice, once as a whole and once
// arriving in pieces with the `scanned` hint, and both must yield the same messages.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/text/text_codec.h"
// The codec's source is compiled into this target so that libFuzzer's coverage
// instrumentation reaches it (surge_core itself is built without -fsanitize=fuzzer).
// The linker then takes no object for these symbols from libsurge_core.a.
#include "protocol/text/text_codec.cc"

using surge::protocol::FrameResult;
using surge::protocol::FrameStatus;
using surge::protocol::TextCodec;

namespace {

void check(bool ok) {
  if (!ok) __builtin_trap();
}

void checkResult(const FrameResult& r, std::string_view buffer, size_t max) {
  switch (r.status) {
    case FrameStatus::kComplete:
      check(r.length > 0);
      check(r.length <= buffer.size());
      check(r.length <= max);
      check(buffer[r.length - 1] == '\n');
      // The message is the first line: no newline before its end.
      check(buffer.substr(0, r.length - 1).find('\n') == std::string_view::npos);
      check(r.error == nullptr);
      break;
    case FrameStatus::kNeedMore:
      check(r.length == 0);
      check(buffer.find('\n') == std::string_view::npos);
      check(buffer.size() < max);
      break;
    case FrameStatus::kError:
      check(r.error != nullptr);
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t max = static_cast<size_t>(data[0]) + 1;
  std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);

  // 1. The whole stream at once.
  std::vector<std::string_view> whole;
  bool wholeError = false;
  std::string_view rest = stream;
  for (;;) {
    FrameResult r = TextCodec::frame(rest, max);
    checkResult(r, rest, max);
    if (r.status == FrameStatus::kError) {
      wholeError = true;
      break;
    }
    if (r.status == FrameStatus::kNeedMore) break;
    std::string_view message = rest.substr(0, r.length);
    std::string_view payload = TextCodec::payload(message);
    check(payload.size() < message.size());
    check(message.substr(0, payload.size()) == payload);
    whole.push_back(message);
    rest.remove_prefix(r.length);
  }

  // 2. The same stream in pieces (sizes taken from the bytes themselves), with the hint.
  std::vector<std::string> pieces;
  std::string buffer;
  size_t scanned = 0;
  bool pieceError = false;
  size_t pos = 0;
  while (pos < stream.size() && !pieceError) {
    size_t step = 1 + static_cast<uint8_t>(stream[pos]) % 17;
    if (step > stream.size() - pos) step = stream.size() - pos;
    buffer.append(stream.substr(pos, step));
    pos += step;
    for (;;) {
      FrameResult r = TextCodec::frame(buffer, max, &scanned);
      checkResult(r, buffer, max);
      if (r.status == FrameStatus::kError) {
        pieceError = true;
        break;
      }
      if (r.status == FrameStatus::kNeedMore) {
        check(scanned == buffer.size());
        break;
      }
      check(scanned == 0);
      pieces.push_back(buffer.substr(0, r.length));
      buffer.erase(0, r.length);
    }
  }
  // Incremental framing sees the same messages; it may report an error earlier only
  // when the whole-stream framing reports one too.
  check(pieceError == wholeError);
  check(pieces.size() <= whole.size());
  for (size_t i = 0; i < pieces.size(); ++i) check(pieces[i] == whole[i]);
  if (!pieceError) check(pieces.size() == whole.size());
  return 0;
}
