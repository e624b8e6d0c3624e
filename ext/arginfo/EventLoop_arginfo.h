/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: bda7195681ea4e380688b1cfe8669b60679c1de0 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventLoop_delay, 0, 2, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, delay, IS_DOUBLE, 0)
	ZEND_ARG_TYPE_INFO(0, func, IS_CALLABLE, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, args, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventLoop_offDelay, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, timerId, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventLoop_repeat, 0, 2, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, interval, IS_DOUBLE, 0)
	ZEND_ARG_TYPE_INFO(0, func, IS_CALLABLE, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, args, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Events_EventLoop_offRepeat arginfo_class_Surge_Events_EventLoop_offDelay

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventLoop_onReadable, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, stream, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, func, IS_CALLABLE, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventLoop_offReadable, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, stream, IS_MIXED, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Events_EventLoop_onWritable arginfo_class_Surge_Events_EventLoop_onReadable

#define arginfo_class_Surge_Events_EventLoop_offWritable arginfo_class_Surge_Events_EventLoop_offReadable

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventLoop_onSignal, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, signal, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, func, IS_CALLABLE, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventLoop_offSignal, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, signal, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventLoop_deleteAllTimer, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Events_EventLoop_run arginfo_class_Surge_Events_EventLoop_deleteAllTimer

#define arginfo_class_Surge_Events_EventLoop_stop arginfo_class_Surge_Events_EventLoop_deleteAllTimer

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventLoop_getTimerCount, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Events_EventLoop_setErrorHandler, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, errorHandler, IS_CALLABLE, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Surge_Events_EventLoop, delay);
ZEND_METHOD(Surge_Events_EventLoop, offDelay);
ZEND_METHOD(Surge_Events_EventLoop, repeat);
ZEND_METHOD(Surge_Events_EventLoop, offRepeat);
ZEND_METHOD(Surge_Events_EventLoop, onReadable);
ZEND_METHOD(Surge_Events_EventLoop, offReadable);
ZEND_METHOD(Surge_Events_EventLoop, onWritable);
ZEND_METHOD(Surge_Events_EventLoop, offWritable);
ZEND_METHOD(Surge_Events_EventLoop, onSignal);
ZEND_METHOD(Surge_Events_EventLoop, offSignal);
ZEND_METHOD(Surge_Events_EventLoop, deleteAllTimer);
ZEND_METHOD(Surge_Events_EventLoop, run);
ZEND_METHOD(Surge_Events_EventLoop, stop);
ZEND_METHOD(Surge_Events_EventLoop, getTimerCount);
ZEND_METHOD(Surge_Events_EventLoop, setErrorHandler);


static const zend_function_entry class_Surge_Events_EventLoop_methods[] = {
	ZEND_ME(Surge_Events_EventLoop, delay, arginfo_class_Surge_Events_EventLoop_delay, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Events_EventLoop, offDelay, arginfo_class_Surge_Events_EventLoop_offDelay, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Events_EventLoop, repeat, arginfo_class_Surge_Events_EventLoop_repeat, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Events_EventLoop, offRepeat, arginfo_class_Surge_Events_EventLoop_offRepeat, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Events_EventLoop, onReadable, arginfo_class_Surge_Events_EventLoop_onReadable, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Events_EventLoop, offReadable, arginfo_class_Surge_Events_EventLoop_offReadable, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Events_EventLoop, onWritable, arginfo_class_Surge_Events_EventLoop_onWritable, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Events_EventLoop, offWritable, arginfo_class_Surge_Events_EventLoop_offWritable, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Events_EventLoop, onSignal, arginfo_class_Surge_Events_EventLoop_onSignal, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Events_EventLoop, offSignal, arginfo_class_Surge_Events_EventLoop_offSignal, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Events_EventLoop, deleteAllTimer, arginfo_class_Surge_Events_EventLoop_deleteAllTimer, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Events_EventLoop, run, arginfo_class_Surge_Events_EventLoop_run, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Events_EventLoop, stop, arginfo_class_Surge_Events_EventLoop_stop, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Events_EventLoop, getTimerCount, arginfo_class_Surge_Events_EventLoop_getTimerCount, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Events_EventLoop, setErrorHandler, arginfo_class_Surge_Events_EventLoop_setErrorHandler, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Events_EventLoop(zend_class_entry *class_entry_Surge_Events_EventInterface)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Events", "EventLoop", class_Surge_Events_EventLoop_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	zend_class_implements(class_entry, 1, class_entry_Surge_Events_EventInterface);

	return class_entry;
}
