/* ws:// on an outgoing connection (ws_client.cc): the opening handshake, then frames. Its
 * state is the WsClient, kept across reconnects and reset when a socket goes away. */
#include "client/async_tcp_connection.h"
#include "protocols/driver_glue.h"

namespace surge::ext {

namespace {
size_t wsData(ConnectionObject* c, WorkerObject*, std::string_view data) {
  return wsClientData(c, data);
}

void wsSend(ConnectionObject* c, zval* data, bool raw, zval* return_value) {
  if (raw) {
    sendRaw<Side::kOutgoing>(c, data, return_value);
    return;
  }
  wsClientSend(c, data, return_value);  // it queues behind the handshake itself
}

void wsFree(ConnectionObject* c) {
  freeWsClient(wsClientOf(c));
  c->state.ptr = nullptr;
}
}  // namespace

const ProtocolDriver kWsClientDriver = {.name = "ws",
                                        .open = startWsClient,
                                        .onData = wsData,
                                        .send = wsSend,
                                        .goodbye = wsClientSendClose,
                                        .reset = resetWsClient,
                                        .freeState = wsFree};

}  // namespace surge::ext
