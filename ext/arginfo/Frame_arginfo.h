/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 35eaed9c1636261313ef7d52156b8665c7868273 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Frame_input, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, buffer, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, connection, Surge\\Connection\\ConnectionInterface, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Frame_encode, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, buffer, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, connection, Surge\\Connection\\ConnectionInterface, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Protocols_Frame_decode arginfo_class_Surge_Protocols_Frame_encode


ZEND_METHOD(Surge_Protocols_Frame, input);
ZEND_METHOD(Surge_Protocols_Frame, encode);
ZEND_METHOD(Surge_Protocols_Frame, decode);


static const zend_function_entry class_Surge_Protocols_Frame_methods[] = {
	ZEND_ME(Surge_Protocols_Frame, input, arginfo_class_Surge_Protocols_Frame_input, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Protocols_Frame, encode, arginfo_class_Surge_Protocols_Frame_encode, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Protocols_Frame, decode, arginfo_class_Surge_Protocols_Frame_decode, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Protocols_Frame(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Protocols", "Frame", class_Surge_Protocols_Frame_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);

	return class_entry;
}
