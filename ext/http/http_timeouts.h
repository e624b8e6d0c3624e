/* The timeouts of an http:// connection (Worker::$headerTimeout, $bodyTimeout,
 * $keepAliveTimeout) on the connection's one core timeout. Which one runs follows the
 * exchange: the head from accept or from the first byte of a request, the body between
 * reads, none while the application holds a request, keep-alive once every answer went
 * out. Switching costs a clock read, so it is done per request. */
#ifndef SURGE_EXT_HTTP_TIMEOUTS_H
#define SURGE_EXT_HTTP_TIMEOUTS_H

#include <cstdint>

namespace surge::ext {

struct ConnectionObject;
struct HttpConnectionState;

// A request head is incomplete (bytes of it wait in the input buffer).
void httpWaitForHead(ConnectionObject* c, HttpConnectionState* s);
// A request's head is complete and its body is still arriving.
void httpWaitForBody(ConnectionObject* c, HttpConnectionState* s);
// A request went to the application: no timeout until it is answered.
void httpRequestDispatched(ConnectionObject* c, HttpConnectionState* s);
// After a send: once nothing waits for an answer, keep-alive (or the head of a next
// request already partly here).
void httpAfterSend(ConnectionObject* c);
// The driver's timeout: 408 for a partial request, a silent close for an idle connection.
void httpTimeout(ConnectionObject* c, uint32_t quietPeriods);

}  // namespace surge::ext

#endif
