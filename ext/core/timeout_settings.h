/* The timeouts of a worker's connections (Worker::$headerTimeout, $bodyTimeout,
 * $keepAliveTimeout, $idleTimeout, $pingInterval, $pingNotResponseLimit), read from the
 * worker's properties into milliseconds when it starts listening and again after
 * onWorkerStart, so that setting them there works too. What the drivers do with them is in
 * http/http_timeouts.cc (HTTP and the WebSocket handshake) and connection_liveness.cc
 * (idle timeout and heartbeat of every other protocol). */
#ifndef SURGE_EXT_TIMEOUT_SETTINGS_H
#define SURGE_EXT_TIMEOUT_SETTINGS_H

#include <cstdint>

#include "core/common.h"

namespace surge::ext {

struct WorkerObject;

// 0 turns a timeout off.
struct TimeoutSettings {
  uint32_t headerMs = 60000;
  uint32_t bodyMs = 60000;
  uint32_t keepAliveMs = 75000;
  uint32_t idleMs = 0;
  uint32_t pingMs = 0;
  uint32_t pingLimit = 0;
};

// Declared property slots of the settings on Surge\Worker.
struct TimeoutProps {
  uint32_t headerTimeout, bodyTimeout, keepAliveTimeout, idleTimeout, pingInterval,
      pingNotResponseLimit, pingData;
};
extern TimeoutProps timeout_props;
void registerTimeoutProps(zend_class_entry* worker);

// Reads the settings of `w`. `strict`: a negative value throws an exception that says what
// to set (and returns false); otherwise it counts as 0.
bool loadTimeoutSettings(WorkerObject* w, bool strict);

}  // namespace surge::ext

#endif
