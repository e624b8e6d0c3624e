// Task pools in the master: the settings checked before anything forks, the shared slots,
// the supervised group of each pool and its records on the status board. Then, in each
// child, which side of a pool it is on (task process or caller).
#include "task/task_pool.h"

#include <unistd.h>

#include <exception>
#include <string>
#include <vector>

#include "core/runtime.h"
#include "core/worker_object.h"
#include "task/task_internal.h"

extern "C" {
#include "ext/spl/spl_exceptions.h"
#include "ext/standard/php_var.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
}

#include "arginfo/TaskError_arginfo.h"

namespace surge::ext::task {

zend_class_entry* task_error_ce = nullptr;
TaskProps task_props;

namespace {

// Master: one per Worker with taskCount > 0, in the order of runtime::workers(). Children
// inherit it (and the mappings of the slots).
std::vector<Pool> g_pools;

// More would be a typo rather than a plan (each is a PHP process).
constexpr zend_long kMaxTaskCount = 1024;

}  // namespace

void registerTaskClasses() {
  task_error_ce = register_class_Surge_TaskError(spl_ce_RuntimeException);
  task_props.taskCount = propertyOffset(worker_ce, "taskCount");
  task_props.onTask = propertyOffset(worker_ce, "onTask");
  task_props.taskQueueLimit = propertyOffset(worker_ce, "taskQueueLimit");
}

bool preparePools() {
  g_pools.clear();
  for (zend_object* obj : runtime::workers()) {
    std::string name = workerNameOf(obj);
    zend_long count = slotLong(obj, task_props.taskCount, 0);
    if (count < 0 || count > kMaxTaskCount) {
      throwRuntime(
          "Surge\\Worker '%s': taskCount must be between 0 (no task processes) and %ld, got %ld",
          name.c_str(), static_cast<long>(kMaxTaskCount), static_cast<long>(count));
      return false;
    }
    if (slotLong(obj, task_props.taskQueueLimit, 0) < 0) {
      throwRuntime(
          "Surge\\Worker '%s': taskQueueLimit must be 0 or more (tasks a worker process "
          "keeps waiting while every task process is busy)",
          name.c_str());
      return false;
    }
    if (count == 0) continue;
    zval* onTask = slot(obj, task_props.onTask);
    if (Z_TYPE_P(onTask) == IS_NULL || !zend_is_callable(onTask, 0, nullptr)) {
      throwRuntime(
          "Surge\\Worker '%s': taskCount is %ld but onTask is %s: set $worker->onTask = "
          "function (mixed $data, int $taskId, int $srcWorkerId, Surge\\Worker $worker) "
          "{ return $result; } before Worker::runAll()",
          name.c_str(), static_cast<long>(count),
          Z_TYPE_P(onTask) == IS_NULL ? "not set" : "not callable");
      return false;
    }
    try {
      g_pools.push_back(Pool{obj, -1, std::make_unique<TaskSlots>(static_cast<int>(count))});
    } catch (const std::exception& e) {
      throwRuntime("Surge\\Worker '%s': cannot create its task pool: %s", name.c_str(), e.what());
      return false;
    }
  }
  return true;
}

void addGroups(std::vector<Supervisor::Group>* groups) {
  for (Pool& pool : g_pools) {
    pool.group = static_cast<int>(groups->size());
    // stopFirst: a task process has no socket to keep serving, and during its
    // replacement the callers' tasks simply wait in their queues.
    groups->push_back({workerNameOf(pool.worker) + " task", pool.slots->size(),
                       zend_is_true(slot(pool.worker, worker_props.reloadable)) != 0, true});
  }
}

void addBoardGroups(std::vector<StatusBoard::GroupSpec>* groups) {
  for (Pool& pool : g_pools)
    groups->push_back({workerNameOf(pool.worker) + " task", "task", pool.slots->size()});
}

zend_object* workerOfGroup(int group) {
  std::vector<zend_object*>& list = runtime::workers();
  if (group >= 0 && static_cast<size_t>(group) < list.size())
    return list[static_cast<size_t>(group)];
  for (Pool& pool : g_pools)
    if (pool.group == group) return pool.worker;
  return list.front();  // not reached: every group is a Worker's or a pool's
}

void childExited(int group, pid_t pid) {
  for (Pool& pool : g_pools) {
    if (pool.group != group) continue;
    for (int i = 0; i < pool.slots->size(); ++i) pool.slots->withdraw(i, pid);
  }
}

Pool* poolOf(zend_object* worker) {
  for (Pool& pool : g_pools)
    if (pool.worker == worker) return &pool;
  return nullptr;
}

bool runsTasks(zend_object* worker, int group, int slot, pid_t masterPid) {
  for (Pool& pool : g_pools) {
    if (pool.group == group) {
      startTaskProcess(&pool, slot, masterPid);
      return true;
    }
  }
  if (Pool* pool = poolOf(worker)) startCaller(pool, masterPid);
  return false;
}

std::string mailboxScope(pid_t masterPid) {
  return std::to_string(masterPid) + ".task";
}

std::string logPrefix(zend_object* worker, bool taskProcess) {
  return std::string(taskProcess ? "task" : "worker") + "[" + workerNameOf(worker) + ":" +
         std::to_string(getpid()) + "]";
}

bool serializeValue(zval* value, std::string* out) {
  php_serialize_data_t hash;
  smart_str buf = {};
  PHP_VAR_SERIALIZE_INIT(hash);
  php_var_serialize(&buf, value, &hash);
  PHP_VAR_SERIALIZE_DESTROY(hash);
  if (EG(exception)) {
    smart_str_free(&buf);
    return false;
  }
  if (buf.s) out->assign(ZSTR_VAL(buf.s), ZSTR_LEN(buf.s));
  smart_str_free(&buf);
  return true;
}

bool unserializeValue(std::string_view bytes, zval* out) {
  php_unserialize_data_t hash;
  PHP_VAR_UNSERIALIZE_INIT(hash);
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  ZVAL_UNDEF(out);
  bool ok = php_var_unserialize(out, &p, p + bytes.size(), &hash);
  PHP_VAR_UNSERIALIZE_DESTROY(hash);
  if (!ok || EG(exception)) {
    zval_ptr_dtor(out);
    ZVAL_UNDEF(out);
    return false;
  }
  return true;
}

std::string pendingExceptionText() {
  zend_object* ex = EG(exception);
  if (ex == nullptr) return "";
  zval rv;
  zval* message = zend_read_property_ex(ex->ce, ex, ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);
  std::string text(ZSTR_VAL(ex->ce->name), ZSTR_LEN(ex->ce->name));
  if (message && Z_TYPE_P(message) == IS_STRING)
    text += std::string(": ") + std::string(Z_STRVAL_P(message), Z_STRLEN_P(message));
  return text;
}

void makeTaskError(zval* out, const std::string& message) {
  object_init_ex(out, task_error_ce);
  zend_update_property_stringl(zend_ce_exception, Z_OBJ_P(out), "message", sizeof("message") - 1,
                               message.data(), message.size());
}

}  // namespace surge::ext::task
