/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: d25f880c3c7ef0d012aaad976ff3b1c9789a3f16 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Surge_Protocols_Http_ServerSentEvents___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, data, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Http_ServerSentEvents___toString, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Surge_Protocols_Http_ServerSentEvents, __construct);
ZEND_METHOD(Surge_Protocols_Http_ServerSentEvents, __toString);


static const zend_function_entry class_Surge_Protocols_Http_ServerSentEvents_methods[] = {
	ZEND_ME(Surge_Protocols_Http_ServerSentEvents, __construct, arginfo_class_Surge_Protocols_Http_ServerSentEvents___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Protocols_Http_ServerSentEvents, __toString, arginfo_class_Surge_Protocols_Http_ServerSentEvents___toString, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Protocols_Http_ServerSentEvents(zend_class_entry *class_entry_Stringable)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Protocols\\Http", "ServerSentEvents", class_Surge_Protocols_Http_ServerSentEvents_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	zend_class_implements(class_entry, 1, class_entry_Stringable);

	zval property_data_default_value;
	ZVAL_EMPTY_ARRAY(&property_data_default_value);
	zend_string *property_data_name = zend_string_init("data", sizeof("data") - 1, 1);
	zend_declare_typed_property(class_entry, property_data_name, &property_data_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_data_name);

	return class_entry;
}
