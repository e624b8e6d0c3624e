/* PHP Fibers driven by Surge's loop: onWorkerStart runs in one (as in Workerman 5, so it
 * may suspend and accepting waits until it is done), Timer::sleep() suspends the fiber it
 * runs in, and with the Fiber, Swoole or Swow driver every callback gets a fiber of its
 * own. The plain path pays one predictable branch (perCallback()). */
#ifndef SURGE_EXT_FIBERS_H
#define SURGE_EXT_FIBERS_H

#include "core/callable.h"
#include "core/common.h"

namespace surge::ext::fibers {

extern bool g_perCallback;
// True in a process whose driver runs every callback in a fiber of its own.
inline bool perCallback() {
  return g_perCallback;
}
void setPerCallback(bool on);

// Calls `callable` (resolved as `fcc`) with argv/named in a new Fiber. Whatever it throws
// before its first suspension is left pending, as a direct call would leave it; later it
// surfaces where the fiber is resumed. `finished(arg)`, if given, runs once the fiber has
// ended: at once if it never suspended, else after the loop callback that ended it.
//
// An exception thrown after the fiber first suspended has no caller waiting for it: it is
// reported for `site` (as callCallback() reports one), and the connection named there is
// closed, as the connection a throwing callback was called for is.
void start(zval* callable, const zend_fcall_info_cache* fcc, uint32_t argc, zval* argv,
           HashTable* named, const CallSite& site, void (*finished)(void* arg) = nullptr,
           void* arg = nullptr);

// At MINIT: the native function every fiber runs (it calls the callback).
void registerFiberBody();

// Inside a fiber of a process running a fiber driver: suspends it for `seconds` (a timer
// resumes it) and returns true. Returns false otherwise (the caller blocks instead), or
// true with an exception pending if the fiber cannot suspend.
bool sleep(double seconds);

// Runs the `finished` step of fibers that ended since the last call (after each loop
// callback: a fiber ends inside whichever callback resumed it).
void checkFinished();

// Request shutdown: forgets the fibers still waited for.
void shutdown();

}  // namespace surge::ext::fibers

#endif
