/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 784d629d89e05aeb9799e2b39143a1e66bd100bb */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Surge_Protocols_Http_Chunk___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, buffer, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Http_Chunk___toString, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Surge_Protocols_Http_Chunk, __construct);
ZEND_METHOD(Surge_Protocols_Http_Chunk, __toString);


static const zend_function_entry class_Surge_Protocols_Http_Chunk_methods[] = {
	ZEND_ME(Surge_Protocols_Http_Chunk, __construct, arginfo_class_Surge_Protocols_Http_Chunk___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Protocols_Http_Chunk, __toString, arginfo_class_Surge_Protocols_Http_Chunk___toString, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Protocols_Http_Chunk(zend_class_entry *class_entry_Stringable)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Protocols\\Http", "Chunk", class_Surge_Protocols_Http_Chunk_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	zend_class_implements(class_entry, 1, class_entry_Stringable);

	zval property_buffer_default_value;
	ZVAL_EMPTY_STRING(&property_buffer_default_value);
	zend_string *property_buffer_name = zend_string_init("buffer", sizeof("buffer") - 1, 1);
	zend_declare_typed_property(class_entry, property_buffer_name, &property_buffer_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_buffer_name);

	return class_entry;
}
