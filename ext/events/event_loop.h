/* Surge\Events\EventLoop and its driver names (Select, Event, Ev, Fiber, Swoole, Swow): the
 * process's loop as an EventInterface object, with watchers for PHP streams and signals. */
#ifndef SURGE_EXT_EVENTS_EVENT_LOOP_H
#define SURGE_EXT_EVENTS_EVENT_LOOP_H

#include <string>

#include "core/common.h"

namespace surge::ext::events {

extern zend_class_entry* event_interface_ce;
extern zend_class_entry* event_loop_ce;

void registerEventClasses();

// The driver class named by `name` (Worker::$eventLoopClass or $worker->eventLoop; null or
// '' is Event). Throws a RuntimeException naming `owner` and returns nullptr for a class
// Surge cannot run.
zend_class_entry* resolveDriver(zval* name, const char* owner);
// Whether the driver runs every callback in a fiber of its own.
bool runsCallbacksInFibers(zend_class_entry* driver);

// In a worker process, before onWorkerStart: makes Worker::$globalEvent an instance of
// `driver` and sets how callbacks run.
void startProcessLoop(zend_class_entry* driver);

// In a new worker process: drops the master's watchers without touching its loop.
void forgetInheritedWatchers();

// At MINIT, once Worker is registered.
void bindGlobalEvent(zend_class_entry* worker);

// Request shutdown: stream and signal watchers with their callbacks.
void shutdownEventLoops();

}  // namespace surge::ext::events

#endif
