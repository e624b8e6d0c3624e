/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 1847a3706dd42b1a645ff6913e4fa99b465be870 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Surge_Table___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, size, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Table_column, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, type, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, size, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Table_create, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Table_set, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, value, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_Surge_Table_get, 0, 1, MAY_BE_ARRAY|MAY_BE_LONG|MAY_BE_DOUBLE|MAY_BE_STRING|MAY_BE_FALSE)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, column, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Table_exists, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Table_del arginfo_class_Surge_Table_exists

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_Surge_Table_incr, 0, 2, MAY_BE_LONG|MAY_BE_DOUBLE)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, column, IS_STRING, 0)
	ZEND_ARG_TYPE_MASK(0, by, MAY_BE_LONG|MAY_BE_DOUBLE, "1")
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Table_decr arginfo_class_Surge_Table_incr

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Table_count, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Table_getSize arginfo_class_Surge_Table_count

#define arginfo_class_Surge_Table_getMemorySize arginfo_class_Surge_Table_count

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Table_rewind, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Table_valid arginfo_class_Surge_Table_create

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_Surge_Table_current, 0, 0, MAY_BE_ARRAY|MAY_BE_FALSE)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_Surge_Table_key, 0, 0, MAY_BE_STRING|MAY_BE_FALSE)
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Table_next arginfo_class_Surge_Table_rewind


ZEND_METHOD(Surge_Table, __construct);
ZEND_METHOD(Surge_Table, column);
ZEND_METHOD(Surge_Table, create);
ZEND_METHOD(Surge_Table, set);
ZEND_METHOD(Surge_Table, get);
ZEND_METHOD(Surge_Table, exists);
ZEND_METHOD(Surge_Table, del);
ZEND_METHOD(Surge_Table, incr);
ZEND_METHOD(Surge_Table, decr);
ZEND_METHOD(Surge_Table, count);
ZEND_METHOD(Surge_Table, getSize);
ZEND_METHOD(Surge_Table, getMemorySize);
ZEND_METHOD(Surge_Table, rewind);
ZEND_METHOD(Surge_Table, valid);
ZEND_METHOD(Surge_Table, current);
ZEND_METHOD(Surge_Table, key);
ZEND_METHOD(Surge_Table, next);


static const zend_function_entry class_Surge_Table_methods[] = {
	ZEND_ME(Surge_Table, __construct, arginfo_class_Surge_Table___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Table, column, arginfo_class_Surge_Table_column, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Table, create, arginfo_class_Surge_Table_create, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Table, set, arginfo_class_Surge_Table_set, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Table, get, arginfo_class_Surge_Table_get, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Table, exists, arginfo_class_Surge_Table_exists, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Table, del, arginfo_class_Surge_Table_del, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Table, incr, arginfo_class_Surge_Table_incr, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Table, decr, arginfo_class_Surge_Table_decr, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Table, count, arginfo_class_Surge_Table_count, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Table, getSize, arginfo_class_Surge_Table_getSize, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Table, getMemorySize, arginfo_class_Surge_Table_getMemorySize, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Table, rewind, arginfo_class_Surge_Table_rewind, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Table, valid, arginfo_class_Surge_Table_valid, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Table, current, arginfo_class_Surge_Table_current, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Table, key, arginfo_class_Surge_Table_key, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Table, next, arginfo_class_Surge_Table_next, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Table(zend_class_entry *class_entry_Iterator, zend_class_entry *class_entry_Countable)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge", "Table", class_Surge_Table_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 2, class_entry_Iterator, class_entry_Countable);

	zval const_TYPE_INT_value;
	ZVAL_LONG(&const_TYPE_INT_value, 1);
	zend_string *const_TYPE_INT_name = zend_string_init_interned("TYPE_INT", sizeof("TYPE_INT") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_TYPE_INT_name, &const_TYPE_INT_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_TYPE_INT_name);

	zval const_TYPE_FLOAT_value;
	ZVAL_LONG(&const_TYPE_FLOAT_value, 2);
	zend_string *const_TYPE_FLOAT_name = zend_string_init_interned("TYPE_FLOAT", sizeof("TYPE_FLOAT") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_TYPE_FLOAT_name, &const_TYPE_FLOAT_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_TYPE_FLOAT_name);

	zval const_TYPE_STRING_value;
	ZVAL_LONG(&const_TYPE_STRING_value, 3);
	zend_string *const_TYPE_STRING_name = zend_string_init_interned("TYPE_STRING", sizeof("TYPE_STRING") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_TYPE_STRING_name, &const_TYPE_STRING_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_TYPE_STRING_name);

	zval const_MAX_KEY_LENGTH_value;
	ZVAL_LONG(&const_MAX_KEY_LENGTH_value, 63);
	zend_string *const_MAX_KEY_LENGTH_name = zend_string_init_interned("MAX_KEY_LENGTH", sizeof("MAX_KEY_LENGTH") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_MAX_KEY_LENGTH_name, &const_MAX_KEY_LENGTH_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_MAX_KEY_LENGTH_name);

	return class_entry;
}
