#include "core/fibers.h"

extern "C" {
#include "zend_closures.h"
#include "zend_exceptions.h"
#include "zend_fibers.h"
}

#include <vector>

#include "core/timers.h"

namespace surge::ext::fibers {

bool g_perCallback = false;

namespace {

struct Watched {
  zend_object* fiber;  // a reference is held
  void (*finished)(void*);
  void* arg;
};
std::vector<Watched> g_watched;

// One callback to run in a fiber, from start() until the fiber's body returns.
struct FiberJob {
  zend_fcall_info_cache fcc;
  zval closure;  // what fcc resolves (kept alive while the fiber runs)
  CallSite site;
  bool suspended = false;  // start() returned while the body still ran
};
// Handed from start() to the body, which Fiber::start() runs at once.
FiberJob* g_starting = nullptr;
zend_internal_function g_body;

ZEND_BEGIN_ARG_INFO_EX(arginfo_fiber_body, 0, 0, 0)
ZEND_ARG_VARIADIC_INFO(0, args)
ZEND_END_ARG_INFO()

// The body of every fiber: calls the callback with what Fiber::start() got.
void fiberBody(INTERNAL_FUNCTION_PARAMETERS) {
  FiberJob* job = g_starting;
  g_starting = nullptr;
  uint32_t argc = ZEND_CALL_NUM_ARGS(execute_data);
  zval* argv = ZEND_CALL_ARG(execute_data, 1);
  HashTable* named = (ZEND_CALL_INFO(execute_data) & ZEND_CALL_HAS_EXTRA_NAMED_PARAMS)
                         ? execute_data->extra_named_params
                         : nullptr;
  zval retval;
  ZVAL_UNDEF(&retval);
  zend_call_known_function(job->fcc.function_handler, job->fcc.object, job->fcc.called_scope,
                           &retval, argc, argv, named);
  zval_ptr_dtor(&retval);
  if (EG(exception) && job->suspended && !zend_is_graceful_exit(EG(exception)) &&
      !zend_is_unwind_exit(EG(exception))) {
    CallSite outer = enterCallback(job->site);
    CallOutcome outcome = reportPendingException(job->site);
    leaveCallback(outer);
    if (outcome == CallOutcome::kThrew && job->site.connectionId)
      closeConnectionAfterFailure(job->site.connectionId);
  }
  zval_ptr_dtor(&job->closure);
  delete job;
}

zend_function* fiberMethod(const char* name) {
  return static_cast<zend_function*>(
      zend_hash_str_find_ptr(&zend_ce_fiber->function_table, name, strlen(name)));
}

bool ended(zend_object* fiber) {
  return reinterpret_cast<zend_fiber*>(fiber)->context.status == ZEND_FIBER_STATUS_DEAD;
}

// The value to build the Fiber from. Fiber's constructor resolves a callable in the scope
// of whoever calls it, which from here is no class at all, so a protected method of a
// Worker subclass (GatewayWorker registers those) would be refused: hand it a closure of
// the function resolved already, as Closure::fromCallable() would make.
void fiberCallable(zval* callable, const zend_fcall_info_cache* fcc, zval* out) {
  zend_function* fn = fcc ? fcc->function_handler : nullptr;
  if (Z_TYPE_P(callable) == IS_OBJECT && Z_OBJCE_P(callable) == zend_ce_closure) {
    ZVAL_COPY(out, callable);
  } else if (fn && !(fn->common.fn_flags & ZEND_ACC_CALL_VIA_TRAMPOLINE)) {
    zval self;
    if (fcc->object) ZVAL_OBJ(&self, fcc->object);
    zend_create_fake_closure(out, fn, fn->common.scope, fcc->called_scope,
                             fcc->object ? &self : nullptr);
  } else {
    ZVAL_COPY(out, callable);
  }
}

}  // namespace

void setPerCallback(bool on) {
  g_perCallback = on;
}

void registerFiberBody() {
  memset(&g_body, 0, sizeof g_body);
  g_body.type = ZEND_INTERNAL_FUNCTION;
  g_body.fn_flags = ZEND_ACC_VARIADIC;
  g_body.function_name = zend_string_init_interned("{surge fiber}", sizeof("{surge fiber}") - 1, 1);
  g_body.arg_info = (zend_internal_arg_info*)arginfo_fiber_body + 1;
  g_body.handler = fiberBody;
  // As zend_register_functions() does at startup (observers keep their data there).
  ZEND_MAP_PTR(g_body.run_time_cache) = static_cast<void**>(zend_map_ptr_new());
}

void start(zval* callable, const zend_fcall_info_cache* fcc, uint32_t argc, zval* argv,
           HashTable* named, const CallSite& site, void (*finished)(void*), void* arg) {
  auto* job = new FiberJob();
  // A closure of the function resolved already: Fiber's constructor, called from here,
  // could not resolve a protected method of a Worker subclass (GatewayWorker's).
  fiberCallable(callable, fcc, &job->closure);
  if (!zend_is_callable_ex(&job->closure, nullptr, 0, nullptr, &job->fcc, nullptr)) job->fcc = *fcc;
  job->site = site;
  zval fiber, body, ret;
  object_init_ex(&fiber, zend_ce_fiber);
  zend_create_fake_closure(&body, reinterpret_cast<zend_function*>(&g_body), nullptr, nullptr,
                           nullptr);
  zend_call_known_instance_method_with_1_params(zend_ce_fiber->constructor, Z_OBJ(fiber), nullptr,
                                                &body);
  zval_ptr_dtor(&body);
  if (EG(exception)) {
    zval_ptr_dtor(&job->closure);
    delete job;
    zval_ptr_dtor(&fiber);
    return;
  }
  ZVAL_UNDEF(&ret);
  g_starting = job;
  zend_call_known_function(fiberMethod("start"), Z_OBJ(fiber), zend_ce_fiber, &ret, argc, argv,
                           named);
  zval_ptr_dtor(&ret);
  if (g_starting == job) {
    // Fiber::start() failed before the body ran (it cannot switch fibers in a destructor).
    g_starting = nullptr;
    zval_ptr_dtor(&job->closure);
    delete job;
  } else if (!ended(Z_OBJ(fiber))) {
    // Still running, suspended: from now on nobody waits for what it throws.
    job->suspended = true;
  }
  if (finished) {
    if (ended(Z_OBJ(fiber)) || EG(exception)) {
      finished(arg);
    } else {
      GC_ADDREF(Z_OBJ(fiber));
      g_watched.push_back(Watched{Z_OBJ(fiber), finished, arg});
    }
  }
  zval_ptr_dtor(&fiber);
}

bool sleep(double seconds) {
  zend_fiber* current = EG(active_fiber);
  // As Workerman: only a fiber driver's process suspends; with the others Timer::sleep()
  // blocks, even in onWorkerStart's fiber (libraries written for Workerman rely on it).
  if (current == nullptr || !g_perCallback) return false;
  // The timer holds [$fiber, 'resume'] (and so the fiber) until it fires.
  zval resume;
  array_init_size(&resume, 2);
  GC_ADDREF(&current->std);
  add_next_index_object(&resume, &current->std);
  add_next_index_string(&resume, "resume");
  zend_fcall_info_cache fcc;
  char* error = nullptr;
  if (!zend_is_callable_ex(&resume, nullptr, 0, nullptr, &fcc, &error)) {
    if (error) efree(error);
    zval_ptr_dtor(&resume);
    return false;
  }
  zend_long id = addTimer("Surge\\Timer::sleep()", seconds, &resume, fcc, nullptr, false);
  zval_ptr_dtor(&resume);
  if (id == 0) return true;  // the exception is pending
  zval ret;
  ZVAL_UNDEF(&ret);
  zend_call_known_function(fiberMethod("suspend"), nullptr, zend_ce_fiber, &ret, 0, nullptr,
                           nullptr);
  zval_ptr_dtor(&ret);
  // Resumed early (by someone else) or thrown into: this wake-up is no longer wanted.
  deleteTimer(id);
  return true;
}

void checkFinished() {
  if (EXPECTED(g_watched.empty())) return;
  for (size_t i = 0; i < g_watched.size();) {
    if (!ended(g_watched[i].fiber)) {
      ++i;
      continue;
    }
    Watched done = g_watched[i];
    g_watched.erase(g_watched.begin() + static_cast<std::ptrdiff_t>(i));
    done.finished(done.arg);
    OBJ_RELEASE(done.fiber);
  }
}

void shutdown() {
  std::vector<Watched> list;
  list.swap(g_watched);
  for (Watched& w : list) OBJ_RELEASE(w.fiber);
  g_perCallback = false;
}

}  // namespace surge::ext::fibers
