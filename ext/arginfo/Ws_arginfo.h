/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: d79c9c734e2700c2c09f7f841fe7adbe56f0bd67 */




static const zend_function_entry class_Surge_Protocols_Ws_methods[] = {
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Protocols_Ws(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Protocols", "Ws", class_Surge_Protocols_Ws_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);

	zval const_BINARY_TYPE_BLOB_value;
	zend_string *const_BINARY_TYPE_BLOB_value_str = zend_string_init(SURGE_WS_BINARY_TYPE_BLOB, strlen(SURGE_WS_BINARY_TYPE_BLOB), 1);
	ZVAL_STR(&const_BINARY_TYPE_BLOB_value, const_BINARY_TYPE_BLOB_value_str);
	zend_string *const_BINARY_TYPE_BLOB_name = zend_string_init_interned("BINARY_TYPE_BLOB", sizeof("BINARY_TYPE_BLOB") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_BINARY_TYPE_BLOB_name, &const_BINARY_TYPE_BLOB_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_BINARY_TYPE_BLOB_name);

	zval const_BINARY_TYPE_ARRAYBUFFER_value;
	zend_string *const_BINARY_TYPE_ARRAYBUFFER_value_str = zend_string_init(SURGE_WS_BINARY_TYPE_ARRAYBUFFER, strlen(SURGE_WS_BINARY_TYPE_ARRAYBUFFER), 1);
	ZVAL_STR(&const_BINARY_TYPE_ARRAYBUFFER_value, const_BINARY_TYPE_ARRAYBUFFER_value_str);
	zend_string *const_BINARY_TYPE_ARRAYBUFFER_name = zend_string_init_interned("BINARY_TYPE_ARRAYBUFFER", sizeof("BINARY_TYPE_ARRAYBUFFER") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_BINARY_TYPE_ARRAYBUFFER_name, &const_BINARY_TYPE_ARRAYBUFFER_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_BINARY_TYPE_ARRAYBUFFER_name);

	return class_entry;
}
