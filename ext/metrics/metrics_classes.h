/* Application metrics: Surge\Metrics and its Counter, Gauge and Histogram, the PHP face of
 * ApplicationMetrics (src/metrics/application_metrics.h). The declarations live in each
 * process (made before the master forks); the series in one shared mapping the master
 * creates when Worker::runAll() starts. */
#ifndef SURGE_EXT_METRICS_METRICS_CLASSES_H
#define SURGE_EXT_METRICS_METRICS_CLASSES_H

#include <cstdint>
#include <string>
#include <vector>

#include "core/common.h"
#include "metrics/series_store.h"

namespace surge {
class ApplicationMetrics;
class MetricsError;
}  // namespace surge

namespace surge::ext::metrics {

extern zend_class_entry* metrics_ce;
extern zend_class_entry* counter_ce;
extern zend_class_entry* gauge_ce;
extern zend_class_entry* histogram_ce;

// Called once from MINIT.
void registerMetricsClasses();
void registerMetricsClass();
void registerCounterClass();
void registerGaugeClass();
void registerHistogramClass();

// The declarations and series of this process.
ApplicationMetrics& registry();

// Worker::runAll(), in the master before it forks: ends the declarations and maps the
// shared series so that every process inherits them. false with a PHP exception pending
// when it cannot.
bool prepareApplicationMetrics();

// The text exposition (0.0.4) of the application metrics: every process's updates
// together. Touches no PHP state, so the master's /metrics endpoint may call it.
std::string renderApplicationMetrics() noexcept;

// The store, made at the first update in a process that did not run Worker::runAll().
void ensureStore();

// create_object of Counter, Gauge and Histogram: a zend_object with the metric's index.
zend_object* createMetricObject(zend_class_entry* ce);
// The metric behind a Counter/Gauge/Histogram object.
uint32_t metricOf(zval* self);
// Makes the object for a declared metric.
void makeMetricObject(zval* out, zend_class_entry* ce, uint32_t metric);

// The series key (ApplicationMetrics::labelKey()) of label values from a PHP array
// (nullptr: none): a list in the declared order or keyed by label name. Throws
// MetricsError saying what is expected.
std::string labelKeyOf(uint32_t metric, HashTable* values);
// The cells of the object's series for these label values, created when new (and the
// store with them in a process that did not run Worker::runAll()).
SeriesStore::Cell* seriesOf(zval* self, HashTable* labels);

// Counter::value() and Gauge::value(): parses the optional label values and returns the
// series' total over every process (0 for a series not created yet).
void returnSeriesValue(INTERNAL_FUNCTION_PARAMETERS);

// Throws a MetricsError as a PHP exception: \InvalidArgumentException for a bad argument,
// \RuntimeException otherwise, "Surge\Metrics: <message>".
void throwMetricsError(const MetricsError& e);

}  // namespace surge::ext::metrics

#endif
