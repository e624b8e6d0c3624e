/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 0a84c5b92356b3a82ad6b45472233f64542850c1 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Websocket_broadcast, 0, 2, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, connections, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, message, IS_STRING, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Surge_Protocols_Websocket, broadcast);


static const zend_function_entry class_Surge_Protocols_Websocket_methods[] = {
	ZEND_ME(Surge_Protocols_Websocket, broadcast, arginfo_class_Surge_Protocols_Websocket_broadcast, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Protocols_Websocket(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Protocols", "Websocket", class_Surge_Protocols_Websocket_methods);
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

	zval const_BINARY_TYPE_BLOB_DEFLATE_value;
	zend_string *const_BINARY_TYPE_BLOB_DEFLATE_value_str = zend_string_init(SURGE_WS_BINARY_TYPE_BLOB_DEFLATE, strlen(SURGE_WS_BINARY_TYPE_BLOB_DEFLATE), 1);
	ZVAL_STR(&const_BINARY_TYPE_BLOB_DEFLATE_value, const_BINARY_TYPE_BLOB_DEFLATE_value_str);
	zend_string *const_BINARY_TYPE_BLOB_DEFLATE_name = zend_string_init_interned("BINARY_TYPE_BLOB_DEFLATE", sizeof("BINARY_TYPE_BLOB_DEFLATE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_BINARY_TYPE_BLOB_DEFLATE_name, &const_BINARY_TYPE_BLOB_DEFLATE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_BINARY_TYPE_BLOB_DEFLATE_name);

	zval const_BINARY_TYPE_ARRAYBUFFER_DEFLATE_value;
	zend_string *const_BINARY_TYPE_ARRAYBUFFER_DEFLATE_value_str = zend_string_init(SURGE_WS_BINARY_TYPE_ARRAYBUFFER_DEFLATE, strlen(SURGE_WS_BINARY_TYPE_ARRAYBUFFER_DEFLATE), 1);
	ZVAL_STR(&const_BINARY_TYPE_ARRAYBUFFER_DEFLATE_value, const_BINARY_TYPE_ARRAYBUFFER_DEFLATE_value_str);
	zend_string *const_BINARY_TYPE_ARRAYBUFFER_DEFLATE_name = zend_string_init_interned("BINARY_TYPE_ARRAYBUFFER_DEFLATE", sizeof("BINARY_TYPE_ARRAYBUFFER_DEFLATE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_BINARY_TYPE_ARRAYBUFFER_DEFLATE_name, &const_BINARY_TYPE_ARRAYBUFFER_DEFLATE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_BINARY_TYPE_ARRAYBUFFER_DEFLATE_name);

	return class_entry;
}
