// The client's side of the opening handshake (RFC 6455 §4.1): framing and reading the
// server's answer from raw bytes, then checking it against what the client sent. Pure:
// the binding builds PHP values from the result and decides what a refusal does.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/websocket/deflate_params.h"

namespace surge::protocol {

enum class WsAnswerStatus { kNeedMore, kComplete, kError };

struct WsAnswerField {
  std::string name;   // as sent (whitespace before the colon removed)
  std::string value;  // OWS-trimmed; folded continuation lines joined with one space
};

struct WsHandshakeAnswer {
  WsAnswerStatus status = WsAnswerStatus::kNeedMore;
  size_t length = 0;             // kComplete: bytes of the head, blank line included
  const char* reason = nullptr;  // kError: static description
  bool tooLarge = false;         // kError: the head did not end within kMaxHeadBytes
  // Once the first line has arrived (also with kError when that line is the fault).
  std::string statusLine;
  int statusCode = 0;  // 100..999 once the status line is read
  std::vector<WsAnswerField> fields;

  // The value of the first field named `name` (ASCII case-insensitive), or a null view.
  std::string_view field(std::string_view name) const;
  size_t fieldCount(std::string_view name) const;
};

// What the client asked for, to check the answer against.
struct WsClientOffer {
  std::string_view key;  // the Sec-WebSocket-Key sent
  // Stricter checks of §4.1 that Workerman's client does not make; off unless asked for.
  bool requireUpgradeHeaders = false;  // Upgrade: websocket and Connection: Upgrade
  bool checkProtocol = false;          // the sub-protocol must be one of `protocols`
  std::string_view protocols;          // the Sec-WebSocket-Protocol list sent (may be empty)
  bool checkExtensions = false;        // no extension but what was offered
  bool offeredDeflate = false;         // permessage-deflate was offered
};

enum class WsAnswerProblem {
  kNone,
  kStatus,      // not 101: the server refused (statusLine says how)
  kUpgrade,     // no Upgrade: websocket
  kConnection,  // no Connection: Upgrade
  kAccept,      // Sec-WebSocket-Accept missing, repeated or not the key's
  kProtocol,    // a sub-protocol that was not offered, or more than one
  kExtension,   // an extension that was not offered, or a malformed deflate answer
};

struct WsAnswerCheck {
  WsAnswerProblem problem = WsAnswerProblem::kNone;
  const char* reason = nullptr;  // static description unless kNone
  std::string_view protocol;     // the agreed sub-protocol (a view into the answer), or null
  bool deflate = false;          // permessage-deflate was agreed: `deflateParams` is set
  WsDeflateParams deflateParams;

  bool ok() const { return problem == WsAnswerProblem::kNone; }
};

struct WsClientHandshake {
  // An answer whose head does not end within this many bytes is refused.
  static constexpr size_t kMaxHeadBytes = 16384;

  // Frames and reads the answer at the front of `bytes` (lines end in CRLF). The result
  // depends only on the bytes given: every prefix of them gives kNeedMore or the same
  // answer, so a connection may call again whenever bytes arrive. kError: a status line
  // that is not HTTP's, a malformed field line, or a head too large.
  static WsAnswerStatus parse(std::string_view bytes, WsHandshakeAnswer* answer);

  // Checks a complete answer against the offer (§4.1, the client's steps 1-6), in a fixed
  // order: status, Upgrade, Connection, accept key, sub-protocol, extensions.
  static WsAnswerCheck check(const WsHandshakeAnswer& answer, const WsClientOffer& offer);
};

}  // namespace surge::protocol
