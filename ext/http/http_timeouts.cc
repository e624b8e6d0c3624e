#include "http/http_timeouts.h"

#include "core/worker_object.h"
#include "http/http_connection_state.h"

namespace surge::ext {

namespace {

using Wait = HttpConnectionState::Wait;
using Mode = Connection::TimeoutMode;

const TimeoutSettings& settingsOf(ConnectionObject* c) {
  return workerFrom(c->worker)->native->timeouts;
}

void waitFor(ConnectionObject* c, HttpConnectionState* s, Wait what, uint32_t ms, Mode mode) {
  s->wait = what;
  c->conn->setTimeout(ms, mode);
}

}  // namespace

void httpWaitForHead(ConnectionObject* c, HttpConnectionState* s) {
  // Requests in flight: their answers come first, and the answer to the last one starts
  // the head timeout of this one (httpAfterSend()).
  if (s->wait == Wait::kHead || !s->pending.empty()) return;
  waitFor(c, s, Wait::kHead, settingsOf(c).headerMs, Mode::kOnce);
}

void httpWaitForBody(ConnectionObject* c, HttpConnectionState* s) {
  if (s->wait == Wait::kBody || !s->pending.empty()) return;
  waitFor(c, s, Wait::kBody, settingsOf(c).bodyMs, Mode::kQuiet);
}

void httpRequestDispatched(ConnectionObject* c, HttpConnectionState* s) {
  if (s->wait == Wait::kApplication) return;
  s->wait = Wait::kApplication;
  c->conn->clearTimeout();
}

void httpAfterSend(ConnectionObject* c) {
  HttpConnectionState* s = httpStateIfAny(c);
  if (s == nullptr || !s->pending.empty() || s->streaming || s->closing || c->conn == nullptr ||
      !c->conn->isOpen())
    return;
  if (c->conn->pendingInput() > 0)
    waitFor(c, s, Wait::kHead, settingsOf(c).headerMs, Mode::kOnce);
  else if (s->wait != Wait::kHead)
    waitFor(c, s, Wait::kNextRequest, settingsOf(c).keepAliveMs, Mode::kOnce);
}

void httpTimeout(ConnectionObject* c, uint32_t quietPeriods) {
  HttpConnectionState* s = httpStateIfAny(c);
  Connection* conn = c->conn;
  if (s == nullptr) {
    // Accepted and not a byte since: nothing to answer.
    conn->destroy();
    return;
  }
  switch (s->wait) {
    case Wait::kApplication:
      return;  // the application holds a request: not ours to time
    case Wait::kNextRequest:
      // Only ever between requests: an answer still leaving is waited for, and a request
      // that already arrived (in the kernel, not read yet) is served rather than dropped.
      if (conn->pendingOutput() > 0) {
        conn->setTimeout(settingsOf(c).keepAliveMs, Mode::kOnce);
        return;
      }
      if (!conn->delivering()) conn->drainInput();
      if (c->conn == nullptr || !c->conn->isOpen() || httpStateIfAny(c) != s ||
          s->wait != Wait::kNextRequest || conn->pendingInput() > 0)
        return;
      conn->destroy();
      return;
    case Wait::kHead:
      if (conn->pendingInput() == 0) {
        conn->destroy();
        return;
      }
      break;
    case Wait::kBody:
      break;
  }
  // Part of a request arrived and the rest did not in time.
  http_server::answerTimeout(c, s);
  // A peer that does not read the answer is closed one period later at the latest.
  if (c->conn && c->conn->state() != Connection::State::kClosed)
    c->conn->setTimeout(settingsOf(c).headerMs ? settingsOf(c).headerMs : 1000, Mode::kOnce);
}

}  // namespace surge::ext
