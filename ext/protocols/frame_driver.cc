/* frame:// (Surge\Protocols\Frame): a 4-byte big-endian total length, then the payload. */
#include "protocol/frame/frame_codec.h"
#include "core/connection_liveness.h"
#include "protocols/driver_glue.h"
#include "protocols/framed_delivery.h"

namespace surge::ext {

namespace {
template <Side S>
size_t frameData(ConnectionObject* c, WorkerObject* w, std::string_view data) {
  return deliverFramed<protocol::FrameCodec>(
      c, data, [&](zval* message) { deliverOne<S>(c, w, message); },
      [&](std::string_view why) { rejectInput<S>(c, why); });
}
}  // namespace

const ProtocolDriver kFrameDrivers[2] = {
    {.name = "frame",
     .onData = frameData<Side::kAccepted>,
     .send = sendWithKind<ProtocolKind::kFrame, Side::kAccepted>,
     .timeout = livenessTimeout},
    {.name = "frame",
     .onData = frameData<Side::kOutgoing>,
     .send = sendWithKind<ProtocolKind::kFrame, Side::kOutgoing>},
};

}  // namespace surge::ext
