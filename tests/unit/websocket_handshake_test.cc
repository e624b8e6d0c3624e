#include "protocol/websocket/handshake.h"

#include <gtest/gtest.h>

#include <string>

namespace surge::protocol {
namespace {

std::string hex(const std::array<uint8_t, 20>& d) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (uint8_t b : d) {
    s.push_back(digits[b >> 4]);
    s.push_back(digits[b & 15]);
  }
  return s;
}

TEST(WebSocketHandshakeTest, RfcExample) {
  // RFC 6455 §1.3 (28 characters; also what `openssl sha1 -binary | base64` gives).
  EXPECT_EQ(WsHandshake::acceptKey("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  char out[WsHandshake::kAcceptKeySize];
  WsHandshake::acceptKey("dGhlIHNhbXBsZSBub25jZQ==", out);
  EXPECT_EQ(std::string(out, sizeof out), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST(WebSocketHandshakeTest, Sha1KnownAnswers) {
  // FIPS 180 examples, plus inputs around the 55/56/64-byte padding boundaries.
  EXPECT_EQ(hex(WsHandshake::sha1("")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(hex(WsHandshake::sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(hex(WsHandshake::sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  EXPECT_EQ(hex(WsHandshake::sha1(std::string(1000000, 'a'))),
            "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  EXPECT_EQ(hex(WsHandshake::sha1("The quick brown fox jumps over the lazy dog")),
            "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12");
}

TEST(WebSocketHandshakeTest, Base64) {
  auto b64 = [](std::string_view s) {
    return WsHandshake::base64(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  };
  // RFC 4648 §10.
  EXPECT_EQ(b64(""), "");
  EXPECT_EQ(b64("f"), "Zg==");
  EXPECT_EQ(b64("fo"), "Zm8=");
  EXPECT_EQ(b64("foo"), "Zm9v");
  EXPECT_EQ(b64("foob"), "Zm9vYg==");
  EXPECT_EQ(b64("fooba"), "Zm9vYmE=");
  EXPECT_EQ(b64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(b64("\xff\xfe\xfd"), "//79");
}

TEST(WebSocketHandshakeTest, KeyValidation) {
  EXPECT_TRUE(WsHandshake::isValidKey("dGhlIHNhbXBsZSBub25jZQ=="));
  EXPECT_TRUE(WsHandshake::isValidKey("AAAAAAAAAAAAAAAAAAAAAA=="));
  EXPECT_TRUE(WsHandshake::isValidKey("+/+/+/+/+/+/+/+/+/+/+w=="));
  EXPECT_FALSE(WsHandshake::isValidKey(""));
  EXPECT_FALSE(WsHandshake::isValidKey("dGhlIHNhbXBsZSBub25jZQ="));    // 23 chars
  EXPECT_FALSE(WsHandshake::isValidKey("dGhlIHNhbXBsZSBub25jZQ==="));  // 25 chars
  EXPECT_FALSE(WsHandshake::isValidKey("dGhlIHNhbXBsZSBub25jZQAA"));   // 18 bytes
  EXPECT_FALSE(WsHandshake::isValidKey("dGhlIHNhbXBsZSBub25jZ-=="));   // url-safe alphabet
  EXPECT_FALSE(WsHandshake::isValidKey("dGhlIHNhbXBsZSBub25j Q=="));   // space
  EXPECT_FALSE(WsHandshake::isValidKey(" dGhlIHNhbXBsZSBub25jZQ=="));  // untrimmed
  EXPECT_FALSE(WsHandshake::isValidKey("dGhlIHNhbXBsZSBub25jZ==="));   // padding too early
}

}  // namespace
}  // namespace surge::protocol
