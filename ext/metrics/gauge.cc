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

// zend_parse_parameters' macros need constant bounds, so each method parses its own.
void change(zval* self, Change how, zval* amount, HashTable* labels) {
  try {
    double v = amount ? zval_get_double(amount) : 1.0;
    SeriesStore::Cell& cell = seriesOf(self, labels)[0];
    if (how == Change::kSet)
      SeriesStore::storeDouble(cell, v);
    else
      SeriesStore::addDouble(cell, how == Change::kAdd ? v : -v);
  } catch (const MetricsError& e) {
    throwMetricsError(e);
  }
}

void addOrSubtract(INTERNAL_FUNCTION_PARAMETERS, Change how) {
  zval* amount = nullptr;
  HashTable* labels = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 2)
  Z_PARAM_OPTIONAL
  Z_PARAM_NUMBER(amount)
  Z_PARAM_ARRAY_HT(labels)
  ZEND_PARSE_PARAMETERS_END();
  change(ZEND_THIS, how, amount, labels);
}

}  // namespace

SURGE_METHOD(Surge_Metrics_Gauge, __construct) {}

SURGE_METHOD(Surge_Metrics_Gauge, set) {
  zval* value;
  HashTable* labels = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_NUMBER(value)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY_HT(labels)
  ZEND_PARSE_PARAMETERS_END();
  change(ZEND_THIS, Change::kSet, value, labels);
}

SURGE_METHOD(Surge_Metrics_Gauge, inc) {
  addOrSubtract(INTERNAL_FUNCTION_PARAM_PASSTHRU, Change::kAdd);
}

SURGE_METHOD(Surge_Metrics_Gauge, dec) {
  addOrSubtract(INTERNAL_FUNCTION_PARAM_PASSTHRU, Change::kSubtract);
}

SURGE_METHOD(Surge_Metrics_Gauge, value) {
  returnSeriesValue(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

namespace surge::ext::metrics {

void registerGaugeClass() {
  gauge_ce = register_class_Surge_Metrics_Gauge();
  gauge_ce->create_object = createMetricObject;
}

}  // namespace surge::ext::metrics
