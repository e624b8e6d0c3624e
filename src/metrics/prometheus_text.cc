#include "metrics/prometheus_text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace surge {

namespace {

bool nameChar(char c, bool first, bool colon) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') return true;
  if (c == ':') return colon;
  return !first && c >= '0' && c <= '9';
}

bool validIdentifier(std::string_view name, bool colon) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i)
    if (!nameChar(name[i], i == 0, colon)) return false;
  return true;
}

}  // namespace

bool PrometheusText::validName(std::string_view name) {
  return validIdentifier(name, true);
}

bool PrometheusText::validLabelName(std::string_view name) {
  // Names starting with "__" are reserved for Prometheus itself.
  return validIdentifier(name, false) && name.substr(0, 2) != "__";
}

std::string PrometheusText::formatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buf[40];
  if (value == std::floor(value) && std::fabs(value) < 1e15)
    std::snprintf(buf, sizeof buf, "%.0f", value);
  else  // the shortest form that reads back as the same double ("0.005", not 0.00500...01)
    for (int digits = 15; digits <= 17; ++digits) {
      std::snprintf(buf, sizeof buf, "%.*g", digits, value);
      if (std::strtod(buf, nullptr) == value) break;
    }
  return buf;
}

std::string PrometheusText::escapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string PrometheusText::escapeHelp(std::string_view help) {
  std::string out;
  out.reserve(help.size());
  for (char c : help) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

void PrometheusText::family(std::string_view name, std::string_view type, std::string_view help) {
  out_ += "# HELP ";
  out_ += name;
  out_ += ' ';
  out_ += escapeHelp(help);
  out_ += "\n# TYPE ";
  out_ += name;
  out_ += ' ';
  out_ += type;
  out_ += '\n';
}

void PrometheusText::labels(const Labels& labels,
                            const std::pair<std::string, std::string>* extra) {
  if (labels.empty() && extra == nullptr) return;
  out_ += '{';
  bool first = true;
  auto one = [&](const std::pair<std::string, std::string>& label) {
    if (!first) out_ += ',';
    first = false;
    out_ += label.first;
    out_ += "=\"";
    out_ += escapeLabelValue(label.second);
    out_ += '"';
  };
  for (const auto& label : labels) one(label);
  if (extra) one(*extra);
  out_ += '}';
}

void PrometheusText::sample(std::string_view name, const Labels& labels, double value) {
  out_ += name;
  this->labels(labels, nullptr);
  out_ += ' ';
  out_ += formatValue(value);
  out_ += '\n';
}

void PrometheusText::sample(std::string_view name, const Labels& labels, long long value) {
  out_ += name;
  this->labels(labels, nullptr);
  out_ += ' ';
  out_ += std::to_string(value);
  out_ += '\n';
}

void PrometheusText::histogram(std::string_view name, const Labels& labels,
                               const std::vector<double>& bounds,
                               const std::vector<long long>& counts, double sum) {
  std::string bucket = std::string(name) + "_bucket";
  long long cumulative = 0;
  for (size_t i = 0; i <= bounds.size(); ++i) {
    cumulative += i < counts.size() ? counts[i] : 0;
    std::pair<std::string, std::string> le{"le",
                                           i < bounds.size() ? formatValue(bounds[i]) : "+Inf"};
    out_ += bucket;
    this->labels(labels, &le);
    out_ += ' ';
    out_ += std::to_string(cumulative);
    out_ += '\n';
  }
  sample(std::string(name) + "_sum", labels, sum);
  sample(std::string(name) + "_count", labels, cumulative);
}

}  // namespace surge
