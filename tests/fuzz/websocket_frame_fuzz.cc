// libFuzzer target for the WebSocket codec: WsFrameParser, unmask(), WsMessageAssembler,
// Utf8Validator and the close payload parser/builder. The first input byte picks the
// options (server or client, permessage-deflate, small frame and message limits); the
// rest is a byte stream consumed frame by frame from the front until the parser needs
// more bytes or something reports an error. Every verdict is checked against an
// independent, slow reference or against the same work done another way.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "protocol/websocket/frame_parser.h"
#include "protocol/websocket/frame_writer.h"
#include "protocol/websocket/message_assembler.h"
#include "protocol/websocket/utf8_validator.h"
// Compiled into this target so libFuzzer's coverage instrumentation reaches them
// (surge_core is built without -fsanitize=fuzzer); the linker then takes no object for
// these symbols from libsurge_core.a.
#include "protocol/websocket/frame_parser.cc"
#include "protocol/websocket/frame_writer.cc"
#include "protocol/websocket/message_assembler.cc"
#include "protocol/websocket/utf8_validator.cc"

using namespace surge::protocol;

namespace {

void check(bool ok) {
  if (!ok) __builtin_trap();
}

// Decodes code point by code point: the definition, without the validator's tricks.
bool referenceUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((b & 0xE0) == 0xC0) {
      len = 2;
      cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      len = 3;
      cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      len = 4;
      cp = b & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    const uint32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

void checkUtf8(std::string_view s) {
  const bool whole = Utf8Validator::isValid(s);
  check(whole == referenceUtf8(s));
  // Split in three at points derived from the data: same verdict as the whole.
  const size_t a = s.empty() ? 0 : static_cast<unsigned char>(s[0]) % (s.size() + 1);
  const size_t b = a + (s.size() - a) / 2;
  Utf8Validator v;
  bool ok = v.feed(s.substr(0, a));
  ok = v.feed(s.substr(a, b - a)) && ok;
  ok = v.feed(s.substr(b)) && ok;
  check((ok && v.finish()) == whole);
  if (!ok) {
    // Fail-fast: everything before the offending byte can still be completed, i.e. it is a
    // valid prefix; with that byte it cannot.
    check(v.errorOffset() < s.size());
    Utf8Validator before;
    check(before.feed(s.substr(0, v.errorOffset())));
    Utf8Validator with;
    check(!with.feed(s.substr(0, v.errorOffset() + 1)));
  }
}

// The parser must give the same answer however the header arrives: need more for every
// prefix shorter than where it decided, then the same verdict.
void checkPrefixes(std::string_view buffer, const WsParseResult& whole,
                   const WsFrameParserOptions& o) {
  const size_t upto =
      buffer.size() < WsFrameParser::kMaxHeaderSize ? buffer.size() : WsFrameParser::kMaxHeaderSize;
  bool decided = false;
  for (size_t i = 0; i <= upto; ++i) {
    WsParseResult r = WsFrameParser::parse(buffer.substr(0, i), o);
    if (!decided) {
      if (r.status == WsParseStatus::kNeedMore) continue;
      decided = true;
    }
    check(r.status == whole.status);
    if (r.status == WsParseStatus::kError) check(r.closeCode == whole.closeCode);
    if (r.status == WsParseStatus::kComplete) {
      check(r.totalLength == whole.totalLength);
      check(r.header.headerLength == whole.header.headerLength);
    }
  }
  if (whole.status != WsParseStatus::kNeedMore) check(decided);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  WsFrameParserOptions o;
  o.requireMask = (data[0] & 1) != 0;
  o.allowRsv1 = (data[0] & 2) != 0;
  o.maxPayload = (data[0] & 4) ? UINT64_MAX : data[1];
  const uint64_t maxMessage = (data[0] & 8) ? UINT64_MAX : uint64_t{data[1]} * 3;
  std::string_view rest(reinterpret_cast<const char*>(data) + 2, size - 2);

  WsMessageAssembler assembler(maxMessage);
  std::string message;  // the text message being assembled, unmasked
  bool validating = false;

  while (!rest.empty()) {
    WsParseResult r = WsFrameParser::parse(rest, o);
    checkPrefixes(rest, r, o);
    if (r.status == WsParseStatus::kNeedMore) break;
    if (r.status == WsParseStatus::kError) {
      check(r.closeCode == 1002 || r.closeCode == 1009);
      check(r.reason != nullptr);
      break;
    }
    const WsFrameHeader& h = r.header;
    check(h.headerLength >= 2 && h.headerLength <= WsFrameParser::kMaxHeaderSize);
    check(h.masked == o.requireMask);
    check(h.payloadLength <= o.maxPayload);
    check(!h.rsv2 && !h.rsv3 && (!h.rsv1 || o.allowRsv1));
    check(!ws::isControl(h.opcode) || (h.fin && h.payloadLength <= ws::kMaxControlPayload));
    check(r.totalLength == h.headerLength + h.payloadLength);
    // Our writer re-encodes the header byte for byte (the parser only accepts minimal forms).
    char again[WsFrameWriter::kMaxHeaderSize];
    const size_t n = WsFrameWriter::header(h.opcode, h.payloadLength, h.fin,
                                           h.masked ? h.maskKey : nullptr, again, h.rsv1);
    check(n == h.headerLength && std::memcmp(again, rest.data(), n) == 0);

    WsAssembleResult a = assembler.onFrame(h);
    if (!a.ok()) {
      check(a.closeCode == 1002 || a.closeCode == 1009 || a.closeCode == 1007);
      break;
    }
    if (a.messageStart) {
      message.clear();
      validating = h.opcode == ws::kText && !h.rsv1;
    }
    if (!r.frameComplete(rest.size())) break;

    std::string payload(rest.substr(h.headerLength, h.payloadLength));
    std::string whole = payload;
    if (h.masked) {
      unmask(whole.data(), whole.size(), h.maskKey, 0);
      // In two pieces, the second starting at an odd offset: same bytes.
      const size_t cut = payload.size() / 3;
      unmask(payload.data(), cut, h.maskKey, 0);
      unmask(payload.data() + cut, payload.size() - cut, h.maskKey, cut);
      check(payload == whole);
    }
    checkUtf8(whole);

    // Feed the payload in two pieces, as it would arrive.
    const size_t cut = whole.size() / 2;
    WsAssembleResult p1 = assembler.onPayload(std::string_view(whole).substr(0, cut));
    WsAssembleResult p2 = p1.ok() ? assembler.onPayload(std::string_view(whole).substr(cut)) : p1;
    if (a.control) {
      check(p2.ok());
      if (h.opcode == ws::kClose) {
        WsClosePayload c = WsFrameWriter::parseClosePayload(whole);
        if (c.ok() && !whole.empty()) {
          check(WsFrameWriter::isValidCloseCode(c.code));
          check(referenceUtf8(c.reason));
          char built[ws::kMaxControlPayload];
          const size_t m = WsFrameWriter::closePayload(c.code, c.reason, built);
          check(std::string_view(built, m) == whole);
        } else if (!c.ok()) {
          check(c.closeCode == 1002 || c.closeCode == 1007);
          if (c.closeCode == 1007) check(!referenceUtf8(c.reason));
        }
        break;  // nothing follows a close frame
      }
    } else if (validating) {
      message += whole;
      if (!p2.ok()) {
        check(p2.closeCode == 1007);
        // Either the bytes so far cannot start valid text, or the message ended cut off.
        Utf8Validator v;
        check(!v.feed(message) || (a.messageEnd && !v.finish()));
        break;
      }
      Utf8Validator v;
      check(v.feed(message));
      if (a.messageEnd) check(referenceUtf8(message));
    } else {
      check(p2.ok());
    }
    if (a.messageEnd) check(!assembler.inMessage());
    rest.remove_prefix(r.totalLength);
  }
  return 0;
}
