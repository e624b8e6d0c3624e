/* Surge\Connection\AsyncUdpConnection: a UDP (or Unix datagram) client on the loop. */
#include <event2/event.h>

#include <cerrno>
#include <cstring>
#include <unordered_set>

#include "core/boundary.h"
#include "core/callable.h"
#include "core/runtime.h"
#include "core/workerman_switch.h"
#include "event/event_loop.h"
#include "net/datagram_socket.h"
#include "http/http_classes.h"
#include "protocols/user_protocol.h"
#include "websocket/websocket_server.h"
#include "udp/udp_connection.h"

#include "arginfo/AsyncUdpConnection_arginfo.h"

namespace surge::ext {

zend_class_entry* async_udp_connection_ce = nullptr;

namespace {
// The clients with an open socket; each holds a reference to itself until closed.
std::unordered_set<zend_object*> g_open;

zval* prop(zend_object* obj, const char* name) {
  zval* v = zend_read_property(obj->ce, obj, name, strlen(name), 1, nullptr);
  ZVAL_DEREF(v);
  return v;
}

void callClient(zend_object* obj, const char* name, uint32_t argc, zval* extra) {
  zval args[3];
  ZVAL_OBJ(&args[0], obj);
  for (uint32_t i = 0; i < argc; ++i) ZVAL_COPY_VALUE(&args[i + 1], &extra[i]);
  zval callback;
  ZVAL_COPY(&callback, prop(obj, name));
  callCallback(&callback, nullptr, argc + 1, args, CallSite{name, nullptr, 0});
  zval_ptr_dtor(&callback);
}

void reportError(zend_object* obj, zend_long code, const std::string& message) {
  zval callback;
  ZVAL_COPY_VALUE(&callback, prop(obj, "onError"));
  if (Z_TYPE(callback) <= IS_NULL) {
    runtime::log("AsyncUdpConnection " + udpFrom(obj)->native->client->remoteName + ": " + message);
    return;
  }
  zval extra[2];
  ZVAL_LONG(&extra[0], code);
  ZVAL_STRINGL(&extra[1], message.data(), message.size());
  callClient(obj, "onError", 2, extra);
  zval_ptr_dtor(&extra[1]);
}

void onReadable(int fd, short, void* arg) {
  zend_object* obj = static_cast<zend_object*>(arg);
  EventLoop* loop = runtime::loop();
  if (loop == nullptr) return;
  GC_ADDREF(obj);
  UdpNative* n = udpFrom(obj)->native;
  for (int i = 0; i < 64 && n->client && n->client->connected && !runtime::exiting(); ++i) {
    DatagramSocket::Datagram d;
    auto got = DatagramSocket::receive(fd, loop->scratch(), EventLoop::kScratchSize, &d);
    if (got == DatagramSocket::Received::kWouldBlock) break;
    if (got == DatagramSocket::Received::kError) {
      std::string why = d.error == ECONNREFUSED
                            ? "a datagram was refused: nothing listens at " + n->client->address +
                                  " (ICMP port unreachable)"
                            : std::string("receive failed: ") + std::strerror(d.error);
      reportError(obj, 2, why);
      continue;
    }
    if (d.fullSize > d.size) {
      reportError(obj, 2,
                  "dropped a datagram of " + std::to_string(d.fullSize) + " bytes: larger than " +
                      std::to_string(d.size) + " bytes");
      continue;
    }
    zval callback;
    ZVAL_COPY(&callback, prop(obj, "onMessage"));
    deliverDatagram(obj, std::string_view(loop->scratch(), d.size), &callback, nullptr, nullptr);
    zval_ptr_dtor(&callback);
  }
  OBJ_RELEASE(obj);
}

}  // namespace

bool connectUdpClient(zend_object* obj) {
  UdpNative* n = udpFrom(obj)->native;
  AsyncUdpState* s = n->client.get();
  if (s->connected) return true;
  EventLoop* loop = runtime::loopForTimers("Surge\\Connection\\AsyncUdpConnection::connect()");
  if (loop == nullptr) return false;
  try {
    n->remote = SocketAddress::parse(s->family, s->address);
    n->socket = std::make_shared<DatagramEndpoint>(DatagramSocket::connect(n->remote));
  } catch (const std::exception& e) {
    reportError(obj, 1, e.what());
    return false;
  }
  s->watcher.init(*loop, n->socket->fd, EV_READ, &onReadable, obj);
  s->watcher.start();
  s->connected = true;
  n->closed = false;
  GC_ADDREF(obj);
  g_open.insert(obj);
  callClient(obj, "onConnect", 0, nullptr);
  return true;
}

void closeUdpClient(zend_object* obj, bool callbacks) {
  UdpNative* n = udpFrom(obj)->native;
  AsyncUdpState* s = n->client.get();
  if (!s->connected) return;
  s->watcher.stop();
  n->socket.reset();
  s->connected = false;
  n->closed = true;
  if (callbacks) callClient(obj, "onClose", 0, nullptr);
  g_open.erase(obj);
  OBJ_RELEASE(obj);
}

void closeAllUdpClients() {
  std::vector<zend_object*> list(g_open.begin(), g_open.end());
  for (zend_object* obj : list) closeUdpClient(obj, false);
}

void registerAsyncUdpClass() {
  async_udp_connection_ce = register_class_Surge_Connection_AsyncUdpConnection(udp_connection_ce);
}

}  // namespace surge::ext

using namespace surge;
using namespace surge::ext;

SURGE_METHOD(Surge_Connection_AsyncUdpConnection, __construct) {
  zend_string* remote;
  zval* context = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_STR(remote)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY(context)
  ZEND_PARSE_PARAMETERS_END();
  zend_object* obj = Z_OBJ_P(ZEND_THIS);
  UdpNative* n = udpFrom(obj)->native;
  auto s = std::make_unique<AsyncUdpState>();
  s->remoteName.assign(ZSTR_VAL(remote), ZSTR_LEN(remote));
  SocketName name;
  try {
    name = SocketName::parse(s->remoteName);
  } catch (const std::exception& e) {
    throwRuntime("AsyncUdpConnection: %s", e.what());
    RETURN_THROWS();
  }
  s->address = name.address;
  s->family = name.scheme == "unix" ? "unix" : "udp";
  std::string protocolName;
  if (name.scheme != "udp" && name.scheme != "unix") {
    std::string cls;
    zend_class_entry* ce = findProtocolClass(name.scheme, &cls);
    if (ce == nullptr) {
      throwRuntime(
          "AsyncUdpConnection: unknown protocol scheme '%s' in '%s': no class Protocols\\%s or "
          "Surge\\Protocols\\%s exists (built in: udp, unix, text, frame)",
          name.scheme.c_str(), s->remoteName.c_str(), cls.c_str(), cls.c_str());
      RETURN_THROWS();
    }
    if (ce == text_ce) {
      n->protocol.kind = ProtocolKind::kText;
    } else if (ce == frame_ce) {
      n->protocol.kind = ProtocolKind::kFrame;
    } else if (instanceof_function(ce, http_ce) || instanceof_function(ce, websocket_ce) ||
               instanceof_function(ce, ws_ce)) {
      throwRuntime("AsyncUdpConnection: %s needs a stream (TCP); UDP carries datagrams",
                   ZSTR_VAL(ce->name));
      RETURN_THROWS();
    } else {
      UserProtocol user;
      if (!loadUserProtocol(ce, &user)) RETURN_THROWS();
      n->protocol.kind = ProtocolKind::kUser;
      n->protocol.cls = user.cls;
      n->protocol.input = user.input;
      n->protocol.decode = user.decode;
      n->protocol.encode = user.encode;
    }
    protocolName = workerman::protocolName(ce);
  }
  setUdpProtocolName(obj, protocolName);
  n->client = std::move(s);
  n->closed = true;  // until connect()
}

SURGE_METHOD(Surge_Connection_AsyncUdpConnection, connect) {
  ZEND_PARSE_PARAMETERS_NONE();
  connectUdpClient(Z_OBJ_P(ZEND_THIS));
  if (EG(exception)) RETURN_THROWS();
}
