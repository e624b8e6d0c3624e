/* The receiving side of udp:// workers: every datagram becomes a UdpConnection for its
 * sender, split into messages by the worker's protocol. */
#include <event2/event.h>

#include "core/protocol_errors.h"
#include "core/runtime.h"
#include "event/event_loop.h"
#include "net/datagram_socket.h"
#include "udp/udp_connection.h"

namespace surge::ext {

namespace {
// Datagrams read per readable event before the loop serves others (fair share).
constexpr int kDatagramsPerWake = 64;
}  // namespace

UdpReceiver::UdpReceiver(EventLoop& loop, int fd, WorkerObject* worker)
    : socket_(std::make_shared<DatagramEndpoint>(fd)), worker_(worker) {
  watcher_.init(loop, fd, EV_READ, &UdpReceiver::onReadable, this);
}

UdpReceiver::~UdpReceiver() {
  watcher_.stop();
}

void UdpReceiver::resume() {
  if (!active_) watcher_.start();
  active_ = true;
}

void UdpReceiver::pause() {
  if (active_) watcher_.stop();
  active_ = false;
}

void UdpReceiver::onReadable(int fd, short, void* self) {
  auto* r = static_cast<UdpReceiver*>(self);
  EventLoop* loop = runtime::loop();
  if (loop == nullptr) return;
  // The worker (and this receiver with it) may be stopped by a callback: hold it.
  zend_object* worker = &r->worker_->std;
  GC_ADDREF(worker);
  WorkerNative* n = r->worker_->native;  // lives as long as the worker object
  for (int i = 0; i < kDatagramsPerWake && !runtime::exiting(); ++i) {
    DatagramSocket::Datagram d;
    auto got = DatagramSocket::receive(fd, loop->scratch(), EventLoop::kScratchSize, &d);
    if (got == DatagramSocket::Received::kWouldBlock) break;
    if (got == DatagramSocket::Received::kError) continue;  // e.g. an ICMP error for an answer
    if (d.fullSize > d.size) {
      protocol_errors::log("Worker[" + workerNameOf(worker) + "] dropped a datagram of " +
                           std::to_string(d.fullSize) + " bytes from " + d.from.toString() +
                           ": larger than the " + std::to_string(EventLoop::kScratchSize) +
                           " bytes a datagram may have");
      continue;
    }
    r->dispatch(std::string_view(loop->scratch(), d.size), d.from);
    // A callback may have closed this receiver (unlisten()) or paused it: look at the
    // worker before touching the receiver again.
    if (n->datagrams.get() != r || !r->active_) break;
  }
  OBJ_RELEASE(worker);
}

void UdpReceiver::dispatch(std::string_view datagram, const SocketAddress& from) {
  zval conn;
  object_init_ex(&conn, udp_connection_ce);
  UdpNative* n = udpFrom(Z_OBJ(conn))->native;
  n->socket = socket_;
  n->remote = from;
  n->protocol = datagramProtocolOf(*worker_->native);
  zval* protocol = slot(&worker_->std, worker_props.protocol);
  if (Z_TYPE_P(protocol) == IS_STRING)
    setUdpProtocolName(Z_OBJ(conn), std::string(Z_STRVAL_P(protocol), Z_STRLEN_P(protocol)));
  deliverDatagram(Z_OBJ(conn), datagram, slot(&worker_->std, worker_props.onMessage),
                  &worker_->native->onMessage, &worker_->std);
  zval_ptr_dtor(&conn);
}

}  // namespace surge::ext
