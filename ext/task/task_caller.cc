// The caller's side of a task pool, in the worker processes of its Worker:
// $worker->task($data, $done) queues the serialized data, sends it to the least busy task
// process with room, and calls $done($result, $taskId) when the answer comes back (a
// Surge\TaskError as $result when there is none, also when the task process died).
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/boundary.h"
#include "core/callable.h"
#include "core/runtime.h"
#include "core/worker_object.h"
#include "event/event_loop.h"
#include "event/timer.h"
#include "ipc/mailbox.h"
#include "task/task_internal.h"
#include "task/task_message.h"

extern "C" {
#include "ext/spl/spl_exceptions.h"
#include "zend_exceptions.h"
}

namespace surge::ext::task {

namespace {

struct Waiting {
  uint64_t id;
  std::string data;  // serialized
  zval done;         // callable or null
};

struct InFlight {
  int slot;
  pid_t pid;
  zval done;
};

struct Caller {
  Pool* pool = nullptr;
  pid_t masterPid = 0;
  std::unique_ptr<Mailbox> inbox;
  std::unique_ptr<Timer> tick;  // dispatches waiting tasks, watches task processes
  unsigned ticks = 0;
  uint64_t nextId = 0;
  int rotate = 0;
  std::deque<Waiting> waiting;
  std::unordered_map<uint64_t, InFlight> inFlight;
};

Caller* g_caller = nullptr;

zend_long srcWorkerId() {
  return slotLong(g_caller->pool->worker, worker_props.id, 0);
}

void deliver(uint64_t id, zval* done, zval* result) {
  if (Z_TYPE_P(done) == IS_NULL || runtime::exiting()) return;
  zval args[2];
  ZVAL_COPY_VALUE(&args[0], result);
  ZVAL_LONG(&args[1], static_cast<zend_long>(id));
  callCallback(done, nullptr, 2, args, CallSite{"task() callback", g_caller->pool->worker, 0});
}

void failInFlight(uint64_t id, const std::string& why) {
  auto it = g_caller->inFlight.find(id);
  if (it == g_caller->inFlight.end()) return;
  zval done;
  ZVAL_COPY_VALUE(&done, &it->second.done);
  g_caller->inFlight.erase(it);
  zval error;
  makeTaskError(&error, why);
  deliver(id, &done, &error);
  zval_ptr_dtor(&error);
  zval_ptr_dtor(&done);
}

void armTick();

// Sends waiting tasks, oldest first, while some task process has room.
void pump() {
  Caller* c = g_caller;
  TaskSlots& slots = *c->pool->slots;
  while (!c->waiting.empty()) {
    pid_t pid = 0;
    int slot = slots.acquire(kWindow, c->rotate++, &pid);
    if (slot < 0) break;
    Waiting& next = c->waiting.front();
    TaskMessage m;
    m.kind = TaskMessage::kTask;
    m.taskId = next.id;
    m.srcWorkerId = static_cast<int32_t>(srcWorkerId());
    m.body = next.data;
    if (!c->inbox->send(pid, m.encode())) {
      // That process is gone and the master has not withdrawn its slot yet: try later.
      slots.cancel(slot, pid);
      break;
    }
    InFlight& f = c->inFlight[next.id];
    f.slot = slot;
    f.pid = pid;
    ZVAL_COPY_VALUE(&f.done, &next.done);
    c->waiting.pop_front();
  }
  armTick();
}

void onTick(void*) {
  Caller* c = g_caller;
  pump();
  // A task process that died (killed, fatal error, exit()) answers nothing more: every
  // task this process sent it fails, so that no caller waits forever.
  if (++c->ticks % 10 != 0) return;
  std::vector<std::pair<uint64_t, pid_t>> lost;
  std::unordered_map<pid_t, bool> gone;  // one kill(pid, 0) per task process
  for (auto& [id, f] : c->inFlight) {
    auto [it, fresh] = gone.try_emplace(f.pid, false);
    if (fresh) it->second = ::kill(f.pid, 0) != 0 && errno == ESRCH;
    if (it->second) lost.emplace_back(id, f.pid);
  }
  std::sort(lost.begin(), lost.end());  // callers learn of them in the order they gave them
  for (auto& [id, pid] : lost)
    failInFlight(id, "the task process (pid " + std::to_string(pid) +
                         ") exited before answering task #" + std::to_string(id));
  armTick();
}

void armTick() {
  Caller* c = g_caller;
  bool busy = !c->waiting.empty() || !c->inFlight.empty();
  if (busy && !c->tick->active()) c->tick->start(0.01, true);
  if (!busy && c->tick->active()) c->tick->stop();
}

void onAnswer(void*, pid_t from, std::string_view bytes) {
  TaskMessage m;
  if (!TaskMessage::decode(bytes, &m) || m.kind == TaskMessage::kTask) {
    runtime::log(logPrefix(g_caller->pool->worker, false) +
                 " ignored a malformed task answer from pid " + std::to_string(from));
    return;
  }
  auto it = g_caller->inFlight.find(m.taskId);
  if (it == g_caller->inFlight.end()) return;  // already failed by the watch
  zval done;
  ZVAL_COPY_VALUE(&done, &it->second.done);
  g_caller->inFlight.erase(it);
  zval result;
  if (m.kind == TaskMessage::kFailed) {
    makeTaskError(&result, std::string(m.body));
  } else if (!unserializeValue(m.body, &result)) {
    if (EG(exception)) zend_clear_exception();
    makeTaskError(&result,
                  "the result of task #" + std::to_string(m.taskId) + " could not be unserialized");
  }
  // Room was freed on that task process: send the next before running PHP.
  pump();
  deliver(m.taskId, &done, &result);
  zval_ptr_dtor(&result);
  zval_ptr_dtor(&done);
}

// Opens the inbox the first time task() needs it (in the loop of this worker process).
bool ensureInbox() {
  Caller* c = g_caller;
  if (c->inbox) return true;
  EventLoop& loop = *runtime::loop();
  auto inbox = std::make_unique<Mailbox>(loop, &onAnswer, nullptr);
  std::string error;
  if (!inbox->open(mailboxScope(c->masterPid), &error)) {
    throwRuntime("Surge\\Worker::task(): this worker process cannot open its task inbox: %s",
                 error.c_str());
    return false;
  }
  c->inbox = std::move(inbox);
  c->tick = std::make_unique<Timer>(loop, &onTick, nullptr);
  return true;
}

// Where task() may run, or an exception that says what to do.
bool checkCaller(zend_object* worker) {
  std::string name = workerNameOf(worker);
  if (inTaskProcess()) {
    throwRuntime(
        "Surge\\Worker::task() cannot be called from onTask: a task process takes tasks, "
        "it does not give them (a task waiting on its own pool can deadlock it); do the "
        "work in onTask itself and return its result");
    return false;
  }
  if (!runtime::inWorkerProcess()) {
    throwRuntime(
        "Surge\\Worker::task() works only in the worker processes Worker::runAll() starts "
        "(in onWorkerStart, onMessage, a timer...), not before runAll() or in the master");
    return false;
  }
  if (g_caller == nullptr || g_caller->pool->worker != worker) {
    if (slotLong(worker, task_props.taskCount, 0) <= 0 && g_caller == nullptr)
      throwRuntime(
          "Surge\\Worker::task(): Worker '%s' has no task processes: set "
          "$worker->taskCount = N and $worker->onTask before Worker::runAll()",
          name.c_str());
    else
      throwRuntime(
          "Surge\\Worker::task(): call it on the Worker of this worker process (its "
          "task pool serves only its own processes), not on Worker '%s'",
          name.c_str());
    return false;
  }
  return true;
}

}  // namespace

void startCaller(Pool* pool, pid_t masterPid) {
  g_caller = new Caller;  // lives as long as the process
  g_caller->pool = pool;
  g_caller->masterPid = masterPid;
}

}  // namespace surge::ext::task

using namespace surge::ext;
using namespace surge::ext::task;

SURGE_METHOD(Surge_Worker, task) {
  zval* data;
  zval* done = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_ZVAL(data)
  Z_PARAM_OPTIONAL
  Z_PARAM_ZVAL_OR_NULL(done)
  ZEND_PARSE_PARAMETERS_END();
  zend_object* worker = Z_OBJ_P(ZEND_THIS);
  if (done && !zend_is_callable(done, 0, nullptr)) {
    zend_argument_type_error(2, "must be a valid callback or null");
    RETURN_THROWS();
  }
  if (!checkCaller(worker) || !ensureInbox()) RETURN_THROWS();
  Caller* c = g_caller;
  std::string bytes;
  if (!serializeValue(data, &bytes)) {
    zend_object* previous = EG(exception);
    GC_ADDREF(previous);
    std::string why = pendingExceptionText();
    zend_clear_exception();
    zend_throw_exception_ex(spl_ce_InvalidArgumentException, 0,
                            "Surge\\Worker::task(): $data cannot be serialized (%s): pass plain "
                            "values, arrays or serializable objects; a closure or a resource "
                            "cannot cross to another process",
                            why.c_str());
    zend_exception_set_previous(EG(exception), previous);
    RETURN_THROWS();
  }
  // Back-pressure: beyond taskQueueLimit tasks waiting for a free task process, refuse.
  zend_long limit = slotLong(worker, task_props.taskQueueLimit, 1024);
  if (static_cast<zend_long>(c->waiting.size()) >= limit) {
    pump();
    if (static_cast<zend_long>(c->waiting.size()) >= limit) RETURN_FALSE;
  }
  uint64_t id = ++c->nextId;
  Waiting w;
  w.id = id;
  w.data = std::move(bytes);
  if (done)
    ZVAL_COPY(&w.done, done);
  else
    ZVAL_NULL(&w.done);
  c->waiting.push_back(std::move(w));
  pump();
  RETURN_LONG(static_cast<zend_long>(id));
}
