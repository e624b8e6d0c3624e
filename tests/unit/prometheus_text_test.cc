#include "metrics/prometheus_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace surge {
namespace {

TEST(PrometheusTextTest, FamilyAndSamples) {
  PrometheusText p;
  p.family("surge_connections", "gauge", "Open connections.\nper process \\ now");
  p.sample("surge_connections", {{"worker", "web \"1\"\n"}, {"pid", "12"}}, 3LL);
  p.sample("surge_ratio", {}, 0.25);
  EXPECT_EQ(p.text(),
            "# HELP surge_connections Open connections.\\nper process \\\\ now\n"
            "# TYPE surge_connections gauge\n"
            "surge_connections{worker=\"web \\\"1\\\"\\n\",pid=\"12\"} 3\n"
            "surge_ratio 0.25\n");
}

TEST(PrometheusTextTest, HistogramIsCumulativeWithInfSumAndCount) {
  PrometheusText p;
  p.histogram("d_seconds", {{"w", "a"}}, {0.005, 0.01, 1}, {2, 0, 3, 1}, 4.5);
  EXPECT_EQ(p.text(),
            "d_seconds_bucket{w=\"a\",le=\"0.005\"} 2\n"
            "d_seconds_bucket{w=\"a\",le=\"0.01\"} 2\n"
            "d_seconds_bucket{w=\"a\",le=\"1\"} 5\n"
            "d_seconds_bucket{w=\"a\",le=\"+Inf\"} 6\n"
            "d_seconds_sum{w=\"a\"} 4.5\n"
            "d_seconds_count{w=\"a\"} 6\n");
}

TEST(PrometheusTextTest, Values) {
  EXPECT_EQ(PrometheusText::formatValue(0), "0");
  EXPECT_EQ(PrometheusText::formatValue(-7), "-7");
  EXPECT_EQ(PrometheusText::formatValue(0.005), "0.005");
  EXPECT_EQ(PrometheusText::formatValue(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(PrometheusText::formatValue(1e300), "1e+300");
  EXPECT_EQ(PrometheusText::formatValue(0.1), "0.1");
  EXPECT_EQ(PrometheusText::formatValue(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(PrometheusText::formatValue(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(PrometheusText::formatValue(std::nan("")), "NaN");
}

TEST(PrometheusTextTest, Names) {
  EXPECT_TRUE(PrometheusText::validName("app_orders_total"));
  EXPECT_TRUE(PrometheusText::validName("ns:rule_name"));
  EXPECT_FALSE(PrometheusText::validName(""));
  EXPECT_FALSE(PrometheusText::validName("1abc"));
  EXPECT_FALSE(PrometheusText::validName("a-b"));
  EXPECT_FALSE(PrometheusText::validName("a b"));
  EXPECT_TRUE(PrometheusText::validLabelName("route"));
  EXPECT_FALSE(PrometheusText::validLabelName("a:b"));
  EXPECT_FALSE(PrometheusText::validLabelName("__name__"));
  EXPECT_FALSE(PrometheusText::validLabelName("9x"));
}

}  // namespace
}  // namespace surge
