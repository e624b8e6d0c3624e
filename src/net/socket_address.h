// src/net owns sockets: addresses, listening sockets, accepted connections and their
// buffered, non-blocking I/O. It knows the event loop but no protocol and no PHP.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace surge {

// A configuration mistake in an address; the message says what is wrong and how a
// correct one looks.
class AddressError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// `scheme://address` split in two; the scheme is lower-cased.
struct SocketName {
  std::string scheme;
  std::string address;

  static SocketName parse(std::string_view name);
};

// A resolved IPv4, IPv6 or Unix-domain socket address.
class SocketAddress {
 public:
  SocketAddress() = default;

  // `transport` is "tcp" or "unix". TCP addresses are `host:port`, `[v6]:port`; the host
  // may be a name, resolved once here. Unix addresses are paths.
  static SocketAddress parse(std::string_view transport, std::string_view address);
  static SocketAddress fromSockaddr(const sockaddr* sa, socklen_t length);

  int family() const { return storage_.ss_family; }
  const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&storage_); }
  socklen_t length() const { return length_; }

  // Numeric IP without brackets ("::1"), or the path of a Unix socket.
  std::string ip() const;
  int port() const;
  // `ip:port`, with IPv6 in brackets (`[::1]:80`); the path for Unix sockets.
  std::string toString() const;

 private:
  sockaddr_storage storage_{};
  socklen_t length_ = 0;
};

}  // namespace surge
