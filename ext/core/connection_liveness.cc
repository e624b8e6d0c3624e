#include "core/connection_liveness.h"

#include "core/connection_object.h"
#include "core/timeout_settings.h"
#include "core/worker_object.h"
#include "websocket/websocket_server.h"

namespace surge::ext {

namespace {

const TimeoutSettings& settingsOf(ConnectionObject* c) {
  return workerFrom(c->worker)->native->timeouts;
}

// The period the core counts silence in. With a response limit, GatewayWorker looks twice
// per interval (a ping half an interval into the silence, a close after `limit` whole
// intervals); without one, once per interval.
uint32_t tickOf(const TimeoutSettings& t) {
  if (t.pingMs == 0) return t.idleMs;
  if (t.pingLimit == 0) return t.pingMs;
  return t.pingMs / 2 > 0 ? t.pingMs / 2 : 1;
}

bool isWebSocket(ConnectionObject* c) {
  return c->driver == &kWebSocketServerDriver;
}

// pingData as a message of the connection's protocol, or a WebSocket ping frame.
void sendHeartbeat(ConnectionObject* c) {
  zval* data = slot(c->worker, timeout_props.pingData);
  bool hasData = Z_TYPE_P(data) == IS_STRING && Z_STRLEN_P(data) > 0;
  if (!hasData) {
    if (isWebSocket(c)) pingWebSocket(c);
    return;
  }
  GC_ADDREF(&c->std);
  zval result;
  ZVAL_NULL(&result);
  c->driver->send(c, data, false, &result);
  zval_ptr_dtor(&result);
  // A user protocol's encode() may throw: logged like a callback's exception.
  if (EG(exception)) reportPendingException(siteOf(c, "pingData"));
  OBJ_RELEASE(&c->std);
}

// A peer that stopped answering (or stayed idle too long): a WebSocket one gets close code
// 1001 (going away: the server leaves this peer) and the usual linger; any other one is
// closed at once. Either way the core timeout bounds what is left: the next period
// destroys a connection that is still closing (connection_handler.cc).
void closeUnresponsive(ConnectionObject* c, uint32_t tick) {
  if (isWebSocket(c)) {
    sendWebSocketClose(c, 1001);
    if (c->conn && c->conn->isOpen()) c->conn->end(lingerOf(c));
    if (c->conn && c->conn->state() != Connection::State::kClosed)
      c->conn->setTimeout(tick, Connection::TimeoutMode::kOnce);
    return;
  }
  c->conn->destroy();
}

}  // namespace

void startLiveness(ConnectionObject* c) {
  uint32_t tick = tickOf(settingsOf(c));
  if (tick == 0)
    c->conn->clearTimeout();
  else
    c->conn->setTimeout(tick, Connection::TimeoutMode::kQuiet);
}

void livenessTimeout(ConnectionObject* c, uint32_t quietPeriods) {
  const TimeoutSettings& t = settingsOf(c);
  uint32_t tick = tickOf(t);
  if (tick == 0) {
    c->conn->clearTimeout();
    return;
  }
  uint64_t silentMs = static_cast<uint64_t>(quietPeriods) * tick;
  bool idleOver = t.idleMs != 0 && silentMs >= t.idleMs;
  bool unanswered = t.pingMs != 0 && t.pingLimit != 0 && quietPeriods >= 2 * t.pingLimit;
  if (idleOver || unanswered) {
    closeUnresponsive(c, tick);
    return;
  }
  if (t.pingMs != 0 && (t.pingLimit == 0 || quietPeriods % 2 == 1)) sendHeartbeat(c);
}

}  // namespace surge::ext
