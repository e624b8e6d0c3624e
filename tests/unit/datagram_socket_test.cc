#include "net/datagram_socket.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <string>
#include <vector>

#include "net/listen_socket.h"

namespace surge {
namespace {

int portOf(int fd) {
  sockaddr_storage ss;
  socklen_t len = sizeof ss;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len);
  return SocketAddress::fromSockaddr(reinterpret_cast<sockaddr*>(&ss), len).port();
}

// Waits (bounded) until the socket is readable, then receives: the sockets are non-blocking.
DatagramSocket::Received receiveSoon(int fd, char* buffer, size_t capacity,
                                     DatagramSocket::Datagram* d) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, 2000) <= 0) return DatagramSocket::Received::kWouldBlock;
  return DatagramSocket::receive(fd, buffer, capacity, d);
}

TEST(DatagramSocket, ServerAnswersClientAndKeepsBoundaries) {
  int server = DatagramSocket::bind(SocketAddress::parse("udp", "127.0.0.1:0"), false);
  SocketAddress to = SocketAddress::parse("udp", "127.0.0.1:" + std::to_string(portOf(server)));
  int client = DatagramSocket::connect(to);
  ASSERT_EQ(DatagramSocket::send(client, "one", 3, nullptr), 0);
  ASSERT_EQ(DatagramSocket::send(client, "two!", 4, nullptr), 0);
  char buffer[64];
  DatagramSocket::Datagram d;
  ASSERT_EQ(receiveSoon(server, buffer, sizeof buffer, &d), DatagramSocket::Received::kDatagram);
  EXPECT_EQ(std::string(buffer, d.size), "one");
  ASSERT_EQ(receiveSoon(server, buffer, sizeof buffer, &d), DatagramSocket::Received::kDatagram);
  EXPECT_EQ(std::string(buffer, d.size), "two!");
  EXPECT_EQ(d.from.port(), portOf(client));
  ASSERT_EQ(DatagramSocket::send(server, "back", 4, &d.from), 0);
  ASSERT_EQ(receiveSoon(client, buffer, sizeof buffer, &d), DatagramSocket::Received::kDatagram);
  EXPECT_EQ(std::string(buffer, d.size), "back");
  ::close(client);
  ::close(server);
}

TEST(DatagramSocket, TruncationIsReportedWithTheRealSize) {
  int server = DatagramSocket::bind(SocketAddress::parse("udp", "127.0.0.1:0"), false);
  SocketAddress to = SocketAddress::parse("udp", "127.0.0.1:" + std::to_string(portOf(server)));
  int client = DatagramSocket::connect(to);
  std::string big(1000, 'x');
  ASSERT_EQ(DatagramSocket::send(client, big.data(), big.size(), nullptr), 0);
  char buffer[100];
  DatagramSocket::Datagram d;
  ASSERT_EQ(receiveSoon(server, buffer, sizeof buffer, &d), DatagramSocket::Received::kDatagram);
  EXPECT_EQ(d.size, 100u);
  EXPECT_EQ(d.fullSize, 1000u);
  ::close(client);
  ::close(server);
}

TEST(DatagramSocket, RefusedPeerShowsAsConnectionRefused) {
  int gone = DatagramSocket::bind(SocketAddress::parse("udp", "127.0.0.1:0"), false);
  int port = portOf(gone);
  ::close(gone);
  int client =
      DatagramSocket::connect(SocketAddress::parse("udp", "127.0.0.1:" + std::to_string(port)));
  ASSERT_EQ(DatagramSocket::send(client, "x", 1, nullptr), 0);
  char buffer[16];
  DatagramSocket::Datagram d;
  ASSERT_EQ(receiveSoon(client, buffer, sizeof buffer, &d), DatagramSocket::Received::kError);
  EXPECT_EQ(d.error, ECONNREFUSED);
  ::close(client);
}

TEST(DatagramSocket, UnixDatagramClientGetsAnswers) {
  std::string path = "/tmp/surge-dgram-test-" + std::to_string(::getpid());
  int server = DatagramSocket::bind(SocketAddress::parse("unix", path), false);
  int client = DatagramSocket::connect(SocketAddress::parse("unix", path));
  ASSERT_EQ(DatagramSocket::send(client, "ping", 4, nullptr), 0);
  char buffer[16];
  DatagramSocket::Datagram d;
  ASSERT_EQ(receiveSoon(server, buffer, sizeof buffer, &d), DatagramSocket::Received::kDatagram);
  ASSERT_EQ(DatagramSocket::send(server, "pong", 4, &d.from), 0);
  ASSERT_EQ(receiveSoon(client, buffer, sizeof buffer, &d), DatagramSocket::Received::kDatagram);
  EXPECT_EQ(std::string(buffer, d.size), "pong");
  ::close(client);
  ::close(server);
  ::unlink(path.c_str());
}

TEST(DatagramSocket, BindingAPortInUseSaysSo) {
  int first = DatagramSocket::bind(SocketAddress::parse("udp", "127.0.0.1:0"), false);
  std::string address = "127.0.0.1:" + std::to_string(portOf(first));
  try {
    DatagramSocket::bind(SocketAddress::parse("udp", address), false);
    FAIL() << "bound twice";
  } catch (const SystemError& e) {
    EXPECT_NE(std::string(e.what()).find("another process uses it"), std::string::npos) << e.what();
  }
  ::close(first);
}

}  // namespace
}  // namespace surge
