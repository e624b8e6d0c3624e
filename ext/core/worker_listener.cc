/* Where a Worker listens: its scheme, protocol class and address resolved (runAll() before
 * forking, or listen()), its listener opened in a worker process, and its certificate read
 * again for a reload. */
#include <unistd.h>

#include "core/boundary.h"
#include "core/tls_options.h"
#include "core/worker_object.h"
#include "base/log.h"
#include "core/connection_object.h"
#include "core/runtime.h"
#include "core/workerman_switch.h"
#include "event/event_loop.h"
#include "http/http_classes.h"
#include "jobs/jobs_worker.h"
#include "net/datagram_socket.h"
#include "net/listen_socket.h"
#include "udp/udp_connection.h"
#include "websocket/websocket_server.h"

extern "C" {
#include "zend_exceptions.h"
#include "ext/spl/spl_exceptions.h"
}

namespace surge::ext {

namespace {
class AcceptBridge : public Listener::Handler {
 public:
  void onAccept(Listener& listener, int fd, const sockaddr* peer, socklen_t length) override {
    acceptConnection(static_cast<zend_object*>(listener.userData()), fd, peer, length);
  }
};
AcceptBridge g_acceptBridge;

void setProtocolProperty(zend_object* obj, const std::string& className) {
  zval v;
  if (className.empty())
    ZVAL_NULL(&v);
  else
    ZVAL_STR(&v, zend_string_init(className.data(), className.size(), 0));
  setSlot(obj, worker_props.protocol, &v);
  zval_ptr_dtor(&v);
}

// Picks the codec for a protocol class: ours are framed natively, anything else goes
// through the class's static input/decode/encode.
bool useProtocolClass(WorkerObject* w, zend_class_entry* ce) {
  WorkerNative* n = w->native;
  if (ce == text_ce || instanceof_function(ce, text_ce)) {
    n->kind = ProtocolKind::kText;
  } else if (ce == frame_ce || instanceof_function(ce, frame_ce)) {
    n->kind = ProtocolKind::kFrame;
  } else if (ce == http_ce || instanceof_function(ce, http_ce)) {
    n->kind = ProtocolKind::kHttp;
  } else if (ce == websocket_ce || instanceof_function(ce, websocket_ce)) {
    n->kind = ProtocolKind::kWebSocket;
  } else {
    if (!loadUserProtocol(ce, &n->userProtocol)) return false;
    n->kind = ProtocolKind::kUser;
  }
  setProtocolProperty(&w->std, workerman::protocolName(ce));
  return true;
}

}  // namespace

bool prepareWorkerListen(WorkerObject* w) {
  WorkerNative* n = w->native;
  if (n->prepared || n->socketName.empty()) return true;
  if (jobs::isJobsSocketName(n->socketName)) return jobs::prepareWorker(w);
  try {
    SocketName name = SocketName::parse(n->socketName);
    n->scheme = name.scheme;
    std::string lower = name.scheme;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    zval* transport = slot(&w->std, worker_props.transport);
    std::string tr = Z_TYPE_P(transport) == IS_STRING ? Z_STRVAL_P(transport) : "tcp";
    // https:// and wss:// are http:// and websocket:// over TLS.
    if (lower == "https" || lower == "wss") {
      name.scheme = lower == "https" ? "http" : "websocket";
      n->scheme = name.scheme;
      lower = name.scheme;
      tr = "ssl";
    }
    if (lower == "tcp" || lower == "unix" || lower == "udp" || lower == "ssl") {
      if (tr == "tcp") tr = lower;
      zval* protocol = slot(&w->std, worker_props.protocol);
      if (Z_TYPE_P(protocol) == IS_STRING && Z_STRLEN_P(protocol) > 0) {
        std::string cls = Z_STRVAL_P(protocol);
        if (cls[0] == '\\') cls.erase(0, 1);
        zend_class_entry* ce = findClass(cls);
        if (ce == nullptr) {
          throwRuntime("Surge\\Worker::$protocol names class %s, which does not exist",
                       cls.c_str());
          return false;
        }
        if (!useProtocolClass(w, ce)) return false;
      } else {
        n->kind = ProtocolKind::kRaw;
      }
    } else {
      std::string cls;
      zend_class_entry* ce = findProtocolClass(name.scheme, &cls);
      if (ce == nullptr) {
        throwRuntime(
            "unknown protocol scheme '%s' in '%s': no class Protocols\\%s or Surge\\Protocols\\%s "
            "exists "
            "(built in: tcp, unix, text, frame, http, websocket)",
            name.scheme.c_str(), n->socketName.c_str(), cls.c_str(), cls.c_str());
        return false;
      }
      if (!useProtocolClass(w, ce)) return false;
    }
    if (tr != "tcp" && tr != "unix" && tr != "ssl" && tr != "udp") {
      throwRuntime("transport '%s' of %s is not supported: use tcp, udp, ssl or unix", tr.c_str(),
                   n->socketName.c_str());
      return false;
    }
    n->datagram = tr == "udp";
    if (n->datagram && (n->kind == ProtocolKind::kHttp || n->kind == ProtocolKind::kWebSocket)) {
      throwRuntime("%s cannot run over udp: HTTP and WebSocket need a stream; use transport tcp",
                   n->socketName.c_str());
      return false;
    }
    if (tr == "ssl") {
      std::string owner = "Surge\\Worker " + n->socketName;
      if (!readTlsOptions(&n->context, true, &n->tlsConfig, owner.c_str())) return false;
      n->tlsConfig.sessionContext = n->socketName;
      if (n->kind == ProtocolKind::kHttp || n->kind == ProtocolKind::kWebSocket)
        n->tlsConfig.alpn = {"http/1.1"};
      n->tls = buildServerTls(n->tlsConfig, owner.c_str());
      if (!n->tls) return false;
    }
    zval tv;
    ZVAL_STRINGL(&tv, tr.data(), tr.size());
    setSlot(&w->std, worker_props.transport, &tv);
    zval_ptr_dtor(&tv);
    n->transport = tr;
    // unix:// with transport 'udp' is a Unix datagram socket.
    std::string family = tr == "ssl" ? "tcp" : tr;
    if (n->datagram && lower == "unix") family = "unix";
    n->address = SocketAddress::parse(family, name.address);
  } catch (const std::exception& e) {
    throwRuntime("Surge\\Worker %s: %s", n->socketName.c_str(), e.what());
    return false;
  }
  n->prepared = true;
  return true;
}

bool reloadWorkerTls(WorkerObject* w) {
  WorkerNative* n = w->native;
  if (!n->tls) return true;
  try {
    n->tls = TlsContext::forServer(n->tlsConfig);
    return true;
  } catch (const std::exception& e) {
    runtime::log(
        "Worker[" + workerNameOf(&w->std) + "] " + n->socketName + ": " + e.what() +
        "; its processes are not reloaded and keep serving with the certificate they have");
    return false;
  }
}

bool openWorkerListener(WorkerObject* w) {
  WorkerNative* n = w->native;
  if (n->socketName.empty() || n->listener || n->datagrams || n->jobs) return true;
  if (!prepareWorkerListen(w)) return false;
  if (n->jobQueue) return jobs::openConsumer(w);
  if (!loadTimeoutSettings(w, true)) return false;
  int fd = n->listenFd;
  n->listenFd = -1;
  if (fd < 0) {
    try {
      ListenOptions options;
      // A Worker listen()ed inside a worker process (a fixed port per process, as
      // GatewayWorker's inner workers use) binds with SO_REUSEPORT: during a reload the
      // replacement process starts before this one retires and must bind the same port.
      options.reusePort =
          zend_is_true(slot(&w->std, worker_props.reusePort)) || runtime::inWorkerProcess();
      fd = n->datagram ? DatagramSocket::bind(n->address, options.reusePort)
                       : createListenSocket(n->address, options);
    } catch (const std::exception& e) {
      throwRuntime("Surge\\Worker %s: %s", n->socketName.c_str(), e.what());
      return false;
    }
  }
  if (n->datagram) {
    n->datagrams = std::make_unique<UdpReceiver>(*runtime::loop(), fd, w);
    return true;
  }
  n->listener = std::make_unique<Listener>(*runtime::loop(), fd, &g_acceptBridge, &w->std);
  return true;
}

void closeWorkerListener(WorkerObject* w) {
  if (w->native == nullptr) return;
  w->native->listener.reset();
  w->native->datagrams.reset();
  w->native->jobs.reset();
}

}  // namespace surge::ext
