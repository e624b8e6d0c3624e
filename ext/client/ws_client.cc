/* The WebSocket client of AsyncTcpConnection (ws://), with Workerman's Ws semantics: the
 * opening handshake with a random key checked against Sec-WebSocket-Accept, masked frames
 * (a fresh random key per frame, not Workerman's all-zero key), unmasked server frames
 * required (1002 otherwise), ping/pong/close callbacks, an optional ping timer, and frames
 * sent before the handshake completes queued behind it. */
#include <stdlib.h>
#include <strings.h>

#include <string>

#include "client/async_tcp_connection.h"
#include "event/event_loop.h"
#include "http/http_classes.h"
#include "protocol/http/http_chars.h"
#include "protocol/websocket/client_handshake.h"
#include "protocol/websocket/frame_parser.h"
#include "protocol/websocket/frame_writer.h"
#include "protocol/websocket/handshake.h"
#include "protocol/websocket/utf8_validator.h"
#include "core/runtime.h"

namespace surge::ext {

struct WsClient {
  bool handshakeDone = false;
  bool closeSent = false;
  std::string key;
  std::string queued;   // whole masked frames waiting for the handshake
  std::string message;  // fragments of a message in progress
  uint8_t messageOpcode = 0;
  std::unique_ptr<Timer> ping;
};

namespace {
uint32_t prop(const char* name) {
  static uint32_t pingInterval = propertyOffset(async_tcp_connection_ce, "websocketPingInterval");
  static uint32_t origin = propertyOffset(async_tcp_connection_ce, "websocketOrigin");
  static uint32_t clientProtocol =
      propertyOffset(async_tcp_connection_ce, "websocketClientProtocol");
  if (name[0] == 'p') return pingInterval;
  if (name[0] == 'o') return origin;
  return clientProtocol;
}

// One frame, masked with a fresh random key, as one string.
zend_string* maskedFrame(uint8_t opcode, std::string_view payload) {
  uint8_t key[4];
  arc4random_buf(key, sizeof key);
  char header[protocol::WsFrameWriter::kMaxHeaderSize];
  size_t h = protocol::WsFrameWriter::header(opcode, payload.size(), true, key, header);
  zend_string* frame = zend_string_alloc(h + payload.size(), 0);
  memcpy(ZSTR_VAL(frame), header, h);
  // An empty payload may have no data at all: memcpy from null is undefined even for 0.
  if (!payload.empty()) memcpy(ZSTR_VAL(frame) + h, payload.data(), payload.size());
  protocol::unmask(ZSTR_VAL(frame) + h, payload.size(), key);
  ZSTR_VAL(frame)[h + payload.size()] = '\0';
  return frame;
}

void sendFrame(ConnectionObject* c, zend_string* frame, zval* return_value) {
  WsClient* ws = wsClientOf(c);
  if (!ws->handshakeDone) {
    ws->queued.append(ZSTR_VAL(frame), ZSTR_LEN(frame));
    zend_string_release(frame);
    if (return_value) RETVAL_NULL();
    return;
  }
  if (c->conn == nullptr || !c->conn->isOpen()) {
    zend_string_release(frame);
    if (return_value) RETVAL_FALSE;
    return;
  }
  SendPiece piece = pieceOf(frame);
  Connection::SendResult r = c->conn->send(&piece, 1);
  zend_string_release(frame);
  if (return_value) reportSendResult(c, r, return_value);
}

void sendControl(ConnectionObject* c, uint8_t opcode, std::string_view payload) {
  sendFrame(c, maskedFrame(opcode, payload), nullptr);
}

void onPingTimer(void* arg) {
  auto* c = static_cast<ConnectionObject*>(arg);
  if (c->conn && c->conn->isOpen()) sendControl(c, protocol::ws::kPing, {});
}

void failAndClose(ConnectionObject* c, uint16_t code) {
  WsClient* ws = wsClientOf(c);
  if (ws->handshakeDone) wsClientSendClose(c, code);
  if (c->conn) c->conn->close();
}

// Acts on a complete 101 answer; false if it is refused (the connection is then closing).
bool finishHandshake(ConnectionObject* c, const protocol::WsHandshakeAnswer& answer) {
  ClientState* s = clientOf(c);
  WsClient* ws = wsClientOf(c);
  // Only what Workerman's client checks: the status and the accept key.
  protocol::WsClientOffer offer;
  offer.key = ws->key;
  protocol::WsAnswerCheck verdict = protocol::WsClientHandshake::check(answer, offer);
  if (!verdict.ok()) {
    std::string why = verdict.problem == protocol::WsAnswerProblem::kStatus
                          ? "WebSocket handshake refused: " + answer.statusLine
                          : std::string(verdict.reason);
    clientError(c, 1, why);
    if (c->conn) c->conn->close();
    return false;
  }
  const int status = answer.statusCode;
  // Name => value as sent; a repeated name keeps its last value.
  zval headers;
  array_init(&headers);
  for (const protocol::WsAnswerField& f : answer.fields)
    add_assoc_stringl_ex(&headers, f.name.data(), f.name.size(), f.value.data(), f.value.size());
  ws->handshakeDone = true;
  // onWebSocketConnect($connection, Response) with the 101's status and headers.
  zval response, zstatus;
  object_init_ex(&response, response_ce);
  ZVAL_LONG(&zstatus, status);
  zend_call_known_instance_method_with_2_params(response_ce->constructor, Z_OBJ(response), nullptr,
                                                &zstatus, &headers);
  zval_ptr_dtor(&headers);
  if (!EG(exception))
    callClientCallback(c, connection_props.onWebSocketConnect, &s->onWebSocketConnect,
                       "onWebSocketConnect", 1, &response);
  else
    reportPendingException(CallSite{"onWebSocketConnect", nullptr, 0});
  zval_ptr_dtor(&response);
  if (c->conn == nullptr || !c->conn->isOpen()) return false;
  double interval = zval_get_double(slot(&c->std, prop("ping")));
  if (interval > 0) {
    if (!ws->ping) ws->ping = std::make_unique<Timer>(*runtime::loop(), onPingTimer, c);
    ws->ping->start(interval, true);
  }
  if (!ws->queued.empty()) {
    std::string queued;
    queued.swap(ws->queued);
    Connection::SendResult r = c->conn->send(queued);
    if (r == Connection::SendResult::kPeerGone) c->conn->destroy();
  }
  return c->conn && c->conn->isOpen();
}

// One complete frame (payload unmasked by the server: it is sent in the clear).
void handleFrame(ConnectionObject* c, const protocol::WsFrameHeader& h, std::string_view payload) {
  ClientState* s = clientOf(c);
  WsClient* ws = wsClientOf(c);
  switch (h.opcode) {
    case protocol::ws::kPing: {
      zval* cb = slot(&c->std, connection_props.onWebSocketPing);
      if (Z_TYPE_P(cb) > IS_NULL) {
        zval data;
        ZVAL_STRINGL(&data, payload.data(), payload.size());
        callClientCallback(c, connection_props.onWebSocketPing, &s->onWebSocketPing,
                           "onWebSocketPing", 1, &data);
        zval_ptr_dtor(&data);
      } else {
        sendControl(c, protocol::ws::kPong, payload);
      }
      return;
    }
    case protocol::ws::kPong: {
      zval data;
      ZVAL_STRINGL(&data, payload.data(), payload.size());
      callClientCallback(c, connection_props.onWebSocketPong, &s->onWebSocketPong,
                         "onWebSocketPong", 1, &data);
      zval_ptr_dtor(&data);
      return;
    }
    case protocol::ws::kClose: {
      protocol::WsClosePayload p = protocol::WsFrameWriter::parseClosePayload(payload);
      zval extra[2];
      ZVAL_LONG(&extra[0], p.ok() ? p.code : p.closeCode);
      ZVAL_STRINGL(&extra[1], p.reason.data(), p.ok() ? p.reason.size() : 0);
      callClientCallback(c, connection_props.onWebSocketClose, &s->onWebSocketClose,
                         "onWebSocketClose", 2, extra);
      zval_ptr_dtor(&extra[1]);
      // Echo the code (RFC 6455 §5.5.1), then close.
      uint16_t code =
          !p.ok() ? p.closeCode
                  : (p.code == protocol::ws::kCloseNoStatus ? protocol::ws::kCloseNormal : p.code);
      wsClientSendClose(c, code);
      if (c->conn) c->conn->close();
      return;
    }
    default:
      break;
  }
  if (h.opcode != protocol::ws::kContinuation) {
    if (ws->messageOpcode != 0) {
      failAndClose(c, protocol::ws::kCloseProtocolError);
      return;
    }
    ws->messageOpcode = h.opcode;
  } else if (ws->messageOpcode == 0) {
    failAndClose(c, protocol::ws::kCloseProtocolError);
    return;
  }
  size_t max = static_cast<size_t>(slotLong(&c->std, connection_props.maxPackageSize, 10485760));
  if (ws->message.size() + payload.size() > max) {
    failAndClose(c, protocol::ws::kCloseTooBig);
    return;
  }
  if (!h.fin) {
    ws->message.append(payload);
    return;
  }
  zval message;
  if (ws->message.empty()) {
    ZVAL_STRINGL_FAST(&message, payload.data(), payload.size());
  } else {
    ws->message.append(payload);
    ZVAL_STRINGL(&message, ws->message.data(), ws->message.size());
    ws->message.clear();
    ws->message.shrink_to_fit();
  }
  // A text message must be UTF-8 (RFC 6455 §8.1): the same rule the server enforces.
  if (ws->messageOpcode == protocol::ws::kText &&
      !protocol::Utf8Validator::isValid({Z_STRVAL(message), Z_STRLEN(message)})) {
    zval_ptr_dtor(&message);
    ws->messageOpcode = 0;
    failAndClose(c, protocol::ws::kCloseInvalidPayload);
    return;
  }
  ws->messageOpcode = 0;
  clientDeliver(c, &message);
  zval_ptr_dtor(&message);
}
}  // namespace

WsClient* newWsClient() {
  return new WsClient();
}

void freeWsClient(WsClient* ws) {
  delete ws;
}

void resetWsClient(ConnectionObject* c) {
  WsClient* ws = wsClientOf(c);
  if (ws->ping) ws->ping->stop();
  ws->handshakeDone = false;
  ws->closeSent = false;
  ws->key.clear();
  ws->queued.clear();
  ws->message.clear();
  ws->messageOpcode = 0;
}

void startWsClient(ConnectionObject* c) {
  ClientState* s = clientOf(c);
  WsClient* ws = wsClientOf(c);
  uint8_t raw[16];
  arc4random_buf(raw, sizeof raw);
  ws->key = protocol::WsHandshake::base64(raw, sizeof raw);
  std::string host = s->host;
  if (s->port != 80 && s->port != 443) host += ":" + std::to_string(s->port);
  std::string request = "GET " + s->target + " HTTP/1.1\r\n";
  zval* headers = slot(&c->std, connection_props.headers);
  bool userHost = false;
  std::string extra;
  if (Z_TYPE_P(headers) == IS_ARRAY) {
    zend_string* name;
    zval* value;
    ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL_P(headers), name, value) {
      if (name == nullptr) continue;
      zend_string* v = zval_get_string(value);
      // A header value may not break the request into more lines.
      std::string line = std::string(ZSTR_VAL(name), ZSTR_LEN(name)) + ": " +
                         std::string(ZSTR_VAL(v), ZSTR_LEN(v));
      zend_string_release(v);
      if (line.find_first_of("\r\n") != std::string::npos) continue;
      if (protocol::httpEqualsIgnoreCase({ZSTR_VAL(name), ZSTR_LEN(name)}, "host")) userHost = true;
      extra += line + "\r\n";
    }
    ZEND_HASH_FOREACH_END();
  }
  if (!userHost) request += "Host: " + host + "\r\n";
  request +=
      "Connection: Upgrade\r\n"
      "Upgrade: websocket\r\n";
  zval* origin = slot(&c->std, prop("origin"));
  if (Z_TYPE_P(origin) == IS_STRING && Z_STRLEN_P(origin) > 0)
    request += "Origin: " + std::string(Z_STRVAL_P(origin), Z_STRLEN_P(origin)) + "\r\n";
  zval* sub = slot(&c->std, prop("clientProtocol"));
  if (Z_TYPE_P(sub) == IS_STRING && Z_STRLEN_P(sub) > 0)
    request += "Sec-WebSocket-Protocol: " + std::string(Z_STRVAL_P(sub), Z_STRLEN_P(sub)) + "\r\n";
  request += "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + ws->key + "\r\n" + extra + "\r\n";
  Connection::SendResult r = c->conn->send(request);
  if (r == Connection::SendResult::kPeerGone) c->conn->destroy();
}

size_t wsClientData(ConnectionObject* c, std::string_view data) {
  WsClient* ws = wsClientOf(c);
  size_t pos = 0;
  if (!ws->handshakeDone) {
    protocol::WsHandshakeAnswer answer;
    switch (protocol::WsClientHandshake::parse(data, &answer)) {
      case protocol::WsAnswerStatus::kNeedMore:
        return 0;
      case protocol::WsAnswerStatus::kError:
        if (answer.tooLarge) {
          clientError(c, 1, "WebSocket handshake answer too large");
          c->conn->destroy();
        } else {
          clientError(c, 1,
                      answer.statusCode == 0
                          ? "WebSocket handshake refused: " + answer.statusLine
                          : std::string("WebSocket handshake answer malformed: ") + answer.reason);
          c->conn->close();
        }
        return data.size();
      case protocol::WsAnswerStatus::kComplete:
        break;
    }
    pos = answer.length;
    if (!finishHandshake(c, answer)) return data.size();
  }
  protocol::WsFrameParserOptions options;
  options.requireMask = false;
  options.maxPayload =
      static_cast<uint64_t>(slotLong(&c->std, connection_props.maxPackageSize, 10485760));
  while (pos < data.size() && c->conn && c->conn->isOpen() && !c->conn->readingPaused() &&
         !runtime::exiting()) {
    std::string_view rest = data.substr(pos);
    protocol::WsParseResult r = protocol::WsFrameParser::parse(rest, options);
    if (r.status == protocol::WsParseStatus::kError) {
      failAndClose(c, r.closeCode);
      return data.size();
    }
    if (!r.frameComplete(rest.size())) break;
    pos += r.totalLength;
    handleFrame(c, r.header, rest.substr(r.header.headerLength, r.header.payloadLength));
  }
  return pos;
}

void wsClientSend(ConnectionObject* c, zval* data, zval* return_value) {
  zend_string* payload = zval_try_get_string(data);
  if (payload == nullptr) return;
  zval* type = slot(&c->std, connection_props.websocketType);
  uint8_t opcode = Z_TYPE_P(type) == IS_STRING && Z_STRLEN_P(type) == 1 &&
                           static_cast<uint8_t>(Z_STRVAL_P(type)[0]) == 0x82
                       ? protocol::ws::kBinary
                       : protocol::ws::kText;
  zend_string* frame = maskedFrame(opcode, std::string_view(ZSTR_VAL(payload), ZSTR_LEN(payload)));
  zend_string_release(payload);
  sendFrame(c, frame, return_value);
}

void wsClientSendClose(ConnectionObject* c, uint16_t code) {
  WsClient* ws = wsClientOf(c);
  if (!ws->handshakeDone || ws->closeSent || c->conn == nullptr || !c->conn->isOpen()) return;
  ws->closeSent = true;
  char payload[protocol::ws::kMaxControlPayload];
  size_t n = protocol::WsFrameWriter::closePayload(code, {}, payload);
  sendControl(c, protocol::ws::kClose, std::string_view(payload, n));
}

}  // namespace surge::ext
