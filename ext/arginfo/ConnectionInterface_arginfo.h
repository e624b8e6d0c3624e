/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 2303db6c60b84a290ec21727e67d690fc18c25c9 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Connection_ConnectionInterface_send, 0, 1, _IS_BOOL, 1)
	ZEND_ARG_TYPE_INFO(0, sendBuffer, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, raw, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Connection_ConnectionInterface_getRemoteIp, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Connection_ConnectionInterface_getRemotePort, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Connection_ConnectionInterface_getRemoteAddress arginfo_class_Surge_Connection_ConnectionInterface_getRemoteIp

#define arginfo_class_Surge_Connection_ConnectionInterface_getLocalIp arginfo_class_Surge_Connection_ConnectionInterface_getRemoteIp

#define arginfo_class_Surge_Connection_ConnectionInterface_getLocalPort arginfo_class_Surge_Connection_ConnectionInterface_getRemotePort

#define arginfo_class_Surge_Connection_ConnectionInterface_getLocalAddress arginfo_class_Surge_Connection_ConnectionInterface_getRemoteIp

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Connection_ConnectionInterface_close, 0, 0, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, data, IS_MIXED, 0, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, raw, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Connection_ConnectionInterface_isIpV4, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Connection_ConnectionInterface_isIpV6 arginfo_class_Surge_Connection_ConnectionInterface_isIpV4




static const zend_function_entry class_Surge_Connection_ConnectionInterface_methods[] = {
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Connection_ConnectionInterface, send, arginfo_class_Surge_Connection_ConnectionInterface_send, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Connection_ConnectionInterface, getRemoteIp, arginfo_class_Surge_Connection_ConnectionInterface_getRemoteIp, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Connection_ConnectionInterface, getRemotePort, arginfo_class_Surge_Connection_ConnectionInterface_getRemotePort, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Connection_ConnectionInterface, getRemoteAddress, arginfo_class_Surge_Connection_ConnectionInterface_getRemoteAddress, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Connection_ConnectionInterface, getLocalIp, arginfo_class_Surge_Connection_ConnectionInterface_getLocalIp, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Connection_ConnectionInterface, getLocalPort, arginfo_class_Surge_Connection_ConnectionInterface_getLocalPort, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Connection_ConnectionInterface, getLocalAddress, arginfo_class_Surge_Connection_ConnectionInterface_getLocalAddress, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Connection_ConnectionInterface, close, arginfo_class_Surge_Connection_ConnectionInterface_close, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Connection_ConnectionInterface, isIpV4, arginfo_class_Surge_Connection_ConnectionInterface_isIpV4, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Connection_ConnectionInterface, isIpV6, arginfo_class_Surge_Connection_ConnectionInterface_isIpV6, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Connection_ConnectionInterface(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Connection", "ConnectionInterface", class_Surge_Connection_ConnectionInterface_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_ABSTRACT;

	zval const_CONNECT_FAIL_value;
	ZVAL_LONG(&const_CONNECT_FAIL_value, 1);
	zend_string *const_CONNECT_FAIL_name = zend_string_init_interned("CONNECT_FAIL", sizeof("CONNECT_FAIL") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_CONNECT_FAIL_name, &const_CONNECT_FAIL_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_CONNECT_FAIL_name);

	zval const_SEND_FAIL_value;
	ZVAL_LONG(&const_SEND_FAIL_value, 2);
	zend_string *const_SEND_FAIL_name = zend_string_init_interned("SEND_FAIL", sizeof("SEND_FAIL") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SEND_FAIL_name, &const_SEND_FAIL_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SEND_FAIL_name);

	zval property_statistics_default_value;
	ZVAL_EMPTY_ARRAY(&property_statistics_default_value);
	zend_string *property_statistics_name = zend_string_init("statistics", sizeof("statistics") - 1, 1);
	zend_declare_typed_property(class_entry, property_statistics_name, &property_statistics_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_statistics_name);

	zval property_protocol_default_value;
	ZVAL_NULL(&property_protocol_default_value);
	zend_string *property_protocol_name = zend_string_init("protocol", sizeof("protocol") - 1, 1);
	zend_declare_typed_property(class_entry, property_protocol_name, &property_protocol_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_protocol_name);

	zval property_onMessage_default_value;
	ZVAL_NULL(&property_onMessage_default_value);
	zend_string *property_onMessage_name = zend_string_init("onMessage", sizeof("onMessage") - 1, 1);
	zend_declare_property_ex(class_entry, property_onMessage_name, &property_onMessage_default_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(property_onMessage_name);

	zval property_onClose_default_value;
	ZVAL_NULL(&property_onClose_default_value);
	zend_string *property_onClose_name = zend_string_init("onClose", sizeof("onClose") - 1, 1);
	zend_declare_property_ex(class_entry, property_onClose_name, &property_onClose_default_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(property_onClose_name);

	zval property_onError_default_value;
	ZVAL_NULL(&property_onError_default_value);
	zend_string *property_onError_name = zend_string_init("onError", sizeof("onError") - 1, 1);
	zend_declare_property_ex(class_entry, property_onError_name, &property_onError_default_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(property_onError_name);

	return class_entry;
}
