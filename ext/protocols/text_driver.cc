/* text:// (Surge\Protocols\Text): one message per line. */
#include "protocol/text/text_codec.h"
#include "core/connection_liveness.h"
#include "protocols/driver_glue.h"
#include "protocols/framed_delivery.h"

namespace surge::ext {

namespace {
template <Side S>
size_t textData(ConnectionObject* c, WorkerObject* w, std::string_view data) {
  return deliverFramed<protocol::TextCodec>(
      c, data, [&](zval* message) { deliverOne<S>(c, w, message); },
      [&](std::string_view why) { rejectInput<S>(c, why); });
}

// How far the last search for "\n" got belongs to the socket it was made on.
void forgetSearch(ConnectionObject* c) {
  c->state.hint = 0;
}
}  // namespace

const ProtocolDriver kTextDrivers[2] = {
    {.name = "text",
     .onData = textData<Side::kAccepted>,
     .send = sendWithKind<ProtocolKind::kText, Side::kAccepted>,
     .reset = forgetSearch,
     .timeout = livenessTimeout},
    {.name = "text",
     .onData = textData<Side::kOutgoing>,
     .send = sendWithKind<ProtocolKind::kText, Side::kOutgoing>,
     .reset = forgetSearch},
};

}  // namespace surge::ext
