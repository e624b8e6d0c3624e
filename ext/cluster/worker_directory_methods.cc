/* Worker's static side of send-to-anyone: messages to a client, a uid, a group or
 * everyone, from any process, and what the directory knows (on this node at once, or
 * across the cluster through a callback). A message travels once to each process that
 * holds a recipient (its inbox, src/ipc/mailbox.h), and once to the cluster's channel when
 * Worker::$cluster is set; each receiving process encodes it for its own connections. */
#include <map>
#include <vector>

#include "cluster/cluster_bus.h"
#include "cluster/directory.h"
#include "core/boundary.h"
#include "core/connection_object.h"

extern "C" {
#include "zend_exceptions.h"
}

namespace surge::ext::directory {

namespace {

using Kind = PresenceIndex::Kind;

// One name, or an array of them.
bool namesArgument(zval* value, uint32_t arg, std::vector<std::string>* out) {
  if (Z_TYPE_P(value) != IS_ARRAY) {
    out->emplace_back();
    return nameArgument(value, arg, &out->back());
  }
  zval* each;
  ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(value), each) {
    out->emplace_back();
    if (!nameArgument(each, arg, &out->back())) return false;
  }
  ZEND_HASH_FOREACH_END();
  return true;
}

bool clientIdsArgument(HashTable* ids, uint32_t arg, std::vector<std::string>* out) {
  if (ids == nullptr) return true;
  zval* each;
  ZEND_HASH_FOREACH_VAL(ids, each) {
    if (Z_TYPE_P(each) != IS_STRING) {
      zend_argument_type_error(arg, "must hold client ids (strings), %s found",
                               zend_zval_type_name(each));
      return false;
    }
    out->emplace_back(Z_STRVAL_P(each), Z_STRLEN_P(each));
  }
  ZEND_HASH_FOREACH_END();
  return true;
}

// Sends `e` (for uids or groups) to each process of this node holding one of its names,
// naming only the names each one holds, and to the other nodes.
void sendByName(Kind kind, Envelope& e) {
  std::map<pid_t, std::vector<std::string>> byProcess;
  std::vector<pid_t> pids;
  for (const std::string& name : e.names) {
    pids.clear();
    index().processes(kind, name, &pids);
    for (pid_t p : pids) byProcess[p].push_back(name);
  }
  if (cluster::enabled()) cluster::publish("", e);
  std::vector<std::string> all = std::move(e.names);
  for (auto& [pid, names] : byProcess) {
    e.names = std::move(names);
    sendToProcess(pid, e);
    if (EG(exception)) return;
  }
  e.names = std::move(all);
}

// sendToClient() and closeClient(): false when the client is known to be gone.
bool sendToOne(const ClientId& id, Envelope& e) {
  e.target = Envelope::Target::kConnections;
  e.process = id.pid;
  e.connections = {id.connection};
  if (id.node != node()) return cluster::enabled() && cluster::publish(id.node, e);
  if (!index().contains(Kind::kClient, "", id.pid, id.connection)) return false;
  return sendToProcess(id.pid, e);
}

bool clientIdArgument(zend_string* text, ClientId* id) {
  if (parseClientId(std::string_view(ZSTR_VAL(text), ZSTR_LEN(text)), id)) return true;
  zend_argument_value_error(
      1, "is not a client id (\"node:pid:id\", from TcpConnection::getClientId())");
  return false;
}

}  // namespace

}  // namespace surge::ext::directory

using namespace surge;
using namespace surge::ext;
using namespace surge::ext::directory;

SURGE_METHOD(Surge_Worker, sendToClient) {
  zend_string* clientId;
  zend_string* message;
  ZEND_PARSE_PARAMETERS_START(2, 2)
  Z_PARAM_STR(clientId)
  Z_PARAM_STR(message)
  ZEND_PARSE_PARAMETERS_END();
  if (!require("Worker::sendToClient()")) RETURN_THROWS();
  ClientId id;
  if (!clientIdArgument(clientId, &id)) RETURN_THROWS();
  Envelope e;
  e.message.assign(ZSTR_VAL(message), ZSTR_LEN(message));
  RETURN_BOOL(sendToOne(id, e));
}

SURGE_METHOD(Surge_Worker, closeClient) {
  zend_string* clientId;
  zend_string* message = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_STR(clientId)
  Z_PARAM_OPTIONAL
  Z_PARAM_STR_OR_NULL(message)
  ZEND_PARSE_PARAMETERS_END();
  if (!require("Worker::closeClient()")) RETURN_THROWS();
  ClientId id;
  if (!clientIdArgument(clientId, &id)) RETURN_THROWS();
  Envelope e;
  e.close = true;
  if (message) e.message.assign(ZSTR_VAL(message), ZSTR_LEN(message));
  RETURN_BOOL(sendToOne(id, e));
}

SURGE_METHOD(Surge_Worker, sendToUid) {
  zval* uids;
  zend_string* message;
  ZEND_PARSE_PARAMETERS_START(2, 2)
  Z_PARAM_ZVAL(uids)
  Z_PARAM_STR(message)
  ZEND_PARSE_PARAMETERS_END();
  Envelope e;
  e.target = Envelope::Target::kUids;
  if (!namesArgument(uids, 1, &e.names)) RETURN_THROWS();
  if (!require("Worker::sendToUid()")) RETURN_THROWS();
  e.message.assign(ZSTR_VAL(message), ZSTR_LEN(message));
  sendByName(Kind::kUid, e);
}

SURGE_METHOD(Surge_Worker, sendToGroup) {
  zval* groups;
  zend_string* message;
  HashTable* exclude = nullptr;
  ZEND_PARSE_PARAMETERS_START(2, 3)
  Z_PARAM_ZVAL(groups)
  Z_PARAM_STR(message)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY_HT(exclude)
  ZEND_PARSE_PARAMETERS_END();
  Envelope e;
  e.target = Envelope::Target::kGroups;
  if (!namesArgument(groups, 1, &e.names) || !clientIdsArgument(exclude, 3, &e.exclude))
    RETURN_THROWS();
  if (!require("Worker::sendToGroup()")) RETURN_THROWS();
  e.message.assign(ZSTR_VAL(message), ZSTR_LEN(message));
  sendByName(Kind::kGroup, e);
}

SURGE_METHOD(Surge_Worker, sendToAll) {
  zend_string* message;
  HashTable* exclude = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_STR(message)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY_HT(exclude)
  ZEND_PARSE_PARAMETERS_END();
  Envelope e;
  e.target = Envelope::Target::kAll;
  if (!clientIdsArgument(exclude, 2, &e.exclude)) RETURN_THROWS();
  if (!require("Worker::sendToAll()")) RETURN_THROWS();
  e.message.assign(ZSTR_VAL(message), ZSTR_LEN(message));
  if (cluster::enabled()) cluster::publish("", e);
  std::vector<pid_t> pids;
  index().processes(Kind::kClient, "", &pids);
  for (pid_t p : pids) {
    sendToProcess(p, e);
    if (EG(exception)) return;
  }
}
