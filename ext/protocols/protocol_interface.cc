/* Surge\Protocols\ProtocolInterface: what a user protocol class provides. Implementing it is
 * optional; user_protocol.cc looks for the three static methods by name. */
#include "protocols/user_protocol.h"

#include "arginfo/ProtocolInterface_arginfo.h"

namespace surge::ext {

void registerProtocolInterface() {
  register_class_Surge_Protocols_ProtocolInterface();
}

}  // namespace surge::ext
