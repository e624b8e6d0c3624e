/* What the raw, text, frame and user-protocol drivers share on both sides: where a message
 * goes (the worker's onMessage, or the client's), how malformed input is logged, and how an
 * encoded value is sent (an outgoing connection not connected yet keeps it for the
 * connect). Templates on the side, so each driver costs what the old switch did. */
#ifndef SURGE_EXT_DRIVER_GLUE_H
#define SURGE_EXT_DRIVER_GLUE_H

#include <string_view>

#include "core/connection_object.h"
#include "core/protocol_driver.h"
#include "core/worker_object.h"
#include "protocols/send_encoding.h"

namespace surge::ext {

// Accepted side (connection_handler.cc).
void deliverAccepted(ConnectionObject* c, WorkerObject* w, zval* message);
void rejectAccepted(ConnectionObject* c, std::string_view why);
// Outgoing side (async_tcp_connection.cc).
void clientDeliver(ConnectionObject* c, zval* message);
void rejectOutgoing(ConnectionObject* c, std::string_view why);
const UserProtocol& clientUserProtocol(ConnectionObject* c);
// Keeps the encoded bytes until the connect completes and sets send()'s result; false when
// the connection is already connected (then the caller sends).
bool queueBeforeConnect(ConnectionObject* c, EncodedSend& e, zval* return_value);

template <Side S>
inline void deliverOne(ConnectionObject* c, WorkerObject* w, zval* message) {
  if constexpr (S == Side::kAccepted)
    deliverAccepted(c, w, message);
  else
    clientDeliver(c, message);
}

template <Side S>
inline void rejectInput(ConnectionObject* c, std::string_view why) {
  if constexpr (S == Side::kAccepted)
    rejectAccepted(c, why);
  else
    rejectOutgoing(c, why);
}

extern const UserProtocol kNoUserProtocol;

// send() as Workerman defines it: true written, null queued, false failed.
template <Side S>
void sendEncoded(ConnectionObject* c, ProtocolKind kind, const UserProtocol& user, zval* data,
                 zval* return_value) {
  EncodedSend e;
  switch (encodeForSend(c, kind, user, data, &e)) {
    case EncodeOutcome::kFailed:
      return;  // the exception propagates to the caller of send()
    case EncodeOutcome::kNothing:
      RETURN_NULL();
    case EncodeOutcome::kSend:
      break;
  }
  if constexpr (S == Side::kOutgoing) {
    if (queueBeforeConnect(c, e, return_value)) return;
  }
  // No extra reference on the object: the caller's frame holds $this during the call.
  Connection::SendResult result = c->conn->send(e.pieces, e.count);
  zend_string_release(e.payload);
  reportSendResult(c, result, return_value);
}

// send($data, true): the bytes as given, whatever the protocol.
template <Side S>
void sendRaw(ConnectionObject* c, zval* data, zval* return_value) {
  sendEncoded<S>(c, ProtocolKind::kRaw, kNoUserProtocol, data, return_value);
}

// A driver pair whose send encodes with `Kind` (raw when asked).
template <ProtocolKind Kind, Side S>
void sendWithKind(ConnectionObject* c, zval* data, bool raw, zval* return_value) {
  sendEncoded<S>(c, raw ? ProtocolKind::kRaw : Kind, kNoUserProtocol, data, return_value);
}

}  // namespace surge::ext

#endif
