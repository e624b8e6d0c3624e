/* Calling PHP callbacks from the loop: resolved once (not by name on every call), with
 * the Worker class as calling scope (so a subclass may register its protected methods,
 * as GatewayWorker does), and with exceptions reported instead of unwinding the loop. */
#ifndef SURGE_EXT_CALLABLE_H
#define SURGE_EXT_CALLABLE_H

#include "core/common.h"

namespace surge::ext {

// A callable resolved to a zend_fcall_info_cache, remembered together with the value it
// was resolved from. A property holding the same value (the usual case: connections
// copy the worker's callbacks) reuses the resolution; another value is resolved anew.
//
// A bound cache (a Worker's) remembers only its owner's value, set with bindTo() when the
// owner's property is written; any other value (a closure a connection set for itself) is
// resolved for its call only and not referenced, so the worker never keeps a connection's
// closure, and through it the connection, alive.
class CallableCache {
 public:
  explicit CallableCache(bool bound = false) : bound_(bound) { ZVAL_UNDEF(&source_); }
  ~CallableCache() { reset(); }
  CallableCache(const CallableCache&) = delete;
  CallableCache& operator=(const CallableCache&) = delete;

  // Returns the resolution of `callable` (null/undef → nullptr). On a value that is not
  // callable, *error gets a message (caller owns it, efree) and nullptr is returned.
  zend_fcall_info_cache* resolve(zval* callable, char** error) {
    // The hot case: the same closure object as last time.
    if (Z_TYPE_P(callable) == IS_OBJECT && Z_TYPE(source_) == IS_OBJECT &&
        Z_OBJ(source_) == Z_OBJ_P(callable)) {
      *error = nullptr;
      return &fcc_;
    }
    return resolveSlow(callable, error);
  }
  void reset();
  // Bound caches: remembers `value` (the owner's property, null to forget) from now on.
  void bindTo(zval* value);
  // For get_gc: the value this cache holds a reference to, if any.
  void reportTo(zend_get_gc_buffer* gc) { zend_get_gc_buffer_add_zval(gc, &source_); }

 private:
  zend_fcall_info_cache* resolveSlow(zval* callable, char** error);

  zval source_;
  zend_fcall_info_cache fcc_{};
  zend_fcall_info_cache once_{};  // bound caches: another value, for one call
  bool bound_;
};

// Checks that `value` is null or callable from the Worker scope; throws a TypeError that
// names `what` (e.g. "Surge\Worker::$onMessage") otherwise.
bool checkCallableProperty(zval* value, const char* what);

// What to name in the log when a callback throws.
struct CallSite {
  const char* callback;    // "onMessage"
  zend_object* worker;     // may be null
  zend_long connectionId;  // 0 if none
};

enum class CallOutcome { kOk, kThrew, kExiting };

// The innermost callback running now (callback null when none). A fatal error unwinds
// past every C++ frame with longjmp; whoever catches it reads this to say which
// callback died. Copied by value, as the frame that set it is gone by then.
CallSite runningCallback();
// Marks `site` as running until leaveCallback(previous) (for calls into PHP that do not
// go through callCallback()). Returns the previous one.
CallSite enterCallback(const CallSite& site);
void leaveCallback(const CallSite& previous);

// Calls `callable` (a property value) with `argc` arguments. Uses `cache` when given.
// An exception is logged (worker, pid, connection, message, trace) and cleared
// (kThrew); exit() inside the callback stops this process's loop (kExiting) and leaves
// the exit pending so that it completes once the loop has returned.
CallOutcome callCallback(zval* callable, CallableCache* cache, uint32_t argc, zval* argv,
                         const CallSite& site, HashTable* namedOrPositional = nullptr);

// A callback of the connection with this id threw where no caller could close it (in a
// fiber, after it was resumed): closes the connection (connection_registry.cc).
void closeConnectionAfterFailure(zend_long connectionId);

// Logs the pending exception for `site` and clears it; returns kExiting instead if the
// pending exception is exit().
CallOutcome reportPendingException(const CallSite& site);

}  // namespace surge::ext

#endif
