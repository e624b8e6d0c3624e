/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 70c04b0e345abcd7d2dea7787ee9d219dc0cc603 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Jobs_push, 0, 2, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, queue, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, payload, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()


ZEND_METHOD(Surge_Jobs, push);


static const zend_function_entry class_Surge_Jobs_methods[] = {
	ZEND_ME(Surge_Jobs, push, arginfo_class_Surge_Jobs_push, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Jobs(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge", "Jobs", class_Surge_Jobs_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	zval property_redis_default_value;
	zend_string *property_redis_default_value_str = zend_string_init("tcp://127.0.0.1:6379", strlen("tcp://127.0.0.1:6379"), 1);
	ZVAL_STR(&property_redis_default_value, property_redis_default_value_str);
	zend_string *property_redis_name = zend_string_init("redis", sizeof("redis") - 1, 1);
	zend_declare_typed_property(class_entry, property_redis_name, &property_redis_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_redis_name);

	return class_entry;
}
