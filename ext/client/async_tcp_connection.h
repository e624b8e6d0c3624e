/* Surge\Connection\AsyncTcpConnection: the native state of an outgoing connection, and
 * the WebSocket client (ws://) that runs on it. */
#ifndef SURGE_EXT_ASYNC_TCP_CONNECTION_H
#define SURGE_EXT_ASYNC_TCP_CONNECTION_H

#include <memory>
#include <string>
#include <string_view>

#include "core/callable.h"
#include "core/common.h"
#include "core/connection_object.h"
#include "event/timer.h"
#include "net/connector.h"
#include "net/tls_config.h"
#include "net/tls_context.h"
#include "core/worker_object.h"

namespace surge::ext {

extern zend_class_entry* async_tcp_connection_ce;
void registerAsyncTcpConnectionClass();

struct WsClient;

// Workerman's STATUS_* of a connection that may not be connected yet.
enum class ClientStatus { kInitial, kConnecting, kEstablished, kClosed };

struct ClientState {
  std::string uri;  // as given to the constructor
  std::string scheme;
  std::string host;  // as written ("localhost", "[::1]")
  int port = 0;
  std::string target;         // ws://: path and query ("/" if none)
  UserProtocol userProtocol;  // a protocol class written in PHP
  ClientStatus status = ClientStatus::kInitial;
  // The open socket's reference on the object is taken (see async_tcp_connection.cc).
  bool holdsObject = false;
  std::unique_ptr<Connector> connector;
  std::unique_ptr<Connector::Handler> connectorHandler;
  std::unique_ptr<Timer> reconnectTimer;
  std::string pending;       // bytes sent before the connect completed (raw ones for ws://)
  bool pendingFull = false;  // onBufferFull was called for `pending`
  // TLS (transport 'ssl', wss://): the constructor's ssl context options, and the context
  // built from them at the first connect.
  TlsConfig tlsConfig;
  std::shared_ptr<TlsContext> tls;
  ConnectOptions connectOptions;  // the constructor's socket options
  CallableCache onConnect, onMessage, onClose, onError, onBufferFull, onBufferDrain;
  CallableCache onWebSocketConnect, onWebSocketClose, onWebSocketPing, onWebSocketPong;
};

// The ws:// driver's state (its WsClient) of an AsyncTcpConnection.
inline WsClient* wsClientOf(ConnectionObject* c) {
  return static_cast<WsClient*>(c->state.ptr);
}

// The client state of an AsyncTcpConnection object.
ClientState* clientOf(ConnectionObject* c);
// Adds the values the client state references to a get_gc buffer.
void reportClientGc(ClientState* client, zend_get_gc_buffer* gc);

// Calls a callback property of the connection with ($connection, ...extra).
CallOutcome callClientCallback(ConnectionObject* c, uint32_t property, CallableCache* cache,
                               const char* name, uint32_t extraCount = 0, zval* extra = nullptr);
// The one connection handler's outgoing part of a close: before onClose (the status, the
// driver's per-socket state) and after it (the socket's reference, the list).
void clientClosing(ConnectionObject* c);
void clientClosed(ConnectionObject* c);
// TLS: the handshake completed (onConnect now), or the handshake or a record failed.
void clientSecured(ConnectionObject* c);
void clientTlsFailed(ConnectionObject* c, const std::string& reason);
// onError($connection, $code, $message).
void clientError(ConnectionObject* c, zend_long code, const std::string& message);
// Delivers one message to onMessage; an exception closes the connection.
void clientDeliver(ConnectionObject* c, zval* message);

// --- ws:// (ws_client.cc) ---
WsClient* newWsClient();
void freeWsClient(WsClient* ws);
// Forgets the handshake, queued frames and a message in progress (before a reconnect).
void resetWsClient(ConnectionObject* c);
// Sends the opening handshake (the socket just connected).
void startWsClient(ConnectionObject* c);
// Handshake answer, then frames. Returns the bytes used.
size_t wsClientData(ConnectionObject* c, std::string_view data);
// send(): one masked frame of websocketType, queued until the handshake completes.
void wsClientSend(ConnectionObject* c, zval* data, zval* return_value);
// A close frame with `code` (if the handshake completed and none was sent yet).
void wsClientSendClose(ConnectionObject* c, uint16_t code);

}  // namespace surge::ext

#endif
