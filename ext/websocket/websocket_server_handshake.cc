/* The opening handshake of a `websocket://` connection (RFC 6455 §4.2): the upgrade request
 * read natively (refused with 400/426 without PHP when it is not one), onWebSocketConnect
 * (which may refuse it), the 101 answer with the application's header lines and
 * permessage-deflate when agreed, the frames sent meanwhile right behind it, then
 * onWebSocketConnected. */
#include <string>

#include "http/http_classes.h"
#include "protocol/http/request_parser.h"
#include "protocol/websocket/handshake_request.h"
#include "core/protocol_errors.h"
#include "core/connection_liveness.h"
#include "core/runtime.h"
#include "websocket/websocket_connection_state.h"
#include "websocket/websocket_deflate.h"

namespace surge::ext {
namespace ws_server {

namespace {

protocol::HttpRequestHead g_head;  // reused by every handshake: parsing never nests

// Refuses a handshake without PHP: an HTTP answer, then FIN and linger.
void refuseHandshake(ConnectionObject* c, WebSocketState* s, int status, std::string_view why) {
  s->phase = WebSocketState::Phase::kClosed;
  if (status != 500) protocol_errors::count();  // 500: our own failure, not the peer's
  if (!isOpen(c)) return;
  c->conn->send(protocol::WsHandshakeRequest::refusal(status, why));
  if (c->conn) c->conn->end(lingerOf(c));
}

// `$connection->headers` as lines of the 101 answer: "Name: value" strings (Workerman's
// form) or name => value / name => [values]. Anything that could split the answer is
// skipped.
void appendHeaderLines(ConnectionObject* c, std::string* out) {
  zval* headers = slot(&c->std, connection_props.headers);
  if (Z_TYPE_P(headers) != IS_ARRAY) return;
  zend_string* key;
  zval* value;
  ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL_P(headers), key, value) {
    ZVAL_DEREF(value);
    if (key == nullptr) {
      if (Z_TYPE_P(value) == IS_STRING)
        protocol::WsHandshakeRequest::appendHeaderLine({Z_STRVAL_P(value), Z_STRLEN_P(value)}, out);
      continue;
    }
    std::string_view name(ZSTR_VAL(key), ZSTR_LEN(key));
    auto one = [&](zval* v) {
      ZVAL_DEREF(v);
      if (Z_TYPE_P(v) == IS_ARRAY || Z_TYPE_P(v) == IS_OBJECT) return;
      zend_string* text = zval_get_string(v);
      protocol::WsHandshakeRequest::appendHeader(name, {ZSTR_VAL(text), ZSTR_LEN(text)}, out);
      zend_string_release(text);
    };
    if (Z_TYPE_P(value) == IS_ARRAY) {
      zval* item;
      ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(value), item) {
        one(item);
      }
      ZEND_HASH_FOREACH_END();
    } else {
      one(value);
    }
  }
  ZEND_HASH_FOREACH_END();
}

// Text ("\x81", Workerman's default) unless the application chose a websocketType.
void setDefaultType(ConnectionObject* c) {
  zval* type = slot(&c->std, connection_props.websocketType);
  if (Z_TYPE_P(type) == IS_STRING && Z_STRLEN_P(type) > 0) return;
  zval blob;
  ZVAL_INTERNED_STR(&blob, ZSTR_CHAR(0x81));
  setSlot(&c->std, connection_props.websocketType, &blob);
}

// permessage-deflate for this connection, if any. When the application wrote its own
// Sec-WebSocket-Extensions line in `$connection->headers` (`appLines`; Workerman's manual
// mode), that answer is what the client sees, so its parameters are the ones used;
// otherwise, with $worker->websocketCompression on, the client's first acceptable offer
// is accepted and the answer line added to `answer`.
WsDeflateState* agreeDeflate(ConnectionObject* c, std::string_view offers,
                             std::string_view appLines, std::string* answer) {
  if (c->worker == nullptr) return nullptr;
  protocol::WsDeflateParams agreed;
  std::string_view own =
      protocol::WsHandshakeRequest::lineValue(appLines, "sec-websocket-extensions");
  if (own.data() != nullptr) {
    if (!protocol::WsDeflateNegotiation::parseResponse(own, &agreed)) return nullptr;
    WsDeflateSettings settings = deflateSettingsOf(c->worker);
    auto* d = new WsDeflateState(agreed, settings);
    // Workerman compresses what is sent with a *_DEFLATE websocketType, all of it.
    d->followType = true;
    if (!settings.enabled) d->threshold = 0;
    return d;
  }
  WsDeflateSettings settings = deflateSettingsOf(c->worker);
  if (!settings.enabled) return nullptr;
  if (offers.empty() ||
      !protocol::WsDeflateNegotiation::negotiate(offers, settings.negotiation, &agreed))
    return nullptr;
  answer->append("Sec-WebSocket-Extensions: ").append(agreed.responseValue()).append("\r\n");
  return new WsDeflateState(agreed, settings);
}

}  // namespace

// Reads the opening handshake at the front of `data`; returns the bytes it used (all of
// them when the connection is refused or closed).
size_t handshake(ConnectionObject* c, WorkerObject* w, WebSocketState* s, std::string_view data) {
  protocol::WsRequestCheck check = protocol::WsHandshakeRequest::read(data, &g_head);
  if (check.refused()) {
    refuseHandshake(c, s, check.status, check.reason);
    return data.size();
  }
  if (!check.accepted()) return 0;
  const size_t used = check.length;
  // Read now: the callbacks below may run code that parses another request head.
  const std::string key(g_head.header("sec-websocket-key"));
  const std::string offers = protocol::WsHandshakeRequest::extensionOffers(g_head);

  zend_string* buffer = zend_string_init(data.data(), used, 0);
  zval request;
  bool made = newHttpRequest(&request, buffer, &c->std);
  zend_string_release(buffer);
  if (!made) {
    // The application's request class threw in its constructor.
    reportPendingException(siteOf(c, "Request constructor"));
    refuseHandshake(c, s, 500, "the request class failed");
    return data.size();
  }
  zval* onConnect =
      callbackOf(c, connection_props.onWebSocketConnect, worker_props.onWebSocketConnect);
  if (Z_TYPE_P(onConnect) > IS_NULL) {
    zval extra;
    ZVAL_COPY(&extra, &request);
    CallOutcome outcome =
        callWith(c, onConnect, &w->native->onWebSocketConnect, "onWebSocketConnect", &extra, 1);
    if (outcome != CallOutcome::kOk) {
      if (outcome == CallOutcome::kThrew && webSocketStateOf(c) == s &&
          s->phase == WebSocketState::Phase::kHandshake)
        refuseHandshake(c, s, 500, "onWebSocketConnect failed");
      zval_ptr_dtor(&request);
      return data.size();
    }
  }
  // Closed (refused) by the application, or closed under it.
  if (!isOpen(c) || webSocketStateOf(c) != s || s->phase != WebSocketState::Phase::kHandshake) {
    zval_ptr_dtor(&request);
    return data.size();
  }
  setDefaultType(c);

  std::string answer;
  protocol::WsHandshakeRequest::appendAcceptHead(key, &answer);
  const size_t ownLines = answer.size();
  appendHeaderLines(c, &answer);
  WsDeflateState* deflate =
      agreeDeflate(c, offers, std::string_view(answer).substr(ownLines), &answer);
  answer.append("\r\n");
  // The header lines belonged to this answer only.
  zval empty;
  ZVAL_EMPTY_ARRAY(&empty);
  setSlot(&c->std, connection_props.headers, &empty);

  s->phase = WebSocketState::Phase::kOpen;
  startLiveness(c);
  // Frames sent before the handshake completed leave right behind the 101, in the order
  // they were sent, in the same write.
  SendPiece pieces[2];
  int count = 0;
  pieces[count++] = SendPiece{answer.data(), answer.size()};
  zend_string* early = s->early;
  s->early = nullptr;
  if (early) pieces[count++] = pieceOf(early);
  if (deflate) {
    s->deflate = deflate;
    s->deflating = true;
  }
  Connection::SendResult r = c->conn->send(pieces, count);
  if (early) zend_string_release(early);
  handleSendResult(c, r);

  zval* onConnected =
      callbackOf(c, connection_props.onWebSocketConnected, worker_props.onWebSocketConnected);
  if (isOpen(c) && Z_TYPE_P(onConnected) > IS_NULL) {
    zval extra;
    ZVAL_COPY(&extra, &request);
    CallOutcome outcome = callWith(c, onConnected, &w->native->onWebSocketConnected,
                                   "onWebSocketConnected", &extra, 1);
    if (outcome == CallOutcome::kThrew && webSocketStateOf(c) == s)
      failClose(c, s, 1011, "internal error");
  }
  zval_ptr_dtor(&request);
  return used;
}

}  // namespace ws_server

void handshakeTimedOut(ConnectionObject* c) {
  if (!ws_server::isOpen(c)) return;
  if (c->conn->pendingInput() == 0) {
    c->conn->destroy();
    return;
  }
  WebSocketState* s = ws_server::stateOf(c);
  ws_server::refuseHandshake(c, s, 408, "the handshake did not arrive in time");
  // A peer that does not read the answer is closed one period later at the latest.
  if (c->conn && c->conn->state() != Connection::State::kClosed)
    c->conn->setTimeout(workerFrom(c->worker)->native->timeouts.headerMs,
                        Connection::TimeoutMode::kOnce);
}

void acceptWebSocket(ConnectionObject* c) {
  const ConnectionProps& p = connection_props;
  zend_object* worker = c->worker;
  setSlot(&c->std, p.onWebSocketConnect, slot(worker, worker_props.onWebSocketConnect));
  setSlot(&c->std, p.onWebSocketConnected, slot(worker, worker_props.onWebSocketConnected));
  setSlot(&c->std, p.onWebSocketClose, slot(worker, worker_props.onWebSocketClose));
  setSlot(&c->std, p.onWebSocketPing, slot(worker, worker_props.onWebSocketPing));
  setSlot(&c->std, p.onWebSocketPong, slot(worker, worker_props.onWebSocketPong));
  ws_server::setDefaultType(c);
}

}  // namespace surge::ext
