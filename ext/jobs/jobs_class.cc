/* Surge\Jobs::push(): adds a job to a queue. In a worker process it sends through one
 * asynchronous connection per Redis address (queued while that connection is being made,
 * so push() never blocks the loop); elsewhere (a plain script, the master before
 * runAll()) it waits for Redis to answer, through one blocking connection kept for the
 * request. */
#include <deque>
#include <map>
#include <memory>

#include "core/boundary.h"
#include "core/runtime.h"
#include "jobs/job_record.h"
#include "jobs/jobs_worker.h"
#include "redis/redis_blocking.h"
#include "redis/redis_connection.h"

extern "C" {
#include "ext/standard/php_var.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
}

#include "arginfo/Jobs_arginfo.h"

namespace surge::ext {

void registerJobClass();

namespace {

zend_class_entry* jobs_ce = nullptr;
constexpr size_t kMaxQueuedPushes = 100000;

// One asynchronous producer connection of a worker process.
struct Producer {
  std::unique_ptr<RedisConnection> conn;
  std::deque<std::vector<std::string>> outbox;  // pushes waiting for the connection

  void send(std::vector<std::string> args) {
    if (outbox.empty() && conn->connected()) {
      auto copy = args;
      if (conn->command(args, [this, copy = std::move(copy)](const RedisReply* r) {
            // Lost with the connection: sent again (at-least-once; it may have been added).
            if (r == nullptr)
              outbox.push_back(copy);
            else if (r->isError())
              runtime::log("Surge\\Jobs::push() to Redis at " + conn->endpoint().describe() +
                           " failed: " + r->str);
          }))
        return;
    }
    outbox.push_back(std::move(args));
  }
  void flush() {
    std::deque<std::vector<std::string>> list;
    list.swap(outbox);
    for (auto& args : list) send(std::move(args));
  }
};

std::map<std::string, std::unique_ptr<Producer>> g_producers;
std::map<std::string, std::unique_ptr<RedisBlocking>> g_blocking;
EventLoop* g_producerLoop = nullptr;

Producer& producerFor(const std::string& uri, const RedisEndpoint& ep, EventLoop& loop) {
  if (g_producerLoop != &loop) {  // a new process: what a parent opened is not ours
    for (auto& [k, p] : g_producers) p.release();  // NOLINT: its fds belong to the parent
    g_producers.clear();
    g_producerLoop = &loop;
  }
  auto& slot = g_producers[uri];
  if (!slot) {
    slot = std::make_unique<Producer>();
    Producer* p = slot.get();
    p->conn = std::make_unique<RedisConnection>(loop, ep);
    p->conn->setOnConnected([p] { p->flush(); });
    p->conn->setOnDisconnected([p](const std::string& why) {
      runtime::log("Surge\\Jobs::push(): Redis at " + p->conn->endpoint().describe() + ": " + why +
                   "; " + std::to_string(p->outbox.size()) +
                   " job(s) wait and are sent when it answers");
    });
    p->conn->start();
  }
  return *slot;
}

std::string serializePayload(zval* payload, bool* ok) {
  smart_str buf = {};
  php_serialize_data_t hash;
  PHP_VAR_SERIALIZE_INIT(hash);
  php_var_serialize(&buf, payload, &hash);
  PHP_VAR_SERIALIZE_DESTROY(hash);
  *ok = !EG(exception);
  std::string out = buf.s ? std::string(ZSTR_VAL(buf.s), ZSTR_LEN(buf.s)) : std::string();
  smart_str_free(&buf);
  return out;
}

bool readNumber(zval* v, const char* name, double min, double* out) {
  if (Z_TYPE_P(v) != IS_LONG && Z_TYPE_P(v) != IS_DOUBLE) {
    zend_value_error("Surge\\Jobs::push(): option '%s' must be a number, %s given", name,
                     zend_zval_type_name(v));
    return false;
  }
  *out = zval_get_double(v);
  if (!(*out >= min)) {
    zend_value_error("Surge\\Jobs::push(): option '%s' must be >= %g", name, min);
    return false;
  }
  return true;
}

}  // namespace

void registerJobsClasses() {
  jobs_ce = register_class_Surge_Jobs();
  registerJobClass();
}

void shutdownJobs() {
  for (auto& [uri, p] : g_producers) {
    if (!p) continue;
    if (!p->outbox.empty())
      runtime::log("Surge\\Jobs: " + std::to_string(p->outbox.size()) +
                   " pushed job(s) were never sent: Redis at " + p->conn->endpoint().describe() +
                   " did not answer before the process ended");
    p->conn->flush();
  }
  g_producers.clear();
  g_blocking.clear();
}

}  // namespace surge::ext

using namespace surge;
using namespace surge::ext;

SURGE_METHOD(Surge_Jobs, push) {
  zend_string* queue;
  zval* payload;
  HashTable* options = nullptr;
  ZEND_PARSE_PARAMETERS_START(2, 3)
  Z_PARAM_STR(queue)
  Z_PARAM_ZVAL(payload)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY_HT(options)
  ZEND_PARSE_PARAMETERS_END();
  if (ZSTR_LEN(queue) == 0) {
    zend_argument_value_error(1, "must be a queue name such as 'orders'");
    RETURN_THROWS();
  }
  JobRecord job;
  job.id = JobRecord::newId();
  job.queue.assign(ZSTR_VAL(queue), ZSTR_LEN(queue));
  double delay = 0;
  if (options) {
    zend_string* key;
    zval* v;
    ZEND_HASH_FOREACH_STR_KEY_VAL(options, key, v) {
      ZVAL_DEREF(v);
      std::string k = key ? std::string(ZSTR_VAL(key), ZSTR_LEN(key)) : std::string("(int key)");
      double d = 0;
      if (k == "delay") {
        if (!readNumber(v, "delay", 0, &delay)) RETURN_THROWS();
      } else if (k == "attempts") {
        if (!readNumber(v, "attempts", 1, &d)) RETURN_THROWS();
        job.attempts = static_cast<int>(std::min(d, 1e6));
      } else if (k == "retryDelay") {
        if (!readNumber(v, "retryDelay", 0, &d)) RETURN_THROWS();
        job.retryDelay = d;
      } else {
        zend_value_error(
            "Surge\\Jobs::push(): unknown option '%s': use 'delay' (seconds), 'attempts' (max "
            "runs) or 'retryDelay' (seconds before the first retry)",
            k.c_str());
        RETURN_THROWS();
      }
    }
    ZEND_HASH_FOREACH_END();
  }
  bool ok = false;
  job.payload = serializePayload(payload, &ok);
  if (!ok) RETURN_THROWS();  // e.g. a Closure: serialize() says so

  std::vector<std::string> args;
  if (delay > 0) {
    args = {"EVAL",
            job_scripts::kPushDelayed,
            "1",
            job_keys::delayed(job.queue),
            std::to_string(static_cast<long long>(delay * 1000 + 0.5)),
            job.delayedMember()};
  } else {
    args = {"XADD", job.queue, "*"};
    for (auto& f : job.fields()) args.push_back(std::move(f));
  }

  zval* uriZv = zend_read_static_property(jobs_ce, "redis", sizeof("redis") - 1, 0);
  std::string uri = uriZv && Z_TYPE_P(uriZv) == IS_STRING ? Z_STRVAL_P(uriZv) : "";
  std::string error;
  auto ep = RedisEndpoint::parse(uri, &error);
  if (!ep) {
    throwRuntime("Surge\\Jobs::$redis: %s", error.c_str());
    RETURN_THROWS();
  }
  EventLoop* loop = runtime::inWorkerProcess() ? runtime::loop() : nullptr;
  if (loop != nullptr) {
    Producer& p = producerFor(uri, *ep, *loop);
    if (p.outbox.size() >= kMaxQueuedPushes) {
      throwRuntime(
          "Surge\\Jobs::push(): Redis at %s has not answered and %zu jobs already wait "
          "for it; check that it runs (Surge\\Jobs::$redis)",
          ep->describe().c_str(), p.outbox.size());
      RETURN_THROWS();
    }
    p.send(std::move(args));
  } else {
    auto& conn = g_blocking[uri];
    if (!conn) conn = std::make_unique<RedisBlocking>(*ep, 5.0);
    auto reply = conn->command(args, &error);
    if (!reply || reply->isError()) {
      throwRuntime("Surge\\Jobs::push(): %s%s",
                   reply ? ("Redis at " + ep->describe() + " answered: ").c_str() : "",
                   reply ? reply->str.c_str() : error.c_str());
      RETURN_THROWS();
    }
  }
  RETURN_STRINGL(job.id.data(), job.id.size());
}
