#include "core/runtime.h"

#include <unistd.h>

#include "base/log.h"
#include "event/event_loop.h"
#include "event/timer.h"
#include "process/supervisor.h"
#include "core/status.h"
#include "logs/log_settings.h"

extern "C" {
#include "SAPI.h"
}

namespace surge::ext::runtime {

namespace {
int g_status = kInitial;
int g_controlFd = -1;         // the worker's pipe to the master
EventLoop* g_loop = nullptr;  // lives until the process exits: connections free late
std::vector<zend_object*> g_workers;
bool g_exiting = false;
bool g_stopping = false;
bool g_graceful = false;
int g_exitCode = 0;
size_t g_open = 0;
zend_long g_nextConnectionId = 0;
Timer* g_stopDeadline = nullptr;
int g_stopHolds = 0;  // retirements queued to the loop that a stop must wait for

zend_string* g_statKeys[4];
// ConnectionInterface::$statistics, found once per request: statAdd() runs per message.
zval* g_stats = nullptr;
// Where each counter was found last time; still valid while the array is unshared, not
// reallocated and the bucket still holds that key (the user may rewrite $statistics).
struct StatSlot {
  HashTable* table;
  Bucket* data;
  Bucket* bucket;
};
StatSlot g_statSlots[4];

void finishStopIfIdle() {
  if (g_stopping && g_open == 0 && g_stopHolds == 0 && g_loop) g_loop->stop();
}

void onStopDeadline(void*);
}  // namespace

void cutRetiringConnections();  // connection_retirement.cc

int status() {
  return g_status;
}

void setControlFd(int fd) {
  g_controlFd = fd;
}
void requestReplacement() {
  Supervisor::requestReplacement(g_controlFd);
}
void setStatus(int status) {
  g_status = status;
}

EventLoop* loop() {
  return g_loop;
}

EventLoop& createLoop() {
  if (g_loop == nullptr) g_loop = new EventLoop();
  return *g_loop;
}

EventLoop* requireLoop(const char* api) {
  if (g_loop) return g_loop;
  throwRuntime(
      "%s can only be used inside a worker process: call it from onWorkerStart, onConnect, "
      "onMessage or a timer, after Worker::runAll() started the worker",
      api);
  return nullptr;
}

EventLoop* loopForTimers(const char* api) {
  if (g_loop) return g_loop;
  // Before runAll() (a plain script, or a start file adding timers for its master, as
  // Workerman allows): the loop of this process, which the master runs between its
  // supervision steps and a worker process never inherits.
  if (g_status == kInitial) return &createLoop();
  return requireLoop(api);
}

bool inWorkerProcess() {
  return g_controlFd >= 0;
}

void forgetInheritedLoop() {
  // Its timers and watchers belong to the master. The loop is left allocated on purpose:
  // freeing it would unregister the master's descriptors from the epoll set both share.
  g_loop = nullptr;
}

std::vector<zend_object*>& workers() {
  return g_workers;
}

void addWorker(zend_object* worker) {
  GC_ADDREF(worker);
  g_workers.push_back(worker);
}

void keepOnlyWorker(zend_object* keep) {
  std::vector<zend_object*> rest;
  for (zend_object* w : g_workers) {
    if (w == keep)
      rest.push_back(w);
    else
      OBJ_RELEASE(w);
  }
  g_workers.swap(rest);
}

void closeOpenConnectionsForShutdown();  // connection_registry.cc
void releaseRetirement();                // connection_retirement.cc

void releaseAll() {
  releaseRetirement();
  closeOpenConnectionsForShutdown();
  delete g_stopDeadline;
  g_stopDeadline = nullptr;
  g_stats = nullptr;
  for (auto& slot : g_statSlots) slot = {};
  for (zend_object* w : g_workers) OBJ_RELEASE(w);
  g_workers.clear();
}

void beginExit() {
  g_exiting = true;
  if (g_loop) g_loop->stop();
}
bool exiting() {
  return g_exiting;
}

bool stopping() {
  return g_stopping;
}
bool gracefulStop() {
  return g_graceful;
}
int exitCode() {
  return g_exitCode;
}
size_t openConnections() {
  return g_open;
}
void connectionOpened() {
  ++g_open;
}

void holdStop() {
  ++g_stopHolds;
}

void releaseStop() {
  if (g_stopHolds) --g_stopHolds;
  finishStopIfIdle();
}

void connectionClosed() {
  if (g_open) --g_open;
  finishStopIfIdle();
}

namespace {
void onStopDeadline(void*) {
  // Connections still waiting for their request or its answer are cut (with their onClose),
  // and those that did not finish flushing; the loop then returns.
  cutRetiringConnections();
  if (g_loop) g_loop->stop();
}
}  // namespace

void stopWorkersForShutdown(bool graceful);  // worker.cc

void requestStop(int code, bool graceful) {
  if (g_stopping) return;
  g_stopping = true;
  g_graceful = graceful;
  g_exitCode = code;
  g_status = kShutdown;
  if (g_loop == nullptr) return;
  stopWorkersForShutdown(graceful);
  if (g_exiting) return;
  if (!graceful) {
    zval* timeout =
        zend_read_static_property(worker_ce, "stopTimeout", sizeof("stopTimeout") - 1, 1);
    double seconds = timeout ? zval_get_double(timeout) : 2.0;
    // Leave the master's SIGKILL as the last resort: cut unflushed connections a little
    // before it.
    double wait = seconds > 0.2 ? seconds - 0.1 : seconds / 2;
    g_stopDeadline = new Timer(*g_loop, &onStopDeadline, nullptr);
    g_stopDeadline->start(wait, false);
  }
  finishStopIfIdle();
}

void log(std::string_view message) {
  log(LogLevel::kInfo, message);
}

void log(LogLevel level, std::string_view message, std::string_view contextJson) {
  logs::applySettings();
  Log::write(level, message, contextJson);
}

void initStatistics() {
  static const char* names[4] = {"connection_count", "total_request", "throw_exception",
                                 "send_fail"};
  zval stats, zero;
  array_init_size(&stats, 4);
  ZVAL_LONG(&zero, 0);
  for (int i = 0; i < 4; ++i) {
    if (g_statKeys[i] == nullptr)
      g_statKeys[i] = zend_string_init_interned(names[i], strlen(names[i]), 1);
    // The same interned keys as statAdd() looks up: found by pointer, no byte compare.
    zend_hash_add_new(Z_ARRVAL(stats), g_statKeys[i], &zero);
  }
  zend_update_static_property(connection_interface_ce, "statistics", sizeof("statistics") - 1,
                              &stats);
  zval_ptr_dtor(&stats);
  zend_string* name = zend_string_init("statistics", sizeof("statistics") - 1, 0);
  g_stats = zend_std_get_static_property(connection_interface_ce, name, BP_VAR_R);
  zend_string_release(name);
}

void statAdd(Stat which, zend_long delta) {
  if (StatusBoard::Counters* board = status::counters()) {
    if (which == Stat::kTotalRequest)
      board->totalRequests.fetch_add(delta, std::memory_order_relaxed);
    else if (which == Stat::kSendFail)
      board->sendFail.fetch_add(delta, std::memory_order_relaxed);
    else if (which == Stat::kThrowException)
      board->exceptions.fetch_add(delta, std::memory_order_relaxed);
  }
  if (g_stats == nullptr) return;
  zval* stats = g_stats;
  ZVAL_DEREF(stats);
  if (Z_TYPE_P(stats) != IS_ARRAY) return;
  int index = static_cast<int>(which);
  zend_string* key = g_statKeys[index];
  StatSlot& cached = g_statSlots[index];
  HashTable* table = Z_ARRVAL_P(stats);
  if (cached.table == table && cached.data == table->arData && GC_REFCOUNT(table) == 1 &&
      cached.bucket->key == key && Z_TYPE(cached.bucket->val) == IS_LONG) {
    Z_LVAL(cached.bucket->val) += delta;
    return;
  }
  SEPARATE_ARRAY(stats);
  table = Z_ARRVAL_P(stats);
  zval* v = zend_hash_find_known_hash(table, key);
  if (v && Z_TYPE_P(v) == IS_LONG) {
    Z_LVAL_P(v) += delta;
  } else {
    zval n;
    ZVAL_LONG(&n, delta);
    v = zend_hash_update(table, key, &n);
  }
  cached = HT_IS_PACKED(table) ? StatSlot{}
                               : StatSlot{table, table->arData, reinterpret_cast<Bucket*>(v)};
}

zend_long nextConnectionId() {
  if (g_nextConnectionId == ZEND_LONG_MAX) g_nextConnectionId = 0;
  return ++g_nextConnectionId;
}

std::string startFile() {
  if (SG(request_info).path_translated) return SG(request_info).path_translated;
  zend_string* file = zend_get_executed_filename_ex();
  return file ? std::string(ZSTR_VAL(file), ZSTR_LEN(file)) : std::string("php");
}

}  // namespace surge::ext::runtime
