/* Surge\Protocols\Websocket: its constants. Servers (`websocket://` workers) are driven
 * natively by websocket_server.cc. */
#include "websocket/websocket_server.h"

// The first byte of a final text or binary frame; Workerman's values for websocketType.
#define SURGE_WS_BINARY_TYPE_BLOB "\x81"
#define SURGE_WS_BINARY_TYPE_ARRAYBUFFER "\x82"
// The same with RSV1, "compressed" (Workerman's values; honoured once deflate is agreed).
#define SURGE_WS_BINARY_TYPE_BLOB_DEFLATE "\xc1"
#define SURGE_WS_BINARY_TYPE_ARRAYBUFFER_DEFLATE "\xc2"

#include "arginfo/Websocket_arginfo.h"

namespace surge::ext {

zend_class_entry* websocket_ce = nullptr;

void registerWebsocketClass() {
  websocket_ce = register_class_Surge_Protocols_Websocket();
}

}  // namespace surge::ext
