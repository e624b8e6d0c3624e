/* Surge\Timer: timers of the current worker process, on its event loop. */
#include <unistd.h>

#include <cmath>
#include <unordered_map>

#include "core/boundary.h"
#include "core/callable.h"
#include "core/common.h"
#include "event/event_loop.h"
#include "event/timer.h"
#include "core/runtime.h"
#include "core/timers.h"
#include "events/loop_callbacks.h"
#include "core/fibers.h"

extern "C" {
#include "zend_exceptions.h"
#include "zend_fibers.h"
}

#include "arginfo/Timer_arginfo.h"

namespace surge::ext {

zend_class_entry* timer_ce = nullptr;

namespace {
struct PhpTimer {
  zend_long id;
  Timer timer;
  zval callable;
  zval args;
  bool persistent;
  bool running = false;
  bool deleted = false;
  zend_fcall_info_cache fcc;  // resolved in the scope that added the timer

  PhpTimer(EventLoop& loop, zend_long timerId, zval* cb, const zend_fcall_info_cache& resolved,
           zval* arguments, bool repeat)
      : id(timerId), timer(loop, &PhpTimer::fire, this), persistent(repeat), fcc(resolved) {
    ZVAL_COPY(&callable, cb);
    ZVAL_COPY(&args, arguments);
  }
  ~PhpTimer() {
    zval_ptr_dtor(&callable);
    zval_ptr_dtor(&args);
  }

  static void fire(void* self);
};

std::unordered_map<zend_long, PhpTimer*> g_timers;
zend_long g_nextId = 0;
// Timers still in g_timers only because their callback is running, though they are gone
// for the application (deleted from inside it, or one-shot): getTimerCount() leaves them
// out, as Workerman's loops do.
size_t g_leaving = 0;

void erase(PhpTimer* t) {
  g_timers.erase(t->id);
  delete t;
}

void PhpTimer::fire(void* self) {
  auto* t = static_cast<PhpTimer*>(self);
  if (runtime::exiting()) return;
  t->running = true;
  if (!t->persistent) ++g_leaving;
  HashTable* arguments = Z_TYPE(t->args) == IS_ARRAY && zend_hash_num_elements(Z_ARRVAL(t->args))
                             ? Z_ARRVAL(t->args)
                             : nullptr;
  zend_fcall_info_cache fcc = t->fcc;
  // A __call trampoline is consumed by each call: resolve it again every time. Parameter
  // parsing (Z_PARAM_FUNC) already released the one it resolved and left a null handler.
  bool trampoline = fcc.function_handler == nullptr ||
                    (fcc.function_handler->common.fn_flags & ZEND_ACC_CALL_VIA_TRAMPOLINE);
  if (!trampoline || zend_is_callable_ex(&t->callable, nullptr, 0, nullptr, &fcc, nullptr)) {
    zval retval;
    ZVAL_UNDEF(&retval);
    zend_object* first = runtime::workers().empty() ? nullptr : runtime::workers().front();
    CallSite outer = enterCallback(CallSite{"Timer callback", first, 0});
    // A fiber's wake-up (Timer::sleep()) resumes it directly, not from a fiber of its own.
    if (fibers::perCallback() && fcc.function_handler->common.scope != zend_ce_fiber) {
      fibers::start(&t->callable, &fcc, 0, nullptr, arguments,
                    CallSite{"Timer callback", first, 0});
    } else {
      zend_call_known_function(fcc.function_handler, fcc.object, fcc.called_scope, &retval, 0,
                               nullptr, arguments);
    }
    leaveCallback(outer);
    zval_ptr_dtor(&retval);
    if (EG(exception) && !events::passToErrorHandler())
      reportPendingException(CallSite{"Timer callback", first, 0});
    fibers::checkFinished();
  }
  t->running = false;
  if (t->deleted || !t->persistent) {
    --g_leaving;
    t->timer.stop();
    erase(t);
  }
}

}  // namespace

zend_long addTimer(const char* api, double interval, zval* callable,
                   const zend_fcall_info_cache& fcc, zval* args, bool persistent) {
  EventLoop* loop = runtime::loopForTimers(api);
  if (loop == nullptr) return 0;
  if (!(interval >= 0) || std::isinf(interval)) {
    zend_argument_value_error(1, "must be a finite number of seconds greater than or equal to 0");
    return 0;
  }
  if (g_nextId == ZEND_LONG_MAX) g_nextId = 0;
  zend_long id = ++g_nextId;
  zval empty;
  ZVAL_EMPTY_ARRAY(&empty);
  auto* t = new PhpTimer(*loop, id, callable, fcc, args ? args : &empty, persistent);
  g_timers[id] = t;
  t->timer.start(interval, persistent);
  return id;
}

bool deleteTimer(zend_long id) {
  auto it = g_timers.find(id);
  if (it == g_timers.end() || it->second->deleted) return false;
  PhpTimer* t = it->second;
  t->timer.stop();
  if (t->running) {
    if (t->persistent) ++g_leaving;  // a one-shot one counts as leaving already
    t->deleted = true;               // freed when its callback returns
  } else {
    erase(t);
  }
  return true;
}

void deleteAllTimers() {
  std::vector<zend_long> ids;
  for (auto& entry : g_timers) ids.push_back(entry.first);
  for (zend_long id : ids) deleteTimer(id);
}

size_t timerCount() {
  return g_timers.size() - g_leaving;
}

void forgetInheritedTimers() {
  // The master's timers: their events live in the master's loop, which this process must
  // not touch; the PHP values they hold are freed.
  for (auto& entry : g_timers) {
    zval_ptr_dtor(&entry.second->callable);
    ZVAL_UNDEF(&entry.second->callable);
    zval_ptr_dtor(&entry.second->args);
    ZVAL_UNDEF(&entry.second->args);
  }
  g_timers.clear();
  g_leaving = 0;
}

void shutdownTimers() {
  // No callback runs any more: every timer goes now with the callable and arguments it
  // holds, even one whose callback died of a fatal error (its frame is gone, `running`
  // still set, so the callback's own clean-up never ran).
  for (auto& entry : g_timers) {
    entry.second->timer.stop();
    delete entry.second;
  }
  g_timers.clear();
  g_nextId = 0;
  g_leaving = 0;
}

void registerTimerClass() {
  timer_ce = register_class_Surge_Timer();
}

}  // namespace surge::ext

using namespace surge::ext;

SURGE_METHOD(Surge_Timer, add) {
  double interval;
  zend_fcall_info fci;
  zend_fcall_info_cache fcc;
  zval* args = nullptr;
  bool persistent = true;
  ZEND_PARSE_PARAMETERS_START(2, 4)
  Z_PARAM_DOUBLE(interval)
  Z_PARAM_FUNC(fci, fcc)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY_OR_NULL(args)
  Z_PARAM_BOOL(persistent)
  ZEND_PARSE_PARAMETERS_END();
  zend_long id =
      addTimer("Surge\\Timer::add()", interval, &fci.function_name, fcc, args, persistent);
  if (EG(exception)) RETURN_THROWS();
  RETURN_LONG(id);
}

namespace surge::ext {
void addTimerFromArguments(INTERNAL_FUNCTION_PARAMETERS, const char* api, bool persistent) {
  double interval;
  zend_fcall_info fci;
  zend_fcall_info_cache fcc;
  zval* args = nullptr;
  ZEND_PARSE_PARAMETERS_START(2, 3)
  Z_PARAM_DOUBLE(interval)
  Z_PARAM_FUNC(fci, fcc)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY(args)
  ZEND_PARSE_PARAMETERS_END();
  zend_long id = addTimer(api, interval, &fci.function_name, fcc, args, persistent);
  if (EG(exception)) RETURN_THROWS();
  RETURN_LONG(id);
}
}  // namespace surge::ext

SURGE_METHOD(Surge_Timer, repeat) {
  addTimerFromArguments(INTERNAL_FUNCTION_PARAM_PASSTHRU, "Surge\\Timer::repeat()", true);
}

SURGE_METHOD(Surge_Timer, delay) {
  addTimerFromArguments(INTERNAL_FUNCTION_PARAM_PASSTHRU, "Surge\\Timer::delay()", false);
}

SURGE_METHOD(Surge_Timer, init) {
  zval* event = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_ZVAL(event)
  ZEND_PARSE_PARAMETERS_END();
  (void)event;
}

SURGE_METHOD(Surge_Timer, del) {
  zend_long id;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_LONG(id)
  ZEND_PARSE_PARAMETERS_END();
  RETURN_BOOL(deleteTimer(id));
}

SURGE_METHOD(Surge_Timer, delAll) {
  ZEND_PARSE_PARAMETERS_NONE();
  deleteAllTimers();
}

SURGE_METHOD(Surge_Timer, sleep) {
  double seconds;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_DOUBLE(seconds)
  ZEND_PARSE_PARAMETERS_END();
  if (!(seconds >= 0)) {
    zend_argument_value_error(1, "must be greater than or equal to 0");
    RETURN_THROWS();
  }
  // In a fiber the fiber waits and the process goes on; elsewhere the process waits.
  if (fibers::sleep(seconds)) return;
  if (EG(exception)) RETURN_THROWS();
  usleep(static_cast<useconds_t>(seconds * 1e6));
}
