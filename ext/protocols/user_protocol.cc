/* Finding and resolving PHP protocol classes, for workers (worker.cc) and outgoing
 * connections (async_tcp_connection.cc). */
#include "protocols/user_protocol.h"

#include <cctype>

#include "core/workerman_switch.h"

namespace surge::ext {

namespace {
zend_function* publicStaticMethod(zend_class_entry* ce, const char* name) {
  auto* fn = static_cast<zend_function*>(
      zend_hash_str_find_ptr_lc(&ce->function_table, name, strlen(name)));
  if (fn && (fn->common.fn_flags & ZEND_ACC_STATIC) && (fn->common.fn_flags & ZEND_ACC_PUBLIC))
    return fn;
  return nullptr;
}
}  // namespace

zend_class_entry* findClass(const std::string& name) {
  zend_string* n = zend_string_init(name.data(), name.size(), 0);
  zend_class_entry* ce = zend_lookup_class(n);
  zend_string_release(n);
  return ce;
}

zend_class_entry* findProtocolClass(const std::string& scheme, std::string* tried) {
  std::string cls = scheme;
  if (!cls.empty()) cls[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(cls[0])));
  *tried = cls;
  zend_class_entry* ce = findClass("Protocols\\" + cls);
  if (ce == nullptr && workerman::enabled()) ce = findClass("Workerman\\Protocols\\" + cls);
  return ce ? ce : findClass("Surge\\Protocols\\" + cls);
}

bool loadUserProtocol(zend_class_entry* ce, UserProtocol* p) {
  p->input = publicStaticMethod(ce, "input");
  p->decode = publicStaticMethod(ce, "decode");
  p->encode = publicStaticMethod(ce, "encode");
  if (!p->input || !p->decode || !p->encode) {
    throwRuntime("protocol class %s must have public static methods input(), decode() and encode()",
                 ZSTR_VAL(ce->name));
    return false;
  }
  p->cls = ce;
  return true;
}

}  // namespace surge::ext
