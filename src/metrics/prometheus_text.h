#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace surge {

// Writes the Prometheus text exposition format (version 0.0.4), the body of a /metrics
// answer: for each family a `# HELP` and a `# TYPE` line, then its samples. It only
// formats; callers decide the names. Names must match [a-zA-Z_:][a-zA-Z0-9_:]* (label
// names [a-zA-Z_][a-zA-Z0-9_]*), checked with validName()/validLabelName() where they come
// from users; HELP texts and label values may hold anything and are escaped here.
class PrometheusText {
 public:
  using Labels = std::vector<std::pair<std::string, std::string>>;

  // Starts a family: "counter", "gauge", "histogram" (or "untyped"). Samples of one family
  // must follow its family() call without another family in between.
  void family(std::string_view name, std::string_view type, std::string_view help);
  // One sample line: `name{labels} value`.
  void sample(std::string_view name, const Labels& labels, double value);
  void sample(std::string_view name, const Labels& labels, long long value);
  // A histogram's series for one label set: cumulative `_bucket{le=...}` lines for each
  // upper bound (ascending; `counts[i]` observations fell in (bounds[i-1], bounds[i]],
  // counts.back() is above the last bound) then `_bucket{le="+Inf"}`, `_sum` and `_count`.
  // `counts` has bounds.size() + 1 entries.
  void histogram(std::string_view name, const Labels& labels, const std::vector<double>& bounds,
                 const std::vector<long long>& counts, double sum);

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

  static bool validName(std::string_view name);
  static bool validLabelName(std::string_view name);
  // A value as the format writes it: integers without a fraction, NaN and +Inf/-Inf by name.
  static std::string formatValue(double value);
  static std::string escapeLabelValue(std::string_view value);
  static std::string escapeHelp(std::string_view help);

 private:
  void labels(const Labels& labels, const std::pair<std::string, std::string>* extra);

  std::string out_;
};

}  // namespace surge
