/* Surge\Metrics\Gauge: a value over every process that goes up and down. inc()/dec() add
 * up across processes; set() replaces (the last writer wins). */
#include "core/boundary.h"
#include "metrics/application_metrics.h"
#include "metrics/metrics_classes.h"

#include "arginfo/Gauge_arginfo.h"

using namespace surge;
using namespace surge::ext::metrics;

namespace {

enum class Change { kSet, kAdd, kSubtract };

void change(INTERNAL_FUNCTION_PARAMETERS, Change how) {
  zval* amount = nullptr;
  HashTable* labels = nullptr;
  ZEND_PARSE_PARAMETERS_START(how == Change::kSet ? 1 : 0, 2)
  Z_PARAM_OPTIONAL
  Z_PARAM_NUMBER(amount)
  Z_PARAM_ARRAY_HT(labels)
  ZEND_PARSE_PARAMETERS_END();
  try {
    uint32_t metric = metricOf(ZEND_THIS);
    std::vector<std::string> values = labelValues(metric, labels);
    double v = amount ? zval_get_double(amount) : 1.0;
    ensureStore();
    if (how == Change::kSet)
      registry().gaugeSet(metric, values, v);
    else
      registry().gaugeAdd(metric, values, how == Change::kAdd ? v : -v);
  } catch (const MetricsError& e) {
    throwMetricsError(e);
  }
}

}  // namespace

SURGE_METHOD(Surge_Metrics_Gauge, __construct) {}

SURGE_METHOD(Surge_Metrics_Gauge, set) {
  change(INTERNAL_FUNCTION_PARAM_PASSTHRU, Change::kSet);
}

SURGE_METHOD(Surge_Metrics_Gauge, inc) {
  change(INTERNAL_FUNCTION_PARAM_PASSTHRU, Change::kAdd);
}

SURGE_METHOD(Surge_Metrics_Gauge, dec) {
  change(INTERNAL_FUNCTION_PARAM_PASSTHRU, Change::kSubtract);
}

SURGE_METHOD(Surge_Metrics_Gauge, value) {
  HashTable* labels = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY_HT(labels)
  ZEND_PARSE_PARAMETERS_END();
  try {
    uint32_t metric = metricOf(ZEND_THIS);
    RETURN_DOUBLE(registry().value(metric, labelValues(metric, labels)));
  } catch (const MetricsError& e) {
    throwMetricsError(e);
  }
}

namespace surge::ext::metrics {

void registerGaugeClass() {
  gauge_ce = register_class_Surge_Metrics_Gauge();
  gauge_ce->create_object = createMetricObject;
}

}  // namespace surge::ext::metrics
