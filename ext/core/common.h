/* Shared declarations of the Zend binding: class entries, the native objects behind
 * Worker and TcpConnection, and property slots resolved once at startup so that the
 * hot path never looks a property up by name. */
#ifndef SURGE_EXT_COMMON_H
#define SURGE_EXT_COMMON_H

extern "C" {
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php.h"
}

#include <cstdint>
#include <string>

namespace surge {
class Connection;
class Listener;
}  // namespace surge

namespace surge::ext {

extern zend_class_entry* worker_ce;
extern zend_class_entry* connection_interface_ce;
extern zend_class_entry* tcp_connection_ce;
extern zend_class_entry* timer_ce;
extern zend_class_entry* text_ce;
extern zend_class_entry* frame_ce;

void registerWorkerClass();
void registerConnectionInterfaceClass();
void registerTcpConnectionClass();
void registerTimerClass();
// Request shutdown: stops and frees every timer with what it holds.
void shutdownTimers();
void registerTextClass();
void registerFrameClass();

// Reads a declared property by its slot; dereferences PHP references.
inline zval* slot(zend_object* obj, uint32_t offset) {
  zval* z = reinterpret_cast<zval*>(reinterpret_cast<char*>(obj) + offset);
  ZVAL_DEREF(z);
  return z;
}
// Replaces a declared property's value.
inline void setSlot(zend_object* obj, uint32_t offset, zval* value) {
  zval* z = slot(obj, offset);
  zval old;
  ZVAL_COPY_VALUE(&old, z);
  ZVAL_COPY(z, value);
  zval_ptr_dtor(&old);
}
inline void setSlotLong(zend_object* obj, uint32_t offset, zend_long value) {
  zval* z = slot(obj, offset);
  if (Z_TYPE_P(z) == IS_LONG) {
    Z_LVAL_P(z) = value;
    return;
  }
  zval v;
  ZVAL_LONG(&v, value);
  setSlot(obj, offset, &v);
}
inline zend_long slotLong(zend_object* obj, uint32_t offset, zend_long fallback) {
  zval* z = slot(obj, offset);
  return Z_TYPE_P(z) == IS_LONG ? Z_LVAL_P(z) : fallback;
}

// A declared array property, made an array if it is not one and separated, ready to be
// written in place.
inline zval* arraySlot(zend_object* obj, uint32_t offset) {
  zval* z = slot(obj, offset);
  if (Z_TYPE_P(z) != IS_ARRAY) {
    zval fresh;
    array_init(&fresh);
    setSlot(obj, offset, &fresh);
    zval_ptr_dtor(&fresh);
    z = slot(obj, offset);
  }
  SEPARATE_ARRAY(z);
  return z;
}

// Offset of a declared property of `ce`, for slot().
uint32_t propertyOffset(zend_class_entry* ce, const char* name);

// Throws a \RuntimeException (the class Workerman throws for runtime misuse).
void throwRuntime(const char* format, ...) ZEND_ATTRIBUTE_FORMAT(printf, 1, 2);

}  // namespace surge::ext

#endif
