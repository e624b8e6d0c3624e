/* Surge\Protocols\Http\ServerSentEvents: one event of a text/event-stream response:
 * ": comment", "event:", "id:", "retry:" and one "data:" line per line of data, then an
 * empty line. */
#include <string>
#include <string_view>

#include "core/boundary.h"
#include "http/http_classes.h"

extern "C" {
#include "zend_interfaces.h"
}

#include "arginfo/ServerSentEvents_arginfo.h"

namespace surge::ext {

zend_class_entry* server_sent_events_ce = nullptr;

namespace {
uint32_t data_offset;

// A field's value may not end the line early: CR and LF split it into several lines of
// the same field (the way data is meant to be sent).
void appendField(std::string* out, std::string_view name, zval* value) {
  zend_string* s = zval_get_string(value);
  std::string_view v(ZSTR_VAL(s), ZSTR_LEN(s));
  size_t pos = 0;
  for (;;) {
    size_t end = v.find_first_of("\r\n", pos);
    out->append(name);
    out->append(": ");
    out->append(v.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    out->push_back('\n');
    if (end == std::string_view::npos) break;
    pos = end + 1;
    if (v[end] == '\r' && pos < v.size() && v[pos] == '\n') ++pos;
  }
  zend_string_release(s);
}
}  // namespace

void registerServerSentEventsClass() {
  server_sent_events_ce = register_class_Surge_Protocols_Http_ServerSentEvents(zend_ce_stringable);
  data_offset = propertyOffset(server_sent_events_ce, "data");
}

}  // namespace surge::ext

using namespace surge::ext;

SURGE_METHOD(Surge_Protocols_Http_ServerSentEvents, __construct) {
  zval* data;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_ARRAY(data)
  ZEND_PARSE_PARAMETERS_END();
  setSlot(Z_OBJ_P(ZEND_THIS), data_offset, data);
}

SURGE_METHOD(Surge_Protocols_Http_ServerSentEvents, __toString) {
  ZEND_PARSE_PARAMETERS_NONE();
  zval* data = slot(Z_OBJ_P(ZEND_THIS), data_offset);
  std::string out;
  if (Z_TYPE_P(data) == IS_ARRAY) {
    HashTable* ht = Z_ARRVAL_P(data);
    if (zval* v = zend_hash_str_find_deref(ht, "", 0)) appendField(&out, "", v);
    if (zval* v = zend_hash_str_find_deref(ht, "event", 5)) appendField(&out, "event", v);
    if (zval* v = zend_hash_str_find_deref(ht, "id", 2)) appendField(&out, "id", v);
    if (zval* v = zend_hash_str_find_deref(ht, "retry", 5)) appendField(&out, "retry", v);
    if (zval* v = zend_hash_str_find_deref(ht, "data", 4)) appendField(&out, "data", v);
  }
  out.push_back('\n');
  RETURN_STRINGL(out.data(), out.size());
}
