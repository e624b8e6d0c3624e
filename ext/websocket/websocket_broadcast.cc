/* Surge\Worker::broadcast(): one message to many WebSocket connections. The frame is
 * encoded once (once per websocketType) into one string, and every connection sends or
 * queues those same bytes by reference: a connection whose socket takes the frame at once
 * costs one writev and no allocation, one that has to queue it holds a reference, not a
 * copy. */
#include "websocket/websocket_broadcast.h"

#include "core/boundary.h"
#include "core/connection_object.h"
#include "net/connection.h"
#include "core/runtime.h"
#include "websocket/websocket_deflate.h"
#include "websocket/websocket_server.h"
#include "core/worker_object.h"

extern "C" {
#include "zend_exceptions.h"
}

namespace surge::ext {

// Sends to one connection; what the failures call waits for finish().
void Broadcast::to(zval* entry) {
  if (Z_TYPE_P(entry) != IS_OBJECT || !instanceof_function(Z_OBJCE_P(entry), tcp_connection_ce))
    return;
  ConnectionObject* c = connectionFrom(Z_OBJ_P(entry));
  if (anyProtocol && c->worker && workerFrom(c->worker)->native->kind != ProtocolKind::kWebSocket) {
    if (c->conn == nullptr || !c->conn->isOpen()) return;
    zval data, result;
    ZVAL_STR(&data, message);
    ZVAL_UNDEF(&result);
    c->driver->send(c, &data, false, &result);
    if (Z_TYPE(result) != IS_FALSE) ++sent;
    zval_ptr_dtor(&result);
    return;
  }
  if (!webSocketReady(c)) return;
  uint8_t opcode = webSocketOpcode(c);
  SendPiece piece = pieceOf(frameFor(c, opcode));
  switch (c->conn->send(&piece, 1)) {
    case Connection::SendResult::kWritten:
    case Connection::SendResult::kQueued:
      ++sent;
      break;
    case Connection::SendResult::kBufferFull:
      remember(&full, c);
      break;
    case Connection::SendResult::kPeerGone:
      remember(&gone, c);
      break;
    case Connection::SendResult::kClosed:
      break;
  }
}

// The frame for one connection. Connections without deflate share one frame per opcode.
// A connection's own deflater cannot serve many (its window is its own), so deflate
// connections share one frame compressed by a fresh stream per opcode and window size,
// which refers to no earlier message and so reads right whatever the receiver's window
// holds; the connection's deflater then starts afresh too (release()), since its
// window no longer matches what the peer inflated. One compression per broadcast, not
// one per connection, at the price of a less compressed next message on each.
zend_string* Broadcast::frameFor(ConnectionObject* c, uint8_t opcode) {
  const size_t kind = opcode == 2 ? 1 : 0;
  std::string_view m(ZSTR_VAL(message), ZSTR_LEN(message));
  WsDeflateState* d = webSocketDeflate(c);
  if (d && m.size() >= d->threshold) {
    zend_string*& compressed = deflated[kind][d->serverBits & 15];
    if (compressed == nullptr)
      compressed = encodeDeflatedFrame(opcode, m, d->serverBits, d->level, d->memLevel);
    if (compressed) {
      d->deflater.release();
      return compressed;
    }
  }
  zend_string*& frame = frames[kind];
  if (frame == nullptr) frame = encodeWebSocketFrame(opcode, m);
  return frame;
}

// Runs what the sends caused, once no list is being walked any more: onBufferFull for
// the connections that missed the message, and the close of those whose peer is gone.
// The frames are freed first: nothing but request memory stays alive across PHP.
zend_long Broadcast::finish() {
  releaseFrames();
  if (full) {
    zval* entry;
    ZEND_HASH_FOREACH_VAL(full, entry) {
      runtime::statAdd(runtime::Stat::kSendFail, 1);
      callWebSocketBufferFull(connectionFrom(Z_OBJ_P(entry)));
    }
    ZEND_HASH_FOREACH_END();
    zend_array_release(full);
    full = nullptr;
  }
  if (gone) {
    zval* entry;
    ZEND_HASH_FOREACH_VAL(gone, entry) {
      ConnectionObject* c = connectionFrom(Z_OBJ_P(entry));
      if (c->conn) c->conn->destroy();
    }
    ZEND_HASH_FOREACH_END();
    zend_array_release(gone);
    gone = nullptr;
  }
  return sent;
}

void Broadcast::remember(HashTable** list, ConnectionObject* c) {
  if (*list == nullptr) *list = zend_new_array(0);
  zval v;
  ZVAL_OBJ_COPY(&v, &c->std);
  zend_hash_next_index_insert_new(*list, &v);
}
void Broadcast::releaseFrames() {
  for (zend_string*& f : frames)
    if (f) zend_string_release(f), f = nullptr;
  for (auto& byBits : deflated)
    for (zend_string*& f : byBits)
      if (f) zend_string_release(f), f = nullptr;
}

}  // namespace surge::ext

using namespace surge::ext;

SURGE_METHOD(Surge_Protocols_Websocket, broadcast) {
  HashTable* connections;
  zend_string* message;
  ZEND_PARSE_PARAMETERS_START(2, 2)
  Z_PARAM_ARRAY_HT(connections)
  Z_PARAM_STR(message)
  ZEND_PARSE_PARAMETERS_END();
  // As in Worker::broadcast(): a callback may change the array while it is walked.
  GC_TRY_ADDREF(connections);
  Broadcast b(message);
  zval* entry;
  ZEND_HASH_FOREACH_VAL(connections, entry) {
    ZVAL_DEREF(entry);
    b.to(entry);
  }
  ZEND_HASH_FOREACH_END();
  zend_array_release(connections);
  RETURN_LONG(b.finish());
}

SURGE_METHOD(Surge_Worker, broadcast) {
  zend_string* message;
  HashTable* ids = nullptr;
  HashTable* except = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, 3)
  Z_PARAM_STR(message)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY_HT_OR_NULL(ids)
  Z_PARAM_ARRAY_HT_OR_NULL(except)
  ZEND_PARSE_PARAMETERS_END();
  WorkerObject* w = workerFrom(Z_OBJ_P(ZEND_THIS));
  if (w->native->kind != ProtocolKind::kWebSocket) {
    throwRuntime("Surge\\Worker::broadcast() needs a websocket:// worker running in this process");
    RETURN_THROWS();
  }
  zval* list = slot(&w->std, worker_props.connections);
  if (Z_TYPE_P(list) != IS_ARRAY) RETURN_LONG(0);
  // A callback run by a send (onBufferFull when a queue reaches its mark) may close
  // connections and so change the list: holding a reference makes such a change work on
  // a copy while this walk goes on over the original.
  HashTable* connections = Z_ARRVAL_P(list);
  GC_TRY_ADDREF(connections);
  HashTable skip;
  bool skipping = except && zend_hash_num_elements(except) > 0;
  if (skipping) {
    zend_hash_init(&skip, zend_hash_num_elements(except), nullptr, nullptr, 0);
    zval* id;
    ZEND_HASH_FOREACH_VAL(except, id) {
      zend_hash_index_add_empty_element(&skip, zval_get_long(id));
    }
    ZEND_HASH_FOREACH_END();
  }
  Broadcast b(message);
  if (ids) {
    zval* id;
    ZEND_HASH_FOREACH_VAL(ids, id) {
      zend_long key = zval_get_long(id);
      if (skipping && zend_hash_index_exists(&skip, key)) continue;
      if (zval* entry = zend_hash_index_find(connections, key)) b.to(entry);
    }
    ZEND_HASH_FOREACH_END();
  } else {
    zend_ulong key;
    zval* entry;
    ZEND_HASH_FOREACH_NUM_KEY_VAL(connections, key, entry) {
      if (skipping && zend_hash_index_exists(&skip, static_cast<zend_long>(key))) continue;
      b.to(entry);
    }
    ZEND_HASH_FOREACH_END();
  }
  if (skipping) zend_hash_destroy(&skip);
  zend_array_release(connections);
  RETURN_LONG(b.finish());
}
