/* The one Connection::Handler of accepted and outgoing sockets: it turns the core
 * connection's events (bytes, drain, buffer full, close) into driver calls and PHP
 * callbacks. The protocol is the connection's driver; what only an outgoing connection
 * does on close (its status, reconnects, the list it stays in) is behind clientClosing()
 * and clientClosed() in client/. This is the hot path. */
#include "cluster/directory.h"
#include "core/boundary.h"

#include <string>

#include "client/async_tcp_connection.h"
#include "core/callable.h"
#include "core/connection_internal.h"
#include "core/protocol_errors.h"
#include "core/runtime.h"
#include "protocols/driver_glue.h"

namespace surge::ext {

namespace {

// Calls the `property` callback with ($connection): an accepted connection resolves it
// with its worker's cache, an outgoing one with its own.
void callLifecycle(ConnectionObject* c, uint32_t property, CallableCache WorkerNative::*byWorker,
                   CallableCache ClientState::*byClient, const char* name) {
  zval* cb = slot(&c->std, property);
  if (Z_TYPE_P(cb) <= IS_NULL) return;
  CallableCache* cache = c->client ? &(c->client->*byClient) : &(workerOf(c)->native->*byWorker);
  zval arg;
  ZVAL_OBJ(&arg, &c->std);
  callCallback(cb, cache, 1, &arg, siteOf(c, name));
}

class ConnectionHandler : public Connection::Handler {
 public:
  size_t onData(Connection& conn, std::string_view data) override {
    auto* c = static_cast<ConnectionObject*>(conn.userData());
    if (c == nullptr || runtime::exiting()) return data.size();
    GC_ADDREF(&c->std);
    setSlotLong(&c->std, connection_props.bytesRead, static_cast<zend_long>(conn.bytesRead()));
    size_t used = c->driver->onData(c, workerOf(c), data);
    OBJ_RELEASE(&c->std);
    return used;
  }

  void onDrain(Connection& conn) override {
    auto* c = static_cast<ConnectionObject*>(conn.userData());
    if (c == nullptr || runtime::exiting()) return;
    setSlotLong(&c->std, connection_props.bytesWritten,
                static_cast<zend_long>(conn.bytesWritten()));
    GC_ADDREF(&c->std);
    callLifecycle(c, connection_props.onBufferDrain, &WorkerNative::onBufferDrain,
                  &ClientState::onBufferDrain, "onBufferDrain");
    if (c->driver->drained && c->conn && c->conn->isOpen()) c->driver->drained(c);
    OBJ_RELEASE(&c->std);
  }

  void onInputRefused(Connection& conn) override {
    auto* c = static_cast<ConnectionObject*>(conn.userData());
    if (c == nullptr || runtime::exiting()) {
      conn.destroy();
      return;
    }
    GC_ADDREF(&c->std);
    if (c->driver->refuseInput) {
      c->driver->refuseInput(c);
    } else if (c->client) {
      rejectOutgoing(c, kInputRefusedWhy);
    } else {
      callOnError(c, kInputRefusedCode, kInputRefusedWhy);
      if (c->conn && c->conn->isOpen()) rejectAccepted(c, kInputRefusedWhy);
    }
    OBJ_RELEASE(&c->std);
  }

  void onBufferFull(Connection& conn) override {
    auto* c = static_cast<ConnectionObject*>(conn.userData());
    if (c == nullptr || runtime::exiting()) return;
    GC_ADDREF(&c->std);
    callLifecycle(c, connection_props.onBufferFull, &WorkerNative::onBufferFull,
                  &ClientState::onBufferFull, "onBufferFull");
    OBJ_RELEASE(&c->std);
  }

  void onTimeout(Connection& conn, uint32_t quietPeriods) override {
    auto* c = static_cast<ConnectionObject*>(conn.userData());
    // A connection that timed out and still closes one period later (a peer that does not
    // read our goodbye) goes now.
    if (c == nullptr || runtime::exiting() || !conn.isOpen() || c->driver->timeout == nullptr) {
      conn.destroy();
      return;
    }
    GC_ADDREF(&c->std);
    c->driver->timeout(c, quietPeriods);
    OBJ_RELEASE(&c->std);
  }

  void onSecured(Connection& conn) override {
    auto* c = static_cast<ConnectionObject*>(conn.userData());
    if (c == nullptr || runtime::exiting() || c->client == nullptr) return;
    GC_ADDREF(&c->std);
    clientSecured(c);
    OBJ_RELEASE(&c->std);
  }

  void onTlsFailed(Connection& conn, const std::string& reason) override {
    auto* c = static_cast<ConnectionObject*>(conn.userData());
    if (c == nullptr || runtime::exiting()) return;
    GC_ADDREF(&c->std);
    if (c->client) {
      clientTlsFailed(c, reason);
    } else {
      // A client that cannot speak TLS (or sends garbage) is a protocol error, counted and
      // logged (rate-limited) like the others; the connection is destroyed next.
      protocol_errors::log("Worker[" + workerNameOf(c->worker) + "] connection " +
                           std::to_string(slotLong(&c->std, connection_props.id, 0)) + " from " +
                           conn.peerAddress().toString() + ": " + reason + "; closing it");
    }
    OBJ_RELEASE(&c->std);
  }

  void onClose(Connection& conn) override {
    auto* c = static_cast<ConnectionObject*>(conn.userData());
    if (c == nullptr) return;
    GC_ADDREF(&c->std);
    setSlotLong(&c->std, connection_props.bytesWritten,
                static_cast<zend_long>(conn.bytesWritten()));
    if (c->client) clientClosing(c);
    if (!runtime::exiting())
      callLifecycle(c, connection_props.onClose, &WorkerNative::onClose, &ClientState::onClose,
                    "onClose");
    if (c->client) {
      clientClosed(c);
    } else {
      removeFromArrays(c);
      directory::connectionClosed(c);
      if (WorkerObject* w = workerOf(c)) noteConnectionClosed(w);
      // The reference taken at accept: an open connection keeps its object alive.
      OBJ_RELEASE(&c->std);
      runtime::connectionClosed();
    }
    OBJ_RELEASE(&c->std);
  }
};
ConnectionHandler g_handler;

}  // namespace

Connection::Handler* connectionHandler() {
  return &g_handler;
}

// Calls onMessage; an exception closes this connection only.
void deliverAccepted(ConnectionObject* c, WorkerObject* w, zval* message) {
  if (dispatchMessage(c, w, message) == CallOutcome::kThrew && c->conn) c->conn->close();
}

void rejectAccepted(ConnectionObject* c, std::string_view why) {
  protocol_errors::log("Worker[" + workerNameOf(c->worker) + "] connection " +
                       std::to_string(slotLong(&c->std, connection_props.id, 0)) + " from " +
                       c->conn->peerAddress().toString() + ": " + std::string(why) +
                       "; closing it");
  c->conn->destroy();
}

const UserProtocol kNoUserProtocol;

CallOutcome dispatchMessage(ConnectionObject* c, WorkerObject* w, zval* message) {
  runtime::statAdd(runtime::Stat::kTotalRequest, 1);
  countServed(w);
  zval* cb = slot(&c->std, connection_props.onMessage);
  if (Z_TYPE_P(cb) <= IS_NULL) return CallOutcome::kOk;
  zval args[2];
  ZVAL_OBJ(&args[0], &c->std);
  ZVAL_COPY_VALUE(&args[1], message);
  return callCallback(cb, &w->native->onMessage, 2, args, siteOf(c, "onMessage"));
}

void callOnError(ConnectionObject* c, zend_long code, const char* message) {
  zval* cb = slot(&c->std, connection_props.onError);
  if (Z_TYPE_P(cb) <= IS_NULL) return;
  zval args[3];
  ZVAL_OBJ(&args[0], &c->std);
  ZVAL_LONG(&args[1], code);
  ZVAL_STRING(&args[2], message);
  WorkerObject* w = workerOf(c);
  callCallback(cb, w ? &w->native->onError : nullptr, 3, args, siteOf(c, "onError"));
  zval_ptr_dtor(&args[2]);
}

void reportSendResult(ConnectionObject* c, Connection::SendResult result, zval* return_value) {
  switch (result) {
    case Connection::SendResult::kWritten:
      setSlotLong(&c->std, connection_props.bytesWritten,
                  static_cast<zend_long>(c->conn->bytesWritten()));
      RETVAL_TRUE;
      break;
    case Connection::SendResult::kQueued:
      setSlotLong(&c->std, connection_props.bytesWritten,
                  static_cast<zend_long>(c->conn->bytesWritten()));
      RETVAL_NULL();
      break;
    case Connection::SendResult::kBufferFull:
      runtime::statAdd(runtime::Stat::kSendFail, 1);
      callOnError(c, 2, "send buffer full and drop package");
      RETVAL_FALSE;
      break;
    case Connection::SendResult::kPeerGone:
      runtime::statAdd(runtime::Stat::kSendFail, 1);
      callOnError(c, 2, "client closed");
      if (c->conn) c->conn->destroy();
      RETVAL_FALSE;
      break;
    case Connection::SendResult::kClosed:
      RETVAL_FALSE;
      break;
  }
}

}  // namespace surge::ext
