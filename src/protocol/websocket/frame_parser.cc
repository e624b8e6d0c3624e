#include "protocol/websocket/frame_parser.h"

#include <cstring>

namespace surge::protocol {

namespace {

WsParseResult parseError(uint16_t code, const char* reason) {
  WsParseResult r;
  r.status = WsParseStatus::kError;
  r.closeCode = code;
  r.reason = reason;
  return r;
}

}  // namespace

WsParseResult WsFrameParser::parse(std::string_view buffer, const WsFrameParserOptions& options) {
  const auto* p = reinterpret_cast<const unsigned char*>(buffer.data());
  const size_t n = buffer.size();
  if (n == 0) return WsParseResult{};

  WsFrameHeader h;
  h.fin = (p[0] & 0x80) != 0;
  h.rsv1 = (p[0] & 0x40) != 0;
  h.rsv2 = (p[0] & 0x20) != 0;
  h.rsv3 = (p[0] & 0x10) != 0;
  h.opcode = p[0] & 0x0F;

  // Everything the first byte can prove wrong is rejected before waiting for the second.
  const bool control = ws::isControl(h.opcode);
  if (h.opcode > ws::kBinary && h.opcode < ws::kClose) return parseError(1002, "reserved opcode");
  if (h.opcode > ws::kPong) return parseError(1002, "reserved opcode");
  if (h.rsv2 || h.rsv3) return parseError(1002, "reserved bit set");
  if (h.rsv1) {
    if (!options.allowRsv1) return parseError(1002, "reserved bit set");
    // permessage-deflate marks the first frame of a message only (RFC 7692 §6.1); control
    // frames are never compressed.
    if (control) return parseError(1002, "compressed control frame");
    if (h.opcode == ws::kContinuation) return parseError(1002, "compressed continuation frame");
  }
  if (control && !h.fin) return parseError(1002, "fragmented control frame");
  if (n < 2) return WsParseResult{};

  h.masked = (p[1] & 0x80) != 0;
  if (options.requireMask && !h.masked) return parseError(1002, "unmasked client frame");
  if (!options.requireMask && h.masked) return parseError(1002, "masked server frame");
  const uint8_t len7 = p[1] & 0x7F;
  if (control && len7 > ws::kMaxControlPayload) return parseError(1002, "control frame too long");

  size_t pos = 2;
  uint64_t length = len7;
  if (len7 == 126) {
    if (n < 4) return WsParseResult{};
    length = (uint64_t{p[2]} << 8) | p[3];
    // RFC 6455 §5.2: the minimal number of bytes MUST be used to encode the length.
    if (length < 126) return parseError(1002, "non-minimal length");
    pos = 4;
  } else if (len7 == 127) {
    if (n < 10) return WsParseResult{};
    length = 0;
    for (size_t i = 2; i < 10; ++i) length = (length << 8) | p[i];
    if (length >> 63) return parseError(1002, "length has top bit set");
    if (length <= 0xFFFF) return parseError(1002, "non-minimal length");
    pos = 10;
  }
  if (length > options.maxPayload) return parseError(1009, "frame too big");

  if (h.masked) {
    if (n < pos + 4) return WsParseResult{};
    std::memcpy(h.maskKey, p + pos, 4);
    pos += 4;
  }
  h.payloadLength = length;
  h.headerLength = pos;

  WsParseResult r;
  r.status = WsParseStatus::kComplete;
  r.header = h;
  r.totalLength = pos + length;
  return r;
}

void unmask(char* data, size_t len, const uint8_t key[4], size_t offset) {
  // The key as it lines up with data[0]; 8 is a multiple of 4, so the same 8-byte pattern
  // fits every following word and the loop needs no per-byte index arithmetic.
  unsigned char rotated[8];
  for (size_t i = 0; i < 8; ++i) rotated[i] = key[(offset + i) & 3];
  uint64_t word;
  std::memcpy(&word, rotated, 8);

  auto* d = reinterpret_cast<unsigned char*>(data);
  size_t i = 0;
  // memcpy loads/stores compile to plain (unaligned-safe) moves, no alignment prologue needed.
  for (; i + 32 <= len; i += 32) {
    uint64_t a, b, c, e;
    std::memcpy(&a, d + i, 8);
    std::memcpy(&b, d + i + 8, 8);
    std::memcpy(&c, d + i + 16, 8);
    std::memcpy(&e, d + i + 24, 8);
    a ^= word;
    b ^= word;
    c ^= word;
    e ^= word;
    std::memcpy(d + i, &a, 8);
    std::memcpy(d + i + 8, &b, 8);
    std::memcpy(d + i + 16, &c, 8);
    std::memcpy(d + i + 24, &e, 8);
  }
  for (; i + 8 <= len; i += 8) {
    uint64_t a;
    std::memcpy(&a, d + i, 8);
    a ^= word;
    std::memcpy(d + i, &a, 8);
  }
  for (; i < len; ++i) d[i] ^= rotated[i & 7];
}

}  // namespace surge::protocol
