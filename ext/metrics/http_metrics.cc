#include "metrics/http_metrics.h"

#include "base/monotonic_clock.h"
#include "core/run_all_internal.h"

namespace surge::ext::metrics {

StatusBoard::Counters* g_httpCounters = nullptr;

namespace {
// kHttpDurationBounds in nanoseconds, so that an observation compares integers.
int64_t g_boundsNs[std::size(StatusBoard::kHttpDurationBounds)];

// Only this process writes its slot: a load and a store, no locked read-modify-write.
void bump(std::atomic<int64_t>& counter, int64_t by) {
  counter.store(counter.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
}
}  // namespace

void workerStarted(StatusBoard::Counters* counters) {
  if (counters == nullptr || process::staticString("metricsListen").empty()) return;
  for (size_t i = 0; i < std::size(g_boundsNs); ++i)
    g_boundsNs[i] = static_cast<int64_t>(StatusBoard::kHttpDurationBounds[i] * 1e9);
  g_httpCounters = counters;
}

void recordHttpDuration(int64_t startNs) {
  StatusBoard::Counters* c = g_httpCounters;
  int64_t elapsed = monotonicNs() - startNs;
  if (elapsed < 0) elapsed = 0;
  size_t bucket = 0;
  while (bucket < std::size(g_boundsNs) && elapsed > g_boundsNs[bucket]) ++bucket;
  // A scrape between the two stores sees the sum one observation ahead of the count; the
  // next scrape agrees again. Readers need whole numbers, not a consistent set.
  bump(c->httpDurationSumNs, elapsed);
  bump(c->httpDurationBuckets[bucket], 1);
}

}  // namespace surge::ext::metrics
