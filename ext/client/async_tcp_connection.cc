/* Surge\Connection\AsyncTcpConnection: an outgoing connection. The core Connector opens
 * the socket without blocking the loop; from then on it is the same core Connection as an
 * accepted socket (so send, close, end, pauseRecv and the buffer limits behave the same),
 * with a bridge of its own: a client has no Worker to take its protocol and callback
 * caches from, and it may reconnect. */
#include "core/boundary.h"
#include "client/async_tcp_connection.h"

#include "client/client_target.h"
#include "client/connect_options.h"
#include "core/workerman_switch.h"
#include "websocket/websocket_server.h"

#include "core/connection_internal.h"

#include <string>

#include "event/event_loop.h"
#include "protocol/frame/frame_codec.h"
#include "protocol/text/text_codec.h"
#include "core/runtime.h"
#include "protocols/driver_glue.h"
#include "protocols/user_protocol.h"
#include "core/tls_options.h"

extern "C" {
#include "zend_exceptions.h"
#include "zend_interfaces.h"
}

namespace surge::ext {

zend_class_entry* async_tcp_connection_ce = nullptr;

namespace {
zend_object_handlers async_handlers;
void (*base_free_obj)(zend_object*) = nullptr;
uint32_t prop_connectTimeout = 0;

constexpr zend_long kConnectFail = 1;

zend_long idOf(ConnectionObject* c) {
  return slotLong(&c->std, connection_props.id, 0);
}

// Lifetime, as in Workerman: TcpConnection::$connections lists (and so keeps alive) a client
// from connect() until it is closed with no reconnect pending, even if the script dropped
// it; an open socket also holds a reference of its own, as an accepted one does, which the
// shutdown of the process releases together with the socket.
bool waitsForNothing(ClientState* s) {
  return s->status == ClientStatus::kClosed && !(s->reconnectTimer && s->reconnectTimer->active());
}

void holdObject(ConnectionObject* c, ClientState* s) {
  if (s->holdsObject) return;
  s->holdsObject = true;
  GC_ADDREF(&c->std);
}
// May free the object: the last statement of whatever calls it.
void dropObject(ConnectionObject* c, ClientState* s) {
  if (!s->holdsObject) return;
  s->holdsObject = false;
  OBJ_RELEASE(&c->std);
}

void listConnection(ConnectionObject* c, bool present) {
  zval* all = connection_statics.connections.get();
  if (Z_TYPE_P(all) != IS_ARRAY) return;
  SEPARATE_ARRAY(all);
  if (present) {
    zval self;
    ZVAL_OBJ_COPY(&self, &c->std);
    zend_hash_index_update(Z_ARRVAL_P(all), c->realId, &self);
  } else {
    zend_hash_index_del(Z_ARRVAL_P(all), c->realId);
  }
}

void startConnect(ConnectionObject* c);

// Bytes sent before the connect completed (Workerman's sendBuffer) go first.
void sendPending(ConnectionObject* c, ClientState* s) {
  if (s->pending.empty() || !c->conn) return;
  std::string pending;
  pending.swap(s->pending);
  bool reportedFull = s->pendingFull;
  s->pendingFull = false;
  Connection::SendResult result = c->conn->send(pending);
  if (result == Connection::SendResult::kPeerGone) {
    c->conn->destroy();
  } else if (result == Connection::SendResult::kWritten && reportedFull) {
    // onBufferFull was called while connecting (a pipe() paused its source): the buffer
    // is empty now, and the socket will not report a drain it never needed.
    callClientCallback(c, connection_props.onBufferDrain, &s->onBufferDrain, "onBufferDrain");
  }
}

// The connection is usable: the protocol's opening (the WebSocket handshake), onConnect.
void finishConnect(ConnectionObject* c, ClientState* s) {
  if (c->driver->open && c->conn && c->conn->isOpen()) c->driver->open(c);
  if (c->conn && c->conn->isOpen() &&
      callClientCallback(c, connection_props.onConnect, &s->onConnect, "onConnect") ==
          CallOutcome::kThrew &&
      c->conn)
    c->conn->close();
}

class ConnectorBridge : public Connector::Handler {
 public:
  explicit ConnectorBridge(ConnectionObject* c) : c_(c) {}

  void onConnected(Connector&, int fd, const SocketAddress& peer) override {
    ConnectionObject* c = c_;
    ClientState* s = clientOf(c);
    EventLoop* loop = runtime::loop();
    if (c->conn) {
      c->conn->setUserData(nullptr);
      c->conn->release();
    }
    c->conn = new Connection(*loop, fd, peer.get(), peer.length(), connectionHandler(), c);
    zend_long maxSend = slotLong(&c->std, connection_props.maxSendBufferSize, 1048576);
    c->conn->setMaxSendBufferSize(maxSend > 0 ? static_cast<size_t>(maxSend) : 1);
    s->status = ClientStatus::kEstablished;
    holdObject(c, s);
    GC_ADDREF(&c->std);
    if (s->tls) {
      // TLS: what was sent meanwhile waits for the handshake; onConnect comes after it, as
      // in Workerman (clientSecured()).
      std::string host = s->host;
      if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
      ssl_st* session = s->tls->newClientSession(fd, host);
      if (session == nullptr) {
        c->conn->destroy();
      } else {
        double limit = zval_get_double(slot(&c->std, prop_connectTimeout));
        c->conn->startTls(session, static_cast<uint32_t>((limit > 0 ? limit : 60) * 1000));
        sendPending(c, s);
      }
      OBJ_RELEASE(&c->std);
      return;
    }
    sendPending(c, s);
    finishConnect(c, s);
    OBJ_RELEASE(&c->std);
  }

  void onConnectFailed(Connector&, const std::string& reason) override {
    ConnectionObject* c = c_;
    ClientState* s = clientOf(c);
    GC_ADDREF(&c->std);
    s->status = ClientStatus::kClosed;
    // Workerman: onError(CONNECT_FAIL, reason), then onClose.
    clientError(c, kConnectFail, reason);
    if (s->status == ClientStatus::kClosed && !runtime::exiting())
      callClientCallback(c, connection_props.onClose, &s->onClose, "onClose");
    if (waitsForNothing(s)) listConnection(c, false);
    OBJ_RELEASE(&c->std);
  }

 private:
  ConnectionObject* c_;
};

void onReconnectTimer(void* arg) {
  auto* c = static_cast<ConnectionObject*>(arg);
  GC_ADDREF(&c->std);
  startConnect(c);
  if (EG(exception)) reportPendingException(CallSite{"reconnect()", nullptr, idOf(c)});
  OBJ_RELEASE(&c->std);
}

void startConnect(ConnectionObject* c) {
  ClientState* s = clientOf(c);
  EventLoop* loop = runtime::requireLoop("Surge\\Connection\\AsyncTcpConnection::connect()");
  if (loop == nullptr) return;
  if (s->status == ClientStatus::kConnecting || s->status == ClientStatus::kEstablished) return;
  if (!s->connector) {
    s->connectorHandler = std::make_unique<ConnectorBridge>(c);
    s->connector = std::make_unique<Connector>(
        *loop, static_cast<Connector::Handler*>(s->connectorHandler.get()));
  }
  if (c->conn) {
    c->conn->setUserData(nullptr);
    c->conn->release();
    c->conn = nullptr;
  }
  zval* transport = slot(&c->std, connection_props.transport);
  bool tls =
      Z_TYPE_P(transport) == IS_STRING && zend_string_equals_literal(Z_STR_P(transport), "ssl");
  if (!tls) {
    s->tls.reset();
  } else if (!s->tls) {
    std::string owner = "AsyncTcpConnection " + s->uri;
    s->tls = buildClientTls(s->tlsConfig, owner.c_str());
    if (!s->tls) return;
  }
  // The WebSocket state was reset when the last socket closed; frames sent since then
  // wait for this connection's handshake.
  s->status = ClientStatus::kConnecting;
  listConnection(c, true);
  ConnectOptions options = s->connectOptions;
  std::string host;
  int port;
  if (!applyProxy(&c->std, s->host, s->port, &options, &host, &port)) {
    s->status = ClientStatus::kInitial;
    listConnection(c, false);
    return;
  }
  s->connector->setOptions(std::move(options));
  zval* timeout = slot(&c->std, prop_connectTimeout);
  s->connector->start(host, port, zval_get_double(timeout));
}

zend_object* createAsync(zend_class_entry* ce) {
  zend_object* obj = tcp_connection_ce->create_object(ce);
  if (base_free_obj == nullptr) {
    memcpy(&async_handlers, obj->handlers, sizeof async_handlers);
    base_free_obj = obj->handlers->free_obj;
    async_handlers.free_obj = [](zend_object* o) {
      ConnectionObject* c = connectionFrom(o);
      ClientState* s = c->client;
      if (s) {
        if (s->connector) s->connector->cancel();
        if (s->reconnectTimer) s->reconnectTimer->stop();
        delete s;
        c->client = nullptr;
      }
      base_free_obj(o);
    };
  }
  obj->handlers = &async_handlers;
  connectionFrom(obj)->client = new ClientState();
  connectionFrom(obj)->driver = driverFor(ProtocolKind::kRaw, Side::kOutgoing);
  return obj;
}

ConnectionObject* thisClient(zval* self) {
  return connectionFrom(Z_OBJ_P(self));
}

std::string ipText(const SocketAddress& a) {
  if (a.family() == AF_INET6) return "[" + a.ip() + "]";
  return a.ip();
}
}  // namespace

void reportClientGc(ClientState* s, zend_get_gc_buffer* gc) {
  for (CallableCache* cache :
       {&s->onConnect, &s->onMessage, &s->onClose, &s->onError, &s->onBufferFull, &s->onBufferDrain,
        &s->onWebSocketConnect, &s->onWebSocketClose, &s->onWebSocketPing, &s->onWebSocketPong})
    cache->reportTo(gc);
}

ClientState* clientOf(ConnectionObject* c) {
  return c->client;
}

CallOutcome callClientCallback(ConnectionObject* c, uint32_t property, CallableCache* cache,
                               const char* name, uint32_t extraCount, zval* extra) {
  zval* cb = slot(&c->std, property);
  if (Z_TYPE_P(cb) <= IS_NULL) return CallOutcome::kOk;
  zval args[4];
  ZVAL_OBJ(&args[0], &c->std);
  for (uint32_t i = 0; i < extraCount && i < 3; ++i) ZVAL_COPY_VALUE(&args[i + 1], &extra[i]);
  return callCallback(cb, cache, 1 + extraCount, args, CallSite{name, nullptr, idOf(c)});
}

void clientError(ConnectionObject* c, zend_long code, const std::string& message) {
  zval extra[2];
  ZVAL_LONG(&extra[0], code);
  ZVAL_STRINGL(&extra[1], message.data(), message.size());
  callClientCallback(c, connection_props.onError, &clientOf(c)->onError, "onError", 2, extra);
  zval_ptr_dtor(&extra[1]);
}

void clientClosing(ConnectionObject* c) {
  clientOf(c)->status = ClientStatus::kClosed;
  if (c->driver->reset) c->driver->reset(c);
}

void clientClosed(ConnectionObject* c) {
  ClientState* s = clientOf(c);
  dropObject(c, s);
  // onClose may have called reconnect(): the object stays listed for it.
  if (waitsForNothing(s)) listConnection(c, false);
}

void rejectOutgoing(ConnectionObject* c, std::string_view why) {
  runtime::log("AsyncTcpConnection " + std::to_string(idOf(c)) + " to " + clientOf(c)->uri + ": " +
               std::string(why) + "; closing it");
  c->conn->destroy();
}

const UserProtocol& clientUserProtocol(ConnectionObject* c) {
  return clientOf(c)->userProtocol;
}

bool queueBeforeConnect(ConnectionObject* c, EncodedSend& e, zval* return_value) {
  ClientState* s = clientOf(c);
  // Before the connect completes, bytes wait in the connection (Workerman's sendBuffer).
  if (s->status != ClientStatus::kInitial && s->status != ClientStatus::kConnecting) return false;
  zend_long max = slotLong(&c->std, connection_props.maxSendBufferSize, 1048576);
  if (!s->pending.empty() && static_cast<zend_long>(s->pending.size()) >= max) {
    zend_string_release(e.payload);
    runtime::statAdd(runtime::Stat::kSendFail, 1);
    clientError(c, 2, "send buffer full and drop package");
    RETVAL_FALSE;
    return true;
  }
  for (int i = 0; i < e.count; ++i) s->pending.append(e.pieces[i].data, e.pieces[i].length);
  zend_string_release(e.payload);
  RETVAL_NULL();
  // As for a connected socket: reaching the limit is reported, once until it drains.
  if (static_cast<zend_long>(s->pending.size()) >= max && !s->pendingFull) {
    s->pendingFull = true;
    callClientCallback(c, connection_props.onBufferFull, &s->onBufferFull, "onBufferFull");
  }
  return true;
}

void clientSecured(ConnectionObject* c) {
  finishConnect(c, clientOf(c));
}

void clientTlsFailed(ConnectionObject* c, const std::string& reason) {
  // Workerman's code for a connection that could not be made: onError, then onClose.
  clientError(c, kConnectFail, reason + " (" + clientOf(c)->uri + ")");
}

void clientDeliver(ConnectionObject* c, zval* message) {
  runtime::statAdd(runtime::Stat::kTotalRequest, 1);
  zval extra[1];
  ZVAL_COPY_VALUE(&extra[0], message);
  if (callClientCallback(c, connection_props.onMessage, &clientOf(c)->onMessage, "onMessage", 1,
                         extra) == CallOutcome::kThrew &&
      c->conn)
    c->conn->close();
}

void registerAsyncTcpConnectionClass() {
  async_tcp_connection_ce = registerAsyncTcpConnectionEntry();
  async_tcp_connection_ce->create_object = createAsync;
  async_tcp_connection_ce->ce_flags |= ZEND_ACC_ALLOW_DYNAMIC_PROPERTIES;
  prop_connectTimeout = propertyOffset(async_tcp_connection_ce, "connectTimeout");
  registerProxyProperties(async_tcp_connection_ce);
}

}  // namespace surge::ext

using namespace surge;
using namespace surge::ext;

SURGE_METHOD(Surge_Connection_AsyncTcpConnection, __construct) {
  zend_string* address;
  HashTable* context = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_STR(address)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY_HT(context)
  ZEND_PARSE_PARAMETERS_END();
  ConnectionObject* c = thisClient(ZEND_THIS);
  ClientState* s = clientOf(c);
  if (s->status != ClientStatus::kInitial || !s->uri.empty()) {
    zend_throw_error(nullptr, "AsyncTcpConnection::__construct() cannot be called twice");
    RETURN_THROWS();
  }
  s->uri.assign(ZSTR_VAL(address), ZSTR_LEN(address));
  if (!parseClientUri(s, s->uri)) {
    zend_argument_value_error(1,
                              "must be scheme://host:port (e.g. tcp://127.0.0.1:8080 or "
                              "ws://example.com/path), '%s' given",
                              ZSTR_VAL(address));
    RETURN_THROWS();
  }
  if (!chooseClientProtocol(c, s)) RETURN_THROWS();
  // wss:// and ssl:// speak TLS; any other scheme does when $transport is set to 'ssl'
  // before connect(), as in Workerman. The options are PHP's ssl context options.
  zval contextZv;
  if (context) ZVAL_ARR(&contextZv, context);
  std::string owner = "AsyncTcpConnection " + s->uri;
  if (!readTlsOptions(context ? &contextZv : nullptr, false, &s->tlsConfig, owner.c_str()))
    RETURN_THROWS();
  if (!readSocketOptions(context ? &contextZv : nullptr, &s->connectOptions, owner.c_str()))
    RETURN_THROWS();
  if (s->scheme == "wss" || s->scheme == "ssl") {
    zval tv;
    ZVAL_STRINGL(&tv, "ssl", 3);
    setSlot(&c->std, connection_props.transport, &tv);
    zval_ptr_dtor(&tv);
  }
  zend_long id = runtime::nextConnectionId();
  c->realId = id;
  setSlotLong(&c->std, connection_props.id, id);
  const ConnectionStatics& defaults = connection_statics;
  setSlotLong(&c->std, connection_props.maxSendBufferSize,
              zval_get_long(defaults.defaultMaxSendBufferSize.get()));
  setSlotLong(&c->std, connection_props.maxPackageSize,
              zval_get_long(defaults.defaultMaxPackageSize.get()));
}

SURGE_METHOD(Surge_Connection_AsyncTcpConnection, connect) {
  ZEND_PARSE_PARAMETERS_NONE();
  ConnectionObject* c = thisClient(ZEND_THIS);
  if (clientOf(c)->uri.empty()) {
    zend_throw_error(nullptr, "AsyncTcpConnection was not constructed");
    RETURN_THROWS();
  }
  startConnect(c);
}

SURGE_METHOD(Surge_Connection_AsyncTcpConnection, reconnect) {
  zend_long after = 0;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_LONG(after)
  ZEND_PARSE_PARAMETERS_END();
  ConnectionObject* c = thisClient(ZEND_THIS);
  ClientState* s = clientOf(c);
  EventLoop* loop = runtime::requireLoop("Surge\\Connection\\AsyncTcpConnection::reconnect()");
  if (loop == nullptr) RETURN_THROWS();
  // Workerman: the current socket goes without onClose; connect() again later.
  if (s->connector) s->connector->cancel();
  if (c->conn) {
    c->conn->setUserData(nullptr);
    c->conn->destroy();
    c->conn->release();
    c->conn = nullptr;
    dropObject(c, s);  // $this is still referenced by the caller
  }
  s->status = ClientStatus::kClosed;
  s->pending.clear();
  s->pendingFull = false;
  if (c->driver->reset) c->driver->reset(c);
  listConnection(c, true);
  if (after > 0) {
    if (!s->reconnectTimer) s->reconnectTimer = std::make_unique<Timer>(*loop, onReconnectTimer, c);
    s->reconnectTimer->start(static_cast<double>(after), false);
    return;
  }
  startConnect(c);
}

SURGE_METHOD(Surge_Connection_AsyncTcpConnection, cancelReconnect) {
  ZEND_PARSE_PARAMETERS_NONE();
  ConnectionObject* c = thisClient(ZEND_THIS);
  ClientState* s = clientOf(c);
  if (s->reconnectTimer && s->reconnectTimer->active()) {
    s->reconnectTimer->stop();
    if (waitsForNothing(s)) listConnection(c, false);
  }
}

SURGE_METHOD(Surge_Connection_AsyncTcpConnection, getRemoteHost) {
  ZEND_PARSE_PARAMETERS_NONE();
  const std::string& h = clientOf(thisClient(ZEND_THIS))->host;
  RETURN_STRINGL(h.data(), h.size());
}

SURGE_METHOD(Surge_Connection_AsyncTcpConnection, getRemoteURI) {
  ZEND_PARSE_PARAMETERS_NONE();
  const std::string& u = clientOf(thisClient(ZEND_THIS))->uri;
  RETURN_STRINGL(u.data(), u.size());
}

SURGE_METHOD(Surge_Connection_AsyncTcpConnection, getRemoteIp) {
  ZEND_PARSE_PARAMETERS_NONE();
  ConnectionObject* c = thisClient(ZEND_THIS);
  std::string ip = c->conn ? ipText(c->conn->peerAddress()) : clientOf(c)->host;
  RETURN_STRINGL(ip.data(), ip.size());
}

SURGE_METHOD(Surge_Connection_AsyncTcpConnection, getRemotePort) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_LONG(clientOf(thisClient(ZEND_THIS))->port);
}

SURGE_METHOD(Surge_Connection_AsyncTcpConnection, getRemoteAddress) {
  ZEND_PARSE_PARAMETERS_NONE();
  ConnectionObject* c = thisClient(ZEND_THIS);
  ClientState* s = clientOf(c);
  std::string ip = c->conn ? ipText(c->conn->peerAddress()) : s->host;
  std::string a = ip + ":" + std::to_string(s->port);
  RETURN_STRINGL(a.data(), a.size());
}

SURGE_METHOD(Surge_Connection_AsyncTcpConnection, getStatus) {
  bool rawOutput = true;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_BOOL(rawOutput)
  ZEND_PARSE_PARAMETERS_END();
  ConnectionObject* c = thisClient(ZEND_THIS);
  ClientState* s = clientOf(c);
  zend_long status = 16;
  const char* name = "CLOSED";
  if (s->status == ClientStatus::kInitial) {
    status = 0;
    name = "INITIAL";
  } else if (s->status == ClientStatus::kConnecting) {
    status = 1;
    name = "CONNECTING";
  } else if (c->conn) {
    switch (c->conn->state()) {
      case Connection::State::kOpen:
        status = 2;
        name = "ESTABLISHED";
        break;
      case Connection::State::kEnding:
        status = 4;
        name = "ENDING";
        break;
      case Connection::State::kClosing:
        status = 8;
        name = "CLOSING";
        break;
      case Connection::State::kClosed:
        break;
    }
  }
  if (rawOutput) RETURN_LONG(status);
  RETURN_STRING(name);
}

SURGE_METHOD(Surge_Connection_AsyncTcpConnection, send) {
  zval* data;
  bool raw = false;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_ZVAL(data)
  Z_PARAM_OPTIONAL
  Z_PARAM_BOOL(raw)
  ZEND_PARSE_PARAMETERS_END();
  ConnectionObject* c = thisClient(ZEND_THIS);
  ClientState* s = clientOf(c);
  // Before the connect completes, bytes wait in the connection (Workerman's sendBuffer).
  bool early = s->status == ClientStatus::kInitial || s->status == ClientStatus::kConnecting;
  if (!early && (c->conn == nullptr || !c->conn->isOpen())) RETURN_FALSE;
  c->driver->send(c, data, raw, return_value);
}

SURGE_METHOD(Surge_Connection_AsyncTcpConnection, close) {
  zval* data = nullptr;
  bool raw = false;
  ZEND_PARSE_PARAMETERS_START(0, 2)
  Z_PARAM_OPTIONAL
  Z_PARAM_ZVAL(data)
  Z_PARAM_BOOL(raw)
  ZEND_PARSE_PARAMETERS_END();
  ConnectionObject* c = thisClient(ZEND_THIS);
  ClientState* s = clientOf(c);
  if (s->reconnectTimer) s->reconnectTimer->stop();
  if (s->status == ClientStatus::kConnecting || s->status == ClientStatus::kInitial) {
    // Workerman: closing before the connect completed destroys it (with onClose).
    bool wasConnecting = s->status == ClientStatus::kConnecting;
    if (s->connector) s->connector->cancel();
    s->status = ClientStatus::kClosed;
    if (wasConnecting) {
      GC_ADDREF(&c->std);
      callClientCallback(c, connection_props.onClose, &s->onClose, "onClose");
      if (waitsForNothing(s)) listConnection(c, false);
      OBJ_RELEASE(&c->std);
    }
    return;
  }
  if (c->conn == nullptr || !c->conn->isOpen()) {
    if (waitsForNothing(s)) listConnection(c, false);
    return;
  }
  if (data && Z_TYPE_P(data) != IS_NULL) {
    zval ignored, zraw;
    ZVAL_BOOL(&zraw, raw);
    zend_call_method_with_2_params(&c->std, c->std.ce, nullptr, "send", &ignored, data, &zraw);
    zval_ptr_dtor(&ignored);
    if (EG(exception)) return;
  }
  if (c->driver->goodbye) c->driver->goodbye(c, 1000);
  if (c->conn) c->conn->close();
}
