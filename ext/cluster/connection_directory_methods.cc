/* TcpConnection's side of send-to-anyone: its client id, its uid and its groups. */
#include "cluster/cluster_bus.h"
#include "cluster/directory.h"
#include "core/boundary.h"
#include "core/connection_object.h"

extern "C" {
#include "ext/spl/spl_exceptions.h"
#include "zend_exceptions.h"
}

namespace surge::ext::directory {

bool nameArgument(zval* value, uint32_t arg, std::string* out) {
  if (Z_TYPE_P(value) == IS_LONG) {
    *out = std::to_string(Z_LVAL_P(value));
  } else if (Z_TYPE_P(value) == IS_STRING) {
    out->assign(Z_STRVAL_P(value), Z_STRLEN_P(value));
  } else {
    zend_argument_type_error(arg, "must be of type string|int, %s given",
                             zend_zval_type_name(value));
    return false;
  }
  if (out->empty() || out->size() > PresenceIndex::kMaxName) {
    zend_argument_value_error(arg, "must be 1 to %zu bytes long", PresenceIndex::kMaxName);
    return false;
  }
  return true;
}

namespace {

using Kind = PresenceIndex::Kind;

void addToIndex(Kind kind, const std::string& name, uint64_t id) {
  if (index().add(kind, name, self(), id) == PresenceIndex::Added::kFull) {
    zend_throw_exception_ex(
        spl_ce_OverflowException, 0,
        "the directory of clients, uids and groups is full (%zu entries): raise "
        "Worker::$directoryCapacity before Worker::runAll()",
        index().capacity());
    return;
  }
  cluster::bindingChanged(kind, name, id, true);
}

void removeFromIndex(Kind kind, const std::string& name, uint64_t id) {
  index().remove(kind, name, self(), id);
  cluster::bindingChanged(kind, name, id, false);
}

ConnectionObject* listedThis(zval* self, const char* api) {
  ConnectionObject* c = connectionFrom(Z_OBJ_P(self));
  if (!requireListed(c, api)) return nullptr;
  return c;
}

// The name argument of bindUid(), joinGroup() and leaveGroup(), and the connection they
// were called on; null after throwing.
ConnectionObject* namedCall(zval* self, zval* arg, const char* api, std::string* name) {
  if (!nameArgument(arg, 1, name)) return nullptr;
  return listedThis(self, api);
}

}  // namespace

}  // namespace surge::ext::directory

using namespace surge;
using namespace surge::ext;
using namespace surge::ext::directory;

SURGE_METHOD(Surge_Connection_TcpConnection, getClientId) {
  ZEND_PARSE_PARAMETERS_NONE();
  std::string id = clientIdOf(connectionFrom(Z_OBJ_P(ZEND_THIS)));
  RETURN_STRINGL(id.data(), id.size());
}

SURGE_METHOD(Surge_Connection_TcpConnection, bindUid) {
  zval* arg;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_ZVAL(arg)
  ZEND_PARSE_PARAMETERS_END();
  std::string name;
  ConnectionObject* c = namedCall(ZEND_THIS, arg, "TcpConnection::bindUid()", &name);
  if (c == nullptr) RETURN_THROWS();
  if (c->conn == nullptr || !c->conn->isOpen()) return;  // closed: nothing left to reach
  uint64_t id = static_cast<uint64_t>(c->realId);
  std::string previous;
  if (!local().bindUid(id, name, &previous)) return;
  if (!previous.empty()) removeFromIndex(PresenceIndex::Kind::kUid, previous, id);
  addToIndex(PresenceIndex::Kind::kUid, name, id);
  if (EG(exception)) local().unbindUid(id, &previous);
}

SURGE_METHOD(Surge_Connection_TcpConnection, unbindUid) {
  ZEND_PARSE_PARAMETERS_NONE();
  ConnectionObject* c = listedThis(ZEND_THIS, "TcpConnection::unbindUid()");
  if (c == nullptr) RETURN_THROWS();
  std::string previous;
  uint64_t id = static_cast<uint64_t>(c->realId);
  if (local().unbindUid(id, &previous)) removeFromIndex(PresenceIndex::Kind::kUid, previous, id);
}

SURGE_METHOD(Surge_Connection_TcpConnection, getUid) {
  ZEND_PARSE_PARAMETERS_NONE();
  const LocalDirectory::Bindings* b =
      local().of(static_cast<uint64_t>(connectionFrom(Z_OBJ_P(ZEND_THIS))->realId));
  if (b == nullptr || b->uid.empty() || !available()) RETURN_NULL();
  RETURN_STRINGL(b->uid.data(), b->uid.size());
}

SURGE_METHOD(Surge_Connection_TcpConnection, joinGroup) {
  zval* arg;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_ZVAL(arg)
  ZEND_PARSE_PARAMETERS_END();
  std::string name;
  ConnectionObject* c = namedCall(ZEND_THIS, arg, "TcpConnection::joinGroup()", &name);
  if (c == nullptr) RETURN_THROWS();
  if (c->conn == nullptr || !c->conn->isOpen()) return;
  uint64_t id = static_cast<uint64_t>(c->realId);
  if (!local().join(id, name)) return;
  addToIndex(PresenceIndex::Kind::kGroup, name, id);
  if (EG(exception)) local().leave(id, name);
}

SURGE_METHOD(Surge_Connection_TcpConnection, leaveGroup) {
  zval* arg;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_ZVAL(arg)
  ZEND_PARSE_PARAMETERS_END();
  std::string name;
  ConnectionObject* c = namedCall(ZEND_THIS, arg, "TcpConnection::leaveGroup()", &name);
  if (c == nullptr) RETURN_THROWS();
  uint64_t id = static_cast<uint64_t>(c->realId);
  if (local().leave(id, name)) removeFromIndex(PresenceIndex::Kind::kGroup, name, id);
}

SURGE_METHOD(Surge_Connection_TcpConnection, getGroups) {
  ZEND_PARSE_PARAMETERS_NONE();
  array_init(return_value);
  const LocalDirectory::Bindings* b =
      local().of(static_cast<uint64_t>(connectionFrom(Z_OBJ_P(ZEND_THIS))->realId));
  if (b == nullptr || !available()) return;
  for (const std::string& g : b->groups) add_next_index_stringl(return_value, g.data(), g.size());
}
