/* Surge\Connection\TcpConnection: the PHP face of a connection (its object, properties
 * and methods), and the accept that makes one. Events are handled in connection_handler.cc,
 * the lists it is in in connection_registry.cc. */
#include "cluster/directory.h"
#include "core/boundary.h"
#include "core/connection_object.h"

#include <arpa/inet.h>

#include <string>

#include "client/async_tcp_connection.h"
#include "core/callable.h"
#include "core/connection_internal.h"
#include "core/connection_liveness.h"
#include "core/runtime.h"
#include "core/worker_object.h"
#include "event/event_loop.h"
#include "net/connection.h"

extern "C" {
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "ext/json/php_json.h"
}

#include "arginfo/TcpConnection_arginfo.h"

namespace surge::ext {

zend_class_entry* tcp_connection_ce = nullptr;
ConnectionProps connection_props;
ConnectionStatics connection_statics;

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

// $context is made on first use: the property is declared without a default, so the VM
// comes here (not to its cached slot) until it holds the stdClass.
uint32_t g_contextSlot = 0;

void materializeContext(zend_object* obj, zend_string* name) {
  if (!zend_string_equals_literal(name, "context")) return;
  zval* v = reinterpret_cast<zval*>(reinterpret_cast<char*>(obj) + g_contextSlot);
  // Never set yet (not unset() by the application, which clears the flag).
  if (Z_TYPE_P(v) == IS_UNDEF && (Z_PROP_FLAG_P(v) & IS_PROP_UNINIT)) {
    object_init(v);
    Z_PROP_FLAG_P(v) &= ~IS_PROP_UNINIT;
  }
}

zval* readConnectionProperty(zend_object* obj, zend_string* name, int type, void** cache,
                             zval* rv) {
  materializeContext(obj, name);
  return zend_std_read_property(obj, name, type, cache, rv);
}

zval* connectionPropertyPtr(zend_object* obj, zend_string* name, int type, void** cache) {
  materializeContext(obj, name);
  return zend_std_get_property_ptr_ptr(obj, name, type, cache);
}

int hasConnectionProperty(zend_object* obj, zend_string* name, int check, void** cache) {
  materializeContext(obj, name);
  return zend_std_has_property(obj, name, check, cache);
}

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
  // A stopping process still serves what it accepts: the connections it takes from its
  // socket's queue before closing it (connection_retirement.cc).
  if (loop == nullptr || runtime::exiting()) {
    ::close(fd);
    return;
  }
  WorkerObject* w = workerFrom(worker);
  ssl_st* tlsSession = nullptr;
  if (w->native->tls && (tlsSession = w->native->tls->newServerSession(fd)) == nullptr) {
    ::close(fd);  // out of memory: refused like a connection over the limit
    return;
  }
  zval zconn;
  object_init_ex(&zconn, tcp_connection_ce);
  ConnectionObject* c = connectionFrom(Z_OBJ(zconn));
  c->worker = worker;
  GC_ADDREF(worker);
  c->conn = new Connection(*loop, fd, peer, length, connectionHandler(), c);
  c->driver = driverFor(w->native->kind, Side::kAccepted);
  runtime::connectionOpened();
  noteConnectionOpened(w);

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
  const ConnectionStatics& defaults = connection_statics;
  setSlotLong(obj, p.maxSendBufferSize, zval_get_long(defaults.defaultMaxSendBufferSize.get()));
  setSlotLong(obj, p.maxPackageSize, zval_get_long(defaults.defaultMaxPackageSize.get()));
  zval linger;
  ZVAL_DOUBLE(&linger, zval_get_double(defaults.defaultLingerTimeout.get()));
  setSlot(obj, p.lingerTimeout, &linger);
  zend_long maxSendValue = slotLong(obj, p.maxSendBufferSize, 1048576);
  c->conn->setMaxSendBufferSize(maxSendValue > 0 ? static_cast<size_t>(maxSendValue) : 1);
  if (c->driver->open) c->driver->open(c);
  // The first timeout: the request head (HTTP, the WebSocket handshake), or the idle
  // timeout and heartbeat of the other protocols.
  if (w->native->kind == ProtocolKind::kHttp || w->native->kind == ProtocolKind::kWebSocket)
    c->conn->setTimeout(w->native->timeouts.headerMs, Connection::TimeoutMode::kOnce);
  else
    startLiveness(c);
  // TLS: the handshake runs from the loop; onConnect comes now, as in Workerman, and what
  // it sends waits for the handshake. It must complete within headerTimeout.
  if (tlsSession) c->conn->startTls(tlsSession, w->native->timeouts.headerMs);
  addToArrays(c, id);
  directory::connectionOpened(c, w);

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
  connection_handlers.read_property = readConnectionProperty;
  connection_handlers.get_property_ptr_ptr = connectionPropertyPtr;
  connection_handlers.has_property = hasConnectionProperty;
  ConnectionProps& p = connection_props;
  zend_class_entry* ce = tcp_connection_ce;
  p.protocol = propertyOffset(ce, "protocol");
  g_contextSlot = propertyOffset(ce, "context");
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
  ConnectionStatics& statics = connection_statics;
  statics.connections.bind(ce, "connections");
  statics.defaultMaxSendBufferSize.bind(ce, "defaultMaxSendBufferSize");
  statics.defaultMaxPackageSize.bind(ce, "defaultMaxPackageSize");
  statics.defaultLingerTimeout.bind(ce, "defaultLingerTimeout");
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
    if (c->conn) c->conn->end(lingerOf(c));
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

SURGE_METHOD(Surge_Connection_TcpConnection, pipe) {
  zval* dest;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_OBJECT_OF_CLASS(dest, tcp_connection_ce)
  ZEND_PARSE_PARAMETERS_END();
  // The wiring is four closures: see php/Connection/Pipe.php.
  zend_string* name =
      zend_string_init("Surge\\Connection\\Pipe", sizeof("Surge\\Connection\\Pipe") - 1, 0);
  zend_class_entry* pipe = zend_lookup_class(name);
  zend_string_release(name);
  if (pipe == nullptr) RETURN_THROWS();
  zval ret;
  zend_call_method_with_2_params(nullptr, pipe, nullptr, "connect", &ret, ZEND_THIS, dest);
  zval_ptr_dtor(&ret);
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
