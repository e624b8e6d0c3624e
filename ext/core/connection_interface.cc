/* Surge\Connection\ConnectionInterface: the abstract base of connection classes. */
#include "core/common.h"

#include "arginfo/ConnectionInterface_arginfo.h"

namespace surge::ext {

zend_class_entry* connection_interface_ce = nullptr;

void registerConnectionInterfaceClass() {
  connection_interface_ce = register_class_Surge_Connection_ConnectionInterface();
  connection_interface_ce->ce_flags |= ZEND_ACC_ALLOW_DYNAMIC_PROPERTIES;
}

}  // namespace surge::ext
