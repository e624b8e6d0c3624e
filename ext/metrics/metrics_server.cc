#include "metrics/metrics_server.h"

#include <memory>
#include <vector>

#include "core/common.h"
#include "core/run_all_internal.h"
#include "core/status.h"
#include "metrics/board_metrics.h"
#include "metrics/metrics_classes.h"
#include "metrics/prometheus_text.h"
#include "metrics/service_metrics.h"
#include "process/service_manager.h"
#include "service/services.h"
#include "metrics/metrics_endpoint.h"
#include "process/status_board.h"
#include "process/supervisor.h"

namespace surge::ext::metrics {

namespace {
std::unique_ptr<MetricsEndpoint> g_endpoint;
StatusBoard* g_board = nullptr;
// Runs in the master's poll loop for each scrape: a snapshot of the board (relaxed loads
// of what the workers published), RSS from /proc, the supervised services, then the
// application's Surge\Metrics (shared memory, atomics: no PHP runs for any of it).
std::string render() {
  std::string body;
  if (g_board != nullptr) {
    StatusBoard::Snapshot snapshot = g_board->snapshot();
    for (auto& process : snapshot.processes) process.rss = status::residentBytes(process.pid);
    body = renderBoardMetrics(snapshot);
  }
  if (const ServiceManager* services = service::masterServices()) {
    PrometheusText text;
    writeServiceMetrics(text, services->views());
    body += text.take();
  }
  body += renderApplicationMetrics();
  return body;
}
}  // namespace

bool listenInMaster() {
  std::string address = process::staticString("metricsListen");
  if (address.empty()) return true;
  auto endpoint = std::make_unique<MetricsEndpoint>(&render);
  try {
    endpoint->listen(address);
  } catch (const std::exception& e) {
    throwRuntime("Surge\\Worker::$metricsListen '%s': %s", address.c_str(), e.what());
    return false;
  }
  g_endpoint = std::move(endpoint);
  return true;
}

void serve(Supervisor& supervisor, StatusBoard* board) {
  if (!g_endpoint) return;
  g_board = board;
  Supervisor* loop = &supervisor;
  g_endpoint->attach({[loop](int fd, short events, std::function<void(short)> onReady) {
                        loop->watchFd(fd, events, std::move(onReady));
                      },
                      [loop](int fd) { loop->unwatchFd(fd); }});
}

void sweep() {
  if (g_endpoint) g_endpoint->sweep();
}

void close() {
  // The supervisor that watched the descriptors is gone: nothing to unwatch, and in a
  // forked child the endpoint's destructor leaves the master's descriptors alone.
  g_endpoint.reset();
  g_board = nullptr;
}

}  // namespace surge::ext::metrics
