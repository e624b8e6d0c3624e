// src/protocol/websocket owns RFC 6455: frame headers (parse and write), unmasking,
// fragmentation, UTF-8 validation, close payloads and the opening-handshake key. Like every
// codec it is pure: the binding feeds bytes and acts on the verdicts (a close code to send).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace surge::protocol {

namespace ws {
// Opcodes on the wire (RFC 6455 §5.2).
constexpr uint8_t kContinuation = 0x0;
constexpr uint8_t kText = 0x1;
constexpr uint8_t kBinary = 0x2;
constexpr uint8_t kClose = 0x8;
constexpr uint8_t kPing = 0x9;
constexpr uint8_t kPong = 0xA;

// Close codes this codec produces or the binding commonly sends (RFC 6455 §7.4.1).
constexpr uint16_t kCloseNormal = 1000;
constexpr uint16_t kCloseGoingAway = 1001;
constexpr uint16_t kCloseProtocolError = 1002;
constexpr uint16_t kCloseUnsupportedData = 1003;
constexpr uint16_t kCloseNoStatus = 1005;  // reported locally for an empty close payload
constexpr uint16_t kCloseInvalidPayload = 1007;
constexpr uint16_t kClosePolicyViolation = 1008;
constexpr uint16_t kCloseTooBig = 1009;
constexpr uint16_t kCloseInternalError = 1011;

constexpr size_t kMaxControlPayload = 125;

inline bool isControl(uint8_t opcode) {
  return (opcode & 0x8) != 0;
}
}  // namespace ws

struct WsFrameHeader {
  bool fin = false;
  bool rsv1 = false;  // "compressed" when permessage-deflate is negotiated
  bool rsv2 = false;
  bool rsv3 = false;
  uint8_t opcode = 0;
  bool masked = false;
  uint8_t maskKey[4] = {0, 0, 0, 0};
  uint64_t payloadLength = 0;
  size_t headerLength = 0;  // 2..14 bytes
};

enum class WsParseStatus { kNeedMore, kComplete, kError };

struct WsParseResult {
  WsParseStatus status = WsParseStatus::kNeedMore;
  // kComplete: the header is whole. The payload may still be arriving: the frame is in the
  // buffer once it holds totalLength bytes. Reporting the header early lets the binding
  // reject a frame (or reserve room for it) before its payload is read.
  WsFrameHeader header;
  uint64_t totalLength = 0;  // headerLength + payloadLength
  // kError: the close code to send (1002 or 1009) and a static, short reason.
  uint16_t closeCode = 0;
  const char* reason = nullptr;

  bool frameComplete(size_t buffered) const {
    return status == WsParseStatus::kComplete && buffered >= totalLength;
  }
};

struct WsFrameParserOptions {
  // A server requires masked frames from clients; a client requires unmasked frames from
  // the server (RFC 6455 §5.1). Either violation is 1002.
  bool requireMask = true;
  // Only permessage-deflate gives RSV1 a meaning; without it any reserved bit is 1002.
  bool allowRsv1 = false;
  // Frames announcing a larger payload are refused with 1009 from the header alone.
  uint64_t maxPayload = 16 * 1024 * 1024;
};

struct WsFrameParser {
  static constexpr size_t kMinHeaderSize = 2;
  static constexpr size_t kMaxHeaderSize = 14;

  // Looks at one frame header at the front of `buffer`. Errors are reported as soon as the
  // bytes seen so far prove the frame invalid, so a byte-at-a-time peer fails as early as a
  // fast one and an invalid frame never makes the binding wait for more input.
  static WsParseResult parse(std::string_view buffer, const WsFrameParserOptions& options);
};

// XORs `len` bytes of payload in place with `key`, where `data[0]` is payload byte number
// `offset` of the frame; so a payload unmasked in pieces as it arrives gives the same bytes
// as one call over the whole of it.
void unmask(char* data, size_t len, const uint8_t key[4], size_t offset = 0);

}  // namespace surge::protocol
