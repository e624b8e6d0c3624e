// A task process: takes tasks from its inbox one at a time, runs the Worker's onTask with
// each and sends the result back to the process that asked. It runs no other callback of
// the Worker (no onWorkerStart/onWorkerStop/onWorkerReload, no connections).
#include <unistd.h>

#include <cstdint>
#include <memory>
#include <string>

#include "core/callable.h"
#include "core/run_all_internal.h"
#include "core/runtime.h"
#include "core/status.h"
#include "core/worker_object.h"
#include "event/event_loop.h"
#include "event/timer.h"
#include "ipc/mailbox.h"
#include "task/task_internal.h"
#include "task/task_message.h"

extern "C" {
#include "zend_exceptions.h"
}

namespace surge::ext::task {

namespace {

struct TaskProcess {
  Pool* pool = nullptr;
  int slot = 0;
  pid_t pid = 0;
  std::unique_ptr<Mailbox> inbox;
  // Watches for a stop: the slot is withdrawn first, and the process lingers until its
  // inbox stayed empty for a moment, so that tasks already sent to it are still answered.
  std::unique_ptr<Timer> stopWatch;
  bool withdrawn = false;
  double lastMessageAt = 0;
};

TaskProcess* g_process = nullptr;

double now() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

void reply(pid_t to, const TaskMessage& task, TaskMessage::Kind kind, std::string_view body) {
  TaskMessage answer;
  answer.kind = kind;
  answer.taskId = task.taskId;
  answer.srcWorkerId = task.srcWorkerId;
  answer.body = body;
  // False: the caller is gone (stopped or died); nobody is left to tell.
  g_process->inbox->send(to, answer.encode());
}

std::string taskContext(const TaskMessage& task, pid_t from) {
  return "task #" + std::to_string(task.taskId) + " from worker #" +
         std::to_string(task.srcWorkerId) + " (pid " + std::to_string(from) + ")";
}

// Runs onTask for one task; returns false with *failure set when there is no result.
bool runOnTask(zend_object* worker, const TaskMessage& task, pid_t from, std::string* result,
               std::string* failure) {
  zval args[4];
  if (!unserializeValue(task.body, &args[0])) {
    if (EG(exception)) zend_clear_exception();
    *failure = "the task process could not unserialize the data of " + taskContext(task, from);
    runtime::log(logPrefix(worker, true) + " " + *failure);
    return false;
  }
  ZVAL_LONG(&args[1], static_cast<zend_long>(task.taskId));
  ZVAL_LONG(&args[2], task.srcWorkerId);
  ZVAL_OBJ(&args[3], worker);
  zval retval;
  ZVAL_UNDEF(&retval);
  zend_fcall_info fci;
  zend_fcall_info_cache fcc;
  char* error = nullptr;
  zval* callable = slot(worker, task_props.onTask);
  bool ok = false;
  if (zend_fcall_info_init(callable, 0, &fci, &fcc, nullptr, &error) != SUCCESS) {
    *failure = std::string("onTask is not callable: ") + (error ? error : "");
    runtime::log(logPrefix(worker, true) + " " + *failure);
  } else {
    fci.retval = &retval;
    fci.params = args;
    fci.param_count = 4;
    CallSite previous = enterCallback(CallSite{"onTask", worker, 0});
    zend_call_function(&fci, &fcc);
    leaveCallback(previous);
    if (EG(exception)) {
      *failure = pendingExceptionText();
      if (zend_is_unwind_exit(EG(exception)) || zend_is_graceful_exit(EG(exception))) {
        *failure = "onTask called exit() during " + taskContext(task, from);
        reportPendingException(CallSite{"onTask", worker, 0});  // stops the loop, exit pending
      } else {
        runtime::log(logPrefix(worker, true) + " onTask threw for " + taskContext(task, from) +
                     "; its caller gets a Surge\\TaskError");
        reportPendingException(CallSite{"onTask", worker, 0});
      }
    } else if (!serializeValue(&retval, result)) {
      *failure = "the result of onTask cannot be serialized (" + pendingExceptionText() +
                 "): return plain values, arrays or serializable objects";
      zend_clear_exception();
      runtime::log(logPrefix(worker, true) + " " + taskContext(task, from) + ": " + *failure);
    } else {
      ok = true;
    }
  }
  if (error) efree(error);
  zval_ptr_dtor(&retval);
  zval_ptr_dtor(&args[0]);
  return ok;
}

void onMessage(void*, pid_t from, std::string_view bytes) {
  TaskProcess* p = g_process;
  p->lastMessageAt = now();
  zend_object* worker = p->pool->worker;
  TaskMessage task;
  if (!TaskMessage::decode(bytes, &task) || task.kind != TaskMessage::kTask) {
    runtime::log(logPrefix(worker, true) + " ignored a malformed message from pid " +
                 std::to_string(from));
    return;
  }
  if (runtime::exiting()) return;  // exit() ran in an earlier task: no more PHP
  std::string result, failure;
  bool ok = runOnTask(worker, task, from, &result, &failure);
  // Room first: a caller that acts on the answer at once sees this process free again.
  p->pool->slots->release(p->slot, p->pid);
  if (ok)
    reply(from, task, TaskMessage::kResult, result);
  else
    reply(from, task, TaskMessage::kFailed, failure);
  if (StatusBoard::Counters* c = status::counters())
    c->totalRequests.fetch_add(1, std::memory_order_relaxed);
}

void watchStop(void*) {
  TaskProcess* p = g_process;
  if (!runtime::stopping()) return;
  if (!p->withdrawn) {
    p->withdrawn = true;
    p->pool->slots->withdraw(p->slot, p->pid);
    p->lastMessageAt = now();
    return;
  }
  // Tasks sent just before the withdrawal arrive within a moment; then nothing more can.
  if (now() - p->lastMessageAt < 0.1 || p->inbox->queuedBytes() > 0) return;
  p->stopWatch->stop();
  runtime::releaseStop();
}

}  // namespace

bool inTaskProcess() {
  return g_process != nullptr;
}

void startTaskProcess(Pool* pool, int slot, pid_t masterPid) {
  zend_object* worker = pool->worker;
  WorkerObject* w = workerFrom(worker);
  // The Worker's socket belongs to its worker processes.
  if (w->native->listenFd >= 0) ::close(w->native->listenFd);
  w->native->listenFd = -1;
  // Only onTask runs here: the Worker's process callbacks belong to its worker processes.
  for (const char* name : {"onWorkerStart", "onWorkerStop", "onWorkerReload"})
    zend_update_property_null(worker_ce, worker, name, strlen(name));
  process::setProcessTitle("Surge: task process  " + workerNameOf(worker));

  auto* p = new TaskProcess;  // lives as long as the process
  g_process = p;
  p->pool = pool;
  p->slot = slot;
  p->pid = getpid();
  EventLoop& loop = *runtime::loop();
  p->inbox = std::make_unique<Mailbox>(loop, &onMessage, nullptr);
  std::string error;
  if (!p->inbox->open(mailboxScope(masterPid), &error)) {
    runtime::log(logPrefix(worker, true) + " cannot open its inbox: " + error +
                 "; this process exits and the master starts a new one");
    runtime::requestStop(250, false);
    return;
  }
  // Answers are never dropped for a slow caller: they wait for it (it is alive, or the
  // send fails at once).
  p->inbox->setMaxQueuedBytes(SIZE_MAX);
  runtime::holdStop();
  p->stopWatch = std::make_unique<Timer>(loop, &watchStop, nullptr);
  p->stopWatch->start(0.05, true);
  pool->slots->publish(slot, p->pid);
}

}  // namespace surge::ext::task
