/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 4a8b644dbb3dc274e8501c49319d82016279c828 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Surge_Metrics_Histogram___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Metrics_Histogram_observe, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, value, IS_DOUBLE, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, labelValues, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()


ZEND_METHOD(Surge_Metrics_Histogram, __construct);
ZEND_METHOD(Surge_Metrics_Histogram, observe);


static const zend_function_entry class_Surge_Metrics_Histogram_methods[] = {
	ZEND_ME(Surge_Metrics_Histogram, __construct, arginfo_class_Surge_Metrics_Histogram___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Surge_Metrics_Histogram, observe, arginfo_class_Surge_Metrics_Histogram_observe, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Metrics_Histogram(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Metrics", "Histogram", class_Surge_Metrics_Histogram_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
