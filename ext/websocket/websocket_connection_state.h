/* What the three parts of the WebSocket server side share (internal to ext/, not an API):
 * the per-connection state, and the small helpers the handshake
 * (websocket_server_handshake.cc), the frames in (websocket_server.cc) and the sending side
 * (websocket_server_send.cc) all use. */
#ifndef SURGE_EXT_WEBSOCKET_CONNECTION_STATE_H
#define SURGE_EXT_WEBSOCKET_CONNECTION_STATE_H

#include <cstdint>
#include <string_view>

#include "core/callable.h"
#include "core/connection_object.h"
#include "net/connection.h"
#include "protocol/websocket/frame_parser.h"
#include "protocol/websocket/message_assembler.h"
#include "websocket/websocket_server.h"
#include "core/worker_object.h"

namespace surge::ext {

// A data message that did not arrive whole in one read: fragmented, or a frame still
// arriving. It exists only meanwhile, so an idle connection carries none of it.
struct WsPartialMessage {
  protocol::WsMessageAssembler assembler;
  protocol::WsFrameHeader frame;  // the data frame whose payload is arriving
  uint64_t frameDone = 0;         // payload bytes of `frame` read so far
  bool inFrame = false;           // its header is read, its payload is arriving
  // The message collected so far; its allocated length is the capacity, messageLength
  // bytes are filled.
  zend_string* message = nullptr;
  size_t messageLength = 0;

  explicit WsPartialMessage(const protocol::WsMessageAssembler& state) : assembler(state) {}
  ~WsPartialMessage() {
    if (message) zend_string_release(message);
  }
  WsPartialMessage(const WsPartialMessage&) = delete;
  WsPartialMessage& operator=(const WsPartialMessage&) = delete;
};

struct WebSocketState {
  enum class Phase : uint8_t {
    kHandshake,  // waiting for the opening handshake; sends are queued in `early`
    kOpen,       // frames flow both ways
    kClosed,     // a close was decided: input is dropped, nothing more is sent
  };
  Phase phase = Phase::kHandshake;
  bool closeSent = false;      // our close frame went out: no data frame may follow it
  bool closeReceived = false;  // the peer's close frame arrived
  bool deflating = false;      // permessage-deflate was agreed: `deflate` is set
  uint16_t peerCloseCode = 0;  // the code of the peer's close (1005: none), echoed
  // One field for two lives, so that the state stays 24 bytes for every connection: frames
  // queued before the handshake completes are sent with the 101, and only then can the
  // compression state (of connections that agreed to it) exist.
  union {
    zend_string* early = nullptr;  // !deflating: frames sent before the handshake completed
    WsDeflateState* deflate;       // deflating: the connection's zlib streams
  };
  WsPartialMessage* partial = nullptr;  // a data message in progress, if any
};

// The WebSocket state of any connection: null unless it is an accepted websocket:// one
// whose state was made (broadcast() and the close paths ask any connection).
inline WebSocketState* webSocketStateOf(ConnectionObject* c) {
  return c->driver == &kWebSocketServerDriver ? static_cast<WebSocketState*>(c->state.ptr)
                                              : nullptr;
}

// Helpers of the three parts only. They live in their own namespace so that their short
// names (stateOf, isOpen...) cannot collide with the HTTP side's.
namespace ws_server {

inline WebSocketState* stateOf(ConnectionObject* c) {
  if (c->state.ptr == nullptr) c->state.ptr = new WebSocketState();
  return static_cast<WebSocketState*>(c->state.ptr);
}

inline bool isOpen(ConnectionObject* c) {
  return c->conn && c->conn->isOpen();
}

// The connection's own callback if set, else the worker's (Workerman looks both up).
inline zval* callbackOf(ConnectionObject* c, uint32_t connectionSlot, uint32_t workerSlot) {
  zval* cb = slot(&c->std, connectionSlot);
  if (Z_TYPE_P(cb) > IS_NULL || c->worker == nullptr) return cb;
  return slot(c->worker, workerSlot);
}

// Calls `cb` with the connection and up to two more arguments (taken over).
inline CallOutcome callWith(ConnectionObject* c, zval* cb, CallableCache* cache, const char* name,
                            zval* extra, uint32_t extraCount) {
  zval args[3];
  ZVAL_OBJ(&args[0], &c->std);
  for (uint32_t i = 0; i < extraCount; ++i) ZVAL_COPY_VALUE(&args[1 + i], &extra[i]);
  CallOutcome outcome = callCallback(cb, cache, 1 + extraCount, args, siteOf(c, name));
  for (uint32_t i = 0; i < extraCount; ++i) zval_ptr_dtor(&extra[i]);
  return outcome;
}

inline void dropMessage(WebSocketState* s) {
  delete s->partial;
  s->partial = nullptr;
}

inline void handleSendResult(ConnectionObject* c, Connection::SendResult r) {
  if (r == Connection::SendResult::kPeerGone && c->conn) c->conn->destroy();
}

// websocket_server_handshake.cc: reads the opening handshake at the front of `data`; returns
// the bytes it used (all of them when the connection is refused or closed).
size_t handshake(ConnectionObject* c, WorkerObject* w, WebSocketState* s, std::string_view data);

// websocket_server.cc: frames in from `pos` on, to the callbacks; returns the bytes used.
size_t deliverFrames(ConnectionObject* c, WorkerObject* w, WebSocketState* s, std::string_view data,
                     size_t pos);

// websocket_server_send.cc: the control frames we send.
void sendCloseFrame(ConnectionObject* c, WebSocketState* s, uint16_t code, std::string_view reason);
void failClose(ConnectionObject* c, WebSocketState* s, uint16_t code, const char* reason);
void sendControl(ConnectionObject* c, WebSocketState* s, uint8_t opcode, std::string_view payload);

}  // namespace ws_server
}  // namespace surge::ext

#endif
