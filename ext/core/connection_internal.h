/* What the connection files share (connection_handler.cc, connection_registry.cc,
 * tcp_connection.cc, and the outgoing side in client/): not for the protocol drivers. */
#ifndef SURGE_EXT_CONNECTION_INTERNAL_H
#define SURGE_EXT_CONNECTION_INTERNAL_H

#include "core/connection_object.h"
#include "core/worker_object.h"
#include "net/connection.h"

namespace surge::ext {

inline WorkerObject* workerOf(ConnectionObject* c) {
  return c->worker ? workerFrom(c->worker) : nullptr;
}

// The one handler of every socket, accepted or outgoing (connection_handler.cc).
Connection::Handler* connectionHandler();

// onError($connection, $code, $message) of an accepted connection.
void callOnError(ConnectionObject* c, zend_long code, const char* message);

// connection_registry.cc: $worker->connections and TcpConnection::$connections.
void addToArrays(ConnectionObject* c, zend_long id);
void removeFromArrays(ConnectionObject* c);

}  // namespace surge::ext

#endif
