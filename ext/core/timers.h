/* The timers of the current process (Surge\Timer and the EventInterface loop objects share
 * them, and their ids). */
#ifndef SURGE_EXT_TIMERS_H
#define SURGE_EXT_TIMERS_H

#include <cstddef>

#include "core/common.h"

namespace surge::ext {

// Adds a timer calling `callable` (resolved as `fcc`) with the values of `args` (an array,
// or nullptr) after `interval` seconds, repeatedly if `persistent`. Throws (returns 0)
// outside a worker process or for a bad interval, naming `api`.
zend_long addTimer(const char* api, double interval, zval* callable,
                   const zend_fcall_info_cache& fcc, zval* args, bool persistent);
// Timer::repeat()/delay() and the loop objects' repeat()/delay(): parses ($interval,
// $func, $args = []) and returns the new timer's id.
void addTimerFromArguments(INTERNAL_FUNCTION_PARAMETERS, const char* api, bool persistent);
bool deleteTimer(zend_long id);
void deleteAllTimers();
size_t timerCount();
// In a new worker process: drops the master's timers without touching the master's loop.
void forgetInheritedTimers();

}  // namespace surge::ext

#endif
