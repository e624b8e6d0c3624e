#pragma once

#include <vector>

#include "metrics/prometheus_text.h"
#include "process/service_status.h"

namespace surge {

// The supervised services' families for /metrics (the master has them in memory:
// ServiceManager::views()): surge_service_up, surge_service_restarts_total and
// surge_service_start_time_seconds, one sample per service labelled service="name".
// Appends nothing without services.
void writeServiceMetrics(PrometheusText& out, const std::vector<ServiceView>& services);

}  // namespace surge
