/* Surge\Connection\TcpConnection: the PHP face of an accepted connection, and the
 * bridge that turns the core connection's events (bytes, drain, buffer full, close)
 * into framed messages and PHP callbacks. This is the hot path. */
#include "core/boundary.h"
#include "core/connection_object.h"

#include <arpa/inet.h>

#include <algorithm>
#include <string>

#include "base/log.h"
#include "client/async_tcp_connection.h"
#include "core/callable.h"
#include "event/event_loop.h"
#include "http/http_server.h"
#include "net/connection.h"
#include "protocol/frame/frame_codec.h"
#include "protocol/text/text_codec.h"
#include "core/runtime.h"
#include "protocols/driver_glue.h"
#include "websocket/websocket_server.h"
#include "core/worker_object.h"

extern "C" {
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "ext/json/php_json.h"
}

#include "arginfo/TcpConnection_arginfo.h"

namespace surge::ext {

zend_class_entry* tcp_connection_ce = nullptr;
ConnectionProps connection_props;

namespace {
zend_object_handlers connection_handlers;

constexpr zend_long kStatusEstablished = 2, kStatusEnding = 4, kStatusClosing = 8,
                    kStatusClosed = 16;

zend_object* createConnection(zend_class_entry* ce) {
  auto* c = static_cast<ConnectionObject*>(zend_object_alloc(sizeof(ConnectionObject), ce));
  c->conn = nullptr;
  c->worker = nullptr;
  c->driver = driverFor(ProtocolKind::kRaw, Side::kAccepted);
  c->state.ptr = nullptr;
  c->realId = 0;
  c->client = nullptr;
  zend_object_std_init(&c->std, ce);
  object_properties_init(&c->std, ce);
  c->std.handlers = &connection_handlers;
  runtime::statAdd(runtime::Stat::kConnectionCount, 1);
  return &c->std;
}

void freeConnection(zend_object* obj) {
  ConnectionObject* c = connectionFrom(obj);
  if (c->conn) {
    // No callback may reach a freed object.
    c->conn->setUserData(nullptr);
    c->conn->destroy();
    c->conn->release();
    c->conn = nullptr;
  }
  if (c->worker) {
    OBJ_RELEASE(c->worker);
    c->worker = nullptr;
  }
  if (c->driver->freeState) c->driver->freeState(c);
  // Static properties are gone once the request shuts down.
  if (!(EG(flags) & EG_FLAGS_IN_SHUTDOWN)) runtime::statAdd(runtime::Stat::kConnectionCount, -1);
  zend_object_std_dtor(obj);
}

// The cycle collector must see what a connection holds natively: its worker and, for an
// outgoing connection, the callables its own caches keep (a closure that captures its
// connection, set as that connection's callback, forms a cycle only this reveals).
HashTable* connectionGc(zend_object* obj, zval** table, int* count) {
  ConnectionObject* c = connectionFrom(obj);
  zend_get_gc_buffer* gc = zend_get_gc_buffer_create();
  if (c->worker) zend_get_gc_buffer_add_obj(gc, c->worker);
  if (c->client) reportClientGc(c->client, gc);
  zend_get_gc_buffer_use(gc, table, count);
  return zend_std_get_properties(obj);
}

WorkerObject* workerOf(ConnectionObject* c) {
  return c->worker ? workerFrom(c->worker) : nullptr;
}

CallSite siteOf(ConnectionObject* c, const char* callback) {
  return CallSite{callback, c->worker, slotLong(&c->std, connection_props.id, 0)};
}

const char* const kCallbackNames[] = {"onMessage",
                                      "onClose",
                                      "onError",
                                      "onConnect",
                                      "onBufferFull",
                                      "onBufferDrain",
                                      "onWebSocketConnect",
                                      "onWebSocketConnected",
                                      "onWebSocketClose",
                                      "onWebSocketPing",
                                      "onWebSocketPong"};

zval* writeConnectionProperty(zend_object* obj, zend_string* name, zval* value, void** cache) {
  for (const char* cb : kCallbackNames) {
    if (zend_string_equals_cstr(name, cb, strlen(cb))) {
      std::string what = std::string("Surge\\Connection\\TcpConnection::$") + cb;
      if (!checkCallableProperty(value, what.c_str())) return &EG(uninitialized_zval);
      break;
    }
  }
  zval* result = zend_std_write_property(obj, name, value, cache);
  // The send high-water mark lives in the core connection.
  if (zend_string_equals_literal(name, "maxSendBufferSize")) {
    ConnectionObject* c = connectionFrom(obj);
    zend_long v = slotLong(obj, connection_props.maxSendBufferSize, 0);
    if (c->conn && v > 0) c->conn->setMaxSendBufferSize(static_cast<size_t>(v));
  }
  return result;
}

void removeFromArrays(ConnectionObject* c) {
  zend_long id = c->realId;
  if (c->worker) {
    zval* list = slot(c->worker, worker_props.connections);
    if (Z_TYPE_P(list) == IS_ARRAY) {
      SEPARATE_ARRAY(list);
      zend_hash_index_del(Z_ARRVAL_P(list), id);
    }
  }
  zval* all =
      zend_read_static_property(tcp_connection_ce, "connections", sizeof("connections") - 1, 1);
  if (all) {
    ZVAL_DEREF(all);
    if (Z_TYPE_P(all) == IS_ARRAY) {
      SEPARATE_ARRAY(all);
      zend_hash_index_del(Z_ARRVAL_P(all), id);
    }
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
  zval* all =
      zend_read_static_property(tcp_connection_ce, "connections", sizeof("connections") - 1, 1);
  if (all) {
    ZVAL_DEREF(all);
    if (Z_TYPE_P(all) == IS_ARRAY) {
      SEPARATE_ARRAY(all);
      Z_ADDREF(self);
      zend_hash_index_update(Z_ARRVAL_P(all), id, &self);
    }
  }
}

void callOnError(ConnectionObject* c, zend_long code, const char* message) {
  zval* cb = slot(&c->std, connection_props.onError);
  if (Z_TYPE_P(cb) <= IS_NULL) return;
  zval args[3];
  ZVAL_OBJ(&args[0], &c->std);
  ZVAL_LONG(&args[1], code);
  ZVAL_STRING(&args[2], message);
  WorkerObject* w = workerOf(c);
  callCallback(cb, w ? &w->native->onError : nullptr, 3, args, siteOf(c, "onError"));
  zval_ptr_dtor(&args[2]);
}

class ConnectionBridge : public Connection::Handler {
 public:
  size_t onData(Connection& conn, std::string_view data) override {
    auto* c = static_cast<ConnectionObject*>(conn.userData());
    if (c == nullptr || runtime::exiting()) return data.size();
    WorkerObject* w = workerOf(c);
    GC_ADDREF(&c->std);
    setSlotLong(&c->std, connection_props.bytesRead, static_cast<zend_long>(conn.bytesRead()));
    size_t used = c->driver->onData(c, w, data);
    OBJ_RELEASE(&c->std);
    return used;
  }

  void onDrain(Connection& conn) override {
    auto* c = static_cast<ConnectionObject*>(conn.userData());
    if (c == nullptr || runtime::exiting()) return;
    setSlotLong(&c->std, connection_props.bytesWritten,
                static_cast<zend_long>(conn.bytesWritten()));
    zval* cb = slot(&c->std, connection_props.onBufferDrain);
    if (Z_TYPE_P(cb) <= IS_NULL) return;
    GC_ADDREF(&c->std);
    zval arg;
    ZVAL_OBJ(&arg, &c->std);
    callCallback(cb, &workerOf(c)->native->onBufferDrain, 1, &arg, siteOf(c, "onBufferDrain"));
    OBJ_RELEASE(&c->std);
  }

  void onBufferFull(Connection& conn) override {
    auto* c = static_cast<ConnectionObject*>(conn.userData());
    if (c == nullptr || runtime::exiting()) return;
    zval* cb = slot(&c->std, connection_props.onBufferFull);
    if (Z_TYPE_P(cb) <= IS_NULL) return;
    GC_ADDREF(&c->std);
    zval arg;
    ZVAL_OBJ(&arg, &c->std);
    callCallback(cb, &workerOf(c)->native->onBufferFull, 1, &arg, siteOf(c, "onBufferFull"));
    OBJ_RELEASE(&c->std);
  }

  void onClose(Connection& conn) override {
    auto* c = static_cast<ConnectionObject*>(conn.userData());
    if (c == nullptr) return;
    GC_ADDREF(&c->std);
    setSlotLong(&c->std, connection_props.bytesWritten,
                static_cast<zend_long>(conn.bytesWritten()));
    zval* cb = slot(&c->std, connection_props.onClose);
    if (Z_TYPE_P(cb) > IS_NULL && !runtime::exiting()) {
      zval arg;
      ZVAL_OBJ(&arg, &c->std);
      callCallback(cb, &workerOf(c)->native->onClose, 1, &arg, siteOf(c, "onClose"));
    }
    removeFromArrays(c);
    // The reference taken at accept: an open connection keeps its object alive.
    OBJ_RELEASE(&c->std);
    runtime::connectionClosed();
    OBJ_RELEASE(&c->std);
  }
};
ConnectionBridge g_bridge;

}  // namespace

// Calls onMessage; an exception closes this connection only.
void deliverAccepted(ConnectionObject* c, WorkerObject* w, zval* message) {
  if (dispatchMessage(c, w, message) == CallOutcome::kThrew && c->conn) c->conn->close();
}

void rejectAccepted(ConnectionObject* c, std::string_view why) {
  runtime::log("Worker[" + workerNameOf(c->worker) + "] connection " +
               std::to_string(slotLong(&c->std, connection_props.id, 0)) + " from " +
               c->conn->peerAddress().toString() + ": " + std::string(why) + "; closing it");
  c->conn->destroy();
}

const UserProtocol kNoUserProtocol;

CallOutcome dispatchMessage(ConnectionObject* c, WorkerObject* w, zval* message) {
  runtime::statAdd(runtime::Stat::kTotalRequest, 1);
  countServed(w);
  zval* cb = slot(&c->std, connection_props.onMessage);
  if (Z_TYPE_P(cb) <= IS_NULL) return CallOutcome::kOk;
  zval args[2];
  ZVAL_OBJ(&args[0], &c->std);
  ZVAL_COPY_VALUE(&args[1], message);
  return callCallback(cb, &w->native->onMessage, 2, args, siteOf(c, "onMessage"));
}

namespace {
void retainZendString(void* s) {
  zend_string_addref(static_cast<zend_string*>(s));
}
void releaseZendString(void* s) {
  zend_string_release(static_cast<zend_string*>(s));
}
}  // namespace

SendPiece pieceOf(zend_string* s) {
  return SendPiece{ZSTR_VAL(s), ZSTR_LEN(s), s, retainZendString, releaseZendString};
}

EncodeOutcome encodeForSend(ConnectionObject* c, ProtocolKind kind, const UserProtocol& user,
                            zval* data, EncodedSend* out) {
  zend_string* payload;
  if (kind == ProtocolKind::kUser) {
    zval args[2], encoded;
    ZVAL_COPY_VALUE(&args[0], data);
    ZVAL_OBJ(&args[1], &c->std);
    ZVAL_UNDEF(&encoded);
    zend_call_known_function(user.encode, nullptr, user.cls, &encoded, 2, args, nullptr);
    if (EG(exception)) {
      zval_ptr_dtor(&encoded);
      return EncodeOutcome::kFailed;
    }
    payload = zval_try_get_string(&encoded);
    zval_ptr_dtor(&encoded);
    if (payload == nullptr) return EncodeOutcome::kFailed;
    if (ZSTR_LEN(payload) == 0) {
      zend_string_release(payload);
      return EncodeOutcome::kNothing;
    }
    kind = ProtocolKind::kRaw;  // encode() made the wire bytes
  } else {
    payload = zval_try_get_string(data);
    if (payload == nullptr) return EncodeOutcome::kFailed;
  }
  out->payload = payload;
  out->count = 0;
  switch (kind) {
    case ProtocolKind::kText:
      out->pieces[out->count++] = pieceOf(payload);
      out->pieces[out->count++] =
          SendPiece{protocol::TextCodec::kTrailer.data(), protocol::TextCodec::kTrailer.size()};
      break;
    case ProtocolKind::kFrame:
      if (!protocol::FrameCodec::header(ZSTR_LEN(payload), out->header)) {
        zend_string_release(payload);
        out->payload = nullptr;
        zend_value_error("Surge\\Protocols\\Frame cannot carry more than 4 GiB in one frame");
        return EncodeOutcome::kFailed;
      }
      out->pieces[out->count++] = SendPiece{out->header, sizeof out->header};
      out->pieces[out->count++] = pieceOf(payload);
      break;
    default:
      out->pieces[out->count++] = pieceOf(payload);
      break;
  }
  return EncodeOutcome::kSend;
}

void reportSendResult(ConnectionObject* c, Connection::SendResult result, zval* return_value) {
  switch (result) {
    case Connection::SendResult::kWritten:
      setSlotLong(&c->std, connection_props.bytesWritten,
                  static_cast<zend_long>(c->conn->bytesWritten()));
      RETVAL_TRUE;
      break;
    case Connection::SendResult::kQueued:
      setSlotLong(&c->std, connection_props.bytesWritten,
                  static_cast<zend_long>(c->conn->bytesWritten()));
      RETVAL_NULL();
      break;
    case Connection::SendResult::kBufferFull:
      runtime::statAdd(runtime::Stat::kSendFail, 1);
      callOnError(c, 2, "send buffer full and drop package");
      RETVAL_FALSE;
      break;
    case Connection::SendResult::kPeerGone:
      runtime::statAdd(runtime::Stat::kSendFail, 1);
      callOnError(c, 2, "client closed");
      if (c->conn) c->conn->destroy();
      RETVAL_FALSE;
      break;
    case Connection::SendResult::kClosed:
      RETVAL_FALSE;
      break;
  }
}

namespace {

// send() as Workerman defines it: true written, null queued, false failed.
void sendValue(ConnectionObject* c, zval* data, bool raw, zval* return_value) {
  if (c->conn == nullptr || !c->conn->isOpen()) RETURN_FALSE;
  c->driver->send(c, data, raw, return_value);
}

ConnectionObject* thisConnection(zval* self) {
  return connectionFrom(Z_OBJ_P(self));
}

zend_long statusOf(ConnectionObject* c) {
  if (c->conn == nullptr) return kStatusClosed;
  switch (c->conn->state()) {
    case Connection::State::kOpen:
      return kStatusEstablished;
    case Connection::State::kClosing:
      return kStatusClosing;
    case Connection::State::kEnding:
      return kStatusEnding;
    case Connection::State::kClosed:
      return kStatusClosed;
  }
  return kStatusClosed;
}

// Workerman reports IPv6 addresses the way PHP's stream functions do: in brackets.
std::string ipOf(const SocketAddress& a) {
  if (a.family() == AF_INET6) return "[" + a.ip() + "]";
  if (a.family() == AF_INET) return a.ip();
  return "";
}

SocketAddress remoteOf(ConnectionObject* c) {
  return c->conn ? c->conn->peerAddress() : SocketAddress();
}
SocketAddress localOf(ConnectionObject* c) {
  return c->conn ? c->conn->localAddress() : SocketAddress();
}

std::string addressText(const SocketAddress& a) {
  if (a.family() != AF_INET && a.family() != AF_INET6) return "";
  return ipOf(a) + ":" + std::to_string(a.port());
}
}  // namespace

void acceptConnection(zend_object* worker, int fd, const sockaddr* peer, socklen_t length) {
  EventLoop* loop = runtime::loop();
  if (loop == nullptr || runtime::stopping() || runtime::exiting()) {
    ::close(fd);
    return;
  }
  WorkerObject* w = workerFrom(worker);
  zval zconn;
  object_init_ex(&zconn, tcp_connection_ce);
  ConnectionObject* c = connectionFrom(Z_OBJ(zconn));
  c->worker = worker;
  GC_ADDREF(worker);
  c->conn = new Connection(*loop, fd, peer, length, &g_bridge, c);
  c->driver = driverFor(w->native->kind, Side::kAccepted);
  runtime::connectionOpened();

  zend_object* obj = &c->std;
  const ConnectionProps& p = connection_props;
  zend_long id = runtime::nextConnectionId();
  c->realId = id;
  setSlotLong(obj, p.id, id);
  zval v;
  ZVAL_OBJ(&v, worker);
  setSlot(obj, p.worker, &v);
  setSlot(obj, p.protocol, slot(worker, worker_props.protocol));
  setSlot(obj, p.transport, slot(worker, worker_props.transport));
  setSlot(obj, p.onMessage, slot(worker, worker_props.onMessage));
  setSlot(obj, p.onClose, slot(worker, worker_props.onClose));
  setSlot(obj, p.onError, slot(worker, worker_props.onError));
  setSlot(obj, p.onBufferFull, slot(worker, worker_props.onBufferFull));
  setSlot(obj, p.onBufferDrain, slot(worker, worker_props.onBufferDrain));
  zval* maxSend = zend_read_static_property(tcp_connection_ce, "defaultMaxSendBufferSize",
                                            sizeof("defaultMaxSendBufferSize") - 1, 1);
  zval* maxPackage = zend_read_static_property(tcp_connection_ce, "defaultMaxPackageSize",
                                               sizeof("defaultMaxPackageSize") - 1, 1);
  zval* linger = zend_read_static_property(tcp_connection_ce, "defaultLingerTimeout",
                                           sizeof("defaultLingerTimeout") - 1, 1);
  if (maxSend) setSlotLong(obj, p.maxSendBufferSize, zval_get_long(maxSend));
  if (maxPackage) setSlotLong(obj, p.maxPackageSize, zval_get_long(maxPackage));
  if (linger) {
    zval d;
    ZVAL_DOUBLE(&d, zval_get_double(linger));
    setSlot(obj, p.lingerTimeout, &d);
  }
  zend_long maxSendValue = slotLong(obj, p.maxSendBufferSize, 1048576);
  c->conn->setMaxSendBufferSize(maxSendValue > 0 ? static_cast<size_t>(maxSendValue) : 1);
  if (c->driver->open) c->driver->open(c);
  addToArrays(c, id);

  // zconn's reference now belongs to the open connection; onClose releases it.
  zval* onConnect = slot(worker, worker_props.onConnect);
  if (Z_TYPE_P(onConnect) > IS_NULL) {
    GC_ADDREF(obj);
    zval arg;
    ZVAL_OBJ(&arg, obj);
    if (callCallback(onConnect, &w->native->onConnect, 1, &arg, siteOf(c, "onConnect")) ==
            CallOutcome::kThrew &&
        c->conn)
      c->conn->close();
    OBJ_RELEASE(obj);
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
      if (c->conn) c->conn->end(zval_get_double(slot(&c->std, connection_props.lingerTimeout)));
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
  zval* all =
      zend_read_static_property(tcp_connection_ce, "connections", sizeof("connections") - 1, 1);
  if (all == nullptr) return;
  ZVAL_DEREF(all);
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

zend_class_entry* registerAsyncTcpConnectionEntry() {
  return register_class_Surge_Connection_AsyncTcpConnection(tcp_connection_ce);
}

void registerTcpConnectionClass() {
  tcp_connection_ce = register_class_Surge_Connection_TcpConnection(connection_interface_ce,
                                                                    php_json_serializable_ce);
  tcp_connection_ce->create_object = createConnection;
  tcp_connection_ce->ce_flags |= ZEND_ACC_ALLOW_DYNAMIC_PROPERTIES;
  memcpy(&connection_handlers, &std_object_handlers, sizeof connection_handlers);
  connection_handlers.offset = XtOffsetOf(ConnectionObject, std);
  connection_handlers.free_obj = freeConnection;
  connection_handlers.get_gc = connectionGc;
  connection_handlers.clone_obj = nullptr;
  connection_handlers.write_property = writeConnectionProperty;
  ConnectionProps& p = connection_props;
  zend_class_entry* ce = tcp_connection_ce;
  p.protocol = propertyOffset(ce, "protocol");
  p.onMessage = propertyOffset(ce, "onMessage");
  p.onClose = propertyOffset(ce, "onClose");
  p.onError = propertyOffset(ce, "onError");
  p.onConnect = propertyOffset(ce, "onConnect");
  p.onBufferFull = propertyOffset(ce, "onBufferFull");
  p.onBufferDrain = propertyOffset(ce, "onBufferDrain");
  p.transport = propertyOffset(ce, "transport");
  p.worker = propertyOffset(ce, "worker");
  p.id = propertyOffset(ce, "id");
  p.bytesRead = propertyOffset(ce, "bytesRead");
  p.bytesWritten = propertyOffset(ce, "bytesWritten");
  p.maxSendBufferSize = propertyOffset(ce, "maxSendBufferSize");
  p.maxPackageSize = propertyOffset(ce, "maxPackageSize");
  p.lingerTimeout = propertyOffset(ce, "lingerTimeout");
  p.headers = propertyOffset(ce, "headers");
  p.onWebSocketConnect = propertyOffset(ce, "onWebSocketConnect");
  p.onWebSocketConnected = propertyOffset(ce, "onWebSocketConnected");
  p.onWebSocketClose = propertyOffset(ce, "onWebSocketClose");
  p.onWebSocketPing = propertyOffset(ce, "onWebSocketPing");
  p.onWebSocketPong = propertyOffset(ce, "onWebSocketPong");
  p.websocketType = propertyOffset(ce, "websocketType");
}

}  // namespace surge::ext

using namespace surge;
using namespace surge::ext;

SURGE_METHOD(Surge_Connection_TcpConnection, send) {
  zval* data;
  bool raw = false;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_ZVAL(data)
  Z_PARAM_OPTIONAL
  Z_PARAM_BOOL(raw)
  ZEND_PARSE_PARAMETERS_END();
  sendValue(thisConnection(ZEND_THIS), data, raw, return_value);
}

SURGE_METHOD(Surge_Connection_TcpConnection, getRemoteIp) {
  ZEND_PARSE_PARAMETERS_NONE();
  std::string ip = ipOf(remoteOf(thisConnection(ZEND_THIS)));
  RETURN_STRINGL(ip.data(), ip.size());
}

SURGE_METHOD(Surge_Connection_TcpConnection, getRemotePort) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_LONG(remoteOf(thisConnection(ZEND_THIS)).port());
}

SURGE_METHOD(Surge_Connection_TcpConnection, getRemoteAddress) {
  ZEND_PARSE_PARAMETERS_NONE();
  std::string a = addressText(remoteOf(thisConnection(ZEND_THIS)));
  RETURN_STRINGL(a.data(), a.size());
}

SURGE_METHOD(Surge_Connection_TcpConnection, getLocalIp) {
  ZEND_PARSE_PARAMETERS_NONE();
  std::string ip = ipOf(localOf(thisConnection(ZEND_THIS)));
  RETURN_STRINGL(ip.data(), ip.size());
}

SURGE_METHOD(Surge_Connection_TcpConnection, getLocalPort) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_LONG(localOf(thisConnection(ZEND_THIS)).port());
}

SURGE_METHOD(Surge_Connection_TcpConnection, getLocalAddress) {
  ZEND_PARSE_PARAMETERS_NONE();
  ConnectionObject* c = thisConnection(ZEND_THIS);
  SocketAddress local = localOf(c);
  std::string a = local.family() == AF_UNIX ? local.ip() : addressText(local);
  RETURN_STRINGL(a.data(), a.size());
}

SURGE_METHOD(Surge_Connection_TcpConnection, isIpV4) {
  ZEND_PARSE_PARAMETERS_NONE();
  ConnectionObject* c = thisConnection(ZEND_THIS);
  RETURN_BOOL(c->conn && c->conn->family() == AF_INET);
}

SURGE_METHOD(Surge_Connection_TcpConnection, isIpV6) {
  ZEND_PARSE_PARAMETERS_NONE();
  ConnectionObject* c = thisConnection(ZEND_THIS);
  RETURN_BOOL(c->conn && c->conn->family() == AF_INET6);
}

namespace {
// close($data) and end($data): parses the arguments, sends $data if given, and returns the
// connection if it is still open afterwards.
ConnectionObject* sendBeforeClosing(INTERNAL_FUNCTION_PARAMETERS) {
  zval* data = nullptr;
  bool raw = false;
  ZEND_PARSE_PARAMETERS_START(0, 2)
  Z_PARAM_OPTIONAL
  Z_PARAM_ZVAL(data)
  Z_PARAM_BOOL(raw)
  ZEND_PARSE_PARAMETERS_END_EX(return nullptr);
  ConnectionObject* c = thisConnection(ZEND_THIS);
  if (c->conn == nullptr || !c->conn->isOpen()) return nullptr;
  if (data && Z_TYPE_P(data) != IS_NULL) {
    zval ignored;
    sendValue(c, data, raw, &ignored);
    if (EG(exception)) return nullptr;
  }
  return c->conn ? c : nullptr;
}
}  // namespace

SURGE_METHOD(Surge_Connection_TcpConnection, close) {
  if (ConnectionObject* c = sendBeforeClosing(INTERNAL_FUNCTION_PARAM_PASSTHRU)) {
    if (c->driver->goodbye) c->driver->goodbye(c, 1000);
    if (c->conn) c->conn->close();
  }
}

SURGE_METHOD(Surge_Connection_TcpConnection, end) {
  if (ConnectionObject* c = sendBeforeClosing(INTERNAL_FUNCTION_PARAM_PASSTHRU)) {
    if (c->driver->goodbye) c->driver->goodbye(c, 1000);
    if (c->conn) c->conn->end(zval_get_double(slot(&c->std, connection_props.lingerTimeout)));
  }
}

SURGE_METHOD(Surge_Connection_TcpConnection, destroy) {
  ZEND_PARSE_PARAMETERS_NONE();
  ConnectionObject* c = thisConnection(ZEND_THIS);
  if (c->conn) c->conn->destroy();
}

SURGE_METHOD(Surge_Connection_TcpConnection, pauseRecv) {
  ZEND_PARSE_PARAMETERS_NONE();
  ConnectionObject* c = thisConnection(ZEND_THIS);
  if (c->conn) c->conn->pauseReading();
}

SURGE_METHOD(Surge_Connection_TcpConnection, resumeRecv) {
  ZEND_PARSE_PARAMETERS_NONE();
  ConnectionObject* c = thisConnection(ZEND_THIS);
  if (c->conn) c->conn->resumeReading();
}

SURGE_METHOD(Surge_Connection_TcpConnection, bufferIsEmpty) {
  ZEND_PARSE_PARAMETERS_NONE();
  ConnectionObject* c = thisConnection(ZEND_THIS);
  RETURN_BOOL(c->conn == nullptr || c->conn->pendingOutput() == 0);
}

SURGE_METHOD(Surge_Connection_TcpConnection, getSendBufferQueueSize) {
  ZEND_PARSE_PARAMETERS_NONE();
  ConnectionObject* c = thisConnection(ZEND_THIS);
  RETURN_LONG(c->conn ? static_cast<zend_long>(c->conn->pendingOutput()) : 0);
}

SURGE_METHOD(Surge_Connection_TcpConnection, getRecvBufferQueueSize) {
  ZEND_PARSE_PARAMETERS_NONE();
  ConnectionObject* c = thisConnection(ZEND_THIS);
  RETURN_LONG(c->conn ? static_cast<zend_long>(c->conn->pendingInput()) : 0);
}

SURGE_METHOD(Surge_Connection_TcpConnection, consumeRecvBuffer) {
  zend_long length;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_LONG(length)
  ZEND_PARSE_PARAMETERS_END();
  ConnectionObject* c = thisConnection(ZEND_THIS);
  if (length < 0) {
    zend_argument_value_error(1, "must be greater than or equal to 0");
    RETURN_THROWS();
  }
  if (c->conn) c->conn->inputBuffer().consume(static_cast<size_t>(length));
}

SURGE_METHOD(Surge_Connection_TcpConnection, getStatus) {
  bool rawOutput = true;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_BOOL(rawOutput)
  ZEND_PARSE_PARAMETERS_END();
  zend_long status = statusOf(thisConnection(ZEND_THIS));
  if (rawOutput) RETURN_LONG(status);
  switch (status) {
    case kStatusEstablished:
      RETURN_STRING("ESTABLISHED");
    case kStatusEnding:
      RETURN_STRING("ENDING");
    case kStatusClosing:
      RETURN_STRING("CLOSING");
    default:
      RETURN_STRING("CLOSED");
  }
}

SURGE_METHOD(Surge_Connection_TcpConnection, jsonSerialize) {
  ZEND_PARSE_PARAMETERS_NONE();
  ConnectionObject* c = thisConnection(ZEND_THIS);
  SocketAddress remote = remoteOf(c), local = localOf(c);
  array_init(return_value);
  add_assoc_long(return_value, "id", slotLong(&c->std, connection_props.id, 0));
  add_assoc_long(return_value, "status", statusOf(c));
  zval* transport = slot(&c->std, connection_props.transport);
  Z_TRY_ADDREF_P(transport);
  add_assoc_zval(return_value, "transport", transport);
  add_assoc_string(return_value, "getRemoteIp", ipOf(remote).c_str());
  add_assoc_long(return_value, "remotePort", remote.port());
  add_assoc_string(return_value, "getRemoteAddress", addressText(remote).c_str());
  add_assoc_string(return_value, "getLocalIp", ipOf(local).c_str());
  add_assoc_long(return_value, "getLocalPort", local.port());
  add_assoc_string(return_value, "getLocalAddress", addressText(local).c_str());
  add_assoc_bool(return_value, "isIpV4", c->conn && c->conn->family() == AF_INET);
  add_assoc_bool(return_value, "isIpV6", c->conn && c->conn->family() == AF_INET6);
}
