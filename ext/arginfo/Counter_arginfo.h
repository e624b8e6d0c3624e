/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 3469f936a11005f1f06908eef16ffa7076039daf */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Surge_Metrics_Counter___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Metrics_Counter_inc, 0, 0, IS_VOID, 0)
	ZEND_ARG_TYPE_MASK(0, by, MAY_BE_DOUBLE|MAY_BE_LONG, "1")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, labelValues, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Metrics_Counter_value, 0, 0, IS_DOUBLE, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, labelValues, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()


ZEND_METHOD(Surge_Metrics_Counter, __construct);
ZEND_METHOD(Surge_Metrics_Counter, inc);
ZEND_METHOD(Surge_Metrics_Counter, value);


static const zend_function_entry class_Surge_Metrics_Counter_methods[] = {
	ZEND_ME(Surge_Metrics_Counter, __construct, arginfo_class_Surge_Metrics_Counter___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Surge_Metrics_Counter, inc, arginfo_class_Surge_Metrics_Counter_inc, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Metrics_Counter, value, arginfo_class_Surge_Metrics_Counter_value, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Metrics_Counter(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Metrics", "Counter", class_Surge_Metrics_Counter_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
