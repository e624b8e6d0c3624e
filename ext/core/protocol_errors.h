/* Malformed input from clients (a bad HTTP request, WebSocket frame, text line or frame
 * header), answered with the protocol's error and closed. Each one is counted on the
 * status board; the few that are logged are rate-limited per process, so that a client
 * sending garbage cannot make the server write one log line per bad frame. */
#ifndef SURGE_EXT_PROTOCOL_ERRORS_H
#define SURGE_EXT_PROTOCOL_ERRORS_H

#include <string_view>

namespace surge::ext::protocol_errors {

// At most this many lines per window; the rest are summed up in one line at its end.
constexpr int kLogBurst = 10;
constexpr double kLogWindowSeconds = 5.0;

// Counts one protocol error (status board `protocol_errors`).
void count();
// Counts one and logs `line`, unless this process already logged kLogBurst of them in the
// current window: then one "N more protocol errors suppressed" line follows at its end.
void log(std::string_view line);
// End of the worker's loop: writes the summary still due and frees the timer.
void finish();

}  // namespace surge::ext::protocol_errors

#endif
