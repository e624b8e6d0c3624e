/* permessage-deflate for the connections of a `websocket://` worker: the worker's
 * settings ($worker->websocketCompression), the per-connection zlib streams (created only
 * for connections that agreed to deflate, zlib state only once used) and the conversions
 * between PHP strings and compressed payloads. */
#ifndef SURGE_EXT_WEBSOCKET_DEFLATE_H
#define SURGE_EXT_WEBSOCKET_DEFLATE_H

#include <cstdint>
#include <string_view>

#include "core/common.h"
#include "protocol/websocket/deflate.h"
#include "protocol/websocket/deflate_params.h"

namespace surge::ext {

struct WsDeflateSettings {
  bool enabled = false;
  protocol::WsDeflateConfig negotiation;
  int level = -1;  // zlib's default (6)
  int memLevel = 5;
  size_t threshold = 64;  // messages shorter than this go uncompressed (RSV1 is per message)
};

// $worker->websocketCompression: false, true (the defaults) or an array of overrides.
WsDeflateSettings deflateSettingsOf(zend_object* worker);

// The compression of one connection that agreed to permessage-deflate.
struct WsDeflateState {
  WsDeflateState(const protocol::WsDeflateParams& agreed, const WsDeflateSettings& settings);

  protocol::WsInflater inflater;
  protocol::WsDeflater deflater;
  int serverBits;
  int level;
  int memLevel;
  size_t threshold;
  bool serverNoContextTakeover;
  bool clientNoContextTakeover;
  // Workerman's manual mode (the application wrote the answer's extension line): only
  // sends with a *_DEFLATE websocketType are compressed.
  bool followType = false;
};

// Inflates one compressed message into a new string, at most `limit` bytes. nullptr with a
// close code: 1009 above the limit, 1007 for data that is not DEFLATE.
zend_string* inflateWsMessage(WsDeflateState* d, std::string_view compressed, size_t limit,
                              uint16_t* closeCode, const char** reason);

// Compresses one message for this connection: the payload of an RSV1 frame, or nullptr to
// send it uncompressed (below the threshold, or zlib failed).
zend_string* deflateWsMessage(WsDeflateState* d, std::string_view message);

// For broadcast: one message compressed by a fresh stream (no reference to earlier
// messages), so any connection that agreed to a window of at least `windowBits` can read
// it, context takeover or not. The whole RSV1 frame, header included.
zend_string* encodeDeflatedFrame(uint8_t opcode, std::string_view message, int windowBits,
                                 int level, int memLevel);

}  // namespace surge::ext

#endif
