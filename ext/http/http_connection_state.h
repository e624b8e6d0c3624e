/* What the two halves of the HTTP server side share (internal to ext/, not an API): the
 * per-connection state with its queue of requests waiting for their answer, and the helpers
 * the receiving side (http_server.cc) and the sending side (http_server_send.cc) both use. */
#ifndef SURGE_EXT_HTTP_CONNECTION_STATE_H
#define SURGE_EXT_HTTP_CONNECTION_STATE_H

#include <cstdint>
#include <vector>

#include "core/connection_object.h"
#include "http/http_server.h"

namespace surge::ext {

// A request handed to PHP and not answered yet. Answers leave in request order, so the
// front one is the request the next response belongs to.
struct PendingRequest {
  zend_string* buffer;  // the request as PHP sees it (Range, If-Modified-Since)
  bool keepAlive;
  bool isHead;
  // CLOCK_MONOTONIC ns when the request was whole, while durations are observed (metrics)
  // or logged (access log); 0 otherwise.
  int64_t receivedNs = 0;
};

struct HttpConnectionState {
  std::vector<PendingRequest> pending;
  uint64_t dispatched = 0;  // requests handed to PHP
  uint64_t answered = 0;    // responses sent for them
  bool continueSent = false;
  // Where framing of a chunked body that is still arriving stopped (see the parser).
  size_t chunkedResumeAt = 0;
  size_t chunkedResumeTotal = 0;
  // A close was decided (a request or a response said so, or an error was answered):
  // nothing after it is read.
  bool closing = false;
  // A chunked response to a request that wants the connection closed is under way: the
  // last chunk closes it.
  bool closeAfterLastChunk = false;
  // A chunked response or an event stream is under way (its last chunk not sent yet): the
  // connection is neither idle nor between requests.
  bool streaming = false;
  // A large request whose body is being collected.
  zend_string* collecting = nullptr;
  size_t collected = 0;
  bool collectingKeepAlive = false;
  bool collectingIsHead = false;
  // Which timeout the connection is under (http_timeouts.cc). A new connection waits for
  // its first head from accept on.
  enum class Wait : uint8_t { kHead, kBody, kApplication, kNextRequest };
  Wait wait = Wait::kHead;
};

// The state of a connection of the HTTP driver, or null if none was made yet.
inline HttpConnectionState* httpStateIfAny(ConnectionObject* c) {
  return static_cast<HttpConnectionState*>(c->state.ptr);
}

// Helpers of the two halves only. They live in their own namespace so that their short
// names cannot collide with the WebSocket side's.
namespace http_server {

inline HttpConnectionState* stateOf(ConnectionObject* c) {
  if (c->state.ptr == nullptr) c->state.ptr = new HttpConnectionState();
  return static_cast<HttpConnectionState*>(c->state.ptr);
}

// Holds reading while the connection is over its back-pressure limits (answers waiting above
// maxSendBufferSize, or maxPendingRequests unanswered) and releases it once under them.
void updateHold(ConnectionObject* c, HttpConnectionState* s);
// Answers 408 to a request that did not arrive in time, and closes (http_server.cc).
void answerTimeout(ConnectionObject* c, HttpConnectionState* s);

}  // namespace http_server
}  // namespace surge::ext

#endif
