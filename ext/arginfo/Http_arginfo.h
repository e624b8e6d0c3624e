/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 3b01937b993e97e7cd351090ff0682222d9ddea2 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Http_requestClass, 0, 0, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, className, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Http_uploadTmpDir, 0, 0, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, dir, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()


ZEND_METHOD(Surge_Protocols_Http, requestClass);
ZEND_METHOD(Surge_Protocols_Http, uploadTmpDir);


static const zend_function_entry class_Surge_Protocols_Http_methods[] = {
	ZEND_ME(Surge_Protocols_Http, requestClass, arginfo_class_Surge_Protocols_Http_requestClass, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Protocols_Http, uploadTmpDir, arginfo_class_Surge_Protocols_Http_uploadTmpDir, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Protocols_Http(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Protocols", "Http", class_Surge_Protocols_Http_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);

	zval const_HTTP_400_value;
	zend_string *const_HTTP_400_value_str = zend_string_init(SURGE_HTTP_400, strlen(SURGE_HTTP_400), 1);
	ZVAL_STR(&const_HTTP_400_value, const_HTTP_400_value_str);
	zend_string *const_HTTP_400_name = zend_string_init_interned("HTTP_400", sizeof("HTTP_400") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_HTTP_400_name, &const_HTTP_400_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_HTTP_400_name);

	zval const_HTTP_413_value;
	zend_string *const_HTTP_413_value_str = zend_string_init(SURGE_HTTP_413, strlen(SURGE_HTTP_413), 1);
	ZVAL_STR(&const_HTTP_413_value, const_HTTP_413_value_str);
	zend_string *const_HTTP_413_name = zend_string_init_interned("HTTP_413", sizeof("HTTP_413") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_HTTP_413_name, &const_HTTP_413_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_HTTP_413_name);

	zval const_HTTP_431_value;
	zend_string *const_HTTP_431_value_str = zend_string_init(SURGE_HTTP_431, strlen(SURGE_HTTP_431), 1);
	ZVAL_STR(&const_HTTP_431_value, const_HTTP_431_value_str);
	zend_string *const_HTTP_431_name = zend_string_init_interned("HTTP_431", sizeof("HTTP_431") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_HTTP_431_name, &const_HTTP_431_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_HTTP_431_name);

	zval const_MAX_HEADER_LENGTH_value;
	ZVAL_LONG(&const_MAX_HEADER_LENGTH_value, 16384);
	zend_string *const_MAX_HEADER_LENGTH_name = zend_string_init_interned("MAX_HEADER_LENGTH", sizeof("MAX_HEADER_LENGTH") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_MAX_HEADER_LENGTH_name, &const_MAX_HEADER_LENGTH_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_MAX_HEADER_LENGTH_name);

	return class_entry;
}
