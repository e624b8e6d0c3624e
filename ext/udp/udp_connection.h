/* UDP in the binding: Surge\Connection\UdpConnection (the sender of one datagram a udp://
 * worker received), AsyncUdpConnection (a UDP client), and the receiving side of udp://
 * workers. Datagrams keep their boundaries, so nothing is buffered: each one is split
 * into messages by the protocol (text lines, frames, a user protocol's input()) and each
 * message goes to onMessage whole. */
#ifndef SURGE_EXT_UDP_UDP_CONNECTION_H
#define SURGE_EXT_UDP_UDP_CONNECTION_H

#include <memory>
#include <string>
#include <string_view>

#include "core/common.h"
#include "core/worker_object.h"
#include "event/io_watcher.h"
#include "net/socket_address.h"

namespace surge::ext {

extern zend_class_entry* udp_connection_ce;
extern zend_class_entry* async_udp_connection_ce;
void registerUdpClasses();

// A datagram socket shared by the UdpConnection objects made from it (the worker's socket
// outlives none of them dangling: it is closed with its last user).
struct DatagramEndpoint {
  int fd = -1;
  explicit DatagramEndpoint(int socket) : fd(socket) {}
  ~DatagramEndpoint();
  DatagramEndpoint(const DatagramEndpoint&) = delete;
  DatagramEndpoint& operator=(const DatagramEndpoint&) = delete;
};

// How a datagram is split into messages and how send() encodes (a worker's or client's
// protocol; HTTP and WebSocket need a stream and are refused for UDP).
struct DatagramProtocol {
  ProtocolKind kind = ProtocolKind::kRaw;
  zend_class_entry* cls = nullptr;  // kUser
  zend_function* input = nullptr;
  zend_function* decode = nullptr;
  zend_function* encode = nullptr;
};
// A worker's protocol (prepareWorkerListen() refused HTTP and WebSocket for UDP).
DatagramProtocol datagramProtocolOf(const WorkerNative& n);

// AsyncUdpConnection: where it sends and whether its socket is open.
struct AsyncUdpState {
  std::string remoteName;  // as given to the constructor
  std::string family;      // "udp" or "unix"
  std::string address;     // host:port or path
  IoWatcher watcher;
  bool connected = false;
};

struct UdpNative {
  std::shared_ptr<DatagramEndpoint> socket;
  SocketAddress remote;
  DatagramProtocol protocol;
  bool closed = false;
  std::unique_ptr<AsyncUdpState> client;  // AsyncUdpConnection only
};

struct UdpObject {
  UdpNative* native;
  zend_object std;
};

inline UdpObject* udpFrom(zend_object* obj) {
  return reinterpret_cast<UdpObject*>(reinterpret_cast<char*>(obj) - XtOffsetOf(UdpObject, std));
}

// Splits `datagram` into messages for `conn` (a UdpConnection whose protocol is set) and
// calls onMessage($conn, $message) for each with `callback` (resolved through `cache`).
// Malformed input ends the datagram: what follows is dropped, nothing half-parsed is
// delivered.
void deliverDatagram(zend_object* conn, std::string_view datagram, zval* callback,
                     CallableCache* cache, zend_object* worker);

// What send() puts in the datagram for `conn`'s protocol: false with an exception pending,
// or *out null when a user protocol's encode() returned '' (nothing to send).
bool encodeDatagram(zend_object* conn, zval* data, bool raw, zend_string** out);
// Sends one encoded datagram to the object's peer; false if the kernel did not take it.
bool sendDatagram(zend_object* conn, zend_string* bytes);
// Sets $protocol of a datagram connection (null for none).
void setUdpProtocolName(zend_object* conn, const std::string& name);

// udp:// workers: the socket a worker process receives on.
class UdpReceiver {
 public:
  UdpReceiver(EventLoop& loop, int fd, WorkerObject* worker);
  ~UdpReceiver();
  void resume();
  void pause();

 private:
  static void onReadable(int fd, short what, void* self);
  void dispatch(std::string_view datagram, const SocketAddress& from);

  std::shared_ptr<DatagramEndpoint> socket_;
  WorkerObject* worker_;
  IoWatcher watcher_;
  bool active_ = false;
};

// AsyncUdpConnection: opens the socket (and calls onConnect); false, after onError, when
// it cannot. closeUdpClient() closes it (onClose with `callbacks`).
bool connectUdpClient(zend_object* obj);
void closeUdpClient(zend_object* obj, bool callbacks);

// Request shutdown: closes the UDP clients still open.
void closeAllUdpClients();

}  // namespace surge::ext

#endif
