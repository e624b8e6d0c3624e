/* Surge\Metrics\Histogram: observations counted in buckets over every process. */
#include "core/boundary.h"
#include "metrics/application_metrics.h"
#include "metrics/metrics_classes.h"

#include "arginfo/Histogram_arginfo.h"

using namespace surge;
using namespace surge::ext::metrics;

SURGE_METHOD(Surge_Metrics_Histogram, __construct) {}

SURGE_METHOD(Surge_Metrics_Histogram, observe) {
  double value;
  HashTable* labels = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_DOUBLE(value)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY_HT(labels)
  ZEND_PARSE_PARAMETERS_END();
  try {
    uint32_t metric = metricOf(ZEND_THIS);
    registry().checkObservation(metric, value);
    registry().observeAt(metric, seriesOf(ZEND_THIS, labels), value);
  } catch (const MetricsError& e) {
    throwMetricsError(e);
  }
}

namespace surge::ext::metrics {

void registerHistogramClass() {
  histogram_ce = register_class_Surge_Metrics_Histogram();
  histogram_ce->create_object = createMetricObject;
}

}  // namespace surge::ext::metrics
