/* http:// on an accepted connection: requests in (http_server.cc), answers out
 * (http_server_send.cc). Its state is the HttpConnectionState of the requests in flight. */
#include "http/http_connection_state.h"
#include "http/http_server.h"
#include "http/http_timeouts.h"
#include "protocols/driver_glue.h"

namespace surge::ext {

namespace {
void httpSend(ConnectionObject* c, zval* data, bool raw, zval* return_value) {
  if (raw) {
    sendRaw<Side::kAccepted>(c, data, return_value);
    return;
  }
  sendHttp(c, data, return_value);
  httpAfterSend(c);
}

// At least one request came and every request is answered, nothing of the next one has
// arrived: the moment HTTP lets a server close a persistent connection (the client retries
// on a new one). A connection that never sent a request is not: it is about to.
bool httpBetweenRequests(ConnectionObject* c) {
  HttpConnectionState* s = httpStateIfAny(c);
  return s && s->dispatched > 0 && s->answered == s->dispatched && s->pending.empty() &&
         s->collecting == nullptr && s->chunkedResumeAt == 0 && !s->closing && !s->streaming;
}

void httpFree(ConnectionObject* c) {
  freeHttpState(httpStateIfAny(c));
  c->state.ptr = nullptr;
}
}  // namespace

const ProtocolDriver kHttpServerDriver = {.name = "http",
                                          .onData = deliverHttp,
                                          .send = httpSend,
                                          .freeState = httpFree,
                                          .drained = httpDrained,
                                          .refuseInput = refuseHttpInput,
                                          .betweenRequests = httpBetweenRequests,
                                          .timeout = httpTimeout};

}  // namespace surge::ext
