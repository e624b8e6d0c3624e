// The server's side of the opening handshake (RFC 6455 §4.2): whether a request head is
// an acceptable upgrade to WebSocket, and the bytes of either answer (the 101, or the
// HTTP error that refuses). Pure: the binding decides when to ask the application and
// what to send.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "protocol/http/request_parser.h"

namespace surge::protocol {

enum class WsRequestVerdict { kNeedMore, kAccept, kRefuse };

struct WsRequestCheck {
  WsRequestVerdict verdict = WsRequestVerdict::kNeedMore;
  int status = 0;                // kRefuse: the HTTP status of the answer (400, 426, 431...)
  const char* reason = nullptr;  // kRefuse: static text, the answer's body
  size_t length = 0;             // kAccept: bytes of the request head; frames follow it

  bool accepted() const { return verdict == WsRequestVerdict::kAccept; }
  bool refused() const { return verdict == WsRequestVerdict::kRefuse; }
};

struct WsHandshakeRequest {
  // A handshake head larger than this is refused (431) rather than buffered.
  static constexpr size_t kMaxHeadBytes = 16384;

  // Reads the handshake at the front of `bytes` into `head` (views into `bytes`). Like
  // the request parser it depends only on the bytes given: with more bytes it answers
  // the same or moves on from kNeedMore.
  static WsRequestCheck read(std::string_view bytes, HttpRequestHead* head);

  // What is wrong with a complete request head as an opening handshake (§4.2.1), in a
  // fixed order so that a request with several faults always gets the same answer.
  // kAccept (length = head.bodyOffset) if nothing.
  static WsRequestCheck check(const HttpRequestHead& head);

  // The whole HTTP answer that refuses a handshake: `reason` is its plain-text body. A 426
  // also names the protocol and the version we speak (RFC 9110 §15.5.22, RFC 6455 §4.4).
  static std::string refusal(int status, std::string_view reason);

  // The 101's status line and its own header lines (Upgrade, Connection, the accept key
  // for `key`), each ending in CRLF; the caller adds its lines and the blank line.
  static void appendAcceptHead(std::string_view key, std::string* out);

  // Every Sec-WebSocket-Extensions value of the request as one list (RFC 9110 §5.3).
  static std::string extensionOffers(const HttpRequestHead& head);

  // Application header lines for the 101: appended with CRLF unless they could split the
  // answer (a CR or LF, an empty line, a name with a colon). False if skipped.
  static bool appendHeaderLine(std::string_view line, std::string* out);
  static bool appendHeader(std::string_view name, std::string_view value, std::string* out);

  // The value of header `name` among "Name: value\r\n" lines built by the two above (the
  // first one, leading whitespace removed), or a null view.
  static std::string_view lineValue(std::string_view lines, std::string_view name);
};

}  // namespace surge::protocol
