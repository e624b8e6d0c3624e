#include "core/connection_retirement.h"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/connection_internal.h"
#include "core/runtime.h"
#include "core/worker_object.h"
#include "event/event_loop.h"
#include "event/timer.h"

namespace surge::ext {

namespace {
// How often the connections still being served are looked at again. Their answer usually
// leaves within a turn of the loop; the delay only postpones the goodbye.
constexpr double kRecheckSeconds = 0.005;
// A connection that has sent nothing yet is waited for this long: its first bytes may be
// on the way (a client sends right after its connect returns, so they follow within a
// round trip). One silent for longer is idle (a client waiting for the server to speak
// first, a probe): it gets the goodbye, not the whole stop deadline.
constexpr double kFirstBytesSeconds = 0.5;
// Bounds the connections taken from the queue of a socket about to close (a listen
// backlog is far smaller; a flood on a shared socket must not keep a retiring process).
constexpr int kAcceptQueuedLimit = 65536;

// The connections of retiring workers that were not between requests yet, a reference held
// on each, and the timer that looks at them again.
struct Retiring {
  std::vector<zend_object*> waiting;
  std::unique_ptr<Timer> recheck;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};
Retiring* g_retiring = nullptr;

struct PendingRetire {
  zend_object* worker;  // a reference is held
  bool graceful;
};

bool silentTooLong() {
  std::chrono::duration<double> waited = std::chrono::steady_clock::now() - g_retiring->started;
  return waited.count() >= kFirstBytesSeconds;
}

bool betweenRequests(ConnectionObject* c) {
  Connection* conn = c->conn;
  if (conn->pendingOutput() > 0 || conn->pendingInput() > 0 || conn->readingPaused()) return false;
  if (conn->bytesRead() == 0) return silentTooLong();
  if (c->driver->betweenRequests) return c->driver->betweenRequests(c);
  return conn->answeredLastInput();
}

// Says goodbye to `c` if it is between requests. True once `c` needs nothing more from the
// retirement (it was said goodbye to, or is closing by itself).
bool settle(ConnectionObject* c) {
  if (c->conn == nullptr || c->conn->state() != Connection::State::kOpen) return true;
  if (!betweenRequests(c)) return false;
  // What already reached the socket is read (and answered) first: a request that arrived
  // must not be taken for silence. Only then is the connection looked at again.
  c->conn->drainInput();
  if (c->conn == nullptr || c->conn->state() != Connection::State::kOpen) return true;
  if (!betweenRequests(c)) return false;
  if (c->driver->goodbye) c->driver->goodbye(c, 1001);  // "going away"
  if (c->conn) c->conn->end(lingerOf(c));
  return true;
}

void recheck(void*) {
  if (g_retiring == nullptr || runtime::exiting()) return;
  // PHP runs inside settle() (the drained requests): walk a list nobody else changes.
  std::vector<zend_object*> list;
  list.swap(g_retiring->waiting);
  std::vector<zend_object*> still;
  for (size_t i = 0; i < list.size(); ++i) {
    if (runtime::exiting()) {
      still.insert(still.end(), list.begin() + static_cast<long>(i), list.end());
      break;
    }
    if (settle(connectionFrom(list[i])))
      OBJ_RELEASE(list[i]);
    else
      still.push_back(list[i]);
  }
  still.insert(still.end(), g_retiring->waiting.begin(), g_retiring->waiting.end());
  g_retiring->waiting.swap(still);
  if (g_retiring->waiting.empty()) {
    g_retiring->recheck->stop();
  } else if (!g_retiring->recheck->active()) {
    g_retiring->recheck->start(kRecheckSeconds, true);
  }
}

void watchConnections(zend_object* worker) {
  zval* connections = slot(worker, worker_props.connections);
  if (Z_TYPE_P(connections) != IS_ARRAY) return;
  EventLoop* loop = runtime::loop();
  if (g_retiring == nullptr) {
    g_retiring = new Retiring();
    g_retiring->recheck = std::make_unique<Timer>(*loop, &recheck, nullptr);
  }
  zval* entry;
  ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(connections), entry) {
    if (Z_TYPE_P(entry) != IS_OBJECT || !instanceof_function(Z_OBJCE_P(entry), tcp_connection_ce))
      continue;
    GC_ADDREF(Z_OBJ_P(entry));
    g_retiring->waiting.push_back(Z_OBJ_P(entry));
  }
  ZEND_HASH_FOREACH_END();
  recheck(nullptr);
}

// From the loop (never under a callback: a stop is often asked for from one, and what
// follows accepts connections and delivers requests).
void retireNow(void* arg) {
  std::unique_ptr<PendingRetire> p(static_cast<PendingRetire*>(arg));
  WorkerObject* w = workerFrom(p->worker);
  if (!runtime::exiting() && w->native) {
    try {
      if (w->native->listener) w->native->listener->acceptQueued(kAcceptQueuedLimit);
      closeWorkerListener(w);
      if (!p->graceful) watchConnections(p->worker);
    } catch (const std::exception& e) {
      // Out of memory for the list: the stop deadline still ends every connection.
      closeWorkerListener(w);
      runtime::log("Worker[" + workerNameOf(p->worker) +
                   "] cannot retire its connections one by one: " + e.what());
    }
  }
  OBJ_RELEASE(p->worker);
  runtime::releaseStop();
}
}  // namespace

void retireWorker(WorkerObject* w, bool graceful) {
  pauseIntake(w->native);
  EventLoop* loop = runtime::loop();
  if (loop == nullptr) {
    closeWorkerListener(w);
    return;
  }
  auto* p = new PendingRetire{&w->std, graceful};
  GC_ADDREF(&w->std);
  runtime::holdStop();
  try {
    loop->defer(&retireNow, p);
  } catch (const std::exception& e) {
    OBJ_RELEASE(&w->std);
    delete p;
    closeWorkerListener(w);
    runtime::log("Worker[" + workerNameOf(&w->std) + "] cannot queue its retirement: " + e.what());
    runtime::releaseStop();
  }
}

namespace runtime {
void cutRetiringConnections() {
  if (g_retiring == nullptr || exiting()) return;
  std::vector<zend_object*> list;
  list.swap(g_retiring->waiting);
  g_retiring->recheck->stop();
  for (zend_object* obj : list) {
    ConnectionObject* c = connectionFrom(obj);
    if (!exiting() && c->conn && c->conn->isOpen()) {
      if (c->driver->goodbye) c->driver->goodbye(c, 1001);
      if (c->conn) c->conn->destroy();
    }
    OBJ_RELEASE(obj);
  }
}

void releaseRetirement() {
  if (g_retiring == nullptr) return;
  g_retiring->recheck.reset();
  std::vector<zend_object*> list;
  list.swap(g_retiring->waiting);
  delete g_retiring;
  g_retiring = nullptr;
  for (zend_object* obj : list) OBJ_RELEASE(obj);
}
}  // namespace runtime

}  // namespace surge::ext
