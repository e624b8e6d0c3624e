#include "metrics/application_metrics.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "test_support.h"

namespace surge {
namespace {

using surge::testing::Contains;
using surge::testing::waitChild;

MetricFamily counter(const std::string& name, std::vector<std::string> labels = {}) {
  return {name, "help of " + name, MetricType::kCounter, std::move(labels), {}};
}
MetricFamily gauge(const std::string& name, std::vector<std::string> labels = {}) {
  return {name, "help of " + name, MetricType::kGauge, std::move(labels), {}};
}
MetricFamily histogram(const std::string& name, std::vector<double> buckets,
                       std::vector<std::string> labels = {}) {
  return {name, "help of " + name, MetricType::kHistogram, std::move(labels), std::move(buckets)};
}

std::string errorOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const MetricsError& e) {
    return e.what();
  }
  return "";
}

TEST(SeriesStoreTest, FindsWhatItCreatedAndStopsWhenFull) {
  SeriesStore store(2, 1);
  EXPECT_EQ(store.find(0, "a"), nullptr);
  SeriesStore::Cell* a = store.findOrCreate(0, "a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(store.findOrCreate(0, "a"), a);
  EXPECT_EQ(store.find(0, "a"), a);
  SeriesStore::Cell* other = store.findOrCreate(1, "a");  // same key, other metric
  ASSERT_NE(other, nullptr);
  EXPECT_NE(other, a);
  EXPECT_EQ(store.findOrCreate(0, "b"), nullptr);  // full
  EXPECT_EQ(store.find(0, "a"), a);                // existing ones still found
  EXPECT_EQ(store.size(), 2u);
  EXPECT_EQ(store.list().size(), 2u);
  SeriesStore::addDouble(*a, 0.25);
  SeriesStore::addDouble(*a, 0.5);
  EXPECT_EQ(SeriesStore::loadDouble(*a), 0.75);
  EXPECT_THROW(store.findOrCreate(0, std::string(SeriesStore::kMaxKeyBytes + 1, 'x')),
               std::length_error);
}

TEST(ApplicationMetricsTest, RendersCountersGaugesAndHistogramsSorted) {
  ApplicationMetrics m;
  uint32_t req = m.declare(counter("app_requests_total", {"method", "code"}));
  uint32_t temp = m.declare(gauge("app_temperature"));
  uint32_t lat = m.declare(histogram("app_latency_seconds", {0.1, 1}));
  uint32_t unused = m.declare(counter("app_unused_total", {"x"}));
  (void)unused;
  m.createStore(100);
  m.counterAdd(req, {"POST", "200"}, 1);
  m.counterAdd(req, {"GET", "200"}, 2);
  m.counterAdd(req, {"GET", "200"}, 0.5);
  m.gaugeSet(temp, {}, 20);
  m.gaugeAdd(temp, {}, -1.5);
  m.observe(lat, {}, 0.1);  // le is inclusive
  m.observe(lat, {}, 0.5);
  m.observe(lat, {}, 7);
  EXPECT_EQ(m.value(req, {"GET", "200"}), 2.5);
  EXPECT_EQ(m.value(req, {"PUT", "200"}), 0);
  EXPECT_EQ(m.render(),
            "# HELP app_requests_total help of app_requests_total\n"
            "# TYPE app_requests_total counter\n"
            "app_requests_total{method=\"GET\",code=\"200\"} 2.5\n"
            "app_requests_total{method=\"POST\",code=\"200\"} 1\n"
            "# HELP app_temperature help of app_temperature\n"
            "# TYPE app_temperature gauge\n"
            "app_temperature 18.5\n"
            "# HELP app_latency_seconds help of app_latency_seconds\n"
            "# TYPE app_latency_seconds histogram\n"
            "app_latency_seconds_bucket{le=\"0.1\"} 1\n"
            "app_latency_seconds_bucket{le=\"1\"} 2\n"
            "app_latency_seconds_bucket{le=\"+Inf\"} 3\n"
            "app_latency_seconds_sum 7.6\n"
            "app_latency_seconds_count 3\n");
}

TEST(ApplicationMetricsTest, UnlabelledMetricsShowZeroBeforeAnyUpdate) {
  ApplicationMetrics m;
  m.declare(counter("a_total"));
  m.declare(histogram("h", {1}));
  EXPECT_EQ(m.render(),
            "# HELP a_total help of a_total\n# TYPE a_total counter\na_total 0\n"
            "# HELP h help of h\n# TYPE h histogram\nh_bucket{le=\"1\"} 0\n"
            "h_bucket{le=\"+Inf\"} 0\nh_sum 0\nh_count 0\n");
}

TEST(ApplicationMetricsTest, RedeclaringFindsTheSameMetricOrSaysWhatDiffers) {
  ApplicationMetrics m;
  uint32_t a = m.declare(counter("a_total", {"x"}));
  EXPECT_EQ(m.declare(counter("a_total", {"x"})), a);
  EXPECT_TRUE(Contains(errorOf([&] { m.declare(gauge("a_total", {"x"})); }),
                       "metric 'a_total' is already declared as a counter with help 'help of "
                       "a_total' and labels (x); declare it the same way each time"));
  EXPECT_TRUE(Contains(errorOf([&] { m.declare(counter("a_total", {"y"})); }), "labels (y)"));
  m.closeDeclarations();
  EXPECT_EQ(m.declare(counter("a_total", {"x"})), a);
  EXPECT_TRUE(Contains(errorOf([&] { m.declare(counter("b_total")); }),
                       "metric 'b_total' was not declared before Worker::runAll()"));
}

TEST(ApplicationMetricsTest, RejectsBadNamesLabelsAndBuckets) {
  ApplicationMetrics m;
  EXPECT_TRUE(Contains(errorOf([&] { m.declare(counter("1x")); }), "invalid metric name '1x'"));
  EXPECT_TRUE(Contains(errorOf([&] { m.declare(counter("surge_x")); }), "reserved"));
  EXPECT_TRUE(
      Contains(errorOf([&] { m.declare(counter("x", {"a-b"})); }), "invalid label name 'a-b'"));
  EXPECT_TRUE(Contains(errorOf([&] { m.declare(counter("x", {"a", "a"})); }), "named twice"));
  EXPECT_TRUE(Contains(errorOf([&] { m.declare(histogram("h", {1}, {"le"})); }), "'le'"));
  EXPECT_TRUE(Contains(errorOf([&] { m.declare(histogram("h_sum", {1})); }), "ends with _sum"));
  EXPECT_TRUE(Contains(errorOf([&] {
                         m.declare(histogram("h", {1, 1}));
                       }),
                       "strictly ascending, but 1 follows 1"));
  EXPECT_TRUE(Contains(errorOf([&] { m.declare(histogram("h", {1, 1.0 / 0.0})); }), "finite"));
  EXPECT_TRUE(Contains(errorOf([&] { m.declare(histogram("h", {})); }), "bucket bounds"));
  m.declare(histogram("h", {1}));
  EXPECT_TRUE(Contains(errorOf([&] { m.declare(counter("h_count")); }),
                       "would write samples named 'h_count' as the histogram 'h' does"));
  EXPECT_EQ(m.familyCount(), 1u);
}

TEST(ApplicationMetricsTest, UpdatesCheckValuesLabelsAndCapacity) {
  ApplicationMetrics m;
  uint32_t c = m.declare(counter("c_total", {"a"}));
  uint32_t h = m.declare(histogram("h", {1}));
  m.createStore(2);
  EXPECT_TRUE(Contains(errorOf([&] { m.counterAdd(c, {"x"}, -1); }), "can only go up"));
  EXPECT_TRUE(
      Contains(errorOf([&] { m.counterAdd(c, {}, 1); }), "expects 1 label values (a), got 0"));
  EXPECT_TRUE(Contains(errorOf([&] { m.observe(h, {}, 0.0 / 0.0); }), "NaN"));
  EXPECT_TRUE(Contains(errorOf([&] { m.counterAdd(c, {std::string(600, 'v')}, 1); }),
                       "label values too long"));
  m.counterAdd(c, {"x"}, 1);
  m.counterAdd(c, {"y"}, 1);
  EXPECT_TRUE(Contains(errorOf([&] { m.counterAdd(c, {"z"}, 1); }),
                       "all 2 series are taken (a series is a metric with one combination of "
                       "label values); raise Surge\\Metrics::$maxSeries"));
  m.counterAdd(c, {"x"}, 1);  // existing series still count
  EXPECT_EQ(m.value(c, {"x"}), 2);
}

TEST(ApplicationMetricsTest, HistogramWithMoreBucketsAfterFirstUseIsRefused) {
  ApplicationMetrics m;
  m.declare(counter("c_total"));
  m.createStore(10);
  std::vector<double> many;
  for (int i = 1; i <= 20; ++i) many.push_back(i);
  EXPECT_TRUE(Contains(errorOf([&] { m.declare(histogram("h", many)); }),
                       "declare it before the first update"));
  EXPECT_EQ(m.declare(histogram("h2", {1, 2})), 1u);  // fits the default room
}

// Several processes add to the same series at once, and create the same new series at
// once: every addition is counted and every series exists once.
TEST(ApplicationMetricsTest, ForkedProcessesAddExactly) {
  ApplicationMetrics m;
  uint32_t c = m.declare(counter("c_total", {"k"}));
  uint32_t g = m.declare(gauge("g"));
  uint32_t h = m.declare(histogram("h", {0.5, 1.5}));
  m.createStore(100);
  const int kProcs = 4, kRounds = 20000;
  std::vector<pid_t> kids;
  for (int p = 0; p < kProcs; ++p) {
    pid_t pid = fork();
    if (pid == 0) {
      for (int i = 0; i < kRounds; ++i) {
        m.counterAdd(c, {"shared"}, 1);
        m.counterAdd(c, {"k" + std::to_string(i % 10)}, 0.5);
        m.gaugeAdd(g, {}, p % 2 ? 1 : -1);
        m.observe(h, {}, i % 3);  // 0, 1, 2: one in each bucket
      }
      _exit(0);
    }
    kids.push_back(pid);
  }
  for (pid_t pid : kids) {
    int status = waitChild(pid);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  EXPECT_EQ(m.value(c, {"shared"}), kProcs * kRounds);
  for (int k = 0; k < 10; ++k)
    EXPECT_EQ(m.value(c, {"k" + std::to_string(k)}), kProcs * kRounds / 10 * 0.5);
  EXPECT_EQ(m.value(g, {}), 0);
  EXPECT_EQ(m.store()->size(), 13u);  // 11 counter series, the gauge and the histogram
  std::string text = m.render();
  // 4 * 20000 observations, i % 3 == 0 for 6667 of each process's 20000.
  EXPECT_TRUE(Contains(text, "h_bucket{le=\"0.5\"} 26668\n"));
  EXPECT_TRUE(Contains(text, "h_bucket{le=\"1.5\"} 53336\n"));
  EXPECT_TRUE(Contains(text, "h_bucket{le=\"+Inf\"} 80000\n"));
  EXPECT_TRUE(Contains(text, "h_sum 79996\n"));
  EXPECT_TRUE(Contains(text, "c_total{k=\"shared\"} 80000\n"));
}

// A process killed while creating a series leaves the creation lock to the others.
TEST(ApplicationMetricsTest, SurvivesAProcessKilledAnywhere) {
  ApplicationMetrics m;
  uint32_t c = m.declare(counter("c_total", {"k"}));
  m.createStore(20000);
  pid_t pid = fork();
  if (pid == 0) {
    for (uint64_t i = 0;; ++i) m.counterAdd(c, {std::to_string(i % 15000)}, 1);
  }
  // Until the child is busy creating series (bounded: a child that never gets there fails).
  for (int i = 0; i < 10000 && m.store()->size() < 1000; ++i) usleep(1000);
  kill(pid, SIGKILL);
  int status = waitChild(pid);
  ASSERT_GE(m.store()->size(), 1000u);
  ASSERT_TRUE(WIFSIGNALED(status));
  m.counterAdd(c, {"after"}, 1);  // would hang on a lock held by the dead process
  EXPECT_EQ(m.value(c, {"after"}), 1);
}

}  // namespace
}  // namespace surge
