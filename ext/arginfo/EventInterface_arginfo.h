/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: d813b1bcbbb55d395423d18a95827a3b7fe2dfa8 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventInterface_delay, 0, 2, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, delay, IS_DOUBLE, 0)
	ZEND_ARG_TYPE_INFO(0, func, IS_CALLABLE, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, args, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventInterface_offDelay, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, timerId, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventInterface_repeat, 0, 2, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, interval, IS_DOUBLE, 0)
	ZEND_ARG_TYPE_INFO(0, func, IS_CALLABLE, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, args, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Events_EventInterface_offRepeat arginfo_class_Surge_Events_EventInterface_offDelay

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventInterface_onReadable, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, stream, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, func, IS_CALLABLE, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventInterface_offReadable, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, stream, IS_MIXED, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Events_EventInterface_onWritable arginfo_class_Surge_Events_EventInterface_onReadable

#define arginfo_class_Surge_Events_EventInterface_offWritable arginfo_class_Surge_Events_EventInterface_offReadable

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventInterface_onSignal, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, signal, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, func, IS_CALLABLE, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventInterface_offSignal, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, signal, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventInterface_deleteAllTimer, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Events_EventInterface_run arginfo_class_Surge_Events_EventInterface_deleteAllTimer

#define arginfo_class_Surge_Events_EventInterface_stop arginfo_class_Surge_Events_EventInterface_deleteAllTimer

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventInterface_getTimerCount, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventInterface_setErrorHandler, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, errorHandler, IS_CALLABLE, 0)
ZEND_END_ARG_INFO()




static const zend_function_entry class_Surge_Events_EventInterface_methods[] = {
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Events_EventInterface, delay, arginfo_class_Surge_Events_EventInterface_delay, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Events_EventInterface, offDelay, arginfo_class_Surge_Events_EventInterface_offDelay, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Events_EventInterface, repeat, arginfo_class_Surge_Events_EventInterface_repeat, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Events_EventInterface, offRepeat, arginfo_class_Surge_Events_EventInterface_offRepeat, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Events_EventInterface, onReadable, arginfo_class_Surge_Events_EventInterface_onReadable, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Events_EventInterface, offReadable, arginfo_class_Surge_Events_EventInterface_offReadable, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Events_EventInterface, onWritable, arginfo_class_Surge_Events_EventInterface_onWritable, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Events_EventInterface, offWritable, arginfo_class_Surge_Events_EventInterface_offWritable, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Events_EventInterface, onSignal, arginfo_class_Surge_Events_EventInterface_onSignal, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Events_EventInterface, offSignal, arginfo_class_Surge_Events_EventInterface_offSignal, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Events_EventInterface, deleteAllTimer, arginfo_class_Surge_Events_EventInterface_deleteAllTimer, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Events_EventInterface, run, arginfo_class_Surge_Events_EventInterface_run, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Events_EventInterface, stop, arginfo_class_Surge_Events_EventInterface_stop, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Events_EventInterface, getTimerCount, arginfo_class_Surge_Events_EventInterface_getTimerCount, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Events_EventInterface, setErrorHandler, arginfo_class_Surge_Events_EventInterface_setErrorHandler, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Events_EventInterface(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Events", "EventInterface", class_Surge_Events_EventInterface_methods);
	class_entry = zend_register_internal_interface(&ce);

	return class_entry;
}
