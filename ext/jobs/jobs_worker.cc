/* The redis-stream:// worker kind: `new Worker('redis-stream://127.0.0.1:6379/orders')`.
 * Each of its processes is one consumer of the queue's consumer group; onMessage gets a
 * Surge\Job. Settings read from the worker when a process starts:
 *   $worker->jobConcurrency  jobs one process holds at most (read ahead + running), 1
 *   $worker->jobClaimIdle    seconds after which a job held by a silent consumer is
 *                            claimed by another (must exceed the longest job), 60
 *   $worker->jobGroup        consumer group name, "surge" */
#include "jobs/jobs_worker.h"

#include <unistd.h>

#include "core/callable.h"
#include "core/runtime.h"
#include "core/worker_object.h"
#include "jobs/job_consumer.h"

extern "C" {
#include "zend_exceptions.h"
}

namespace surge::ext {

void JobConsumerDeleter::operator()(JobConsumer* c) const {
  delete c;
}

namespace jobs {

namespace {

constexpr std::string_view kScheme = "redis-stream://";

// "redis-stream://[:password@]host:port/<queue>" -> endpoint and queue.
bool parseName(const std::string& name, RedisEndpoint* ep, std::string* queue, std::string* error) {
  std::string rest = name.substr(kScheme.size());
  size_t slash = rest.rfind('/');
  if (slash == std::string::npos || slash + 1 == rest.size()) {
    *error =
        "names no queue: use redis-stream://host:port/<queue>, e.g. "
        "redis-stream://127.0.0.1:6379/orders";
    return false;
  }
  *queue = rest.substr(slash + 1);
  auto parsed = RedisEndpoint::parse("redis://" + rest.substr(0, slash), error);
  if (!parsed) return false;
  *ep = *parsed;
  return true;
}

std::string readString(zend_object* w, const char* name, const char* fallback) {
  zval rv;
  zval* v = zend_read_property(w->ce, w, name, strlen(name), 1, &rv);
  if (v == nullptr || Z_TYPE_P(v) <= IS_NULL) return fallback;
  zend_string* s = zval_get_string(v);
  std::string out(ZSTR_VAL(s), ZSTR_LEN(s));
  zend_string_release(s);
  return out;
}

double readDouble(zend_object* w, const char* name, double fallback) {
  zval rv;
  zval* v = zend_read_property(w->ce, w, name, strlen(name), 1, &rv);
  if (v == nullptr || Z_TYPE_P(v) <= IS_NULL) return fallback;
  return zval_get_double(v);
}

std::string exceptionText(zend_object* ex) {
  zval rv;
  zval* msg = zend_read_property_ex(ex->ce, ex, ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);
  std::string text(ZSTR_VAL(ex->ce->name), ZSTR_LEN(ex->ce->name));
  if (msg && Z_TYPE_P(msg) == IS_STRING)
    text += ": " + std::string(Z_STRVAL_P(msg), Z_STRLEN_P(msg));
  return text;
}

// Runs onMessage for one job. Called from a loop callback; a fatal error unwinds past
// this frame (the process ends and the job, unacknowledged, is claimed by another).
JobConsumer::Result runJob(zend_object* worker, const JobRecord& job) {
  WorkerObject* w = workerFrom(worker);
  zval* callback = slot(worker, worker_props.onMessage);
  if (Z_TYPE_P(callback) <= IS_NULL)
    return {false,
            "the worker has no onMessage callback: set $worker->onMessage = function "
            "(Surge\\Job $job) { ... }"};
  char* error = nullptr;
  zend_fcall_info_cache* fcc = w->native->onMessage.resolve(callback, &error);
  if (fcc == nullptr) {
    std::string why = "onMessage is not callable: " + std::string(error ? error : "?");
    if (error) efree(error);
    return {false, why};
  }
  if (error) efree(error);
  std::string why;
  zval arg;
  if (!makeJobObject(job, &arg, &why)) return {false, why};
  CallSite site{"onMessage", worker, 0};
  CallSite outer = enterCallback(site);
  zval ret;
  ZVAL_UNDEF(&ret);
  zend_call_known_function(fcc->function_handler, fcc->object, fcc->called_scope, &ret, 1, &arg,
                           nullptr);
  leaveCallback(outer);
  zval_ptr_dtor(&ret);
  zval_ptr_dtor(&arg);
  if (EG(exception)) {
    std::string text = exceptionText(EG(exception));
    reportPendingException(site);  // logged (with the trace) and cleared, as for any callback
    return {false, text};
  }
  countServed(w);
  return {true, {}};
}

}  // namespace

bool isJobsSocketName(std::string_view socketName) {
  return socketName.substr(0, kScheme.size()) == kScheme;
}

bool prepareWorker(WorkerObject* w) {
  WorkerNative* n = w->native;
  RedisEndpoint ep;
  std::string queue, error;
  if (!parseName(n->socketName, &ep, &queue, &error)) {
    throwRuntime("Surge\\Worker %s: %s", n->socketName.c_str(), error.c_str());
    return false;
  }
  n->scheme = "redis-stream";
  n->jobQueue = true;
  n->prepared = true;
  return true;
}

bool openConsumer(WorkerObject* w) {
  WorkerNative* n = w->native;
  JobConsumer::Options o;
  std::string error;
  if (!parseName(n->socketName, &o.endpoint, &o.queue, &error)) {
    throwRuntime("Surge\\Worker %s: %s", n->socketName.c_str(), error.c_str());
    return false;
  }
  zend_object* obj = &w->std;
  o.concurrency = static_cast<int>(readDouble(obj, "jobConcurrency", 1));
  o.claimIdle = readDouble(obj, "jobClaimIdle", 60);
  o.group = readString(obj, "jobGroup", "surge");
  if (o.concurrency < 1 || !(o.claimIdle > 0) || o.group.empty()) {
    throwRuntime(
        "Surge\\Worker %s: jobConcurrency must be >= 1, jobClaimIdle > 0 seconds and "
        "jobGroup a non-empty name",
        n->socketName.c_str());
    return false;
  }
  char host[256] = "localhost";
  ::gethostname(host, sizeof host - 1);
  o.consumer = std::string(host) + ":" + std::to_string(::getpid());
  std::string label = "Worker[" + workerNameOf(obj) + "] ";
  n->jobs.reset(new JobConsumer(
      *runtime::loop(), std::move(o), [obj](const JobRecord& job) { return runJob(obj, job); },
      [label](const std::string& line) { runtime::log(label + line); }));
  n->jobs->start();
  return true;
}

}  // namespace jobs
}  // namespace surge::ext
