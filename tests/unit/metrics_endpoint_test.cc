#include "metrics/metrics_endpoint.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace surge {
namespace {

// The poll loop the supervisor would run, reduced to what the endpoint uses.
class Loop {
 public:
  MetricsEndpoint::Watcher watcher() {
    return {[this](int fd, short events, std::function<void(short)> cb) {
              watches_[fd] = {events, std::move(cb)};
            },
            [this](int fd) { watches_.erase(fd); }};
  }
  // One turn: waits up to `ms` and serves what is ready.
  void turn(int ms = 20) {
    std::vector<pollfd> fds;
    for (auto& [fd, w] : watches_) fds.push_back({fd, w.first, 0});
    if (::poll(fds.data(), fds.size(), ms) <= 0) return;
    for (pollfd& p : fds) {
      if (p.revents == 0) continue;
      auto it = watches_.find(p.fd);
      if (it == watches_.end()) continue;
      auto cb = it->second.second;
      cb(p.revents);
    }
  }
  size_t watched() const { return watches_.size(); }

 private:
  std::map<int, std::pair<short, std::function<void(short)>>> watches_;
};

int connectTo(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(static_cast<uint16_t>(port));
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) {
    ::close(fd);
    return -1;
  }
  ::fcntl(fd, F_SETFL, O_NONBLOCK);
  return fd;
}

// Reads what the server sends until it closes, serving the loop meanwhile (5 s at most).
std::string readAll(Loop& loop, int fd) {
  std::string got;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  char buf[65536];
  while (std::chrono::steady_clock::now() < deadline) {
    loop.turn(1);
    ssize_t n;
    while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) got.append(buf, static_cast<size_t>(n));
    if (n == 0) break;
  }
  return got;
}

std::string exchange(Loop& loop, int port, const std::string& request) {
  int fd = connectTo(port);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(::send(fd, request.data(), request.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(request.size()));
  std::string answer = readAll(loop, fd);
  ::close(fd);
  return answer;
}

struct Served {
  Loop loop;
  int renders = 0;
  std::string body = "# HELP up Up.\n# TYPE up gauge\nup 1\n";
  MetricsEndpoint endpoint{[this] {
                             ++renders;
                             return body;
                           },
                           0.2};
  Served() {
    endpoint.listen("http://127.0.0.1:0");
    endpoint.attach(loop.watcher());
  }
};

TEST(MetricsEndpointTest, AnswersGetMetricsAndCloses) {
  Served s;
  EXPECT_GT(s.endpoint.port(), 0);
  std::string answer =
      exchange(s.loop, s.endpoint.port(), "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(answer,
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"
            "Content-Length: " +
                std::to_string(s.body.size()) + "\r\nConnection: close\r\n\r\n" + s.body);
  EXPECT_EQ(s.renders, 1);
  EXPECT_EQ(s.endpoint.clientCount(), 0u);
  EXPECT_EQ(s.loop.watched(), 1u);  // only the listening socket is left
  // A query string is not part of the path.
  EXPECT_EQ(exchange(s.loop, s.endpoint.port(), "GET /metrics?x=1 HTTP/1.0\r\n\r\n").substr(0, 15),
            "HTTP/1.1 200 OK");
}

TEST(MetricsEndpointTest, HeadHasNoBody) {
  Served s;
  std::string answer =
      exchange(s.loop, s.endpoint.port(), "HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(answer.substr(answer.size() - 4), "\r\n\r\n");
  EXPECT_NE(answer.find("Content-Length: " + std::to_string(s.body.size())), std::string::npos);
}

TEST(MetricsEndpointTest, OtherPathsMethodsAndGarbage) {
  Served s;
  int port = s.endpoint.port();
  EXPECT_EQ(exchange(s.loop, port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").substr(0, 22),
            "HTTP/1.1 404 Not Found");
  std::string post =
      exchange(s.loop, port, "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(post.substr(0, 31), "HTTP/1.1 405 Method Not Allowed");
  EXPECT_NE(post.find("Allow: GET, HEAD\r\n"), std::string::npos);
  EXPECT_EQ(exchange(s.loop, port, "\x01\x02 garbage\r\n\r\n").substr(0, 12), "HTTP/1.1 400");
  std::string huge =
      "GET /metrics HTTP/1.1\r\nHost: x\r\nX: " + std::string(9000, 'a') + "\r\n\r\n";
  EXPECT_EQ(exchange(s.loop, port, huge).substr(0, 12), "HTTP/1.1 431");
  EXPECT_EQ(s.renders, 0);
  EXPECT_EQ(s.endpoint.clientCount(), 0u);
}

TEST(MetricsEndpointTest, RequestInPiecesIsAnsweredOnceWhole) {
  Served s;
  int fd = connectTo(s.endpoint.port());
  ASSERT_GE(fd, 0);
  ::send(fd, "GET /met", 8, MSG_NOSIGNAL);
  for (int i = 0; i < 5; ++i) s.loop.turn(5);
  EXPECT_EQ(s.endpoint.clientCount(), 1u);
  EXPECT_EQ(s.renders, 0);
  ::send(fd, "rics HTTP/1.1\r\nHost: x\r\n\r\n", 26, MSG_NOSIGNAL);
  EXPECT_EQ(readAll(s.loop, fd).substr(0, 15), "HTTP/1.1 200 OK");
  ::close(fd);
}

TEST(MetricsEndpointTest, LargeAnswerLeavesAsTheClientReads) {
  Served s;
  s.body = std::string(32 << 20, 'x');  // more than the socket buffers hold;
  int fd = connectTo(s.endpoint.port());
  ASSERT_GE(fd, 0);
  ::send(fd, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n", 34, MSG_NOSIGNAL);
  // The client reads nothing yet: each turn returns (nothing blocks), the answer waits.
  for (int i = 0; i < 20; ++i) s.loop.turn(5);
  EXPECT_EQ(s.renders, 1);
  EXPECT_EQ(s.endpoint.clientCount(), 1u);
  std::string answer = readAll(s.loop, fd);
  ::close(fd);
  ASSERT_GT(answer.size(), s.body.size());
  EXPECT_EQ(answer.substr(answer.size() - s.body.size()), s.body);
  EXPECT_EQ(s.endpoint.clientCount(), 0u);
}

TEST(MetricsEndpointTest, IdleClientIsDropped) {
  Served s;  // idle timeout 0.2 s
  int fd = connectTo(s.endpoint.port());
  ASSERT_GE(fd, 0);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (s.endpoint.clientCount() == 0 && std::chrono::steady_clock::now() < deadline)
    s.loop.turn(5);
  EXPECT_EQ(s.endpoint.clientCount(), 1u);
  while (s.endpoint.clientCount() == 1 && std::chrono::steady_clock::now() < deadline) {
    s.loop.turn(20);
    s.endpoint.sweep();
  }
  EXPECT_EQ(s.endpoint.clientCount(), 0u);
  char c;
  EXPECT_EQ(::recv(fd, &c, 1, 0), 0);  // closed by the server, nothing sent
  ::close(fd);
}

TEST(MetricsEndpointTest, BadAddressesSayWhatToDo) {
  MetricsEndpoint e([] { return std::string(); });
  try {
    e.listen("127.0.0.1:9100");
    FAIL();
  } catch (const std::invalid_argument& ex) {
    EXPECT_NE(std::string(ex.what()).find("e.g. 'http://127.0.0.1:9100'"), std::string::npos)
        << ex.what();
  }
  EXPECT_THROW(e.listen("tcp://127.0.0.1:9100"), std::invalid_argument);
  Served s;
  MetricsEndpoint second([] { return std::string(); });
  try {
    second.listen("http://127.0.0.1:" + std::to_string(s.endpoint.port()));
    FAIL();
  } catch (const std::runtime_error& ex) {
    EXPECT_NE(std::string(ex.what()).find("in use"), std::string::npos) << ex.what();
    EXPECT_NE(std::string(ex.what()).find("choose another port"), std::string::npos);
  }
}

TEST(MetricsEndpointTest, ListensOnIpv6Loopback) {
  MetricsEndpoint e([] { return std::string("up 1\n"); });
  try {
    e.listen("http://[::1]:0");
  } catch (const std::runtime_error& ex) {
    GTEST_SKIP() << "no IPv6 loopback: " << ex.what();
  }
  EXPECT_EQ(e.address().rfind("http://[::1]:", 0), 0u) << e.address();
}

}  // namespace
}  // namespace surge
