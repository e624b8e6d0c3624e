/* The one table from a protocol and a side to its driver. */
#include "core/protocol_driver.h"
#include "core/worker_object.h"

namespace surge::ext {

const ProtocolDriver* driverFor(ProtocolKind kind, Side side) {
  const bool out = side == Side::kOutgoing;
  switch (kind) {
    case ProtocolKind::kRaw:
      return &kRawDrivers[out];
    case ProtocolKind::kText:
      return &kTextDrivers[out];
    case ProtocolKind::kFrame:
      return &kFrameDrivers[out];
    case ProtocolKind::kUser:
      return &kUserDrivers[out];
    case ProtocolKind::kHttp:
      return out ? &kRawDrivers[out] : &kHttpServerDriver;  // no HTTP client yet
    case ProtocolKind::kWebSocket:
      return out ? &kWsClientDriver : &kWebSocketServerDriver;
  }
  return &kRawDrivers[out];
}

}  // namespace surge::ext
