/* Surge\Log: PSR-3-style leveled lines with a context, into Worker::log()'s log. */
#include <string>

#include "base/log.h"
#include "core/boundary.h"
#include "core/runtime.h"
#include "logs/log_settings.h"
#include "php_surge.h"
#include "zend_exceptions.h"

#include "arginfo/Log_arginfo.h"

namespace surge::ext {

namespace {

void writeLeveled(LogLevel level, zend_string* message, zval* context) {
  logs::applySettings();
  if (!Log::enabled(level)) return;  // no JSON encoding for a line nobody reads
  Log::write(level, std::string_view(ZSTR_VAL(message), ZSTR_LEN(message)),
             logs::contextJson(context));
}

void leveled(INTERNAL_FUNCTION_PARAMETERS, LogLevel level) {
  zend_string* message;
  zval* context = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_STR(message)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY(context)
  ZEND_PARSE_PARAMETERS_END();
  writeLeveled(level, message, context);
}

bool levelArgument(zend_string* name, uint32_t argument, LogLevel* level) {
  auto parsed = parseLogLevel(std::string_view(ZSTR_VAL(name), ZSTR_LEN(name)));
  if (!parsed) {
    zend_argument_value_error(argument,
                              "must be 'debug', 'info', 'notice', 'warning' or 'error', "
                              "'%s' given",
                              ZSTR_VAL(name));
    return false;
  }
  *level = *parsed;
  return true;
}

}  // namespace

}  // namespace surge::ext

using namespace surge;
using namespace surge::ext;

SURGE_METHOD(Surge_Log, debug) {
  leveled(INTERNAL_FUNCTION_PARAM_PASSTHRU, LogLevel::kDebug);
}
SURGE_METHOD(Surge_Log, info) {
  leveled(INTERNAL_FUNCTION_PARAM_PASSTHRU, LogLevel::kInfo);
}
SURGE_METHOD(Surge_Log, notice) {
  leveled(INTERNAL_FUNCTION_PARAM_PASSTHRU, LogLevel::kNotice);
}
SURGE_METHOD(Surge_Log, warning) {
  leveled(INTERNAL_FUNCTION_PARAM_PASSTHRU, LogLevel::kWarning);
}
SURGE_METHOD(Surge_Log, error) {
  leveled(INTERNAL_FUNCTION_PARAM_PASSTHRU, LogLevel::kError);
}

SURGE_METHOD(Surge_Log, log) {
  zend_string* name;
  zend_string* message;
  zval* context = nullptr;
  ZEND_PARSE_PARAMETERS_START(2, 3)
  Z_PARAM_STR(name)
  Z_PARAM_STR(message)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY(context)
  ZEND_PARSE_PARAMETERS_END();
  LogLevel level;
  if (!levelArgument(name, 1, &level)) RETURN_THROWS();
  writeLeveled(level, message, context);
}

SURGE_METHOD(Surge_Log, enabled) {
  zend_string* name;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_STR(name)
  ZEND_PARSE_PARAMETERS_END();
  LogLevel level;
  if (!levelArgument(name, 1, &level)) RETURN_THROWS();
  logs::applySettings();
  RETURN_BOOL(Log::enabled(level));
}

namespace surge::ext {
zend_class_entry* log_ce = nullptr;
void registerLogClass() {
  log_ce = register_class_Surge_Log();
}
}  // namespace surge::ext
