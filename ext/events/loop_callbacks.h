/* What the callbacks of the loop object (stream and signal watchers) and of timers do with
 * an exception: EventInterface::setErrorHandler() may claim it; otherwise it is logged
 * like any callback's and the process goes on. */
#ifndef SURGE_EXT_EVENTS_LOOP_CALLBACKS_H
#define SURGE_EXT_EVENTS_LOOP_CALLBACKS_H

#include "core/common.h"

namespace surge::ext::events {

// Sets (or, with null, clears) the handler that receives what loop callbacks throw.
void setErrorHandler(zval* handler);

// With an exception pending (not exit()) and a handler set: clears the exception, calls
// the handler with it and returns true. An exception the handler throws is left pending.
bool passToErrorHandler();

// Calls `callable` with argv from the loop (in a fiber of its own when the driver asks
// for that), passing what it throws to the error handler or the log.
void callLoopCallback(zval* callable, uint32_t argc, zval* argv, const char* what);

void shutdownLoopCallbacks();

}  // namespace surge::ext::events

#endif
