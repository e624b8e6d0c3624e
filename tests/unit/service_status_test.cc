#include "process/service_status.h"

#include <signal.h>

#include <gtest/gtest.h>

#include "metrics/service_metrics.h"
#include "process/line_splitter.h"
#include "test_support.h"

namespace surge {
namespace {

using surge::testing::Contains;

std::vector<std::string> split(LineSplitter& s, const std::vector<std::string>& chunks,
                               bool flush = false) {
  std::vector<std::string> out;
  auto emit = [&](std::string_view line) { out.emplace_back(line); };
  for (const std::string& c : chunks) s.feed(c, emit);
  if (flush) s.flush(emit);
  return out;
}

TEST(LineSplitterTest, WholeLinesPartialLinesAndCrlf) {
  LineSplitter s;
  EXPECT_EQ(split(s, {"one\ntw", "o\r\nthr"}), (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ(split(s, {"ee\n\n"}), (std::vector<std::string>{"three", ""}));
  EXPECT_EQ(split(s, {"tail"}, true), (std::vector<std::string>{"tail"}));
  EXPECT_EQ(split(s, {}, true), (std::vector<std::string>{}));
}

TEST(LineSplitterTest, LongLinesAreCutAndTheirRestDropped) {
  LineSplitter s(4);
  std::string cut = "abcd" + std::string(LineSplitter::kCutMark);
  EXPECT_EQ(split(s, {"ab", "cdefgh", "ij\nok\n"}), (std::vector<std::string>{cut, "ok"}));
  // Exactly the limit is not cut; the rest of a cut line arriving later is dropped too.
  EXPECT_EQ(split(s, {"abcd\nabcdefg", "hij", "kl\nxy\n"}),
            (std::vector<std::string>{"abcd", cut, "xy"}));
}

std::vector<ServiceView> sample() {
  ServiceView a;
  a.name = "queue";
  a.pid = 1234;
  a.state = "running";
  a.restarts = 3;
  a.started = 1700000000;
  a.exited = true;
  a.lastStatus = 1 << 8;  // exit code 1
  ServiceView b;
  b.name = "never.ran-1";
  b.state = "backoff";
  return {a, b};
}

TEST(ServiceStatusTest, FileRoundTrip) {
  std::vector<ServiceView> in = sample();
  std::vector<ServiceView> out = parseServiceFile(formatServiceFile(in));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].name, "queue");
  EXPECT_EQ(out[0].pid, 1234);
  EXPECT_EQ(out[0].state, "running");
  EXPECT_EQ(out[0].restarts, 3);
  EXPECT_EQ(out[0].started, 1700000000);
  EXPECT_TRUE(out[0].exited);
  EXPECT_EQ(out[0].lastStatus, 256);
  EXPECT_EQ(out[1].name, "never.ran-1");
  EXPECT_FALSE(out[1].exited);
  // Another version or garbage: nothing, never a crash.
  EXPECT_TRUE(parseServiceFile("surge-services 2\nx\t1\n").empty());
  EXPECT_EQ(parseServiceFile("surge-services 1\nbad line\nq\tx\trunning\t1\t2\t0\t0\n").size(), 0u);
}

TEST(ServiceStatusTest, JsonAndItsPlaceInTheStatusObject) {
  std::string json = renderServicesJson(sample());
  EXPECT_EQ(json,
            "[{\"name\":\"queue\",\"pid\":1234,\"state\":\"running\",\"restarts\":3,"
            "\"started\":1700000000,\"last_exit\":{\"code\":1,\"signal\":null,\"text\":\"exited "
            "with code 1\"}},{\"name\":\"never.ran-1\",\"pid\":null,\"state\":\"backoff\","
            "\"restarts\":0,\"started\":null,\"last_exit\":null}]");
  EXPECT_EQ(addServicesToStatusJson("{\"a\":1}\n", {}), "{\"a\":1,\"services\":[]}\n");
  EXPECT_EQ(describeServiceExit(SIGKILL), "killed by SIGKILL");
}

TEST(ServiceStatusTest, TableSection) {
  EXPECT_EQ(renderServicesTable({}, 0), "");
  std::string text = renderServicesTable(sample(), 0);
  EXPECT_TRUE(Contains(text, "SERVICES"));
  EXPECT_TRUE(Contains(
      text, "queue        1234     running   3         2023-11-14 22:13:20  exited with code 1"))
      << text;
  EXPECT_TRUE(Contains(text, "never.ran-1  -        backoff   0         -                    -"))
      << text;
}

TEST(ServiceStatusTest, PrometheusFamilies) {
  PrometheusText out;
  writeServiceMetrics(out, sample());
  EXPECT_EQ(out.text(),
            "# HELP surge_service_up Whether the supervised service is running (1) or not.\n"
            "# TYPE surge_service_up gauge\n"
            "surge_service_up{service=\"queue\"} 1\n"
            "surge_service_up{service=\"never.ran-1\"} 0\n"
            "# HELP surge_service_restarts_total Times the supervised service was started again "
            "after it exited.\n"
            "# TYPE surge_service_restarts_total counter\n"
            "surge_service_restarts_total{service=\"queue\"} 3\n"
            "surge_service_restarts_total{service=\"never.ran-1\"} 0\n"
            "# HELP surge_service_start_time_seconds Unix time of the supervised service's last "
            "start (0: never started).\n"
            "# TYPE surge_service_start_time_seconds gauge\n"
            "surge_service_start_time_seconds{service=\"queue\"} 1700000000\n"
            "surge_service_start_time_seconds{service=\"never.ran-1\"} 0\n");
  PrometheusText none;
  writeServiceMetrics(none, {});
  EXPECT_EQ(none.text(), "");
}

}  // namespace
}  // namespace surge
