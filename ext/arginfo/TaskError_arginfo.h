/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 92d9fec71d81401cb779864792160db6174d16fe */




static const zend_function_entry class_Surge_TaskError_methods[] = {
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_TaskError(zend_class_entry *class_entry_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge", "TaskError", class_Surge_TaskError_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);

	return class_entry;
}
