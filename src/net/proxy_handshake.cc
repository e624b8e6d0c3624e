#include "net/proxy_handshake.h"

#include <arpa/inet.h>

#include <cstring>

namespace surge {

namespace {
constexpr size_t kMaxHttpHead = 16384;

const char* socksReply(unsigned char code) {
  switch (code) {
    case 1:
      return "general SOCKS server failure";
    case 2:
      return "connection not allowed by ruleset";
    case 3:
      return "network unreachable";
    case 4:
      return "host unreachable";
    case 5:
      return "connection refused";
    case 6:
      return "TTL expired";
    case 7:
      return "command not supported";
    case 8:
      return "address type not supported";
    default:
      return "unknown error";
  }
}
}  // namespace

ProxyHandshake ProxyHandshake::socks5(std::string host, int port, std::string user,
                                      std::string password) {
  ProxyHandshake h;
  h.kind_ = Kind::kSocks5;
  h.state_ = State::kGreeting;
  h.host_ = std::move(host);
  h.port_ = port;
  h.user_ = std::move(user);
  h.password_ = std::move(password);
  // Version 5; the methods we offer: no authentication, and username/password if we have one.
  if (h.user_.empty())
    h.output_.assign("\x05\x01\x00", 3);
  else
    h.output_.assign("\x05\x02\x00\x02", 4);
  return h;
}

ProxyHandshake ProxyHandshake::httpConnect(std::string host, int port, std::string authorization) {
  ProxyHandshake h;
  h.kind_ = Kind::kHttpConnect;
  h.state_ = State::kHttpHead;
  std::string target =
      (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
  h.output_ = "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n";
  if (!authorization.empty()) h.output_ += "Proxy-Authorization: " + authorization + "\r\n";
  h.output_ += "\r\n";
  return h;
}

std::string ProxyHandshake::takeOutput() {
  std::string out;
  out.swap(output_);
  return out;
}

ProxyHandshake::Step ProxyHandshake::fail(std::string why) {
  state_ = State::kFailed;
  error_ = std::move(why);
  return Step::kFailed;
}

void ProxyHandshake::queueSocksRequest() {
  std::string r("\x05\x01\x00", 3);  // version, CONNECT, reserved
  in_addr v4;
  in6_addr v6;
  std::string h = host_;
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  if (inet_pton(AF_INET, h.c_str(), &v4) == 1) {
    r += '\x01';
    r.append(reinterpret_cast<const char*>(&v4), 4);
  } else if (inet_pton(AF_INET6, h.c_str(), &v6) == 1) {
    r += '\x04';
    r.append(reinterpret_cast<const char*>(&v6), 16);
  } else {
    r += '\x03';  // a name: the proxy resolves it
    r += static_cast<char>(h.size());
    r += h;
  }
  r += static_cast<char>((port_ >> 8) & 0xff);
  r += static_cast<char>(port_ & 0xff);
  output_ += r;
  state_ = State::kRequest;
}

ProxyHandshake::Step ProxyHandshake::feed(std::string_view data, size_t* consumed) {
  *consumed = 0;
  const auto* b = reinterpret_cast<const unsigned char*>(data.data());
  switch (state_) {
    case State::kGreeting: {
      if (data.size() < 2) return Step::kNeedMore;
      *consumed = 2;
      if (b[0] != 5) return fail("the proxy does not speak SOCKS5");
      if (b[1] == 0) {
        queueSocksRequest();
        return Step::kNeedMore;
      }
      if (b[1] == 2 && !user_.empty()) {
        if (user_.size() > 255 || password_.size() > 255)
          return fail("SOCKS5 username and password are limited to 255 bytes each");
        output_ += '\x01';
        output_ += static_cast<char>(user_.size());
        output_ += user_;
        output_ += static_cast<char>(password_.size());
        output_ += password_;
        state_ = State::kAuth;
        return Step::kNeedMore;
      }
      return fail(user_.empty() ? "the SOCKS5 proxy requires authentication: set "
                                  "proxySocks5Username and proxySocks5Password"
                                : "the SOCKS5 proxy accepts none of our authentication methods");
    }
    case State::kAuth:
      if (data.size() < 2) return Step::kNeedMore;
      *consumed = 2;
      if (b[1] != 0) return fail("the SOCKS5 proxy refused the username or password");
      queueSocksRequest();
      return Step::kNeedMore;
    case State::kRequest: {
      if (data.size() < 5) return Step::kNeedMore;
      if (b[0] != 5) return fail("the proxy does not speak SOCKS5");
      if (b[1] != 0) {
        *consumed = data.size();
        return fail(std::string("the SOCKS5 proxy could not connect: ") + socksReply(b[1]));
      }
      size_t address = b[3] == 1 ? 4 : b[3] == 4 ? 16 : b[3] == 3 ? 1 + size_t{b[4]} : 0;
      if (address == 0) return fail("the SOCKS5 proxy answered with an unknown address type");
      size_t total = 4 + address + 2;
      if (data.size() < total) return Step::kNeedMore;
      *consumed = total;
      state_ = State::kDone;
      return Step::kDone;
    }
    case State::kHttpHead: {
      size_t end = data.find("\r\n\r\n");
      if (end == std::string_view::npos) {
        if (data.size() >= kMaxHttpHead) return fail("the HTTP proxy's answer has no end");
        return Step::kNeedMore;
      }
      *consumed = end + 4;
      std::string_view status = data.substr(0, data.find("\r\n"));
      // "HTTP/1.1 200 Connection established": any 2xx opens the tunnel.
      if (status.size() >= 12 && status.substr(0, 7) == "HTTP/1." && status[9] == '2') {
        state_ = State::kDone;
        return Step::kDone;
      }
      return fail("the HTTP proxy answered " + std::string(status));
    }
    case State::kDone:
      return Step::kDone;
    case State::kFailed:
      return Step::kFailed;
  }
  return Step::kFailed;
}

}  // namespace surge
