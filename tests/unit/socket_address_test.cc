#include "net/socket_address.h"

#include <arpa/inet.h>
#include <sys/un.h>

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "test_support.h"

namespace surge {
namespace {

using surge::testing::Contains;

// The message of the AddressError thrown by fn(), or "" (and a test failure) if none.
template <typename Fn>
std::string addressError(Fn fn) {
  try {
    fn();
  } catch (const AddressError& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "unexpected exception type: " << e.what();
    return "";
  }
  ADD_FAILURE() << "no AddressError thrown";
  return "";
}

// ---------------------------------------------------------------- SocketName

TEST(SocketNameTest, SplitsSchemeAndAddress) {
  SocketName n = SocketName::parse("tcp://0.0.0.0:8080");
  EXPECT_EQ(n.scheme, "tcp");
  EXPECT_EQ(n.address, "0.0.0.0:8080");

  n = SocketName::parse("unix:///run/app.sock");
  EXPECT_EQ(n.scheme, "unix");
  EXPECT_EQ(n.address, "/run/app.sock");

  n = SocketName::parse("text://[::1]:2345");
  EXPECT_EQ(n.scheme, "text");
  EXPECT_EQ(n.address, "[::1]:2345");
}

TEST(SocketNameTest, SchemeMayContainDigitsAfterTheFirstLetter) {
  SocketName n = SocketName::parse("h2c://127.0.0.1:80");
  EXPECT_EQ(n.scheme, "h2c");
  EXPECT_EQ(n.address, "127.0.0.1:80");
  n = SocketName::parse("x://a");
  EXPECT_EQ(n.scheme, "x");
  EXPECT_EQ(n.address, "a");
}

TEST(SocketNameTest, SchemeIsLowerCased) {
  SocketName n = SocketName::parse("Frame://127.0.0.1:1");
  EXPECT_EQ(n.scheme, "frame");
  EXPECT_EQ(n.address, "127.0.0.1:1");
  n = SocketName::parse("TCP2://Host.Example:80");
  EXPECT_EQ(n.scheme, "tcp2");
  EXPECT_EQ(n.address, "Host.Example:80");  // the address keeps its case
}

TEST(SocketNameTest, OnlyTheFirstSeparatorSplits) {
  SocketName n = SocketName::parse("ws://host:1/path://x");
  EXPECT_EQ(n.scheme, "ws");
  EXPECT_EQ(n.address, "host:1/path://x");
}

TEST(SocketNameTest, MissingSchemeIsAnError) {
  std::string e = addressError([] { SocketName::parse("127.0.0.1:8080"); });
  EXPECT_TRUE(Contains(e, "invalid socket name '127.0.0.1:8080'"));
  EXPECT_TRUE(Contains(e, "expected scheme://address"));

  e = addressError([] { SocketName::parse("://127.0.0.1:8080"); });
  EXPECT_TRUE(Contains(e, "invalid socket name '://127.0.0.1:8080'"));

  e = addressError([] { SocketName::parse(""); });
  EXPECT_TRUE(Contains(e, "expected scheme://address"));

  e = addressError([] { SocketName::parse("tcp:/127.0.0.1:80"); });
  EXPECT_TRUE(Contains(e, "expected scheme://address"));
}

TEST(SocketNameTest, BadSchemeCharactersAreAnError) {
  for (const char* name : {"1tcp://127.0.0.1:80", "t-cp://127.0.0.1:80", "tc p://x:1",
                           "tcp+tls://x:1", "_x://x:1", "t.cp://x:1", "é://x:1"}) {
    std::string e = addressError([&] { SocketName::parse(name); });
    EXPECT_TRUE(Contains(e, "invalid protocol scheme")) << name;
    EXPECT_TRUE(Contains(e, "a scheme is a letter followed by letters or digits")) << name;
  }
  std::string e = addressError([] { SocketName::parse("9://x:1"); });
  EXPECT_TRUE(Contains(e, "'9'"));
}

TEST(SocketNameTest, EmptyAddressIsAnError) {
  std::string e = addressError([] { SocketName::parse("tcp://"); });
  EXPECT_TRUE(Contains(e, "invalid socket name 'tcp://'"));
  EXPECT_TRUE(Contains(e, "the address is empty"));
}

TEST(SocketNameTest, AddressErrorIsAnInvalidArgument) {
  EXPECT_THROW(SocketName::parse("nothing"), std::invalid_argument);
}

// ------------------------------------------------------------- SocketAddress

TEST(SocketAddressTest, Ipv4) {
  SocketAddress a = SocketAddress::parse("tcp", "127.0.0.1:80");
  EXPECT_EQ(a.family(), AF_INET);
  EXPECT_EQ(a.length(), sizeof(sockaddr_in));
  EXPECT_EQ(a.ip(), "127.0.0.1");
  EXPECT_EQ(a.port(), 80);
  EXPECT_EQ(a.toString(), "127.0.0.1:80");
  const auto* in = reinterpret_cast<const sockaddr_in*>(a.get());
  EXPECT_EQ(ntohs(in->sin_port), 80);
  EXPECT_EQ(ntohl(in->sin_addr.s_addr), INADDR_LOOPBACK);
}

TEST(SocketAddressTest, Ipv4TextOfEveryDigitCount) {
  for (const char* ip : {"1.22.255.0", "10.200.3.99", "255.255.255.255", "100.9.10.199"})
    EXPECT_EQ(SocketAddress::parse("tcp", std::string(ip) + ":1").ip(), ip);
}

TEST(SocketAddressTest, Ipv4AnyAndPortZero) {
  SocketAddress a = SocketAddress::parse("tcp", "0.0.0.0:0");
  EXPECT_EQ(a.family(), AF_INET);
  EXPECT_EQ(a.ip(), "0.0.0.0");
  EXPECT_EQ(a.port(), 0);
  EXPECT_EQ(a.toString(), "0.0.0.0:0");
}

TEST(SocketAddressTest, PortBoundaries) {
  EXPECT_EQ(SocketAddress::parse("tcp", "127.0.0.1:65535").port(), 65535);
  EXPECT_EQ(SocketAddress::parse("tcp", "127.0.0.1:00080").port(), 80);
  EXPECT_EQ(SocketAddress::parse("tcp", "127.0.0.1:1").port(), 1);
}

TEST(SocketAddressTest, Ipv6InBrackets) {
  SocketAddress a = SocketAddress::parse("tcp", "[::1]:8080");
  EXPECT_EQ(a.family(), AF_INET6);
  EXPECT_EQ(a.length(), sizeof(sockaddr_in6));
  EXPECT_EQ(a.ip(), "::1");
  EXPECT_EQ(a.port(), 8080);
  EXPECT_EQ(a.toString(), "[::1]:8080");

  SocketAddress any = SocketAddress::parse("tcp", "[::]:0");
  EXPECT_EQ(any.ip(), "::");
  EXPECT_EQ(any.toString(), "[::]:0");

  SocketAddress mapped = SocketAddress::parse("tcp", "[::ffff:127.0.0.1]:9");
  EXPECT_EQ(mapped.family(), AF_INET6);
  EXPECT_EQ(mapped.ip(), "::ffff:127.0.0.1");
  EXPECT_EQ(mapped.toString(), "[::ffff:127.0.0.1]:9");
}

TEST(SocketAddressTest, UdpTransportParsesLikeTcp) {
  SocketAddress a = SocketAddress::parse("udp", "127.0.0.1:53");
  EXPECT_EQ(a.family(), AF_INET);
  EXPECT_EQ(a.toString(), "127.0.0.1:53");
}

TEST(SocketAddressTest, LocalhostResolves) {
  SocketAddress a = SocketAddress::parse("tcp", "localhost:80");
  ASSERT_TRUE(a.family() == AF_INET || a.family() == AF_INET6) << a.family();
  EXPECT_EQ(a.port(), 80);
  EXPECT_TRUE(a.ip() == "127.0.0.1" || a.ip() == "::1") << a.ip();
  if (a.family() == AF_INET)
    EXPECT_EQ(a.toString(), "127.0.0.1:80");
  else
    EXPECT_EQ(a.toString(), "[::1]:80");
}

TEST(SocketAddressTest, UnresolvableHostIsAnError) {
  std::string e = addressError([] { SocketAddress::parse("tcp", "no-such-host.invalid:80"); });
  EXPECT_TRUE(Contains(e, "cannot resolve host 'no-such-host.invalid'"));
}

TEST(SocketAddressTest, UnixPath) {
  SocketAddress a = SocketAddress::parse("unix", "/run/app.sock");
  EXPECT_EQ(a.family(), AF_UNIX);
  EXPECT_EQ(a.ip(), "/run/app.sock");
  EXPECT_EQ(a.port(), 0);
  EXPECT_EQ(a.toString(), "/run/app.sock");
  EXPECT_EQ(a.length(), offsetof(sockaddr_un, sun_path) + std::strlen("/run/app.sock") + 1);
  const auto* un = reinterpret_cast<const sockaddr_un*>(a.get());
  EXPECT_STREQ(un->sun_path, "/run/app.sock");

  SocketAddress relative = SocketAddress::parse("unix", "app.sock");
  EXPECT_EQ(relative.toString(), "app.sock");
}

TEST(SocketAddressTest, UnixPathLengthLimit) {
  std::string longest(sizeof(sockaddr_un{}.sun_path) - 1, 'p');  // 107 bytes + NUL fits
  longest[0] = '/';
  SocketAddress a = SocketAddress::parse("unix", longest);
  EXPECT_EQ(a.ip(), longest);
  EXPECT_EQ(a.toString(), longest);

  std::string tooLong = longest + "x";  // 108 bytes: no room for the NUL
  std::string e = addressError([&] { SocketAddress::parse("unix", tooLong); });
  EXPECT_TRUE(Contains(e, "invalid unix socket path"));
  EXPECT_TRUE(Contains(e, "shorter than 108 bytes"));

  e = addressError([] { SocketAddress::parse("unix", ""); });
  EXPECT_TRUE(Contains(e, "invalid unix socket path ''"));
}

TEST(SocketAddressTest, MissingPortIsAnError) {
  std::string e = addressError([] { SocketAddress::parse("tcp", "127.0.0.1"); });
  EXPECT_TRUE(Contains(e, "invalid address '127.0.0.1'"));
  EXPECT_TRUE(Contains(e, "expected host:port"));

  e = addressError([] { SocketAddress::parse("tcp", "127.0.0.1:"); });
  EXPECT_TRUE(Contains(e, "invalid port in '127.0.0.1:'"));
  EXPECT_TRUE(Contains(e, "expected 0-65535"));

  e = addressError([] { SocketAddress::parse("tcp", "[::1]"); });
  EXPECT_TRUE(Contains(e, "expected [ipv6]:port"));

  e = addressError([] { SocketAddress::parse("tcp", "[::1]:"); });
  EXPECT_TRUE(Contains(e, "invalid port in '[::1]:'"));

  e = addressError([] { SocketAddress::parse("tcp", "[::1]8080"); });
  EXPECT_TRUE(Contains(e, "expected [ipv6]:port"));

  e = addressError([] { SocketAddress::parse("tcp", "[::1:8080"); });
  EXPECT_TRUE(Contains(e, "expected [ipv6]:port"));

  e = addressError([] { SocketAddress::parse("tcp", ""); });
  EXPECT_TRUE(Contains(e, "expected host:port"));
}

TEST(SocketAddressTest, PortAbove65535IsAnError) {
  for (const char* address : {"127.0.0.1:65536", "127.0.0.1:99999", "127.0.0.1:100000",
                              "[::1]:70000", "127.0.0.1:4294967376"}) {
    std::string e = addressError([&] { SocketAddress::parse("tcp", address); });
    EXPECT_TRUE(Contains(e, std::string("invalid port in '") + address + "'")) << address;
    EXPECT_TRUE(Contains(e, "expected 0-65535")) << address;
  }
}

TEST(SocketAddressTest, NonDigitPortIsAnError) {
  for (const char* address : {"127.0.0.1:http", "127.0.0.1:80a", "127.0.0.1:-1", "127.0.0.1:+80",
                              "127.0.0.1: 80", "127.0.0.1:8 0", "[::1]:x"}) {
    std::string e = addressError([&] { SocketAddress::parse("tcp", address); });
    EXPECT_TRUE(Contains(e, "invalid port")) << address;
  }
}

TEST(SocketAddressTest, UnbracketedIpv6IsAnError) {
  std::string e = addressError([] { SocketAddress::parse("tcp", "::1:8080"); });
  EXPECT_TRUE(Contains(e, "invalid address '::1:8080'"));
  EXPECT_TRUE(Contains(e, "write IPv6 addresses in brackets"));

  e = addressError([] { SocketAddress::parse("tcp", "fe80::1:80"); });
  EXPECT_TRUE(Contains(e, "write IPv6 addresses in brackets"));
}

TEST(SocketAddressTest, EmptyHostIsAnError) {
  std::string e = addressError([] { SocketAddress::parse("tcp", ":80"); });
  EXPECT_TRUE(Contains(e, "the host is empty"));
  e = addressError([] { SocketAddress::parse("tcp", "[]:80"); });
  EXPECT_TRUE(Contains(e, "the host is empty"));
}

TEST(SocketAddressTest, UnsupportedTransportIsAnError) {
  std::string e = addressError([] { SocketAddress::parse("sctp", "127.0.0.1:80"); });
  EXPECT_TRUE(Contains(e, "unsupported transport 'sctp'"));
  EXPECT_TRUE(Contains(e, "use tcp or unix"));
}

TEST(SocketAddressTest, FromSockaddrRoundTrips) {
  SocketAddress v4 = SocketAddress::parse("tcp", "10.1.2.3:4567");
  SocketAddress copy = SocketAddress::fromSockaddr(v4.get(), v4.length());
  EXPECT_EQ(copy.family(), AF_INET);
  EXPECT_EQ(copy.toString(), "10.1.2.3:4567");

  SocketAddress v6 = SocketAddress::parse("tcp", "[2001:db8::42]:443");
  copy = SocketAddress::fromSockaddr(v6.get(), v6.length());
  EXPECT_EQ(copy.ip(), "2001:db8::42");
  EXPECT_EQ(copy.port(), 443);
  EXPECT_EQ(copy.toString(), "[2001:db8::42]:443");

  SocketAddress un = SocketAddress::parse("unix", "/tmp/x.sock");
  copy = SocketAddress::fromSockaddr(un.get(), un.length());
  EXPECT_EQ(copy.toString(), "/tmp/x.sock");

  // An unnamed Unix peer (what accept() reports for a client that did not bind).
  sockaddr_un unnamed{};
  unnamed.sun_family = AF_UNIX;
  copy = SocketAddress::fromSockaddr(reinterpret_cast<sockaddr*>(&unnamed), sizeof(sa_family_t));
  EXPECT_EQ(copy.family(), AF_UNIX);
  EXPECT_EQ(copy.ip(), "");
  EXPECT_EQ(copy.port(), 0);
}

TEST(SocketAddressTest, DefaultConstructedIsEmpty) {
  SocketAddress a;
  EXPECT_EQ(a.length(), 0u);
  EXPECT_EQ(a.ip(), "");
  EXPECT_EQ(a.port(), 0);
  EXPECT_EQ(a.toString(), "");
}

}  // namespace
}  // namespace surge
