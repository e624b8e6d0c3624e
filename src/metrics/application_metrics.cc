#include "metrics/application_metrics.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "metrics/prometheus_text.h"

namespace surge {

namespace {

using Kind = MetricsError::Kind;

std::string quoted(std::string_view s) {
  return "'" + std::string(s) + "'";
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// The sample names a family writes: its name, or a histogram's _bucket/_sum/_count.
std::vector<std::string> sampleNames(const MetricFamily& f) {
  if (f.type != MetricType::kHistogram) return {f.name};
  return {f.name, f.name + "_bucket", f.name + "_sum", f.name + "_count"};
}

std::string describe(const MetricFamily& f) {
  std::string out = std::string(f.typeName()) + " with help " + quoted(f.help) + " and ";
  out += f.labelNames.empty() ? "no labels" : "labels (" + joined(f.labelNames) + ")";
  if (f.type == MetricType::kHistogram) {
    std::string b;
    for (double v : f.buckets) b += (b.empty() ? "" : ", ") + PrometheusText::formatValue(v);
    out += " and buckets [" + b + "]";
  }
  return out;
}

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::vector<double> ApplicationMetrics::defaultBuckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

void ApplicationMetrics::validate(const MetricFamily& f) const {
  if (!PrometheusText::validName(f.name))
    throw MetricsError(Kind::kArgument,
                       "invalid metric name " + quoted(f.name) +
                           ": use letters, digits, '_' and ':', not starting with a digit "
                           "(e.g. 'app_orders_total')");
  if (f.name.rfind("surge_", 0) == 0)
    throw MetricsError(Kind::kArgument, "metric name " + quoted(f.name) +
                                            ": the prefix 'surge_' is reserved for the "
                                            "server's own metrics; use your application's");
  if (f.type == MetricType::kHistogram)
    for (const char* suffix : {"_bucket", "_sum", "_count"})
      if (endsWith(f.name, suffix))
        throw MetricsError(Kind::kArgument,
                           "histogram name " + quoted(f.name) + " ends with " + suffix +
                               ", which its samples add: name it without the suffix");
  for (size_t i = 0; i < f.labelNames.size(); ++i) {
    const std::string& label = f.labelNames[i];
    if (!PrometheusText::validLabelName(label))
      throw MetricsError(Kind::kArgument,
                         "metric " + quoted(f.name) + ": invalid label name " + quoted(label) +
                             ": use letters, digits and '_', not starting with a digit or "
                             "'__' (e.g. 'method')");
    if (f.type == MetricType::kHistogram && label == "le")
      throw MetricsError(Kind::kArgument,
                         "histogram " + quoted(f.name) +
                             ": the label 'le' is reserved for bucket bounds; rename it");
    for (size_t j = 0; j < i; ++j)
      if (f.labelNames[j] == label)
        throw MetricsError(Kind::kArgument, "metric " + quoted(f.name) + ": label " +
                                                quoted(label) + " is named twice");
  }
  if (f.type == MetricType::kHistogram) {
    if (f.buckets.empty() || f.buckets.size() > kMaxBuckets)
      throw MetricsError(Kind::kArgument, "histogram " + quoted(f.name) + ": give 1 to " +
                                              std::to_string(kMaxBuckets) +
                                              " bucket bounds (or null for the defaults)");
    for (size_t i = 0; i < f.buckets.size(); ++i) {
      if (!std::isfinite(f.buckets[i]))
        throw MetricsError(Kind::kArgument,
                           "histogram " + quoted(f.name) +
                               ": bucket bounds must be finite numbers (the +Inf bucket is "
                               "always added)");
      if (i > 0 && f.buckets[i] <= f.buckets[i - 1])
        throw MetricsError(Kind::kArgument, "histogram " + quoted(f.name) +
                                                ": bucket bounds must be strictly ascending, but " +
                                                PrometheusText::formatValue(f.buckets[i]) +
                                                " follows " +
                                                PrometheusText::formatValue(f.buckets[i - 1]));
    }
  }
  std::vector<std::string> mine = sampleNames(f);
  for (const MetricFamily& other : families_)
    for (const std::string& theirs : sampleNames(other))
      if (std::find(mine.begin(), mine.end(), theirs) != mine.end())
        throw MetricsError(Kind::kArgument, "metric " + quoted(f.name) +
                                                " would write samples named " + quoted(theirs) +
                                                " as the " + other.typeName() + " " +
                                                quoted(other.name) + " does; choose another name");
}

int ApplicationMetrics::find(std::string_view name) const {
  for (size_t i = 0; i < families_.size(); ++i)
    if (families_[i].name == name) return static_cast<int>(i);
  return -1;
}

std::string ApplicationMetrics::undeclaredMessage(std::string_view name) {
  return "metric " + quoted(name) +
         " was not declared before Worker::runAll(): declare every metric in the start file "
         "before runAll(), so that all processes share it (a worker may declare it again to "
         "get its object)";
}

uint32_t ApplicationMetrics::declare(const MetricFamily& f) {
  for (size_t i = 0; i < families_.size(); ++i) {
    const MetricFamily& old = families_[i];
    if (old.name != f.name) continue;
    if (old.type == f.type && old.help == f.help && old.labelNames == f.labelNames &&
        old.buckets == f.buckets)
      return static_cast<uint32_t>(i);
    throw MetricsError(Kind::kArgument, "metric " + quoted(f.name) + " is already declared as a " +
                                            describe(old) +
                                            "; declare it the same way each time, or use "
                                            "another name for the " +
                                            describe(f));
  }
  if (closed_) throw MetricsError(Kind::kState, undeclaredMessage(f.name));
  validate(f);
  if (store_ && f.cellCount() > store_->cellsPerSeries())
    throw MetricsError(Kind::kState,
                       "histogram " + quoted(f.name) + " has " + std::to_string(f.buckets.size()) +
                           " buckets, but the metrics were already in use with room for " +
                           std::to_string(store_->cellsPerSeries() - 2) +
                           ": declare it before the first update");
  families_.push_back(f);
  return static_cast<uint32_t>(families_.size() - 1);
}

void ApplicationMetrics::createStore(uint32_t maxSeries) {
  if (store_ || families_.empty()) return;
  size_t cells = ApplicationMetrics::defaultBuckets().size() + 2;
  for (const MetricFamily& f : families_) cells = std::max(cells, f.cellCount());
  if (maxSeries < 1 || maxSeries > SeriesStore::kMaxCapacity)
    throw MetricsError(Kind::kArgument, "Surge\\Metrics::$maxSeries must be between 1 and " +
                                            std::to_string(SeriesStore::kMaxCapacity) + ", got " +
                                            std::to_string(maxSeries));
  store_ = std::make_unique<SeriesStore>(maxSeries, static_cast<uint32_t>(cells));
}

void ApplicationMetrics::appendLabelKey(std::string& key, std::string_view value) {
  // Longer values make a key far above kMaxKeyBytes, refused as a whole.
  size_t n = std::min<size_t>(value.size(), 0xffff);
  key += static_cast<char>(n & 0xff);
  key += static_cast<char>(n >> 8);
  key.append(value.data(), n);
}

std::string ApplicationMetrics::labelKey(const std::vector<std::string>& labelValues) {
  std::string key;
  for (const std::string& v : labelValues) appendLabelKey(key, v);
  return key;
}

std::vector<std::string> ApplicationMetrics::labelValuesOf(std::string_view key) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos + 2 <= key.size()) {
    size_t n = static_cast<unsigned char>(key[pos]) |
               static_cast<size_t>(static_cast<unsigned char>(key[pos + 1])) << 8;
    pos += 2;
    out.emplace_back(key.substr(pos, n));
    pos += n;
  }
  return out;
}

SeriesStore::Cell* ApplicationMetrics::series(uint32_t metric, std::string_view key) {
  const MetricFamily& f = family(metric);
  if (!store_) throw MetricsError(Kind::kState, "the metrics store was not created");
  if (key.size() > SeriesStore::kMaxKeyBytes)
    throw MetricsError(Kind::kArgument, "metric " + quoted(f.name) + ": label values too long (" +
                                            std::to_string(key.size()) +
                                            " bytes with their lengths, at most " +
                                            std::to_string(SeriesStore::kMaxKeyBytes) +
                                            "); use short values from a small set");
  SeriesStore::Cell* c = store_->findOrCreate(metric, key);
  if (c == nullptr)
    throw MetricsError(
        Kind::kState,
        "metric " + quoted(f.name) + ": all " + std::to_string(store_->capacity()) +
            " series are taken (a series is a metric with one combination of label values); "
            "raise Surge\\Metrics::$maxSeries before Worker::runAll(), or use labels with "
            "fewer distinct values (not ids or full URLs)");
  return c;
}

SeriesStore::Cell* ApplicationMetrics::cells(uint32_t metric,
                                             const std::vector<std::string>& labelValues) {
  const MetricFamily& f = family(metric);
  if (labelValues.size() != f.labelNames.size())
    throw MetricsError(Kind::kArgument, "metric " + quoted(f.name) + " expects " +
                                            std::to_string(f.labelNames.size()) +
                                            " label values (" + joined(f.labelNames) + "), got " +
                                            std::to_string(labelValues.size()));
  return series(metric, labelKey(labelValues));
}

void ApplicationMetrics::checkCounterAmount(uint32_t metric, double by) const {
  if (!(by >= 0) || std::isinf(by))
    throw MetricsError(Kind::kArgument,
                       "counter " + quoted(family(metric).name) +
                           " can only go up: inc() needs a finite amount >= 0, got " +
                           PrometheusText::formatValue(by) +
                           " (use a gauge for values that go down)");
}

void ApplicationMetrics::checkObservation(uint32_t metric, double value) const {
  if (std::isnan(value))
    throw MetricsError(Kind::kArgument, "histogram " + quoted(family(metric).name) +
                                            ": observe() needs a number, got NaN");
}

void ApplicationMetrics::observeAt(uint32_t metric, SeriesStore::Cell* cells, double value) const {
  const MetricFamily& f = family(metric);
  size_t bucket = std::lower_bound(f.buckets.begin(), f.buckets.end(), value) - f.buckets.begin();
  cells[1 + bucket].fetch_add(1, std::memory_order_relaxed);
  SeriesStore::addDouble(cells[0], value);
}

void ApplicationMetrics::counterAdd(uint32_t metric, const std::vector<std::string>& labelValues,
                                    double by) {
  checkCounterAmount(metric, by);
  SeriesStore::addDouble(cells(metric, labelValues)[0], by);
}

void ApplicationMetrics::gaugeSet(uint32_t metric, const std::vector<std::string>& labelValues,
                                  double value) {
  SeriesStore::storeDouble(cells(metric, labelValues)[0], value);
}

void ApplicationMetrics::gaugeAdd(uint32_t metric, const std::vector<std::string>& labelValues,
                                  double by) {
  SeriesStore::addDouble(cells(metric, labelValues)[0], by);
}

void ApplicationMetrics::observe(uint32_t metric, const std::vector<std::string>& labelValues,
                                 double value) {
  checkObservation(metric, value);
  observeAt(metric, cells(metric, labelValues), value);
}

double ApplicationMetrics::valueByKey(uint32_t metric, std::string_view key) const {
  if (!store_) return 0;
  const SeriesStore::Cell* c = store_->find(metric, key);
  return c ? SeriesStore::loadDouble(c[0]) : 0;
}

double ApplicationMetrics::value(uint32_t metric,
                                 const std::vector<std::string>& labelValues) const {
  const MetricFamily& f = family(metric);
  if (labelValues.size() != f.labelNames.size()) return 0;
  return valueByKey(metric, labelKey(labelValues));
}

std::string ApplicationMetrics::render() const {
  std::vector<std::vector<std::pair<std::vector<std::string>, const SeriesStore::Cell*>>> byMetric(
      families_.size());
  if (store_)
    for (const SeriesStore::Series& s : store_->list())
      if (s.metric < families_.size())
        byMetric[s.metric].emplace_back(labelValuesOf(s.key), s.cells);
  // Zeroed cells for a metric without labels that nobody updated yet.
  std::vector<SeriesStore::Cell> zeros(kMaxBuckets + 2);
  PrometheusText text;
  for (size_t m = 0; m < families_.size(); ++m) {
    const MetricFamily& f = families_[m];
    auto& series = byMetric[m];
    if (series.empty() && f.labelNames.empty())
      series.emplace_back(std::vector<std::string>{}, zeros.data());
    if (series.empty()) continue;
    std::sort(series.begin(), series.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    text.family(f.name, f.typeName(), f.help);
    for (const auto& [values, c] : series) {
      PrometheusText::Labels labels;
      for (size_t i = 0; i < f.labelNames.size() && i < values.size(); ++i)
        labels.emplace_back(f.labelNames[i], values[i]);
      if (f.type != MetricType::kHistogram) {
        text.sample(f.name, labels, SeriesStore::loadDouble(c[0]));
        continue;
      }
      std::vector<long long> counts(f.buckets.size() + 1);
      for (size_t i = 0; i < counts.size(); ++i)
        counts[i] = static_cast<long long>(c[1 + i].load(std::memory_order_relaxed));
      text.histogram(f.name, labels, f.buckets, counts, SeriesStore::loadDouble(c[0]));
    }
  }
  return text.take();
}

}  // namespace surge
