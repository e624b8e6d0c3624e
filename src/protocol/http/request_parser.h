// src/protocol/http owns HTTP/1.1 on the wire. The request parser frames one request at
// the front of a connection's unread bytes (RFC 9112) and exposes its head as views into
// those bytes; it is pure and strict, because whatever it accepts a proxy in front of us
// must frame the same way (request smuggling).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/http/http_chars.h"

namespace surge::protocol {

struct HttpLimits {
  size_t maxHeaderBytes = 16384;  // request line + header lines (+ chunked trailers)
  size_t maxBodyBytes = 8 * 1024 * 1024;
};

enum class HttpParseStatus { kNeedMore, kComplete, kError };
enum class HttpBodyFraming { kNone, kLength, kChunked };

struct HttpHeader {
  std::string_view name;
  std::string_view value;  // without leading and trailing whitespace
};

// Everything the parser learned about the request at the front of the buffer. Views
// point into the buffer given to parse(); a connection keeps one of these and reuses it
// so that `headers` allocates only while it grows to its high-water mark.
struct HttpRequestHead {
  HttpParseStatus status = HttpParseStatus::kNeedMore;
  size_t length = 0;             // kComplete: head + body (+ chunked trailers) bytes
  int errorStatus = 0;           // kError: the status to answer with (400/413/431/501/505)
  const char* reason = nullptr;  // kError: static description

  // Valid once the head is complete (also with kNeedMore while the body is arriving).
  std::string_view method;
  std::string_view target;
  int versionMinor = 1;  // HTTP/1.<versionMinor>, 0 or 1 (a later 1.x is served as 1.1)
  bool keepAlive = false;
  bool expectContinue = false;
  bool expectUnsupported = false;  // an Expect other than 100-continue (answer 417)
  HttpBodyFraming framing = HttpBodyFraming::kNone;
  size_t contentLength = 0;  // kLength: announced length; kChunked: sum of chunk sizes
  size_t bodyOffset = 0;     // where the body (or the first chunk-size line) starts
  // kNeedMore in a chunked body: where framing stopped (the start of the chunk-size line
  // it waits for) and the chunk bytes before it. Passed back to parse() with the same
  // bytes plus more, framing goes on from there instead of from the first chunk.
  size_t chunkedResumeAt = 0;
  size_t chunkedResumeTotal = 0;
  std::vector<HttpHeader> headers;

  size_t headerCount() const { return headers.size(); }
  // The value of the first header named `name` (ASCII case-insensitive), or a null view.
  std::string_view header(std::string_view name) const;
  // kComplete only: the body bytes as sent, for kChunked still chunk-encoded (see
  // dechunkHttpBody).
  std::string_view rawBody(std::string_view buffer) const {
    return buffer.substr(bodyOffset, length - bodyOffset);
  }
};

struct HttpRequestParser {
  // Frames the request at the front of `buffer`. The answer depends only on the bytes
  // given: calling again with the same bytes plus more gives the same answer, so a
  // connection may call again whenever bytes arrive. After kComplete the next pipelined
  // request starts at head->length.
  //
  // `resumeAt`/`resumeTotal`: a previous kNeedMore's chunkedResumeAt/chunkedResumeTotal for
  // a prefix of these same bytes (0: frame the body from its start). A body trickled in
  // small pieces then costs time in proportion to its length, not to its square.
  static HttpParseStatus parse(std::string_view buffer, const HttpLimits& limits,
                               HttpRequestHead* head, size_t resumeAt = 0, size_t resumeTotal = 0);
};

// Appends the payload of a chunked body already accepted by the parser (rawBody() of a
// complete kChunked request) to `out`, and its trailer fields (views into `chunked`) to
// `trailers` when given. Returns false if `chunked` is not well formed.
bool dechunkHttpBody(std::string_view chunked, std::string* out,
                     std::vector<HttpHeader>* trailers = nullptr);
// The same into `out` (`capacity` bytes; the request head's contentLength is the exact
// payload size): *written gets the bytes written. False if not well formed or too long.
bool dechunkHttpBodyInto(std::string_view chunked, char* out, size_t capacity, size_t* written,
                         std::vector<HttpHeader>* trailers = nullptr);

}  // namespace surge::protocol
