#include "process/status_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "test_support.h"
#include "status_report_fixtures.h"

namespace surge {
namespace {

using surge::testing::Contains;
using surge::testing::kStart;
using surge::testing::process;
using surge::testing::referenceContext;
using surge::testing::referenceSnapshot;

TEST(StatusReportTest, ReproducesWorkermansCapturedLayout) {
  // Given Workerman's data and labels, the text is the captured one byte for byte.
  const char* expected =
      "Start worker in DAEMON mode.\n"
      "---------------------------------------------------GLOBAL "
      "STATUS---------------------------------------------------------\n"
      "Workerman/5.2.2         PHP/8.2.36 (JIT off)          Linux/6.18.44-fc-v595\n"
      "start time:2026-11-22 13:18:50   run 0 days 0 hours   load average: 2.73, 1.15, 0.44\n"
      "3 workers    4 processes\n"
      "name         event-loop     exit_status     exit_count\n"
      "web          select         0               0               \n"
      "none         select         0               0               \n"
      "timer        select         0               0               \n"
      "---------------------------------------------------PROCESS "
      "STATUS--------------------------------------------------------\n"
      "pid\tmemory  listening                   name     connections send_fail timers  "
      "total_request qps    status\n"
      "21197\t1.19M   http://127.0.0.1:18080      web      0           0         0       1      "
      "       0      [idle]\n"
      "21200\t1.19M   http://127.0.0.1:18080      web      0           0         0       1      "
      "       0      [idle]\n"
      "21201\t1.11M   websocket://127.0.0.1:18081 none     0           0         0       0      "
      "       0      [idle]\n"
      "21202\t1.13M   none                        timer    0           0         1       0      "
      "       0      [idle]\n"
      "---------------------------------------------------PROCESS "
      "STATUS--------------------------------------------------------\n"
      "Summary\t4.62M   -                           -        0           0         1       2      "
      "       0      [Summary] \n";
  EXPECT_EQ(renderStatus(referenceSnapshot(), referenceContext()), expected);
}

TEST(StatusReportTest, BusyRowsExitStatisticsAndWideValues) {
  StatusBoard::Snapshot s;
  s.masterPid = 100;
  s.startTime = kStart;
  s.daemon = false;
  s.groups = {{"api", "http://0.0.0.0:8080", 2, {{0, 3}, {64000, 1}}, 0},
              {"background-jobs", "none", 1, {}, 2}};
  s.processes = {process(101, 0, "api", "http://0.0.0.0:8080", 0),
                 process(102, 0, "api", "http://0.0.0.0:8080", 3 * 1048576 + 524288),
                 process(103, 1, "background-jobs", "none", 1048576 * 1000)};
  s.processes[0].connections = 12;
  s.processes[0].totalRequests = 123456789012345;  // wider than the 13-column default
  s.processes[0].qps = 950;
  s.processes[0].sendFail = 1;
  s.processes[1].connections = 3;
  s.processes[1].totalRequests = 5;
  s.processes[1].qps = 50;
  s.processes[1].timers = 2;
  // Heartbeats relative to nowMs: 1000 ms old is still idle, 1001 ms is busy, never is busy.
  StatusContext ctx;
  ctx.versionLine = "Surge/0.1.0             PHP/8.3.0 (JIT off)           Linux/6.1.0";
  ctx.nowMs = (kStart + 2 * 86400 + 5 * 3600 + 59 * 60) * 1000;
  ctx.utcOffsetSeconds = 3600;
  s.processes[0].heartbeatMs = ctx.nowMs - 1000;
  s.processes[1].heartbeatMs = ctx.nowMs - 1001;
  s.processes[2].heartbeatMs = 0;
  EXPECT_FALSE(isBusy(s.processes[0], ctx));
  EXPECT_TRUE(isBusy(s.processes[1], ctx));

  const char* expected =
      "Start worker in DEBUG mode.\n"
      "---------------------------------------------------GLOBAL "
      "STATUS---------------------------------------------------------\n"
      "Surge/0.1.0             PHP/8.3.0 (JIT off)           Linux/6.1.0\n"
      "start time:2026-11-22 14:18:50   run 2 days 5 hours   load average: -, -, -\n"
      "2 workers    3 processes\n"
      "name                event-loop     exit_status     exit_count\n"
      "api                 libevent       0               3               \n"
      "api                 libevent       64000           1               \n"
      "background-jobs     libevent       other           2               \n"
      "---------------------------------------------------PROCESS "
      "STATUS--------------------------------------------------------\n"
      "pid\tmemory   listening           name            connections send_fail timers  "
      "total_request   qps    status\n"
      "101\t0.00M    http://0.0.0.0:8080 api             12          1         0       "
      "123456789012345 950    [idle]\n"
      "102\t3.50M    http://0.0.0.0:8080 api             3           0         2       "
      "5               50     [busy]\n"
      "103\t1000.00M none                background-jobs 0           0         0       "
      "0               0      [busy]\n"
      "---------------------------------------------------PROCESS "
      "STATUS--------------------------------------------------------\n"
      "Summary\t1003.50M -                   -               15          1         2       "
      "123456789012350 1000   [Summary] \n";
  EXPECT_EQ(renderStatus(s, ctx), expected);
}

TEST(StatusReportTest, BarsGrowWithTheTable) {
  StatusBoard::Snapshot s;
  s.startTime = kStart;
  std::string listen = "websocket://[2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff]:65535";
  s.groups = {{"w", listen, 1, {}, 0}};
  s.processes = {process(7, 0, "w", listen, 0)};
  StatusContext ctx;
  ctx.nowMs = kStart * 1000;
  std::string text = renderStatus(s, ctx);
  std::string row = "7\t0.00M   " + listen + " w        0           0         0       0      " +
                    "       0      [idle]";
  EXPECT_TRUE(Contains(text, "\n" + row + "\n"));
  // The widest line is the summary: "Summary" and "[Summary] " are 10 bytes longer than
  // this row's "7" and "[idle]".
  std::string bar =
      std::string(51, '-') + "PROCESS STATUS" + std::string(row.size() + 10 - 65, '-');
  EXPECT_GT(row.size() + 10, 121u);
  EXPECT_TRUE(Contains(text, "\n" + bar + "\n"));
  // No process at all: the summary is all zeros.
  s.processes.clear();
  EXPECT_TRUE(Contains(renderStatus(s, ctx), "1 workers    0 processes\n"));
  EXPECT_TRUE(Contains(renderStatus(s, ctx), "Summary\t0.00M "));
}

TEST(StatusReportTest, ProtocolErrorsColumnOnceThereAreAny) {
  StatusBoard::Snapshot s = referenceSnapshot();
  StatusContext ctx = referenceContext();
  EXPECT_FALSE(Contains(renderStatus(s, ctx), "proto_err"));
  s.processes[0].protocolErrors = 1234;
  s.processes[2].protocolErrors = 5;
  std::string text = renderStatus(s, ctx);
  EXPECT_TRUE(Contains(text, "connections send_fail proto_err timers  total_request"));
  EXPECT_TRUE(Contains(text,
                       "21197\t1.19M   http://127.0.0.1:18080      web      0           0  "
                       "       1234      0       1      "));
  EXPECT_TRUE(Contains(text,
                       "21200\t1.19M   http://127.0.0.1:18080      web      0           0  "
                       "       0         0       1      "));
  EXPECT_TRUE(Contains(text,
                       "Summary\t4.62M   -                           -        0           0  "
                       "       1239      1       2      "));
}

TEST(StatusReportTest, MemoryFormat) {
  EXPECT_EQ(formatMemory(0), "0.00M");
  EXPECT_EQ(formatMemory(1247806), "1.19M");
  EXPECT_EQ(formatMemory(2 * 1048576), "2.00M");
  EXPECT_EQ(formatMemory(5242), "0.00M");
  EXPECT_EQ(formatMemory(5243), "0.01M");
}

}  // namespace
}  // namespace surge
