/* Surge\Protocols\Http\Chunk: one chunk of a chunked response ("hex\r\ndata\r\n"); an
 * empty chunk is the last one ("0\r\n\r\n"). */
#include "core/boundary.h"
#include "http/http_classes.h"

extern "C" {
#include "zend_interfaces.h"
}

#include "arginfo/Chunk_arginfo.h"

namespace surge::ext {

zend_class_entry* chunk_ce = nullptr;

namespace {
uint32_t buffer_offset;
}

void registerChunkClass() {
  chunk_ce = register_class_Surge_Protocols_Http_Chunk(zend_ce_stringable);
  buffer_offset = propertyOffset(chunk_ce, "buffer");
}

}  // namespace surge::ext

using namespace surge::ext;

SURGE_METHOD(Surge_Protocols_Http_Chunk, __construct) {
  zend_string* buffer;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_STR(buffer)
  ZEND_PARSE_PARAMETERS_END();
  zval v;
  ZVAL_STR(&v, buffer);
  setSlot(Z_OBJ_P(ZEND_THIS), buffer_offset, &v);
}

SURGE_METHOD(Surge_Protocols_Http_Chunk, __toString) {
  ZEND_PARSE_PARAMETERS_NONE();
  zval* b = slot(Z_OBJ_P(ZEND_THIS), buffer_offset);
  size_t length = Z_TYPE_P(b) == IS_STRING ? Z_STRLEN_P(b) : 0;
  if (length == 0) RETURN_STRINGL("0\r\n\r\n", 5);
  char hex[24];
  int n = snprintf(hex, sizeof hex, "%zx\r\n", length);
  zend_string* out = zend_string_alloc(static_cast<size_t>(n) + length + 2, 0);
  memcpy(ZSTR_VAL(out), hex, static_cast<size_t>(n));
  memcpy(ZSTR_VAL(out) + n, Z_STRVAL_P(b), length);
  memcpy(ZSTR_VAL(out) + n + length, "\r\n", 3);
  RETURN_NEW_STR(out);
}
