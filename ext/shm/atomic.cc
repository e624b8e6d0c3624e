/* Surge\Atomic: the PHP face of SharedAtomic (src/shm/shared_atomic.h). */
#include <stdexcept>

#include "core/boundary.h"
#include "shm/shared_atomic.h"
#include "shm/shm_classes.h"

#include "arginfo/Atomic_arginfo.h"

namespace surge::ext {

zend_class_entry* atomic_ce = nullptr;

namespace {

struct AtomicObject {
  SharedAtomic* atomic;
  zend_object std;
};

zend_object_handlers g_handlers;

AtomicObject* fromObj(zend_object* obj) {
  return reinterpret_cast<AtomicObject*>(reinterpret_cast<char*>(obj) -
                                         XtOffsetOf(AtomicObject, std));
}

zend_object* createObject(zend_class_entry* ce) {
  auto* o = static_cast<AtomicObject*>(zend_object_alloc(sizeof(AtomicObject), ce));
  o->atomic = nullptr;
  zend_object_std_init(&o->std, ce);
  object_properties_init(&o->std, ce);
  o->std.handlers = &g_handlers;
  return &o->std;
}

void freeObject(zend_object* obj) {
  AtomicObject* o = fromObj(obj);
  delete o->atomic;  // unmaps this process's view
  zend_object_std_dtor(obj);
}

SharedAtomic& atomicOf(zval* self) {
  SharedAtomic* a = fromObj(Z_OBJ_P(self))->atomic;
  if (a == nullptr) throw std::logic_error("the Atomic was not constructed: call new Atomic()");
  return *a;
}

}  // namespace

}  // namespace surge::ext

using namespace surge;
using namespace surge::ext;

SURGE_METHOD(Surge_Atomic, __construct) {
  zend_long value = 0;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_LONG(value)
  ZEND_PARSE_PARAMETERS_END();
  AtomicObject* o = fromObj(Z_OBJ_P(ZEND_THIS));
  if (o->atomic != nullptr) {
    o->atomic->set(value);
    return;
  }
  o->atomic = new SharedAtomic(value);
}

SURGE_METHOD(Surge_Atomic, add) {
  zend_long by = 1;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_LONG(by)
  ZEND_PARSE_PARAMETERS_END();
  RETURN_LONG(atomicOf(ZEND_THIS).add(by));
}

SURGE_METHOD(Surge_Atomic, sub) {
  zend_long by = 1;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_LONG(by)
  ZEND_PARSE_PARAMETERS_END();
  RETURN_LONG(atomicOf(ZEND_THIS).sub(by));
}

SURGE_METHOD(Surge_Atomic, get) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_LONG(atomicOf(ZEND_THIS).get());
}

SURGE_METHOD(Surge_Atomic, set) {
  zend_long value;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_LONG(value)
  ZEND_PARSE_PARAMETERS_END();
  atomicOf(ZEND_THIS).set(value);
}

SURGE_METHOD(Surge_Atomic, cmpset) {
  zend_long cmp;
  zend_long value;
  ZEND_PARSE_PARAMETERS_START(2, 2)
  Z_PARAM_LONG(cmp)
  Z_PARAM_LONG(value)
  ZEND_PARSE_PARAMETERS_END();
  RETURN_BOOL(atomicOf(ZEND_THIS).compareAndSet(cmp, value));
}

SURGE_METHOD(Surge_Atomic, wait) {
  double timeout = -1;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_DOUBLE(timeout)
  ZEND_PARSE_PARAMETERS_END();
  RETURN_BOOL(atomicOf(ZEND_THIS).wait(timeout) == SharedAtomic::WaitResult::kWoken);
}

SURGE_METHOD(Surge_Atomic, wakeup) {
  zend_long count = 1;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_LONG(count)
  ZEND_PARSE_PARAMETERS_END();
  if (count < 1) {
    zend_argument_value_error(1, "must be at least 1");
    return;
  }
  atomicOf(ZEND_THIS).wakeup(count > INT32_MAX ? INT32_MAX : static_cast<int>(count));
  RETURN_TRUE;
}

namespace surge::ext {

void registerAtomicClass() {
  atomic_ce = register_class_Surge_Atomic();
  atomic_ce->create_object = createObject;
  memcpy(&g_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
  g_handlers.offset = XtOffsetOf(AtomicObject, std);
  g_handlers.free_obj = freeObject;
  g_handlers.clone_obj = nullptr;
}

}  // namespace surge::ext
