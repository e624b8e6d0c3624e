// libFuzzer target for HttpRequestParser::parse(). The first two input bytes pick small
// limits (so that 413 and 431 are reachable); the rest is a byte stream framed the way a
// connection frames it: whole requests are consumed from the front until the parser
// needs more bytes or reports an error. The stream is framed twice, once as a whole and
// once arriving in pieces, and both must yield the same requests and the same error.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/http/request_parser.h"
// The parser's source is compiled into this target so that libFuzzer's coverage
// instrumentation reaches it (surge_core itself is built without -fsanitize=fuzzer).
// The linker then takes no object for these symbols from libsurge_core.a.
#include "protocol/http/request_parser.cc"

using surge::protocol::dechunkHttpBody;
using surge::protocol::HttpBodyFraming;
using surge::protocol::HttpLimits;
using surge::protocol::HttpParseStatus;
using surge::protocol::HttpRequestHead;
using surge::protocol::HttpRequestParser;

namespace {

void check(bool ok) {
  if (!ok) __builtin_trap();
}

bool inside(std::string_view part, std::string_view buffer) {
  return part.data() >= buffer.data() && part.data() + part.size() <= buffer.data() + buffer.size();
}

void checkHead(const HttpRequestHead& h, std::string_view buffer, const HttpLimits& limits) {
  switch (h.status) {
    case HttpParseStatus::kComplete: {
      check(h.length > 0);
      check(h.length <= buffer.size());
      check(h.bodyOffset <= h.length);
      check(h.bodyOffset <= limits.maxHeaderBytes);
      check(h.errorStatus == 0 && h.reason == nullptr);
      check(!h.method.empty() && inside(h.method, buffer));
      check(!h.target.empty() && inside(h.target, buffer));
      check(h.versionMinor == 0 || h.versionMinor == 1);
      for (const auto& header : h.headers) {
        check(!header.name.empty() && inside(header.name, buffer));
        check(header.value.empty() || inside(header.value, buffer));
        check(h.header(header.name).data() != nullptr);
      }
      check(h.contentLength <= limits.maxBodyBytes);
      std::string_view body = h.rawBody(buffer);
      if (h.framing == HttpBodyFraming::kNone) check(body.empty());
      if (h.framing == HttpBodyFraming::kLength) check(body.size() == h.contentLength);
      if (h.framing == HttpBodyFraming::kChunked) {
        std::string payload;
        check(dechunkHttpBody(body, &payload));
        check(payload.size() == h.contentLength);
      }
      break;
    }
    case HttpParseStatus::kNeedMore:
      check(h.length == 0 && h.errorStatus == 0);
      break;
    case HttpParseStatus::kError:
      check(h.reason != nullptr);
      check(h.errorStatus == 400 || h.errorStatus == 413 || h.errorStatus == 431 ||
            h.errorStatus == 501 || h.errorStatus == 505);
      break;
  }
}

struct Outcome {
  std::vector<std::string> requests;
  int error = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  HttpLimits limits;
  limits.maxHeaderBytes = 8 + static_cast<size_t>(data[0]) * 4;
  limits.maxBodyBytes = static_cast<size_t>(data[1]) * 4;
  std::string_view stream(reinterpret_cast<const char*>(data) + 2, size - 2);

  // 1. The whole stream at once. Every answer must also be the answer for the same
  //    bytes followed by more, so each request's prefixes are checked against it.
  Outcome whole;
  HttpRequestHead head;
  HttpRequestHead prefixHead;
  std::string_view rest = stream;
  for (;;) {
    HttpRequestParser::parse(rest, limits, &head);
    checkHead(head, rest, limits);
    size_t consumed = head.status == HttpParseStatus::kComplete ? head.length : rest.size();
    // Prefixes, each call resuming a chunked body where the one before stopped (as a
    // connection does): every answer that is not "need more" must be the whole's.
    size_t resumeAt = 0, resumeTotal = 0;
    for (size_t n = 0; n < consumed; n += 1 + n / 8) {
      HttpRequestParser::parse(rest.substr(0, n), limits, &prefixHead, resumeAt, resumeTotal);
      if (prefixHead.status == HttpParseStatus::kNeedMore) {
        resumeAt = prefixHead.chunkedResumeAt;
        resumeTotal = prefixHead.chunkedResumeTotal;
        continue;
      }
      check(prefixHead.status == head.status);
      check(prefixHead.length == head.length);
      check(prefixHead.errorStatus == head.errorStatus);
      if (head.status == HttpParseStatus::kComplete)
        check(prefixHead.contentLength == head.contentLength);
      resumeAt = resumeTotal = 0;
    }
    if (head.status == HttpParseStatus::kError) {
      whole.error = head.errorStatus;
      break;
    }
    if (head.status == HttpParseStatus::kNeedMore) break;
    whole.requests.emplace_back(rest.substr(0, head.length));
    rest.remove_prefix(head.length);
  }

  // 2. The same stream in pieces (sizes taken from the bytes themselves), in a buffer
  //    that drops consumed requests from its front, as a connection's buffer does.
  Outcome pieces;
  std::string buffer;
  size_t pos = 0;
  while (pos < stream.size() && pieces.error == 0) {
    size_t step = 1 + static_cast<uint8_t>(stream[pos]) % 23;
    if (step > stream.size() - pos) step = stream.size() - pos;
    buffer.append(stream.substr(pos, step));
    pos += step;
    for (;;) {
      HttpRequestParser::parse(buffer, limits, &head);
      checkHead(head, buffer, limits);
      if (head.status == HttpParseStatus::kError) {
        pieces.error = head.errorStatus;
        break;
      }
      if (head.status == HttpParseStatus::kNeedMore) break;
      pieces.requests.push_back(buffer.substr(0, head.length));
      buffer.erase(0, head.length);
    }
  }
  check(pieces.error == whole.error);
  check(pieces.requests == whole.requests);
  return 0;
}
