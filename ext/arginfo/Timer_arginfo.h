/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 70860d2a9cababaf37ae8762455513898fb3dc78 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Timer_add, 0, 2, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, timeInterval, IS_DOUBLE, 0)
	ZEND_ARG_TYPE_INFO(0, func, IS_CALLABLE, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, args, IS_ARRAY, 1, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, persistent, _IS_BOOL, 0, "true")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Timer_init, 0, 0, IS_VOID, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, event, Surge\\Events\\EventInterface, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Timer_repeat, 0, 2, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, timeInterval, IS_DOUBLE, 0)
	ZEND_ARG_TYPE_INFO(0, func, IS_CALLABLE, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, args, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Timer_delay arginfo_class_Surge_Timer_repeat

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Timer_del, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, timerId, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Timer_delAll, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Timer_sleep, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, delay, IS_DOUBLE, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Surge_Timer, add);
ZEND_METHOD(Surge_Timer, init);
ZEND_METHOD(Surge_Timer, repeat);
ZEND_METHOD(Surge_Timer, delay);
ZEND_METHOD(Surge_Timer, del);
ZEND_METHOD(Surge_Timer, delAll);
ZEND_METHOD(Surge_Timer, sleep);


static const zend_function_entry class_Surge_Timer_methods[] = {
	ZEND_ME(Surge_Timer, add, arginfo_class_Surge_Timer_add, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Timer, init, arginfo_class_Surge_Timer_init, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Timer, repeat, arginfo_class_Surge_Timer_repeat, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Timer, delay, arginfo_class_Surge_Timer_delay, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Timer, del, arginfo_class_Surge_Timer_del, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Timer, delAll, arginfo_class_Surge_Timer_delAll, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Timer, sleep, arginfo_class_Surge_Timer_sleep, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Timer(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge", "Timer", class_Surge_Timer_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);

	return class_entry;
}
