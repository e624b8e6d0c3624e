/* A static property of one of our classes, read without looking its name up: the hot path
 * (every accepted connection reads TcpConnection's defaults and lists itself in
 * TcpConnection::$connections) paid a string hash and a table lookup per read. */
#ifndef SURGE_EXT_STATIC_PROPERTY_H
#define SURGE_EXT_STATIC_PROPERTY_H

#include "core/common.h"

namespace surge::ext {

class StaticProperty {
 public:
  // At MINIT, once the class is registered: remembers the property's slot in the class's
  // table of static values (the table itself is made per request, the slot never moves).
  void bind(zend_class_entry* ce, const char* name) {
    auto* info = static_cast<zend_property_info*>(
        zend_hash_str_find_ptr(&ce->properties_info, name, strlen(name)));
    ZEND_ASSERT(info && (info->flags & ZEND_ACC_STATIC));
    ce_ = ce;
    slot_ = info->offset;
  }

  // The current value, dereferenced (user code may have bound a reference to it).
  zval* get() const {
    zval* table = CE_STATIC_MEMBERS(ce_);
    if (UNEXPECTED(table == nullptr)) {
      zend_class_init_statics(ce_);
      table = CE_STATIC_MEMBERS(ce_);
    }
    zval* v = table + slot_;
    ZVAL_DEINDIRECT(v);
    ZVAL_DEREF(v);
    return v;
  }

 private:
  zend_class_entry* ce_ = nullptr;
  uint32_t slot_ = 0;
};

}  // namespace surge::ext

#endif
