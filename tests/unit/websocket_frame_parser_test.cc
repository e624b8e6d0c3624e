#include "protocol/websocket/frame_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "protocol/websocket/frame_writer.h"

namespace surge::protocol {
namespace {

const uint8_t kKey[4] = {0x37, 0xfa, 0x21, 0x3d};

WsFrameParserOptions server(uint64_t max = 1 << 20) {
  WsFrameParserOptions o;
  o.requireMask = true;
  o.maxPayload = max;
  return o;
}

WsFrameParserOptions client(uint64_t max = 1 << 20) {
  WsFrameParserOptions o = server(max);
  o.requireMask = false;
  return o;
}

std::string bytes(std::initializer_list<int> list) {
  std::string s;
  for (int b : list) s.push_back(static_cast<char>(b));
  return s;
}

// A header as our writer produces it (masked for a client->server frame).
std::string header(uint8_t opcode, uint64_t length, bool fin = true, bool masked = true) {
  char out[WsFrameWriter::kMaxHeaderSize];
  size_t n = WsFrameWriter::header(opcode, length, fin, masked ? kKey : nullptr, out);
  return std::string(out, n);
}

void expectError(const std::string& buffer, const WsFrameParserOptions& o, uint16_t code) {
  WsParseResult r = WsFrameParser::parse(buffer, o);
  ASSERT_EQ(r.status, WsParseStatus::kError);
  EXPECT_EQ(r.closeCode, code);
  EXPECT_NE(r.reason, nullptr);
}

TEST(WebSocketFrameParserTest, EmptyAndShortNeedMore) {
  EXPECT_EQ(WsFrameParser::parse("", server()).status, WsParseStatus::kNeedMore);
  EXPECT_EQ(WsFrameParser::parse(bytes({0x81}), server()).status, WsParseStatus::kNeedMore);
  // Masked, but the key is not all there yet.
  EXPECT_EQ(WsFrameParser::parse(bytes({0x81, 0x85, 1, 2, 3}), server()).status,
            WsParseStatus::kNeedMore);
}

TEST(WebSocketFrameParserTest, RfcExampleMaskedHello) {
  // RFC 6455 §5.7: a single-frame masked text message "Hello".
  std::string frame = bytes({0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58});
  WsParseResult r = WsFrameParser::parse(frame, server());
  ASSERT_EQ(r.status, WsParseStatus::kComplete);
  EXPECT_TRUE(r.header.fin);
  EXPECT_EQ(r.header.opcode, ws::kText);
  EXPECT_TRUE(r.header.masked);
  EXPECT_EQ(r.header.headerLength, 6u);
  EXPECT_EQ(r.header.payloadLength, 5u);
  EXPECT_EQ(r.totalLength, 11u);
  EXPECT_TRUE(r.frameComplete(frame.size()));
  EXPECT_FALSE(r.frameComplete(frame.size() - 1));
  std::string payload = frame.substr(6);
  unmask(payload.data(), payload.size(), r.header.maskKey);
  EXPECT_EQ(payload, "Hello");
}

TEST(WebSocketFrameParserTest, RfcExampleUnmaskedAsClient) {
  std::string frame = bytes({0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f});
  WsParseResult r = WsFrameParser::parse(frame, client());
  ASSERT_EQ(r.status, WsParseStatus::kComplete);
  EXPECT_FALSE(r.header.masked);
  EXPECT_EQ(r.header.headerLength, 2u);
  EXPECT_EQ(r.totalLength, 7u);
  // RFC 6455 §5.7: fragmented unmasked text "Hel" + "lo".
  r = WsFrameParser::parse(bytes({0x01, 0x03, 0x48, 0x65, 0x6c}), client());
  ASSERT_EQ(r.status, WsParseStatus::kComplete);
  EXPECT_FALSE(r.header.fin);
  r = WsFrameParser::parse(bytes({0x80, 0x02, 0x6c, 0x6f}), client());
  ASSERT_EQ(r.status, WsParseStatus::kComplete);
  EXPECT_TRUE(r.header.fin);
  EXPECT_EQ(r.header.opcode, ws::kContinuation);
}

TEST(WebSocketFrameParserTest, MaskRules) {
  expectError(bytes({0x81, 0x05}), server(), 1002);  // unmasked client frame
  expectError(bytes({0x81, 0x85}), client(), 1002);  // masked server frame
}

TEST(WebSocketFrameParserTest, ReservedBits) {
  for (int bit : {0x40, 0x20, 0x10}) expectError(bytes({0x81 | bit, 0x80}), server(), 1002);
  WsFrameParserOptions deflate = server();
  deflate.allowRsv1 = true;
  WsParseResult r = WsFrameParser::parse(bytes({0xC1, 0x80, 1, 2, 3, 4}), deflate);
  ASSERT_EQ(r.status, WsParseStatus::kComplete);
  EXPECT_TRUE(r.header.rsv1);
  // Even with permessage-deflate, RSV2/RSV3 stay reserved, and RSV1 marks first frames only.
  expectError(bytes({0xA1, 0x80}), deflate, 1002);
  expectError(bytes({0x91, 0x80}), deflate, 1002);
  expectError(bytes({0xC0, 0x80}), deflate, 1002);  // compressed continuation
  expectError(bytes({0xC9, 0x80}), deflate, 1002);  // compressed ping
}

TEST(WebSocketFrameParserTest, Opcodes) {
  for (int op = 0; op < 16; ++op) {
    std::string frame = bytes({0x80 | op, 0x80, 1, 2, 3, 4});
    WsParseResult r = WsFrameParser::parse(frame, server());
    bool known = op <= 2 || (op >= 8 && op <= 10);
    if (known) {
      ASSERT_EQ(r.status, WsParseStatus::kComplete) << op;
      EXPECT_EQ(r.header.opcode, op);
    } else {
      ASSERT_EQ(r.status, WsParseStatus::kError) << op;
      EXPECT_EQ(r.closeCode, 1002) << op;
      // Decided from the first byte alone.
      EXPECT_EQ(WsFrameParser::parse(frame.substr(0, 1), server()).status, WsParseStatus::kError);
    }
  }
}

TEST(WebSocketFrameParserTest, ControlFrames) {
  for (int op : {0x8, 0x9, 0xA}) {
    expectError(bytes({op, 0x80}), server(), 1002);               // FIN=0
    expectError(bytes({op}), server(), 1002);                     // ...seen from byte one
    expectError(bytes({0x80 | op, 0x80 | 126}), server(), 1002);  // > 125 (16-bit form)
    expectError(bytes({0x80 | op, 0x80 | 127}), server(), 1002);  // > 125 (64-bit form)
    WsParseResult r = WsFrameParser::parse(header(op, 125), server());
    ASSERT_EQ(r.status, WsParseStatus::kComplete);
    EXPECT_EQ(r.header.payloadLength, 125u);
  }
}

TEST(WebSocketFrameParserTest, LengthFormsAtTheirBoundaries) {
  struct Case {
    uint64_t length;
    size_t headerLength;
  };
  for (Case c : {Case{0, 6}, Case{1, 6}, Case{125, 6}, Case{126, 8}, Case{127, 8}, Case{65535, 8},
                 Case{65536, 14}, Case{(1ull << 32) + 5, 14}, Case{(1ull << 63) - 1, 14}}) {
    std::string h = header(ws::kBinary, c.length);
    ASSERT_EQ(h.size(), c.headerLength) << c.length;
    WsParseResult r = WsFrameParser::parse(h, server(UINT64_MAX));
    ASSERT_EQ(r.status, WsParseStatus::kComplete) << c.length;
    EXPECT_EQ(r.header.payloadLength, c.length);
    EXPECT_EQ(r.header.headerLength, c.headerLength);
    EXPECT_EQ(r.totalLength, c.headerLength + c.length);
    EXPECT_EQ(0, memcmp(r.header.maskKey, kKey, 4));
    // Every shorter prefix needs more.
    for (size_t i = 0; i < h.size(); ++i)
      EXPECT_EQ(WsFrameParser::parse(h.substr(0, i), server(UINT64_MAX)).status,
                WsParseStatus::kNeedMore)
          << c.length << " prefix " << i;
  }
}

TEST(WebSocketFrameParserTest, NonMinimalLengthsAreRejected) {
  expectError(bytes({0x82, 0x80 | 126, 0x00, 0x00}), server(), 1002);
  expectError(bytes({0x82, 0x80 | 126, 0x00, 125}), server(), 1002);
  EXPECT_EQ(WsFrameParser::parse(bytes({0x82, 0x80 | 126, 0x00, 126}), server()).status,
            WsParseStatus::kNeedMore);
  expectError(bytes({0x82, 0x80 | 127, 0, 0, 0, 0, 0, 0, 0, 0}), server(), 1002);
  expectError(bytes({0x82, 0x80 | 127, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF}), server(), 1002);
  EXPECT_EQ(
      WsFrameParser::parse(bytes({0x82, 0x80 | 127, 0, 0, 0, 0, 0, 1, 0, 0}), server()).status,
      WsParseStatus::kNeedMore);
}

TEST(WebSocketFrameParserTest, TopBitOfLengthIsRejected) {
  expectError(bytes({0x82, 0x80 | 127, 0x80, 0, 0, 0, 0, 0, 0, 0}), server(UINT64_MAX), 1002);
  expectError(bytes({0x82, 0x80 | 127, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}),
              server(UINT64_MAX), 1002);
}

TEST(WebSocketFrameParserTest, TooBigFromTheHeaderAlone) {
  // Limit exactly at each form's boundary: the header alone decides, no payload needed.
  for (uint64_t max : {uint64_t{125}, uint64_t{65535}, uint64_t{65536}}) {
    WsParseResult ok = WsFrameParser::parse(header(ws::kBinary, max), server(max));
    EXPECT_EQ(ok.status, WsParseStatus::kComplete) << max;
    expectError(header(ws::kBinary, max + 1), server(max), 1009);
  }
  // Before the mask key has arrived.
  expectError(header(ws::kText, 1000).substr(0, 4), server(999), 1009);
  // Unmasked 64-bit length at a client.
  expectError(header(ws::kBinary, 1ull << 40, true, false), client(1 << 20), 1009);
}

TEST(WebSocketFrameParserTest, ByteAtATimeAgreesWithWhole) {
  std::vector<std::string> frames = {
      header(ws::kText, 0),         header(ws::kBinary, 125),   header(ws::kBinary, 126),
      header(ws::kBinary, 65535),   header(ws::kBinary, 65536), header(ws::kPing, 3),
      bytes({0x83, 0x80}),          bytes({0x09, 0x80}),        bytes({0x82, 0xFE, 0x00, 0x10}),
      header(ws::kBinary, 9, false)};
  for (const std::string& f : frames) {
    WsParseResult whole = WsFrameParser::parse(f, server());
    WsParseResult last;
    size_t decidedAt = 0;
    for (size_t i = 1; i <= f.size(); ++i) {
      last = WsFrameParser::parse(f.substr(0, i), server());
      if (last.status != WsParseStatus::kNeedMore) {
        decidedAt = i;
        break;
      }
    }
    ASSERT_EQ(last.status, whole.status);
    if (whole.status == WsParseStatus::kComplete) {
      EXPECT_EQ(decidedAt, whole.header.headerLength);
      EXPECT_EQ(last.totalLength, whole.totalLength);
    } else {
      EXPECT_EQ(last.closeCode, whole.closeCode);
    }
  }
}

void referenceUnmask(char* data, size_t len, const uint8_t key[4], size_t offset) {
  for (size_t i = 0; i < len; ++i) data[i] ^= static_cast<char>(key[(offset + i) % 4]);
}

TEST(WebSocketUnmaskTest, MatchesByteWiseReferenceAtEveryAlignmentAndOffset) {
  std::mt19937 rng(1234);
  std::vector<char> storage(300 + 16);
  for (int round = 0; round < 20; ++round) {
    uint8_t key[4];
    for (auto& k : key) k = static_cast<uint8_t>(rng());
    for (size_t align = 0; align < 8; ++align) {
      for (size_t offset = 0; offset < 8; ++offset) {
        for (size_t len : {size_t{0}, size_t{1}, size_t{3}, size_t{7}, size_t{8}, size_t{9},
                           size_t{31}, size_t{32}, size_t{33}, size_t{100}, size_t{300}}) {
          for (size_t i = 0; i < len; ++i) storage[align + i] = static_cast<char>(rng());
          std::string expected(storage.data() + align, len);
          referenceUnmask(expected.data(), len, key, offset);
          unmask(storage.data() + align, len, key, offset);
          ASSERT_EQ(std::string(storage.data() + align, len), expected)
              << "align " << align << " offset " << offset << " len " << len;
        }
      }
    }
  }
}

TEST(WebSocketUnmaskTest, InPiecesEqualsWhole) {
  std::mt19937 rng(99);
  std::string data(1000, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  std::string whole = data;
  unmask(whole.data(), whole.size(), kKey, 0);
  for (int round = 0; round < 50; ++round) {
    std::string pieces = data;
    size_t pos = 0;
    while (pos < pieces.size()) {
      size_t step = std::min<size_t>(pieces.size() - pos, rng() % 40);
      unmask(pieces.data() + pos, step, kKey, pos);
      pos += step;
    }
    ASSERT_EQ(pieces, whole);
  }
  // Unmasking twice restores the input.
  unmask(whole.data(), whole.size(), kKey, 0);
  EXPECT_EQ(whole, data);
}

}  // namespace
}  // namespace surge::protocol
