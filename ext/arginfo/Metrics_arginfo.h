/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 4d44f6f9c8aa56a93c51e4bba3d4a9a211d94ece */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Surge_Metrics___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Surge_Metrics_counter, 0, 2, Surge\\Metrics\\Counter, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, help, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, labelNames, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Surge_Metrics_gauge, 0, 2, Surge\\Metrics\\Gauge, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, help, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, labelNames, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Surge_Metrics_histogram, 0, 2, Surge\\Metrics\\Histogram, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, help, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, labelNames, IS_ARRAY, 0, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, buckets, IS_ARRAY, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Metrics_render, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Surge_Metrics, __construct);
ZEND_METHOD(Surge_Metrics, counter);
ZEND_METHOD(Surge_Metrics, gauge);
ZEND_METHOD(Surge_Metrics, histogram);
ZEND_METHOD(Surge_Metrics, render);


static const zend_function_entry class_Surge_Metrics_methods[] = {
	ZEND_ME(Surge_Metrics, __construct, arginfo_class_Surge_Metrics___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Surge_Metrics, counter, arginfo_class_Surge_Metrics_counter, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Metrics, gauge, arginfo_class_Surge_Metrics_gauge, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Metrics, histogram, arginfo_class_Surge_Metrics_histogram, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Metrics, render, arginfo_class_Surge_Metrics_render, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Metrics(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge", "Metrics", class_Surge_Metrics_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	zval property_maxSeries_default_value;
	ZVAL_LONG(&property_maxSeries_default_value, 1000);
	zend_string *property_maxSeries_name = zend_string_init("maxSeries", sizeof("maxSeries") - 1, 1);
	zend_declare_typed_property(class_entry, property_maxSeries_name, &property_maxSeries_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_maxSeries_name);

	return class_entry;
}
