#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/metric_family.h"
#include "metrics/series_store.h"

namespace surge {

// Misuse of the application metrics. The message says what to do; the binding throws it
// as a PHP exception (InvalidArgumentException for a bad argument, else RuntimeException).
class MetricsError : public std::runtime_error {
 public:
  enum class Kind { kArgument, kState };
  MetricsError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// The application metrics of one server (Surge\Metrics): the declarations, kept in each
// process (made before the master forks, so all have the same), and the series, kept in a
// SeriesStore shared by all processes. Declaring goes on until closeDeclarations() (the
// master, just before it forks); the store is made by createStore() then, or at the first
// update in a process that never forks (a plain script).
class ApplicationMetrics {
 public:
  static constexpr uint32_t kDefaultMaxSeries = 1000;
  // Buckets a histogram may have at most.
  static constexpr size_t kMaxBuckets = 64;

  // Prometheus's default buckets, .005 to 10 (seconds).
  static std::vector<double> defaultBuckets();

  // Declares a metric, or finds the same declaration made before (same type, help, labels
  // and buckets); returns its index. Throws MetricsError for an invalid name, label or
  // bucket list, a conflicting earlier declaration, or a new name after
  // closeDeclarations().
  uint32_t declare(const MetricFamily& family);
  const MetricFamily& family(uint32_t metric) const { return families_.at(metric); }
  // Index of the metric of that name, or -1.
  int find(std::string_view name) const;
  // What declare() says about a new name after closeDeclarations(). (The binding checks
  // that case before calling declare(): in a worker's onWorkerStart, which runs on a PHP
  // Fiber's stack, it then throws no C++ exception, which AddressSanitizer cannot follow
  // across stacks it was not told about.)
  static std::string undeclaredMessage(std::string_view name);
  size_t familyCount() const { return families_.size(); }

  void closeDeclarations() { closed_ = true; }
  bool declarationsClosed() const { return closed_; }

  // Maps the shared series store for `maxSeries` series; once only. Without declared
  // metrics nothing is mapped.
  void createStore(uint32_t maxSeries);
  bool storeCreated() const { return store_ != nullptr; }
  const SeriesStore* store() const { return store_.get(); }

  // Updates. `labelValues` are in the declared order (labelKey()). Throw MetricsError for a
  // wrong value or a full store; the store must exist.
  void counterAdd(uint32_t metric, const std::vector<std::string>& labelValues, double by);
  void gaugeSet(uint32_t metric, const std::vector<std::string>& labelValues, double value);
  void gaugeAdd(uint32_t metric, const std::vector<std::string>& labelValues, double by);
  void observe(uint32_t metric, const std::vector<std::string>& labelValues, double value);
  // A counter's or gauge's current value over all processes (0 for a series never updated).
  double value(uint32_t metric, const std::vector<std::string>& labelValues) const;

  // The same by the series' key (labelKey()), for callers that build it themselves (the
  // binding builds it straight from the PHP array and keeps the cells of a metric without
  // labels). series() creates the series when new; the checks throw before anything is
  // created for a wrong amount; counters and gauges use cell 0 (SeriesStore::addDouble()).
  SeriesStore::Cell* series(uint32_t metric, std::string_view key);
  void checkCounterAmount(uint32_t metric, double by) const;
  void checkObservation(uint32_t metric, double value) const;
  void observeAt(uint32_t metric, SeriesStore::Cell* cells, double value) const;
  double valueByKey(uint32_t metric, std::string_view key) const;

  // The text exposition (0.0.4) of every declared metric: families in declaration order,
  // series sorted by label values. A metric without labels shows 0 until updated; one with
  // labels shows no family until a series exists.
  std::string render() const;

  // Label values as the store keys them: each value's length (2 bytes) then its bytes.
  static std::string labelKey(const std::vector<std::string>& labelValues);
  static void appendLabelKey(std::string& key, std::string_view value);
  static std::vector<std::string> labelValuesOf(std::string_view key);

 private:
  SeriesStore::Cell* cells(uint32_t metric, const std::vector<std::string>& labelValues);
  void validate(const MetricFamily& family) const;

  std::vector<MetricFamily> families_;
  std::unique_ptr<SeriesStore> store_;
  bool closed_ = false;
};

}  // namespace surge
