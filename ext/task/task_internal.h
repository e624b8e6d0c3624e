/* What ext/task/task_pool.cc, task_process.cc and task_caller.cc share. */
#ifndef SURGE_EXT_TASK_INTERNAL_H
#define SURGE_EXT_TASK_INTERNAL_H

#include <sys/types.h>

#include <memory>
#include <string>

#include "core/common.h"
#include "task/task_slots.h"

namespace surge::ext::task {

extern zend_class_entry* task_error_ce;

struct TaskProps {
  uint32_t taskCount, onTask, taskQueueLimit;
};
extern TaskProps task_props;

// A task in flight on one process holds at most this many places there (one running,
// the rest waiting in its inbox): enough to keep it busy between round trips, few
// enough that a slow task delays little behind it.
constexpr uint32_t kWindow = 4;

struct Pool {
  zend_object* worker;  // not referenced: runtime::workers() holds it in the master
  int group;            // supervisor group of its task processes
  std::unique_ptr<TaskSlots> slots;
};

// The pool of `worker` (nullptr: it has none). In a child only the pool of the Worker
// it was forked for is meaningful.
Pool* poolOf(zend_object* worker);
// Mailbox scope of task messages: their own, beside the server's other inboxes.
std::string mailboxScope(pid_t masterPid);
// "worker[name:pid]" for log lines.
std::string logPrefix(zend_object* worker, bool taskProcess);

// serialize(): false with the exception pending when `value` cannot be serialized.
bool serializeValue(zval* value, std::string* out);
// unserialize() into `out`; false (out undefined) when the bytes are not a value.
bool unserializeValue(std::string_view bytes, zval* out);
// "Class: message" of the pending exception (left pending).
std::string pendingExceptionText();
// A Surge\TaskError with `message` in `out`.
void makeTaskError(zval* out, const std::string& message);

// task_process.cc: this child becomes task process `slot` of `pool`.
void startTaskProcess(Pool* pool, int slot, pid_t masterPid);
// task_caller.cc: this child is a worker process of `pool`'s Worker and may call task().
void startCaller(Pool* pool, pid_t masterPid);
bool inTaskProcess();

}  // namespace surge::ext::task

#endif
