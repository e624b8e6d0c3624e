/* The log's settings as PHP sets them (Worker::$logFile, $logFileMaxSize, $logFormat,
 * $logLevel, $daemonize) carried over to the C++ sink (src/base/log.h), and the one way
 * ext/ writes a leveled line with a PHP context array. */
#ifndef SURGE_EXT_LOGS_LOG_SETTINGS_H
#define SURGE_EXT_LOGS_LOG_SETTINGS_H

#include <string_view>

#include "base/log_line.h"
#include "php.h"

namespace surge::ext::logs {

// Reads the Worker statics and configures the sink; cheap enough for every line.
void applySettings();
// Throws a PHP exception naming the allowed values and returns false when
// Worker::$logFormat or Worker::$logLevel holds something else (checked by runAll()).
bool validateSettings();
// In a worker process: its worker's name goes into JSON lines.
void setProcessWorker(std::string_view name);
// `context` (an array or null) encoded as a JSON object, or "" when absent or empty.
std::string contextJson(zval* context);

}  // namespace surge::ext::logs

namespace surge::ext {
// Surge\Log (ext/logs/log_class.cc).
void registerLogClass();
}  // namespace surge::ext

#endif
