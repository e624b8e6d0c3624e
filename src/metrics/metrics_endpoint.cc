#include "metrics/metrics_endpoint.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "net/listen_socket.h"
#include "net/socket_address.h"
#include "protocol/http/request_parser.h"
#include "protocol/http/status_phrases.h"

namespace surge {

namespace {

constexpr const char* kExample = "e.g. 'http://127.0.0.1:9100' or 'http://[::1]:9100'";

std::string describe(int status) {
  return std::string(protocol::httpReasonPhrase(status)) + "\n";
}

}  // namespace

MetricsEndpoint::MetricsEndpoint(std::function<std::string()> render, double idleTimeout)
    : render_(std::move(render)), idleTimeout_(idleTimeout) {}

MetricsEndpoint::~MetricsEndpoint() {
  if (owner_ != ::getpid()) return;
  for (auto& entry : clients_) ::close(entry.first);
  if (listenFd_ >= 0) ::close(listenFd_);
}

double MetricsEndpoint::now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void MetricsEndpoint::listen(const std::string& address) {
  SocketName name;
  try {
    name = SocketName::parse(address);
  } catch (const std::exception& e) {
    throw std::invalid_argument(std::string(e.what()) + "; use " + kExample);
  }
  if (name.scheme != "http")
    throw std::invalid_argument("the scheme must be http://, " + std::string(kExample));
  SocketAddress where;
  try {
    where = SocketAddress::parse("tcp", name.address);
  } catch (const std::exception& e) {
    throw std::invalid_argument(std::string(e.what()) + "; use " + kExample);
  }
  ListenOptions options;
  options.backlog = 128;
  try {
    listenFd_ = createListenSocket(where, options);
  } catch (const std::exception& e) {
    // The socket layer's message names the address and what to do.
    throw std::runtime_error(e.what());
  }
  owner_ = ::getpid();
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  ::getsockname(listenFd_, reinterpret_cast<sockaddr*>(&bound), &length);
  SocketAddress actual = SocketAddress::fromSockaddr(reinterpret_cast<sockaddr*>(&bound), length);
  port_ = actual.port();
  address_ = "http://" + actual.toString();
}

void MetricsEndpoint::attach(Watcher watcher) {
  // The serving process owns the descriptors (a daemon's master is a fork of the process
  // that listened).
  if (listenFd_ >= 0) owner_ = ::getpid();
  watcher_ = std::move(watcher);
  attached_ = true;
  if (listenFd_ >= 0) watcher_.watch(listenFd_, POLLIN, [this](short) { onAccept(); });
}

void MetricsEndpoint::detach() {
  if (owner_ != ::getpid()) return;
  std::vector<int> fds;
  for (auto& entry : clients_) fds.push_back(entry.first);
  for (int fd : fds) drop(fd);
  if (listenFd_ >= 0) {
    if (attached_) watcher_.unwatch(listenFd_);
    ::close(listenFd_);
    listenFd_ = -1;
  }
  attached_ = false;
}

void MetricsEndpoint::sweep() {
  double limit = now() - idleTimeout_;
  std::vector<int> idle;
  for (auto& entry : clients_)
    if (entry.second->lastActivity < limit) idle.push_back(entry.first);
  for (int fd : idle) drop(fd);
}

void MetricsEndpoint::onAccept() {
  for (;;) {
    int fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;  // EAGAIN, or a client already gone, or out of descriptors
    if (clients_.size() >= kMaxClients) {
      ::close(fd);  // scrapers come once in a while: this many at once is not one of them
      continue;
    }
    auto client = std::make_unique<Client>();
    client->lastActivity = now();
    clients_[fd] = std::move(client);
    watcher_.watch(fd, POLLIN, [this, fd](short revents) { onClient(fd, revents); });
  }
}

void MetricsEndpoint::onClient(int fd, short revents) {
  auto it = clients_.find(fd);
  if (it == clients_.end()) return;
  Client& client = *it->second;
  if (!client.out.empty()) {
    if (revents & (POLLERR | POLLHUP | POLLNVAL)) {
      drop(fd);
      return;
    }
    flush(fd, client);
    return;
  }
  readRequest(fd, client);
}

void MetricsEndpoint::readRequest(int fd, Client& client) {
  char chunk[4096];
  for (;;) {
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      drop(fd);
      return;
    }
    if (n == 0) {  // the client left before its request was whole
      drop(fd);
      return;
    }
    client.lastActivity = now();
    client.in.append(chunk, static_cast<size_t>(n));
    if (client.in.size() > kMaxHead) break;
  }
  protocol::HttpLimits limits;
  limits.maxHeaderBytes = kMaxHead;
  limits.maxBodyBytes = 0;
  protocol::HttpRequestHead head;
  auto status = protocol::HttpRequestParser::parse(client.in, limits, &head);
  if (status == protocol::HttpParseStatus::kNeedMore) {
    // A head over the limit is an error even while it is still arriving.
    if (client.in.size() > kMaxHead) answer(fd, client, 431, describe(431), false);
    return;
  }
  if (status == protocol::HttpParseStatus::kError) {
    int code = head.errorStatus ? head.errorStatus : 400;
    answer(fd, client, code, describe(code), false);
    return;
  }
  bool isHead = head.method == "HEAD";
  if (head.method != "GET" && !isHead) {
    answer(fd, client, 405, describe(405), false, "Allow: GET, HEAD\r\n");
    return;
  }
  std::string_view path = head.target.substr(0, head.target.find('?'));
  if (path != "/metrics") {
    answer(fd, client, 404, "Not Found: metrics are at /metrics\n", isHead);
    return;
  }
  std::string body;
  try {
    body = render_();
  } catch (const std::exception& e) {
    answer(fd, client, 500, std::string("cannot render the metrics: ") + e.what() + "\n", isHead);
    return;
  }
  answer(fd, client, 200, body, isHead);
}

void MetricsEndpoint::answer(int fd, Client& client, int status, const std::string& body,
                             bool headOnly, const char* extraHeader) {
  const char* type =
      status == 200 ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain; charset=utf-8";
  std::string& out = client.out;
  out = "HTTP/1.1 " + std::to_string(status) + " " +
        std::string(protocol::httpReasonPhrase(status)) + "\r\nContent-Type: " + type +
        "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n";
  if (extraHeader) out += extraHeader;
  out += "\r\n";
  if (!headOnly) out += body;
  client.in.clear();
  client.in.shrink_to_fit();
  flush(fd, client);
}

void MetricsEndpoint::flush(int fd, Client& client) {
  while (client.sent < client.out.size()) {
    ssize_t n =
        ::send(fd, client.out.data() + client.sent, client.out.size() - client.sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        // The rest leaves when the client reads: wait for room instead of blocking.
        watcher_.watch(fd, POLLOUT, [this, fd](short revents) { onClient(fd, revents); });
        return;
      }
      drop(fd);
      return;
    }
    client.sent += static_cast<size_t>(n);
    client.lastActivity = now();
  }
  // Connection: close. Half-close first so that the client reads the whole answer.
  ::shutdown(fd, SHUT_WR);
  drop(fd);
}

void MetricsEndpoint::drop(int fd) {
  auto it = clients_.find(fd);
  if (it == clients_.end()) return;
  if (attached_) watcher_.unwatch(fd);
  ::close(fd);
  clients_.erase(it);
}

}  // namespace surge
