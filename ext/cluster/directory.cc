#include "cluster/directory.h"

#include <unistd.h>

#include <charconv>
#include <memory>
#include <unordered_set>

#include "cluster/cluster_bus.h"
#include "core/callable.h"
#include "core/connection_object.h"
#include "core/runtime.h"
#include "core/worker_object.h"
#include "ipc/mailbox.h"
#include "websocket/websocket_broadcast.h"

extern "C" {
#include "zend_exceptions.h"
#include "zend_interfaces.h"
}

namespace surge::ext::directory {

namespace {

// Made by the master and inherited by every worker process (the mapping is shared).
std::unique_ptr<PresenceIndex> g_index;
std::unique_ptr<Mailbox> g_mailbox;
LocalDirectory g_local;
std::string g_node;
pid_t g_self = 0;
bool g_fullLogged = false;

bool listed(ConnectionObject* c) {
  return c->client == nullptr && c->worker &&
         workerFrom(c->worker)->native->kind != ProtocolKind::kHttp;
}

void onInbox(void*, pid_t, std::string_view bytes) {
  Envelope e;
  if (Envelope::decode(bytes, &e)) deliver(e);
}

std::string hostName() {
  char name[256] = {0};
  if (::gethostname(name, sizeof(name) - 1) != 0 || name[0] == 0) return "local";
  return name;
}

// Connections of this process named in `exclude` (client ids of any node and process).
std::unordered_set<uint64_t> excludedHere(const std::vector<std::string>& exclude) {
  std::unordered_set<uint64_t> ids;
  ClientId id;
  for (const std::string& text : exclude)
    if (parseClientId(text, &id) && id.pid == g_self && id.node == g_node)
      ids.insert(id.connection);
  return ids;
}

zval* connectionById(uint64_t id) {
  zval* all = connection_statics.connections.get();
  if (all == nullptr || Z_TYPE_P(all) != IS_ARRAY) return nullptr;
  zval* entry = zend_hash_index_find(Z_ARRVAL_P(all), static_cast<zend_ulong>(id));
  if (entry == nullptr || Z_TYPE_P(entry) != IS_OBJECT ||
      !instanceof_function(Z_OBJCE_P(entry), tcp_connection_ce) ||
      !listed(connectionFrom(Z_OBJ_P(entry))))
    return nullptr;
  return entry;
}

void addTarget(HashTable* targets, uint64_t id, const std::unordered_set<uint64_t>& skip) {
  if (skip.count(id)) return;
  zval* entry = connectionById(id);
  if (entry == nullptr) return;
  Z_ADDREF_P(entry);
  if (zend_hash_index_add(targets, static_cast<zend_ulong>(id), entry) == nullptr)
    Z_DELREF_P(entry);
}

}  // namespace

void createForServer() {
  g_node = cluster::configuredNode();
  if (g_node.empty()) g_node = hostName();
  zval* v =
      zend_read_static_property(worker_ce, "directoryCapacity", sizeof("directoryCapacity") - 1, 1);
  zend_long capacity = v ? zval_get_long(v) : 1000000;
  std::string error;
  g_index = PresenceIndex::create(static_cast<size_t>(capacity > 0 ? capacity : 16), &error);
  if (!g_index)
    runtime::log("send-to-anyone is off: " + error + " (lower Worker::$directoryCapacity)");
}

void processExited(pid_t pid) {
  if (g_index) g_index->removeProcess(pid);
}

void startInProcess(EventLoop& loop) {
  g_self = ::getpid();
  if (!g_index) return;
  g_mailbox = std::make_unique<Mailbox>(loop, &onInbox, nullptr);
  std::string error;
  if (!g_mailbox->open(std::to_string(::getppid()), &error)) {
    runtime::log("send-to-anyone is off in process " + std::to_string(g_self) + ": " + error);
    g_mailbox.reset();
  }
  cluster::startInProcess(loop);
}

bool available() {
  return g_index && g_mailbox && runtime::loop();
}

bool require(const char* api) {
  if (available()) return true;
  throwRuntime(
      "%s works in the worker processes of a running server: call it from a callback "
      "(onMessage, onConnect, a timer...) after Worker::runAll()",
      api);
  return false;
}

PresenceIndex& index() {
  return *g_index;
}
LocalDirectory& local() {
  return g_local;
}
const std::string& node() {
  return g_node;
}
pid_t self() {
  return g_self;
}

std::string clientIdOf(pid_t pid, uint64_t connection) {
  return g_node + ":" + std::to_string(pid) + ":" + std::to_string(connection);
}

std::string clientIdOf(ConnectionObject* c) {
  return clientIdOf(g_self ? g_self : ::getpid(), static_cast<uint64_t>(c->realId));
}

bool parseClientId(std::string_view text, ClientId* out) {
  size_t last = text.rfind(':');
  if (last == std::string_view::npos || last == 0) return false;
  size_t middle = text.rfind(':', last - 1);
  if (middle == std::string_view::npos) return false;
  std::string_view pid = text.substr(middle + 1, last - middle - 1);
  std::string_view conn = text.substr(last + 1);
  long long p = 0;
  unsigned long long c = 0;
  auto r1 = std::from_chars(pid.data(), pid.data() + pid.size(), p);
  auto r2 = std::from_chars(conn.data(), conn.data() + conn.size(), c);
  if (r1.ec != std::errc() || r1.ptr != pid.data() + pid.size() || p <= 0 || r2.ec != std::errc() ||
      r2.ptr != conn.data() + conn.size())
    return false;
  out->node.assign(text.substr(0, middle));
  out->pid = static_cast<pid_t>(p);
  out->connection = c;
  return true;
}

bool sendToProcess(pid_t pid, const Envelope& e) {
  if (pid == g_self) {
    deliver(e);
    return true;
  }
  return g_mailbox && g_mailbox->send(pid, e.encode());
}

void deliver(const Envelope& e) {
  if (e.process && e.process != g_self) return;
  std::unordered_set<uint64_t> skip = excludedHere(e.exclude);
  HashTable* targets = zend_new_array(0);
  switch (e.target) {
    case Envelope::Target::kConnections:
      for (uint64_t id : e.connections) addTarget(targets, id, skip);
      break;
    case Envelope::Target::kUids:
    case Envelope::Target::kGroups:
      for (const std::string& name : e.names) {
        const LocalDirectory::Ids* ids =
            e.target == Envelope::Target::kUids ? g_local.uid(name) : g_local.group(name);
        if (ids)
          for (uint64_t id : *ids) addTarget(targets, id, skip);
      }
      break;
    case Envelope::Target::kAll: {
      zval* all = connection_statics.connections.get();
      if (all && Z_TYPE_P(all) == IS_ARRAY) {
        zend_ulong id;
        ZEND_HASH_FOREACH_NUM_KEY(Z_ARRVAL_P(all), id) {
          addTarget(targets, id, skip);
        }
        ZEND_HASH_FOREACH_END();
      }
      break;
    }
  }
  if (zend_hash_num_elements(targets) > 0 && (!e.close || !e.message.empty())) {
    zend_string* message = zend_string_init(e.message.data(), e.message.size(), 0);
    Broadcast b(message, true);
    zval* entry;
    ZEND_HASH_FOREACH_VAL(targets, entry) {
      b.to(entry);
    }
    ZEND_HASH_FOREACH_END();
    b.finish();
    zend_string_release(message);
  }
  if (e.close) {
    zval* entry;
    ZEND_HASH_FOREACH_VAL(targets, entry) {
      zend_call_method_with_0_params(Z_OBJ_P(entry), Z_OBJCE_P(entry), nullptr, "close", nullptr);
      if (EG(exception)) break;
    }
    ZEND_HASH_FOREACH_END();
  }
  zend_array_release(targets);
  // A user protocol's encode() may throw: reported as any callback's exception would be.
  if (EG(exception))
    reportPendingException(CallSite{"a message sent with Worker::sendTo*()", nullptr, 0});
}

void connectionOpened(ConnectionObject* c, WorkerObject* w) {
  if (!g_index || w->native->kind == ProtocolKind::kHttp) return;
  uint64_t id = static_cast<uint64_t>(c->realId);
  PresenceIndex::Added added = g_index->add(PresenceIndex::Kind::kClient, "", g_self, id);
  if (added == PresenceIndex::Added::kAdded)
    cluster::bindingChanged(PresenceIndex::Kind::kClient, "", id, true);
  if (added == PresenceIndex::Added::kFull && !g_fullLogged) {
    g_fullLogged = true;
    runtime::log("the directory of clients, uids and groups is full (" +
                 std::to_string(g_index->capacity()) +
                 " entries): raise Worker::$directoryCapacity; connections accepted now are "
                 "not reachable through Worker::sendTo*()");
  }
}

void connectionClosed(ConnectionObject* c) {
  if (!g_index || !listed(c)) return;
  uint64_t id = static_cast<uint64_t>(c->realId);
  if (g_index->remove(PresenceIndex::Kind::kClient, "", g_self, id))
    cluster::bindingChanged(PresenceIndex::Kind::kClient, "", id, false);
  if (g_local.empty()) return;
  LocalDirectory::Bindings b = g_local.forget(id);
  if (!b.uid.empty()) {
    g_index->remove(PresenceIndex::Kind::kUid, b.uid, g_self, id);
    cluster::bindingChanged(PresenceIndex::Kind::kUid, b.uid, id, false);
  }
  for (const std::string& g : b.groups) {
    g_index->remove(PresenceIndex::Kind::kGroup, g, g_self, id);
    cluster::bindingChanged(PresenceIndex::Kind::kGroup, g, id, false);
  }
}

bool requireListed(ConnectionObject* c, const char* api) {
  if (!require(api)) return false;
  if (c->client != nullptr || c->worker == nullptr) {
    throwRuntime("%s: only connections a Worker accepted can be bound; this one is outgoing", api);
    return false;
  }
  if (workerFrom(c->worker)->native->kind == ProtocolKind::kHttp) {
    throwRuntime(
        "%s: an HTTP connection cannot be reached by messages pushed to it; use a websocket://, "
        "text://, frame://, tcp:// or user-protocol worker",
        api);
    return false;
  }
  return true;
}

}  // namespace surge::ext::directory
