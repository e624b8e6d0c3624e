#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace surge::protocol {

// The cryptographic part of the opening handshake (RFC 6455 §4.2.2). SHA-1 and base64 are
// written here rather than taken from OpenSSL so the codec stays pure (src/protocol uses
// base only); SHA-1 serves only as a checksum of the key here, not for security.
struct WsHandshake {
  static constexpr size_t kAcceptKeySize = 28;  // base64 of a 20-byte digest

  // Sec-WebSocket-Accept for a Sec-WebSocket-Key:
  // base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")).
  static void acceptKey(std::string_view secWebSocketKey, char out[kAcceptKeySize]);
  static std::string acceptKey(std::string_view secWebSocketKey);

  // True if the key is base64 of 16 bytes: 22 alphabet characters and "==". The two bits
  // left over in the last character are not required to be zero (lenient, as decoders are).
  static bool isValidKey(std::string_view secWebSocketKey);

  // Exposed for tests.
  static std::array<uint8_t, 20> sha1(std::string_view data);
  static std::string base64(const uint8_t* data, size_t len);
};

}  // namespace surge::protocol
