/* The protocol a connection speaks, behind one small interface: a driver per protocol and
 * side (accepted by a Worker, or outgoing from an AsyncTcpConnection), picked once when
 * the connection is accepted or constructed, and called through one pointer where the
 * bridges used to switch over ProtocolKind. The table is protocol_drivers.cc; adding a
 * protocol adds one driver file and one line there. */
#ifndef SURGE_EXT_PROTOCOL_DRIVER_H
#define SURGE_EXT_PROTOCOL_DRIVER_H

#include <cstdint>
#include <string_view>

#include "core/common.h"

namespace surge::ext {

struct ConnectionObject;
struct WorkerObject;
enum class ProtocolKind;

struct ProtocolDriver {
  const char* name;
  // The socket is open (accepted, or an outgoing connect completed and what was sent
  // before it flushed): set up what the protocol needs first. May be null.
  void (*open)(ConnectionObject* c);
  // New bytes on an open connection; returns how many were used (the rest stays unread).
  // The caller holds a reference on the object. `w` is the accepting worker (null outgoing).
  size_t (*onData)(ConnectionObject* c, WorkerObject* w, std::string_view data);
  // send($data, $raw). The caller checked that the connection may send (open, or an
  // outgoing one not connected yet).
  void (*send)(ConnectionObject* c, zval* data, bool raw, zval* return_value);
  // close()/end()/the worker stopping: the protocol's goodbye (a WebSocket close frame with
  // `code`) before the socket is closed. May be null.
  void (*goodbye)(ConnectionObject* c, uint16_t code);
  // The socket went away and the object may connect again (outgoing: reconnect()): forget
  // per-socket state. May be null.
  void (*reset)(ConnectionObject* c);
  // The object is freed: release the driver's state. May be null.
  void (*freeState)(ConnectionObject* c);
  // The output queue emptied after bytes had to wait (before onBufferDrain): a driver
  // that held reading for back-pressure resumes here. May be null.
  void (*drained)(ConnectionObject* c);
  // The process's input budget is spent and this connection holds the most: its partial
  // message was dropped; answer with the protocol's error and close. May be null (then
  // onError and a logged close).
  void (*refuseInput)(ConnectionObject* c);
  // A retiring process asks whether it may say goodbye now: the connection is between
  // requests (nothing received waits for its answer, nothing is half read), which is when
  // the protocol lets a client retry safely. Only asked with both buffers empty. Null: the
  // connection read something and wrote after its last read
  // (Connection::answeredLastInput()).
  bool (*betweenRequests)(ConnectionObject* c);
  // The connection's core timeout fired (see Connection::setTimeout(); `quietPeriods` as
  // there) while it is open. Null: the connection is closed.
  void (*timeout)(ConnectionObject* c, uint32_t quietPeriods);
};

enum class Side { kAccepted, kOutgoing };

// The driver of `kind` on `side` (never null: an unsupported pair gets the raw driver).
const ProtocolDriver* driverFor(ProtocolKind kind, Side side);

// Per protocol (defined in each driver file), [Side::kAccepted] and [Side::kOutgoing].
extern const ProtocolDriver kRawDrivers[2];
extern const ProtocolDriver kTextDrivers[2];
extern const ProtocolDriver kFrameDrivers[2];
extern const ProtocolDriver kUserDrivers[2];
extern const ProtocolDriver kHttpServerDriver;
extern const ProtocolDriver kWebSocketServerDriver;
extern const ProtocolDriver kWsClientDriver;

}  // namespace surge::ext

#endif
