#include "net/listen_socket.h"

#include <fcntl.h>
#include <netinet/tcp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace surge {

SystemError::SystemError(const std::string& what, int code)
    : std::runtime_error(what + ": " + std::strerror(code)), code_(code) {}

int createListenSocket(const SocketAddress& address, const ListenOptions& options) {
  int fd = ::socket(address.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) throw SystemError("cannot create a socket for " + address.toString(), errno);
  int one = 1;
  if (address.family() != AF_UNIX) {
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (options.reusePort && setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0) {
      int err = errno;
      ::close(fd);
      throw SystemError("cannot set SO_REUSEPORT on " + address.toString(), err);
    }
  } else {
    removeStaleUnixSocket(address.ip());
  }
  if (::bind(fd, address.get(), address.length()) != 0) {
    int err = errno;
    ::close(fd);
    std::string hint = err == EADDRINUSE
                           ? " (another process listens there: stop it or choose another port)"
                       : err == EACCES ? " (ports below 1024 need root)"
                                       : "";
    throw SystemError("cannot listen on " + address.toString() + hint, err);
  }
  if (::listen(fd, options.backlog) != 0) {
    int err = errno;
    ::close(fd);
    throw SystemError("listen() failed on " + address.toString(), err);
  }
  return fd;
}

void removeStaleUnixSocket(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISSOCK(st.st_mode)) return;
  SocketAddress address = SocketAddress::parse("unix", path);
  int probe = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (probe < 0) return;
  bool alive = ::connect(probe, address.get(), address.length()) == 0;
  ::close(probe);
  if (!alive) ::unlink(path.c_str());
}

}  // namespace surge
