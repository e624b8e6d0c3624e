/* Surge\Metrics: declares the application metrics and renders them. */
#include <cmath>

#include "core/boundary.h"
#include "metrics/application_metrics.h"
#include "metrics/metrics_classes.h"

#include "arginfo/Metrics_arginfo.h"

extern "C" {
#include "ext/spl/spl_exceptions.h"
#include "zend_exceptions.h"
}

using namespace surge;
using namespace surge::ext::metrics;

namespace {

std::vector<std::string> labelNamesOf(HashTable* names) {
  std::vector<std::string> out;
  zval* v;
  ZEND_HASH_FOREACH_VAL(names, v) {
    ZVAL_DEREF(v);
    if (Z_TYPE_P(v) != IS_STRING)
      throw MetricsError(MetricsError::Kind::kArgument,
                         std::string("label names must be strings, got ") + zend_zval_type_name(v));
    out.emplace_back(Z_STRVAL_P(v), Z_STRLEN_P(v));
  }
  ZEND_HASH_FOREACH_END();
  return out;
}

std::vector<double> bucketsOf(HashTable* buckets) {
  std::vector<double> out;
  zval* v;
  ZEND_HASH_FOREACH_VAL(buckets, v) {
    ZVAL_DEREF(v);
    if (Z_TYPE_P(v) != IS_LONG && Z_TYPE_P(v) != IS_DOUBLE)
      throw MetricsError(
          MetricsError::Kind::kArgument,
          std::string("histogram buckets must be numbers, got ") + zend_zval_type_name(v));
    out.push_back(zval_get_double(v));
  }
  ZEND_HASH_FOREACH_END();
  return out;
}

// Declares (or finds) the metric and returns its object.
void declare(zval* return_value, MetricType type, zend_class_entry* ce, zend_string* name,
             zend_string* help, HashTable* labels, HashTable* buckets) {
  std::string_view wanted(ZSTR_VAL(name), ZSTR_LEN(name));
  if (registry().declarationsClosed() && registry().find(wanted) < 0) {
    zend_throw_exception_ex(spl_ce_RuntimeException, 0, "Surge\\Metrics: %s",
                            ApplicationMetrics::undeclaredMessage(wanted).c_str());
    return;
  }
  try {
    MetricFamily f;
    f.name.assign(ZSTR_VAL(name), ZSTR_LEN(name));
    f.help.assign(ZSTR_VAL(help), ZSTR_LEN(help));
    f.type = type;
    if (labels) f.labelNames = labelNamesOf(labels);
    if (type == MetricType::kHistogram)
      f.buckets = buckets ? bucketsOf(buckets) : ApplicationMetrics::defaultBuckets();
    makeMetricObject(return_value, ce, registry().declare(f));
  } catch (const MetricsError& e) {
    throwMetricsError(e);
  }
}

// Metrics::counter() and Metrics::gauge(): (name, help, label names).
void declareWithoutBuckets(INTERNAL_FUNCTION_PARAMETERS, MetricType type, zend_class_entry* ce) {
  zend_string* name;
  zend_string* help;
  HashTable* labels = nullptr;
  ZEND_PARSE_PARAMETERS_START(2, 3)
  Z_PARAM_STR(name)
  Z_PARAM_STR(help)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY_HT(labels)
  ZEND_PARSE_PARAMETERS_END();
  declare(return_value, type, ce, name, help, labels, nullptr);
}

}  // namespace

SURGE_METHOD(Surge_Metrics, __construct) {}

SURGE_METHOD(Surge_Metrics, counter) {
  declareWithoutBuckets(INTERNAL_FUNCTION_PARAM_PASSTHRU, MetricType::kCounter, counter_ce);
}

SURGE_METHOD(Surge_Metrics, gauge) {
  declareWithoutBuckets(INTERNAL_FUNCTION_PARAM_PASSTHRU, MetricType::kGauge, gauge_ce);
}

SURGE_METHOD(Surge_Metrics, histogram) {
  zend_string* name;
  zend_string* help;
  HashTable* labels = nullptr;
  HashTable* buckets = nullptr;
  ZEND_PARSE_PARAMETERS_START(2, 4)
  Z_PARAM_STR(name)
  Z_PARAM_STR(help)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY_HT(labels)
  Z_PARAM_ARRAY_HT_OR_NULL(buckets)
  ZEND_PARSE_PARAMETERS_END();
  declare(return_value, MetricType::kHistogram, histogram_ce, name, help, labels, buckets);
}

SURGE_METHOD(Surge_Metrics, render) {
  ZEND_PARSE_PARAMETERS_NONE();
  std::string text = registry().render();
  RETURN_STRINGL(text.data(), text.size());
}

namespace surge::ext::metrics {

void registerMetricsClass() {
  metrics_ce = register_class_Surge_Metrics();
}

}  // namespace surge::ext::metrics
