/* Surge\Job: one job as onMessage receives it (readonly properties, built natively). */
#include "jobs/jobs_worker.h"

extern "C" {
#include "ext/standard/php_var.h"
#include "zend_exceptions.h"
}

#include "jobs/job_record.h"

#include "arginfo/Job_arginfo.h"

ZEND_METHOD(Surge_Job, __construct) {}

namespace surge::ext {

namespace {
zend_class_entry* job_ce = nullptr;

void init(zend_object* obj, const char* name, zval* value) {
  // Readonly properties may be initialized from the class's own scope only.
  zend_update_property(job_ce, obj, name, strlen(name), value);
}
}  // namespace

void registerJobClass() {
  job_ce = register_class_Surge_Job();
  job_ce->create_object = nullptr;
}

namespace jobs {

bool makeJobObject(const JobRecord& job, zval* out, std::string* error) {
  zval payload;
  ZVAL_UNDEF(&payload);
  php_unserialize_data_t hash = php_var_unserialize_init();
  const auto* p = reinterpret_cast<const unsigned char*>(job.payload.data());
  bool ok = php_var_unserialize(&payload, &p, p + job.payload.size(), &hash);
  php_var_unserialize_destroy(hash);
  if (!ok || EG(exception)) {
    if (EG(exception)) zend_clear_exception();
    zval_ptr_dtor(&payload);
    *error =
        "the payload cannot be unserialized (not written by Surge\\Jobs::push(), or a class it "
        "names is not loaded in the consumer)";
    return false;
  }
  object_init_ex(out, job_ce);
  zend_object* obj = Z_OBJ_P(out);
  zval v;
  ZVAL_STRINGL(&v, job.id.data(), job.id.size());
  init(obj, "id", &v);
  zval_ptr_dtor(&v);
  ZVAL_STRINGL(&v, job.queue.data(), job.queue.size());
  init(obj, "queue", &v);
  zval_ptr_dtor(&v);
  init(obj, "payload", &payload);
  zval_ptr_dtor(&payload);
  ZVAL_LONG(&v, job.attempt);
  init(obj, "attempt", &v);
  ZVAL_LONG(&v, job.attempts);
  init(obj, "attempts", &v);
  ZVAL_STRINGL(&v, job.streamId.data(), job.streamId.size());
  init(obj, "streamId", &v);
  zval_ptr_dtor(&v);
  return true;
}

}  // namespace jobs
}  // namespace surge::ext
