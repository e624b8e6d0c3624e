/* How a worker process that stops (reload, recycle, stop, restart, Worker::stop()) lets go
 * of its listening socket and its connections without losing a request.
 *
 * The listener: it is no longer watched at once; from the loop, what the kernel already
 * queued on it is accepted (those clients connected to this process's socket and are served
 * like the others), then the socket is closed. A socket the master holds (every socket but
 * those a worker listen()s itself: the shared one, and with reusePort the one of this
 * process's slot) stays open in the master, so the process that replaces this one goes on
 * accepting from the very same queue: the kernel never drops a connection queued there.
 *
 * The connections (unless the stop is graceful, which waits for the clients to close):
 * each one is said goodbye to (WebSocket close 1001, then FIN and lingerTimeout) only at a
 * moment its protocol lets a client retry safely: between requests. One that was just
 * accepted and has sent nothing yet (for half a second: its first bytes may be on the
 * way), or is in the middle of a request, or whose request is not answered yet, is served
 * until it is; HTTP keep-alive connections between requests
 * and WebSockets with no message half received go at once. Until the stop deadline
 * (stopTimeout): what is still open then is cut when the process exits. */
#ifndef SURGE_EXT_CONNECTION_RETIREMENT_H
#define SURGE_EXT_CONNECTION_RETIREMENT_H

#include "core/common.h"

namespace surge::ext {

struct WorkerObject;

// Stops accepting on `w`'s listener now; from the loop, accepts what is queued, closes the
// listener and (unless `graceful`) retires the worker's connections as described above.
void retireWorker(WorkerObject* w, bool graceful);

namespace runtime {
// Request shutdown: drops the references the retirement holds.
void releaseRetirement();
// The stop deadline: closes the connections still waited for (a goodbye if the protocol
// has one, then at once, with onClose).
void cutRetiringConnections();
}  // namespace runtime

}  // namespace surge::ext

#endif
