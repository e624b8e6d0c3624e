/* Frames in on a `websocket://` connection once the handshake is done (RFC 6455 §5): frames
 * parsed and unmasked natively, data frames reassembled into whole messages (inflated and
 * checked as UTF-8 when compressed) for onMessage, control frames (ping, pong, close)
 * handled here, protocol errors closed with their code. Also the entry point that sends
 * new bytes to the handshake first, and the state's end. */
#include "websocket/websocket_server.h"

#include <cstring>

#include "protocol/websocket/frame_writer.h"
#include "protocol/websocket/utf8_validator.h"
#include "core/runtime.h"
#include "websocket/websocket_connection_state.h"
#include "websocket/websocket_deflate.h"

namespace surge::ext {
namespace ws_server {

namespace {

// onMessage with one whole message (the reference to `message` is taken over).
void dispatchWs(ConnectionObject* c, WorkerObject* w, WebSocketState* s, zend_string* message) {
  zval value;
  ZVAL_STR(&value, message);
  CallOutcome outcome = dispatchMessage(c, w, &value);
  zval_ptr_dtor(&value);
  // An exception closes this connection only, with "internal error".
  if (outcome == CallOutcome::kThrew && webSocketStateOf(c) == s &&
      s->phase == WebSocketState::Phase::kOpen)
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
  if (webSocketStateOf(c) != s) return;
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
    if (outcome == CallOutcome::kThrew && webSocketStateOf(c) == s &&
        s->phase == WebSocketState::Phase::kOpen)
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

}  // namespace

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
  while (pos < data.size() && canDeliverTo(c) && webSocketStateOf(c) == s &&
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
  if (webSocketStateOf(c) != s || s->phase != WebSocketState::Phase::kOpen) return data.size();
  return pos;
}

}  // namespace ws_server

namespace {
size_t deliverOpen(ConnectionObject* c, WorkerObject* w, WebSocketState* s, std::string_view data) {
  size_t pos = 0;
  if (s->phase == WebSocketState::Phase::kHandshake) {
    pos = ws_server::handshake(c, w, s, data);
    if (webSocketStateOf(c) != s) return data.size();
    if (s->phase == WebSocketState::Phase::kHandshake) return pos;  // incomplete, or closed
  }
  if (s->phase != WebSocketState::Phase::kOpen) return data.size();  // closing: dropped
  return ws_server::deliverFrames(c, w, s, data, pos);
}
}  // namespace

size_t deliverWebSocket(ConnectionObject* c, WorkerObject* w, std::string_view data) {
  WebSocketState* s = ws_server::stateOf(c);
  size_t used = deliverOpen(c, w, s, data);
  // A message collected into its own string is partial input the process's budget counts.
  if (webSocketStateOf(c) == s && c->conn && c->conn->isOpen())
    c->conn->setExtraInput(s->partial && s->partial->message ? ZSTR_LEN(s->partial->message) : 0);
  return used;
}

void refuseWebSocketInput(ConnectionObject* c) {
  WebSocketState* s = webSocketStateOf(c);
  if (s == nullptr || s->phase != WebSocketState::Phase::kOpen) {
    c->conn->destroy();
    return;
  }
  ws_server::failClose(c, s, 1009, "message too big for the server's memory budget");
}

void freeWebSocketState(WebSocketState* s) {
  if (s == nullptr) return;
  ws_server::dropMessage(s);
  if (s->deflating)
    delete s->deflate;
  else if (s->early)
    zend_string_release(s->early);
  delete s;
}

}  // namespace surge::ext
