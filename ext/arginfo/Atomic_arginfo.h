/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 5cfd983abd884a25c9c5b26e3f1746eaf7268878 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Surge_Atomic___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, value, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Atomic_add, 0, 0, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, value, IS_LONG, 0, "1")
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Atomic_sub arginfo_class_Surge_Atomic_add

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Atomic_get, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Atomic_set, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, value, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Atomic_cmpset, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, cmp, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, new, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Atomic_wait, 0, 0, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, timeout, IS_DOUBLE, 0, "-1")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Atomic_wakeup, 0, 0, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, count, IS_LONG, 0, "1")
ZEND_END_ARG_INFO()


ZEND_METHOD(Surge_Atomic, __construct);
ZEND_METHOD(Surge_Atomic, add);
ZEND_METHOD(Surge_Atomic, sub);
ZEND_METHOD(Surge_Atomic, get);
ZEND_METHOD(Surge_Atomic, set);
ZEND_METHOD(Surge_Atomic, cmpset);
ZEND_METHOD(Surge_Atomic, wait);
ZEND_METHOD(Surge_Atomic, wakeup);


static const zend_function_entry class_Surge_Atomic_methods[] = {
	ZEND_ME(Surge_Atomic, __construct, arginfo_class_Surge_Atomic___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Atomic, add, arginfo_class_Surge_Atomic_add, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Atomic, sub, arginfo_class_Surge_Atomic_sub, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Atomic, get, arginfo_class_Surge_Atomic_get, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Atomic, set, arginfo_class_Surge_Atomic_set, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Atomic, cmpset, arginfo_class_Surge_Atomic_cmpset, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Atomic, wait, arginfo_class_Surge_Atomic_wait, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Atomic, wakeup, arginfo_class_Surge_Atomic_wakeup, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Atomic(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge", "Atomic", class_Surge_Atomic_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
