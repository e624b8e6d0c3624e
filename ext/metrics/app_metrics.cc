/* The process's application metrics and what the metric classes share: their objects,
 * label values from PHP arrays, errors as PHP exceptions, and the store's creation when
 * Worker::runAll() starts. */
#include <stdexcept>

#include "metrics/application_metrics.h"
#include "metrics/prometheus_text.h"
#include "metrics/metrics_classes.h"

extern "C" {
#include "ext/spl/spl_exceptions.h"
#include "zend_exceptions.h"
}

namespace surge::ext::metrics {

namespace {

struct MetricObject {
  uint32_t metric;
  // A metric without labels has one series: its cells, once known.
  SeriesStore::Cell* unlabelled;
  zend_object std;
};

zend_object_handlers g_handlers;

MetricObject* fromObj(zend_object* obj) {
  return reinterpret_cast<MetricObject*>(reinterpret_cast<char*>(obj) -
                                         XtOffsetOf(MetricObject, std));
}

zend_long maxSeriesSetting() {
  zval* v = zend_read_static_property(metrics_ce, "maxSeries", sizeof("maxSeries") - 1, 1);
  return v && Z_TYPE_P(v) == IS_LONG ? Z_LVAL_P(v) : ApplicationMetrics::kDefaultMaxSeries;
}

uint32_t checkedMaxSeries() {
  zend_long n = maxSeriesSetting();
  if (n < 1 || n > static_cast<zend_long>(SeriesStore::kMaxCapacity))
    throw MetricsError(MetricsError::Kind::kArgument,
                       "Surge\\Metrics::$maxSeries must be between 1 and " +
                           std::to_string(SeriesStore::kMaxCapacity) + ", got " +
                           std::to_string(n));
  return static_cast<uint32_t>(n);
}

void appendLabelValue(std::string& key, const MetricFamily& f, const std::string& label, zval* v) {
  ZVAL_DEREF(v);
  switch (Z_TYPE_P(v)) {
    case IS_STRING:
      ApplicationMetrics::appendLabelKey(key, std::string_view(Z_STRVAL_P(v), Z_STRLEN_P(v)));
      return;
    case IS_LONG:
      ApplicationMetrics::appendLabelKey(key, std::to_string(Z_LVAL_P(v)));
      return;
    case IS_DOUBLE:
      ApplicationMetrics::appendLabelKey(key, PrometheusText::formatValue(Z_DVAL_P(v)));
      return;
    case IS_TRUE:
      ApplicationMetrics::appendLabelKey(key, "true");
      return;
    case IS_FALSE:
      ApplicationMetrics::appendLabelKey(key, "false");
      return;
    default:
      throw MetricsError(MetricsError::Kind::kArgument,
                         "metric '" + f.name + "': the value of label '" + label +
                             "' must be a string, int, float or bool, got " +
                             zend_zval_type_name(v));
  }
}

std::string labelList(const MetricFamily& f) {
  std::string out;
  for (const auto& n : f.labelNames) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

}  // namespace

zend_class_entry* metrics_ce = nullptr;
zend_class_entry* counter_ce = nullptr;
zend_class_entry* gauge_ce = nullptr;
zend_class_entry* histogram_ce = nullptr;

ApplicationMetrics& registry() {
  static ApplicationMetrics metrics;
  return metrics;
}

zend_object* createMetricObject(zend_class_entry* ce) {
  auto* o = static_cast<MetricObject*>(zend_object_alloc(sizeof(MetricObject), ce));
  o->metric = 0;
  o->unlabelled = nullptr;
  zend_object_std_init(&o->std, ce);
  object_properties_init(&o->std, ce);
  o->std.handlers = &g_handlers;
  return &o->std;
}

uint32_t metricOf(zval* self) {
  return fromObj(Z_OBJ_P(self))->metric;
}

void makeMetricObject(zval* out, zend_class_entry* ce, uint32_t metric) {
  object_init_ex(out, ce);
  fromObj(Z_OBJ_P(out))->metric = metric;
}

std::string labelKeyOf(uint32_t metric, HashTable* values) {
  const MetricFamily& f = registry().family(metric);
  size_t given = values ? zend_hash_num_elements(values) : 0;
  std::string key;
  if (given == 0 && f.labelNames.empty()) return key;
  if (given == 0 || zend_array_is_list(values)) {
    if (given != f.labelNames.size())
      throw MetricsError(MetricsError::Kind::kArgument,
                         "metric '" + f.name + "' expects " + std::to_string(f.labelNames.size()) +
                             " label values (" + labelList(f) + "), got " + std::to_string(given) +
                             ": give them in this order, or keyed by label name");
    size_t i = 0;
    zval* v;
    ZEND_HASH_FOREACH_VAL(values, v) {
      appendLabelValue(key, f, f.labelNames[i++], v);
    }
    ZEND_HASH_FOREACH_END();
    return key;
  }
  std::vector<zval*> byIndex(f.labelNames.size(), nullptr);
  zend_string* name;
  zval* v;
  ZEND_HASH_FOREACH_STR_KEY_VAL(values, name, v) {
    if (name == nullptr)
      throw MetricsError(MetricsError::Kind::kArgument,
                         "metric '" + f.name +
                             "': give the label values either as a list in "
                             "the declared order (" +
                             labelList(f) + ") or keyed by label name, not mixed");
    int index = f.labelIndex(std::string(ZSTR_VAL(name), ZSTR_LEN(name)));
    if (index < 0)
      throw MetricsError(MetricsError::Kind::kArgument,
                         "metric '" + f.name + "' has no label '" +
                             std::string(ZSTR_VAL(name), ZSTR_LEN(name)) +
                             "'; its labels are: " + labelList(f));
    byIndex[index] = v;
  }
  ZEND_HASH_FOREACH_END();
  for (size_t i = 0; i < byIndex.size(); ++i) {
    if (byIndex[i] == nullptr)
      throw MetricsError(MetricsError::Kind::kArgument,
                         "metric '" + f.name + "' needs a value for label '" + f.labelNames[i] +
                             "' (its labels are: " + labelList(f) + ")");
    appendLabelValue(key, f, f.labelNames[i], byIndex[i]);
  }
  return key;
}

SeriesStore::Cell* seriesOf(zval* self, HashTable* labels) {
  MetricObject* o = fromObj(Z_OBJ_P(self));
  if (o->unlabelled != nullptr && (labels == nullptr || zend_hash_num_elements(labels) == 0))
    return o->unlabelled;
  std::string key = labelKeyOf(o->metric, labels);
  ensureStore();
  SeriesStore::Cell* cells = registry().series(o->metric, key);
  // The store is never unmapped while the process runs, so the cells stay valid.
  if (registry().family(o->metric).labelNames.empty()) o->unlabelled = cells;
  return cells;
}

void returnSeriesValue(INTERNAL_FUNCTION_PARAMETERS) {
  HashTable* labels = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_ARRAY_HT(labels)
  ZEND_PARSE_PARAMETERS_END();
  try {
    uint32_t metric = metricOf(ZEND_THIS);
    RETURN_DOUBLE(registry().valueByKey(metric, labelKeyOf(metric, labels)));
  } catch (const MetricsError& e) {
    throwMetricsError(e);
  }
}

void throwMetricsError(const MetricsError& e) {
  zend_throw_exception_ex(e.kind() == MetricsError::Kind::kArgument
                              ? spl_ce_InvalidArgumentException
                              : spl_ce_RuntimeException,
                          0, "Surge\\Metrics: %s", e.what());
}

void ensureStore() {
  ApplicationMetrics& m = registry();
  if (!m.storeCreated()) m.createStore(checkedMaxSeries());
}

bool prepareApplicationMetrics() {
  ApplicationMetrics& m = registry();
  try {
    uint32_t maxSeries = checkedMaxSeries();
    if (m.storeCreated() && m.store()->capacity() != maxSeries)
      throw MetricsError(MetricsError::Kind::kState, "Surge\\Metrics::$maxSeries was changed to " +
                                                         std::to_string(maxSeries) +
                                                         " after a metric was updated with room "
                                                         "for " +
                                                         std::to_string(m.store()->capacity()) +
                                                         " series: set it before the first update");
    m.createStore(maxSeries);
    m.closeDeclarations();
  } catch (const MetricsError& e) {
    throwMetricsError(e);
    return false;
  } catch (const std::exception& e) {
    zend_throw_exception_ex(spl_ce_RuntimeException, 0,
                            "Surge\\Metrics: cannot create the shared metrics (%s); lower "
                            "Surge\\Metrics::$maxSeries",
                            e.what());
    return false;
  }
  return true;
}

std::string renderApplicationMetrics() noexcept {
  try {
    return registry().render();
  } catch (...) {
    return "";
  }
}

void registerMetricsClasses() {
  memcpy(&g_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
  g_handlers.offset = XtOffsetOf(MetricObject, std);
  g_handlers.clone_obj = nullptr;
  registerMetricsClass();
  registerCounterClass();
  registerGaugeClass();
  registerHistogramClass();
}

}  // namespace surge::ext::metrics
