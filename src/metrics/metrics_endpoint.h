#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace surge {

// The master's `/metrics` server (Worker::$metricsListen): a tiny HTTP/1.1 server that
// answers `GET /metrics` with whatever `render` returns, in the Prometheus text format
// 0.0.4, and closes each connection after its answer. It runs on a poll loop it does not
// own (the supervisor's, through Watcher), never blocks: sockets are non-blocking, a large
// answer leaves as the client reads it (POLLOUT), and a client that makes no progress for
// idleTimeout seconds is dropped by sweep(). Other paths get 404, other methods 405, a
// malformed or oversized head (over 8 KiB) the parser's 4xx.
class MetricsEndpoint {
 public:
  // The loop the endpoint's descriptors are served by.
  struct Watcher {
    std::function<void(int fd, short events, std::function<void(short revents)>)> watch;
    std::function<void(int fd)> unwatch;
  };
  static constexpr size_t kMaxHead = 8192;
  static constexpr size_t kMaxClients = 64;

  explicit MetricsEndpoint(std::function<std::string()> render, double idleTimeout = 5.0);
  // Closes the descriptors, but only in the process that opened them (a forked child
  // inherits the object, not the right to close the master's sockets). Does not unwatch:
  // call detach() first while the watcher still lives.
  ~MetricsEndpoint();
  MetricsEndpoint(const MetricsEndpoint&) = delete;
  MetricsEndpoint& operator=(const MetricsEndpoint&) = delete;

  // `http://host:port` (`http://[::1]:9100`; port 0 picks a free one). Throws
  // std::invalid_argument for a value that is not such an address and std::runtime_error
  // (address in use, ...) when it cannot listen; both messages say what to do.
  void listen(const std::string& address);
  // Starts serving on `watcher`'s loop; the calling process owns the descriptors from now on.
  void attach(Watcher watcher);
  // Stops serving: unwatches and closes every descriptor.
  void detach();
  // Drops clients idle for longer than the timeout; the loop calls it at least each second.
  void sweep();

  int port() const { return port_; }
  const std::string& address() const { return address_; }
  size_t clientCount() const { return clients_.size(); }

 private:
  struct Client {
    std::string in;
    std::string out;
    size_t sent = 0;
    double lastActivity = 0;
  };
  static double now();
  void onAccept();
  void onClient(int fd, short revents);
  void readRequest(int fd, Client& client);
  void answer(int fd, Client& client, int status, const std::string& body, bool headOnly,
              const char* extraHeader = nullptr);
  void flush(int fd, Client& client);
  void drop(int fd);

  std::function<std::string()> render_;
  double idleTimeout_;
  Watcher watcher_;
  bool attached_ = false;
  int listenFd_ = -1;
  int port_ = 0;
  std::string address_;
  pid_t owner_ = 0;
  std::map<int, std::unique_ptr<Client>> clients_;
};

}  // namespace surge
