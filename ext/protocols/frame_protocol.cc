/* Surge\Protocols\Frame for PHP callers; servers frame natively (FrameCodec). */
#include "core/boundary.h"
#include "core/common.h"
#include "protocol/frame/frame_codec.h"

#include "arginfo/Frame_arginfo.h"

namespace surge::ext {

zend_class_entry* frame_ce = nullptr;
size_t maxPackageSizeOf(zend_object* connection);  // text_protocol.cc

void registerFrameClass() {
  frame_ce = register_class_Surge_Protocols_Frame();
}

}  // namespace surge::ext

using namespace surge;
using namespace surge::ext;

SURGE_METHOD(Surge_Protocols_Frame, input) {
  zend_string* buffer;
  zend_object* connection = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_STR(buffer)
  Z_PARAM_OPTIONAL
  Z_PARAM_OBJ_OF_CLASS_OR_NULL(connection, connection_interface_ce)
  ZEND_PARSE_PARAMETERS_END();
  std::string_view bytes(ZSTR_VAL(buffer), ZSTR_LEN(buffer));
  if (bytes.size() < protocol::FrameCodec::kHeaderSize) RETURN_LONG(0);
  // The announced total length, whether or not all of it is here yet; -1 when it is
  // malformed (shorter than its own header, or above maxPackageSize).
  protocol::FrameResult r = protocol::FrameCodec::frame(bytes, maxPackageSizeOf(connection));
  if (r.status == protocol::FrameStatus::kError) RETURN_LONG(-1);
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  RETURN_LONG((zend_long{p[0]} << 24) | (zend_long{p[1]} << 16) | (zend_long{p[2]} << 8) |
              zend_long{p[3]});
}

SURGE_METHOD(Surge_Protocols_Frame, encode) {
  zend_string* buffer;
  zend_object* connection = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_STR(buffer)
  Z_PARAM_OPTIONAL
  Z_PARAM_OBJ_OF_CLASS_OR_NULL(connection, connection_interface_ce)
  ZEND_PARSE_PARAMETERS_END();
  (void)connection;
  char header[protocol::FrameCodec::kHeaderSize];
  if (!protocol::FrameCodec::header(ZSTR_LEN(buffer), header)) {
    zend_argument_value_error(1, "is too long for one frame (4 GiB at most)");
    RETURN_THROWS();
  }
  zend_string* out = zend_string_alloc(ZSTR_LEN(buffer) + sizeof header, 0);
  memcpy(ZSTR_VAL(out), header, sizeof header);
  memcpy(ZSTR_VAL(out) + sizeof header, ZSTR_VAL(buffer), ZSTR_LEN(buffer));
  ZSTR_VAL(out)[ZSTR_LEN(out)] = '\0';
  RETURN_NEW_STR(out);
}

SURGE_METHOD(Surge_Protocols_Frame, decode) {
  zend_string* buffer;
  zend_object* connection = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_STR(buffer)
  Z_PARAM_OPTIONAL
  Z_PARAM_OBJ_OF_CLASS_OR_NULL(connection, connection_interface_ce)
  ZEND_PARSE_PARAMETERS_END();
  (void)connection;
  if (ZSTR_LEN(buffer) < protocol::FrameCodec::kHeaderSize) RETURN_EMPTY_STRING();
  RETURN_STRINGL(ZSTR_VAL(buffer) + protocol::FrameCodec::kHeaderSize,
                 ZSTR_LEN(buffer) - protocol::FrameCodec::kHeaderSize);
}
