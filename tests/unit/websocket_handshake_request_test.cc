#include "protocol/websocket/handshake_request.h"

#include <gtest/gtest.h>

#include <string>

namespace surge::protocol {
namespace {

constexpr std::string_view kKey = "dGhlIHNhbXBsZSBub25jZQ==";  // RFC 6455 §1.3

std::string request(std::string_view extra = {},
                    std::string_view requestLine = "GET /chat HTTP/1.1", bool withDefaults = true) {
  std::string r(requestLine);
  r += "\r\nHost: example.com\r\n";
  if (withDefaults)
    r += "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
         "Sec-WebSocket-Key: " +
         std::string(kKey) + "\r\n";
  r += extra;
  r += "\r\n";
  return r;
}

WsRequestCheck readOf(const std::string& bytes) {
  HttpRequestHead head;
  return WsHandshakeRequest::read(bytes, &head);
}

void expectRefused(const std::string& bytes, int status, std::string_view reason) {
  WsRequestCheck r = readOf(bytes);
  ASSERT_TRUE(r.refused()) << bytes;
  EXPECT_EQ(r.status, status) << bytes;
  ASSERT_NE(r.reason, nullptr);
  EXPECT_EQ(std::string_view(r.reason), reason) << bytes;
}

TEST(WsHandshakeRequest, AcceptsAValidHandshakeAndSaysWhereFramesStart) {
  std::string bytes = request();
  WsRequestCheck r = readOf(bytes + "\x81\x80");
  ASSERT_TRUE(r.accepted());
  EXPECT_EQ(r.length, bytes.size());
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.reason, nullptr);
}

TEST(WsHandshakeRequest, TokensAreCaseInsensitiveAndMayBeInLists) {
  std::string bytes =
      "GET / HTTP/1.1\r\nhost: h\r\nUPGRADE: WebSocket\r\nconnection: keep-alive, UPGRADE\r\n"
      "sec-websocket-version: 13\r\nsec-websocket-key: " +
      std::string(kKey) + "\r\n\r\n";
  EXPECT_TRUE(readOf(bytes).accepted());
  // The token may be on a second line of the same name.
  std::string split =
      "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: keep-alive\r\n"
      "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " +
      std::string(kKey) + "\r\n\r\n";
  EXPECT_TRUE(readOf(split).accepted());
}

TEST(WsHandshakeRequest, NeedsMoreUntilTheHeadIsWhole) {
  std::string bytes = request();
  for (size_t i = 0; i < bytes.size(); ++i) {
    WsRequestCheck r = readOf(bytes.substr(0, i));
    EXPECT_EQ(r.verdict, WsRequestVerdict::kNeedMore) << i;
  }
}

TEST(WsHandshakeRequest, RefusesWhatTheHttpParserRefuses) {
  expectRefused("GARBAGE\r\n\r\n", 400, "malformed request line");
  expectRefused("GET / HTTP/2.0\r\n\r\n", 505, "unsupported HTTP version");
  expectRefused("GET / HTTP/1.1\r\n\r\n", 400, "missing Host");
  std::string huge = "GET / HTTP/1.1\r\nX: " + std::string(WsHandshakeRequest::kMaxHeadBytes, 'a');
  expectRefused(huge, 431, "request header block too large");
}

TEST(WsHandshakeRequest, RefusesEveryFaultWithItsStatusAndReason) {
  expectRefused(request({}, "POST / HTTP/1.1"), 400, "a WebSocket handshake is a GET request");
  expectRefused(request({}, "GET / HTTP/1.0"), 400, "a WebSocket handshake needs HTTP/1.1");
  expectRefused(request("Content-Length: 3\r\n"), 400, "a WebSocket handshake has no body");
  expectRefused(request("Transfer-Encoding: chunked\r\n"), 400,
                "a WebSocket handshake has no body");
  std::string noUpgrade =
      "GET / HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " +
      std::string(kKey) + "\r\n\r\n";
  expectRefused(noUpgrade, 400, "Upgrade: websocket is missing");
  std::string wrongUpgrade = request("Upgrade: h2c\r\n", "GET / HTTP/1.1", false);
  expectRefused(wrongUpgrade, 400, "Upgrade: websocket is missing");
  std::string noConnection =
      "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n"
      "Connection: keep-alive\r\nSec-WebSocket-Version: 13\r\n"
      "Sec-WebSocket-Key: " +
      std::string(kKey) + "\r\n\r\n";
  expectRefused(noConnection, 400, "Connection: Upgrade is missing");
  std::string v8 =
      "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Version: 8\r\nSec-WebSocket-Key: " +
      std::string(kKey) + "\r\n\r\n";
  expectRefused(v8, 426, "only WebSocket version 13 is supported");
  std::string noVersion =
      "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n"
      "Connection: Upgrade\r\nSec-WebSocket-Key: " +
      std::string(kKey) + "\r\n\r\n";
  expectRefused(noVersion, 426, "only WebSocket version 13 is supported");
  std::string noKey =
      "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Version: 13\r\n\r\n";
  expectRefused(noKey, 400, "Sec-WebSocket-Key must be 16 bytes in base64");
  std::string badKey =
      "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: c2hvcnQ=\r\n\r\n";
  expectRefused(badKey, 400, "Sec-WebSocket-Key must be 16 bytes in base64");
}

TEST(WsHandshakeRequest, ABodyIsRefusedBeforeItArrives) {
  // Content-Length announced, body not sent: refused at once, not waited for.
  WsRequestCheck r = readOf(request("Content-Length: 100000000\r\n"));
  ASSERT_TRUE(r.refused());
  EXPECT_EQ(r.status, 400);
}

TEST(WsHandshakeRequest, TheFirstFaultDecides) {
  // POST, HTTP/1.0 and no key at once: the method is named.
  expectRefused("POST / HTTP/1.0\r\n\r\n", 400, "a WebSocket handshake is a GET request");
}

TEST(WsHandshakeRequest, RefusalAnswers) {
  EXPECT_EQ(WsHandshakeRequest::refusal(400, "Upgrade: websocket is missing"),
            "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: text/plain\r\n"
            "Content-Length: 30\r\n\r\nUpgrade: websocket is missing\n");
  EXPECT_EQ(WsHandshakeRequest::refusal(426, "only WebSocket version 13 is supported"),
            "HTTP/1.1 426 Upgrade Required\r\nConnection: Upgrade, close\r\nUpgrade: websocket\r\n"
            "Sec-WebSocket-Version: 13\r\nContent-Type: text/plain\r\nContent-Length: 39\r\n\r\n"
            "only WebSocket version 13 is supported\n");
}

TEST(WsHandshakeRequest, AcceptHeadCarriesTheRfcAcceptKey) {
  std::string out;
  WsHandshakeRequest::appendAcceptHead(kKey, &out);
  EXPECT_EQ(out,
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n");
}

TEST(WsHandshakeRequest, ExtensionOffersJoinEveryLine) {
  std::string bytes = request(
      "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
      "sec-websocket-extensions: x-webkit-deflate-frame\r\n");
  HttpRequestHead head;
  ASSERT_TRUE(WsHandshakeRequest::read(bytes, &head).accepted());
  EXPECT_EQ(WsHandshakeRequest::extensionOffers(head),
            "permessage-deflate; client_max_window_bits, x-webkit-deflate-frame");
  HttpRequestHead none;
  ASSERT_TRUE(WsHandshakeRequest::read(request(), &none).accepted());
  EXPECT_EQ(WsHandshakeRequest::extensionOffers(none), "");
}

TEST(WsHandshakeRequest, ApplicationLinesThatCouldSplitTheAnswerAreSkipped) {
  std::string out;
  EXPECT_TRUE(WsHandshakeRequest::appendHeaderLine("X-A: 1", &out));
  EXPECT_FALSE(WsHandshakeRequest::appendHeaderLine("", &out));
  EXPECT_FALSE(WsHandshakeRequest::appendHeaderLine("X-B: 1\r\nX-Evil: 2", &out));
  EXPECT_TRUE(WsHandshakeRequest::appendHeader("X-C", "3", &out));
  EXPECT_FALSE(WsHandshakeRequest::appendHeader("", "3", &out));
  EXPECT_FALSE(WsHandshakeRequest::appendHeader("X:D", "3", &out));
  EXPECT_FALSE(WsHandshakeRequest::appendHeader("X\nD", "3", &out));
  EXPECT_FALSE(WsHandshakeRequest::appendHeader("X-E", "3\n", &out));
  EXPECT_EQ(out, "X-A: 1\r\nX-C: 3\r\n");
}

TEST(WsHandshakeRequest, LineValueFindsTheFirstLineCaseInsensitively) {
  std::string_view lines = "X-A: 1\r\nsec-websocket-extensions:  permessage-deflate\r\nX-B:\r\n";
  EXPECT_EQ(WsHandshakeRequest::lineValue(lines, "Sec-WebSocket-Extensions"), "permessage-deflate");
  std::string_view empty = WsHandshakeRequest::lineValue(lines, "x-b");
  EXPECT_NE(empty.data(), nullptr);  // present, empty
  EXPECT_EQ(empty, "");
  EXPECT_EQ(WsHandshakeRequest::lineValue(lines, "x-c").data(), nullptr);
}

}  // namespace
}  // namespace surge::protocol
