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

// Adds one observation of now - startNs to this process's histogram.
void recordHttpDuration(int64_t startNs);

// A response was handed to the connection for a request stamped `startNs` (monotonicNs(),
// or 0 when it was not timed): inline, so that a server without metrics pays one compare.
inline void observeHttpResponse(int64_t startNs) {
  if (startNs != 0 && g_httpCounters != nullptr) recordHttpDuration(startNs);
}

}  // namespace surge::ext::metrics

#endif
