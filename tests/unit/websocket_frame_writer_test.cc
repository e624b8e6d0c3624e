#include "protocol/websocket/frame_writer.h"

#include <gtest/gtest.h>

#include <string>

namespace surge::protocol {
namespace {

std::string bytes(std::initializer_list<int> list) {
  std::string s;
  for (int b : list) s.push_back(static_cast<char>(b));
  return s;
}

std::string head(uint8_t opcode, uint64_t length, bool fin, const uint8_t* key, bool rsv1 = false) {
  char out[WsFrameWriter::kMaxHeaderSize];
  return std::string(out, WsFrameWriter::header(opcode, length, fin, key, out, rsv1));
}

TEST(WebSocketFrameWriterTest, HeaderForms) {
  EXPECT_EQ(head(ws::kText, 5, true, nullptr), bytes({0x81, 0x05}));
  EXPECT_EQ(head(ws::kBinary, 125, true, nullptr), bytes({0x82, 125}));
  EXPECT_EQ(head(ws::kBinary, 126, true, nullptr), bytes({0x82, 126, 0x00, 126}));
  EXPECT_EQ(head(ws::kBinary, 65535, true, nullptr), bytes({0x82, 126, 0xFF, 0xFF}));
  EXPECT_EQ(head(ws::kBinary, 65536, true, nullptr), bytes({0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0}));
  EXPECT_EQ(head(ws::kText, 3, false, nullptr), bytes({0x01, 0x03}));
  EXPECT_EQ(head(ws::kText, 3, true, nullptr, true), bytes({0xC1, 0x03}));
  const uint8_t key[4] = {0x37, 0xfa, 0x21, 0x3d};
  EXPECT_EQ(head(ws::kText, 5, true, key), bytes({0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d}));
  EXPECT_EQ(head(ws::kBinary, 1ull << 40, true, key).size(), 14u);
}

TEST(WebSocketFrameWriterTest, RoundTripsThroughTheParser) {
  const uint8_t key[4] = {1, 2, 3, 4};
  for (uint64_t len : {uint64_t{0}, uint64_t{125}, uint64_t{126}, uint64_t{65535}, uint64_t{65536},
                       uint64_t{(1ull << 63) - 1}}) {
    for (bool masked : {false, true}) {
      std::string h = head(ws::kBinary, len, false, masked ? key : nullptr);
      WsFrameParserOptions o;
      o.requireMask = masked;
      o.maxPayload = UINT64_MAX;
      WsParseResult r = WsFrameParser::parse(h, o);
      ASSERT_EQ(r.status, WsParseStatus::kComplete);
      EXPECT_EQ(r.header.payloadLength, len);
      EXPECT_EQ(r.header.headerLength, h.size());
      EXPECT_FALSE(r.header.fin);
    }
  }
}

TEST(WebSocketCloseTest, ValidCodes) {
  for (int code = 0; code < 6000; ++code) {
    bool expected = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011) ||
                    (code >= 3000 && code <= 4999);
    EXPECT_EQ(WsFrameWriter::isValidCloseCode(static_cast<uint16_t>(code)), expected) << code;
  }
  for (uint16_t bad : {1004, 1005, 1006, 1012, 1015, 999, 2999, 5000})
    EXPECT_FALSE(WsFrameWriter::isValidCloseCode(bad)) << bad;
}

TEST(WebSocketCloseTest, BuildAndParse) {
  char out[ws::kMaxControlPayload];
  size_t n = WsFrameWriter::closePayload(1000, "bye", out);
  ASSERT_EQ(std::string(out, n), bytes({0x03, 0xE8, 'b', 'y', 'e'}));
  WsClosePayload p = WsFrameWriter::parseClosePayload(std::string_view(out, n));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.code, 1000);
  EXPECT_EQ(p.reason, "bye");
  // Not sendable: an empty payload.
  EXPECT_EQ(WsFrameWriter::closePayload(1005, "x", out), 0u);
  EXPECT_EQ(WsFrameWriter::closePayload(4999, "", out), 2u);
  EXPECT_EQ(WsFrameWriter::closePayload(1002, std::string_view(), out), 2u);  // no data at all
}

TEST(WebSocketCloseTest, LongReasonIsCutOnACharacterBoundary) {
  char out[ws::kMaxControlPayload];
  std::string reason(200, 'a');
  EXPECT_EQ(WsFrameWriter::closePayload(1001, reason, out), 125u);
  // 122 ASCII bytes then "é" (C3 A9) straddling byte 123: the whole character is dropped.
  reason = std::string(122, 'a') + "\xC3\xA9" + "tail";
  size_t n = WsFrameWriter::closePayload(1001, reason, out);
  EXPECT_EQ(n, 2u + 122u);
  EXPECT_TRUE(WsFrameWriter::parseClosePayload(std::string_view(out, n)).ok());
  reason = std::string(121, 'a') + "\xC3\xA9" + "tail";  // fits exactly
  n = WsFrameWriter::closePayload(1001, reason, out);
  EXPECT_EQ(n, 125u);
  EXPECT_TRUE(WsFrameWriter::parseClosePayload(std::string_view(out, n)).ok());
}

TEST(WebSocketCloseTest, ParseErrors) {
  WsClosePayload p = WsFrameWriter::parseClosePayload("");
  EXPECT_TRUE(p.ok());
  EXPECT_EQ(p.code, ws::kCloseNoStatus);
  EXPECT_EQ(WsFrameWriter::parseClosePayload("\x03").closeCode, 1002);
  for (int code : {0, 999, 1004, 1005, 1006, 1012, 1013, 1014, 1015, 1016, 2000, 2999, 5000, 65535})
    EXPECT_EQ(WsFrameWriter::parseClosePayload(bytes({code >> 8, code & 0xFF})).closeCode, 1002)
        << code;
  for (int code : {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 4999}) {
    WsClosePayload ok = WsFrameWriter::parseClosePayload(bytes({code >> 8, code & 0xFF}));
    EXPECT_TRUE(ok.ok()) << code;
    EXPECT_EQ(ok.code, code);
  }
  EXPECT_EQ(WsFrameWriter::parseClosePayload(bytes({0x03, 0xE8, 0xCE, 0xBA, 0xE1})).closeCode,
            1007);  // truncated
  EXPECT_EQ(WsFrameWriter::parseClosePayload(bytes({0x03, 0xE8, 0xED, 0xA0, 0x80})).closeCode,
            1007);  // surrogate
  EXPECT_TRUE(WsFrameWriter::parseClosePayload(bytes({0x03, 0xE8, 0xCE, 0xBA})).ok());
  EXPECT_EQ(WsFrameWriter::parseClosePayload(std::string(126, 'a')).closeCode, 1002);
}

}  // namespace
}  // namespace surge::protocol
