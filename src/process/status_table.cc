#include "process/status_table.h"

#include <time.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "process/status_text.h"

namespace surge {

using status_text::bar;
using status_text::fixed2;
using status_text::pad;

namespace {

// The reference layout's widths, kept when the data fits so the output looks like
// Workerman's; longer values widen their column (and the bars) instead of breaking it.
constexpr size_t kStatusBarWidth = 121;
constexpr size_t kStatusBarLeft = 51;

std::string formatTime(int64_t unixTime) {
  time_t t = static_cast<time_t>(unixTime);
  struct tm tm {};
  if (gmtime_r(&t, &tm) == nullptr) return "-";
  char text[32];
  strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S", &tm);
  return text;
}

std::string loadAverageText(const StatusContext& ctx) {
  if (!ctx.loadAverage) return "-, -, -";
  std::string out;
  for (size_t i = 0; i < 3; ++i) {
    if (i > 0) out += ", ";
    double v = (*ctx.loadAverage)[i];
    out += std::isfinite(v) ? fixed2(v) : "-";
  }
  return out;
}

std::string displayName(const std::string& name) {
  return name.empty() ? "none" : name;
}

}  // namespace

std::string formatMemory(int64_t bytes) {
  return fixed2(static_cast<double>(bytes) / (1024.0 * 1024.0)) + "M";
}

std::string renderStatus(const StatusBoard::Snapshot& snapshot, const StatusContext& ctx) {
  using Process = StatusBoard::ProcessView;

  // Workers table: the name column is as wide as the banner's worker column.
  size_t nameWidth = 8;
  for (const auto& g : snapshot.groups) nameWidth = std::max(nameWidth, displayName(g.name).size());
  std::vector<std::string> workerLines;
  workerLines.push_back(pad("name", nameWidth + 4) + " " + pad("event-loop", 14) + " " +
                        pad("exit_status", 16) + "exit_count");
  for (const auto& g : snapshot.groups) {
    std::string lead = pad(displayName(g.name), nameWidth + 4) + " " + pad(ctx.eventLoop, 14) + " ";
    if (g.exits.empty() && g.otherExits == 0)
      workerLines.push_back(lead + pad("0", 16) + pad("0", 16));
    for (const auto& e : g.exits)
      workerLines.push_back(lead + pad(std::to_string(e.status), 16) +
                            pad(std::to_string(e.count), 16));
    if (g.otherExits > 0)
      workerLines.push_back(lead + pad("other", 16) + pad(std::to_string(g.otherExits), 16));
  }

  // Process table: each column at least as wide as the reference's, padded to its longest
  // value, then one space.
  int64_t sumMemory = 0, sumConnections = 0, sumSendFail = 0, sumProtocolErrors = 0, sumTimers = 0,
          sumRequests = 0, sumQps = 0;
  for (const Process& p : snapshot.processes) {
    sumMemory += p.memory;
    sumConnections += p.connections;
    sumSendFail += p.sendFail;
    sumProtocolErrors += p.protocolErrors;
    sumTimers += p.timers;
    sumRequests += p.totalRequests;
    sumQps += p.qps;
  }
  struct Row {
    std::string pid, memory, listen, name, connections, sendFail, protocolErrors, timers, requests,
        qps, status;
  };
  std::vector<Row> rows;
  for (const Process& p : snapshot.processes)
    rows.push_back({std::to_string(p.pid), formatMemory(p.memory), p.listen, displayName(p.worker),
                    std::to_string(p.connections), std::to_string(p.sendFail),
                    std::to_string(p.protocolErrors), std::to_string(p.timers),
                    std::to_string(p.totalRequests), std::to_string(p.qps),
                    isBusy(p, ctx) ? "[busy]" : "[idle]"});
  Row summary{"Summary",
              formatMemory(sumMemory),
              "-",
              "-",
              std::to_string(sumConnections),
              std::to_string(sumSendFail),
              std::to_string(sumProtocolErrors),
              std::to_string(sumTimers),
              std::to_string(sumRequests),
              std::to_string(sumQps),
              "[Summary] "};
  Row header{"pid",       "memory", "listening",     "name", "connections", "send_fail",
             "proto_err", "timers", "total_request", "qps",  "status"};
  size_t wMemory = 7, wListen = 9, wName = nameWidth, wConnections = 11, wSendFail = 9,
         wProtocolErrors = 9, wTimers = 7, wRequests = 13, wQps = 6;
  auto widen = [&](const Row& r) {
    wMemory = std::max(wMemory, r.memory.size());
    wListen = std::max(wListen, r.listen.size());
    wName = std::max(wName, r.name.size());
    wConnections = std::max(wConnections, r.connections.size());
    wSendFail = std::max(wSendFail, r.sendFail.size());
    wProtocolErrors = std::max(wProtocolErrors, r.protocolErrors.size());
    wTimers = std::max(wTimers, r.timers.size());
    wRequests = std::max(wRequests, r.requests.size());
    wQps = std::max(wQps, r.qps.size());
  };
  for (const Row& r : rows) widen(r);
  widen(summary);
  // Malformed input refused since start: a column of its own once there is any, so that
  // a server nobody attacked shows Workerman's table unchanged.
  const bool showProtocolErrors = sumProtocolErrors > 0;
  auto line = [&](const Row& r) {
    return r.pid + "\t" + pad(r.memory, wMemory) + " " + pad(r.listen, wListen) + " " +
           pad(r.name, wName) + " " + pad(r.connections, wConnections) + " " +
           pad(r.sendFail, wSendFail) + " " +
           (showProtocolErrors ? pad(r.protocolErrors, wProtocolErrors) + " " : std::string()) +
           pad(r.timers, wTimers) + " " + pad(r.requests, wRequests) + " " + pad(r.qps, wQps) +
           " " + r.status;
  };
  std::vector<std::string> processLines;
  processLines.push_back(line(header));
  for (const Row& r : rows) processLines.push_back(line(r));
  std::string summaryLine = line(summary);

  size_t barWidth = kStatusBarWidth;
  for (const auto& l : workerLines) barWidth = std::max(barWidth, l.size());
  for (const auto& l : processLines) barWidth = std::max(barWidth, l.size());
  barWidth = std::max(barWidth, summaryLine.size());

  const int64_t up = std::max<int64_t>(0, ctx.nowMs / 1000 - snapshot.startTime);
  std::string out;
  out += snapshot.daemon ? "Start worker in DAEMON mode.\n" : "Start worker in DEBUG mode.\n";
  out += bar("GLOBAL STATUS", kStatusBarLeft, barWidth) + "\n";
  out += ctx.versionLine + "\n";
  out += "start time:" + formatTime(snapshot.startTime + ctx.utcOffsetSeconds) + "   run " +
         std::to_string(up / 86400) + " days " + std::to_string(up % 86400 / 3600) +
         " hours   load average: " + loadAverageText(ctx) + "\n";
  out += std::to_string(snapshot.groups.size()) + " workers    " +
         std::to_string(snapshot.processes.size()) + " processes\n";
  for (const auto& l : workerLines) out += l + "\n";
  out += bar("PROCESS STATUS", kStatusBarLeft, barWidth) + "\n";
  for (const auto& l : processLines) out += l + "\n";
  out += bar("PROCESS STATUS", kStatusBarLeft, barWidth) + "\n";
  out += summaryLine + "\n";
  return out;
}

}  // namespace surge
