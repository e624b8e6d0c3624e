#include "cluster/cluster_bus.h"

#include <time.h>
#include <unistd.h>

#include <charconv>
#include <memory>
#include <unordered_map>

#include "cluster/directory.h"
#include "core/callable.h"
#include "core/runtime.h"
#include "event/timer.h"
#include "redis/redis_connection.h"

extern "C" {
#include "zend_exceptions.h"
}

namespace surge::ext::cluster {

namespace {

using Kind = PresenceIndex::Kind;

// A process's presence keys live this long without a heartbeat: a process or node that
// died drops out of every answer within kTtlMs.
constexpr double kHeartbeatSeconds = 2.0;
constexpr int64_t kTtlMs = 6000;

struct Settings {
  RedisEndpoint endpoint;
  std::string prefix = "surge";
  std::string node;
};

struct Bus {
  Settings settings;
  std::string proc;  // "node:pid"
  std::unique_ptr<RedisConnection> pub, sub;
  std::unique_ptr<Timer> heartbeat;
  uint64_t undelivered = 0;
  uint64_t reported = 0;

  std::string key(const std::string& proc_, const char* what) const {
    return settings.prefix + ":p:" + proc_ + ":" + what;
  }
  std::string groupKey(const std::string& proc_, const std::string& group) const {
    return settings.prefix + ":p:" + proc_ + ":g:" + group;
  }
  std::string procs() const { return settings.prefix + ":procs"; }
  std::string nodeChannel(const std::string& node) const {
    return settings.prefix + ":node:" + node;
  }
  std::string allChannel() const { return settings.prefix + ":all"; }
};

std::unique_ptr<Bus> g_bus;
bool g_configured = false;
Settings g_settings;

int64_t nowMs() {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

void ignore(const RedisReply*) {}

std::string idList(const LocalDirectory::Ids& ids) {
  std::string out;
  for (uint64_t id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

void writeUid(Bus& b, const std::string& uid) {
  const LocalDirectory::Ids* ids = directory::local().uid(uid);
  if (ids && !ids->empty())
    b.pub->command({"HSET", b.key(b.proc, "u"), uid, idList(*ids)}, ignore);
  else
    b.pub->command({"HDEL", b.key(b.proc, "u"), uid}, ignore);
}

void beat(Bus& b) {
  if (!b.pub->connected()) return;
  int64_t expires = nowMs() + kTtlMs;
  b.pub->command({"ZADD", b.procs(), std::to_string(expires), b.proc}, ignore);
  b.pub->command({"ZREMRANGEBYSCORE", b.procs(), "-inf", std::to_string(nowMs() - 60000)}, ignore);
  std::string ttl = std::to_string(kTtlMs);
  b.pub->command({"PEXPIRE", b.key(b.proc, "c"), ttl}, ignore);
  b.pub->command({"PEXPIRE", b.key(b.proc, "u"), ttl}, ignore);
  for (const auto& [group, ids] : directory::local().groups())
    b.pub->command({"PEXPIRE", b.groupKey(b.proc, group), ttl}, ignore);
}

// After every (re)connection: this process's whole presence again (Redis may have
// restarted empty, or missed changes while it was away).
void publishState(Bus& b) {
  b.pub->command({"EVAL",
                  "for _,k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end "
                  "return 1",
                  "0", b.settings.prefix + ":p:" + b.proc + ":*"},
                 ignore);
  std::vector<PresenceIndex::Member> clients;
  directory::index().members(Kind::kClient, "", &clients);
  std::vector<std::string> add{"SADD", b.key(b.proc, "c")};
  for (const auto& m : clients)
    if (m.pid == directory::self()) add.push_back(std::to_string(m.connection));
  if (add.size() > 2) b.pub->command(add, ignore);
  for (const auto& [uid, ids] : directory::local().uids()) writeUid(b, uid);
  for (const auto& [group, ids] : directory::local().groups()) {
    std::vector<std::string> members{"SADD", b.groupKey(b.proc, group)};
    for (uint64_t id : ids) members.push_back(std::to_string(id));
    b.pub->command(members, ignore);
  }
  beat(b);
}

void onHeartbeat(void*) {
  if (!g_bus) return;
  beat(*g_bus);
  if (g_bus->undelivered != g_bus->reported) {
    runtime::log("cluster: " + std::to_string(g_bus->undelivered - g_bus->reported) +
                 " message(s) for other nodes were dropped while Redis at " +
                 g_bus->settings.endpoint.describe() +
                 " was unreachable (pub/sub is at-most-once)");
    g_bus->reported = g_bus->undelivered;
  }
}

void onChannelMessage(std::string_view channel, std::string_view payload) {
  if (!g_bus) return;
  size_t nl = payload.find('\n');
  if (nl == std::string_view::npos) return;
  std::string_view origin = payload.substr(0, nl);
  // This node already delivered what it published to everyone.
  if (origin == g_bus->settings.node && channel == g_bus->allChannel()) return;
  Envelope e;
  if (Envelope::decode(payload.substr(nl + 1), &e)) directory::deliver(e);
}

// One cluster question in flight: the callback, and what the answers add up to.
struct Ask {
  Question q;
  zval callback;
  zval local;
  int waiting = 0;
  bool answered = false;
  bool flag = false;
  zend_long count = 0;
  std::vector<std::string> ids;
  Ask() {
    ZVAL_UNDEF(&callback);
    ZVAL_UNDEF(&local);
  }
  ~Ask() {
    zval_ptr_dtor(&callback);
    zval_ptr_dtor(&local);
  }
};

void finish(const std::shared_ptr<Ask>& a, bool useLocal) {
  if (a->answered) return;
  a->answered = true;
  zval result;
  if (useLocal) {
    ZVAL_COPY(&result, &a->local);
  } else {
    switch (a->q.kind) {
      case Question::kIsOnline:
      case Question::kIsUidOnline:
        ZVAL_BOOL(&result, a->flag || !a->ids.empty());
        break;
      case Question::kClientIdsByUid:
      case Question::kClientIdsByGroup:
        array_init_size(&result, static_cast<uint32_t>(a->ids.size()));
        for (const std::string& id : a->ids) add_next_index_stringl(&result, id.data(), id.size());
        break;
      case Question::kClientCountByGroup:
      case Question::kAllClientCount:
        ZVAL_LONG(&result, a->count);
        break;
    }
  }
  callCallback(&a->callback, nullptr, 1, &result, CallSite{"a cluster query callback", nullptr, 0});
  zval_ptr_dtor(&result);
}

void collect(const std::shared_ptr<Ask>& a, const std::string& proc, const RedisReply* r) {
  if (r == nullptr || r->isError()) {
    a->waiting = -1000000;  // the connection went: this node's answer instead
    finish(a, true);
    return;
  }
  switch (a->q.kind) {
    case Question::kIsOnline:
      a->flag = a->flag || r->integer == 1;
      break;
    case Question::kIsUidOnline:
    case Question::kClientIdsByUid: {
      if (r->type != RedisReply::Type::kString) break;
      std::string_view list(r->str);
      size_t pos = 0;
      while (pos < list.size()) {
        size_t end = list.find(',', pos);
        if (end == std::string_view::npos) end = list.size();
        a->ids.push_back(proc + ":" + std::string(list.substr(pos, end - pos)));
        pos = end + 1;
      }
      break;
    }
    case Question::kClientIdsByGroup:
      for (const RedisReply& m : r->elements) a->ids.push_back(proc + ":" + m.str);
      break;
    case Question::kClientCountByGroup:
    case Question::kAllClientCount:
      a->count += r->integer;
      break;
  }
  if (--a->waiting == 0) finish(a, false);
}

void askProcesses(const std::shared_ptr<Ask>& a, const RedisReply* live) {
  if (live == nullptr || live->type != RedisReply::Type::kArray) {
    finish(a, true);
    return;
  }
  Bus& b = *g_bus;
  std::vector<std::pair<std::string, std::vector<std::string>>> commands;
  directory::ClientId id;
  bool isOnline = a->q.kind == Question::kIsOnline;
  if (isOnline && !directory::parseClientId(a->q.subject, &id)) {
    finish(a, false);
    return;
  }
  for (const RedisReply& p : live->elements) {
    const std::string& proc = p.str;
    switch (a->q.kind) {
      case Question::kIsOnline:
        if (proc == id.node + ":" + std::to_string(id.pid))
          commands.push_back(
              {proc, {"SISMEMBER", b.key(proc, "c"), std::to_string(id.connection)}});
        break;
      case Question::kIsUidOnline:
      case Question::kClientIdsByUid:
        commands.push_back({proc, {"HGET", b.key(proc, "u"), a->q.subject}});
        break;
      case Question::kClientIdsByGroup:
        commands.push_back({proc, {"SMEMBERS", b.groupKey(proc, a->q.subject)}});
        break;
      case Question::kClientCountByGroup:
        commands.push_back({proc, {"SCARD", b.groupKey(proc, a->q.subject)}});
        break;
      case Question::kAllClientCount:
        commands.push_back({proc, {"SCARD", b.key(proc, "c")}});
        break;
    }
  }
  if (commands.empty()) {
    finish(a, false);
    return;
  }
  a->waiting = static_cast<int>(commands.size());
  for (auto& [proc, args] : commands) {
    std::string owner = proc;
    if (!b.pub->command(args, [a, owner](const RedisReply* r) { collect(a, owner, r); })) {
      finish(a, true);
      return;
    }
  }
}

}  // namespace

bool validate() {
  g_configured = false;
  zval* v = zend_read_static_property(worker_ce, "cluster", sizeof("cluster") - 1, 1);
  if (v == nullptr || Z_TYPE_P(v) == IS_NULL) return true;
  if (Z_TYPE_P(v) != IS_ARRAY) {
    throwRuntime(
        "Worker::$cluster must be null or an array such as ['redis' => 'tcp://127.0.0.1:6379', "
        "'node' => 'a']");
    return false;
  }
  Settings s;
  zval* redis = zend_hash_str_find(Z_ARRVAL_P(v), "redis", sizeof("redis") - 1);
  std::string uri =
      redis && Z_TYPE_P(redis) == IS_STRING ? Z_STRVAL_P(redis) : "tcp://127.0.0.1:6379";
  std::string error;
  std::optional<RedisEndpoint> endpoint = RedisEndpoint::parse(uri, &error);
  if (!endpoint) {
    throwRuntime("Worker::$cluster['redis']: %s", error.c_str());
    return false;
  }
  s.endpoint = *endpoint;
  if (zval* node = zend_hash_str_find(Z_ARRVAL_P(v), "node", sizeof("node") - 1)) {
    if (Z_TYPE_P(node) != IS_STRING || Z_STRLEN_P(node) == 0 ||
        memchr(Z_STRVAL_P(node), '\n', Z_STRLEN_P(node))) {
      throwRuntime(
          "Worker::$cluster['node'] must be a non-empty string naming this node, unique in the "
          "cluster");
      return false;
    }
    s.node = Z_STRVAL_P(node);
  }
  if (zval* prefix = zend_hash_str_find(Z_ARRVAL_P(v), "prefix", sizeof("prefix") - 1)) {
    if (Z_TYPE_P(prefix) != IS_STRING || Z_STRLEN_P(prefix) == 0) {
      throwRuntime(
          "Worker::$cluster['prefix'] must be a non-empty string (the Redis key and channel "
          "prefix)");
      return false;
    }
    s.prefix = Z_STRVAL_P(prefix);
  }
  g_settings = s;
  g_configured = true;
  return true;
}

std::string configuredNode() {
  return g_configured ? g_settings.node : "";
}

bool enabled() {
  return g_bus != nullptr;
}

uint64_t undelivered() {
  return g_bus ? g_bus->undelivered : 0;
}

void startInProcess(EventLoop& loop) {
  if (!g_configured) return;
  g_bus = std::make_unique<Bus>();
  Bus& b = *g_bus;
  b.settings = g_settings;
  b.settings.node = directory::node();
  b.proc = b.settings.node + ":" + std::to_string(directory::self());
  b.pub = std::make_unique<RedisConnection>(loop, b.settings.endpoint);
  b.sub = std::make_unique<RedisConnection>(loop, b.settings.endpoint);
  std::string where = b.settings.endpoint.describe();
  b.pub->setOnConnected([] {
    if (g_bus) publishState(*g_bus);
  });
  b.pub->setOnDisconnected([where](const std::string& why) {
    runtime::log("cluster: Redis at " + where + " is unreachable (" + why +
                 "); messages for other nodes are dropped until it is back");
  });
  b.sub->subscribe(b.nodeChannel(b.settings.node), &onChannelMessage);
  b.sub->subscribe(b.allChannel(), &onChannelMessage);
  b.pub->start();
  b.sub->start();
  b.heartbeat = std::make_unique<Timer>(loop, &onHeartbeat, nullptr);
  b.heartbeat->start(kHeartbeatSeconds, true);
}

void stopInProcess() {
  if (!g_bus) return;
  g_bus->heartbeat.reset();
  // This process's presence goes at once, not when its keys expire.
  if (g_bus->pub->connected()) {
    g_bus->pub->command({"ZREM", g_bus->procs(), g_bus->proc}, ignore);
    g_bus->pub->flush();
  }
  g_bus.reset();
}

bool publish(const std::string& node, const Envelope& e) {
  if (!g_bus) return false;
  Bus& b = *g_bus;
  std::string payload = b.settings.node + "\n" + e.encode();
  if (!b.pub->command({"PUBLISH", node.empty() ? b.allChannel() : b.nodeChannel(node), payload},
                      ignore)) {
    ++b.undelivered;
    return false;
  }
  return true;
}

void bindingChanged(Kind kind, const std::string& name, uint64_t connection, bool added) {
  if (!g_bus || !g_bus->pub->connected()) return;  // the next connection publishes it all
  Bus& b = *g_bus;
  std::string id = std::to_string(connection);
  switch (kind) {
    case Kind::kClient:
      b.pub->command({added ? "SADD" : "SREM", b.key(b.proc, "c"), id}, ignore);
      if (added) b.pub->command({"PEXPIRE", b.key(b.proc, "c"), std::to_string(kTtlMs)}, ignore);
      break;
    case Kind::kUid:
      writeUid(b, name);
      if (added) b.pub->command({"PEXPIRE", b.key(b.proc, "u"), std::to_string(kTtlMs)}, ignore);
      break;
    case Kind::kGroup:
      b.pub->command({added ? "SADD" : "SREM", b.groupKey(b.proc, name), id}, ignore);
      if (added)
        b.pub->command({"PEXPIRE", b.groupKey(b.proc, name), std::to_string(kTtlMs)}, ignore);
      break;
  }
}

void ask(const Question& q, zval* callback, zval* localAnswer) {
  auto a = std::make_shared<Ask>();
  a->q = q;
  ZVAL_COPY(&a->callback, callback);
  ZVAL_COPY(&a->local, localAnswer);
  if (!g_bus || !g_bus->pub->connected()) {
    finish(a, true);
    return;
  }
  bool sent =
      g_bus->pub->command({"ZRANGEBYSCORE", g_bus->procs(), std::to_string(nowMs()), "+inf"},
                          [a](const RedisReply* r) { askProcesses(a, r); });
  if (!sent) finish(a, true);
}

}  // namespace surge::ext::cluster
