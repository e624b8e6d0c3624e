#include "core/timeout_settings.h"

#include <cmath>

#include "core/worker_object.h"

namespace surge::ext {

TimeoutProps timeout_props;

void registerTimeoutProps(zend_class_entry* worker) {
  TimeoutProps& p = timeout_props;
  p.headerTimeout = propertyOffset(worker, "headerTimeout");
  p.bodyTimeout = propertyOffset(worker, "bodyTimeout");
  p.keepAliveTimeout = propertyOffset(worker, "keepAliveTimeout");
  p.idleTimeout = propertyOffset(worker, "idleTimeout");
  p.pingInterval = propertyOffset(worker, "pingInterval");
  p.pingNotResponseLimit = propertyOffset(worker, "pingNotResponseLimit");
  p.pingData = propertyOffset(worker, "pingData");
}

namespace {

// Seconds (int or float) as milliseconds: at least 1 ms when positive, at most ~24 days.
bool millisOf(WorkerObject* w, uint32_t offset, const char* name, bool strict, uint32_t* out) {
  double seconds = zval_get_double(slot(&w->std, offset));
  if (!(seconds >= 0) || std::isinf(seconds)) {
    if (strict) {
      throwRuntime(
          "Surge\\Worker::$%s must be a number of seconds >= 0 (0 turns the timeout off), "
          "got %g",
          name, seconds);
      return false;
    }
    seconds = 0;
  }
  double ms = std::ceil(seconds * 1000.0);
  constexpr double kMax = 2147483647.0;
  *out = static_cast<uint32_t>(ms > kMax ? kMax : ms);
  return true;
}

}  // namespace

bool loadTimeoutSettings(WorkerObject* w, bool strict) {
  const TimeoutProps& p = timeout_props;
  TimeoutSettings t;
  if (!millisOf(w, p.headerTimeout, "headerTimeout", strict, &t.headerMs) ||
      !millisOf(w, p.bodyTimeout, "bodyTimeout", strict, &t.bodyMs) ||
      !millisOf(w, p.keepAliveTimeout, "keepAliveTimeout", strict, &t.keepAliveMs) ||
      !millisOf(w, p.idleTimeout, "idleTimeout", strict, &t.idleMs) ||
      !millisOf(w, p.pingInterval, "pingInterval", strict, &t.pingMs))
    return false;
  zend_long limit = slotLong(&w->std, p.pingNotResponseLimit, 0);
  if (limit < 0) {
    if (strict) {
      throwRuntime(
          "Surge\\Worker::$pingNotResponseLimit must be >= 0 (0: never close for missing "
          "answers), got " ZEND_LONG_FMT,
          limit);
      return false;
    }
    limit = 0;
  }
  t.pingLimit = limit > 1000000 ? 1000000 : static_cast<uint32_t>(limit);
  // A subclass that declares these properties itself runs its own heartbeat (GatewayWorker's
  // Gateway): the native one would ping its clients a second time.
  for (const char* name : {"pingInterval", "pingNotResponseLimit", "pingData"}) {
    auto* info = static_cast<zend_property_info*>(
        zend_hash_str_find_ptr(&w->std.ce->properties_info, name, strlen(name)));
    if (info && info->ce != worker_ce) {
      t.pingMs = 0;
      t.pingLimit = 0;
      break;
    }
  }
  w->native->timeouts = t;
  return true;
}

}  // namespace surge::ext
