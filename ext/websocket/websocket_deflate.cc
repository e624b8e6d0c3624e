/* permessage-deflate glue: settings from PHP, zlib output into PHP strings. */
#include "websocket/websocket_deflate.h"

#include <cstring>

#include "protocol/websocket/frame_parser.h"
#include "protocol/websocket/frame_writer.h"

namespace surge::ext {

namespace {

zend_long intOption(HashTable* options, const char* key, zend_long fallback, zend_long low,
                    zend_long high) {
  zval* v = zend_hash_str_find(options, key, strlen(key));
  if (v == nullptr) return fallback;
  zend_long n = zval_get_long(v);
  if (n < low) return low;
  return n > high ? high : n;
}

bool boolOption(HashTable* options, const char* key, bool fallback) {
  zval* v = zend_hash_str_find(options, key, strlen(key));
  return v ? zend_is_true(v) != 0 : fallback;
}

// A string grown for zlib's output, with `grow` in the shape the codec wants.
struct OutputString {
  zend_string* s = nullptr;
  char* grow(size_t n) {
    s = s ? zend_string_realloc(s, n, 0) : zend_string_alloc(n, 0);
    return ZSTR_VAL(s);
  }
  zend_string* take(size_t length) {
    if (s == nullptr) return ZSTR_EMPTY_ALLOC();
    if (length == 0) {
      zend_string_release(s);
      s = nullptr;
      return ZSTR_EMPTY_ALLOC();
    }
    // Shrink only when much is unused: a realloc copies.
    if (ZSTR_LEN(s) - length > 4096 && ZSTR_LEN(s) / 4 > length)
      s = zend_string_truncate(s, length, 0);
    else
      ZSTR_LEN(s) = length;
    ZSTR_VAL(s)[length] = '\0';
    zend_string* r = s;
    s = nullptr;
    return r;
  }
  ~OutputString() {
    if (s) zend_string_release(s);
  }
};

}  // namespace

WsDeflateSettings deflateSettingsOf(zend_object* worker) {
  WsDeflateSettings s;
  zval rv;
  zval* v = zend_read_property(worker->ce, worker, "websocketCompression",
                               sizeof("websocketCompression") - 1, 1, &rv);
  if (v == nullptr || EG(exception)) return s;
  ZVAL_DEREF(v);
  if (Z_TYPE_P(v) == IS_ARRAY) {
    HashTable* o = Z_ARRVAL_P(v);
    s.enabled = true;
    // Defaults as python-websockets' server: a 4 KiB window and memLevel 5 keep zlib to
    // 32 KiB per connection to send, at little cost in ratio for typical messages.
    s.negotiation.serverMaxWindowBits =
        static_cast<int>(intOption(o, "serverMaxWindowBits", 12, 9, 15));
    s.negotiation.clientMaxWindowBits =
        static_cast<int>(intOption(o, "clientMaxWindowBits", 12, 8, 15));
    s.negotiation.serverNoContextTakeover = boolOption(o, "serverNoContextTakeover", false);
    s.negotiation.clientNoContextTakeover = boolOption(o, "clientNoContextTakeover", false);
    s.level = static_cast<int>(intOption(o, "level", -1, -1, 9));
    s.memLevel = static_cast<int>(intOption(o, "memLevel", 5, 1, 9));
    s.threshold = static_cast<size_t>(intOption(o, "threshold", 64, 0, ZEND_LONG_MAX));
  } else if (zend_is_true(v)) {
    s.enabled = true;
    s.negotiation.serverMaxWindowBits = 12;
    s.negotiation.clientMaxWindowBits = 12;
  }
  return s;
}

WsDeflateState::WsDeflateState(const protocol::WsDeflateParams& agreed,
                               const WsDeflateSettings& settings)
    : inflater(agreed.clientMaxWindowBits),
      deflater(settings.level, agreed.serverMaxWindowBits, settings.memLevel),
      serverBits(agreed.serverMaxWindowBits),
      level(settings.level),
      memLevel(settings.memLevel),
      threshold(settings.threshold),
      serverNoContextTakeover(agreed.serverNoContextTakeover),
      clientNoContextTakeover(agreed.clientNoContextTakeover) {}

zend_string* inflateWsMessage(WsDeflateState* d, std::string_view compressed, size_t limit,
                              uint16_t* closeCode, const char** reason) {
  OutputString out;
  protocol::WsInflateResult r =
      d->inflater.inflate(compressed, limit, [&](size_t n) { return out.grow(n); });
  if (r.status == protocol::WsInflateStatus::kTooBig) {
    *closeCode = protocol::ws::kCloseTooBig;
    *reason = "message too big";
    return nullptr;
  }
  if (r.status == protocol::WsInflateStatus::kCorrupt) {
    *closeCode = protocol::ws::kCloseInvalidPayload;
    *reason = "invalid compressed data";
    return nullptr;
  }
  // The client starts every message afresh: the window need not be kept (nor its memory).
  if (d->clientNoContextTakeover) d->inflater.release();
  return out.take(r.length);
}

zend_string* deflateWsMessage(WsDeflateState* d, std::string_view message) {
  if (message.size() < d->threshold) return nullptr;
  OutputString out;
  size_t n = d->deflater.deflate(message, [&](size_t size) { return out.grow(size); });
  if (d->serverNoContextTakeover) d->deflater.release();
  if (n == SIZE_MAX) {
    d->deflater.release();
    return nullptr;
  }
  return out.take(n);
}

zend_string* encodeDeflatedFrame(uint8_t opcode, std::string_view message, int windowBits,
                                 int level, int memLevel) {
  protocol::WsDeflater deflater(level, windowBits, memLevel);
  // The header's room is reserved in front; its length is known once the payload is.
  constexpr size_t kRoom = protocol::WsFrameWriter::kMaxHeaderSize;
  OutputString out;
  size_t n = deflater.deflate(message, [&](size_t size) { return out.grow(kRoom + size) + kRoom; });
  if (n == SIZE_MAX) return nullptr;
  char header[kRoom];
  size_t h = protocol::WsFrameWriter::header(opcode, n, true, nullptr, header, true);
  char* base = ZSTR_VAL(out.s);
  std::memmove(base + h, base + kRoom, n);
  std::memcpy(base, header, h);
  return out.take(h + n);
}

}  // namespace surge::ext
