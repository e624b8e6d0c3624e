/* Surge\Protocols\Text for PHP callers; servers frame text natively (TextCodec). */
#include "core/boundary.h"
#include "core/common.h"
#include "core/connection_object.h"
#include "net/connection.h"
#include "protocol/text/text_codec.h"

#include "arginfo/Text_arginfo.h"

namespace surge::ext {

zend_class_entry* text_ce = nullptr;

void registerTextClass() {
  text_ce = register_class_Surge_Protocols_Text();
}

// maxPackageSize of a TcpConnection, or the class default.
size_t maxPackageSizeOf(zend_object* connection) {
  if (connection && instanceof_function(connection->ce, tcp_connection_ce))
    return static_cast<size_t>(slotLong(connection, connection_props.maxPackageSize, 10485760));
  return static_cast<size_t>(zval_get_long(connection_statics.defaultMaxPackageSize.get()));
}

}  // namespace surge::ext

using namespace surge;
using namespace surge::ext;

SURGE_METHOD(Surge_Protocols_Text, input) {
  zend_string* buffer;
  zend_object* connection = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_STR(buffer)
  Z_PARAM_OPTIONAL
  Z_PARAM_OBJ_OF_CLASS_OR_NULL(connection, connection_interface_ce)
  ZEND_PARSE_PARAMETERS_END();
  protocol::FrameResult r = protocol::TextCodec::frame({ZSTR_VAL(buffer), ZSTR_LEN(buffer)},
                                                       maxPackageSizeOf(connection));
  if (r.status == protocol::FrameStatus::kComplete) RETURN_LONG(static_cast<zend_long>(r.length));
  if (r.status == protocol::FrameStatus::kError) {
    // As Workerman: a line that can no longer fit closes the connection.
    if (connection && instanceof_function(connection->ce, tcp_connection_ce)) {
      ConnectionObject* c = connectionFrom(connection);
      if (c->conn) c->conn->close();
    }
  }
  RETURN_LONG(0);
}

SURGE_METHOD(Surge_Protocols_Text, encode) {
  zend_string* buffer;
  zend_object* connection = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_STR(buffer)
  Z_PARAM_OPTIONAL
  Z_PARAM_OBJ_OF_CLASS_OR_NULL(connection, connection_interface_ce)
  ZEND_PARSE_PARAMETERS_END();
  (void)connection;
  zend_string* out = zend_string_alloc(ZSTR_LEN(buffer) + 1, 0);
  memcpy(ZSTR_VAL(out), ZSTR_VAL(buffer), ZSTR_LEN(buffer));
  ZSTR_VAL(out)[ZSTR_LEN(buffer)] = '\n';
  ZSTR_VAL(out)[ZSTR_LEN(buffer) + 1] = '\0';
  RETURN_NEW_STR(out);
}

SURGE_METHOD(Surge_Protocols_Text, decode) {
  zend_string* buffer;
  zend_object* connection = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_STR(buffer)
  Z_PARAM_OPTIONAL
  Z_PARAM_OBJ_OF_CLASS_OR_NULL(connection, connection_interface_ce)
  ZEND_PARSE_PARAMETERS_END();
  (void)connection;
  std::string_view payload = protocol::TextCodec::payload({ZSTR_VAL(buffer), ZSTR_LEN(buffer)});
  RETURN_STRINGL(payload.data(), payload.size());
}
