#include "net/datagram_socket.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>

#include "net/listen_socket.h"

namespace surge {

namespace {
int openSocket(const SocketAddress& address) {
  int fd = ::socket(address.family(), SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) throw SystemError("cannot create a datagram socket for " + address.toString(), errno);
  return fd;
}

[[noreturn]] void fail(int fd, const std::string& what) {
  int err = errno;
  ::close(fd);
  throw SystemError(what, err);
}
}  // namespace

int DatagramSocket::bind(const SocketAddress& address, bool reusePort) {
  int fd = openSocket(address);
  int one = 1;
  if (address.family() == AF_UNIX) {
    // A file left by a server that is gone; a live one makes bind() fail as it should.
    ::unlink(address.ip().c_str());
  } else {
    // No SO_REUSEADDR: UDP has no TIME_WAIT to step over, and on Linux it would let a
    // second server bind the same port silently instead of failing with "in use".
    if (reusePort && setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0)
      fail(fd, "cannot set SO_REUSEPORT on " + address.toString());
  }
  if (::bind(fd, address.get(), address.length()) != 0) {
    std::string hint = errno == EADDRINUSE
                           ? " (another process uses it: stop it or choose another port)"
                       : errno == EACCES ? " (ports below 1024 need root)"
                                         : "";
    fail(fd, "cannot bind " + address.toString() + hint);
  }
  return fd;
}

int DatagramSocket::connect(const SocketAddress& remote) {
  int fd = openSocket(remote);
  if (remote.family() == AF_UNIX) {
    sockaddr_un self{};
    self.sun_family = AF_UNIX;
    // Only the family: Linux picks a unique abstract name ("autobind").
    if (::bind(fd, reinterpret_cast<sockaddr*>(&self), sizeof(sa_family_t)) != 0)
      fail(fd, "cannot bind a local address for " + remote.toString());
  }
  if (::connect(fd, remote.get(), remote.length()) != 0)
    fail(fd, "cannot connect to " + remote.toString());
  return fd;
}

DatagramSocket::Received DatagramSocket::receive(int fd, char* buffer, size_t capacity,
                                                 Datagram* out) {
  sockaddr_storage from{};
  socklen_t fromLength = sizeof from;
  ssize_t n;
  do {
    // MSG_TRUNC: the datagram's real size, so that a truncated one is recognised.
    n = ::recvfrom(fd, buffer, capacity, MSG_TRUNC, reinterpret_cast<sockaddr*>(&from),
                   &fromLength);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK) return Received::kWouldBlock;
    out->error = errno;
    return Received::kError;
  }
  out->fullSize = static_cast<size_t>(n);
  out->size = out->fullSize < capacity ? out->fullSize : capacity;
  out->from = fromLength > 0
                  ? SocketAddress::fromSockaddr(reinterpret_cast<sockaddr*>(&from), fromLength)
                  : SocketAddress();
  out->error = 0;
  return Received::kDatagram;
}

int DatagramSocket::send(int fd, const char* data, size_t size, const SocketAddress* to) {
  ssize_t n;
  do {
    n = to ? ::sendto(fd, data, size, MSG_NOSIGNAL, to->get(), to->length())
           : ::send(fd, data, size, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return errno;
  return static_cast<size_t>(n) == size ? 0 : EMSGSIZE;
}

}  // namespace surge
