#include "udp/udp_connection.h"

#include <sys/socket.h>
#include <unistd.h>

#include "core/boundary.h"
#include "core/callable.h"
#include "core/runtime.h"
#include "net/datagram_socket.h"
#include "protocol/frame/frame_codec.h"

extern "C" {
#include "ext/json/php_json.h"
#include "zend_interfaces.h"
}

#include "arginfo/UdpConnection_arginfo.h"

namespace surge::ext {

zend_class_entry* udp_connection_ce = nullptr;

namespace {
zend_object_handlers udp_handlers;
uint32_t g_protocolSlot = 0;

zend_object* createUdp(zend_class_entry* ce) {
  auto* o = static_cast<UdpObject*>(zend_object_alloc(sizeof(UdpObject), ce));
  o->native = new UdpNative();
  zend_object_std_init(&o->std, ce);
  object_properties_init(&o->std, ce);
  o->std.handlers = &udp_handlers;
  return &o->std;
}

void freeUdp(zend_object* obj) {
  UdpObject* o = udpFrom(obj);
  delete o->native;
  o->native = nullptr;
  zend_object_std_dtor(obj);
}

UdpNative* nativeOf(zval* self) {
  return udpFrom(Z_OBJ_P(self))->native;
}

SocketAddress localAddressOf(const UdpNative* n) {
  if (!n->socket) return SocketAddress();
  sockaddr_storage local{};
  socklen_t length = sizeof local;
  if (::getsockname(n->socket->fd, reinterpret_cast<sockaddr*>(&local), &length) != 0)
    return SocketAddress();
  return SocketAddress::fromSockaddr(reinterpret_cast<sockaddr*>(&local), length);
}

void callProtocol(zend_function* fn, zend_class_entry* cls, zval* arg, zend_object* conn,
                  zval* result) {
  zval args[2];
  ZVAL_COPY_VALUE(&args[0], arg);
  ZVAL_OBJ(&args[1], conn);
  ZVAL_UNDEF(result);
  zend_call_known_function(fn, nullptr, cls, result, 2, args, nullptr);
}

// Calls onMessage with one message; false when the datagram must not be read further.
bool deliver(zend_object* conn, zval* message, zval* callback, CallableCache* cache,
             zend_object* worker) {
  zval args[2];
  ZVAL_OBJ(&args[0], conn);
  ZVAL_COPY_VALUE(&args[1], message);
  runtime::statAdd(runtime::Stat::kTotalRequest, 1);
  CallOutcome outcome = callCallback(callback, cache, 2, args, CallSite{"onMessage", worker, 0});
  if (worker) countServed(workerFrom(worker));
  return outcome != CallOutcome::kExiting;
}
}  // namespace

DatagramEndpoint::~DatagramEndpoint() {
  if (fd >= 0) ::close(fd);
}

DatagramProtocol datagramProtocolOf(const WorkerNative& n) {
  DatagramProtocol p;
  p.kind = n.kind;
  p.cls = n.userProtocol.cls;
  p.input = n.userProtocol.input;
  p.decode = n.userProtocol.decode;
  p.encode = n.userProtocol.encode;
  return p;
}

void deliverDatagram(zend_object* conn, std::string_view datagram, zval* callback,
                     CallableCache* cache, zend_object* worker) {
  const DatagramProtocol& p = udpFrom(conn)->native->protocol;
  zval message;
  switch (p.kind) {
    case ProtocolKind::kText:
      // Each line is a message; a last line without its "\n" is incomplete and dropped.
      for (size_t at = 0; at < datagram.size();) {
        size_t nl = datagram.find('\n', at);
        if (nl == std::string_view::npos) break;
        size_t end = nl;
        while (end > at && (datagram[end - 1] == '\r' || datagram[end - 1] == '\n')) --end;
        ZVAL_STRINGL(&message, datagram.data() + at, end - at);
        bool more = deliver(conn, &message, callback, cache, worker);
        zval_ptr_dtor(&message);
        if (!more) return;
        at = nl + 1;
      }
      return;
    case ProtocolKind::kFrame:
      for (size_t at = 0; datagram.size() - at >= protocol::FrameCodec::kHeaderSize;) {
        const auto* b = reinterpret_cast<const unsigned char*>(datagram.data() + at);
        size_t length = (size_t{b[0]} << 24) | (size_t{b[1]} << 16) | (size_t{b[2]} << 8) | b[3];
        if (length < protocol::FrameCodec::kHeaderSize || length > datagram.size() - at) return;
        ZVAL_STRINGL(&message, datagram.data() + at + protocol::FrameCodec::kHeaderSize,
                     length - protocol::FrameCodec::kHeaderSize);
        bool more = deliver(conn, &message, callback, cache, worker);
        zval_ptr_dtor(&message);
        if (!more) return;
        at += length;
      }
      return;
    case ProtocolKind::kUser:
      for (size_t at = 0; at < datagram.size();) {
        zval rest, result;
        ZVAL_STRINGL(&rest, datagram.data() + at, datagram.size() - at);
        callProtocol(p.input, p.cls, &rest, conn, &result);
        zval_ptr_dtor(&rest);
        zend_long length = Z_TYPE(result) == IS_UNDEF ? -1 : zval_get_long(&result);
        zval_ptr_dtor(&result);
        if (EG(exception)) {
          reportPendingException(CallSite{"protocol input()", worker, 0});
          return;
        }
        // 0: the rest is incomplete (and a datagram never grows); < 0 or too long: malformed.
        if (length <= 0 || static_cast<size_t>(length) > datagram.size() - at) return;
        zval package;
        ZVAL_STRINGL(&package, datagram.data() + at, static_cast<size_t>(length));
        callProtocol(p.decode, p.cls, &package, conn, &message);
        zval_ptr_dtor(&package);
        if (EG(exception)) {
          zval_ptr_dtor(&message);
          reportPendingException(CallSite{"protocol decode()", worker, 0});
          return;
        }
        bool more = Z_TYPE(message) == IS_FALSE || deliver(conn, &message, callback, cache, worker);
        zval_ptr_dtor(&message);
        if (!more) return;
        at += static_cast<size_t>(length);
      }
      return;
    default:
      ZVAL_STRINGL(&message, datagram.data(), datagram.size());
      deliver(conn, &message, callback, cache, worker);
      zval_ptr_dtor(&message);
      return;
  }
}

// What send() puts in the datagram; false with an exception pending, or *out null when
// a user protocol's encode() returned '' (nothing to send).
bool encodeDatagram(zend_object* conn, zval* data, bool raw, zend_string** out) {
  const DatagramProtocol& p = udpFrom(conn)->native->protocol;
  *out = nullptr;
  if (raw || p.kind == ProtocolKind::kRaw) {
    *out = zval_try_get_string(data);
    return *out != nullptr;
  }
  if (p.kind == ProtocolKind::kUser) {
    zval result;
    callProtocol(p.encode, p.cls, data, conn, &result);
    if (EG(exception)) {
      zval_ptr_dtor(&result);
      return false;
    }
    zend_string* s = zval_try_get_string(&result);
    zval_ptr_dtor(&result);
    if (s == nullptr) return false;
    if (ZSTR_LEN(s) == 0) {
      zend_string_release(s);
      return true;
    }
    *out = s;
    return true;
  }
  zend_string* payload = zval_try_get_string(data);
  if (payload == nullptr) return false;
  if (p.kind == ProtocolKind::kText) {
    *out = zend_string_concat2(ZSTR_VAL(payload), ZSTR_LEN(payload), "\n", 1);
  } else {  // kFrame
    char header[protocol::FrameCodec::kHeaderSize];
    protocol::FrameCodec::header(ZSTR_LEN(payload), header);
    *out = zend_string_concat2(header, sizeof header, ZSTR_VAL(payload), ZSTR_LEN(payload));
  }
  zend_string_release(payload);
  return true;
}

void setUdpProtocolName(zend_object* conn, const std::string& name) {
  zval v;
  if (name.empty())
    ZVAL_NULL(&v);
  else
    ZVAL_STRINGL(&v, name.data(), name.size());
  zval* slotValue = slot(conn, g_protocolSlot);
  zval old;
  ZVAL_COPY_VALUE(&old, slotValue);
  ZVAL_COPY_VALUE(slotValue, &v);
  zval_ptr_dtor(&old);
}

void registerAsyncUdpClass();

void registerUdpClasses() {
  udp_connection_ce = register_class_Surge_Connection_UdpConnection(connection_interface_ce,
                                                                    php_json_serializable_ce);
  udp_connection_ce->create_object = createUdp;
  memcpy(&udp_handlers, &std_object_handlers, sizeof udp_handlers);
  udp_handlers.offset = XtOffsetOf(UdpObject, std);
  udp_handlers.free_obj = freeUdp;
  udp_handlers.clone_obj = nullptr;
  g_protocolSlot = propertyOffset(udp_connection_ce, "protocol");
  registerAsyncUdpClass();
}

}  // namespace surge::ext

using namespace surge;
using namespace surge::ext;

bool surge::ext::sendDatagram(zend_object* conn, zend_string* bytes) {
  UdpNative* n = udpFrom(conn)->native;
  if (!n->socket) return false;
  bool connected = n->client != nullptr;
  int err = DatagramSocket::send(n->socket->fd, ZSTR_VAL(bytes), ZSTR_LEN(bytes),
                                 connected ? nullptr : &n->remote);
  // An ICMP error left by an earlier datagram is reported on this send: try once more.
  if (err == ECONNREFUSED)
    err = DatagramSocket::send(n->socket->fd, ZSTR_VAL(bytes), ZSTR_LEN(bytes),
                               connected ? nullptr : &n->remote);
  return err == 0;
}

SURGE_METHOD(Surge_Connection_UdpConnection, send) {
  zval* data;
  bool raw = false;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_ZVAL(data)
  Z_PARAM_OPTIONAL
  Z_PARAM_BOOL(raw)
  ZEND_PARSE_PARAMETERS_END();
  UdpNative* n = nativeOf(ZEND_THIS);
  if (n->client) {
    // AsyncUdpConnection: the first send opens the socket.
    if (!n->client->connected && !connectUdpClient(Z_OBJ_P(ZEND_THIS))) {
      if (EG(exception)) RETURN_THROWS();
      RETURN_FALSE;
    }
  } else if (n->closed) {
    RETURN_FALSE;
  }
  zend_string* bytes;
  if (!encodeDatagram(Z_OBJ_P(ZEND_THIS), data, raw, &bytes)) RETURN_THROWS();
  if (bytes == nullptr) RETURN_FALSE;
  bool sent = sendDatagram(Z_OBJ_P(ZEND_THIS), bytes);
  zend_string_release(bytes);
  RETURN_BOOL(sent);
}

SURGE_METHOD(Surge_Connection_UdpConnection, close) {
  zval* data = nullptr;
  bool raw = false;
  ZEND_PARSE_PARAMETERS_START(0, 2)
  Z_PARAM_OPTIONAL
  Z_PARAM_ZVAL(data)
  Z_PARAM_BOOL(raw)
  ZEND_PARSE_PARAMETERS_END();
  UdpNative* n = nativeOf(ZEND_THIS);
  if (n->client ? !n->client->connected : n->closed) return;
  if (data && Z_TYPE_P(data) != IS_NULL) {
    zend_string* bytes;
    if (!encodeDatagram(Z_OBJ_P(ZEND_THIS), data, raw, &bytes)) RETURN_THROWS();
    if (bytes) {
      sendDatagram(Z_OBJ_P(ZEND_THIS), bytes);
      zend_string_release(bytes);
    }
  }
  if (n->client)
    closeUdpClient(Z_OBJ_P(ZEND_THIS), true);  // AsyncUdpConnection: onClose
  else
    n->closed = true;
}

SURGE_METHOD(Surge_Connection_UdpConnection, getRemoteIp) {
  ZEND_PARSE_PARAMETERS_NONE();
  std::string ip = nativeOf(ZEND_THIS)->remote.ip();
  RETURN_STRINGL(ip.data(), ip.size());
}

SURGE_METHOD(Surge_Connection_UdpConnection, getRemotePort) {
  ZEND_PARSE_PARAMETERS_NONE();
  const SocketAddress& a = nativeOf(ZEND_THIS)->remote;
  RETURN_LONG(a.family() == AF_INET || a.family() == AF_INET6 ? a.port() : 0);
}

SURGE_METHOD(Surge_Connection_UdpConnection, getRemoteAddress) {
  ZEND_PARSE_PARAMETERS_NONE();
  std::string s =
      nativeOf(ZEND_THIS)->remote.family() ? nativeOf(ZEND_THIS)->remote.toString() : "";
  RETURN_STRINGL(s.data(), s.size());
}

SURGE_METHOD(Surge_Connection_UdpConnection, getLocalIp) {
  ZEND_PARSE_PARAMETERS_NONE();
  SocketAddress a = localAddressOf(nativeOf(ZEND_THIS));
  std::string ip = a.family() ? a.ip() : "";
  RETURN_STRINGL(ip.data(), ip.size());
}

SURGE_METHOD(Surge_Connection_UdpConnection, getLocalPort) {
  ZEND_PARSE_PARAMETERS_NONE();
  SocketAddress a = localAddressOf(nativeOf(ZEND_THIS));
  RETURN_LONG(a.family() == AF_INET || a.family() == AF_INET6 ? a.port() : 0);
}

SURGE_METHOD(Surge_Connection_UdpConnection, getLocalAddress) {
  ZEND_PARSE_PARAMETERS_NONE();
  SocketAddress a = localAddressOf(nativeOf(ZEND_THIS));
  std::string s = a.family() ? a.toString() : "";
  RETURN_STRINGL(s.data(), s.size());
}

SURGE_METHOD(Surge_Connection_UdpConnection, isIpV4) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_BOOL(nativeOf(ZEND_THIS)->remote.family() == AF_INET);
}

SURGE_METHOD(Surge_Connection_UdpConnection, isIpV6) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_BOOL(nativeOf(ZEND_THIS)->remote.family() == AF_INET6);
}

SURGE_METHOD(Surge_Connection_UdpConnection, jsonSerialize) {
  ZEND_PARSE_PARAMETERS_NONE();
  UdpNative* n = nativeOf(ZEND_THIS);
  SocketAddress local = localAddressOf(n);
  bool inet = n->remote.family() == AF_INET || n->remote.family() == AF_INET6;
  bool localInet = local.family() == AF_INET || local.family() == AF_INET6;
  array_init(return_value);
  add_assoc_string(return_value, "transport", "udp");
  add_assoc_string(return_value, "getRemoteIp", n->remote.family() ? n->remote.ip().c_str() : "");
  add_assoc_long(return_value, "remotePort", inet ? n->remote.port() : 0);
  add_assoc_string(return_value, "getRemoteAddress",
                   n->remote.family() ? n->remote.toString().c_str() : "");
  add_assoc_string(return_value, "getLocalIp", local.family() ? local.ip().c_str() : "");
  add_assoc_long(return_value, "getLocalPort", localInet ? local.port() : 0);
  add_assoc_string(return_value, "getLocalAddress", local.family() ? local.toString().c_str() : "");
  add_assoc_bool(return_value, "isIpV4", n->remote.family() == AF_INET);
  add_assoc_bool(return_value, "isIpV6", n->remote.family() == AF_INET6);
}
