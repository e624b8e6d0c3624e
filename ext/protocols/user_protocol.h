/* Framing with a PHP protocol class (static input(), decode()), shared by accepted
 * connections (tcp_connection.cc) and outgoing ones (async_tcp_connection.cc). */
#ifndef SURGE_EXT_USER_PROTOCOL_H
#define SURGE_EXT_USER_PROTOCOL_H

#include <string>

#include "core/callable.h"
#include "core/connection_object.h"
#include "net/connection.h"
#include "core/runtime.h"

namespace surge::ext {

// A PHP protocol class and its static methods, resolved once.
struct UserProtocol {
  zend_class_entry* cls = nullptr;
  zend_function* input = nullptr;
  zend_function* decode = nullptr;
  zend_function* encode = nullptr;
};

// The class named `name` (autoloaded), or null.
zend_class_entry* findClass(const std::string& name);
void registerProtocolInterface();
// The class a URI scheme names, as Workerman looks it up: Protocols\Scheme, then
// Surge\Protocols\Scheme (first letter upper-cased). Null if neither exists; *tried
// gets the short name looked for, for the error message.
zend_class_entry* findProtocolClass(const std::string& scheme, std::string* tried);
// Resolves input(), decode() and encode(); throws a RuntimeException naming what is
// missing (they must be public and static) and returns false otherwise.
bool loadUserProtocol(zend_class_entry* ce, UserProtocol* p);

// input() sizes the next message from the whole input buffer (remembered in c->state.hint while
// it is not all here), decode() turns it into the value `deliver(zval*)` receives. A length
// below 0 or above maxPackageSize goes to `reject(why)`. An exception in input() destroys
// the connection, one in decode() closes it; both are logged for `worker` (may be null)
// and the connection `id`. Slower than the native codecs: every message goes through PHP.
template <typename Deliver, typename Reject>
void deliverUserProtocol(ConnectionObject* c, const UserProtocol& p, zend_object* worker,
                         zend_long id, Deliver&& deliver, Reject&& reject) {
  Buffer& in = c->conn->inputBuffer();
  size_t max = static_cast<size_t>(slotLong(&c->std, connection_props.maxPackageSize, 10485760));
  while (!in.empty() && canDeliverTo(c)) {
    zend_long length = static_cast<zend_long>(c->state.hint);
    if (length == 0) {
      zval args[2], ret;
      ZVAL_STRINGL(&args[0], in.data(), in.size());
      ZVAL_OBJ(&args[1], &c->std);
      ZVAL_UNDEF(&ret);
      zend_call_known_function(p.input, nullptr, p.cls, &ret, 2, args, nullptr);
      zval_ptr_dtor(&args[0]);
      length = Z_TYPE(ret) == IS_UNDEF ? -1 : zval_get_long(&ret);
      zval_ptr_dtor(&ret);
      if (EG(exception)) {
        if (reportPendingException(CallSite{"protocol input()", worker, id}) ==
                CallOutcome::kThrew &&
            c->conn)
          c->conn->destroy();
        return;
      }
      if (!canDeliverTo(c) || length == 0) return;
      if (length < 0 || static_cast<size_t>(length) > max) {
        reject(std::string("protocol ") + ZSTR_VAL(p.cls->name) + "::input() returned " +
               std::to_string(length) + " (maxPackageSize " + std::to_string(max) + ")");
        return;
      }
    }
    if (static_cast<size_t>(length) > in.size()) {
      c->state.hint = static_cast<size_t>(length);
      return;
    }
    c->state.hint = 0;
    zval args[2], decoded;
    ZVAL_STRINGL(&args[0], in.data(), static_cast<size_t>(length));
    ZVAL_OBJ(&args[1], &c->std);
    in.consume(static_cast<size_t>(length));
    ZVAL_UNDEF(&decoded);
    zend_call_known_function(p.decode, nullptr, p.cls, &decoded, 2, args, nullptr);
    zval_ptr_dtor(&args[0]);
    if (EG(exception)) {
      zval_ptr_dtor(&decoded);
      if (reportPendingException(CallSite{"protocol decode()", worker, id}) ==
              CallOutcome::kThrew &&
          c->conn)
        c->conn->close();
      return;
    }
    deliver(&decoded);
    zval_ptr_dtor(&decoded);
  }
}

}  // namespace surge::ext

#endif
