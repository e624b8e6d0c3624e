#include "net/listener.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "event/event_loop.h"
#include "event/timer.h"
#include "net/connection.h"
#include "net/listen_socket.h"
#include "net/socket_address.h"
#include "test_support.h"

namespace surge {
namespace {

using surge::testing::Contains;
using surge::testing::fileExists;
using surge::testing::SafetyNet;
using surge::testing::TempDir;

struct AcceptRecorder : Listener::Handler {
  std::vector<SocketAddress> peers;
  std::vector<int> fds;
  std::function<void(Listener&, int)> then;

  void onAccept(Listener& l, int fd, const sockaddr* peer, socklen_t length) override {
    peers.push_back(SocketAddress::fromSockaddr(peer, length));
    fds.push_back(fd);
    if (then) then(l, fd);
  }
  ~AcceptRecorder() override {
    for (int fd : fds) ::close(fd);
  }
};

SocketAddress localAddressOf(int fd) {
  sockaddr_storage ss;
  socklen_t len = sizeof ss;
  EXPECT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len), 0);
  return SocketAddress::fromSockaddr(reinterpret_cast<sockaddr*>(&ss), len);
}

// A blocking client connected to `to`; -1 on failure.
int connectTo(const SocketAddress& to) {
  int fd = ::socket(to.family(), SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (::connect(fd, to.get(), to.length()) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// The bound address of a listening socket on an ephemeral port, as "ip:port".
SocketAddress boundAddress(int listenFd) {
  return localAddressOf(listenFd);
}

void stopLoop(void* loop) {
  static_cast<EventLoop*>(loop)->stop();
}

TEST(ListenSocketTest, CreatesANonBlockingCloseOnExecListeningSocket) {
  int fd = createListenSocket(SocketAddress::parse("tcp", "127.0.0.1:0"), {});
  ASSERT_GE(fd, 0);
  EXPECT_TRUE(::fcntl(fd, F_GETFL) & O_NONBLOCK);
  EXPECT_TRUE(::fcntl(fd, F_GETFD) & FD_CLOEXEC);
  int listening = 0;
  socklen_t len = sizeof listening;
  ASSERT_EQ(::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len), 0);
  EXPECT_EQ(listening, 1);
  SocketAddress bound = boundAddress(fd);
  EXPECT_EQ(bound.ip(), "127.0.0.1");
  EXPECT_GT(bound.port(), 0);
  ::close(fd);
}

TEST(ListenSocketTest, AddressInUseNamesTheAddressAndTheReason) {
  int first = createListenSocket(SocketAddress::parse("tcp", "127.0.0.1:0"), {});
  ASSERT_GE(first, 0);
  int port = boundAddress(first).port();
  std::string address = "127.0.0.1:" + std::to_string(port);
  try {
    int second = createListenSocket(SocketAddress::parse("tcp", address), {});
    ::close(second);
    FAIL() << "a second listener on " << address << " was allowed";
  } catch (const SystemError& e) {
    EXPECT_EQ(e.code(), EADDRINUSE);
    EXPECT_TRUE(Contains(e.what(), "cannot listen on " + address));
    EXPECT_TRUE(Contains(e.what(), "Address already in use"));
    EXPECT_TRUE(Contains(e.what(), "another process listens there"));
  }
  ::close(first);
}

TEST(ListenSocketTest, ReusePortAllowsSeveralListeners) {
  ListenOptions options;
  options.reusePort = true;
  int first = -1;
  try {
    first = createListenSocket(SocketAddress::parse("tcp", "127.0.0.1:0"), options);
  } catch (const SystemError& e) {
    GTEST_SKIP() << "SO_REUSEPORT unavailable: " << e.what();
  }
  std::string address = "127.0.0.1:" + std::to_string(boundAddress(first).port());
  int second = createListenSocket(SocketAddress::parse("tcp", address), options);
  EXPECT_GE(second, 0);
  ::close(second);
  ::close(first);
}

TEST(ListenerTest, AcceptsLoopbackClientsWithTheirAddresses) {
  EventLoop loop;
  SafetyNet net(loop);
  int listenFd = createListenSocket(SocketAddress::parse("tcp", "127.0.0.1:0"), {});
  SocketAddress bound = boundAddress(listenFd);
  AcceptRecorder h;
  int tag = 0;
  Listener l(loop, listenFd, &h, &tag);
  EXPECT_EQ(l.fd(), listenFd);
  EXPECT_EQ(l.userData(), &tag);
  EXPECT_FALSE(l.accepting());
  l.resume();
  EXPECT_TRUE(l.accepting());

  std::vector<int> clients;
  std::vector<int> clientPorts;
  for (int i = 0; i < 3; ++i) {
    int fd = connectTo(bound);
    ASSERT_GE(fd, 0) << std::strerror(errno);
    clients.push_back(fd);
    clientPorts.push_back(localAddressOf(fd).port());
  }
  h.then = [&](Listener& listener, int) {
    EXPECT_EQ(&listener, &l);
    if (h.fds.size() == 3) loop.stop();
  };
  loop.run();
  EXPECT_FALSE(net.fired());
  ASSERT_EQ(h.peers.size(), 3u);
  std::vector<int> acceptedPorts;
  for (size_t i = 0; i < h.peers.size(); ++i) {
    EXPECT_EQ(h.peers[i].family(), AF_INET);
    EXPECT_EQ(h.peers[i].ip(), "127.0.0.1");
    acceptedPorts.push_back(h.peers[i].port());
    int fd = h.fds[i];
    EXPECT_TRUE(::fcntl(fd, F_GETFL) & O_NONBLOCK);
    EXPECT_TRUE(::fcntl(fd, F_GETFD) & FD_CLOEXEC);
    int nodelay = 0;
    socklen_t len = sizeof nodelay;
    ASSERT_EQ(::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &nodelay, &len), 0);
    EXPECT_NE(nodelay, 0);
  }
  std::sort(acceptedPorts.begin(), acceptedPorts.end());
  std::sort(clientPorts.begin(), clientPorts.end());
  EXPECT_EQ(acceptedPorts, clientPorts);
  for (int fd : clients) ::close(fd);
}

TEST(ListenerTest, PauseStopsAcceptingAndResumeContinues) {
  EventLoop loop;
  SafetyNet net(loop);
  int listenFd = createListenSocket(SocketAddress::parse("tcp", "127.0.0.1:0"), {});
  SocketAddress bound = boundAddress(listenFd);
  AcceptRecorder h;
  Listener l(loop, listenFd, &h, nullptr);
  l.resume();
  l.pause();
  EXPECT_FALSE(l.accepting());
  int client = connectTo(bound);
  ASSERT_GE(client, 0);

  // While paused, the loop runs without accepting.
  Timer quiet(loop, &stopLoop, &loop);
  quiet.start(0.02, false);
  loop.run();
  EXPECT_TRUE(h.fds.empty());

  h.then = [&](Listener&, int) { loop.stop(); };
  l.resume();
  loop.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(h.fds.size(), 1u);
  ::close(client);
}

// A process that stops listening takes what is queued first: connections completed by the
// kernel before the close are handed over, none is left to be reset with the socket.
TEST(ListenerTest, AcceptQueuedTakesEveryQueuedConnectionWithoutTheLoop) {
  EventLoop loop;
  int listenFd = createListenSocket(SocketAddress::parse("tcp", "127.0.0.1:0"), {});
  SocketAddress bound = boundAddress(listenFd);
  AcceptRecorder h;
  Listener l(loop, listenFd, &h, nullptr);
  l.resume();
  l.pause();  // as a stopping worker does: no longer watched
  std::vector<int> clients;
  for (int i = 0; i < 5; ++i) {
    clients.push_back(connectTo(bound));
    ASSERT_GE(clients.back(), 0);
  }
  l.acceptQueued(3);  // the limit holds
  EXPECT_EQ(h.fds.size(), 3u);
  l.acceptQueued(100);  // the rest, then EAGAIN ends it
  EXPECT_EQ(h.fds.size(), 5u);
  EXPECT_FALSE(l.accepting());
  for (int c : clients) ::close(c);
}

TEST(ListenerTest, AcceptedSocketServesAConnection) {
  EventLoop loop;
  SafetyNet net(loop);
  int listenFd = createListenSocket(SocketAddress::parse("tcp", "127.0.0.1:0"), {});
  SocketAddress bound = boundAddress(listenFd);

  struct Echo : Connection::Handler, Listener::Handler {
    EventLoop* loop = nullptr;
    Connection* conn = nullptr;
    std::string peer;
    size_t onData(Connection& c, std::string_view data) override {
      c.send(data);
      return data.size();
    }
    void onDrain(Connection&) override {}
    void onBufferFull(Connection&) override {}
    void onClose(Connection& c) override {
      c.release();
      conn = nullptr;
      loop->stop();
    }
    void onAccept(Listener&, int fd, const sockaddr* p, socklen_t len) override {
      conn = new Connection(*loop, fd, p, len, this, nullptr);
      peer = conn->peerAddress().toString();
    }
  } echo;
  echo.loop = &loop;
  Listener l(loop, listenFd, &echo, nullptr);
  l.resume();

  int client = connectTo(bound);
  ASSERT_GE(client, 0);
  std::string clientAddress = localAddressOf(client).toString();
  ASSERT_EQ(::write(client, "ping\n", 5), 5);
  ASSERT_EQ(::shutdown(client, SHUT_WR), 0);
  loop.run();  // accept, echo, then the client's FIN closes the connection
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(echo.conn, nullptr);
  EXPECT_EQ(echo.peer, clientAddress);
  char buf[16];
  pollfd p{client, POLLIN, 0};
  ASSERT_EQ(::poll(&p, 1, 5000), 1) << "no echo";
  ssize_t n = ::read(client, buf, sizeof buf);
  EXPECT_EQ(std::string(buf, n > 0 ? static_cast<size_t>(n) : 0), "ping\n");
  ::close(client);
}

TEST(ListenerTest, Ipv6Loopback) {
  int listenFd = -1;
  try {
    listenFd = createListenSocket(SocketAddress::parse("tcp", "[::1]:0"), {});
  } catch (const SystemError& e) {
    GTEST_SKIP() << "no IPv6 loopback: " << e.what();
  }
  EventLoop loop;
  SafetyNet net(loop);
  SocketAddress bound = boundAddress(listenFd);
  EXPECT_EQ(bound.ip(), "::1");
  AcceptRecorder h;
  Listener l(loop, listenFd, &h, nullptr);
  l.resume();
  int client = connectTo(bound);
  ASSERT_GE(client, 0) << std::strerror(errno);
  h.then = [&](Listener&, int) { loop.stop(); };
  loop.run();
  EXPECT_FALSE(net.fired());
  ASSERT_EQ(h.peers.size(), 1u);
  EXPECT_EQ(h.peers[0].family(), AF_INET6);
  EXPECT_EQ(h.peers[0].ip(), "::1");
  EXPECT_EQ(h.peers[0].toString(), "[::1]:" + std::to_string(localAddressOf(client).port()));
  ::close(client);
}

// ----------------------------------------------------------- Unix sockets

bool isSocket(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode);
}

// Leaves a socket file behind that nobody listens on (a crashed server's).
void makeStaleSocket(const std::string& path) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  SocketAddress a = SocketAddress::parse("unix", path);
  ASSERT_EQ(::bind(fd, a.get(), a.length()), 0) << std::strerror(errno);
  ::close(fd);
  ASSERT_TRUE(isSocket(path));
}

TEST(ListenerTest, UnixSocketListening) {
  TempDir dir;
  std::string path = dir.file("s.sock");
  SocketAddress address = SocketAddress::parse("unix", path);
  int listenFd = createListenSocket(address, {});
  ASSERT_TRUE(isSocket(path));
  EventLoop loop;
  SafetyNet net(loop);
  AcceptRecorder h;
  Listener l(loop, listenFd, &h, nullptr);
  l.resume();
  int client = connectTo(address);
  ASSERT_GE(client, 0) << std::strerror(errno);
  h.then = [&](Listener&, int) { loop.stop(); };
  loop.run();
  EXPECT_FALSE(net.fired());
  ASSERT_EQ(h.peers.size(), 1u);
  EXPECT_EQ(h.peers[0].family(), AF_UNIX);
  EXPECT_EQ(h.peers[0].port(), 0);
  // Bytes flow over the accepted socket.
  ASSERT_EQ(::write(client, "u", 1), 1);
  char c = 0;
  pollfd p{h.fds[0], POLLIN, 0};
  ASSERT_EQ(::poll(&p, 1, 5000), 1);
  EXPECT_EQ(::read(h.fds[0], &c, 1), 1);
  EXPECT_EQ(c, 'u');
  ::close(client);
}

TEST(ListenerTest, StaleUnixSocketFileIsReplaced) {
  TempDir dir;
  std::string path = dir.file("stale.sock");
  makeStaleSocket(path);
  SocketAddress address = SocketAddress::parse("unix", path);
  int listenFd = createListenSocket(address, {});
  ASSERT_GE(listenFd, 0);
  int client = connectTo(address);
  EXPECT_GE(client, 0) << "the new socket does not accept: " << std::strerror(errno);
  if (client >= 0) ::close(client);
  ::close(listenFd);
}

TEST(ListenerTest, LiveUnixSocketIsNotTakenOver) {
  TempDir dir;
  std::string path = dir.file("live.sock");
  SocketAddress address = SocketAddress::parse("unix", path);
  int first = createListenSocket(address, {});
  try {
    int second = createListenSocket(address, {});
    ::close(second);
    FAIL() << "a live Unix socket was replaced";
  } catch (const SystemError& e) {
    EXPECT_EQ(e.code(), EADDRINUSE);
    EXPECT_TRUE(Contains(e.what(), "cannot listen on " + path));
    EXPECT_TRUE(Contains(e.what(), "Address already in use"));
  }
  // The first listener still works.
  int client = connectTo(address);
  EXPECT_GE(client, 0);
  if (client >= 0) ::close(client);
  ::close(first);
}

TEST(ListenerTest, RemoveStaleUnixSocketOnlyRemovesDeadSockets) {
  TempDir dir;
  std::string stale = dir.file("stale.sock");
  makeStaleSocket(stale);
  removeStaleUnixSocket(stale);
  EXPECT_FALSE(fileExists(stale));

  std::string live = dir.file("live.sock");
  int fd = createListenSocket(SocketAddress::parse("unix", live), {});
  removeStaleUnixSocket(live);
  EXPECT_TRUE(isSocket(live));
  ::close(fd);

  std::string regular = dir.file("regular.file");
  FILE* f = std::fopen(regular.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fclose(f);
  removeStaleUnixSocket(regular);
  EXPECT_TRUE(fileExists(regular));  // not a socket: never touched

  removeStaleUnixSocket(dir.file("missing.sock"));  // nothing there: fine
}

TEST(ListenerTest, UnixPathInAMissingDirectoryFails) {
  TempDir dir;
  std::string path = dir.file("missing/s.sock");
  try {
    int fd = createListenSocket(SocketAddress::parse("unix", path), {});
    ::close(fd);
    FAIL() << "bind succeeded";
  } catch (const SystemError& e) {
    EXPECT_EQ(e.code(), ENOENT);
    EXPECT_TRUE(Contains(e.what(), "cannot listen on " + path));
  }
}

}  // namespace
}  // namespace surge
