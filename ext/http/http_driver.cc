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

void httpFree(ConnectionObject* c) {
  freeHttpState(httpStateIfAny(c));
  c->state.ptr = nullptr;
}
}  // namespace

const ProtocolDriver kHttpServerDriver = {"http",  nullptr,  deliverHttp, httpSend,
                                          nullptr, nullptr,  httpFree,    httpTimeout};

}  // namespace surge::ext
