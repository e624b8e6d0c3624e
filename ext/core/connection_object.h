/* The native state behind a Surge\Connection\TcpConnection object (accepted or outgoing),
 * and what the connection files and the protocol drivers call on it. */
#ifndef SURGE_EXT_CONNECTION_OBJECT_H
#define SURGE_EXT_CONNECTION_OBJECT_H

#include <sys/socket.h>

#include "core/callable.h"
#include "core/common.h"
#include "core/protocol_driver.h"
#include "net/connection.h"
#include "core/runtime.h"
#include "core/static_property.h"

namespace surge::ext {

struct WorkerObject;
struct ClientState;

// A driver's per-connection state; which member is in use is the driver's business (each
// driver reads it through the accessors in its own header).
union DriverState {
  size_t hint;  // Text: bytes already searched for "\n"; user protocols: pending length
  void* ptr;    // HTTP, WebSocket, ws client: their state object (created on first use)
};

struct ConnectionObject {
  Connection* conn;              // null for an object PHP code created itself (always closed)
  zend_object* worker;           // the accepting Worker (a reference is held)
  const ProtocolDriver* driver;  // set at accept, or when an AsyncTcpConnection is constructed
  DriverState state;
  zend_long realId;     // the id it is listed under; $connection->id is writable (GatewayWorker)
  ClientState* client;  // AsyncTcpConnection only: connector, reconnect, callbacks (else null)
  zend_object std;
};

inline ConnectionObject* connectionFrom(zend_object* obj) {
  return reinterpret_cast<ConnectionObject*>(reinterpret_cast<char*>(obj) -
                                             XtOffsetOf(ConnectionObject, std));
}

// Declared property slots of TcpConnection.
struct ConnectionProps {
  uint32_t protocol, onMessage, onClose, onError, onConnect, onBufferFull, onBufferDrain, transport,
      worker, id, bytesRead, bytesWritten, maxSendBufferSize, maxPackageSize, lingerTimeout,
      headers;
  uint32_t onWebSocketConnect, onWebSocketConnected, onWebSocketClose, onWebSocketPing,
      onWebSocketPong, websocketType;
};
extern ConnectionProps connection_props;

// Static properties of TcpConnection that every accepted connection reads.
struct ConnectionStatics {
  StaticProperty connections, defaultMaxSendBufferSize, defaultMaxPackageSize, defaultLingerTimeout;
};
extern ConnectionStatics connection_statics;

// Registers the class entry of AsyncTcpConnection, which stubs/core/TcpConnection.stub.php
// declares beside TcpConnection (its methods are in async_tcp_connection.cc).
zend_class_entry* registerAsyncTcpConnectionEntry();

// Wraps an accepted socket of `worker` in a TcpConnection and calls onConnect.
void acceptConnection(zend_object* worker, int fd, const sockaddr* peer, socklen_t length);

// How long end() lingers for this connection ($connection->lingerTimeout).
inline double lingerOf(ConnectionObject* c) {
  return zval_get_double(slot(&c->std, connection_props.lingerTimeout));
}

// Where a callback of this connection runs, for the log line when it throws or dies.
inline CallSite siteOf(ConnectionObject* c, const char* callback) {
  return CallSite{callback, c->worker, slotLong(&c->std, connection_props.id, 0)};
}

// A connection whose bytes may still go to PHP now: open, reading, the process not exiting.
inline bool canDeliverTo(ConnectionObject* c) {
  return c->conn && c->conn->isOpen() && !c->conn->readingPaused() && !runtime::exiting();
}

// The process's input budget (Worker::$maxInputMemory) refused a connection's partial
// message: onError's code and message, and the reason logged with the close.
inline constexpr zend_long kInputRefusedCode = 3;
inline constexpr const char* kInputRefusedWhy =
    "partial input over the process's budget (Worker::$maxInputMemory)";

// Calls onMessage with one decoded message. The caller decides what an exception means
// for the connection.
CallOutcome dispatchMessage(ConnectionObject* c, WorkerObject* w, zval* message);

// A piece that refers to (instead of copying) a PHP string.
SendPiece pieceOf(zend_string* s);
// send()'s return value for a core send result, with Workerman's onError calls.
void reportSendResult(ConnectionObject* c, Connection::SendResult result, zval* return_value);

}  // namespace surge::ext

#endif
