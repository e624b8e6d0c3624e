/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 9a47021a5c5f4e746bbdf7b00a1672d8ad39021c */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Surge_Metrics_Gauge___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Metrics_Gauge_set, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_MASK(0, value, MAY_BE_DOUBLE|MAY_BE_LONG, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, labelValues, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Metrics_Gauge_inc, 0, 0, IS_VOID, 0)
	ZEND_ARG_TYPE_MASK(0, by, MAY_BE_DOUBLE|MAY_BE_LONG, "1")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, labelValues, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Metrics_Gauge_dec arginfo_class_Surge_Metrics_Gauge_inc

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Metrics_Gauge_value, 0, 0, IS_DOUBLE, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, labelValues, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()


ZEND_METHOD(Surge_Metrics_Gauge, __construct);
ZEND_METHOD(Surge_Metrics_Gauge, set);
ZEND_METHOD(Surge_Metrics_Gauge, inc);
ZEND_METHOD(Surge_Metrics_Gauge, dec);
ZEND_METHOD(Surge_Metrics_Gauge, value);


static const zend_function_entry class_Surge_Metrics_Gauge_methods[] = {
	ZEND_ME(Surge_Metrics_Gauge, __construct, arginfo_class_Surge_Metrics_Gauge___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Surge_Metrics_Gauge, set, arginfo_class_Surge_Metrics_Gauge_set, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Metrics_Gauge, inc, arginfo_class_Surge_Metrics_Gauge_inc, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Metrics_Gauge, dec, arginfo_class_Surge_Metrics_Gauge_dec, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Metrics_Gauge, value, arginfo_class_Surge_Metrics_Gauge_value, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Metrics_Gauge(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Metrics", "Gauge", class_Surge_Metrics_Gauge_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
