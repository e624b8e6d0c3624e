#include "redis/redis_connection.h"

#include <arpa/inet.h>
#include <unistd.h>

#include <algorithm>
#include <deque>
#include <map>
#include <utility>

#include "event/event_loop.h"
#include "event/timer.h"
#include "net/connector.h"
#include "redis/hiredis_reply.h"

// hiredis's adapter is a header of static functions written for C.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <hiredis/adapters/libevent.h>
#include <hiredis/async.h>
#include <hiredis/hiredis.h>
#pragma GCC diagnostic pop

namespace surge {

namespace {

bool isIpLiteral(const std::string& host) {
  unsigned char buf[sizeof(in6_addr)];
  return inet_pton(AF_INET, host.c_str(), buf) == 1 || inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

}  // namespace

// Everything the hiredis callbacks reach. hiredis holds a raw pointer to it in
// redisAsyncContext::data; detaching a context clears that pointer first, so a context
// whose free hiredis deferred (we were inside one of its callbacks) can no longer reach
// us. User callbacks hold a strong reference while they run, so a callback that destroys
// the RedisConnection does not pull the state from under the code that called it.
struct RedisConnection::State : std::enable_shared_from_this<State>, Connector::Handler {
  enum class Phase { kIdle, kConnecting, kHandshake, kReady };
  struct Entry {
    ReplyCallback cb;
    bool internal = false;  // AUTH/SELECT/PING of the handshake
  };

  State(EventLoop& l, RedisEndpoint e)
      : loop(l),
        ep(std::move(e)),
        retryTimer(l, &State::onRetry, this),
        deferTimer(l, &State::onDeferred, this),
        connectTimer(l, &State::onConnectTimeout, this) {}
  ~State() override { detach(); }

  EventLoop& loop;
  RedisEndpoint ep;
  redisAsyncContext* ac = nullptr;
  std::unique_ptr<Connector> resolver;
  Phase phase = Phase::kIdle;
  bool running = false;
  bool destroyed = false;
  bool subscribedOnWire = false;
  std::deque<Entry> pending;
  std::vector<ReplyCallback> failed;
  std::map<std::string, MessageCallback, std::less<>> subscriptions;
  std::function<void()> connectedFn;
  std::function<void(const std::string&)> disconnectedFn;
  bool reportLoss = false;
  bool failureReported = false;
  std::string lastError;
  double backoffInitial = 0.1, backoffMax = 5.0, backoff = 0.1, connectTimeout = 5.0;
  Timer retryTimer, deferTimer, connectTimer;

  // --- connecting ---
  void connectNow() {
    if (ac != nullptr || phase != Phase::kIdle) return;
    phase = Phase::kConnecting;
    connectTimer.start(connectTimeout, false);
    if (ep.unixPath.empty() && !isIpLiteral(ep.host)) {
      // hiredis would call getaddrinfo() on the loop; the Connector resolves on a helper
      // thread and proves the port answers, then hiredis connects to the address found.
      if (!resolver) resolver = std::make_unique<Connector>(loop, this);
      resolver->start(ep.host, ep.port, connectTimeout);
      return;
    }
    open(ep.host);
  }

  void onConnected(Connector&, int fd, const SocketAddress& peer) override {
    ::close(fd);
    open(peer.ip());
  }
  void onConnectFailed(Connector&, const std::string& reason) override { lost(reason); }

  void open(const std::string& ip) {
    redisAsyncContext* c = ep.unixPath.empty() ? redisAsyncConnect(ip.c_str(), ep.port)
                                               : redisAsyncConnectUnix(ep.unixPath.c_str());
    if (c == nullptr) {
      lost("out of memory");
      return;
    }
    if (c->err != 0) {
      std::string why = c->errstr;
      redisAsyncFree(c);
      lost(why);
      return;
    }
    c->data = this;
    redisLibeventAttach(c, loop.base());
    redisAsyncSetConnectCallback(c, &State::onConnect);
    redisAsyncSetDisconnectCallback(c, &State::onDisconnect);
    ac = c;
  }

  // Not called inside hiredis's "in callback" guard, so nothing here may free the context
  // or run user code: the handshake replies (which are guarded) do the rest.
  static void onConnect(const redisAsyncContext* c, int status) {
    auto* s = static_cast<State*>(c->data);
    if (s == nullptr) return;
    if (status != REDIS_OK) {
      const_cast<redisAsyncContext*>(c)->data = nullptr;  // hiredis frees it after this
      s->ac = nullptr;
      s->lost(c->errstr[0] != '\0' ? c->errstr : "connect failed");
      return;
    }
    s->phase = Phase::kHandshake;
    if (!s->ep.password.empty()) s->sendInternal({"AUTH", s->ep.password}, "AUTH");
    if (s->ep.db != 0) s->sendInternal({"SELECT", std::to_string(s->ep.db)}, "SELECT");
    // PING proves the server answers (a loading or misconfigured server says so here).
    s->sendInternal({"PING"}, nullptr);
  }

  void sendInternal(const std::vector<std::string>& args, const char* what) {
    std::weak_ptr<State> weak = weak_from_this();
    std::string step = what != nullptr ? what : "PING";
    bool last = what == nullptr;
    send(args, Entry{[weak, step, last](const RedisReply* r) {
                       auto s = weak.lock();
                       if (!s || r == nullptr || s->phase != Phase::kHandshake) return;
                       if (r->isError()) {
                         s->lost(step + " failed: " + r->str);
                       } else if (last) {
                         s->ready();
                       }
                     },
                     true});
  }

  bool send(const std::vector<std::string>& args, Entry entry) {
    std::vector<const char*> argv;
    std::vector<size_t> lens;
    argv.reserve(args.size());
    lens.reserve(args.size());
    for (const auto& a : args) {
      argv.push_back(a.data());
      lens.push_back(a.size());
    }
    if (redisAsyncCommandArgv(ac, &State::onReply, nullptr, static_cast<int>(args.size()),
                              argv.data(), lens.data()) != REDIS_OK)
      return false;
    pending.push_back(std::move(entry));
    return true;
  }

  // Replies come back in the order the commands went out, so our own FIFO pairs them;
  // hiredis's privdata stays null and owns nothing.
  static void onReply(redisAsyncContext* c, void* reply, void*) {
    auto* s = static_cast<State*>(c->data);
    if (s == nullptr || reply == nullptr || s->pending.empty()) return;
    auto keep = s->shared_from_this();
    Entry e = std::move(s->pending.front());
    s->pending.pop_front();
    RedisReply r = fromHiredis(static_cast<redisReply*>(reply));
    if (e.cb) e.cb(&r);
  }

  void ready() {
    phase = Phase::kReady;
    connectTimer.stop();
    backoff = backoffInitial;
    failureReported = false;
    lastError.clear();
    if (!subscriptions.empty()) {
      std::vector<std::string> args{"SUBSCRIBE"};
      for (const auto& [channel, fn] : subscriptions) args.push_back(channel);
      sendSubscribe(args);
    }
    if (connectedFn) {
      auto fn = connectedFn;
      fn();
    }
  }

  // --- pub/sub ---
  void sendSubscribe(const std::vector<std::string>& args) {
    std::vector<const char*> argv;
    std::vector<size_t> lens;
    for (const auto& a : args) {
      argv.push_back(a.data());
      lens.push_back(a.size());
    }
    redisAsyncCommandArgv(ac, &State::onMessage, nullptr, static_cast<int>(args.size()),
                          argv.data(), lens.data());
    if (args[0] == "SUBSCRIBE") subscribedOnWire = true;
  }

  static void onMessage(redisAsyncContext* c, void* reply, void*) {
    auto* s = static_cast<State*>(c->data);
    auto* r = static_cast<redisReply*>(reply);
    if (s == nullptr || r == nullptr || r->type != REDIS_REPLY_ARRAY || r->elements < 3) return;
    std::string_view kind(r->element[0]->str, r->element[0]->len);
    if (kind == "unsubscribe") {
      if (r->element[2]->type == REDIS_REPLY_INTEGER && r->element[2]->integer == 0)
        s->subscribedOnWire = false;
      return;
    }
    if (kind != "message") return;
    std::string_view channel(r->element[1]->str, r->element[1]->len);
    auto it = s->subscriptions.find(channel);
    if (it == s->subscriptions.end()) return;
    auto keep = s->shared_from_this();
    MessageCallback fn = it->second;  // the callback may unsubscribe itself
    fn(channel, std::string_view(r->element[2]->str, r->element[2]->len));
  }

  // --- losing the connection ---
  static void onDisconnect(const redisAsyncContext* c, int status) {
    auto* s = static_cast<State*>(c->data);
    if (s == nullptr) return;
    const_cast<redisAsyncContext*>(c)->data = nullptr;  // hiredis frees it after this
    s->ac = nullptr;
    s->lost(status == REDIS_OK ? "connection closed by the server"
                               : (c->errstr[0] != '\0' ? c->errstr : "connection lost"));
  }

  // Releases the hiredis context; its pending replies are ours to fail.
  void detach() {
    if (resolver) resolver->cancel();
    if (ac == nullptr) return;
    redisAsyncContext* c = ac;
    ac = nullptr;
    c->data = nullptr;
    redisAsyncFree(c);  // deferred by hiredis when we are inside one of its callbacks
  }

  void failPending() {
    for (auto& e : pending)
      if (!e.internal && e.cb) failed.push_back(std::move(e.cb));
    pending.clear();
  }

  // Connection lost or attempt failed: fail what waits, report (from the loop) and retry.
  void lost(const std::string& why) {
    bool wasReady = phase == Phase::kReady;
    phase = Phase::kIdle;
    subscribedOnWire = false;
    connectTimer.stop();
    detach();
    failPending();
    lastError = why;
    if (wasReady || !failureReported) {
      reportLoss = true;
      failureReported = true;
    }
    if (running) {
      retryTimer.start(backoff, false);
      backoff = std::min(backoff * 2, backoffMax);
    }
    deferTimer.start(0, false);
  }

  static void onRetry(void* self) {
    auto* s = static_cast<State*>(self);
    if (s->running) s->connectNow();
  }

  static void onConnectTimeout(void* self) {
    auto* s = static_cast<State*>(self);
    if (s->phase != Phase::kReady) s->lost("no answer within the connect timeout");
  }

  // Runs user callbacks for a loss from a clean stack (never inside hiredis's teardown).
  static void onDeferred(void* self) {
    auto s = static_cast<State*>(self)->shared_from_this();
    std::vector<ReplyCallback> list;
    list.swap(s->failed);
    for (auto& cb : list) {
      if (s->destroyed) return;
      cb(nullptr);
    }
    if (s->destroyed || !s->reportLoss) return;
    s->reportLoss = false;
    if (s->disconnectedFn) {
      auto fn = s->disconnectedFn;
      std::string why = s->lastError;
      fn(why);
    }
  }

  void stop(bool deliver) {
    running = false;
    retryTimer.stop();
    connectTimer.stop();
    detach();
    phase = Phase::kIdle;
    subscribedOnWire = false;
    if (deliver) {
      failPending();
      if (!failed.empty()) deferTimer.start(0, false);
    } else {
      pending.clear();
      failed.clear();
      deferTimer.stop();
    }
  }
};

RedisConnection::RedisConnection(EventLoop& loop, RedisEndpoint endpoint)
    : state_(std::make_shared<State>(loop, std::move(endpoint))) {}

RedisConnection::~RedisConnection() {
  state_->destroyed = true;
  state_->stop(false);
  state_->reportLoss = false;
}

void RedisConnection::setOnConnected(std::function<void()> fn) {
  state_->connectedFn = std::move(fn);
}

void RedisConnection::setOnDisconnected(std::function<void(const std::string&)> fn) {
  state_->disconnectedFn = std::move(fn);
}

void RedisConnection::start() {
  if (state_->running) return;
  state_->running = true;
  state_->backoff = state_->backoffInitial;
  state_->failureReported = false;
  state_->connectNow();
}

void RedisConnection::stop() {
  state_->stop(true);
}

bool RedisConnection::connected() const {
  return state_->phase == State::Phase::kReady;
}

bool RedisConnection::command(const std::vector<std::string>& args, ReplyCallback cb) {
  State& s = *state_;
  if (s.phase != State::Phase::kReady || s.ac == nullptr || args.empty()) return false;
  if (!s.subscriptions.empty() || s.subscribedOnWire) return false;
  return s.send(args, State::Entry{std::move(cb), false});
}

void RedisConnection::subscribe(const std::string& channel, MessageCallback fn) {
  State& s = *state_;
  bool fresh = s.subscriptions.find(channel) == s.subscriptions.end();
  s.subscriptions[channel] = std::move(fn);
  if (fresh && s.phase == State::Phase::kReady && s.ac != nullptr)
    s.sendSubscribe({"SUBSCRIBE", channel});
}

void RedisConnection::unsubscribe(const std::string& channel) {
  State& s = *state_;
  auto it = s.subscriptions.find(channel);
  if (it == s.subscriptions.end()) return;
  s.subscriptions.erase(it);
  if (s.phase == State::Phase::kReady && s.ac != nullptr) s.sendSubscribe({"UNSUBSCRIBE", channel});
}

void RedisConnection::flush() {
  State& s = *state_;
  if (s.ac == nullptr || !(s.ac->c.flags & REDIS_CONNECTED)) return;
  int done = 0;
  redisBufferWrite(&s.ac->c, &done);
}

const RedisEndpoint& RedisConnection::endpoint() const {
  return state_->ep;
}

const std::string& RedisConnection::lastError() const {
  return state_->lastError;
}

size_t RedisConnection::pending() const {
  return state_->pending.size();
}

void RedisConnection::setBackoff(double initialSeconds, double maxSeconds) {
  state_->backoffInitial = initialSeconds;
  state_->backoff = initialSeconds;
  state_->backoffMax = maxSeconds;
}

void RedisConnection::setConnectTimeout(double seconds) {
  state_->connectTimeout = seconds;
}

}  // namespace surge
