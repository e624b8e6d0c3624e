/* The WebSocket side of a `websocket://` worker's connections (RFC 6455): the opening
 * handshake, frames in (unmasked, reassembled, validated) and out, control frames and the
 * close handshake. */
#include "websocket_server.h"

#include <cstring>
#include <string>

#include "callable.h"
#include "connection_object.h"
#include "http_classes.h"
#include "net/connection.h"
#include "protocol/http/request_parser.h"
#include "protocol/websocket/frame_parser.h"
#include "protocol/websocket/frame_writer.h"
#include "protocol/websocket/handshake_request.h"
#include "protocol/websocket/message_assembler.h"
#include "protocol/websocket/utf8_validator.h"
#include "runtime.h"
#include "websocket_deflate.h"
#include "worker_object.h"

extern "C" {
#include "ext/json/php_json.h"
#include "zend_smart_str.h"
}

namespace surge::ext {

namespace {
// A data message that did not arrive whole in one read: fragmented, or a frame still
// arriving. It exists only meanwhile, so an idle connection carries none of it.
struct WsPartialMessage {
  protocol::WsMessageAssembler assembler;
  protocol::WsFrameHeader frame;  // the data frame whose payload is arriving
  uint64_t frameDone = 0;         // payload bytes of `frame` read so far
  bool inFrame = false;           // its header is read, its payload is arriving
  // The message collected so far; its allocated length is the capacity, messageLength
  // bytes are filled.
  zend_string* message = nullptr;
  size_t messageLength = 0;

  explicit WsPartialMessage(const protocol::WsMessageAssembler& state) : assembler(state) {}
  ~WsPartialMessage() {
    if (message) zend_string_release(message);
  }
  WsPartialMessage(const WsPartialMessage&) = delete;
  WsPartialMessage& operator=(const WsPartialMessage&) = delete;
};
}  // namespace

struct WebSocketState {
  enum class Phase : uint8_t {
    kHandshake,  // waiting for the opening handshake; sends are queued in `early`
    kOpen,       // frames flow both ways
    kClosed,     // a close was decided: input is dropped, nothing more is sent
  };
  Phase phase = Phase::kHandshake;
  bool closeSent = false;      // our close frame went out: no data frame may follow it
  bool closeReceived = false;  // the peer's close frame arrived
  bool deflating = false;      // permessage-deflate was agreed: `deflate` is set
  uint16_t peerCloseCode = 0;  // the code of the peer's close (1005: none), echoed
  // One field for two lives, so that the state stays 24 bytes for every connection: frames
  // queued before the handshake completes are sent with the 101, and only then can the
  // compression state (of connections that agreed to it) exist.
  union {
    zend_string* early = nullptr;  // !deflating: frames sent before the handshake completed
    WsDeflateState* deflate;       // deflating: the connection's zlib streams
  };
  WsPartialMessage* partial = nullptr;  // a data message in progress, if any
};

namespace {

WebSocketState* stateOf(ConnectionObject* c) {
  if (c->ws == nullptr) c->ws = new WebSocketState();
  return c->ws;
}

bool isOpen(ConnectionObject* c) {
  return c->conn && c->conn->isOpen();
}

double lingerOf(ConnectionObject* c) {
  return zval_get_double(slot(&c->std, connection_props.lingerTimeout));
}

CallSite siteOf(ConnectionObject* c, const char* callback) {
  return CallSite{callback, c->worker, slotLong(&c->std, connection_props.id, 0)};
}

// The connection's own callback if set, else the worker's (Workerman looks both up).
zval* callbackOf(ConnectionObject* c, uint32_t connectionSlot, uint32_t workerSlot) {
  zval* cb = slot(&c->std, connectionSlot);
  if (Z_TYPE_P(cb) > IS_NULL || c->worker == nullptr) return cb;
  return slot(c->worker, workerSlot);
}

// Calls `cb` with the connection and up to two more arguments (taken over).
CallOutcome callWith(ConnectionObject* c, zval* cb, CallableCache* cache, const char* name,
                     zval* extra, uint32_t extraCount) {
  zval args[3];
  ZVAL_OBJ(&args[0], &c->std);
  for (uint32_t i = 0; i < extraCount; ++i) ZVAL_COPY_VALUE(&args[1 + i], &extra[i]);
  CallOutcome outcome = callCallback(cb, cache, 1 + extraCount, args, siteOf(c, name));
  for (uint32_t i = 0; i < extraCount; ++i) zval_ptr_dtor(&extra[i]);
  return outcome;
}

void dropMessage(WebSocketState* s) {
  delete s->partial;
  s->partial = nullptr;
}

// --- the opening handshake ------------------------------------------------------------

protocol::HttpRequestHead g_head;  // reused by every handshake: parsing never nests

// Refuses a handshake without PHP: an HTTP answer, then FIN and linger.
void refuseHandshake(ConnectionObject* c, WebSocketState* s, int status, std::string_view why) {
  s->phase = WebSocketState::Phase::kClosed;
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

void handleSendResult(ConnectionObject* c, Connection::SendResult r) {
  if (r == Connection::SendResult::kPeerGone && c->conn) c->conn->destroy();
}

void setDefaultType(ConnectionObject* c) {
  zval* type = slot(&c->std, connection_props.websocketType);
  if (Z_TYPE_P(type) == IS_STRING && Z_STRLEN_P(type) > 0) return;
  zval blob;
  ZVAL_INTERNED_STR(&blob, ZSTR_CHAR(0x81));
  setSlot(&c->std, connection_props.websocketType, &blob);
}

void failClose(ConnectionObject* c, WebSocketState* s, uint16_t code, const char* reason);

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
      if (outcome == CallOutcome::kThrew && c->ws == s &&
          s->phase == WebSocketState::Phase::kHandshake)
        refuseHandshake(c, s, 500, "onWebSocketConnect failed");
      zval_ptr_dtor(&request);
      return data.size();
    }
  }
  // Closed (refused) by the application, or closed under it.
  if (!isOpen(c) || c->ws != s || s->phase != WebSocketState::Phase::kHandshake) {
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
    if (outcome == CallOutcome::kThrew && c->ws == s) failClose(c, s, 1011, "internal error");
  }
  zval_ptr_dtor(&request);
  return used;
}

// --- frames -------------------------------------------------------------------------------

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
  std::memcpy(frame + 2, payload.data(), payload.size());
  // A full send buffer drops the pong (the peer pings again); it is no reason to report.
  handleSendResult(c, c->conn->send(std::string_view(frame, 2 + payload.size())));
}

// onMessage with one whole message (the reference to `message` is taken over).
void dispatchWs(ConnectionObject* c, WorkerObject* w, WebSocketState* s, zend_string* message) {
  zval value;
  ZVAL_STR(&value, message);
  CallOutcome outcome = dispatchMessage(c, w, &value);
  zval_ptr_dtor(&value);
  // An exception closes this connection only, with "internal error".
  if (outcome == CallOutcome::kThrew && c->ws == s && s->phase == WebSocketState::Phase::kOpen)
    failClose(c, s, 1011, "internal error");
}

// A whole data message as received (the reference to `message` is taken over): inflated
// first if it came compressed, then checked as UTF-8 if text (compressed text could not be
// checked on the way in), then to onMessage.
void dispatchData(ConnectionObject* c, WorkerObject* w, WebSocketState* s, uint8_t opcode,
                  bool compressed, uint64_t limit, zend_string* message) {
  if (compressed && s->deflating) {
    uint16_t code = 0;
    const char* reason = nullptr;
    zend_string* inflated =
        inflateWsMessage(s->deflate, std::string_view(ZSTR_VAL(message), ZSTR_LEN(message)),
                         static_cast<size_t>(limit), &code, &reason);
    zend_string_release(message);
    if (inflated == nullptr) {
      failClose(c, s, code, reason);
      return;
    }
    message = inflated;
    if (opcode == protocol::ws::kText &&
        !protocol::Utf8Validator::isValid(std::string_view(ZSTR_VAL(message), ZSTR_LEN(message)))) {
      zend_string_release(message);
      failClose(c, s, protocol::ws::kCloseInvalidPayload, "invalid UTF-8 in text message");
      return;
    }
  }
  dispatchWs(c, w, s, message);
}

void handleClose(ConnectionObject* c, WorkerObject* w, WebSocketState* s,
                 std::string_view payload) {
  protocol::WsClosePayload close = protocol::WsFrameWriter::parseClosePayload(payload);
  if (!close.ok()) {
    failClose(c, s, close.closeCode, close.error);
    return;
  }
  s->closeReceived = true;
  s->peerCloseCode = close.code;
  zval* cb = callbackOf(c, connection_props.onWebSocketClose, worker_props.onWebSocketClose);
  if (Z_TYPE_P(cb) > IS_NULL) {
    zval extra[2];
    ZVAL_LONG(&extra[0], close.code);
    ZVAL_STRINGL(&extra[1], close.reason.data(), close.reason.size());
    if (callWith(c, cb, &w->native->onWebSocketClose, "onWebSocketClose", extra, 2) ==
        CallOutcome::kExiting)
      return;
  }
  if (c->ws != s) return;
  // The close handshake: our close echoes the peer's code (an empty close is answered
  // with an empty one), unless the callback already closed.
  sendCloseFrame(c, s, close.code, std::string_view());
  s->phase = WebSocketState::Phase::kClosed;
  dropMessage(s);
  if (isOpen(c)) c->conn->end(lingerOf(c));
}

void handleControl(ConnectionObject* c, WorkerObject* w, WebSocketState* s, uint8_t opcode,
                   std::string_view payload) {
  if (opcode == protocol::ws::kClose) {
    handleClose(c, w, s, payload);
    return;
  }
  bool ping = opcode == protocol::ws::kPing;
  zval* cb = ping ? callbackOf(c, connection_props.onWebSocketPing, worker_props.onWebSocketPing)
                  : callbackOf(c, connection_props.onWebSocketPong, worker_props.onWebSocketPong);
  if (Z_TYPE_P(cb) > IS_NULL) {
    zval extra;
    ZVAL_STRINGL_FAST(&extra, payload.data(), payload.size());
    CallOutcome outcome =
        callWith(c, cb, ping ? &w->native->onWebSocketPing : &w->native->onWebSocketPong,
                 ping ? "onWebSocketPing" : "onWebSocketPong", &extra, 1);
    if (outcome == CallOutcome::kThrew && c->ws == s && s->phase == WebSocketState::Phase::kOpen)
      failClose(c, s, 1011, "internal error");
    return;
  }
  if (ping) sendControl(c, s, protocol::ws::kPong, payload);
}

// Appends payload bytes of the current data frame to the message being collected,
// unmasking and validating them on the way. False after a protocol error (closed).
bool appendPayload(ConnectionObject* c, WebSocketState* s, std::string_view chunk) {
  WsPartialMessage* p = s->partial;
  const size_t need = p->messageLength + chunk.size();
  size_t capacity = p->message ? ZSTR_LEN(p->message) : 0;
  if (need > capacity) {
    // Grow geometrically, but never beyond what the frames announced so far: a peer that
    // announces a large frame and sends it slowly gets memory as its bytes arrive.
    size_t announced = static_cast<size_t>(p->assembler.messageSize());
    size_t grown = capacity * 2 > 4096 ? capacity * 2 : 4096;
    if (grown < need) grown = need;
    if (grown > announced) grown = announced;
    p->message =
        p->message ? zend_string_realloc(p->message, grown, 0) : zend_string_alloc(grown, 0);
  }
  char* dst = ZSTR_VAL(p->message) + p->messageLength;
  std::memcpy(dst, chunk.data(), chunk.size());
  protocol::unmask(dst, chunk.size(), p->frame.maskKey, static_cast<size_t>(p->frameDone));
  protocol::WsAssembleResult a = p->assembler.onPayload(std::string_view(dst, chunk.size()));
  if (!a.ok()) {
    failClose(c, s, a.closeCode, a.reason);
    return false;
  }
  p->messageLength = need;
  p->frameDone += chunk.size();
  return true;
}

// The collected message, whole: its string is handed over and the partial state freed.
zend_string* takeMessage(WebSocketState* s) {
  WsPartialMessage* p = s->partial;
  zend_string* m = p->message;
  p->message = nullptr;
  if (m == nullptr) {
    m = ZSTR_EMPTY_ALLOC();
  } else {
    if (ZSTR_LEN(m) != p->messageLength) m = zend_string_truncate(m, p->messageLength, 0);
    ZSTR_VAL(m)[p->messageLength] = '\0';
  }
  dropMessage(s);
  return m;
}

size_t deliverFrames(ConnectionObject* c, WorkerObject* w, WebSocketState* s, std::string_view data,
                     size_t pos) {
  const auto maxPackage =
      static_cast<uint64_t>(slotLong(&c->std, connection_props.maxPackageSize, 10485760));
  protocol::WsFrameParserOptions options;
  options.maxPayload = maxPackage;
  options.allowRsv1 = s->deflating;
  if (s->partial) s->partial->assembler.setMaxMessageSize(maxPackage);
  // Between messages the assembler is in its initial state: a message that arrives whole
  // goes through this one and needs no per-connection state.
  protocol::WsMessageAssembler fresh(maxPackage);
  bool corked = false;
  // More bytes behind the current message (pipelining): gather the answers into one write.
  auto corkIfMore = [&] {
    if (!corked && pos < data.size() && isOpen(c)) {
      c->conn->cork();
      corked = true;
    }
  };
  while (pos < data.size() && canDeliverTo(c) && c->ws == s &&
         s->phase == WebSocketState::Phase::kOpen) {
    std::string_view rest = data.substr(pos);
    if (s->partial && s->partial->inFrame) {
      WsPartialMessage* p = s->partial;
      uint64_t left = p->frame.payloadLength - p->frameDone;
      size_t take = rest.size() < left ? rest.size() : static_cast<size_t>(left);
      if (!appendPayload(c, s, rest.substr(0, take))) break;
      pos += take;
      if (p->frameDone < p->frame.payloadLength) continue;
      p->inFrame = false;
      if (!p->frame.fin) continue;
      corkIfMore();
      // Read before takeMessage() frees the partial state (argument order is unspecified).
      uint8_t opcode = p->assembler.messageOpcode();
      bool compressed = p->assembler.compressed();
      dispatchData(c, w, s, opcode, compressed, maxPackage, takeMessage(s));
      continue;
    }
    protocol::WsParseResult r = protocol::WsFrameParser::parse(rest, options);
    if (r.status == protocol::WsParseStatus::kError) {
      failClose(c, s, r.closeCode, r.reason);
      break;
    }
    if (r.status == protocol::WsParseStatus::kNeedMore) break;
    const protocol::WsFrameHeader& h = r.header;
    if (protocol::ws::isControl(h.opcode)) {
      // At most 125 bytes: handled once whole, never collected.
      if (!r.frameComplete(rest.size())) break;
      char payload[protocol::ws::kMaxControlPayload];
      const auto length = static_cast<size_t>(h.payloadLength);
      std::memcpy(payload, rest.data() + h.headerLength, length);
      protocol::unmask(payload, length, h.maskKey);
      pos += static_cast<size_t>(r.totalLength);
      corkIfMore();
      handleControl(c, w, s, h.opcode, std::string_view(payload, length));
      continue;
    }
    protocol::WsMessageAssembler& assembler = s->partial ? s->partial->assembler : fresh;
    protocol::WsAssembleResult a = assembler.onFrame(h);
    if (!a.ok()) {
      failClose(c, s, a.closeCode, a.reason);
      break;
    }
    if (a.messageStart && a.messageEnd && r.frameComplete(rest.size())) {
      // The common case, a whole unfragmented message in the buffer: one string, one copy.
      const auto length = static_cast<size_t>(h.payloadLength);
      zend_string* message = length == 0 ? ZSTR_EMPTY_ALLOC() : zend_string_alloc(length, 0);
      if (length > 0) {
        std::memcpy(ZSTR_VAL(message), rest.data() + h.headerLength, length);
        ZSTR_VAL(message)[length] = '\0';
        protocol::unmask(ZSTR_VAL(message), length, h.maskKey);
      }
      protocol::WsAssembleResult p =
          assembler.onPayload(std::string_view(ZSTR_VAL(message), length));
      if (!p.ok()) {
        zend_string_release(message);
        failClose(c, s, p.closeCode, p.reason);
        break;
      }
      pos += static_cast<size_t>(r.totalLength);
      corkIfMore();
      dispatchData(c, w, s, h.opcode, h.rsv1, maxPackage, message);
      continue;
    }
    // A fragment, or a frame still arriving: its payload is collected as it comes.
    if (s->partial == nullptr) {
      s->partial = new WsPartialMessage(fresh);
      fresh.reset();
    }
    WsPartialMessage* p = s->partial;
    pos += h.headerLength;
    p->frame = h;
    p->frameDone = 0;
    p->inFrame = h.payloadLength > 0;
    if (!p->inFrame && h.fin) {
      corkIfMore();
      uint8_t opcode = p->assembler.messageOpcode();
      bool compressed = p->assembler.compressed();
      dispatchData(c, w, s, opcode, compressed, maxPackage, takeMessage(s));
    }
  }
  if (corked && c->conn) c->conn->uncork();
  if (c->ws != s || s->phase != WebSocketState::Phase::kOpen) return data.size();
  return pos;
}

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

void acceptWebSocket(ConnectionObject* c) {
  const ConnectionProps& p = connection_props;
  zend_object* worker = c->worker;
  setSlot(&c->std, p.onWebSocketConnect, slot(worker, worker_props.onWebSocketConnect));
  setSlot(&c->std, p.onWebSocketConnected, slot(worker, worker_props.onWebSocketConnected));
  setSlot(&c->std, p.onWebSocketClose, slot(worker, worker_props.onWebSocketClose));
  setSlot(&c->std, p.onWebSocketPing, slot(worker, worker_props.onWebSocketPing));
  setSlot(&c->std, p.onWebSocketPong, slot(worker, worker_props.onWebSocketPong));
  setDefaultType(c);
}

size_t deliverWebSocket(ConnectionObject* c, WorkerObject* w, std::string_view data) {
  WebSocketState* s = stateOf(c);
  size_t pos = 0;
  if (s->phase == WebSocketState::Phase::kHandshake) {
    pos = handshake(c, w, s, data);
    if (c->ws != s) return data.size();
    if (s->phase == WebSocketState::Phase::kHandshake) return pos;  // incomplete, or closed
  }
  if (s->phase != WebSocketState::Phase::kOpen) return data.size();  // closing: dropped
  return deliverFrames(c, w, s, data, pos);
}

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
  callWith(c, cb, &workerFrom(c->worker)->native->onBufferFull, "onBufferFull", nullptr, 0);
  OBJ_RELEASE(&c->std);
}

void sendWebSocket(ConnectionObject* c, zval* data, zval* return_value) {
  WebSocketState* s = stateOf(c);
  zend_string* payload = payloadOf(data);
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
  WebSocketState* s = c->ws;
  if (s == nullptr || s->phase != WebSocketState::Phase::kOpen) return;
  ZVAL_DEREF(data);
  if (Z_TYPE_P(data) == IS_STRING && Z_STRLEN_P(data) > 0 &&
      static_cast<unsigned char>(Z_STRVAL_P(data)[0]) == (0x80 | protocol::ws::kClose))
    s->closeSent = true;
}

void sendWebSocketClose(ConnectionObject* c, uint16_t code) {
  WebSocketState* s = c->ws;
  if (s == nullptr || s->phase != WebSocketState::Phase::kOpen) return;
  sendCloseFrame(c, s, s->closeReceived ? s->peerCloseCode : code, std::string_view());
  s->phase = WebSocketState::Phase::kClosed;
}

bool webSocketReady(ConnectionObject* c) {
  WebSocketState* s = c->ws;
  return s && s->phase == WebSocketState::Phase::kOpen && !s->closeSent && isOpen(c);
}

WsDeflateState* webSocketDeflate(ConnectionObject* c) {
  WebSocketState* s = c->ws;
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

void freeWebSocketState(WebSocketState* s) {
  if (s == nullptr) return;
  dropMessage(s);
  if (s->deflating)
    delete s->deflate;
  else if (s->early)
    zend_string_release(s->early);
  delete s;
}

}  // namespace surge::ext
