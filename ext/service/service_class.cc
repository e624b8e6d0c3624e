// Surge\Service: validates the options a start file passes and records the service for
// the master. Every misuse throws at once, with what to write instead.
#include <cmath>
#include <string>

#include "core/runtime.h"
#include "service/services.h"

extern "C" {
#include "ext/spl/spl_exceptions.h"
#include "zend_exceptions.h"
}

#include "arginfo/Service_arginfo.h"

namespace surge::ext::service {

zend_class_entry* service_ce = nullptr;

namespace {

std::vector<ServiceSpec> g_declared;

constexpr const char* kUsage =
    "options are command (array, required), env, cwd, restart, backoff, stopTimeout";

bool fail(const std::string& message) {
  zend_throw_exception(spl_ce_InvalidArgumentException, message.c_str(), 0);
  return false;
}

bool validName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-'))
      return false;
  return true;
}

bool number(zval* v, double* out) {
  if (Z_TYPE_P(v) == IS_LONG)
    *out = static_cast<double>(Z_LVAL_P(v));
  else if (Z_TYPE_P(v) == IS_DOUBLE)
    *out = Z_DVAL_P(v);
  else
    return false;
  return std::isfinite(*out) && *out >= 0;
}

bool parseCommand(const std::string& who, zval* v, ServiceSpec* spec) {
  if (Z_TYPE_P(v) == IS_STRING)
    return fail(who +
                ": 'command' must be an array of the program and its arguments, run "
                "without a shell, e.g. ['/usr/bin/php', 'queue.php']; for shell syntax "
                "write ['/bin/sh', '-c', '...']");
  if (Z_TYPE_P(v) != IS_ARRAY || zend_hash_num_elements(Z_ARRVAL_P(v)) == 0)
    return fail(who + ": 'command' must be a non-empty array, e.g. ['/usr/bin/php', 'queue.php']");
  if (!zend_array_is_list(Z_ARRVAL_P(v)))
    return fail(who + ": 'command' must be a list (keys 0, 1, ...) of strings");
  zval* arg;
  ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), arg) {
    if (Z_TYPE_P(arg) != IS_STRING && Z_TYPE_P(arg) != IS_LONG && Z_TYPE_P(arg) != IS_DOUBLE)
      return fail(who + ": every element of 'command' must be a string");
    zend_string* s = zval_get_string(arg);
    std::string a(ZSTR_VAL(s), ZSTR_LEN(s));
    zend_string_release(s);
    if (a.find('\0') != std::string::npos)
      return fail(who + ": an element of 'command' contains a NUL byte");
    spec->argv.push_back(std::move(a));
  }
  ZEND_HASH_FOREACH_END();
  if (spec->argv[0].empty()) return fail(who + ": command[0] (the program) is empty");
  return true;
}

bool parseEnv(const std::string& who, zval* v, ServiceSpec* spec) {
  if (Z_TYPE_P(v) != IS_ARRAY)
    return fail(who + ": 'env' must be an array of name => value, e.g. ['APP_ENV' => 'prod']");
  zend_string* key;
  zend_ulong index;
  zval* value;
  ZEND_HASH_FOREACH_KEY_VAL(Z_ARRVAL_P(v), index, key, value) {
    (void)index;
    if (key == nullptr || ZSTR_LEN(key) == 0 || strchr(ZSTR_VAL(key), '=') ||
        strlen(ZSTR_VAL(key)) != ZSTR_LEN(key))
      return fail(who +
                  ": 'env' keys must be variable names (no '=', not numeric), e.g. "
                  "['APP_ENV' => 'prod']");
    if (Z_TYPE_P(value) != IS_STRING && Z_TYPE_P(value) != IS_LONG && Z_TYPE_P(value) != IS_DOUBLE)
      return fail(who + ": 'env' value of " + ZSTR_VAL(key) + " must be a string");
    zend_string* s = zval_get_string(value);
    std::string text(ZSTR_VAL(s), ZSTR_LEN(s));
    zend_string_release(s);
    if (text.find('\0') != std::string::npos)
      return fail(who + ": 'env' value of " + ZSTR_VAL(key) + " contains a NUL byte");
    spec->env.emplace_back(ZSTR_VAL(key), std::move(text));
  }
  ZEND_HASH_FOREACH_END();
  return true;
}

bool parseBackoff(const std::string& who, zval* v, ServiceSpec* spec) {
  const std::string usage = "e.g. ['initial' => 0.1, 'max' => 10, 'reset' => 10] (seconds)";
  if (Z_TYPE_P(v) != IS_ARRAY) return fail(who + ": 'backoff' must be an array, " + usage);
  zend_string* key;
  zval* value;
  ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL_P(v), key, value) {
    std::string k = key ? ZSTR_VAL(key) : "";
    double* target = k == "initial" ? &spec->backoffInitial
                     : k == "max"   ? &spec->backoffMax
                     : k == "reset" ? &spec->backoffReset
                                    : nullptr;
    if (target == nullptr)
      return fail(who + ": unknown 'backoff' key '" + k + "': use initial, max and reset, " +
                  usage);
    if (!number(value, target))
      return fail(who + ": 'backoff' " + k + " must be a number of seconds >= 0, " + usage);
  }
  ZEND_HASH_FOREACH_END();
  if (spec->backoffMax < spec->backoffInitial)
    return fail(who + ": 'backoff' max must not be less than initial, " + usage);
  return true;
}

bool parseOptions(const std::string& who, HashTable* options, ServiceSpec* spec) {
  zend_string* key;
  zend_ulong index;
  zval* v;
  bool haveCommand = false;
  ZEND_HASH_FOREACH_KEY_VAL(options, index, key, v) {
    (void)index;
    std::string k = key ? ZSTR_VAL(key) : "";
    if (k == "command") {
      if (!parseCommand(who, v, spec)) return false;
      haveCommand = true;
    } else if (k == "env") {
      if (!parseEnv(who, v, spec)) return false;
    } else if (k == "cwd") {
      if (Z_TYPE_P(v) != IS_STRING || Z_STRLEN_P(v) == 0)
        return fail(who + ": 'cwd' must be a directory path (string)");
      spec->cwd = Z_STRVAL_P(v);
    } else if (k == "restart") {
      std::string r = Z_TYPE_P(v) == IS_STRING ? Z_STRVAL_P(v) : "";
      if (r == "always")
        spec->restart = ServiceSpec::Restart::kAlways;
      else if (r == "on-failure")
        spec->restart = ServiceSpec::Restart::kOnFailure;
      else if (r == "never")
        spec->restart = ServiceSpec::Restart::kNever;
      else
        return fail(who + ": 'restart' must be 'always', 'on-failure' or 'never'");
    } else if (k == "backoff") {
      if (!parseBackoff(who, v, spec)) return false;
    } else if (k == "stopTimeout") {
      if (!number(v, &spec->stopTimeout))
        return fail(who + ": 'stopTimeout' must be a number of seconds >= 0");
    } else {
      return fail(who + ": unknown option '" + (key ? k : std::to_string(index)) + "'; " + kUsage);
    }
  }
  ZEND_HASH_FOREACH_END();
  if (!haveCommand)
    return fail(who +
                ": the 'command' option is required, e.g. ['command' => ['/usr/bin/php', "
                "'queue.php']]");
  return true;
}

}  // namespace

std::vector<ServiceSpec>& declared() {
  return g_declared;
}

}  // namespace surge::ext::service

using namespace surge;
using namespace surge::ext;
using namespace surge::ext::service;

ZEND_METHOD(Surge_Service, __construct) {
  zend_string* name;
  HashTable* options;
  ZEND_PARSE_PARAMETERS_START(2, 2)
  Z_PARAM_STR(name)
  Z_PARAM_ARRAY_HT(options)
  ZEND_PARSE_PARAMETERS_END();
  std::string n(ZSTR_VAL(name), ZSTR_LEN(name));
  std::string who = "Surge\\Service '" + n + "'";
  if (runtime::status() != runtime::kInitial) {
    zend_throw_exception(spl_ce_RuntimeException,
                         (who + ": services are declared in the start file before "
                                "Worker::runAll(), not after it")
                             .c_str(),
                         0);
    RETURN_THROWS();
  }
  if (!validName(n)) {
    fail(
        "Surge\\Service: the name must be 1 to 64 letters, digits, '_', '.' or '-' (it "
        "appears in the log and in status), got '" +
        n + "'");
    RETURN_THROWS();
  }
  for (const ServiceSpec& s : g_declared) {
    if (s.name != n) continue;
    zend_throw_exception(spl_ce_RuntimeException,
                         (who + " is declared twice: give each service its own name").c_str(), 0);
    RETURN_THROWS();
  }
  ServiceSpec spec;
  spec.name = n;
  spec.stopTimeout = -1;  // Worker::$stopTimeout, read when the master starts
  if (!parseOptions(who, options, &spec)) RETURN_THROWS();
  g_declared.push_back(std::move(spec));
  // A readonly property, written once here from inside the class.
  zval value;
  ZVAL_STR_COPY(&value, name);
  zend_update_property_ex(service_ce, Z_OBJ_P(ZEND_THIS), ZSTR_KNOWN(ZEND_STR_NAME), &value);
  zval_ptr_dtor(&value);
}

namespace surge::ext::service {

void registerServiceClass() {
  service_ce = register_class_Surge_Service();
}

void shutdown() {
  g_declared.clear();
}

}  // namespace surge::ext::service
