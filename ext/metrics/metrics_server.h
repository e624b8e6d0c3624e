/* ext/metrics: the Prometheus surface. The master serves Worker::$metricsListen with
 * src/metrics' MetricsEndpoint on the supervisor's poll loop and renders the body from the
 * status board (metrics_server.cc); workers publish HTTP request durations into their board
 * slot (http_metrics.cc). No PHP runs while a scrape is answered. */
#ifndef SURGE_EXT_METRICS_SERVER_H
#define SURGE_EXT_METRICS_SERVER_H

#include <string>

namespace surge {
class StatusBoard;
class Supervisor;
}  // namespace surge

namespace surge::ext::metrics {

// Master, before anything forks: listens on Worker::$metricsListen when it is set. Returns
// false after throwing a PHP exception that says what to do (bad value, address in use).
bool listenInMaster();
// Master: serves the endpoint on `supervisor`'s loop, reading `board` (may be null).
void serve(Supervisor& supervisor, StatusBoard* board);
// Master, from the supervisor's idle hook (at least once a second): drops idle clients.
void sweep();
// Master, once the supervisor is gone: closes the endpoint (a no-op without one).
void close();

}  // namespace surge::ext::metrics

#endif
