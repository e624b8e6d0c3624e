#pragma once

#include <sys/socket.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "event/io_watcher.h"
#include "event/timer.h"
#include "net/proxy_handshake.h"
#include "net/socket_address.h"

namespace surge {

class EventLoop;
struct HostLookup;

// Opens one outgoing TCP connection without blocking the loop.
//
// An IP literal is connected at once. A name is resolved with getaddrinfo() on a helper
// thread that posts the answer back through an eventfd watched by the loop: getaddrinfo()
// follows the system's own configuration (nsswitch.conf, /etc/hosts, resolv.conf options,
// systemd-resolved) exactly as every other program on the host does, which libevent's
// evdns does not (it reads resolv.conf and hosts itself and knows no NSS module); a
// lookup is rare next to the traffic of the connection it opens, so a short-lived thread
// costs nothing that matters. The connect itself is non-blocking (EINPROGRESS), completed
// when the socket turns writable and SO_ERROR says 0. Each resolved address is tried in
// turn until one accepts ("localhost" may give ::1 before 127.0.0.1). One timeout covers
// the lookup and every attempt.
//
// The handler is called from the loop, once per start(): onConnected hands over a
// connected, non-blocking, close-on-exec socket (TCP_NODELAY set) that the handler owns;
// onConnectFailed says why in words ("Connection refused"). A failure known at once (no
// usable address, a socket() error) is reported from inside start(); a connect that
// succeeds is always reported from the loop. The connector may be restarted from either
// callback.
// Socket options of an outgoing connection (PHP's `socket` context options).
struct ConnectOptions {
  std::optional<SocketAddress> bindTo;  // local address (and port) to connect from
  bool noDelay = true;                  // TCP_NODELAY
  bool reusePort = false;               // SO_REUSEPORT (with bindTo: several sockets, one port)
  // Through a proxy: start() is given the proxy's address, and the handshake opens the
  // tunnel to the real target before onConnected.
  ProxyHandshake tunnel;
};

class Connector {
 public:
  class Handler {
   public:
    virtual ~Handler() = default;
    virtual void onConnected(Connector& c, int fd, const SocketAddress& peer) = 0;
    virtual void onConnectFailed(Connector& c, const std::string& reason) = 0;
  };

  Connector(EventLoop& loop, Handler* handler);
  ~Connector();
  Connector(const Connector&) = delete;
  Connector& operator=(const Connector&) = delete;

  // Starts connecting to `host` (a name, an IPv4 literal, or an IPv6 literal with or
  // without brackets) on `port`. `timeoutSeconds` <= 0 means no timeout. Cancels an
  // attempt in progress first.
  void start(const std::string& host, int port, double timeoutSeconds);
  // Options for the next start() (and those after it).
  void setOptions(ConnectOptions options) { options_ = std::move(options); }
  // Stops an attempt in progress without calling the handler; a lookup still running on
  // its thread finishes there and is ignored.
  void cancel();
  bool active() const { return active_; }

 private:
  static void onLookupDone(int fd, short what, void* self);
  static void onWritable(int fd, short what, void* self);
  static void onTimeout(void* self);
  static void onTunnelReadable(int fd, short what, void* self);
  static void onTunnelWritable(int fd, short what, void* self);
  void tunnelSend();
  void finish();
  void tryNext();
  void fail(const std::string& reason);
  void closeSocket();

  EventLoop& loop_;
  Handler* handler_;
  std::string host_;
  int port_ = 0;
  double timeout_ = 0;
  bool active_ = false;
  std::shared_ptr<HostLookup> lookup_;
  IoWatcher lookupWatcher_;
  std::vector<SocketAddress> candidates_;
  size_t next_ = 0;
  std::string lastError_;
  int fd_ = -1;
  IoWatcher writeWatcher_;
  Timer timer_;
  ConnectOptions options_;
  ProxyHandshake handshake_;  // this attempt's (a copy of options_.tunnel)
  std::string tunnelOutput_;  // handshake bytes not written yet
  IoWatcher tunnelReadWatcher_;
  SocketAddress peer_;
};

}  // namespace surge
