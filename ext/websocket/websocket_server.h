/* The WebSocket side of a connection of a `websocket://` worker: the opening handshake
 * (answered with 400/426 without PHP when it is not one), frames unmasked and reassembled
 * natively into whole messages for onMessage, control frames (ping, pong, close) handled
 * here, protocol errors closed with their code, and what the application sends framed
 * with `$connection->websocketType`. The handshake is in websocket_server_handshake.cc, the
 * frames in in websocket_server.cc, the sending side in websocket_server_send.cc. */
#ifndef SURGE_EXT_WEBSOCKET_SERVER_H
#define SURGE_EXT_WEBSOCKET_SERVER_H

#include <cstdint>
#include <string_view>

#include "core/common.h"

namespace surge::ext {

struct ConnectionObject;
struct WorkerObject;
struct WebSocketState;
struct WsDeflateState;

extern zend_class_entry* websocket_ce;
void registerWebsocketClass();
extern zend_class_entry* ws_ce;
void registerWsClass();

// At accept: copies the worker's onWebSocket* callbacks and the default websocketType.
void acceptWebSocket(ConnectionObject* c);

// New bytes on a WebSocket connection; returns how many were used (the rest stays unread).
size_t deliverWebSocket(ConnectionObject* c, WorkerObject* w, std::string_view data);
// The process's input budget refused this connection's partial message: close 1009.
void refuseWebSocketInput(ConnectionObject* c);

// $connection->send($data) on a WebSocket connection (not raw): one frame, or queued
// until the handshake completes.
void sendWebSocket(ConnectionObject* c, zval* data, zval* return_value);

// $connection->send($data, true): raw bytes. A raw close frame (Workerman's idiom
// `close("\x88\x02\x03\xe8", true)`) counts as the close frame of the connection.
void noteRawWebSocketSend(ConnectionObject* c, zval* data);

// Before the application closes or ends the connection, or the worker stops: sends the
// close frame (the peer's code echoed if it closed first, else `code`) once the handshake
// is complete and no close frame was sent yet.
void sendWebSocketClose(ConnectionObject* c, uint16_t code);

void freeWebSocketState(WebSocketState* state);

// Worker::$headerTimeout passed before the handshake completed: a peer that sent part of
// one gets 408, one that sent nothing is closed without an answer.
void handshakeTimedOut(ConnectionObject* c);
// The heartbeat: a ping frame with no payload (the peer's pong counts as its answer).
void pingWebSocket(ConnectionObject* c);

// For broadcast(): true when data frames may be sent now (handshake done, no close sent).
bool webSocketReady(ConnectionObject* c);
// The opcode send() uses on this connection (1 text, 2 binary), from websocketType.
uint8_t webSocketOpcode(ConnectionObject* c);
// One whole unmasked frame (header and payload) in a new string.
zend_string* encodeWebSocketFrame(uint8_t opcode, std::string_view payload);
// The compression state used for what is sent on this connection, or nullptr (deflate not
// agreed, or manual mode with a websocketType without RSV1).
WsDeflateState* webSocketDeflate(ConnectionObject* c);
// Calls the connection's onBufferFull.
void callWebSocketBufferFull(ConnectionObject* c);

}  // namespace surge::ext

#endif
