#include "metrics/service_metrics.h"

namespace surge {

void writeServiceMetrics(PrometheusText& out, const std::vector<ServiceView>& services) {
  if (services.empty()) return;
  auto labels = [](const ServiceView& s) { return PrometheusText::Labels{{"service", s.name}}; };
  out.family("surge_service_up", "gauge", "Whether the supervised service is running (1) or not.");
  for (const ServiceView& s : services)
    out.sample("surge_service_up", labels(s), static_cast<long long>(s.pid > 0 ? 1 : 0));
  out.family("surge_service_restarts_total", "counter",
             "Times the supervised service was started again after it exited.");
  for (const ServiceView& s : services)
    out.sample("surge_service_restarts_total", labels(s), static_cast<long long>(s.restarts));
  out.family("surge_service_start_time_seconds", "gauge",
             "Unix time of the supervised service's last start (0: never started).");
  for (const ServiceView& s : services)
    out.sample("surge_service_start_time_seconds", labels(s), static_cast<long long>(s.started));
}

}  // namespace surge
