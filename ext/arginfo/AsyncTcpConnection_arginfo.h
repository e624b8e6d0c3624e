/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 212c6b9466bc5437e7c343b231a7e5eca48de2e0 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Surge_Connection_AsyncTcpConnection___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, remoteAddress, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, context, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Connection_AsyncTcpConnection_connect, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Connection_AsyncTcpConnection_reconnect, 0, 0, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, after, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Connection_AsyncTcpConnection_cancelReconnect arginfo_class_Surge_Connection_AsyncTcpConnection_connect

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Connection_AsyncTcpConnection_getRemoteHost, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Connection_AsyncTcpConnection_getRemoteURI arginfo_class_Surge_Connection_AsyncTcpConnection_getRemoteHost

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Connection_AsyncTcpConnection_send, 0, 1, _IS_BOOL, 1)
	ZEND_ARG_TYPE_INFO(0, sendBuffer, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, raw, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Connection_AsyncTcpConnection_close, 0, 0, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, data, IS_MIXED, 0, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, raw, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_Surge_Connection_AsyncTcpConnection_getStatus, 0, 0, MAY_BE_LONG|MAY_BE_STRING)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, rawOutput, _IS_BOOL, 0, "true")
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Connection_AsyncTcpConnection_getRemoteIp arginfo_class_Surge_Connection_AsyncTcpConnection_getRemoteHost

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Connection_AsyncTcpConnection_getRemotePort, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Connection_AsyncTcpConnection_getRemoteAddress arginfo_class_Surge_Connection_AsyncTcpConnection_getRemoteHost


ZEND_METHOD(Surge_Connection_AsyncTcpConnection, __construct);
ZEND_METHOD(Surge_Connection_AsyncTcpConnection, connect);
ZEND_METHOD(Surge_Connection_AsyncTcpConnection, reconnect);
ZEND_METHOD(Surge_Connection_AsyncTcpConnection, cancelReconnect);
ZEND_METHOD(Surge_Connection_AsyncTcpConnection, getRemoteHost);
ZEND_METHOD(Surge_Connection_AsyncTcpConnection, getRemoteURI);
ZEND_METHOD(Surge_Connection_AsyncTcpConnection, send);
ZEND_METHOD(Surge_Connection_AsyncTcpConnection, close);
ZEND_METHOD(Surge_Connection_AsyncTcpConnection, getStatus);
ZEND_METHOD(Surge_Connection_AsyncTcpConnection, getRemoteIp);
ZEND_METHOD(Surge_Connection_AsyncTcpConnection, getRemotePort);
ZEND_METHOD(Surge_Connection_AsyncTcpConnection, getRemoteAddress);


static const zend_function_entry class_Surge_Connection_AsyncTcpConnection_methods[] = {
	ZEND_ME(Surge_Connection_AsyncTcpConnection, __construct, arginfo_class_Surge_Connection_AsyncTcpConnection___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Connection_AsyncTcpConnection, connect, arginfo_class_Surge_Connection_AsyncTcpConnection_connect, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Connection_AsyncTcpConnection, reconnect, arginfo_class_Surge_Connection_AsyncTcpConnection_reconnect, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Connection_AsyncTcpConnection, cancelReconnect, arginfo_class_Surge_Connection_AsyncTcpConnection_cancelReconnect, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Connection_AsyncTcpConnection, getRemoteHost, arginfo_class_Surge_Connection_AsyncTcpConnection_getRemoteHost, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Connection_AsyncTcpConnection, getRemoteURI, arginfo_class_Surge_Connection_AsyncTcpConnection_getRemoteURI, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Connection_AsyncTcpConnection, send, arginfo_class_Surge_Connection_AsyncTcpConnection_send, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Connection_AsyncTcpConnection, close, arginfo_class_Surge_Connection_AsyncTcpConnection_close, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Connection_AsyncTcpConnection, getStatus, arginfo_class_Surge_Connection_AsyncTcpConnection_getStatus, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Connection_AsyncTcpConnection, getRemoteIp, arginfo_class_Surge_Connection_AsyncTcpConnection_getRemoteIp, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Connection_AsyncTcpConnection, getRemotePort, arginfo_class_Surge_Connection_AsyncTcpConnection_getRemotePort, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Connection_AsyncTcpConnection, getRemoteAddress, arginfo_class_Surge_Connection_AsyncTcpConnection_getRemoteAddress, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Connection_AsyncTcpConnection(zend_class_entry *class_entry_Surge_Connection_TcpConnection)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Connection", "AsyncTcpConnection", class_Surge_Connection_AsyncTcpConnection_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Surge_Connection_TcpConnection);

	zval property_connectTimeout_default_value;
	ZVAL_DOUBLE(&property_connectTimeout_default_value, 60);
	zend_string *property_connectTimeout_name = zend_string_init("connectTimeout", sizeof("connectTimeout") - 1, 1);
	zend_declare_typed_property(class_entry, property_connectTimeout_name, &property_connectTimeout_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_DOUBLE));
	zend_string_release(property_connectTimeout_name);

	zval property_websocketPingInterval_default_value;
	ZVAL_DOUBLE(&property_websocketPingInterval_default_value, 0);
	zend_string *property_websocketPingInterval_name = zend_string_init("websocketPingInterval", sizeof("websocketPingInterval") - 1, 1);
	zend_declare_typed_property(class_entry, property_websocketPingInterval_name, &property_websocketPingInterval_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_DOUBLE));
	zend_string_release(property_websocketPingInterval_name);

	zval property_websocketOrigin_default_value;
	ZVAL_NULL(&property_websocketOrigin_default_value);
	zend_string *property_websocketOrigin_name = zend_string_init("websocketOrigin", sizeof("websocketOrigin") - 1, 1);
	zend_declare_typed_property(class_entry, property_websocketOrigin_name, &property_websocketOrigin_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_websocketOrigin_name);

	zval property_websocketClientProtocol_default_value;
	ZVAL_NULL(&property_websocketClientProtocol_default_value);
	zend_string *property_websocketClientProtocol_name = zend_string_init("websocketClientProtocol", sizeof("websocketClientProtocol") - 1, 1);
	zend_declare_typed_property(class_entry, property_websocketClientProtocol_name, &property_websocketClientProtocol_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_websocketClientProtocol_name);

	return class_entry;
}
