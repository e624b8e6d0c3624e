/* Surge\Metrics\Counter: a total over every process that only goes up. */
#include "core/boundary.h"
#include "metrics/application_metrics.h"
#include "metrics/metrics_classes.h"

#include "arginfo/Counter_arginfo.h"

using namespace surge;
using namespace surge::ext::metrics;

SURGE_METHOD(Surge_Metrics_Counter, __construct) {}

SURGE_METHOD(Surge_Metrics_Counter, inc) {
  zval* by = nullptr;
  HashTable* labels = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 2)
  Z_PARAM_OPTIONAL
  Z_PARAM_NUMBER(by)
  Z_PARAM_ARRAY_HT(labels)
  ZEND_PARSE_PARAMETERS_END();
  try {
    double amount = by ? zval_get_double(by) : 1.0;
    registry().checkCounterAmount(metricOf(ZEND_THIS), amount);
    SeriesStore::addDouble(seriesOf(ZEND_THIS, labels)[0], amount);
  } catch (const MetricsError& e) {
    throwMetricsError(e);
  }
}

SURGE_METHOD(Surge_Metrics_Counter, value) {
  returnSeriesValue(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

namespace surge::ext::metrics {

void registerCounterClass() {
  counter_ce = register_class_Surge_Metrics_Counter();
  counter_ce->create_object = createMetricObject;
}

}  // namespace surge::ext::metrics
