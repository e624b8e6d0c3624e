/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 967abbad8e4fdd80dc6360aa0a29fc39ddad3049 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Surge_Lock___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, type, IS_LONG, 0, "Surge\\Lock::MUTEX")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Lock_lock, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Lock_trylock arginfo_class_Surge_Lock_lock

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Lock_lockWait, 0, 0, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, timeout, IS_DOUBLE, 0, "1.0")
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Lock_unlock arginfo_class_Surge_Lock_lock

#define arginfo_class_Surge_Lock_lock_read arginfo_class_Surge_Lock_lock

#define arginfo_class_Surge_Lock_trylock_read arginfo_class_Surge_Lock_lock

#define arginfo_class_Surge_Lock_unlock_read arginfo_class_Surge_Lock_lock

#define arginfo_class_Surge_Lock_lockRead arginfo_class_Surge_Lock_lock

#define arginfo_class_Surge_Lock_tryLockRead arginfo_class_Surge_Lock_lock

#define arginfo_class_Surge_Lock_unlockRead arginfo_class_Surge_Lock_lock


ZEND_METHOD(Surge_Lock, __construct);
ZEND_METHOD(Surge_Lock, lock);
ZEND_METHOD(Surge_Lock, trylock);
ZEND_METHOD(Surge_Lock, lockWait);
ZEND_METHOD(Surge_Lock, unlock);
ZEND_METHOD(Surge_Lock, lock_read);
ZEND_METHOD(Surge_Lock, trylock_read);
ZEND_METHOD(Surge_Lock, unlock_read);
ZEND_METHOD(Surge_Lock, lockRead);
ZEND_METHOD(Surge_Lock, tryLockRead);
ZEND_METHOD(Surge_Lock, unlockRead);


static const zend_function_entry class_Surge_Lock_methods[] = {
	ZEND_ME(Surge_Lock, __construct, arginfo_class_Surge_Lock___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Lock, lock, arginfo_class_Surge_Lock_lock, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Lock, trylock, arginfo_class_Surge_Lock_trylock, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Lock, lockWait, arginfo_class_Surge_Lock_lockWait, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Lock, unlock, arginfo_class_Surge_Lock_unlock, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Lock, lock_read, arginfo_class_Surge_Lock_lock_read, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Lock, trylock_read, arginfo_class_Surge_Lock_trylock_read, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Lock, unlock_read, arginfo_class_Surge_Lock_unlock_read, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Lock, lockRead, arginfo_class_Surge_Lock_lockRead, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Lock, tryLockRead, arginfo_class_Surge_Lock_tryLockRead, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Lock, unlockRead, arginfo_class_Surge_Lock_unlockRead, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Lock(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge", "Lock", class_Surge_Lock_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;

	zval const_MUTEX_value;
	ZVAL_LONG(&const_MUTEX_value, 3);
	zend_string *const_MUTEX_name = zend_string_init_interned("MUTEX", sizeof("MUTEX") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_MUTEX_name, &const_MUTEX_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_MUTEX_name);

	zval const_RWLOCK_value;
	ZVAL_LONG(&const_RWLOCK_value, 1);
	zend_string *const_RWLOCK_name = zend_string_init_interned("RWLOCK", sizeof("RWLOCK") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_RWLOCK_name, &const_RWLOCK_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_RWLOCK_name);

	return class_entry;
}
