#include "net/connector.h"

#include "event/event_guard.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <thread>

#include <event2/event.h>

#include "event/event_loop.h"

namespace surge {

// One name lookup, shared by the loop and the thread that runs getaddrinfo(): whichever
// lets go last closes the eventfd, so the thread never writes into a descriptor number
// the loop has closed and reused.
struct HostLookup {
  std::string host;
  int port = 0;
  int eventFd = -1;
  std::mutex mutex;
  std::vector<SocketAddress> addresses;  // written by the thread, read after the wake-up
  std::string error;

  ~HostLookup() {
    if (eventFd >= 0) ::close(eventFd);
  }

  static void run(std::shared_ptr<HostLookup> self) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_ADDRCONFIG;
    addrinfo* list = nullptr;
    std::string service = std::to_string(self->port);
    int rc = ::getaddrinfo(self->host.c_str(), service.c_str(), &hints, &list);
    {
      std::lock_guard<std::mutex> lock(self->mutex);
      if (rc != 0) {
        self->error = "getaddrinfo for " + self->host + " failed: " + ::gai_strerror(rc);
      } else {
        for (addrinfo* a = list; a; a = a->ai_next)
          if (a->ai_family == AF_INET || a->ai_family == AF_INET6)
            self->addresses.push_back(SocketAddress::fromSockaddr(a->ai_addr, a->ai_addrlen));
        if (self->addresses.empty())
          self->error = "getaddrinfo for " + self->host + " gave no IPv4 or IPv6 address";
      }
    }
    if (list) ::freeaddrinfo(list);
    uint64_t one = 1;
    ssize_t ignored = ::write(self->eventFd, &one, sizeof one);
    (void)ignored;
  }
};

namespace {
// A numeric IPv4 or IPv6 address (brackets allowed), or nothing.
bool parseLiteral(const std::string& host, int port, SocketAddress* out) {
  std::string h = host;
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  sockaddr_in v4{};
  if (::inet_pton(AF_INET, h.c_str(), &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    v4.sin_port = htons(static_cast<uint16_t>(port));
    *out = SocketAddress::fromSockaddr(reinterpret_cast<sockaddr*>(&v4), sizeof v4);
    return true;
  }
  sockaddr_in6 v6{};
  if (::inet_pton(AF_INET6, h.c_str(), &v6.sin6_addr) == 1) {
    v6.sin6_family = AF_INET6;
    v6.sin6_port = htons(static_cast<uint16_t>(port));
    *out = SocketAddress::fromSockaddr(reinterpret_cast<sockaddr*>(&v6), sizeof v6);
    return true;
  }
  return false;
}
}  // namespace

Connector::Connector(EventLoop& loop, Handler* handler)
    : loop_(loop), handler_(handler), timer_(loop, &Connector::onTimeout, this) {}

Connector::~Connector() {
  cancel();
}

void Connector::start(const std::string& host, int port, double timeoutSeconds) {
  cancel();
  host_ = host;
  port_ = port;
  timeout_ = timeoutSeconds;
  active_ = true;
  candidates_.clear();
  next_ = 0;
  lastError_.clear();
  if (timeout_ > 0) timer_.start(timeout_, false);

  SocketAddress literal;
  if (parseLiteral(host, port, &literal)) {
    candidates_.push_back(literal);
    tryNext();
    return;
  }
  auto lookup = std::make_shared<HostLookup>();
  lookup->host = host;
  lookup->port = port;
  lookup->eventFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (lookup->eventFd < 0) {
    fail(std::string("eventfd: ") + std::strerror(errno));
    return;
  }
  try {
    std::thread(&HostLookup::run, lookup).detach();
  } catch (const std::system_error& e) {
    fail(std::string("cannot start a name lookup thread: ") + e.what());
    return;
  }
  lookup_ = lookup;
  lookupWatcher_.init(loop_, lookup->eventFd, EV_READ, &Connector::onLookupDone, this);
  lookupWatcher_.start();
}

void Connector::onLookupDone(int, short, void* self) {
  // Runs from libevent: nothing may throw past here.
  guardEvent("outgoing connection", [&] {
    auto* c = static_cast<Connector*>(self);
    c->lookupWatcher_.stop();
    std::shared_ptr<HostLookup> lookup = std::move(c->lookup_);
    std::string error;
    {
      std::lock_guard<std::mutex> lock(lookup->mutex);
      c->candidates_ = lookup->addresses;
      error = lookup->error;
    }
    if (!error.empty()) {
      c->fail(error);
      return;
    }
    c->tryNext();
  });
}

void Connector::tryNext() {
  while (next_ < candidates_.size()) {
    const SocketAddress& to = candidates_[next_++];
    fd_ = ::socket(to.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd_ < 0) {
      lastError_ = std::strerror(errno);
      continue;
    }
    int one = 1;
    if (options_.noDelay) ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (options_.reusePort) ::setsockopt(fd_, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    if (options_.bindTo) {
      ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
      if (options_.bindTo->family() != to.family()) {
        lastError_ =
            "bindto " + options_.bindTo->toString() + " is not of the family of " + to.toString();
        closeSocket();
        continue;
      }
      if (::bind(fd_, options_.bindTo->get(), options_.bindTo->length()) != 0) {
        lastError_ = "cannot bind to " + options_.bindTo->toString() + ": " + std::strerror(errno);
        closeSocket();
        continue;
      }
    }
    int rc;
    do {
      rc = ::connect(fd_, to.get(), to.length());
    } while (rc < 0 && errno == EINTR);
    if (rc == 0 || errno == EINPROGRESS) {
      // Even a connect that completed at once (loopback may) is reported from the loop, so
      // the handler never runs inside start().
      writeWatcher_.init(loop_, fd_, EV_WRITE, &Connector::onWritable, this);
      writeWatcher_.start();
      return;
    }
    lastError_ = std::strerror(errno);
    closeSocket();
  }
  fail(lastError_.empty() ? "no address to connect to" : lastError_);
}

void Connector::onWritable(int fd, short, void* self) {
  // Runs from libevent: nothing may throw past here.
  guardEvent("outgoing connection", [&] {
    auto* c = static_cast<Connector*>(self);
    c->writeWatcher_.stop();
    int error = 0;
    socklen_t length = sizeof error;
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0) error = errno;
    if (error != 0) {
      c->lastError_ = std::strerror(error);
      c->closeSocket();
      c->tryNext();
      return;
    }
    c->peer_ = c->candidates_[c->next_ - 1];
    if (c->options_.tunnel.kind() == ProxyHandshake::Kind::kNone) {
      c->finish();
      return;
    }
    // Connected to the proxy: open the tunnel (the timeout still runs).
    c->handshake_ = c->options_.tunnel;
    c->tunnelOutput_ = c->handshake_.takeOutput();
    c->tunnelReadWatcher_.init(c->loop_, fd, EV_READ, &Connector::onTunnelReadable, c);
    c->tunnelReadWatcher_.start();
    c->tunnelSend();
  });
}

void Connector::finish() {
  int connected = fd_;
  fd_ = -1;
  active_ = false;
  timer_.stop();
  tunnelReadWatcher_.stop();
  writeWatcher_.stop();
  handler_->onConnected(*this, connected, peer_);
}

void Connector::tunnelSend() {
  while (!tunnelOutput_.empty()) {
    ssize_t n = ::send(fd_, tunnelOutput_.data(), tunnelOutput_.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      writeWatcher_.init(loop_, fd_, EV_WRITE, &Connector::onTunnelWritable, this);
      writeWatcher_.start();
      return;
    }
    if (n < 0) {
      fail(std::string("proxy ") + host_ + ":" + std::to_string(port_) + ": " +
           std::strerror(errno));
      return;
    }
    tunnelOutput_.erase(0, static_cast<size_t>(n));
  }
  writeWatcher_.stop();
}

void Connector::onTunnelWritable(int, short, void* self) {
  guardEvent("outgoing connection", [&] { static_cast<Connector*>(self)->tunnelSend(); });
}

void Connector::onTunnelReadable(int fd, short, void* self) {
  guardEvent("outgoing connection", [&] {
    auto* c = static_cast<Connector*>(self);
    char buffer[4096];
    // Peek, then take only the handshake's bytes: what the target sends right after the
    // proxy's answer belongs to the connection.
    ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_PEEK);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    std::string where = "proxy " + c->host_ + ":" + std::to_string(c->port_);
    if (n <= 0) {
      c->fail(where + (n == 0 ? ": closed the connection during the handshake"
                              : ": " + std::string(std::strerror(errno))));
      return;
    }
    size_t consumed = 0;
    ProxyHandshake::Step step =
        c->handshake_.feed(std::string_view(buffer, static_cast<size_t>(n)), &consumed);
    if (consumed > 0) {
      ssize_t drained = ::recv(fd, buffer, consumed, 0);
      (void)drained;  // the bytes were peeked: they are there
    }
    if (step == ProxyHandshake::Step::kFailed) {
      c->fail(where + ": " + c->handshake_.error());
      return;
    }
    if (step == ProxyHandshake::Step::kDone) {
      c->finish();
      return;
    }
    c->tunnelOutput_ += c->handshake_.takeOutput();
    c->tunnelSend();
  });
}

void Connector::onTimeout(void* self) {
  auto* c = static_cast<Connector*>(self);
  std::string what = "connect to " + c->host_ + ":" + std::to_string(c->port_) + " timed out";
  if (!c->lastError_.empty()) what += " (" + c->lastError_ + ")";
  c->fail(what);
}

void Connector::fail(const std::string& reason) {
  cancel();
  handler_->onConnectFailed(*this, reason);
}

void Connector::closeSocket() {
  writeWatcher_.stop();
  tunnelReadWatcher_.stop();
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void Connector::cancel() {
  active_ = false;
  timer_.stop();
  lookupWatcher_.stop();
  lookup_.reset();
  closeSocket();
}

}  // namespace surge
