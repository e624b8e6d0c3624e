/* The lists connections are in (TcpConnection::$connections, $worker->connections), and
 * the ends of them all: a worker's connections when it stops, every open one when the
 * process shuts down. */
#include <algorithm>
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

namespace {
// Runs from the loop: every connection of the worker answers what already arrived,
// flushes, then half-closes and keeps reading (and dropping) until the peer closes or
// lingerTimeout passes, so a request racing with the stop finds a closed connection (and
// can retry elsewhere), not a reset one.
void endWorkerConnections(void* arg) {
  auto* worker = static_cast<zend_object*>(arg);
  auto& list = runtime::workers();
  // The worker may have been dropped meanwhile (request shutdown): then nothing is left.
  if (runtime::exiting() || std::find(list.begin(), list.end(), worker) == list.end()) return;
  zval* connections = slot(worker, worker_props.connections);
  if (Z_TYPE_P(connections) != IS_ARRAY) return;
  // Closing may remove entries while we walk: walk a copy.
  zval copy;
  ZVAL_ARR(&copy, zend_array_dup(Z_ARRVAL_P(connections)));
  zval* entry;
  ZEND_HASH_FOREACH_VAL(Z_ARRVAL(copy), entry) {
    if (Z_TYPE_P(entry) == IS_OBJECT && instanceof_function(Z_OBJCE_P(entry), tcp_connection_ce)) {
      ConnectionObject* c = connectionFrom(Z_OBJ_P(entry));
      if (c->conn) c->conn->drainInput();
      if (c->driver->goodbye) c->driver->goodbye(c, 1001);  // "going away"
      if (c->conn) c->conn->end(lingerOf(c));
    }
  }
  ZEND_HASH_FOREACH_END();
  zval_ptr_dtor(&copy);
}
}  // namespace

void closeWorkerConnections(zend_object* worker) {
  // Never under the caller: a stop is often requested from a callback (stopAll() in
  // onMessage), while a connection's delivery is on the stack; draining then would read
  // into the spill area that delivery is still walking and deliver bytes out of order.
  EventLoop* loop = runtime::loop();
  if (loop == nullptr) return;
  try {
    loop->defer(&endWorkerConnections, worker);
  } catch (const std::exception& e) {
    // Out of memory for one deferred call: the stop deadline still closes everything.
    runtime::log("Worker[" + workerNameOf(worker) +
                 "] cannot queue closing its connections: " + e.what());
  }
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
