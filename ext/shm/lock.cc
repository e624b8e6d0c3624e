/* Surge\Lock: the PHP face of SharedLock (src/shm/shared_lock.h). */
#include <stdexcept>

#include "core/boundary.h"
#include "shm/shared_lock.h"
#include "shm/shm_classes.h"

#include "arginfo/Lock_arginfo.h"

namespace surge::ext {

zend_class_entry* lock_ce = nullptr;

namespace {

constexpr const char* kClass = "Surge\\Lock";

struct LockObject {
  SharedLock* lock;
  zend_object std;
};

zend_object_handlers g_handlers;

LockObject* fromObj(zend_object* obj) {
  return reinterpret_cast<LockObject*>(reinterpret_cast<char*>(obj) - XtOffsetOf(LockObject, std));
}

zend_object* createObject(zend_class_entry* ce) {
  auto* o = static_cast<LockObject*>(zend_object_alloc(sizeof(LockObject), ce));
  o->lock = nullptr;
  zend_object_std_init(&o->std, ce);
  object_properties_init(&o->std, ce);
  o->std.handlers = &g_handlers;
  return &o->std;
}

void freeObject(zend_object* obj) {
  LockObject* o = fromObj(obj);
  delete o->lock;  // unmaps this process's view; a lock still held stays held for the others
  zend_object_std_dtor(obj);
}

SharedLock& lockOf(zval* self) {
  SharedLock* l = fromObj(Z_OBJ_P(self))->lock;
  if (l == nullptr) throw std::logic_error("the Lock was not constructed: call new Lock()");
  return *l;
}

// true when acquired; a relock by the holder is a programming error worth an exception
// (it would otherwise hang the process forever).
bool acquired(SharedLock::Result r, bool blocking = true) {
  switch (r) {
    case SharedLock::Result::kLocked:
    case SharedLock::Result::kRecovered:
      return true;
    case SharedLock::Result::kDeadlock:
      if (!blocking) return false;  // trylock() by the holder: simply "not acquired"
      throwShmError(kClass, "this process holds the lock already: call unlock() first");
      return false;
    default:
      return false;
  }
}

}  // namespace

}  // namespace surge::ext

using namespace surge;
using namespace surge::ext;

SURGE_METHOD(Surge_Lock, __construct) {
  zend_long type = 3;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_LONG(type)
  ZEND_PARSE_PARAMETERS_END();
  LockObject* o = fromObj(Z_OBJ_P(ZEND_THIS));
  if (o->lock != nullptr) {
    throwShmError(kClass, "the lock is constructed already");
    return;
  }
  if (type != 3 && type != 1) {
    zend_argument_value_error(1, "must be Lock::MUTEX or Lock::RWLOCK");
    return;
  }
  o->lock = new SharedLock(type == 3 ? SharedLock::Type::kMutex : SharedLock::Type::kRwLock);
}

SURGE_METHOD(Surge_Lock, lock) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_BOOL(acquired(lockOf(ZEND_THIS).lock()));
}

SURGE_METHOD(Surge_Lock, trylock) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_BOOL(acquired(lockOf(ZEND_THIS).tryLock(), false));
}

SURGE_METHOD(Surge_Lock, lockWait) {
  double timeout = 1.0;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_DOUBLE(timeout)
  ZEND_PARSE_PARAMETERS_END();
  RETURN_BOOL(acquired(lockOf(ZEND_THIS).lockFor(timeout)));
}

SURGE_METHOD(Surge_Lock, unlock) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_BOOL(lockOf(ZEND_THIS).unlock());
}

SURGE_METHOD(Surge_Lock, lock_read) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_BOOL(acquired(lockOf(ZEND_THIS).lockRead()));
}

SURGE_METHOD(Surge_Lock, trylock_read) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_BOOL(acquired(lockOf(ZEND_THIS).tryLockRead(), false));
}

SURGE_METHOD(Surge_Lock, unlock_read) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_BOOL(lockOf(ZEND_THIS).unlockRead());
}

SURGE_METHOD(Surge_Lock, lockRead) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_BOOL(acquired(lockOf(ZEND_THIS).lockRead()));
}

SURGE_METHOD(Surge_Lock, tryLockRead) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_BOOL(acquired(lockOf(ZEND_THIS).tryLockRead(), false));
}

SURGE_METHOD(Surge_Lock, unlockRead) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_BOOL(lockOf(ZEND_THIS).unlockRead());
}

namespace surge::ext {

void registerLockClass() {
  lock_ce = register_class_Surge_Lock();
  lock_ce->create_object = createObject;
  memcpy(&g_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
  g_handlers.offset = XtOffsetOf(LockObject, std);
  g_handlers.free_obj = freeObject;
  g_handlers.clone_obj = nullptr;
}

}  // namespace surge::ext
