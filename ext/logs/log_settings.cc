#include "logs/log_settings.h"

#include <string>

#include "base/log.h"
#include "core/worker_object.h"
// php_json.h declares its functions without C linkage for C++ callers.
extern "C" {
#include "ext/json/php_json.h"
}
#include "ext/spl/spl_exceptions.h"
#include "php_surge.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "zend_smart_str.h"

namespace surge::ext::logs {

namespace {

std::string g_file;
bool g_configured = false;

zval* workerStatic(const char* name, size_t length) {
  return zend_read_static_property(worker_ce, name, length, 1);
}

std::string_view stringOf(zval* v) {
  if (v == nullptr || Z_TYPE_P(v) != IS_STRING) return {};
  return std::string_view(Z_STRVAL_P(v), Z_STRLEN_P(v));
}

}  // namespace

void applySettings() {
  std::string_view file = stringOf(workerStatic("logFile", sizeof("logFile") - 1));
  zval* daemon = workerStatic("daemonize", sizeof("daemonize") - 1);
  bool echo = !(daemon && zend_is_true(daemon));
  if (!g_configured || file != g_file) {
    g_file.assign(file);
    Log::configure(g_file, echo);
    g_configured = true;
  }
  Log::setEcho(echo);
  zval* maxSize = workerStatic("logFileMaxSize", sizeof("logFileMaxSize") - 1);
  if (maxSize) Log::setMaxFileSize(static_cast<long>(zval_get_long(maxSize)));
  // A wrong value is reported by runAll(); until then the defaults hold.
  auto format = parseLogFormat(stringOf(workerStatic("logFormat", sizeof("logFormat") - 1)));
  Log::setFormat(format.value_or(LogFormat::kText));
  auto level = parseLogLevel(stringOf(workerStatic("logLevel", sizeof("logLevel") - 1)));
  Log::setThreshold(level.value_or(LogLevel::kInfo));
}

bool validateSettings() {
  std::string_view format = stringOf(workerStatic("logFormat", sizeof("logFormat") - 1));
  if (!parseLogFormat(format)) {
    zend_throw_exception_ex(spl_ce_InvalidArgumentException, 0,
                            "Surge\\Worker::$logFormat is '%.*s'; set it to 'text' or 'json'",
                            static_cast<int>(format.size()), format.data());
    return false;
  }
  std::string_view level = stringOf(workerStatic("logLevel", sizeof("logLevel") - 1));
  if (!parseLogLevel(level)) {
    zend_throw_exception_ex(spl_ce_InvalidArgumentException, 0,
                            "Surge\\Worker::$logLevel is '%.*s'; set it to 'debug', 'info', "
                            "'notice', 'warning' or 'error'",
                            static_cast<int>(level.size()), level.data());
    return false;
  }
  return true;
}

void setProcessWorker(std::string_view name) {
  Log::setWorkerName(std::string(name));
}

namespace {
// json_encode() writes an exception as {}: PSR-3 puts one under "exception", so a
// Throwable at the top level of the context is written as its class, message, code,
// file and line instead (as monolog's formatters do).
void describeThrowables(zval* copy) {
  zval* value;
  ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(copy), value) {
    if (Z_TYPE_P(value) != IS_OBJECT || !instanceof_function(Z_OBJCE_P(value), zend_ce_throwable))
      continue;
    zend_object* ex = Z_OBJ_P(value);
    zval rv, described;
    array_init(&described);
    add_assoc_str(&described, "class", zend_string_copy(ex->ce->name));
    for (const char* name : {"message", "code", "file", "line"}) {
      zval* prop = zend_read_property(ex->ce, ex, name, strlen(name), 1, &rv);
      Z_TRY_ADDREF_P(prop);
      add_assoc_zval(&described, name, prop);
    }
    zval_ptr_dtor(value);
    ZVAL_COPY_VALUE(value, &described);
  }
  ZEND_HASH_FOREACH_END();
}
}  // namespace

std::string contextJson(zval* context) {
  if (context == nullptr || Z_TYPE_P(context) != IS_ARRAY ||
      zend_hash_num_elements(Z_ARRVAL_P(context)) == 0)
    return {};
  zval copy;
  ZVAL_ARR(&copy, zend_array_dup(Z_ARRVAL_P(context)));
  describeThrowables(&copy);
  context = &copy;
  smart_str buf = {};
  // A list becomes an object too ({"0":...}): context is always an object. Values that
  // JSON cannot hold (resources, bad UTF-8) are written as null or replaced, never fail.
  int options = PHP_JSON_UNESCAPED_SLASHES | PHP_JSON_UNESCAPED_UNICODE |
                PHP_JSON_PARTIAL_OUTPUT_ON_ERROR | PHP_JSON_INVALID_UTF8_SUBSTITUTE;
  if (zend_array_is_list(Z_ARRVAL_P(context))) options |= PHP_JSON_FORCE_OBJECT;
  php_json_encode(&buf, context, options);
  std::string out = buf.s ? std::string(ZSTR_VAL(buf.s), ZSTR_LEN(buf.s)) : std::string();
  smart_str_free(&buf);
  zval_ptr_dtor(&copy);
  // An exception thrown by a JsonSerializable in the context is not the caller's problem
  // here: the line is still written.
  if (EG(exception)) zend_clear_exception();
  return out;
}

}  // namespace surge::ext::logs
