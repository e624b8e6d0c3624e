/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: da29fea6c8e61ce1c816084077bb4002c571b26e */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Log_debug, 0, 1, IS_VOID, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, message, Stringable, MAY_BE_STRING, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, context, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Log_info arginfo_class_Surge_Log_debug

#define arginfo_class_Surge_Log_notice arginfo_class_Surge_Log_debug

#define arginfo_class_Surge_Log_warning arginfo_class_Surge_Log_debug

#define arginfo_class_Surge_Log_error arginfo_class_Surge_Log_debug

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Log_log, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, level, IS_STRING, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, message, Stringable, MAY_BE_STRING, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, context, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Log_enabled, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, level, IS_STRING, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Surge_Log, debug);
ZEND_METHOD(Surge_Log, info);
ZEND_METHOD(Surge_Log, notice);
ZEND_METHOD(Surge_Log, warning);
ZEND_METHOD(Surge_Log, error);
ZEND_METHOD(Surge_Log, log);
ZEND_METHOD(Surge_Log, enabled);


static const zend_function_entry class_Surge_Log_methods[] = {
	ZEND_ME(Surge_Log, debug, arginfo_class_Surge_Log_debug, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Log, info, arginfo_class_Surge_Log_info, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Log, notice, arginfo_class_Surge_Log_notice, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Log, warning, arginfo_class_Surge_Log_warning, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Log, error, arginfo_class_Surge_Log_error, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Log, log, arginfo_class_Surge_Log_log, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Log, enabled, arginfo_class_Surge_Log_enabled, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Log(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge", "Log", class_Surge_Log_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}
