#pragma once

#include <sys/types.h>

#include <cstddef>

#include "net/socket_address.h"

namespace surge {

// Non-blocking datagram sockets: UDP over IPv4/IPv6 (`udp` addresses) and Unix datagram
// sockets (`unix` addresses). Datagrams keep their boundaries, so there is no buffering
// here: one receive is one message, one send one datagram.
class DatagramSocket {
 public:
  // A socket bound to `address` for a server (SO_REUSEPORT with `reusePort`: each
  // process binds its own and the kernel spreads datagrams by sender). Throws SystemError.
  static int bind(const SocketAddress& address, bool reusePort);
  // A socket connected to `remote` for a client: it receives only what that peer sends,
  // and an ICMP "port unreachable" shows as ECONNREFUSED on the next receive. A Unix one
  // is bound to an automatic abstract address so that the server can answer it.
  static int connect(const SocketAddress& remote);

  enum class Received { kDatagram, kWouldBlock, kError };
  struct Datagram {
    size_t size = 0;      // bytes in the buffer
    size_t fullSize = 0;  // bytes the sender sent (> size: truncated)
    SocketAddress from;   // the sender (servers)
    int error = 0;        // kError: errno
  };
  // Receives one datagram into `buffer`.
  static Received receive(int fd, char* buffer, size_t capacity, Datagram* out);
  // Sends one datagram, to `to` or (null) to the connected peer. Returns the errno, 0 if
  // the whole datagram was handed to the kernel.
  static int send(int fd, const char* data, size_t size, const SocketAddress* to);
};

}  // namespace surge
