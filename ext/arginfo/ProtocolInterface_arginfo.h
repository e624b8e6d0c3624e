/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: b0c462eadfd38fdbb66d54ce4fc7e1c82a49e34c */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_ProtocolInterface_input, 0, 2, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, buffer, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO(0, connection, Surge\\Connection\\ConnectionInterface, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_ProtocolInterface_decode, 0, 2, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, buffer, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO(0, connection, Surge\\Connection\\ConnectionInterface, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_ProtocolInterface_encode, 0, 2, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, data, IS_MIXED, 0)
	ZEND_ARG_OBJ_INFO(0, connection, Surge\\Connection\\ConnectionInterface, 0)
ZEND_END_ARG_INFO()




static const zend_function_entry class_Surge_Protocols_ProtocolInterface_methods[] = {
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Protocols_ProtocolInterface, input, arginfo_class_Surge_Protocols_ProtocolInterface_input, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Protocols_ProtocolInterface, decode, arginfo_class_Surge_Protocols_ProtocolInterface_decode, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Surge_Protocols_ProtocolInterface, encode, arginfo_class_Surge_Protocols_ProtocolInterface_encode, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC|ZEND_ACC_ABSTRACT)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Protocols_ProtocolInterface(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Protocols", "ProtocolInterface", class_Surge_Protocols_ProtocolInterface_methods);
	class_entry = zend_register_internal_interface(&ce);

	return class_entry;
}
