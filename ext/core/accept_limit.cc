/* Limits a worker process applies to itself: maxConnections (accepting pauses at the limit
 * instead of accepting and dropping; the kernel's queue, or another process on a shared
 * socket, holds the new clients meanwhile) and maxInputMemory (the process's budget for
 * partial input, enforced by the core's InputBudget). */
#include "core/runtime.h"
#include "core/worker_object.h"
#include "net/input_budget.h"
#include "udp/udp_connection.h"
#include "jobs/job_consumer.h"

namespace surge::ext {

namespace {
size_t maxConnectionsOf(WorkerObject* w) {
  zend_long max = slotLong(&w->std, worker_props.maxConnections, 0);
  return max > 0 ? static_cast<size_t>(max) : 0;
}
}  // namespace

bool acceptMayResume(WorkerObject* w) {
  WorkerNative* n = w->native;
  return (n->listener || n->datagrams || n->jobs) && !n->acceptPausedByUser &&
         !n->acceptPausedByLimit && !n->stopped && !runtime::stopping();
}

void resumeIntake(WorkerNative* n) {
  if (n->listener) n->listener->resume();
  if (n->datagrams) n->datagrams->resume();
  if (n->jobs) n->jobs->resume();
}

void pauseIntake(WorkerNative* n) {
  if (n->listener) n->listener->pause();
  if (n->datagrams) n->datagrams->pause();
  if (n->jobs) n->jobs->pause();
}

void noteConnectionOpened(WorkerObject* w) {
  WorkerNative* n = w->native;
  ++n->openConnections;
  size_t max = maxConnectionsOf(w);
  if (max == 0 || n->openConnections < max || n->acceptPausedByLimit) return;
  n->acceptPausedByLimit = true;
  pauseIntake(n);
}

void noteConnectionClosed(WorkerObject* w) {
  WorkerNative* n = w->native;
  if (n->openConnections > 0) --n->openConnections;
  if (!n->acceptPausedByLimit) return;
  size_t max = maxConnectionsOf(w);
  if (max != 0 && n->openConnections >= max) return;
  n->acceptPausedByLimit = false;
  if (acceptMayResume(w)) resumeIntake(n);
}

void armProcessLimits(WorkerObject* w) {
  zend_long budget = slotLong(&w->std, worker_props.maxInputMemory, 0);
  InputBudget::process().setLimit(budget > 0 ? static_cast<size_t>(budget) : 0);
}

}  // namespace surge::ext
