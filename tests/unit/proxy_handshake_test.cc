#include "net/proxy_handshake.h"

#include <gtest/gtest.h>

#include <string>

namespace surge {
namespace {

using namespace std::string_literals;

TEST(ProxyHandshake, Socks5WithoutAuthenticationConnectsToAName) {
  ProxyHandshake h = ProxyHandshake::socks5("example.com", 443, "", "");
  EXPECT_EQ(h.takeOutput(), "\x05\x01\x00"s);
  size_t used = 0;
  EXPECT_EQ(h.feed("\x05"s, &used), ProxyHandshake::Step::kNeedMore);
  EXPECT_EQ(used, 0u);
  EXPECT_EQ(h.feed("\x05\x00"s, &used), ProxyHandshake::Step::kNeedMore);
  EXPECT_EQ(used, 2u);
  EXPECT_EQ(h.takeOutput(),
            "\x05\x01\x00\x03\x0b"
            "example.com"
            "\x01\xbb"s);
  // The answer with a bound IPv4 address, then bytes of the target that are not ours.
  std::string answer = "\x05\x00\x00\x01\x7f\x00\x00\x01\x1f\x90"s;
  EXPECT_EQ(h.feed(answer.substr(0, 7), &used), ProxyHandshake::Step::kNeedMore);
  EXPECT_EQ(used, 0u);
  EXPECT_EQ(h.feed(answer + "HELLO", &used), ProxyHandshake::Step::kDone);
  EXPECT_EQ(used, answer.size());
}

TEST(ProxyHandshake, Socks5SendsIpLiteralsAsAddresses) {
  ProxyHandshake v4 = ProxyHandshake::socks5("10.1.2.3", 80, "", "");
  v4.takeOutput();
  size_t used;
  v4.feed("\x05\x00"s, &used);
  EXPECT_EQ(v4.takeOutput(), "\x05\x01\x00\x01\x0a\x01\x02\x03\x00\x50"s);
  ProxyHandshake v6 = ProxyHandshake::socks5("[::1]", 80, "", "");
  v6.takeOutput();
  v6.feed("\x05\x00"s, &used);
  std::string expect = "\x05\x01\x00\x04"s + std::string(15, '\0') + "\x01\x00\x50"s;
  EXPECT_EQ(v6.takeOutput(), expect);
}

TEST(ProxyHandshake, Socks5UsernameAndPassword) {
  ProxyHandshake h = ProxyHandshake::socks5("h", 1, "user", "pw");
  EXPECT_EQ(h.takeOutput(), "\x05\x02\x00\x02"s);
  size_t used;
  EXPECT_EQ(h.feed("\x05\x02"s, &used), ProxyHandshake::Step::kNeedMore);
  EXPECT_EQ(h.takeOutput(), "\x01\x04user\x02pw"s);
  EXPECT_EQ(h.feed("\x01\x01"s, &used), ProxyHandshake::Step::kFailed);
  EXPECT_EQ(h.error(), "the SOCKS5 proxy refused the username or password");
}

TEST(ProxyHandshake, Socks5Refusals) {
  size_t used;
  ProxyHandshake needsAuth = ProxyHandshake::socks5("h", 1, "", "");
  EXPECT_EQ(needsAuth.feed("\x05\xff"s, &used), ProxyHandshake::Step::kFailed);
  EXPECT_NE(needsAuth.error().find("requires authentication"), std::string::npos);
  ProxyHandshake notSocks = ProxyHandshake::socks5("h", 1, "", "");
  EXPECT_EQ(notSocks.feed("HTTP/1.1 400"s, &used), ProxyHandshake::Step::kFailed);
  ProxyHandshake refused = ProxyHandshake::socks5("h", 1, "", "");
  refused.feed("\x05\x00"s, &used);
  EXPECT_EQ(refused.feed("\x05\x05\x00\x01\0\0\0\0\0\0"s, &used), ProxyHandshake::Step::kFailed);
  EXPECT_EQ(refused.error(), "the SOCKS5 proxy could not connect: connection refused");
  ProxyHandshake badType = ProxyHandshake::socks5("h", 1, "", "");
  badType.feed("\x05\x00"s, &used);
  EXPECT_EQ(badType.feed("\x05\x00\x00\x09\0\0\0\0\0\0"s, &used), ProxyHandshake::Step::kFailed);
}

TEST(ProxyHandshake, HttpConnect) {
  ProxyHandshake h = ProxyHandshake::httpConnect("::1", 8443, "Basic eA==");
  EXPECT_EQ(
      h.takeOutput(),
      "CONNECT [::1]:8443 HTTP/1.1\r\nHost: [::1]:8443\r\nProxy-Authorization: Basic eA==\r\n\r\n");
  size_t used;
  EXPECT_EQ(h.feed("HTTP/1.1 200 Connection established\r\n", &used),
            ProxyHandshake::Step::kNeedMore);
  std::string head = "HTTP/1.1 200 Connection established\r\nVia: p\r\n\r\n";
  EXPECT_EQ(h.feed(head + "data", &used), ProxyHandshake::Step::kDone);
  EXPECT_EQ(used, head.size());
}

TEST(ProxyHandshake, HttpConnectRefused) {
  size_t used;
  ProxyHandshake denied = ProxyHandshake::httpConnect("h", 1, "");
  EXPECT_EQ(denied.feed("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n", &used),
            ProxyHandshake::Step::kFailed);
  EXPECT_EQ(denied.error(), "the HTTP proxy answered HTTP/1.1 407 Proxy Authentication Required");
  ProxyHandshake endless = ProxyHandshake::httpConnect("h", 1, "");
  EXPECT_EQ(endless.feed(std::string(16384, 'x'), &used), ProxyHandshake::Step::kFailed);
}

}  // namespace
}  // namespace surge
