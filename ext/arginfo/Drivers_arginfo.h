/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 66131f39c3c8ad653d93756da4ca74b836ae3dcf */




static const zend_function_entry class_Surge_Events_Select_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Surge_Events_Event_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Surge_Events_Ev_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Surge_Events_Fiber_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Surge_Events_Swoole_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Surge_Events_Swow_methods[] = {
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Events_Select(zend_class_entry *class_entry_Surge_Events_EventLoop)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Events", "Select", class_Surge_Events_Select_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Surge_Events_EventLoop);

	return class_entry;
}

static zend_class_entry *register_class_Surge_Events_Event(zend_class_entry *class_entry_Surge_Events_EventLoop)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Events", "Event", class_Surge_Events_Event_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Surge_Events_EventLoop);

	return class_entry;
}

static zend_class_entry *register_class_Surge_Events_Ev(zend_class_entry *class_entry_Surge_Events_EventLoop)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Events", "Ev", class_Surge_Events_Ev_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Surge_Events_EventLoop);

	return class_entry;
}

static zend_class_entry *register_class_Surge_Events_Fiber(zend_class_entry *class_entry_Surge_Events_EventLoop)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Events", "Fiber", class_Surge_Events_Fiber_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Surge_Events_EventLoop);

	return class_entry;
}

static zend_class_entry *register_class_Surge_Events_Swoole(zend_class_entry *class_entry_Surge_Events_EventLoop)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Events", "Swoole", class_Surge_Events_Swoole_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Surge_Events_EventLoop);

	return class_entry;
}

static zend_class_entry *register_class_Surge_Events_Swow(zend_class_entry *class_entry_Surge_Events_EventLoop)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Events", "Swow", class_Surge_Events_Swow_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Surge_Events_EventLoop);

	return class_entry;
}
