/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 9b8c41ecca82113f5efec1a167a0bc645296b4e5 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Surge_Connection_AsyncUdpConnection___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, remoteAddress, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, contextOption, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Connection_AsyncUdpConnection_connect, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Surge_Connection_AsyncUdpConnection, __construct);
ZEND_METHOD(Surge_Connection_AsyncUdpConnection, connect);


static const zend_function_entry class_Surge_Connection_AsyncUdpConnection_methods[] = {
	ZEND_ME(Surge_Connection_AsyncUdpConnection, __construct, arginfo_class_Surge_Connection_AsyncUdpConnection___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Connection_AsyncUdpConnection, connect, arginfo_class_Surge_Connection_AsyncUdpConnection_connect, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Connection_AsyncUdpConnection(zend_class_entry *class_entry_Surge_Connection_UdpConnection)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Connection", "AsyncUdpConnection", class_Surge_Connection_AsyncUdpConnection_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Surge_Connection_UdpConnection);

	zval property_onConnect_default_value;
	ZVAL_NULL(&property_onConnect_default_value);
	zend_string *property_onConnect_name = zend_string_init("onConnect", sizeof("onConnect") - 1, 1);
	zend_declare_property_ex(class_entry, property_onConnect_name, &property_onConnect_default_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(property_onConnect_name);

	return class_entry;
}
