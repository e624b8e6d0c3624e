/* Worker side of the HTTP request duration histogram (see metrics_server.h): the HTTP
 * server stamps each whole request with httpRequestStart() and calls
 * observeHttpResponse() once its response was handed to the connection. Both are one
 * branch when Worker::$metricsListen is off. */
#ifndef SURGE_EXT_HTTP_METRICS_H
#define SURGE_EXT_HTTP_METRICS_H

#include <cstdint>

#include "process/status_board.h"

namespace surge::ext::metrics {

// The board slot durations go to (null: not observing).
extern StatusBoard::Counters* g_httpCounters;

// Worker, once its board slot is known: observe durations when metrics are served.
void workerStarted(StatusBoard::Counters* counters);

// Adds one observation of now - startNs (monotonicNs()) to this process's histogram
// (startNs 0, or not observing: none).
void observeHttpResponse(int64_t startNs);

}  // namespace surge::ext::metrics

#endif
