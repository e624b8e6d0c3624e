// RedisConnection against a real redis-server started by the fixture on a free port.
#include "redis/redis_connection.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "event/event_loop.h"
#include "event/timer.h"
#include "test_support.h"

namespace surge {
namespace {

int freePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

bool canConnect(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

// One redis-server process; killed (SIGKILL, as a crash) and reaped by stop().
class RedisServer {
 public:
  explicit RedisServer(int port, std::string password = "")
      : port_(port), password_(std::move(password)) {}
  ~RedisServer() { stop(); }
  bool start() {
    pid_ = ::fork();
    if (pid_ == 0) {
      int devnull = ::open("/dev/null", O_WRONLY);
      ::dup2(devnull, 1);
      std::string port = std::to_string(port_);
      if (password_.empty()) {
        ::execlp("redis-server", "redis-server", "--port", port.c_str(), "--bind", "127.0.0.1",
                 "--save", "", "--appendonly", "no", "--loglevel", "warning", (char*)nullptr);
      } else {
        ::execlp("redis-server", "redis-server", "--port", port.c_str(), "--bind", "127.0.0.1",
                 "--save", "", "--appendonly", "no", "--loglevel", "warning", "--requirepass",
                 password_.c_str(), (char*)nullptr);
      }
      ::_exit(127);
    }
    for (int i = 0; i < 1000; ++i) {
      if (canConnect(port_)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  int port() const { return port_; }

 private:
  int port_;
  std::string password_;
  pid_t pid_ = -1;
};

class RedisConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::signal(SIGPIPE, SIG_IGN);  // hiredis write()s; Surge's processes ignore SIGPIPE too
    port_ = freePort();
    server_ = std::make_unique<RedisServer>(port_);
    ASSERT_TRUE(server_->start()) << "redis-server did not start on port " << port_;
  }

  RedisEndpoint endpoint(const std::string& uri = "") {
    std::string error;
    auto ep = RedisEndpoint::parse(uri.empty() ? "tcp://127.0.0.1:" + std::to_string(port_) : uri,
                                   &error);
    EXPECT_TRUE(ep) << error;
    return *ep;
  }

  // Runs the loop until pred() holds; false after 10 s (a hang, not a timing assertion).
  bool runUntil(const std::function<bool()>& pred, double seconds = 10) {
    struct Ctx {
      EventLoop* loop;
      const std::function<bool()>* pred;
      bool timedOut = false;
    } ctx{&loop_, &pred};
    Timer poll(
        loop_,
        [](void* p) {
          auto* c = static_cast<Ctx*>(p);
          if ((*c->pred)()) c->loop->stop();
        },
        &ctx);
    Timer limit(
        loop_,
        [](void* p) {
          auto* c = static_cast<Ctx*>(p);
          c->timedOut = true;
          c->loop->stop();
        },
        &ctx);
    if (pred()) return true;
    poll.start(0.002, true);
    limit.start(seconds, false);
    loop_.run();
    return !ctx.timedOut && pred();
  }

  EventLoop loop_;
  int port_ = 0;
  std::unique_ptr<RedisServer> server_;
};

TEST_F(RedisConnectionTest, CommandsAndReplyTypes) {
  RedisConnection c(loop_, endpoint());
  int connects = 0;
  c.setOnConnected([&] { ++connects; });
  EXPECT_FALSE(c.command({"PING"}, [](const RedisReply*) {})) << "not connected yet";
  c.start();
  ASSERT_TRUE(runUntil([&] { return c.connected(); }));
  EXPECT_EQ(connects, 1);
  std::vector<RedisReply> got;
  auto keep = [&](const RedisReply* r) {
    ASSERT_NE(r, nullptr);
    got.push_back(*r);
  };
  std::string binary("a\0b\r\nc", 6);
  ASSERT_TRUE(c.command({"SET", "k", binary}, keep));
  ASSERT_TRUE(c.command({"GET", "k"}, keep));
  ASSERT_TRUE(c.command({"GET", "missing"}, keep));
  ASSERT_TRUE(c.command({"INCRBY", "n", "42"}, keep));
  ASSERT_TRUE(c.command({"RPUSH", "l", "x", "y"}, keep));
  ASSERT_TRUE(c.command({"LRANGE", "l", "0", "-1"}, keep));
  ASSERT_TRUE(c.command({"NOSUCHCOMMAND"}, keep));
  ASSERT_TRUE(runUntil([&] { return got.size() == 7; }));
  EXPECT_EQ(got[0].type, RedisReply::Type::kStatus);
  EXPECT_EQ(got[0].str, "OK");
  EXPECT_EQ(got[1].type, RedisReply::Type::kString);
  EXPECT_EQ(got[1].str, binary);
  EXPECT_EQ(got[2].type, RedisReply::Type::kNil);
  EXPECT_EQ(got[3].type, RedisReply::Type::kInteger);
  EXPECT_EQ(got[3].integer, 42);
  EXPECT_EQ(got[5].type, RedisReply::Type::kArray);
  ASSERT_EQ(got[5].elements.size(), 2u);
  EXPECT_EQ(got[5].elements[1].str, "y");
  EXPECT_EQ(got[6].type, RedisReply::Type::kError);
  EXPECT_TRUE(testing::Contains(got[6].str, "unknown command"));
  EXPECT_EQ(c.pending(), 0u);
}

TEST_F(RedisConnectionTest, PipelinedRepliesKeepTheirOrder) {
  RedisConnection c(loop_, endpoint());
  c.start();
  ASSERT_TRUE(runUntil([&] { return c.connected(); }));
  std::vector<long long> seen;
  for (int i = 0; i < 2000; ++i)
    ASSERT_TRUE(c.command({"INCR", "counter"},
                          [&](const RedisReply* r) { seen.push_back(r ? r->integer : -1); }));
  EXPECT_EQ(c.pending(), 2000u);
  ASSERT_TRUE(runUntil([&] { return seen.size() == 2000; }));
  for (int i = 0; i < 2000; ++i) ASSERT_EQ(seen[i], i + 1);
}

TEST_F(RedisConnectionTest, DatabaseNumberIsSelected) {
  RedisConnection c(loop_, endpoint("redis://127.0.0.1:" + std::to_string(port_) + "/3"));
  c.start();
  ASSERT_TRUE(runUntil([&] { return c.connected(); }));
  std::string db;
  c.command({"CLIENT", "INFO"}, [&](const RedisReply* r) { db = r ? r->str : "lost"; });
  ASSERT_TRUE(runUntil([&] { return !db.empty(); }));
  EXPECT_TRUE(testing::Contains(db, " db=3 "));
}

TEST_F(RedisConnectionTest, PubSub) {
  RedisConnection sub(loop_, endpoint());
  RedisConnection pub(loop_, endpoint());
  std::vector<std::string> messages;
  sub.subscribe("news", [&](std::string_view ch, std::string_view msg) {
    messages.push_back(std::string(ch) + "=" + std::string(msg));
  });
  sub.subscribe("other", [&](std::string_view ch, std::string_view msg) {
    messages.push_back(std::string(ch) + "=" + std::string(msg));
  });
  sub.start();
  pub.start();
  ASSERT_TRUE(runUntil([&] { return sub.connected() && pub.connected(); }));
  EXPECT_FALSE(sub.command({"PING"}, [](const RedisReply*) {}))
      << "a subscribed connection takes no commands";
  // Wait until the server counts both subscriptions, then publish.
  long long receivers = 0;
  ASSERT_TRUE(runUntil([&] {
    pub.command({"PUBLISH", "news", "hello"},
                [&](const RedisReply* r) { receivers = r ? r->integer : 0; });
    return receivers == 1;
  }));
  ASSERT_TRUE(runUntil([&] { return !messages.empty(); }));
  messages.clear();
  sub.unsubscribe("news");
  // "other" still arrives, "news" no longer does (same connection, so the order holds).
  ASSERT_TRUE(runUntil([&] {
    if (!messages.empty()) return true;
    pub.command({"PUBLISH", "news", "dropped"}, [](const RedisReply*) {});
    pub.command({"PUBLISH", "other", "kept"}, [](const RedisReply*) {});
    return false;
  }));
  EXPECT_EQ(messages.front(), "other=kept");
  for (const auto& m : messages) EXPECT_NE(m, "news=dropped");
}

TEST_F(RedisConnectionTest, ServerKilledAndRestartedReconnectsAndResubscribes) {
  RedisConnection c(loop_, endpoint());
  RedisConnection sub(loop_, endpoint());
  c.setBackoff(0.05, 0.2);
  sub.setBackoff(0.05, 0.2);
  int connects = 0, disconnects = 0, subConnects = 0;
  std::string why;
  c.setOnConnected([&] { ++connects; });
  c.setOnDisconnected([&](const std::string& w) {
    ++disconnects;
    why = w;
  });
  sub.setOnConnected([&] { ++subConnects; });
  std::vector<std::string> messages;
  sub.subscribe("ch", [&](std::string_view, std::string_view m) { messages.emplace_back(m); });
  c.start();
  sub.start();
  ASSERT_TRUE(runUntil([&] { return c.connected() && sub.connected(); }));

  // A command that waits forever on the server: lost with the server.
  int nullAnswers = 0, answers = 0;
  ASSERT_TRUE(c.command({"BLPOP", "nothing", "0"},
                        [&](const RedisReply* r) { r ? ++answers : ++nullAnswers; }));
  ASSERT_TRUE(runUntil([&] { return c.pending() == 1; }));
  server_->stop();
  ASSERT_TRUE(runUntil([&] { return disconnects == 1; }));
  EXPECT_EQ(nullAnswers, 1);
  EXPECT_EQ(answers, 0);
  EXPECT_FALSE(c.connected());
  EXPECT_FALSE(c.command({"PING"}, [](const RedisReply*) {}));
  EXPECT_FALSE(why.empty());

  ASSERT_TRUE(server_->start());
  ASSERT_TRUE(runUntil([&] { return connects == 2 && subConnects == 2; }));
  EXPECT_EQ(nullAnswers, 1) << "a lost command is answered once";
  EXPECT_EQ(disconnects, 1) << "failed attempts while down are reported once";
  long long receivers = 0;
  ASSERT_TRUE(runUntil([&] {
    c.command({"PUBLISH", "ch", "after restart"},
              [&](const RedisReply* r) { receivers = r ? r->integer : 0; });
    return receivers == 1;
  }));
  ASSERT_TRUE(runUntil([&] { return !messages.empty(); }));
  EXPECT_EQ(messages.front(), "after restart");
}

TEST_F(RedisConnectionTest, WrongPasswordIsReportedAndRetried) {
  server_->stop();
  server_ = std::make_unique<RedisServer>(port_, "s3cret");
  ASSERT_TRUE(server_->start());
  RedisConnection bad(loop_, endpoint("redis://:wrong@127.0.0.1:" + std::to_string(port_)));
  bad.setBackoff(0.02, 0.05);
  int reports = 0;
  std::string why;
  bad.setOnDisconnected([&](const std::string& w) {
    ++reports;
    why = w;
  });
  bad.start();
  ASSERT_TRUE(runUntil([&] { return reports == 1; }));
  EXPECT_TRUE(testing::Contains(why, "AUTH failed")) << why;
  EXPECT_FALSE(bad.connected());
  bad.stop();

  RedisConnection good(loop_, endpoint("redis://:s3cret@127.0.0.1:" + std::to_string(port_)));
  good.start();
  ASSERT_TRUE(runUntil([&] { return good.connected(); }));
}

TEST_F(RedisConnectionTest, UnreachableServerIsRetriedUntilItComes) {
  int port = freePort();
  RedisConnection c(loop_, endpoint("tcp://127.0.0.1:" + std::to_string(port)));
  c.setBackoff(0.02, 0.1);
  int reports = 0, connects = 0;
  c.setOnDisconnected([&](const std::string&) { ++reports; });
  c.setOnConnected([&] { ++connects; });
  c.start();
  ASSERT_TRUE(runUntil([&] { return reports == 1; }));
  EXPECT_TRUE(testing::Contains(c.lastError(), "refused")) << c.lastError();
  RedisServer late(port);
  ASSERT_TRUE(late.start());
  ASSERT_TRUE(runUntil([&] { return connects == 1; }));
  EXPECT_EQ(reports, 1);
}

TEST_F(RedisConnectionTest, NameIsResolvedWithoutBlocking) {
  RedisConnection c(loop_, endpoint("redis://localhost:" + std::to_string(port_)));
  c.start();
  ASSERT_TRUE(runUntil([&] { return c.connected(); }));
}

TEST_F(RedisConnectionTest, CallbackMayDestroyTheConnection) {
  auto c = std::make_unique<RedisConnection>(loop_, endpoint());
  c->start();
  ASSERT_TRUE(runUntil([&] { return c->connected(); }));
  int calls = 0;
  for (int i = 0; i < 10; ++i)
    c->command({"PING"}, [&](const RedisReply*) {
      ++calls;
      c.reset();  // the other nine answers must never arrive
    });
  ASSERT_TRUE(runUntil([&] { return c == nullptr; }));
  // Let the loop run a while longer: nothing may fire.
  RedisConnection probe(loop_, endpoint());
  probe.start();
  ASSERT_TRUE(runUntil([&] { return probe.connected(); }));
  EXPECT_EQ(calls, 1);
}

TEST_F(RedisConnectionTest, StopInCallbackFailsTheRestOnce) {
  RedisConnection c(loop_, endpoint());
  c.start();
  ASSERT_TRUE(runUntil([&] { return c.connected(); }));
  int answered = 0, lost = 0;
  for (int i = 0; i < 5; ++i)
    c.command({"PING"}, [&](const RedisReply* r) {
      if (r == nullptr) {
        ++lost;
        return;
      }
      ++answered;
      c.stop();
    });
  ASSERT_TRUE(runUntil([&] { return answered + lost == 5; }));
  EXPECT_EQ(answered, 1);
  EXPECT_EQ(lost, 4);
  EXPECT_FALSE(c.connected());
  c.start();  // and it can be started again
  ASSERT_TRUE(runUntil([&] { return c.connected(); }));
}

TEST_F(RedisConnectionTest, DestroyedWhileConnectingAndOnDisconnect) {
  for (int i = 0; i < 20; ++i) {
    RedisConnection c(loop_, endpoint());
    c.start();
  }
  auto c = std::make_unique<RedisConnection>(loop_, endpoint());
  c->setBackoff(0.02, 0.02);
  c->setOnDisconnected([&](const std::string&) { c.reset(); });
  c->start();
  ASSERT_TRUE(runUntil([&] { return c->connected(); }));
  server_->stop();
  ASSERT_TRUE(runUntil([&] { return c == nullptr; }));
}

TEST(RedisEndpointTest, Parse) {
  std::string error;
  auto a = RedisEndpoint::parse("tcp://10.0.0.1:6380", &error);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "10.0.0.1");
  EXPECT_EQ(a->port, 6380);
  auto b = RedisEndpoint::parse("redis://:p%40ss@redis.local/2", &error);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->host, "redis.local");
  EXPECT_EQ(b->port, 6379);
  EXPECT_EQ(b->password, "p@ss");
  EXPECT_EQ(b->db, 2);
  EXPECT_EQ(b->describe(), "redis.local:6379/2");
  auto c = RedisEndpoint::parse("unix:///run/redis.sock", &error);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->unixPath, "/run/redis.sock");
  EXPECT_EQ(c->describe(), "unix:/run/redis.sock");
  auto d = RedisEndpoint::parse("redis://[::1]:7000", &error);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->host, "::1");
  EXPECT_EQ(d->describe(), "[::1]:7000");
  EXPECT_FALSE(RedisEndpoint::parse("127.0.0.1:6379", &error));
  EXPECT_TRUE(testing::Contains(error, "no scheme"));
  EXPECT_FALSE(RedisEndpoint::parse("http://x:1", &error));
  EXPECT_TRUE(testing::Contains(error, "unknown scheme"));
  EXPECT_FALSE(RedisEndpoint::parse("tcp://x:99999", &error));
  EXPECT_TRUE(testing::Contains(error, "bad port"));
  EXPECT_FALSE(RedisEndpoint::parse("redis://x/abc", &error));
  EXPECT_TRUE(testing::Contains(error, "database"));
}

}  // namespace
}  // namespace surge
