#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocol/websocket/frame_parser.h"

namespace surge::protocol {

struct WsClosePayload {
  uint16_t closeCode = 0;  // 0: valid; else 1002 (bad length or code) or 1007 (bad reason)
  const char* error = nullptr;
  uint16_t code = ws::kCloseNoStatus;  // the peer's code; 1005 when the payload was empty
  std::string_view reason;             // points into the parsed payload

  bool ok() const { return closeCode == 0; }
};

struct WsFrameWriter {
  static constexpr size_t kMaxHeaderSize = 14;
  static constexpr size_t kMaxCloseReason = ws::kMaxControlPayload - 2;

  // Writes the header of one frame into `out` and returns its length (2..14); the payload
  // is not touched, so the binding can writev the header and the payload where it already
  // lies. With a mask key (a client), the caller masks the payload with unmask().
  static size_t header(uint8_t opcode, uint64_t payloadLength, bool fin, const uint8_t* maskKey,
                       char out[kMaxHeaderSize], bool rsv1 = false);

  // Builds a close frame payload (code, then reason) into `out` and returns its length.
  // The reason is cut to 123 bytes on a character boundary, since a control payload
  // cannot exceed 125 bytes and the peer rejects a split character with 1007. A code
  // that may not be sent on the wire (see isValidCloseCode) gives an empty payload, which
  // RFC 6455 allows and which every peer accepts.
  static size_t closePayload(uint16_t code, std::string_view reason,
                             char out[ws::kMaxControlPayload]);

  // Parses a received close payload (RFC 6455 §5.5.1, §7.4).
  static WsClosePayload parseClosePayload(std::string_view payload);

  // Codes allowed in a close frame: 1000-1003, 1007-1011 and 3000-4999. 1004 is reserved,
  // 1005/1006/1015 only ever describe a close locally, the rest of 1000-2999 is unassigned.
  static bool isValidCloseCode(uint16_t code);
};

}  // namespace surge::protocol
