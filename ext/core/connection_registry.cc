/* The lists connections are in (TcpConnection::$connections, $worker->connections), and
 * the end of every open one when the process shuts down (a worker's connections when it
 * stops: connection_retirement.cc). */
#include <string>

#include "core/connection_internal.h"
#include "core/runtime.h"
#include "event/event_loop.h"

namespace surge::ext {

void removeFromArrays(ConnectionObject* c) {
  zend_long id = c->realId;
  if (c->worker) {
    zval* list = slot(c->worker, worker_props.connections);
    if (Z_TYPE_P(list) == IS_ARRAY) {
      SEPARATE_ARRAY(list);
      zend_hash_index_del(Z_ARRVAL_P(list), id);
    }
  }
  zval* all = connection_statics.connections.get();
  if (Z_TYPE_P(all) == IS_ARRAY) {
    SEPARATE_ARRAY(all);
    zend_hash_index_del(Z_ARRVAL_P(all), id);
  }
}

void addToArrays(ConnectionObject* c, zend_long id) {
  zval self;
  ZVAL_OBJ(&self, &c->std);
  zval* list = slot(c->worker, worker_props.connections);
  if (Z_TYPE_P(list) != IS_ARRAY) {
    zval fresh;
    array_init(&fresh);
    setSlot(c->worker, worker_props.connections, &fresh);
    zval_ptr_dtor(&fresh);
    list = slot(c->worker, worker_props.connections);
  }
  SEPARATE_ARRAY(list);
  Z_ADDREF(self);
  zend_hash_index_update(Z_ARRVAL_P(list), id, &self);
  zval* all = connection_statics.connections.get();
  if (Z_TYPE_P(all) == IS_ARRAY) {
    SEPARATE_ARRAY(all);
    Z_ADDREF(self);
    zend_hash_index_update(Z_ARRVAL_P(all), id, &self);
  }
}

void closeConnectionAfterFailure(zend_long connectionId) {
  if (CE_STATIC_MEMBERS(tcp_connection_ce) == nullptr) return;
  zval* all = connection_statics.connections.get();
  if (Z_TYPE_P(all) != IS_ARRAY) return;
  zval* entry = zend_hash_index_find(Z_ARRVAL_P(all), connectionId);
  if (entry == nullptr || Z_TYPE_P(entry) != IS_OBJECT ||
      !instanceof_function(Z_OBJCE_P(entry), tcp_connection_ce))
    return;
  ConnectionObject* c = connectionFrom(Z_OBJ_P(entry));
  if (c->conn) c->conn->close();
}

namespace runtime {
void closeOpenConnectionsForShutdown() {
  // Nothing was ever accepted or listed if the class's statics were never set up.
  if (CE_STATIC_MEMBERS(tcp_connection_ce) == nullptr) return;
  zval* all = connection_statics.connections.get();
  if (Z_TYPE_P(all) != IS_ARRAY) return;
  zval copy;
  ZVAL_ARR(&copy, zend_array_dup(Z_ARRVAL_P(all)));
  zval* entry;
  ZEND_HASH_FOREACH_VAL(Z_ARRVAL(copy), entry) {
    if (Z_TYPE_P(entry) != IS_OBJECT || !instanceof_function(Z_OBJCE_P(entry), tcp_connection_ce))
      continue;
    ConnectionObject* c = connectionFrom(Z_OBJ_P(entry));
    if (c->conn == nullptr || c->conn->state() == Connection::State::kClosed) continue;
    c->conn->setUserData(nullptr);
    c->conn->destroy();
    removeFromArrays(c);
    OBJ_RELEASE(&c->std);  // the reference of the open connection
  }
  ZEND_HASH_FOREACH_END();
  zval_ptr_dtor(&copy);
}
}  // namespace runtime

}  // namespace surge::ext
