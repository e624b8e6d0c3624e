#include "metrics/board_metrics.h"

#include <signal.h>

#include <gtest/gtest.h>

namespace surge {
namespace {

bool has(const std::string& text, const std::string& line) {
  return text.find(line) != std::string::npos;
}

TEST(BoardMetricsTest, ExitReasons) {
  EXPECT_EQ(exitReasonLabel(0), "exit_code_0");
  EXPECT_EQ(exitReasonLabel(255 << 8), "exit_code_255");
  EXPECT_EQ(exitReasonLabel(SIGKILL), "signal_SIGKILL");
  EXPECT_EQ(exitReasonLabel(SIGSEGV | 0x80), "signal_SIGSEGV");  // with a core dump
  EXPECT_EQ(exitReasonLabel(60), "signal_60");
}

TEST(BoardMetricsTest, RendersGroupsProcessesAndHistograms) {
  StatusBoard::Snapshot s;
  s.startTime = 1700000000;
  StatusBoard::GroupView web;
  web.name = "web";
  web.listen = "http://127.0.0.1:8080";
  web.count = 2;
  web.exits = {{SIGKILL, 1}, {255 << 8, 2}};
  StatusBoard::GroupView text;
  text.name = "chat \"x\"";
  text.listen = "text://127.0.0.1:5678";
  s.groups = {web, text};
  StatusBoard::ProcessView p;
  p.worker = "web";
  p.listen = web.listen;
  p.pid = 101;
  p.slot = 1;
  p.connections = 3;
  p.totalRequests = 7;
  p.bytesReceived = 700;
  p.bytesSent = 900;
  p.loopLagUs = 1500;
  p.rss = 4096;
  p.httpDurationBuckets.assign(StatusBoard::kHttpDurationBuckets, 0);
  p.httpDurationBuckets[0] = 5;
  p.httpDurationBuckets[3] = 2;
  p.httpDurationSumNs = 1500000;
  StatusBoard::ProcessView t;
  t.worker = text.name;
  t.listen = text.listen;
  t.pid = 102;
  s.processes = {p, t};

  std::string m = renderBoardMetrics(s);
  EXPECT_TRUE(has(m,
                  "# TYPE surge_worker_exits_total counter\n"
                  "surge_worker_exits_total{worker=\"web\",reason=\"signal_SIGKILL\"} 1\n"
                  "surge_worker_exits_total{worker=\"web\",reason=\"exit_code_255\"} 2\n"))
      << m;
  EXPECT_TRUE(has(m, "surge_process_connections{worker=\"web\",pid=\"101\",slot=\"1\"} 3\n"));
  EXPECT_TRUE(has(m, "surge_process_requests_total{worker=\"web\",pid=\"101\",slot=\"1\"} 7\n"));
  EXPECT_TRUE(
      has(m, "surge_process_received_bytes_total{worker=\"web\",pid=\"101\",slot=\"1\"} 700\n"));
  EXPECT_TRUE(
      has(m, "surge_process_sent_bytes_total{worker=\"web\",pid=\"101\",slot=\"1\"} 900\n"));
  EXPECT_TRUE(
      has(m, "surge_process_resident_memory_bytes{worker=\"web\",pid=\"101\",slot=\"1\"} 4096\n"));
  EXPECT_TRUE(has(
      m, "surge_process_event_loop_lag_seconds{worker=\"web\",pid=\"101\",slot=\"1\"} 0.0015\n"));
  EXPECT_TRUE(
      has(m, "surge_process_connections{worker=\"chat \\\"x\\\"\",pid=\"102\",slot=\"0\"} 0\n"));
  EXPECT_TRUE(has(m,
                  "surge_http_request_duration_seconds_bucket{worker=\"web\",pid=\"101\",slot="
                  "\"1\",le=\"0.0005\"} 5\n"));
  EXPECT_TRUE(has(m,
                  "surge_http_request_duration_seconds_bucket{worker=\"web\",pid=\"101\",slot="
                  "\"1\",le=\"0.005\"} 7\n"));
  EXPECT_TRUE(has(
      m, "surge_http_request_duration_seconds_count{worker=\"web\",pid=\"101\",slot=\"1\"} 7\n"));
  EXPECT_TRUE(has(
      m,
      "surge_http_request_duration_seconds_sum{worker=\"web\",pid=\"101\",slot=\"1\"} 0.0015\n"));
  // Only HTTP workers get a histogram.
  EXPECT_FALSE(has(m, "surge_http_request_duration_seconds_count{worker=\"chat"));
}

}  // namespace
}  // namespace surge
