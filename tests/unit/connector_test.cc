#include "net/connector.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "event/event_loop.h"
#include "net/listen_socket.h"
#include "net/socket_address.h"
#include "test_support.h"

namespace surge {
namespace {

using surge::testing::Contains;
using surge::testing::SafetyNet;

struct Recorder : Connector::Handler {
  EventLoop* loop = nullptr;
  std::vector<std::string> events;
  std::vector<int> fds;
  SocketAddress peer;

  void onConnected(Connector&, int fd, const SocketAddress& to) override {
    events.push_back("connected");
    fds.push_back(fd);
    peer = to;
    loop->stop();
  }
  void onConnectFailed(Connector&, const std::string& reason) override {
    events.push_back("failed: " + reason);
    loop->stop();
  }
  ~Recorder() override {
    for (int fd : fds) ::close(fd);
  }
};

int portOf(int fd) {
  sockaddr_storage ss;
  socklen_t len = sizeof ss;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len);
  return SocketAddress::fromSockaddr(reinterpret_cast<sockaddr*>(&ss), len).port();
}

// A port that refuses: bound, then closed, so nothing listens there.
int closedPort() {
  int fd = createListenSocket(SocketAddress::parse("tcp", "127.0.0.1:0"), {});
  int port = portOf(fd);
  ::close(fd);
  return port;
}

TEST(ConnectorTest, ConnectsToAnIpLiteralAndHandsOverANonBlockingSocket) {
  EventLoop loop;
  SafetyNet net(loop);
  int listenFd = createListenSocket(SocketAddress::parse("tcp", "127.0.0.1:0"), {});
  int port = portOf(listenFd);
  Recorder r;
  r.loop = &loop;
  Connector c(loop, &r);
  c.start("127.0.0.1", port, 5);
  EXPECT_TRUE(c.active());
  // Never from inside start(), even when loopback completes the connect at once.
  EXPECT_TRUE(r.events.empty());
  loop.run();
  ASSERT_FALSE(net.fired());
  ASSERT_EQ(r.events, std::vector<std::string>{"connected"});
  EXPECT_FALSE(c.active());
  EXPECT_EQ(r.peer.toString(), "127.0.0.1:" + std::to_string(port));
  int fd = r.fds[0];
  EXPECT_TRUE(::fcntl(fd, F_GETFL) & O_NONBLOCK);
  EXPECT_TRUE(::fcntl(fd, F_GETFD) & FD_CLOEXEC);
  int nodelay = 0;
  socklen_t len = sizeof nodelay;
  ::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &nodelay, &len);
  EXPECT_EQ(nodelay, 1);
  // The socket really is connected to the listener: bytes cross.
  int accepted = ::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC);
  ASSERT_GE(accepted, 0);
  ASSERT_EQ(::send(fd, "ping", 4, MSG_NOSIGNAL), 4);
  char buf[8];
  ASSERT_EQ(::recv(accepted, buf, sizeof buf, 0), 4);
  EXPECT_EQ(std::string(buf, 4), "ping");
  ::close(accepted);
  ::close(listenFd);
}

TEST(ConnectorTest, ConnectsToAnIpv6LiteralInBrackets) {
  EventLoop loop;
  SafetyNet net(loop);
  int listenFd;
  try {
    listenFd = createListenSocket(SocketAddress::parse("tcp", "[::1]:0"), {});
  } catch (const std::exception& e) {
    GTEST_SKIP() << "no IPv6 loopback: " << e.what();
  }
  int port = portOf(listenFd);
  Recorder r;
  r.loop = &loop;
  Connector c(loop, &r);
  c.start("[::1]", port, 5);
  loop.run();
  ASSERT_EQ(r.events, std::vector<std::string>{"connected"});
  EXPECT_EQ(r.peer.toString(), "[::1]:" + std::to_string(port));
  ::close(listenFd);
}

TEST(ConnectorTest, RefusedConnectSaysConnectionRefused) {
  EventLoop loop;
  SafetyNet net(loop);
  Recorder r;
  r.loop = &loop;
  Connector c(loop, &r);
  c.start("127.0.0.1", closedPort(), 5);
  loop.run();
  ASSERT_FALSE(net.fired());
  ASSERT_EQ(r.events, std::vector<std::string>{"failed: Connection refused"});
  EXPECT_FALSE(c.active());
}

TEST(ConnectorTest, ResolvesANameOnAHelperThread) {
  EventLoop loop;
  SafetyNet net(loop);
  int listenFd = createListenSocket(SocketAddress::parse("tcp", "127.0.0.1:0"), {});
  int port = portOf(listenFd);
  Recorder r;
  r.loop = &loop;
  Connector c(loop, &r);
  c.start("localhost", port, 5);
  EXPECT_TRUE(r.events.empty());
  loop.run();
  ASSERT_FALSE(net.fired());
  // "localhost" may resolve to ::1 first, where nothing listens: the next address is tried.
  ASSERT_EQ(r.events, std::vector<std::string>{"connected"});
  EXPECT_EQ(r.peer.toString(), "127.0.0.1:" + std::to_string(port));
  ::close(listenFd);
}

TEST(ConnectorTest, UnknownNameFailsWithTheResolverMessage) {
  EventLoop loop;
  SafetyNet net(loop, 20);
  Recorder r;
  r.loop = &loop;
  Connector c(loop, &r);
  c.start("no-such-host.invalid", 80, 15);
  loop.run();
  ASSERT_FALSE(net.fired());
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_TRUE(Contains(r.events[0], "failed: getaddrinfo for no-such-host.invalid failed: "));
}

TEST(ConnectorTest, TimesOutWhenTheListenerNeverAnswers) {
  EventLoop loop;
  SafetyNet net(loop);
  // A listener that never accepts, with its queue full: the kernel drops further SYNs,
  // so a connect waits until it gives up (minutes) — the connector's timeout is first.
  int listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(listenFd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  ASSERT_EQ(::listen(listenFd, 0), 0);
  int port = portOf(listenFd);
  a.sin_port = htons(static_cast<uint16_t>(port));
  std::vector<int> fillers;
  for (int i = 0; i < 4; ++i) {
    int f = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    ::connect(f, reinterpret_cast<sockaddr*>(&a), sizeof a);
    fillers.push_back(f);
  }
  ::usleep(50 * 1000);
  Recorder r;
  r.loop = &loop;
  Connector c(loop, &r);
  c.start("127.0.0.1", port, 0.3);
  loop.run();
  ASSERT_FALSE(net.fired());
  ASSERT_EQ(r.events, std::vector<std::string>{
                          "failed: connect to 127.0.0.1:" + std::to_string(port) + " timed out"});
  EXPECT_FALSE(c.active());
  for (int f : fillers) ::close(f);
  ::close(listenFd);
}

TEST(ConnectorTest, CancelStopsEverythingAndRestartWorks) {
  EventLoop loop;
  SafetyNet net(loop);
  int listenFd = createListenSocket(SocketAddress::parse("tcp", "127.0.0.1:0"), {});
  int port = portOf(listenFd);
  Recorder r;
  r.loop = &loop;
  Connector c(loop, &r);
  c.start("localhost", port, 5);
  c.cancel();
  EXPECT_FALSE(c.active());
  c.start("127.0.0.1", closedPort(), 5);
  loop.run();
  ASSERT_EQ(r.events, std::vector<std::string>{"failed: Connection refused"});
  r.events.clear();
  c.start("127.0.0.1", port, 5);
  loop.run();
  ASSERT_FALSE(net.fired());
  ASSERT_EQ(r.events, std::vector<std::string>{"connected"});
  ::close(listenFd);
}

}  // namespace
}  // namespace surge
