/* What a `websocket://` connection sends: send() framed with `$connection->websocketType`
 * (compressed when permessage-deflate was agreed, queued behind the 101 while the handshake
 * is under way), onBufferFull, close frames (once, never followed by data; RFC 6455 §5.5.1)
 * and the other control frames we answer with, plus what broadcast() asks about a
 * connection. */
#include <cstring>

#include "protocol/websocket/frame_writer.h"
#include "core/protocol_errors.h"
#include "core/runtime.h"
#include "websocket/websocket_connection_state.h"
#include "websocket/websocket_deflate.h"

extern "C" {
#include "ext/json/php_json.h"
#include "zend_smart_str.h"
}

namespace surge::ext {
namespace ws_server {

// Sends one close frame (code and reason) unless one was sent already.
void sendCloseFrame(ConnectionObject* c, WebSocketState* s, uint16_t code,
                    std::string_view reason) {
  if (s->closeSent || !isOpen(c)) return;
  s->closeSent = true;
  char frame[2 + protocol::ws::kMaxControlPayload];
  size_t n = protocol::WsFrameWriter::closePayload(code, reason, frame + 2);
  frame[0] = static_cast<char>(0x80 | protocol::ws::kClose);
  frame[1] = static_cast<char>(n);
  handleSendResult(c, c->conn->send(std::string_view(frame, 2 + n)));
}

// A protocol error (or a failed callback): the close frame with its code, then FIN; what
// the peer sends meanwhile is read and dropped until it closes or lingerTimeout passes.
void failClose(ConnectionObject* c, WebSocketState* s, uint16_t code, const char* reason) {
  if (code != 1011) protocol_errors::count();  // 1011: our own failure, not the peer's
  sendCloseFrame(c, s, code, reason ? std::string_view(reason) : std::string_view());
  s->phase = WebSocketState::Phase::kClosed;
  dropMessage(s);
  if (isOpen(c)) c->conn->end(lingerOf(c));
}

void sendControl(ConnectionObject* c, WebSocketState* s, uint8_t opcode, std::string_view payload) {
  if (s->closeSent || !isOpen(c)) return;
  char frame[2 + protocol::ws::kMaxControlPayload];
  frame[0] = static_cast<char>(0x80 | opcode);
  frame[1] = static_cast<char>(payload.size());
  // An empty string_view may carry a null data(), which memcpy must not get even for 0 bytes.
  if (!payload.empty()) std::memcpy(frame + 2, payload.data(), payload.size());
  // A full send buffer drops the pong (the peer pings again); it is no reason to report.
  handleSendResult(c, c->conn->send(std::string_view(frame, 2 + payload.size())));
}

namespace {

// A non-string value is sent as JSON, as Workerman does; strings and scalars as they are.
zend_string* payloadOf(zval* data) {
  ZVAL_DEREF(data);
  switch (Z_TYPE_P(data)) {
    case IS_STRING:
      return zend_string_copy(Z_STR_P(data));
    case IS_LONG:
    case IS_DOUBLE:
    case IS_TRUE:
    case IS_FALSE:
      return zval_get_string(data);
    default:
      break;
  }
  smart_str json = {};
  if (php_json_encode(&json, data, PHP_JSON_UNESCAPED_UNICODE) == FAILURE || EG(exception)) {
    smart_str_free(&json);
    if (!EG(exception))
      zend_value_error("WebSocket send(): the %s could not be JSON-encoded",
                       zend_zval_type_name(data));
    return nullptr;
  }
  if (json.s == nullptr) return ZSTR_EMPTY_ALLOC();
  smart_str_0(&json);
  return json.s;
}

}  // namespace
}  // namespace ws_server

uint8_t webSocketOpcode(ConnectionObject* c) {
  // Workerman uses websocketType's byte as the frame's first byte; only text and binary
  // are meaningful without extensions, so any other value means text.
  zval* type = slot(&c->std, connection_props.websocketType);
  if (Z_TYPE_P(type) == IS_STRING && Z_STRLEN_P(type) > 0 &&
      (static_cast<unsigned char>(Z_STRVAL_P(type)[0]) & 0x0F) == protocol::ws::kBinary)
    return protocol::ws::kBinary;
  return protocol::ws::kText;
}

zend_string* encodeWebSocketFrame(uint8_t opcode, std::string_view payload) {
  char header[protocol::WsFrameWriter::kMaxHeaderSize];
  size_t n = protocol::WsFrameWriter::header(opcode, payload.size(), true, nullptr, header);
  zend_string* frame = zend_string_alloc(n + payload.size(), 0);
  std::memcpy(ZSTR_VAL(frame), header, n);
  if (!payload.empty()) std::memcpy(ZSTR_VAL(frame) + n, payload.data(), payload.size());
  ZSTR_VAL(frame)[n + payload.size()] = '\0';
  return frame;
}

void callWebSocketBufferFull(ConnectionObject* c) {
  zval* cb = slot(&c->std, connection_props.onBufferFull);
  if (Z_TYPE_P(cb) <= IS_NULL || c->worker == nullptr) return;
  GC_ADDREF(&c->std);
  ws_server::callWith(c, cb, &workerFrom(c->worker)->native->onBufferFull, "onBufferFull", nullptr,
                      0);
  OBJ_RELEASE(&c->std);
}

void sendWebSocket(ConnectionObject* c, zval* data, zval* return_value) {
  WebSocketState* s = ws_server::stateOf(c);
  zend_string* payload = ws_server::payloadOf(data);
  if (payload == nullptr) return;  // the exception propagates to send()'s caller
  char header[protocol::WsFrameWriter::kMaxHeaderSize];
  const uint8_t opcode = webSocketOpcode(c);
  if (WsDeflateState* d = webSocketDeflate(c);
      d && s->phase == WebSocketState::Phase::kOpen && !s->closeSent) {
    if (zend_string* z = deflateWsMessage(d, {ZSTR_VAL(payload), ZSTR_LEN(payload)})) {
      zend_string_release(payload);
      payload = z;
      size_t n =
          protocol::WsFrameWriter::header(opcode, ZSTR_LEN(payload), true, nullptr, header, true);
      SendPiece pieces[2] = {SendPiece{header, n}, pieceOf(payload)};
      Connection::SendResult r = c->conn->send(pieces, 2);
      zend_string_release(payload);
      reportSendResult(c, r, return_value);
      return;
    }
  }
  size_t headerLength =
      protocol::WsFrameWriter::header(opcode, ZSTR_LEN(payload), true, nullptr, header);
  if (s->phase == WebSocketState::Phase::kHandshake) {
    // Queued until the 101 is sent, within maxSendBufferSize (as Workerman does).
    size_t max =
        static_cast<size_t>(slotLong(&c->std, connection_props.maxSendBufferSize, 1048576));
    size_t queued = s->early ? ZSTR_LEN(s->early) : 0;
    if (queued >= max) {
      zend_string_release(payload);
      reportSendResult(c, Connection::SendResult::kBufferFull, return_value);
      return;
    }
    size_t total = queued + headerLength + ZSTR_LEN(payload);
    s->early = s->early ? zend_string_extend(s->early, total, 0) : zend_string_alloc(total, 0);
    std::memcpy(ZSTR_VAL(s->early) + queued, header, headerLength);
    std::memcpy(ZSTR_VAL(s->early) + queued + headerLength, ZSTR_VAL(payload), ZSTR_LEN(payload));
    ZSTR_VAL(s->early)[total] = '\0';
    zend_string_release(payload);
    if (total >= max) callWebSocketBufferFull(c);
    RETURN_NULL();
  }
  if (s->closeSent || s->phase != WebSocketState::Phase::kOpen) {
    // RFC 6455 §5.5.1: nothing follows our close frame.
    zend_string_release(payload);
    RETURN_FALSE;
  }
  SendPiece pieces[2];
  int count = 0;
  pieces[count++] = SendPiece{header, headerLength};
  if (ZSTR_LEN(payload) > 0) pieces[count++] = pieceOf(payload);
  Connection::SendResult r = c->conn->send(pieces, count);
  zend_string_release(payload);
  reportSendResult(c, r, return_value);
}

void noteRawWebSocketSend(ConnectionObject* c, zval* data) {
  WebSocketState* s = webSocketStateOf(c);
  if (s == nullptr || s->phase != WebSocketState::Phase::kOpen) return;
  ZVAL_DEREF(data);
  if (Z_TYPE_P(data) == IS_STRING && Z_STRLEN_P(data) > 0 &&
      static_cast<unsigned char>(Z_STRVAL_P(data)[0]) == (0x80 | protocol::ws::kClose))
    s->closeSent = true;
}

void sendWebSocketClose(ConnectionObject* c, uint16_t code) {
  WebSocketState* s = webSocketStateOf(c);
  if (s == nullptr || s->phase != WebSocketState::Phase::kOpen) return;
  ws_server::sendCloseFrame(c, s, s->closeReceived ? s->peerCloseCode : code, std::string_view());
  s->phase = WebSocketState::Phase::kClosed;
}

void pingWebSocket(ConnectionObject* c) {
  WebSocketState* s = webSocketStateOf(c);
  if (s == nullptr || s->phase != WebSocketState::Phase::kOpen) return;
  ws_server::sendControl(c, s, protocol::ws::kPing, std::string_view());
}

bool webSocketReady(ConnectionObject* c) {
  WebSocketState* s = webSocketStateOf(c);
  return s && s->phase == WebSocketState::Phase::kOpen && !s->closeSent && ws_server::isOpen(c);
}

WsDeflateState* webSocketDeflate(ConnectionObject* c) {
  WebSocketState* s = webSocketStateOf(c);
  if (s == nullptr || !s->deflating) return nullptr;
  if (s->deflate->followType) {
    // Manual mode: compressed only when websocketType has RSV1 ("\xc1", "\xc2").
    zval* type = slot(&c->std, connection_props.websocketType);
    if (Z_TYPE_P(type) != IS_STRING || Z_STRLEN_P(type) == 0 ||
        (static_cast<unsigned char>(Z_STRVAL_P(type)[0]) & 0x40) == 0)
      return nullptr;
  }
  return s->deflate;
}

}  // namespace surge::ext
