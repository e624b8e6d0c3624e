#include "net/socket_address.h"

#include <arpa/inet.h>
#include <netdb.h>

#include <cstring>

namespace surge {

namespace {
bool isSchemeChar(char c, bool first) {
  bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return first ? alpha : alpha || (c >= '0' && c <= '9');
}

int parsePort(std::string_view text, std::string_view whole) {
  if (text.empty() || text.size() > 5)
    throw AddressError("invalid port in '" + std::string(whole) + "': expected 0-65535");
  int port = 0;
  for (char c : text) {
    if (c < '0' || c > '9')
      throw AddressError("invalid port in '" + std::string(whole) + "': expected 0-65535");
    port = port * 10 + (c - '0');
  }
  if (port > 65535)
    throw AddressError("invalid port in '" + std::string(whole) + "': expected 0-65535");
  return port;
}
}  // namespace

SocketName SocketName::parse(std::string_view name) {
  size_t sep = name.find("://");
  if (sep == std::string_view::npos || sep == 0)
    throw AddressError(
        "invalid socket name '" + std::string(name) +
        "': expected scheme://address, e.g. tcp://0.0.0.0:8080 or unix:///run/app.sock");
  std::string_view scheme = name.substr(0, sep);
  for (size_t i = 0; i < scheme.size(); ++i) {
    if (!isSchemeChar(scheme[i], i == 0))
      throw AddressError("invalid protocol scheme '" + std::string(scheme) +
                         "': a scheme is a letter followed by letters or digits");
  }
  SocketName out;
  // Lower-cased as documented, so "Text://" and "text://" name the same protocol.
  for (char c : scheme)
    out.scheme.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  out.address.assign(name.substr(sep + 3));
  if (out.address.empty())
    throw AddressError("invalid socket name '" + std::string(name) + "': the address is empty");
  return out;
}

SocketAddress SocketAddress::parse(std::string_view transport, std::string_view address) {
  SocketAddress out;
  if (transport == "unix") {
    if (address.empty() || address.size() >= sizeof(sockaddr_un{}.sun_path))
      throw AddressError("invalid unix socket path '" + std::string(address) +
                         "': it must be non-empty and shorter than 108 bytes");
    auto* un = reinterpret_cast<sockaddr_un*>(&out.storage_);
    un->sun_family = AF_UNIX;
    std::memcpy(un->sun_path, address.data(), address.size());
    out.length_ = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + address.size() + 1);
    return out;
  }
  if (transport != "tcp" && transport != "udp")
    throw AddressError("unsupported transport '" + std::string(transport) + "': use tcp or unix");

  std::string host;
  std::string_view portText;
  if (!address.empty() && address.front() == '[') {
    size_t close = address.find(']');
    if (close == std::string_view::npos || close + 1 >= address.size() || address[close + 1] != ':')
      throw AddressError("invalid address '" + std::string(address) + "': expected [ipv6]:port");
    host.assign(address.substr(1, close - 1));
    portText = address.substr(close + 2);
  } else {
    size_t colon = address.rfind(':');
    if (colon == std::string_view::npos)
      throw AddressError("invalid address '" + std::string(address) +
                         "': expected host:port, e.g. 127.0.0.1:8080 or [::1]:8080");
    host.assign(address.substr(0, colon));
    portText = address.substr(colon + 1);
    if (host.find(':') != std::string::npos)
      throw AddressError("invalid address '" + std::string(address) +
                         "': write IPv6 addresses in brackets, e.g. [::1]:8080");
  }
  int port = parsePort(portText, address);
  if (host.empty())
    throw AddressError("invalid address '" + std::string(address) + "': the host is empty");

  auto* in4 = reinterpret_cast<sockaddr_in*>(&out.storage_);
  auto* in6 = reinterpret_cast<sockaddr_in6*>(&out.storage_);
  if (inet_pton(AF_INET, host.c_str(), &in4->sin_addr) == 1) {
    in4->sin_family = AF_INET;
    in4->sin_port = htons(static_cast<uint16_t>(port));
    out.length_ = sizeof(sockaddr_in);
    return out;
  }
  if (inet_pton(AF_INET6, host.c_str(), &in6->sin6_addr) == 1) {
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(static_cast<uint16_t>(port));
    out.length_ = sizeof(sockaddr_in6);
    return out;
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  int rc = getaddrinfo(host.c_str(), nullptr, &hints, &found);
  if (rc != 0 || found == nullptr)
    throw AddressError("cannot resolve host '" + host + "': " + gai_strerror(rc));
  std::memcpy(&out.storage_, found->ai_addr, found->ai_addrlen);
  out.length_ = static_cast<socklen_t>(found->ai_addrlen);
  freeaddrinfo(found);
  if (out.storage_.ss_family == AF_INET)
    in4->sin_port = htons(static_cast<uint16_t>(port));
  else
    in6->sin6_port = htons(static_cast<uint16_t>(port));
  return out;
}

SocketAddress SocketAddress::fromSockaddr(const sockaddr* sa, socklen_t length) {
  SocketAddress out;
  if (length > sizeof(out.storage_)) length = sizeof(out.storage_);
  std::memcpy(&out.storage_, sa, length);
  out.length_ = length;
  return out;
}

std::string SocketAddress::ip() const {
  char text[INET6_ADDRSTRLEN] = "";
  if (family() == AF_INET) {
    // By hand: glibc's inet_ntop formats IPv4 with sprintf, which cost an access log line
    // (getRemoteIp(), the connection list) more than the rest of it together.
    const auto* bytes = reinterpret_cast<const unsigned char*>(
        &reinterpret_cast<const sockaddr_in*>(&storage_)->sin_addr);
    char* out = text;
    for (int i = 0; i < 4; ++i) {
      unsigned v = bytes[i];
      if (v >= 100) *out++ = static_cast<char>('0' + v / 100);
      if (v >= 10) *out++ = static_cast<char>('0' + v / 10 % 10);
      *out++ = static_cast<char>('0' + v % 10);
      if (i < 3) *out++ = '.';
    }
    return std::string(text, static_cast<size_t>(out - text));
  } else if (family() == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&storage_)->sin6_addr, text,
              sizeof text);
  } else if (family() == AF_UNIX) {
    const auto* un = reinterpret_cast<const sockaddr_un*>(&storage_);
    if (length_ > offsetof(sockaddr_un, sun_path))
      return std::string(un->sun_path,
                         strnlen(un->sun_path, length_ - offsetof(sockaddr_un, sun_path)));
    return {};
  }
  return text;
}

int SocketAddress::port() const {
  if (family() == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in*>(&storage_)->sin_port);
  if (family() == AF_INET6)
    return ntohs(reinterpret_cast<const sockaddr_in6*>(&storage_)->sin6_port);
  return 0;
}

std::string SocketAddress::toString() const {
  if (family() == AF_UNIX) return ip();
  if (family() == AF_INET6) return "[" + ip() + "]:" + std::to_string(port());
  if (family() == AF_INET) return ip() + ":" + std::to_string(port());
  return {};
}

}  // namespace surge
