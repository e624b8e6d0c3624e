#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace surge {

enum class MetricType { kCounter, kGauge, kHistogram };

// What an application declares about one metric (Surge\Metrics::counter/gauge/histogram):
// the same in every process, because it is declared before the master forks. Its series
// (one per set of label values) live in the shared SeriesStore.
struct MetricFamily {
  std::string name;
  std::string help;
  MetricType type = MetricType::kCounter;
  std::vector<std::string> labelNames;
  std::vector<double> buckets;  // histogram upper bounds, ascending and finite

  // "counter", "gauge" or "histogram": the TYPE line's word.
  const char* typeName() const {
    switch (type) {
      case MetricType::kCounter:
        return "counter";
      case MetricType::kGauge:
        return "gauge";
      case MetricType::kHistogram:
        return "histogram";
    }
    return "untyped";
  }

  // 64-bit cells one series needs: the value, or for a histogram its sum then one count per
  // bucket and one above the last bound.
  size_t cellCount() const { return type == MetricType::kHistogram ? buckets.size() + 2 : 1; }

  // Index of a label name, or -1.
  int labelIndex(const std::string& label) const {
    for (size_t i = 0; i < labelNames.size(); ++i)
      if (labelNames[i] == label) return static_cast<int>(i);
    return -1;
  }
};

}  // namespace surge
