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
    {"frame", nullptr, frameData<Side::kAccepted>,
     sendWithKind<ProtocolKind::kFrame, Side::kAccepted>, nullptr, nullptr, nullptr,
     livenessTimeout},
    {"frame", nullptr, frameData<Side::kOutgoing>,
     sendWithKind<ProtocolKind::kFrame, Side::kOutgoing>, nullptr, nullptr, nullptr},
};

}  // namespace surge::ext
