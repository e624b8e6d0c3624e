/* What the directory knows: answered at once for this node, or, with a callback, for the
 * whole cluster (Worker::$cluster) once Redis answered. Without a cluster the callback
 * gets this node's answer at once. */
#include <vector>

#include "cluster/cluster_bus.h"
#include "cluster/directory.h"
#include "core/boundary.h"
#include "core/callable.h"

extern "C" {
#include "zend_exceptions.h"
}

namespace surge::ext::directory {

namespace {

using Kind = PresenceIndex::Kind;

void clientIds(Kind kind, const std::string& name, zval* out) {
  std::vector<PresenceIndex::Member> members;
  index().members(kind, name, &members);
  array_init_size(out, static_cast<uint32_t>(members.size()));
  for (const auto& m : members) {
    std::string id = clientIdOf(m.pid, m.connection);
    add_next_index_stringl(out, id.data(), id.size());
  }
}

void names(Kind kind, zval* out) {
  std::vector<std::string> list;
  index().names(kind, &list);
  array_init_size(out, static_cast<uint32_t>(list.size()));
  for (const std::string& n : list) add_next_index_stringl(out, n.data(), n.size());
}

// Returns this node's answer (`local`, taken over); with a callback, hands the question
// to the cluster (or this node's answer to the callback) and returns null instead.
void answer(cluster::Question q, zval* callback, zval* local, zval* return_value) {
  if (callback == nullptr) {
    ZVAL_COPY_VALUE(return_value, local);
    return;
  }
  if (cluster::enabled())
    cluster::ask(q, callback, local);
  else
    callCallback(callback, nullptr, 1, local, CallSite{"a Worker query callback", nullptr, 0});
  zval_ptr_dtor(local);
}

}  // namespace

}  // namespace surge::ext::directory

using namespace surge;
using namespace surge::ext;
using namespace surge::ext::directory;

#define SURGE_QUERY_PARAMS(first)                                                    \
  zval* callback = nullptr;                                                          \
  ZEND_PARSE_PARAMETERS_START(1, 2)                                                  \
  first Z_PARAM_OPTIONAL Z_PARAM_ZVAL_OR_NULL(callback) ZEND_PARSE_PARAMETERS_END(); \
  if (callback && !zend_is_callable(callback, 0, nullptr)) {                         \
    zend_argument_type_error(2, "must be a valid callback or null");                 \
    RETURN_THROWS();                                                                 \
  }

SURGE_METHOD(Surge_Worker, isOnline) {
  zend_string* text;
  SURGE_QUERY_PARAMS(Z_PARAM_STR(text))
  if (!require("Worker::isOnline()")) RETURN_THROWS();
  ClientId id;
  bool parsed = parseClientId(std::string_view(ZSTR_VAL(text), ZSTR_LEN(text)), &id);
  zval local;
  ZVAL_BOOL(&local, parsed && id.node == node() &&
                        index().contains(PresenceIndex::Kind::kClient, "", id.pid, id.connection));
  answer(
      cluster::Question{cluster::Question::kIsOnline, std::string(ZSTR_VAL(text), ZSTR_LEN(text))},
      callback, &local, return_value);
}

SURGE_METHOD(Surge_Worker, isUidOnline) {
  zval* uid;
  SURGE_QUERY_PARAMS(Z_PARAM_ZVAL(uid))
  std::string name;
  if (!nameArgument(uid, 1, &name) || !require("Worker::isUidOnline()")) RETURN_THROWS();
  zval local;
  ZVAL_BOOL(&local, index().count(PresenceIndex::Kind::kUid, name) > 0);
  answer(cluster::Question{cluster::Question::kIsUidOnline, name}, callback, &local, return_value);
}

SURGE_METHOD(Surge_Worker, getClientIdsByUid) {
  zval* uid;
  SURGE_QUERY_PARAMS(Z_PARAM_ZVAL(uid))
  std::string name;
  if (!nameArgument(uid, 1, &name) || !require("Worker::getClientIdsByUid()")) RETURN_THROWS();
  zval local;
  clientIds(PresenceIndex::Kind::kUid, name, &local);
  answer(cluster::Question{cluster::Question::kClientIdsByUid, name}, callback, &local,
         return_value);
}

SURGE_METHOD(Surge_Worker, getClientIdsByGroup) {
  zval* group;
  SURGE_QUERY_PARAMS(Z_PARAM_ZVAL(group))
  std::string name;
  if (!nameArgument(group, 1, &name) || !require("Worker::getClientIdsByGroup()")) RETURN_THROWS();
  zval local;
  clientIds(PresenceIndex::Kind::kGroup, name, &local);
  answer(cluster::Question{cluster::Question::kClientIdsByGroup, name}, callback, &local,
         return_value);
}

SURGE_METHOD(Surge_Worker, getClientCountByGroup) {
  zval* group;
  SURGE_QUERY_PARAMS(Z_PARAM_ZVAL(group))
  std::string name;
  if (!nameArgument(group, 1, &name) || !require("Worker::getClientCountByGroup()"))
    RETURN_THROWS();
  zval local;
  ZVAL_LONG(&local, static_cast<zend_long>(index().count(PresenceIndex::Kind::kGroup, name)));
  answer(cluster::Question{cluster::Question::kClientCountByGroup, name}, callback, &local,
         return_value);
}

SURGE_METHOD(Surge_Worker, getAllClientCount) {
  zval* callback = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_ZVAL_OR_NULL(callback)
  ZEND_PARSE_PARAMETERS_END();
  if (callback && !zend_is_callable(callback, 0, nullptr)) {
    zend_argument_type_error(1, "must be a valid callback or null");
    RETURN_THROWS();
  }
  if (!require("Worker::getAllClientCount()")) RETURN_THROWS();
  zval local;
  ZVAL_LONG(&local, static_cast<zend_long>(index().clientCount()));
  answer(cluster::Question{cluster::Question::kAllClientCount, ""}, callback, &local, return_value);
}

SURGE_METHOD(Surge_Worker, getAllUids) {
  ZEND_PARSE_PARAMETERS_NONE();
  if (!require("Worker::getAllUids()")) RETURN_THROWS();
  names(PresenceIndex::Kind::kUid, return_value);
}

SURGE_METHOD(Surge_Worker, getAllGroups) {
  ZEND_PARSE_PARAMETERS_NONE();
  if (!require("Worker::getAllGroups()")) RETURN_THROWS();
  names(PresenceIndex::Kind::kGroup, return_value);
}
