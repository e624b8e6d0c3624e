#pragma once

#include <stdexcept>
#include <string>

#include "net/socket_address.h"

namespace surge {

// A socket call that failed; `code()` is the errno.
class SystemError : public std::runtime_error {
 public:
  SystemError(const std::string& what, int code);
  int code() const { return code_; }

 private:
  int code_;
};

struct ListenOptions {
  int backlog = 102400;
  bool reusePort = false;
};

// Creates a non-blocking, close-on-exec listening socket bound to `address`. Throws
// SystemError with a message that names the address and the reason.
int createListenSocket(const SocketAddress& address, const ListenOptions& options);

// Removes a stale Unix socket file (nobody accepts on it) so that bind() can succeed;
// a live one is left alone and bind() then reports "Address already in use".
void removeStaleUnixSocket(const std::string& path);

}  // namespace surge
