#include "metrics/board_metrics.h"

#include <sys/wait.h>

#include <vector>

#include "metrics/prometheus_text.h"
#include "process/exit_status.h"

namespace surge {

namespace {

using Labels = PrometheusText::Labels;
using Process = StatusBoard::ProcessView;

Labels processLabels(const Process& p) {
  return {{"worker", p.worker}, {"pid", std::to_string(p.pid)}, {"slot", std::to_string(p.slot)}};
}

// One family with a sample per live process.
template <typename Value>
void perProcess(PrometheusText& out, const StatusBoard::Snapshot& s, const char* name,
                const char* type, const char* help, Value value) {
  out.family(name, type, help);
  for (const Process& p : s.processes) out.sample(name, processLabels(p), value(p));
}

bool servesHttp(const std::string& listen) {
  return listen.rfind("http://", 0) == 0 || listen.rfind("https://", 0) == 0;
}

}  // namespace

std::string exitReasonLabel(int status) {
  if (WIFEXITED(status)) return "exit_code_" + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    std::string name = signalName(WTERMSIG(status));
    for (char& c : name)
      if (c == ' ') c = '_';
    return "signal_" + name.substr(name.rfind("signal_", 0) == 0 ? 7 : 0);
  }
  return "status_" + std::to_string(status);
}

std::string renderBoardMetrics(const StatusBoard::Snapshot& s) {
  PrometheusText out;
  auto ll = [](int64_t v) { return static_cast<long long>(v); };

  out.family("surge_master_start_time_seconds", "gauge",
             "Start time of the master process since the Unix epoch in seconds.");
  out.sample("surge_master_start_time_seconds", {}, ll(s.startTime));

  out.family("surge_worker_processes", "gauge", "Processes a worker group is configured to run.");
  for (const auto& g : s.groups)
    out.sample("surge_worker_processes", {{"worker", g.name}, {"listen", g.listen}}, ll(g.count));

  out.family("surge_worker_exits_total", "counter",
             "Processes of a worker group that exited (and were replaced unless stopping), by "
             "exit reason: exit_code_N or signal_NAME.");
  for (const auto& g : s.groups) {
    // Two raw statuses never give one reason, but merge anyway so a series is never repeated.
    std::vector<std::pair<std::string, int64_t>> reasons;
    for (const auto& e : g.exits) {
      std::string reason = exitReasonLabel(e.status);
      bool merged = false;
      for (auto& r : reasons)
        if (r.first == reason) {
          r.second += e.count;
          merged = true;
        }
      if (!merged) reasons.push_back({reason, e.count});
    }
    if (g.otherExits > 0) reasons.push_back({"other", g.otherExits});
    for (const auto& r : reasons)
      out.sample("surge_worker_exits_total", {{"worker", g.name}, {"reason", r.first}},
                 ll(r.second));
  }

  perProcess(out, s, "surge_process_start_time_seconds", "gauge",
             "Start time of the worker process since the Unix epoch in seconds.",
             [&](const Process& p) { return ll(p.startTime); });
  perProcess(out, s, "surge_process_connections", "gauge", "Connections open now.",
             [&](const Process& p) { return ll(p.connections); });
  perProcess(out, s, "surge_process_requests_total", "counter",
             "Messages handled: HTTP requests, text lines, frames, WebSocket messages, tasks.",
             [&](const Process& p) { return ll(p.totalRequests); });
  perProcess(out, s, "surge_process_received_bytes_total", "counter",
             "Bytes read from the process's stream connections (after TLS).",
             [&](const Process& p) { return ll(p.bytesReceived); });
  perProcess(out, s, "surge_process_sent_bytes_total", "counter",
             "Bytes written to the process's stream connections (before TLS).",
             [&](const Process& p) { return ll(p.bytesSent); });
  perProcess(out, s, "surge_process_send_failures_total", "counter",
             "Sends that failed (connection closed, or send buffer full).",
             [&](const Process& p) { return ll(p.sendFail); });
  perProcess(out, s, "surge_process_protocol_errors_total", "counter",
             "Malformed client input answered with the protocol's error and closed.",
             [&](const Process& p) { return ll(p.protocolErrors); });
  perProcess(out, s, "surge_process_exceptions_total", "counter",
             "Exceptions thrown by application callbacks (caught and logged).",
             [&](const Process& p) { return ll(p.exceptions); });
  perProcess(out, s, "surge_process_timers", "gauge", "Timers alive now.",
             [&](const Process& p) { return ll(p.timers); });
  perProcess(out, s, "surge_process_resident_memory_bytes", "gauge",
             "Resident set size of the process in bytes (/proc).",
             [&](const Process& p) { return ll(p.rss); });
  perProcess(out, s, "surge_process_php_memory_bytes", "gauge",
             "Memory PHP's allocator uses now (memory_get_usage()).",
             [&](const Process& p) { return ll(p.memory); });
  perProcess(out, s, "surge_process_php_peak_memory_bytes", "gauge",
             "Peak of PHP's memory use (memory_get_peak_usage()).",
             [&](const Process& p) { return ll(p.peakMemory); });
  perProcess(out, s, "surge_process_event_loop_lag_seconds", "gauge",
             "How late the event loop ran its last half-second status timer, in seconds.",
             [&](const Process& p) { return static_cast<double>(p.loopLagUs) / 1e6; });

  out.family("surge_http_request_duration_seconds", "histogram",
             "HTTP requests from the moment the request was whole to the moment its response "
             "was handed to the connection, in seconds.");
  const std::vector<double> bounds(std::begin(StatusBoard::kHttpDurationBounds),
                                   std::end(StatusBoard::kHttpDurationBounds));
  for (const Process& p : s.processes) {
    if (!servesHttp(p.listen)) continue;
    std::vector<long long> counts(p.httpDurationBuckets.begin(), p.httpDurationBuckets.end());
    counts.resize(bounds.size() + 1, 0);
    out.histogram("surge_http_request_duration_seconds", processLabels(p), bounds, counts,
                  static_cast<double>(p.httpDurationSumNs) / 1e9);
  }
  return out.take();
}

}  // namespace surge
