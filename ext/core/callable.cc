#include "core/callable.h"

#include "core/fibers.h"

#include <string>

#include "core/runtime.h"

extern "C" {
#include "zend_closures.h"
#include "zend_exceptions.h"
#include "zend_execute.h"
#include "zend_interfaces.h"
#include "zend_observer.h"
}

namespace surge::ext {

namespace {
// zend_is_callable_at_frame() takes the calling scope from the frame's function; a frame
// whose function is a Worker method makes every check run as if from inside Worker.
zend_execute_data* workerScopeFrame() {
  static zend_execute_data frame;
  if (frame.func == nullptr)
    frame.func =
        static_cast<zend_function*>(zend_hash_str_find_ptr(&worker_ce->function_table, "run", 3));
  return &frame;
}

bool sameValue(zval* a, zval* b) {
  if (Z_TYPE_P(a) != Z_TYPE_P(b)) return false;
  switch (Z_TYPE_P(a)) {
    case IS_OBJECT:
      return Z_OBJ_P(a) == Z_OBJ_P(b);
    case IS_STRING:
      return Z_STR_P(a) == Z_STR_P(b) || zend_string_equals(Z_STR_P(a), Z_STR_P(b));
    case IS_ARRAY:
      return Z_ARR_P(a) == Z_ARR_P(b);
    default:
      return false;
  }
}

bool isTrampoline(const zend_fcall_info_cache& fcc) {
  return fcc.function_handler &&
         (fcc.function_handler->common.fn_flags & ZEND_ACC_CALL_VIA_TRAMPOLINE);
}

std::string workerName(zend_object* worker) {
  if (worker == nullptr) return "none";
  zval rv;
  zval* name = zend_read_property(worker->ce, worker, "name", sizeof("name") - 1, 1, &rv);
  return Z_TYPE_P(name) == IS_STRING ? std::string(Z_STRVAL_P(name), Z_STRLEN_P(name)) : "none";
}
}  // namespace

zend_fcall_info_cache* CallableCache::resolveSlow(zval* callable, char** error) {
  *error = nullptr;
  if (callable == nullptr || Z_TYPE_P(callable) <= IS_NULL) return nullptr;
  if (Z_TYPE(source_) != IS_UNDEF && sameValue(&source_, callable)) return &fcc_;
  if (bound_) {
    // Safe without a reference: the caller's property holds the value during the call,
    // and the call itself takes a reference on a closure.
    if (!zend_is_callable_at_frame(callable, nullptr, workerScopeFrame(), 0, &once_, error)) {
      once_ = {};
      return nullptr;
    }
    return &once_;
  }
  reset();
  if (!zend_is_callable_at_frame(callable, nullptr, workerScopeFrame(), 0, &fcc_, error)) {
    fcc_ = {};
    return nullptr;
  }
  // A __call/__callStatic trampoline is freed by the call that uses it: never cache it.
  if (!isTrampoline(fcc_)) ZVAL_COPY(&source_, callable);
  return &fcc_;
}

void CallableCache::reset() {
  zval_ptr_dtor(&source_);
  ZVAL_UNDEF(&source_);
  fcc_ = {};
}

void CallableCache::bindTo(zval* value) {
  reset();
  if (value == nullptr) return;
  ZVAL_DEREF(value);
  if (Z_TYPE_P(value) <= IS_NULL) return;
  char* error = nullptr;
  if (!zend_is_callable_at_frame(value, nullptr, workerScopeFrame(), 0, &fcc_, &error)) {
    fcc_ = {};
  } else if (isTrampoline(fcc_)) {
    // A __call trampoline is consumed by its call: resolved anew each time instead.
    zend_release_fcall_info_cache(&fcc_);
    fcc_ = {};
  } else {
    ZVAL_COPY(&source_, value);
  }
  if (error) efree(error);
}

bool checkCallableProperty(zval* value, const char* what) {
  ZVAL_DEREF(value);
  if (Z_TYPE_P(value) == IS_NULL) return true;
  char* error = nullptr;
  zend_fcall_info_cache fcc;
  bool ok = zend_is_callable_at_frame(value, nullptr, workerScopeFrame(), 0, &fcc, &error);
  if (ok) {
    if (isTrampoline(fcc)) zend_release_fcall_info_cache(&fcc);
    return true;
  }
  zend_type_error("%s must be a callable or null, %s", what, error ? error : "not callable");
  if (error) efree(error);
  return false;
}

CallOutcome reportPendingException(const CallSite& site) {
  zend_object* ex = EG(exception);
  if (ex == nullptr) return CallOutcome::kOk;
  if (zend_is_unwind_exit(ex) || zend_is_graceful_exit(ex)) {
    runtime::beginExit();
    return CallOutcome::kExiting;
  }
  GC_ADDREF(ex);
  zend_clear_exception();
  std::string text;
  zval rv;
  ZVAL_UNDEF(&rv);
  zend_call_method_with_0_params(ex, ex->ce, nullptr, "__tostring", &rv);
  if (EG(exception)) zend_clear_exception();
  if (Z_TYPE(rv) == IS_STRING)
    text.assign(Z_STRVAL(rv), Z_STRLEN(rv));
  else
    text.assign(ZSTR_VAL(ex->ce->name), ZSTR_LEN(ex->ce->name));
  zval_ptr_dtor(&rv);
  OBJ_RELEASE(ex);

  std::string line = "Worker[" + workerName(site.worker) + "] " + site.callback;
  if (site.connectionId) line += " of connection " + std::to_string(site.connectionId);
  line += " threw " + text;
  runtime::log(LogLevel::kError, line);
  runtime::statAdd(runtime::Stat::kThrowException, 1);
  return CallOutcome::kThrew;
}

namespace {
bool anyByReference(zend_function* fn, uint32_t argc) {
  for (uint32_t i = 1; i <= argc; ++i)
    if (ARG_SHOULD_BE_SENT_BY_REF(fn, i)) return true;
  return false;
}

// invoke()'s short path repeats what zend_call_function() does for a user function, so it
// is only as right as that comparison. The PHP versions whose zend_call_function() was
// compared with it line by line are named here, and only here; on any other version the
// build takes the generic path, so a new PHP release can make Surge a little slower but
// never crash it.
//   8.2 (Zend/zend_execute_API.c, zend_call_function: frame push, argument copy, closure
//        flags, fake_scope and jit_trace_num save/restore, observer begin, execute_ex)
#if PHP_VERSION_ID >= 80200 && PHP_VERSION_ID < 80300
#define SURGE_CHECKED_CALL_PATH 1
#else
#define SURGE_CHECKED_CALL_PATH 0
#endif

// Calls a user-defined function the way zend_call_function() does for the common case
// (positional arguments by value, no trampoline), without its generic set-up: a message
// callback runs once per message and that set-up was the largest single cost of a round
// trip. Everything else goes through zend_call_known_function().
void invoke(const zend_fcall_info_cache& fcc, uint32_t argc, zval* argv, HashTable* named,
            zval* retval) {
  zend_function* fn = fcc.function_handler;
  if (!SURGE_CHECKED_CALL_PATH || named != nullptr || fn->type != ZEND_USER_FUNCTION ||
      (fn->common.fn_flags & ZEND_ACC_CALL_VIA_TRAMPOLINE) || anyByReference(fn, argc)) {
    zend_call_known_function(fn, fcc.object, fcc.called_scope, retval, argc, argv, named);
    return;
  }
  uint32_t info = ZEND_CALL_TOP_FUNCTION | ZEND_CALL_DYNAMIC;
  void* objectOrScope;
  if ((fn->common.fn_flags & ZEND_ACC_STATIC) || fcc.object == nullptr) {
    objectOrScope = fcc.called_scope;
  } else {
    objectOrScope = fcc.object;
    info |= ZEND_CALL_HAS_THIS;
  }
  zend_execute_data* call = zend_vm_stack_push_call_frame(info, fn, argc, objectOrScope);
  for (uint32_t i = 0; i < argc; ++i) {
    zval* arg = &argv[i];
    ZVAL_DEREF(arg);
    ZVAL_COPY(ZEND_CALL_ARG(call, i + 1), arg);
  }
  if (fn->op_array.fn_flags & ZEND_ACC_CLOSURE) {
    GC_ADDREF(ZEND_CLOSURE_OBJECT(fn));
    uint32_t closureInfo = ZEND_CALL_CLOSURE;
    if (fn->common.fn_flags & ZEND_ACC_FAKE_CLOSURE) closureInfo |= ZEND_CALL_FAKE_CLOSURE;
    ZEND_ADD_CALL_FLAG(call, closureInfo);
  }
  zend_class_entry* fakeScope = EG(fake_scope);
  EG(fake_scope) = nullptr;
  uint32_t traceNum = EG(jit_trace_num);
  zend_init_func_execute_data(call, &fn->op_array, retval);
  ZEND_OBSERVER_FCALL_BEGIN(call);
  zend_execute_ex(call);
  EG(jit_trace_num) = traceNum;
  EG(fake_scope) = fakeScope;
  zend_vm_stack_free_call_frame(call);
}
}  // namespace

namespace {
CallSite g_running{nullptr, nullptr, 0};
}  // namespace

CallSite runningCallback() {
  return g_running;
}

CallSite enterCallback(const CallSite& site) {
  CallSite previous = g_running;
  g_running = site;
  return previous;
}

void leaveCallback(const CallSite& previous) {
  g_running = previous;
}

CallOutcome callCallback(zval* callable, CallableCache* cache, uint32_t argc, zval* argv,
                         const CallSite& site, HashTable* named) {
  if (runtime::exiting()) return CallOutcome::kExiting;
  if (callable == nullptr || Z_TYPE_P(callable) <= IS_NULL)
    return CallOutcome::kOk;  // no callback set
  char* error = nullptr;
  zend_fcall_info_cache local;
  zend_fcall_info_cache* fcc;
  if (cache) {
    fcc = cache->resolve(callable, &error);
  } else {
    fcc =
        zend_is_callable_at_frame(callable, nullptr, nullptr, 0, &local, &error) ? &local : nullptr;
  }
  if (fcc == nullptr) {
    if (error) {
      runtime::log(LogLevel::kError, "Worker[" + workerName(site.worker) + "] " + site.callback +
                                         " is not callable: " + error);
      efree(error);
    }
    return CallOutcome::kThrew;
  }
  if (error) efree(error);
  // A trampoline is freed by the call itself: decide before calling.
  bool trampoline = isTrampoline(*fcc);
  zval retval;
  ZVAL_UNDEF(&retval);
  CallSite outer = g_running;
  g_running = site;
  if (UNEXPECTED(fibers::perCallback()))
    fibers::start(callable, fcc, argc, argv, named, site);
  else
    invoke(*fcc, argc, argv, named, &retval);
  g_running = outer;
  zval_ptr_dtor(&retval);
  if (trampoline) *fcc = {};
  if (UNEXPECTED(EG(exception))) return reportPendingException(site);
  return CallOutcome::kOk;
}

}  // namespace surge::ext
