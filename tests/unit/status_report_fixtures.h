// The status board data and reading context of Workerman's captured status output
// (reference §7.7), shared by the status table and JSON tests (not a test file itself).
#pragma once

#include <sys/types.h>

#include <array>
#include <string>

#include "process/status_board.h"
#include "process/status_context.h"

namespace surge::testing {

constexpr int64_t kStart = 1795353530;  // 2026-11-22 13:18:50 UTC

inline StatusBoard::ProcessView process(pid_t pid, int group, const std::string& worker,
                                        const std::string& listen, int64_t memory) {
  StatusBoard::ProcessView p;
  p.pid = pid;
  p.group = group;
  p.worker = worker;
  p.listen = listen;
  p.memory = memory;
  p.startTime = kStart;
  p.heartbeatMs = kStart * 1000 + 60000;
  return p;
}

// The data of the status output captured from Workerman 5.2.2 (reference §7.7).
inline StatusBoard::Snapshot referenceSnapshot() {
  StatusBoard::Snapshot s;
  s.masterPid = 21196;
  s.startTime = kStart;
  s.daemon = true;
  s.groups = {{"web", "http://127.0.0.1:18080", 2, {}, 0},
              {"none", "websocket://127.0.0.1:18081", 1, {}, 0},
              {"timer", "none", 1, {}, 0}};
  // Byte counts that print as 1.19M, 1.19M, 1.11M, 1.13M (and 4.62M in total).
  s.processes = {process(21197, 0, "web", "http://127.0.0.1:18080", 1247806),
                 process(21200, 0, "web", "http://127.0.0.1:18080", 1247806),
                 process(21201, 1, "none", "websocket://127.0.0.1:18081", 1163920),
                 process(21202, 2, "timer", "none", 1184891)};
  s.processes[0].totalRequests = 1;
  s.processes[1].totalRequests = 1;
  s.processes[3].timers = 1;
  return s;
}

inline StatusContext referenceContext() {
  StatusContext ctx;
  ctx.versionLine = "Workerman/5.2.2         PHP/8.2.36 (JIT off)          Linux/6.18.44-fc-v595";
  ctx.nowMs = kStart * 1000 + 60500;
  ctx.loadAverage = std::array<double, 3>{2.73, 1.15, 0.44};
  ctx.eventLoop = "select";
  return ctx;
}

}  // namespace surge::testing
