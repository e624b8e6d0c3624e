/* websocket:// on an accepted connection: the handshake and frames in (websocket_server*.cc),
 * frames out (websocket_server_send.cc). Its state is the connection's WebSocketState. */
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

void webSocketFree(ConnectionObject* c) {
  freeWebSocketState(webSocketStateOf(c));
  c->state.ptr = nullptr;
}
}  // namespace

const ProtocolDriver kWebSocketServerDriver = {
    "websocket", acceptWebSocket, deliverWebSocket, webSocketSend,       sendWebSocketClose,
    nullptr,     webSocketFree,   nullptr,          refuseWebSocketInput};

}  // namespace surge::ext
