/* A protocol class written in PHP (input/decode/encode), found from the scheme. */
#include "core/connection_liveness.h"
#include "protocols/driver_glue.h"
#include "protocols/user_protocol.h"

namespace surge::ext {

namespace {
template <Side S>
const UserProtocol& protocolOf(ConnectionObject* c, WorkerObject* w) {
  if constexpr (S == Side::kAccepted)
    return w->native->userProtocol;
  else
    return clientUserProtocol(c);
}

template <Side S>
size_t userData(ConnectionObject* c, WorkerObject* w, std::string_view data) {
  // Buffered mode: the protocol reads the whole input buffer, so `data` is not used.
  deliverUserProtocol(
      c, protocolOf<S>(c, w), S == Side::kAccepted ? c->worker : nullptr,
      slotLong(&c->std, connection_props.id, 0),
      [&](zval* message) { deliverOne<S>(c, w, message); },
      [&](std::string_view why) { rejectInput<S>(c, why); });
  return 0;
}

template <Side S>
void userSend(ConnectionObject* c, zval* data, bool raw, zval* return_value) {
  WorkerObject* w = S == Side::kAccepted && c->worker ? workerFrom(c->worker) : nullptr;
  if (raw || (S == Side::kAccepted && w == nullptr)) {
    sendRaw<S>(c, data, return_value);
    return;
  }
  sendEncoded<S>(c, ProtocolKind::kUser, protocolOf<S>(c, w), data, return_value);
}

// input() sees the whole input buffer, not only the bytes of the last read.
void readWholeBuffer(ConnectionObject* c) {
  c->conn->setBufferedMode(true);
}

// A length input() returned belongs to the socket it was read from.
void forgetLength(ConnectionObject* c) {
  c->state.hint = 0;
}
}  // namespace

const ProtocolDriver kUserDrivers[2] = {
    {.name = "user",
     .open = readWholeBuffer,
     .onData = userData<Side::kAccepted>,
     .send = userSend<Side::kAccepted>,
     .reset = forgetLength,
     .timeout = livenessTimeout},
    {.name = "user",
     .open = readWholeBuffer,
     .onData = userData<Side::kOutgoing>,
     .send = userSend<Side::kOutgoing>,
     .reset = forgetLength},
};

}  // namespace surge::ext
