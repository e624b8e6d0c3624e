/* Idle timeout and heartbeat (Worker::$idleTimeout, $pingInterval, $pingNotResponseLimit,
 * $pingData) of accepted connections of every protocol but HTTP; for websocket:// from
 * the end of the handshake on. One core timeout per connection in its quiet mode: every
 * read starts the period afresh in the core, so nothing here runs per message. */
#ifndef SURGE_EXT_CONNECTION_LIVENESS_H
#define SURGE_EXT_CONNECTION_LIVENESS_H

#include <cstdint>

namespace surge::ext {

struct ConnectionObject;

// Arms the connection's timeout for its worker's idle/heartbeat settings (or clears it).
void startLiveness(ConnectionObject* c);

// The timeout fired after `quietPeriods` silent periods: pings, or closes the peer.
void livenessTimeout(ConnectionObject* c, uint32_t quietPeriods);

}  // namespace surge::ext

#endif
