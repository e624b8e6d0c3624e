/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 5a807c414dcbc5c1f729d0e2e6c4cee5d6aae2d9 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Text_input, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, buffer, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, connection, Surge\\Connection\\ConnectionInterface, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Text_encode, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, buffer, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, connection, Surge\\Connection\\ConnectionInterface, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Protocols_Text_decode arginfo_class_Surge_Protocols_Text_encode


ZEND_METHOD(Surge_Protocols_Text, input);
ZEND_METHOD(Surge_Protocols_Text, encode);
ZEND_METHOD(Surge_Protocols_Text, decode);


static const zend_function_entry class_Surge_Protocols_Text_methods[] = {
	ZEND_ME(Surge_Protocols_Text, input, arginfo_class_Surge_Protocols_Text_input, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Protocols_Text, encode, arginfo_class_Surge_Protocols_Text_encode, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Protocols_Text, decode, arginfo_class_Surge_Protocols_Text_decode, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Protocols_Text(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Protocols", "Text", class_Surge_Protocols_Text_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);

	return class_entry;
}
