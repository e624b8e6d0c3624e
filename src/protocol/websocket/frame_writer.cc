#include "protocol/websocket/frame_writer.h"

#include <cstring>

#include "protocol/websocket/utf8_validator.h"

namespace surge::protocol {

size_t WsFrameWriter::header(uint8_t opcode, uint64_t payloadLength, bool fin,
                             const uint8_t* maskKey, char out[kMaxHeaderSize], bool rsv1) {
  auto* o = reinterpret_cast<unsigned char*>(out);
  o[0] = static_cast<unsigned char>((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | (opcode & 0x0F));
  const unsigned char mask = maskKey ? 0x80 : 0;
  size_t pos;
  // The shortest form, as RFC 6455 §5.2 requires (and our own parser enforces).
  if (payloadLength < 126) {
    o[1] = static_cast<unsigned char>(mask | payloadLength);
    pos = 2;
  } else if (payloadLength <= 0xFFFF) {
    o[1] = mask | 126;
    o[2] = static_cast<unsigned char>(payloadLength >> 8);
    o[3] = static_cast<unsigned char>(payloadLength);
    pos = 4;
  } else {
    o[1] = mask | 127;
    for (int i = 0; i < 8; ++i)
      o[2 + i] = static_cast<unsigned char>(payloadLength >> (56 - 8 * i));
    pos = 10;
  }
  if (maskKey) {
    std::memcpy(o + pos, maskKey, 4);
    pos += 4;
  }
  return pos;
}

bool WsFrameWriter::isValidCloseCode(uint16_t code) {
  if (code >= 1000 && code <= 1003) return true;
  if (code >= 1007 && code <= 1011) return true;
  return code >= 3000 && code <= 4999;
}

size_t WsFrameWriter::closePayload(uint16_t code, std::string_view reason,
                                   char out[ws::kMaxControlPayload]) {
  if (!isValidCloseCode(code)) return 0;
  out[0] = static_cast<char>(code >> 8);
  out[1] = static_cast<char>(code);
  size_t n = reason.size();
  if (n > kMaxCloseReason) {
    n = kMaxCloseReason;
    // Step back over continuation bytes to the start of the character that was cut.
    while (n > 0 && (static_cast<unsigned char>(reason[n]) & 0xC0) == 0x80) --n;
  }
  // An empty view may have no data at all, and memcpy from null is undefined even for 0.
  if (n > 0) std::memcpy(out + 2, reason.data(), n);
  return 2 + n;
}

WsClosePayload WsFrameWriter::parseClosePayload(std::string_view payload) {
  WsClosePayload r;
  if (payload.empty()) return r;
  if (payload.size() == 1) {
    r.closeCode = 1002;
    r.error = "close payload of one byte";
    return r;
  }
  if (payload.size() > ws::kMaxControlPayload) {
    r.closeCode = 1002;
    r.error = "close payload too long";
    return r;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(payload.data());
  r.code = static_cast<uint16_t>((p[0] << 8) | p[1]);
  r.reason = payload.substr(2);
  if (!isValidCloseCode(r.code)) {
    r.closeCode = 1002;
    r.error = "invalid close code";
  } else if (!Utf8Validator::isValid(r.reason)) {
    r.closeCode = 1007;
    r.error = "invalid UTF-8 in close reason";
  }
  return r;
}

}  // namespace surge::protocol
