#include "events/event_loop.h"

#include <event2/event.h>
#include <signal.h>

#include <cctype>
#include <memory>
#include <unordered_map>

#include "core/boundary.h"
#include "core/fibers.h"
#include "core/runtime.h"
#include "core/static_property.h"
#include "core/timers.h"
#include "event/event_loop.h"
#include "event/io_watcher.h"
#include "event/signal_watcher.h"
#include "events/loop_callbacks.h"

extern "C" {
#include "main/php_network.h"
#include "zend_interfaces.h"
}

#include "arginfo/Drivers_arginfo.h"
#include "arginfo/EventInterface_arginfo.h"
#include "arginfo/EventLoop_arginfo.h"

namespace surge::ext::events {

zend_class_entry* event_interface_ce = nullptr;
zend_class_entry* event_loop_ce = nullptr;

namespace {

enum Driver { kSelect, kEvent, kEv, kFiber, kSwoole, kSwow, kDriverCount };
const char* const kDriverNames[kDriverCount] = {"select", "event", "ev", "fiber", "swoole", "swow"};
zend_class_entry* g_drivers[kDriverCount];
StaticProperty g_globalEvent;

// One PHP stream watched for one direction: the callback and the stream it is called with.
struct StreamWatch {
  IoWatcher watcher;
  zval stream;
  zval callback;
};
// Keyed by fd * 2 + direction (0 read, 1 write): one watcher per fd and direction, as in
// Workerman's drivers; a second registration replaces the callback.
std::unordered_map<int, std::unique_ptr<StreamWatch>> g_streams;

struct SignalWatch {
  std::unique_ptr<SignalWatcher> watcher;
  zval callback;
};
std::unordered_map<int, std::unique_ptr<SignalWatch>> g_signals;

// Watchers removed from inside their own callback are freed once the loop is past it.
std::vector<std::unique_ptr<StreamWatch>> g_retired;
bool g_sweepQueued = false;

void sweep(void*) {
  g_sweepQueued = false;
  for (auto& w : g_retired) zval_ptr_dtor(&w->callback), zval_ptr_dtor(&w->stream);
  g_retired.clear();
}

void retire(std::unique_ptr<StreamWatch> w) {
  w->watcher.stop();
  g_retired.push_back(std::move(w));
  EventLoop* loop = runtime::loop();
  if (loop && !g_sweepQueued) {
    g_sweepQueued = true;
    loop->defer(&sweep, nullptr);
  } else if (!loop) {
    sweep(nullptr);
  }
}

// The fd behind a PHP stream resource, or -1 with a TypeError pending.
int streamFd(zval* value, uint32_t arg) {
  if (Z_TYPE_P(value) != IS_RESOURCE) {
    zend_argument_type_error(arg, "must be a stream resource, %s given",
                             zend_zval_type_name(value));
    return -1;
  }
  php_stream* stream = static_cast<php_stream*>(
      zend_fetch_resource2(Z_RES_P(value), "stream", php_file_le_stream(), php_file_le_pstream()));
  if (stream == nullptr) return -1;
  php_socket_t fd = -1;
  if (php_stream_cast(stream, PHP_STREAM_AS_FD_FOR_SELECT | PHP_STREAM_CAST_INTERNAL,
                      reinterpret_cast<void**>(&fd), 1) != SUCCESS ||
      fd < 0) {
    zend_argument_value_error(arg,
                              "must be a stream with a file descriptor (a socket, pipe or file)");
    return -1;
  }
  return static_cast<int>(fd);
}

void onStreamReady(int fd, short what, void* arg) {
  int key = fd * 2 + ((what & EV_WRITE) ? 1 : 0);
  auto it = g_streams.find(key);
  if (it == g_streams.end()) return;
  StreamWatch* w = it->second.get();
  // fclose() without offReadable(): the descriptor is gone (or about to be someone
  // else's), so the watcher goes with it.
  if (Z_RES_P(&w->stream)->type < 0) {
    retire(std::move(it->second));
    g_streams.erase(it);
    return;
  }
  zval callback, stream;
  ZVAL_COPY(&callback, &w->callback);  // the callback may remove or replace this watcher
  ZVAL_COPY(&stream, &w->stream);
  callLoopCallback(&callback, 1, &stream,
                   (what & EV_WRITE) ? "onWritable callback" : "onReadable callback");
  zval_ptr_dtor(&callback);
  zval_ptr_dtor(&stream);
}

void watchStream(INTERNAL_FUNCTION_PARAMETERS, int direction) {
  zval* stream;
  zend_fcall_info fci;
  zend_fcall_info_cache fcc;
  ZEND_PARSE_PARAMETERS_START(2, 2)
  Z_PARAM_ZVAL(stream)
  Z_PARAM_FUNC(fci, fcc)
  ZEND_PARSE_PARAMETERS_END();
  int fd = streamFd(stream, 1);
  if (fd < 0) RETURN_THROWS();
  EventLoop* loop = runtime::loopForTimers(direction ? "onWritable()" : "onReadable()");
  if (loop == nullptr) RETURN_THROWS();
  int key = fd * 2 + direction;
  auto it = g_streams.find(key);
  if (it != g_streams.end() && Z_RES_P(&it->second->stream) == Z_RES_P(stream)) {
    zval old;
    ZVAL_COPY_VALUE(&old, &it->second->callback);
    ZVAL_COPY(&it->second->callback, &fci.function_name);
    zval_ptr_dtor(&old);
    return;
  }
  if (it != g_streams.end()) {  // the fd now belongs to another stream
    retire(std::move(it->second));
    g_streams.erase(it);
  }
  auto w = std::make_unique<StreamWatch>();
  ZVAL_COPY(&w->stream, stream);
  ZVAL_COPY(&w->callback, &fci.function_name);
  w->watcher.init(*loop, fd, direction ? EV_WRITE : EV_READ, &onStreamReady, nullptr);
  w->watcher.start();
  g_streams[key] = std::move(w);
}

void unwatchStream(INTERNAL_FUNCTION_PARAMETERS, int direction) {
  zval* stream;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_ZVAL(stream)
  ZEND_PARSE_PARAMETERS_END();
  if (Z_TYPE_P(stream) != IS_RESOURCE) RETURN_FALSE;
  // A stream already closed has no fd any more: find its watcher by the resource.
  for (auto it = g_streams.begin(); it != g_streams.end(); ++it) {
    if ((it->first & 1) == direction && Z_RES_P(&it->second->stream) == Z_RES_P(stream)) {
      retire(std::move(it->second));
      g_streams.erase(it);
      RETURN_TRUE;
    }
  }
  RETURN_FALSE;
}

void onSignal(int signo, void*) {
  auto it = g_signals.find(signo);
  if (it == g_signals.end()) return;
  zval callback, arg;
  ZVAL_COPY(&callback, &it->second->callback);
  ZVAL_LONG(&arg, signo);
  callLoopCallback(&callback, 1, &arg, "onSignal callback");
  zval_ptr_dtor(&callback);
}

void deleteTimerFromArguments(INTERNAL_FUNCTION_PARAMETERS) {
  zend_long id;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_LONG(id)
  ZEND_PARSE_PARAMETERS_END();
  RETURN_BOOL(deleteTimer(id));
}

bool isDriver(zend_class_entry* ce, Driver d) {
  return ce == g_drivers[d] || instanceof_function(ce, g_drivers[d]);
}

}  // namespace

zend_class_entry* resolveDriver(zval* name, const char* owner) {
  if (name == nullptr || Z_TYPE_P(name) == IS_NULL ||
      (Z_TYPE_P(name) == IS_STRING && Z_STRLEN_P(name) == 0))
    return g_drivers[kEvent];
  if (Z_TYPE_P(name) != IS_STRING) {
    throwRuntime("%s must be a class name string", owner);
    return nullptr;
  }
  std::string cls(Z_STRVAL_P(name), Z_STRLEN_P(name));
  if (!cls.empty() && cls[0] == '\\') cls.erase(0, 1);
  std::string lower = cls;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Workerman's names are matched without loading anything: an application's vendor/ may
  // hold Workerman's own driver files, which must not be loaded.
  for (const char* prefix : {"workerman\\events\\", "surge\\events\\"}) {
    if (lower.rfind(prefix, 0) != 0) continue;
    std::string base = lower.substr(strlen(prefix));
    for (int d = 0; d < kDriverCount; ++d)
      if (base == kDriverNames[d]) return g_drivers[d];
  }
  zend_string* n = zend_string_init(cls.data(), cls.size(), 0);
  zend_class_entry* ce = zend_lookup_class(n);
  zend_string_release(n);
  if (ce && instanceof_function(ce, event_loop_ce) && !(ce->ce_flags & ZEND_ACC_ABSTRACT))
    return ce;
  if (!EG(exception))
    throwRuntime(
        "%s is '%s': Surge runs every worker on its own event loop, so it must name one of "
        "Select, Event, Ev, Fiber, Swoole or Swow (in Surge\\Events\\ or Workerman\\Events\\) "
        "or a subclass of Surge\\Events\\EventLoop",
        owner, cls.c_str());
  return nullptr;
}

bool runsCallbacksInFibers(zend_class_entry* driver) {
  return isDriver(driver, kFiber) || isDriver(driver, kSwoole) || isDriver(driver, kSwow);
}

void startProcessLoop(zend_class_entry* driver) {
  zval loop;
  object_init_ex(&loop, driver);
  zval* slot = g_globalEvent.get();
  zval old;
  ZVAL_COPY_VALUE(&old, slot);
  ZVAL_COPY_VALUE(slot, &loop);
  zval_ptr_dtor(&old);
  fibers::setPerCallback(runsCallbacksInFibers(driver));
}

void forgetInheritedWatchers() {
  for (auto& entry : g_streams) {
    zval_ptr_dtor(&entry.second->callback);
    zval_ptr_dtor(&entry.second->stream);
    (void)entry.second.release();  // its event is registered in the master's loop
  }
  g_streams.clear();
  for (auto& entry : g_signals) {
    zval_ptr_dtor(&entry.second->callback);
    (void)entry.second->watcher.release();
  }
  g_signals.clear();
}

void shutdownEventLoops() {
  for (auto& entry : g_streams) retire(std::move(entry.second));
  g_streams.clear();
  sweep(nullptr);
  for (auto& entry : g_signals) {
    entry.second->watcher.reset();
    zval_ptr_dtor(&entry.second->callback);
  }
  g_signals.clear();
  shutdownLoopCallbacks();
}

void registerEventClasses() {
  event_interface_ce = register_class_Surge_Events_EventInterface();
  event_loop_ce = register_class_Surge_Events_EventLoop(event_interface_ce);
  g_drivers[kSelect] = register_class_Surge_Events_Select(event_loop_ce);
  g_drivers[kEvent] = register_class_Surge_Events_Event(event_loop_ce);
  g_drivers[kEv] = register_class_Surge_Events_Ev(event_loop_ce);
  g_drivers[kFiber] = register_class_Surge_Events_Fiber(event_loop_ce);
  g_drivers[kSwoole] = register_class_Surge_Events_Swoole(event_loop_ce);
  g_drivers[kSwow] = register_class_Surge_Events_Swow(event_loop_ce);
}

void bindGlobalEvent(zend_class_entry* worker) {
  g_globalEvent.bind(worker, "globalEvent");
}

}  // namespace surge::ext::events

using namespace surge;
using namespace surge::ext;
using namespace surge::ext::events;

SURGE_METHOD(Surge_Events_EventLoop, delay) {
  addTimerFromArguments(INTERNAL_FUNCTION_PARAM_PASSTHRU, "Surge\\Events\\EventLoop::delay()",
                        false);
}

SURGE_METHOD(Surge_Events_EventLoop, repeat) {
  addTimerFromArguments(INTERNAL_FUNCTION_PARAM_PASSTHRU, "Surge\\Events\\EventLoop::repeat()",
                        true);
}

SURGE_METHOD(Surge_Events_EventLoop, offDelay) {
  deleteTimerFromArguments(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

SURGE_METHOD(Surge_Events_EventLoop, offRepeat) {
  deleteTimerFromArguments(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

SURGE_METHOD(Surge_Events_EventLoop, onReadable) {
  watchStream(INTERNAL_FUNCTION_PARAM_PASSTHRU, 0);
}

SURGE_METHOD(Surge_Events_EventLoop, offReadable) {
  unwatchStream(INTERNAL_FUNCTION_PARAM_PASSTHRU, 0);
}

SURGE_METHOD(Surge_Events_EventLoop, onWritable) {
  watchStream(INTERNAL_FUNCTION_PARAM_PASSTHRU, 1);
}

SURGE_METHOD(Surge_Events_EventLoop, offWritable) {
  unwatchStream(INTERNAL_FUNCTION_PARAM_PASSTHRU, 1);
}

SURGE_METHOD(Surge_Events_EventLoop, onSignal) {
  zend_long signo;
  zend_fcall_info fci;
  zend_fcall_info_cache fcc;
  ZEND_PARSE_PARAMETERS_START(2, 2)
  Z_PARAM_LONG(signo)
  Z_PARAM_FUNC(fci, fcc)
  ZEND_PARSE_PARAMETERS_END();
  if (signo <= 0 || signo >= NSIG || signo == SIGKILL || signo == SIGSTOP) {
    zend_argument_value_error(1, "must be a signal number that can be caught");
    RETURN_THROWS();
  }
  EventLoop* loop = runtime::loopForTimers("onSignal()");
  if (loop == nullptr) RETURN_THROWS();
  auto& entry = g_signals[static_cast<int>(signo)];
  if (entry) {
    zval old;
    ZVAL_COPY_VALUE(&old, &entry->callback);
    ZVAL_COPY(&entry->callback, &fci.function_name);
    zval_ptr_dtor(&old);
    return;
  }
  entry = std::make_unique<SignalWatch>();
  ZVAL_COPY(&entry->callback, &fci.function_name);
  entry->watcher =
      std::make_unique<SignalWatcher>(*loop, static_cast<int>(signo), &onSignal, nullptr);
}

SURGE_METHOD(Surge_Events_EventLoop, offSignal) {
  zend_long signo;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_LONG(signo)
  ZEND_PARSE_PARAMETERS_END();
  auto it = g_signals.find(static_cast<int>(signo));
  if (it == g_signals.end()) RETURN_FALSE;
  std::unique_ptr<SignalWatch> entry = std::move(it->second);
  g_signals.erase(it);
  entry->watcher.reset();
  zval_ptr_dtor(&entry->callback);
  RETURN_TRUE;
}

SURGE_METHOD(Surge_Events_EventLoop, deleteAllTimer) {
  ZEND_PARSE_PARAMETERS_NONE();
  deleteAllTimers();
}

SURGE_METHOD(Surge_Events_EventLoop, getTimerCount) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_LONG(static_cast<zend_long>(timerCount()));
}

SURGE_METHOD(Surge_Events_EventLoop, setErrorHandler) {
  zend_fcall_info fci;
  zend_fcall_info_cache fcc;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_FUNC(fci, fcc)
  ZEND_PARSE_PARAMETERS_END();
  setErrorHandler(&fci.function_name);
}

SURGE_METHOD(Surge_Events_EventLoop, run) {
  ZEND_PARSE_PARAMETERS_NONE();
  if (runtime::status() != runtime::kInitial) {
    throwRuntime(
        "Surge\\Events\\EventLoop::run(): this is a worker process, whose loop already runs; "
        "add timers and watchers from callbacks instead");
    RETURN_THROWS();
  }
  EventLoop* loop = runtime::loopForTimers("Surge\\Events\\EventLoop::run()");
  if (loop == nullptr) RETURN_THROWS();
  loop->run();
}

SURGE_METHOD(Surge_Events_EventLoop, stop) {
  ZEND_PARSE_PARAMETERS_NONE();
  if (runtime::status() != runtime::kInitial) {
    runtime::requestStop(0, false);
    return;
  }
  if (EventLoop* loop = runtime::loop()) loop->stop();
}
