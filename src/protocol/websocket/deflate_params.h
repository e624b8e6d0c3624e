// permessage-deflate's negotiation (RFC 7692 §5, §7.1): the client's offers in
// Sec-WebSocket-Extensions, the first acceptable one accepted, and the parameters both
// sides then use. Pure: header values in, parameters and the answer's value out.
#pragma once

#include <string>
#include <string_view>

namespace surge::protocol {

// What the server is willing to do (its own settings, not the client's).
struct WsDeflateConfig {
  // The largest window our deflater uses (9..15; zlib's raw deflate cannot do 8). Smaller
  // windows cost less memory per connection and compress a little worse.
  int serverMaxWindowBits = 15;
  // The window asked of the client when its offer allows it (client_max_window_bits):
  // it bounds our inflater's window. 8..15; 15 asks nothing.
  int clientMaxWindowBits = 15;
  // Announce server_no_context_takeover even if the client did not ask: our deflater is
  // freed after every message (no memory held between messages, worse compression).
  bool serverNoContextTakeover = false;
  // Ask the client for client_no_context_takeover: our inflater is freed after every
  // message.
  bool clientNoContextTakeover = false;
};

// What was agreed, from the server's point of view.
struct WsDeflateParams {
  bool serverNoContextTakeover = false;  // our deflater starts each message afresh
  bool clientNoContextTakeover = false;  // the client's deflater does: our inflater may reset
  int serverMaxWindowBits = 15;          // our deflater's window
  int clientMaxWindowBits = 15;          // the most the client's deflater uses
  // Which window sizes the answer names (RFC 7692 §7.1.2: only those the offer had).
  bool announceServerBits = false;
  bool announceClientBits = false;

  // The value of the answer's Sec-WebSocket-Extensions line.
  std::string responseValue() const;
};

struct WsDeflateNegotiation {
  // `offers`: every Sec-WebSocket-Extensions value of the request joined with ", " (one
  // list, RFC 7230 §3.2.2). Offers with unknown, repeated or malformed parameters are
  // declined (§5), as are those asking for an 8-bit server window (zlib cannot); the first
  // permessage-deflate offer left is accepted. False if none is.
  static bool negotiate(std::string_view offers, const WsDeflateConfig& config,
                        WsDeflateParams* agreed);

  // Reads an answer's value (the application wrote its own Sec-WebSocket-Extensions line)
  // into the parameters it sets. False unless it is exactly one valid permessage-deflate.
  static bool parseResponse(std::string_view value, WsDeflateParams* agreed);
};

}  // namespace surge::protocol
