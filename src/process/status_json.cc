#include "process/status_json.h"

#include <cmath>
#include <cstdio>

#include "process/status_text.h"

namespace surge {

using status_text::fixed2;

std::string renderStatusJsonError(std::string_view message) {
  return "{\"schema_version\":" + std::to_string(kStatusJsonSchemaVersion) +
         ",\"error\":" + jsonString(message) + "}\n";
}

std::string renderStatusJson(const StatusBoard::Snapshot& snapshot, const StatusContext& ctx) {
  auto num = [](int64_t v) { return std::to_string(v); };
  std::string out = "{\"schema_version\":" + num(kStatusJsonSchemaVersion) +
                    ",\"version\":" + jsonString(ctx.versionLine) +
                    ",\"start_time\":" + num(snapshot.startTime) +
                    ",\"master_pid\":" + num(snapshot.masterPid) +
                    ",\"daemon\":" + (snapshot.daemon ? "true" : "false") + ",\"load_average\":";
  if (ctx.loadAverage) {
    out += "[";
    for (size_t i = 0; i < 3; ++i) {
      double v = (*ctx.loadAverage)[i];
      if (i > 0) out += ",";
      out += std::isfinite(v) ? fixed2(v) : "null";  // JSON has no NaN
    }
    out += "]";
  } else {
    out += "null";
  }
  out += ",\"workers\":[";
  for (size_t g = 0; g < snapshot.groups.size(); ++g) {
    const auto& group = snapshot.groups[g];
    if (g > 0) out += ",";
    out += "{\"name\":" + jsonString(group.name) + ",\"listen\":" + jsonString(group.listen) +
           ",\"count\":" + num(group.count) + ",\"exits\":[";
    for (size_t i = 0; i < group.exits.size(); ++i) {
      if (i > 0) out += ",";
      out += "{\"status\":" + num(group.exits[i].status) +
             ",\"count\":" + num(group.exits[i].count) + "}";
    }
    out += "],\"other_exits\":" + num(group.otherExits) + "}";
  }
  out += "],\"processes\":[";
  for (size_t i = 0; i < snapshot.processes.size(); ++i) {
    const auto& p = snapshot.processes[i];
    if (i > 0) out += ",";
    out += "{\"pid\":" + num(p.pid) + ",\"worker\":" + jsonString(p.worker) +
           ",\"listen\":" + jsonString(p.listen) + ",\"memory\":" + num(p.memory) +
           ",\"peak_memory\":" + num(p.peakMemory) + ",\"rss\":" + num(p.rss) +
           ",\"connections\":" + num(p.connections) + ",\"send_fail\":" + num(p.sendFail) +
           ",\"protocol_errors\":" + num(p.protocolErrors) + ",\"timers\":" + num(p.timers) +
           ",\"total_request\":" + num(p.totalRequests) + ",\"qps\":" + num(p.qps) +
           ",\"bytes_received\":" + num(p.bytesReceived) + ",\"bytes_sent\":" + num(p.bytesSent) +
           ",\"exceptions\":" + num(p.exceptions) + ",\"loop_lag_us\":" + num(p.loopLagUs) +
           ",\"started\":" + num(p.startTime) + ",\"status\":\"" +
           (isBusy(p, ctx) ? "busy" : "idle") + "\"}";
  }
  out += "]}\n";
  return out;
}

}  // namespace surge
