#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace surge {

// The client side of the talk that opens a tunnel through a proxy before the connection
// is used: SOCKS5 (RFC 1928, with RFC 1929 username/password when given) or HTTP CONNECT
// (RFC 9110 §9.3.6). Pure bytes in and out: the Connector does the I/O. Only the bytes of
// the handshake are consumed, so whatever the target sends right after the proxy's answer
// stays in the socket for the connection.
class ProxyHandshake {
 public:
  enum class Kind { kNone, kSocks5, kHttpConnect };
  enum class Step { kNeedMore, kDone, kFailed };

  ProxyHandshake() = default;
  static ProxyHandshake socks5(std::string host, int port, std::string user, std::string password);
  static ProxyHandshake httpConnect(std::string host, int port, std::string authorization);

  Kind kind() const { return kind_; }
  // What to send now (empty when nothing is due); the caller sends all of it.
  std::string takeOutput();
  // Bytes read from the proxy (peeked: nothing is removed yet). *consumed gets how many of
  // them belong to the handshake (the caller then removes exactly those).
  Step feed(std::string_view data, size_t* consumed);
  // kFailed: why, in words.
  const std::string& error() const { return error_; }

 private:
  enum class State { kGreeting, kAuth, kRequest, kHttpHead, kDone, kFailed };
  Step fail(std::string why);
  void queueSocksRequest();

  Kind kind_ = Kind::kNone;
  State state_ = State::kDone;
  std::string host_;
  int port_ = 0;
  std::string user_, password_, authorization_;
  std::string output_;
  std::string error_;
};

}  // namespace surge
