/* tcp:// (no protocol): every read is one message. */
#include "core/connection_liveness.h"
#include "protocols/driver_glue.h"

namespace surge::ext {

namespace {
template <Side S>
size_t rawData(ConnectionObject* c, WorkerObject* w, std::string_view data) {
  zval message;
  ZVAL_STRINGL_FAST(&message, data.data(), data.size());
  deliverOne<S>(c, w, &message);
  zval_ptr_dtor(&message);
  return data.size();
}
}  // namespace

const ProtocolDriver kRawDrivers[2] = {
    {.name = "tcp",
     .onData = rawData<Side::kAccepted>,
     .send = sendWithKind<ProtocolKind::kRaw, Side::kAccepted>,
     .timeout = livenessTimeout},
    {.name = "tcp",
     .onData = rawData<Side::kOutgoing>,
     .send = sendWithKind<ProtocolKind::kRaw, Side::kOutgoing>},
};

}  // namespace surge::ext
