/* Surge\Protocols\Ws: the constants of the WebSocket client protocol. Clients
 * (`new AsyncTcpConnection('ws://...')`) are driven natively by ws_client.cc. */
#include "websocket/websocket_server.h"

#define SURGE_WS_BINARY_TYPE_BLOB "\x81"
#define SURGE_WS_BINARY_TYPE_ARRAYBUFFER "\x82"

#include "arginfo/Ws_arginfo.h"

namespace surge::ext {

zend_class_entry* ws_ce = nullptr;

void registerWsClass() {
  ws_ce = register_class_Surge_Protocols_Ws();
}

}  // namespace surge::ext
