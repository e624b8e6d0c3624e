/* websocket:// on an accepted connection: the handshake and frames in (websocket_server*.cc),
 * frames out (websocket_server_send.cc). Its state is the connection's WebSocketState. */
#include "core/connection_liveness.h"
#include "protocols/driver_glue.h"
#include "websocket/websocket_connection_state.h"
#include "websocket/websocket_server.h"

namespace surge::ext {

namespace {
void webSocketSend(ConnectionObject* c, zval* data, bool raw, zval* return_value) {
  if (raw) {
    noteRawWebSocketSend(c, data);
    sendRaw<Side::kAccepted>(c, data, return_value);
    return;
  }
  sendWebSocket(c, data, return_value);
}

// Open, and no message half received: a close 1001 now follows the answers to every
// message the peer sent whole (they were delivered, and whatever onMessage sent is out).
bool webSocketBetweenRequests(ConnectionObject* c) {
  WebSocketState* s = webSocketStateOf(c);
  return s && s->phase == WebSocketState::Phase::kOpen && s->partial == nullptr;
}

void webSocketFree(ConnectionObject* c) {
  freeWebSocketState(webSocketStateOf(c));
  c->state.ptr = nullptr;
}

// Before the handshake completes the head timeout runs (Worker::$headerTimeout); after it,
// the idle timeout and heartbeat (startLiveness() at the 101).
void webSocketTimeout(ConnectionObject* c, uint32_t quietPeriods) {
  WebSocketState* s = webSocketStateOf(c);
  if (s == nullptr || s->phase == WebSocketState::Phase::kHandshake) {
    handshakeTimedOut(c);
    return;
  }
  if (s->phase == WebSocketState::Phase::kOpen) {
    livenessTimeout(c, quietPeriods);
    return;
  }
  c->conn->destroy();  // closing, and the peer did not finish it within the period
}
}  // namespace

const ProtocolDriver kWebSocketServerDriver = {.name = "websocket",
                                               .open = acceptWebSocket,
                                               .onData = deliverWebSocket,
                                               .send = webSocketSend,
                                               .goodbye = sendWebSocketClose,
                                               .freeState = webSocketFree,
                                               .refuseInput = refuseWebSocketInput,
                                               .betweenRequests = webSocketBetweenRequests,
                                               .timeout = webSocketTimeout};

}  // namespace surge::ext
