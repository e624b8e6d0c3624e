/* Surge\Worker: configuration, its PHP methods, and the per-process run() that calls
 * onWorkerStart and then accepts. Where it listens is worker_listener.cc; the master side of
 * runAll() is run_all.cc. */
#include <unistd.h>

#include <cctype>

#include "core/boundary.h"
#include "core/connection_retirement.h"
#include "core/worker_object.h"
#include "core/tls_options.h"

#include "base/log.h"
#include "php_surge.h"
#include "core/connection_object.h"
#include "event/event_loop.h"
#include "http/http_classes.h"
#include "net/listen_socket.h"
#include "core/run_all.h"
#include "core/runtime.h"
#include "net/datagram_socket.h"
#include "udp/udp_connection.h"
#include "jobs/jobs_worker.h"
#include "core/fibers.h"
#include "core/workerman_switch.h"
#include "events/event_loop.h"
#include "websocket/websocket_server.h"

extern "C" {
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "ext/spl/spl_exceptions.h"
#include "ext/random/php_random.h"
}

#include "arginfo/Worker_arginfo.h"

namespace surge::ext {

zend_class_entry* worker_ce = nullptr;
WorkerProps worker_props;

namespace {
zend_object_handlers worker_handlers;

zend_object* createWorker(zend_class_entry* ce) {
  auto* w = static_cast<WorkerObject*>(zend_object_alloc(sizeof(WorkerObject), ce));
  zend_object_std_init(&w->std, ce);
  object_properties_init(&w->std, ce);
  w->std.handlers = &worker_handlers;
  w->native = new WorkerNative();
  ZVAL_EMPTY_ARRAY(&w->native->context);
  return &w->std;
}

void freeWorker(zend_object* obj) {
  WorkerObject* w = workerFrom(obj);
  if (w->native) {
    zval_ptr_dtor(&w->native->context);
    // The listener's watcher belongs to the loop; the loop outlives every object.
    delete w->native;
    w->native = nullptr;
  }
  zend_object_std_dtor(obj);
}

struct CallbackName {
  const char* name;
  uint32_t WorkerProps::*slot;
  CallableCache WorkerNative::*cache;
};
const CallbackName kCallbacks[] = {
    {"onWorkerStart", &WorkerProps::onWorkerStart, &WorkerNative::onWorkerStart},
    {"onWorkerStop", &WorkerProps::onWorkerStop, &WorkerNative::onWorkerStop},
    {"onWorkerReload", &WorkerProps::onWorkerReload, &WorkerNative::onWorkerReload},
    {"onConnect", &WorkerProps::onConnect, &WorkerNative::onConnect},
    {"onMessage", &WorkerProps::onMessage, &WorkerNative::onMessage},
    {"onClose", &WorkerProps::onClose, &WorkerNative::onClose},
    {"onError", &WorkerProps::onError, &WorkerNative::onError},
    {"onBufferFull", &WorkerProps::onBufferFull, &WorkerNative::onBufferFull},
    {"onBufferDrain", &WorkerProps::onBufferDrain, &WorkerNative::onBufferDrain},
    {"onWebSocketConnect", &WorkerProps::onWebSocketConnect, &WorkerNative::onWebSocketConnect},
    {"onWebSocketConnected", &WorkerProps::onWebSocketConnected,
     &WorkerNative::onWebSocketConnected},
    {"onWebSocketClose", &WorkerProps::onWebSocketClose, &WorkerNative::onWebSocketClose},
    {"onWebSocketPing", &WorkerProps::onWebSocketPing, &WorkerNative::onWebSocketPing},
    {"onWebSocketPong", &WorkerProps::onWebSocketPong, &WorkerNative::onWebSocketPong},
};

zval* writeWorkerProperty(zend_object* obj, zend_string* name, zval* value, void** cache) {
  const CallbackName* callback = nullptr;
  for (const CallbackName& cb : kCallbacks) {
    if (zend_string_equals_cstr(name, cb.name, strlen(cb.name))) {
      std::string what = std::string("Surge\\Worker::$") + cb.name;
      if (!checkCallableProperty(value, what.c_str())) return &EG(uninitialized_zval);
      callback = &cb;
      break;
    }
  }
  zval* result = zend_std_write_property(obj, name, value, cache);
  // The worker's cache follows its property (and only it; see CallableCache).
  WorkerObject* w = workerFrom(obj);
  if (callback && w->native && !EG(exception))
    (w->native->*(callback->cache)).bindTo(slot(obj, worker_props.*(callback->slot)));
  return result;
}

// The cycle collector must see what the worker holds natively: its context and the
// callables its caches keep (a closure that captures the worker forms a cycle).
HashTable* workerGc(zend_object* obj, zval** table, int* count) {
  WorkerObject* w = workerFrom(obj);
  zend_get_gc_buffer* gc = zend_get_gc_buffer_create();
  if (w->native) {
    zend_get_gc_buffer_add_zval(gc, &w->native->context);
    for (const CallbackName& cb : kCallbacks) (w->native->*(cb.cache)).reportTo(gc);
  }
  zend_get_gc_buffer_use(gc, table, count);
  return zend_std_get_properties(obj);
}

}  // namespace

std::string workerNameOf(zend_object* worker) {
  zval* name = slot(worker, worker_props.name);
  return Z_TYPE_P(name) == IS_STRING ? std::string(Z_STRVAL_P(name), Z_STRLEN_P(name)) : "none";
}

std::string workerSocketNameOf(zend_object* worker) {
  WorkerObject* w = workerFrom(worker);
  if (!w->native || w->native->socketName.empty()) return "none";
  std::string s = w->native->socketName;
  s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

zend_class_entry* workerEventLoopDriver(zend_object* worker) {
  zval* own = slot(worker, worker_props.eventLoop);
  if (Z_TYPE_P(own) == IS_STRING && Z_STRLEN_P(own) > 0)
    return events::resolveDriver(own, "Surge\\Worker::$eventLoop");
  zval* global =
      zend_read_static_property(worker_ce, "eventLoopClass", sizeof("eventLoopClass") - 1, 1);
  return events::resolveDriver(global, "Surge\\Worker::$eventLoopClass");
}

void stopWorker(WorkerObject* w, bool graceful) {
  WorkerNative* n = w->native;
  if (n == nullptr || n->stopped) return;
  n->stopped = true;
  zval arg;
  ZVAL_OBJ(&arg, &w->std);
  callCallback(slot(&w->std, worker_props.onWorkerStop), &n->onWorkerStop, 1, &arg,
               CallSite{"onWorkerStop", &w->std, 0});
  zval t;
  ZVAL_TRUE(&t);
  setSlot(&w->std, worker_props.stopping, &t);
  retireWorker(w, graceful);
}

void armRecycleLimits(WorkerObject* w) {
  zend_long requests = slotLong(&w->std, worker_props.maxRequests, 0);
  zend_long memory = slotLong(&w->std, worker_props.maxMemory, 0);
  if (requests > 0) {
    // 90-100 % of the limit, so that processes started together do not recycle together.
    uint64_t limit = static_cast<uint64_t>(requests);
    w->native->recycleAfterRequests =
        limit - static_cast<uint64_t>(php_mt_rand_range(0, static_cast<zend_long>(limit / 10)));
  }
  if (memory > 0) w->native->recycleAboveMemory = static_cast<uint64_t>(memory);
}

void checkRecycleLimits(WorkerObject* w) {
  WorkerNative* n = w->native;
  ++n->served;
  std::string why;
  if (n->recycleAfterRequests && n->served >= n->recycleAfterRequests) {
    why = "served " + std::to_string(n->served) + " requests (maxRequests " +
          std::to_string(slotLong(&w->std, worker_props.maxRequests, 0)) + ")";
  } else if (n->recycleAboveMemory && zend_memory_usage(false) > n->recycleAboveMemory) {
    why = "uses " + std::to_string(zend_memory_usage(false)) + " bytes of PHP memory (maxMemory " +
          std::to_string(n->recycleAboveMemory) + ")";
  } else {
    return;
  }
  n->recycleAfterRequests = n->recycleAboveMemory = 0;  // ask once
  runtime::log("worker[" + workerNameOf(&w->std) + ":" + std::to_string(getpid()) + "] " + why +
               ": replacing it with a fresh process");
  runtime::requestReplacement();
}

uint32_t propertyOffset(zend_class_entry* ce, const char* name) {
  auto* info = static_cast<zend_property_info*>(
      zend_hash_str_find_ptr(&ce->properties_info, name, strlen(name)));
  ZEND_ASSERT(info != nullptr);
  return info->offset;
}

void throwRuntime(const char* format, ...) {
  va_list args;
  va_start(args, format);
  char* message = nullptr;
  zend_vspprintf(&message, 0, format, args);
  va_end(args);
  zend_throw_exception(spl_ce_RuntimeException, message, 0);
  efree(message);
}

void registerWorkerClass() {
  worker_ce = register_class_Surge_Worker();
  worker_ce->create_object = createWorker;
  worker_ce->ce_flags |= ZEND_ACC_ALLOW_DYNAMIC_PROPERTIES;
  memcpy(&worker_handlers, &std_object_handlers, sizeof worker_handlers);
  worker_handlers.offset = XtOffsetOf(WorkerObject, std);
  worker_handlers.free_obj = freeWorker;
  worker_handlers.get_gc = workerGc;
  worker_handlers.clone_obj = nullptr;
  worker_handlers.write_property = writeWorkerProperty;
  WorkerProps& p = worker_props;
  p.id = propertyOffset(worker_ce, "id");
  p.name = propertyOffset(worker_ce, "name");
  p.count = propertyOffset(worker_ce, "count");
  p.user = propertyOffset(worker_ce, "user");
  p.group = propertyOffset(worker_ce, "group");
  p.reloadable = propertyOffset(worker_ce, "reloadable");
  p.reusePort = propertyOffset(worker_ce, "reusePort");
  p.transport = propertyOffset(worker_ce, "transport");
  p.protocol = propertyOffset(worker_ce, "protocol");
  p.connections = propertyOffset(worker_ce, "connections");
  p.stopping = propertyOffset(worker_ce, "stopping");
  p.maxRequests = propertyOffset(worker_ce, "maxRequests");
  p.maxMemory = propertyOffset(worker_ce, "maxMemory");
  p.maxConnections = propertyOffset(worker_ce, "maxConnections");
  p.maxPendingRequests = propertyOffset(worker_ce, "maxPendingRequests");
  p.maxInputMemory = propertyOffset(worker_ce, "maxInputMemory");
  p.eventLoop = propertyOffset(worker_ce, "eventLoop");
  events::bindGlobalEvent(worker_ce);
  registerTimeoutProps(worker_ce);
  for (const CallbackName& cb : kCallbacks) p.*(cb.slot) = propertyOffset(worker_ce, cb.name);
}

}  // namespace surge::ext

using namespace surge::ext;
using surge::ext::runtime::log;

SURGE_METHOD(Surge_Worker, __construct) {
  zend_string* socketName = nullptr;
  zval* context = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 2)
  Z_PARAM_OPTIONAL
  Z_PARAM_STR_OR_NULL(socketName)
  Z_PARAM_ARRAY(context)
  ZEND_PARSE_PARAMETERS_END();
  WorkerObject* w = workerFrom(Z_OBJ_P(ZEND_THIS));
  if (socketName) w->native->socketName.assign(ZSTR_VAL(socketName), ZSTR_LEN(socketName));
  if (context) {
    zval_ptr_dtor(&w->native->context);
    ZVAL_COPY(&w->native->context, context);
  }
  runtime::addWorker(Z_OBJ_P(ZEND_THIS));
}

SURGE_METHOD(Surge_Worker, runAll) {
  ZEND_PARSE_PARAMETERS_NONE();
  runAll();
}

SURGE_METHOD(Surge_Worker, stopAll) {
  zend_long code = 0;
  zval* message = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 2)
  Z_PARAM_OPTIONAL
  Z_PARAM_LONG(code)
  Z_PARAM_ZVAL(message)
  ZEND_PARSE_PARAMETERS_END();
  if (message && zend_is_true(message)) {
    zend_string* text = zval_try_get_string(message);
    if (!text) RETURN_THROWS();
    log(std::string(ZSTR_VAL(text), ZSTR_LEN(text)));
    zend_string_release(text);
  }
  if (!runtime::inWorkerProcess()) {
    // Not a worker process (the master, or runAll() has not forked yet): end this script.
    EG(exit_status) = static_cast<int>(code);
    zend_throw_unwind_exit();
    return;
  }
  runtime::requestStop(static_cast<int>(code), false);
}

SURGE_METHOD(Surge_Worker, listen) {
  ZEND_PARSE_PARAMETERS_NONE();
  WorkerObject* w = workerFrom(Z_OBJ_P(ZEND_THIS));
  if (!runtime::requireLoop("Surge\\Worker::listen()")) RETURN_THROWS();
  if (w->native->socketName.empty()) {
    throwRuntime(
        "Surge\\Worker::listen(): this worker has no socket name; pass one to the constructor, "
        "e.g. new Worker('text://127.0.0.1:5678')");
    RETURN_THROWS();
  }
  if (!openWorkerListener(w)) RETURN_THROWS();
  resumeIntake(w->native);
}

SURGE_METHOD(Surge_Worker, unlisten) {
  ZEND_PARSE_PARAMETERS_NONE();
  closeWorkerListener(workerFrom(Z_OBJ_P(ZEND_THIS)));
}

SURGE_METHOD(Surge_Worker, pauseAccept) {
  ZEND_PARSE_PARAMETERS_NONE();
  WorkerObject* w = workerFrom(Z_OBJ_P(ZEND_THIS));
  w->native->acceptPausedByUser = true;
  pauseIntake(w->native);
}

SURGE_METHOD(Surge_Worker, resumeAccept) {
  ZEND_PARSE_PARAMETERS_NONE();
  WorkerObject* w = workerFrom(Z_OBJ_P(ZEND_THIS));
  w->native->acceptPausedByUser = false;
  if (acceptMayResume(w)) resumeIntake(w->native);
}

SURGE_METHOD(Surge_Worker, getSocketName) {
  ZEND_PARSE_PARAMETERS_NONE();
  std::string name = workerSocketNameOf(Z_OBJ_P(ZEND_THIS));
  RETURN_STRINGL(name.data(), name.size());
}

namespace {
// The fiber running onWorkerStart has ended: the worker accepts from now on (as in
// Workerman, not before onWorkerStart is done, even when it waited in Timer::sleep()).
void workerStarted(void* obj) {
  WorkerObject* w = workerFrom(static_cast<zend_object*>(obj));
  if (!runtime::stopping() && !EG(exception) && acceptMayResume(w)) resumeIntake(w->native);
  OBJ_RELEASE(&w->std);
}
}  // namespace

SURGE_METHOD(Surge_Worker, run) {
  ZEND_PARSE_PARAMETERS_NONE();
  WorkerObject* w = workerFrom(Z_OBJ_P(ZEND_THIS));
  if (!runtime::requireLoop("Surge\\Worker::run()")) RETURN_THROWS();
  if (!openWorkerListener(w)) RETURN_THROWS();
  zval* callback = slot(&w->std, worker_props.onWorkerStart);
  if (Z_TYPE_P(callback) <= IS_NULL) {
    if (acceptMayResume(w)) resumeIntake(w->native);
    return;
  }
  CallSite site{"onWorkerStart", &w->std, 0};
  char* error = nullptr;
  zend_fcall_info_cache* fcc = w->native->onWorkerStart.resolve(callback, &error);
  if (fcc == nullptr) {
    log("Worker[" + workerNameOf(&w->std) +
        "] onWorkerStart is not callable: " + (error ? error : "?"));
    if (error) efree(error);
    runtime::requestStop(250, false);
    return;
  }
  if (error) efree(error);
  // In a fiber, as Workerman 5 does, so that it may suspend (Timer::sleep(), coroutine
  // channels) while the process already runs its loop.
  zval arg;
  ZVAL_OBJ(&arg, &w->std);
  GC_ADDREF(&w->std);
  CallSite outer = enterCallback(site);
  fibers::start(callback, fcc, 1, &arg, nullptr, site, &workerStarted, &w->std);
  leaveCallback(outer);
  if (EG(exception)) {
    if (reportPendingException(site) == CallOutcome::kExiting) return;
    // A worker that could not start would fail every request: let the master restart
    // it (with a growing delay if it keeps failing).
    runtime::requestStop(250, false);
  }
}

SURGE_METHOD(Surge_Worker, stop) {
  bool force = true;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_BOOL(force)
  ZEND_PARSE_PARAMETERS_END();
  stopWorker(workerFrom(Z_OBJ_P(ZEND_THIS)), !force);
}

SURGE_METHOD(Surge_Worker, log) {
  zend_string* message;
  bool decorated = false;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_STR(message)
  Z_PARAM_OPTIONAL
  Z_PARAM_BOOL(decorated)
  ZEND_PARSE_PARAMETERS_END();
  (void)decorated;
  log(std::string_view(ZSTR_VAL(message), ZSTR_LEN(message)));
}

SURGE_METHOD(Surge_Worker, safeEcho) {
  zend_string* message;
  bool decorated = false;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_STR(message)
  Z_PARAM_OPTIONAL
  Z_PARAM_BOOL(decorated)
  ZEND_PARSE_PARAMETERS_END();
  // The <n>, <w> and <g> colour tags of Workerman are dropped: output is plain text.
  std::string text(ZSTR_VAL(message), ZSTR_LEN(message));
  for (const char* tag : {"<n>", "</n>", "<w>", "</w>", "<g>", "</g>"}) {
    size_t at;
    while ((at = text.find(tag)) != std::string::npos) text.erase(at, strlen(tag));
  }
  ssize_t ignored = ::write(STDOUT_FILENO, text.data(), text.size());
  (void)ignored;
}

SURGE_METHOD(Surge_Worker, getAllWorkers) {
  ZEND_PARSE_PARAMETERS_NONE();
  array_init(return_value);
  zend_long i = 0;
  for (zend_object* w : runtime::workers()) {
    zval v;
    ZVAL_OBJ_COPY(&v, w);
    add_index_zval(return_value, i++, &v);
  }
}

SURGE_METHOD(Surge_Worker, getEventLoop) {
  ZEND_PARSE_PARAMETERS_NONE();
  zval* global = zend_read_static_property(worker_ce, "globalEvent", sizeof("globalEvent") - 1, 1);
  if (global && Z_TYPE_P(global) == IS_OBJECT) RETURN_COPY(global);
  // Not a worker process: a loop object of the configured driver, not kept (run() of a
  // plain script, or timers for the master).
  zend_class_entry* driver = events::resolveDriver(
      zend_read_static_property(worker_ce, "eventLoopClass", sizeof("eventLoopClass") - 1, 1),
      "Surge\\Worker::$eventLoopClass");
  if (driver == nullptr) RETURN_THROWS();
  object_init_ex(return_value, driver);
}

SURGE_METHOD(Surge_Worker, getStatus) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_LONG(runtime::status());
}

SURGE_METHOD(Surge_Worker, isRunning) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_BOOL(runtime::status() != runtime::kInitial);
}

SURGE_METHOD(Surge_Worker, getGracefulStop) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_BOOL(runtime::gracefulStop());
}

namespace surge::ext::runtime {

// Stops every Worker of this process (runtime::requestStop()).
void stopWorkersForShutdown(bool graceful) {
  std::vector<zend_object*> list = workers();
  for (zend_object* obj : list) stopWorker(workerFrom(obj), graceful);
}

}  // namespace surge::ext::runtime
