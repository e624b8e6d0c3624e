/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: c7fda716a70b63c2ac2352b0c1f7d087d737c108 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Surge_Worker___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, socketName, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, socketContext, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_runAll, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_stopAll, 0, 0, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, code, IS_LONG, 0, "0")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, log, IS_MIXED, 0, "\'\'")
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Worker_listen arginfo_class_Surge_Worker_runAll

#define arginfo_class_Surge_Worker_unlisten arginfo_class_Surge_Worker_runAll

#define arginfo_class_Surge_Worker_pauseAccept arginfo_class_Surge_Worker_runAll

#define arginfo_class_Surge_Worker_resumeAccept arginfo_class_Surge_Worker_runAll

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_getSocketName, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Worker_run arginfo_class_Surge_Worker_runAll

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_stop, 0, 0, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, force, _IS_BOOL, 0, "true")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_log, 0, 1, IS_VOID, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, msg, Stringable, MAY_BE_STRING, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, decorated, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_safeEcho, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, msg, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, decorated, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_getAllWorkers, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Surge_Worker_getEventLoop, 0, 0, Surge\\Events\\EventInterface, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_getStatus, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_isRunning, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Worker_getGracefulStop arginfo_class_Surge_Worker_isRunning

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_Surge_Worker_task, 0, 1, MAY_BE_LONG|MAY_BE_FALSE)
	ZEND_ARG_TYPE_INFO(0, data, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, done, IS_CALLABLE, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_broadcast, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, message, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, connectionIds, IS_ARRAY, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, exceptIds, IS_ARRAY, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_sendToClient, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, clientId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, message, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_sendToUid, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_MASK(0, uid, MAY_BE_LONG|MAY_BE_STRING|MAY_BE_ARRAY, NULL)
	ZEND_ARG_TYPE_INFO(0, message, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_sendToGroup, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_MASK(0, group, MAY_BE_LONG|MAY_BE_STRING|MAY_BE_ARRAY, NULL)
	ZEND_ARG_TYPE_INFO(0, message, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, excludeClientIds, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_sendToAll, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, message, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, excludeClientIds, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_closeClient, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, clientId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, message, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_isOnline, 0, 1, _IS_BOOL, 1)
	ZEND_ARG_TYPE_INFO(0, clientId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, callback, IS_CALLABLE, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_isUidOnline, 0, 1, _IS_BOOL, 1)
	ZEND_ARG_TYPE_MASK(0, uid, MAY_BE_LONG|MAY_BE_STRING, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, callback, IS_CALLABLE, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_getClientIdsByUid, 0, 1, IS_ARRAY, 1)
	ZEND_ARG_TYPE_MASK(0, uid, MAY_BE_LONG|MAY_BE_STRING, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, callback, IS_CALLABLE, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_getClientIdsByGroup, 0, 1, IS_ARRAY, 1)
	ZEND_ARG_TYPE_MASK(0, group, MAY_BE_LONG|MAY_BE_STRING, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, callback, IS_CALLABLE, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_getClientCountByGroup, 0, 1, IS_LONG, 1)
	ZEND_ARG_TYPE_MASK(0, group, MAY_BE_LONG|MAY_BE_STRING, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, callback, IS_CALLABLE, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Worker_getAllClientCount, 0, 0, IS_LONG, 1)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, callback, IS_CALLABLE, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Worker_getAllUids arginfo_class_Surge_Worker_getAllWorkers

#define arginfo_class_Surge_Worker_getAllGroups arginfo_class_Surge_Worker_getAllWorkers


ZEND_METHOD(Surge_Worker, __construct);
ZEND_METHOD(Surge_Worker, runAll);
ZEND_METHOD(Surge_Worker, stopAll);
ZEND_METHOD(Surge_Worker, listen);
ZEND_METHOD(Surge_Worker, unlisten);
ZEND_METHOD(Surge_Worker, pauseAccept);
ZEND_METHOD(Surge_Worker, resumeAccept);
ZEND_METHOD(Surge_Worker, getSocketName);
ZEND_METHOD(Surge_Worker, run);
ZEND_METHOD(Surge_Worker, stop);
ZEND_METHOD(Surge_Worker, log);
ZEND_METHOD(Surge_Worker, safeEcho);
ZEND_METHOD(Surge_Worker, getAllWorkers);
ZEND_METHOD(Surge_Worker, getEventLoop);
ZEND_METHOD(Surge_Worker, getStatus);
ZEND_METHOD(Surge_Worker, isRunning);
ZEND_METHOD(Surge_Worker, getGracefulStop);
ZEND_METHOD(Surge_Worker, task);
ZEND_METHOD(Surge_Worker, broadcast);
ZEND_METHOD(Surge_Worker, sendToClient);
ZEND_METHOD(Surge_Worker, sendToUid);
ZEND_METHOD(Surge_Worker, sendToGroup);
ZEND_METHOD(Surge_Worker, sendToAll);
ZEND_METHOD(Surge_Worker, closeClient);
ZEND_METHOD(Surge_Worker, isOnline);
ZEND_METHOD(Surge_Worker, isUidOnline);
ZEND_METHOD(Surge_Worker, getClientIdsByUid);
ZEND_METHOD(Surge_Worker, getClientIdsByGroup);
ZEND_METHOD(Surge_Worker, getClientCountByGroup);
ZEND_METHOD(Surge_Worker, getAllClientCount);
ZEND_METHOD(Surge_Worker, getAllUids);
ZEND_METHOD(Surge_Worker, getAllGroups);


static const zend_function_entry class_Surge_Worker_methods[] = {
	ZEND_ME(Surge_Worker, __construct, arginfo_class_Surge_Worker___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Worker, runAll, arginfo_class_Surge_Worker_runAll, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, stopAll, arginfo_class_Surge_Worker_stopAll, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, listen, arginfo_class_Surge_Worker_listen, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Worker, unlisten, arginfo_class_Surge_Worker_unlisten, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Worker, pauseAccept, arginfo_class_Surge_Worker_pauseAccept, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Worker, resumeAccept, arginfo_class_Surge_Worker_resumeAccept, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Worker, getSocketName, arginfo_class_Surge_Worker_getSocketName, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Worker, run, arginfo_class_Surge_Worker_run, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Worker, stop, arginfo_class_Surge_Worker_stop, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Worker, log, arginfo_class_Surge_Worker_log, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, safeEcho, arginfo_class_Surge_Worker_safeEcho, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, getAllWorkers, arginfo_class_Surge_Worker_getAllWorkers, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, getEventLoop, arginfo_class_Surge_Worker_getEventLoop, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, getStatus, arginfo_class_Surge_Worker_getStatus, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, isRunning, arginfo_class_Surge_Worker_isRunning, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, getGracefulStop, arginfo_class_Surge_Worker_getGracefulStop, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, task, arginfo_class_Surge_Worker_task, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Worker, broadcast, arginfo_class_Surge_Worker_broadcast, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Worker, sendToClient, arginfo_class_Surge_Worker_sendToClient, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, sendToUid, arginfo_class_Surge_Worker_sendToUid, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, sendToGroup, arginfo_class_Surge_Worker_sendToGroup, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, sendToAll, arginfo_class_Surge_Worker_sendToAll, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, closeClient, arginfo_class_Surge_Worker_closeClient, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, isOnline, arginfo_class_Surge_Worker_isOnline, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, isUidOnline, arginfo_class_Surge_Worker_isUidOnline, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, getClientIdsByUid, arginfo_class_Surge_Worker_getClientIdsByUid, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, getClientIdsByGroup, arginfo_class_Surge_Worker_getClientIdsByGroup, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, getClientCountByGroup, arginfo_class_Surge_Worker_getClientCountByGroup, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, getAllClientCount, arginfo_class_Surge_Worker_getAllClientCount, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, getAllUids, arginfo_class_Surge_Worker_getAllUids, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Worker, getAllGroups, arginfo_class_Surge_Worker_getAllGroups, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Worker(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge", "Worker", class_Surge_Worker_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);

	zval const_VERSION_value;
	zend_string *const_VERSION_value_str = zend_string_init(PHP_SURGE_WORKERMAN_API, strlen(PHP_SURGE_WORKERMAN_API), 1);
	ZVAL_STR(&const_VERSION_value, const_VERSION_value_str);
	zend_string *const_VERSION_name = zend_string_init_interned("VERSION", sizeof("VERSION") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_VERSION_name, &const_VERSION_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_VERSION_name);

	zval const_SURGE_VERSION_value;
	zend_string *const_SURGE_VERSION_value_str = zend_string_init(PHP_SURGE_VERSION, strlen(PHP_SURGE_VERSION), 1);
	ZVAL_STR(&const_SURGE_VERSION_value, const_SURGE_VERSION_value_str);
	zend_string *const_SURGE_VERSION_name = zend_string_init_interned("SURGE_VERSION", sizeof("SURGE_VERSION") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SURGE_VERSION_name, &const_SURGE_VERSION_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SURGE_VERSION_name);

	zval const_STATUS_INITIAL_value;
	ZVAL_LONG(&const_STATUS_INITIAL_value, 0);
	zend_string *const_STATUS_INITIAL_name = zend_string_init_interned("STATUS_INITIAL", sizeof("STATUS_INITIAL") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_STATUS_INITIAL_name, &const_STATUS_INITIAL_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_STATUS_INITIAL_name);

	zval const_STATUS_STARTING_value;
	ZVAL_LONG(&const_STATUS_STARTING_value, 1);
	zend_string *const_STATUS_STARTING_name = zend_string_init_interned("STATUS_STARTING", sizeof("STATUS_STARTING") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_STATUS_STARTING_name, &const_STATUS_STARTING_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_STATUS_STARTING_name);

	zval const_STATUS_RUNNING_value;
	ZVAL_LONG(&const_STATUS_RUNNING_value, 2);
	zend_string *const_STATUS_RUNNING_name = zend_string_init_interned("STATUS_RUNNING", sizeof("STATUS_RUNNING") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_STATUS_RUNNING_name, &const_STATUS_RUNNING_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_STATUS_RUNNING_name);

	zval const_STATUS_SHUTDOWN_value;
	ZVAL_LONG(&const_STATUS_SHUTDOWN_value, 4);
	zend_string *const_STATUS_SHUTDOWN_name = zend_string_init_interned("STATUS_SHUTDOWN", sizeof("STATUS_SHUTDOWN") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_STATUS_SHUTDOWN_name, &const_STATUS_SHUTDOWN_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_STATUS_SHUTDOWN_name);

	zval const_STATUS_RELOADING_value;
	ZVAL_LONG(&const_STATUS_RELOADING_value, 8);
	zend_string *const_STATUS_RELOADING_name = zend_string_init_interned("STATUS_RELOADING", sizeof("STATUS_RELOADING") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_STATUS_RELOADING_name, &const_STATUS_RELOADING_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_STATUS_RELOADING_name);

	zval const_DEFAULT_BACKLOG_value;
	ZVAL_LONG(&const_DEFAULT_BACKLOG_value, 102400);
	zend_string *const_DEFAULT_BACKLOG_name = zend_string_init_interned("DEFAULT_BACKLOG", sizeof("DEFAULT_BACKLOG") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_DEFAULT_BACKLOG_name, &const_DEFAULT_BACKLOG_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_DEFAULT_BACKLOG_name);

	zval property_id_default_value;
	ZVAL_LONG(&property_id_default_value, 0);
	zend_string *property_id_name = zend_string_init("id", sizeof("id") - 1, 1);
	zend_declare_typed_property(class_entry, property_id_name, &property_id_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_id_name);

	zval property_name_default_value;
	zend_string *property_name_default_value_str = zend_string_init("none", strlen("none"), 1);
	ZVAL_STR(&property_name_default_value, property_name_default_value_str);
	zend_string *property_name_name = zend_string_init("name", sizeof("name") - 1, 1);
	zend_declare_typed_property(class_entry, property_name_name, &property_name_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_name_name);

	zval property_count_default_value;
	ZVAL_LONG(&property_count_default_value, 1);
	zend_string *property_count_name = zend_string_init("count", sizeof("count") - 1, 1);
	zend_declare_typed_property(class_entry, property_count_name, &property_count_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_count_name);

	zval property_user_default_value;
	ZVAL_EMPTY_STRING(&property_user_default_value);
	zend_string *property_user_name = zend_string_init("user", sizeof("user") - 1, 1);
	zend_declare_typed_property(class_entry, property_user_name, &property_user_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_user_name);

	zval property_group_default_value;
	ZVAL_EMPTY_STRING(&property_group_default_value);
	zend_string *property_group_name = zend_string_init("group", sizeof("group") - 1, 1);
	zend_declare_typed_property(class_entry, property_group_name, &property_group_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_group_name);

	zval property_reloadable_default_value;
	ZVAL_TRUE(&property_reloadable_default_value);
	zend_string *property_reloadable_name = zend_string_init("reloadable", sizeof("reloadable") - 1, 1);
	zend_declare_typed_property(class_entry, property_reloadable_name, &property_reloadable_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_reloadable_name);

	zval property_reusePort_default_value;
	ZVAL_FALSE(&property_reusePort_default_value);
	zend_string *property_reusePort_name = zend_string_init("reusePort", sizeof("reusePort") - 1, 1);
	zend_declare_typed_property(class_entry, property_reusePort_name, &property_reusePort_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_reusePort_name);

	zval property_transport_default_value;
	zend_string *property_transport_default_value_str = zend_string_init("tcp", strlen("tcp"), 1);
	ZVAL_STR(&property_transport_default_value, property_transport_default_value_str);
	zend_string *property_transport_name = zend_string_init("transport", sizeof("transport") - 1, 1);
	zend_declare_typed_property(class_entry, property_transport_name, &property_transport_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_transport_name);

	zval property_protocol_default_value;
	ZVAL_NULL(&property_protocol_default_value);
	zend_string *property_protocol_name = zend_string_init("protocol", sizeof("protocol") - 1, 1);
	zend_declare_typed_property(class_entry, property_protocol_name, &property_protocol_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_protocol_name);

	zval property_connections_default_value;
	ZVAL_EMPTY_ARRAY(&property_connections_default_value);
	zend_string *property_connections_name = zend_string_init("connections", sizeof("connections") - 1, 1);
	zend_declare_typed_property(class_entry, property_connections_name, &property_connections_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_connections_name);

	zval property_stopping_default_value;
	ZVAL_FALSE(&property_stopping_default_value);
	zend_string *property_stopping_name = zend_string_init("stopping", sizeof("stopping") - 1, 1);
	zend_declare_typed_property(class_entry, property_stopping_name, &property_stopping_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_stopping_name);

	zval property_maxRequests_default_value;
	ZVAL_LONG(&property_maxRequests_default_value, 0);
	zend_string *property_maxRequests_name = zend_string_init("maxRequests", sizeof("maxRequests") - 1, 1);
	zend_declare_typed_property(class_entry, property_maxRequests_name, &property_maxRequests_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_maxRequests_name);

	zval property_maxMemory_default_value;
	ZVAL_LONG(&property_maxMemory_default_value, 0);
	zend_string *property_maxMemory_name = zend_string_init("maxMemory", sizeof("maxMemory") - 1, 1);
	zend_declare_typed_property(class_entry, property_maxMemory_name, &property_maxMemory_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_maxMemory_name);

	zval property_websocketCompression_default_value;
	ZVAL_FALSE(&property_websocketCompression_default_value);
	zend_string *property_websocketCompression_name = zend_string_init("websocketCompression", sizeof("websocketCompression") - 1, 1);
	zend_declare_typed_property(class_entry, property_websocketCompression_name, &property_websocketCompression_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL|MAY_BE_ARRAY));
	zend_string_release(property_websocketCompression_name);

	zval property_maxConnections_default_value;
	ZVAL_LONG(&property_maxConnections_default_value, 0);
	zend_string *property_maxConnections_name = zend_string_init("maxConnections", sizeof("maxConnections") - 1, 1);
	zend_declare_typed_property(class_entry, property_maxConnections_name, &property_maxConnections_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_maxConnections_name);

	zval property_maxPendingRequests_default_value;
	ZVAL_LONG(&property_maxPendingRequests_default_value, 100);
	zend_string *property_maxPendingRequests_name = zend_string_init("maxPendingRequests", sizeof("maxPendingRequests") - 1, 1);
	zend_declare_typed_property(class_entry, property_maxPendingRequests_name, &property_maxPendingRequests_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_maxPendingRequests_name);

	zval property_maxInputMemory_default_value;
	ZVAL_LONG(&property_maxInputMemory_default_value, 268435456);
	zend_string *property_maxInputMemory_name = zend_string_init("maxInputMemory", sizeof("maxInputMemory") - 1, 1);
	zend_declare_typed_property(class_entry, property_maxInputMemory_name, &property_maxInputMemory_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_maxInputMemory_name);

	zval property_headerTimeout_default_value;
	ZVAL_LONG(&property_headerTimeout_default_value, 60);
	zend_string *property_headerTimeout_name = zend_string_init("headerTimeout", sizeof("headerTimeout") - 1, 1);
	zend_declare_typed_property(class_entry, property_headerTimeout_name, &property_headerTimeout_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_DOUBLE|MAY_BE_LONG));
	zend_string_release(property_headerTimeout_name);

	zval property_bodyTimeout_default_value;
	ZVAL_LONG(&property_bodyTimeout_default_value, 60);
	zend_string *property_bodyTimeout_name = zend_string_init("bodyTimeout", sizeof("bodyTimeout") - 1, 1);
	zend_declare_typed_property(class_entry, property_bodyTimeout_name, &property_bodyTimeout_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_DOUBLE|MAY_BE_LONG));
	zend_string_release(property_bodyTimeout_name);

	zval property_keepAliveTimeout_default_value;
	ZVAL_LONG(&property_keepAliveTimeout_default_value, 75);
	zend_string *property_keepAliveTimeout_name = zend_string_init("keepAliveTimeout", sizeof("keepAliveTimeout") - 1, 1);
	zend_declare_typed_property(class_entry, property_keepAliveTimeout_name, &property_keepAliveTimeout_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_DOUBLE|MAY_BE_LONG));
	zend_string_release(property_keepAliveTimeout_name);

	zval property_idleTimeout_default_value;
	ZVAL_LONG(&property_idleTimeout_default_value, 0);
	zend_string *property_idleTimeout_name = zend_string_init("idleTimeout", sizeof("idleTimeout") - 1, 1);
	zend_declare_typed_property(class_entry, property_idleTimeout_name, &property_idleTimeout_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_DOUBLE|MAY_BE_LONG));
	zend_string_release(property_idleTimeout_name);

	zval property_pingInterval_default_value;
	ZVAL_LONG(&property_pingInterval_default_value, 0);
	zend_string *property_pingInterval_name = zend_string_init("pingInterval", sizeof("pingInterval") - 1, 1);
	zend_declare_property_ex(class_entry, property_pingInterval_name, &property_pingInterval_default_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(property_pingInterval_name);

	zval property_pingNotResponseLimit_default_value;
	ZVAL_LONG(&property_pingNotResponseLimit_default_value, 0);
	zend_string *property_pingNotResponseLimit_name = zend_string_init("pingNotResponseLimit", sizeof("pingNotResponseLimit") - 1, 1);
	zend_declare_property_ex(class_entry, property_pingNotResponseLimit_name, &property_pingNotResponseLimit_default_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(property_pingNotResponseLimit_name);

	zval property_pingData_default_value;
	ZVAL_EMPTY_STRING(&property_pingData_default_value);
	zend_string *property_pingData_name = zend_string_init("pingData", sizeof("pingData") - 1, 1);
	zend_declare_property_ex(class_entry, property_pingData_name, &property_pingData_default_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(property_pingData_name);

	zval property_eventLoop_default_value;
	ZVAL_NULL(&property_eventLoop_default_value);
	zend_string *property_eventLoop_name = zend_string_init("eventLoop", sizeof("eventLoop") - 1, 1);
	zend_declare_typed_property(class_entry, property_eventLoop_name, &property_eventLoop_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_eventLoop_name);

	zval property_taskCount_default_value;
	ZVAL_LONG(&property_taskCount_default_value, 0);
	zend_string *property_taskCount_name = zend_string_init("taskCount", sizeof("taskCount") - 1, 1);
	zend_declare_typed_property(class_entry, property_taskCount_name, &property_taskCount_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_taskCount_name);

	zval property_taskQueueLimit_default_value;
	ZVAL_LONG(&property_taskQueueLimit_default_value, 1024);
	zend_string *property_taskQueueLimit_name = zend_string_init("taskQueueLimit", sizeof("taskQueueLimit") - 1, 1);
	zend_declare_typed_property(class_entry, property_taskQueueLimit_name, &property_taskQueueLimit_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_taskQueueLimit_name);

	zval property_onTask_default_value;
	ZVAL_NULL(&property_onTask_default_value);
	zend_string *property_onTask_name = zend_string_init("onTask", sizeof("onTask") - 1, 1);
	zend_declare_property_ex(class_entry, property_onTask_name, &property_onTask_default_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(property_onTask_name);

	zval property_onWorkerStart_default_value;
	ZVAL_NULL(&property_onWorkerStart_default_value);
	zend_string *property_onWorkerStart_name = zend_string_init("onWorkerStart", sizeof("onWorkerStart") - 1, 1);
	zend_declare_property_ex(class_entry, property_onWorkerStart_name, &property_onWorkerStart_default_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(property_onWorkerStart_name);

	zval property_onWorkerStop_default_value;
	ZVAL_NULL(&property_onWorkerStop_default_value);
	zend_string *property_onWorkerStop_name = zend_string_init("onWorkerStop", sizeof("onWorkerStop") - 1, 1);
	zend_declare_property_ex(class_entry, property_onWorkerStop_name, &property_onWorkerStop_default_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(property_onWorkerStop_name);

	zval property_onWorkerReload_default_value;
	ZVAL_NULL(&property_onWorkerReload_default_value);
	zend_string *property_onWorkerReload_name = zend_string_init("onWorkerReload", sizeof("onWorkerReload") - 1, 1);
	zend_declare_property_ex(class_entry, property_onWorkerReload_name, &property_onWorkerReload_default_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(property_onWorkerReload_name);

	zval property_onConnect_default_value;
	ZVAL_NULL(&property_onConnect_default_value);
	zend_string *property_onConnect_name = zend_string_init("onConnect", sizeof("onConnect") - 1, 1);
	zend_declare_property_ex(class_entry, property_onConnect_name, &property_onConnect_default_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(property_onConnect_name);

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

	zval property_onBufferFull_default_value;
	ZVAL_NULL(&property_onBufferFull_default_value);
	zend_string *property_onBufferFull_name = zend_string_init("onBufferFull", sizeof("onBufferFull") - 1, 1);
	zend_declare_property_ex(class_entry, property_onBufferFull_name, &property_onBufferFull_default_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(property_onBufferFull_name);

	zval property_onBufferDrain_default_value;
	ZVAL_NULL(&property_onBufferDrain_default_value);
	zend_string *property_onBufferDrain_name = zend_string_init("onBufferDrain", sizeof("onBufferDrain") - 1, 1);
	zend_declare_property_ex(class_entry, property_onBufferDrain_name, &property_onBufferDrain_default_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(property_onBufferDrain_name);

	zval property_onWebSocketConnect_default_value;
	ZVAL_NULL(&property_onWebSocketConnect_default_value);
	zend_string *property_onWebSocketConnect_name = zend_string_init("onWebSocketConnect", sizeof("onWebSocketConnect") - 1, 1);
	zend_declare_property_ex(class_entry, property_onWebSocketConnect_name, &property_onWebSocketConnect_default_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(property_onWebSocketConnect_name);

	zval property_onWebSocketConnected_default_value;
	ZVAL_NULL(&property_onWebSocketConnected_default_value);
	zend_string *property_onWebSocketConnected_name = zend_string_init("onWebSocketConnected", sizeof("onWebSocketConnected") - 1, 1);
	zend_declare_property_ex(class_entry, property_onWebSocketConnected_name, &property_onWebSocketConnected_default_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(property_onWebSocketConnected_name);

	zval property_onWebSocketClose_default_value;
	ZVAL_NULL(&property_onWebSocketClose_default_value);
	zend_string *property_onWebSocketClose_name = zend_string_init("onWebSocketClose", sizeof("onWebSocketClose") - 1, 1);
	zend_declare_property_ex(class_entry, property_onWebSocketClose_name, &property_onWebSocketClose_default_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(property_onWebSocketClose_name);

	zval property_onWebSocketPing_default_value;
	ZVAL_NULL(&property_onWebSocketPing_default_value);
	zend_string *property_onWebSocketPing_name = zend_string_init("onWebSocketPing", sizeof("onWebSocketPing") - 1, 1);
	zend_declare_property_ex(class_entry, property_onWebSocketPing_name, &property_onWebSocketPing_default_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(property_onWebSocketPing_name);

	zval property_onWebSocketPong_default_value;
	ZVAL_NULL(&property_onWebSocketPong_default_value);
	zend_string *property_onWebSocketPong_name = zend_string_init("onWebSocketPong", sizeof("onWebSocketPong") - 1, 1);
	zend_declare_property_ex(class_entry, property_onWebSocketPong_name, &property_onWebSocketPong_default_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(property_onWebSocketPong_name);

	zval property_accessLog_default_value;
	ZVAL_NULL(&property_accessLog_default_value);
	zend_string *property_accessLog_name = zend_string_init("accessLog", sizeof("accessLog") - 1, 1);
	zend_declare_typed_property(class_entry, property_accessLog_name, &property_accessLog_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_accessLog_name);

	zval property_accessLogFormat_default_value;
	zend_string *property_accessLogFormat_default_value_str = zend_string_init("combined", strlen("combined"), 1);
	ZVAL_STR(&property_accessLogFormat_default_value, property_accessLogFormat_default_value_str);
	zend_string *property_accessLogFormat_name = zend_string_init("accessLogFormat", sizeof("accessLogFormat") - 1, 1);
	zend_declare_typed_property(class_entry, property_accessLogFormat_name, &property_accessLogFormat_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_accessLogFormat_name);

	zval property_daemonize_default_value;
	ZVAL_FALSE(&property_daemonize_default_value);
	zend_string *property_daemonize_name = zend_string_init("daemonize", sizeof("daemonize") - 1, 1);
	zend_declare_typed_property(class_entry, property_daemonize_name, &property_daemonize_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_daemonize_name);

	zval property_stdoutFile_default_value;
	zend_string *property_stdoutFile_default_value_str = zend_string_init("/dev/null", strlen("/dev/null"), 1);
	ZVAL_STR(&property_stdoutFile_default_value, property_stdoutFile_default_value_str);
	zend_string *property_stdoutFile_name = zend_string_init("stdoutFile", sizeof("stdoutFile") - 1, 1);
	zend_declare_typed_property(class_entry, property_stdoutFile_name, &property_stdoutFile_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_stdoutFile_name);

	zval property_pidFile_default_value;
	ZVAL_EMPTY_STRING(&property_pidFile_default_value);
	zend_string *property_pidFile_name = zend_string_init("pidFile", sizeof("pidFile") - 1, 1);
	zend_declare_typed_property(class_entry, property_pidFile_name, &property_pidFile_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_pidFile_name);

	zval property_statusFile_default_value;
	ZVAL_EMPTY_STRING(&property_statusFile_default_value);
	zend_string *property_statusFile_name = zend_string_init("statusFile", sizeof("statusFile") - 1, 1);
	zend_declare_typed_property(class_entry, property_statusFile_name, &property_statusFile_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_statusFile_name);

	zval property_logFile_default_value;
	ZVAL_EMPTY_STRING(&property_logFile_default_value);
	zend_string *property_logFile_name = zend_string_init("logFile", sizeof("logFile") - 1, 1);
	zend_declare_typed_property(class_entry, property_logFile_name, &property_logFile_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_logFile_name);

	zval property_logFileMaxSize_default_value;
	ZVAL_LONG(&property_logFileMaxSize_default_value, 10485760);
	zend_string *property_logFileMaxSize_name = zend_string_init("logFileMaxSize", sizeof("logFileMaxSize") - 1, 1);
	zend_declare_typed_property(class_entry, property_logFileMaxSize_name, &property_logFileMaxSize_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_logFileMaxSize_name);

	zval property_logFormat_default_value;
	zend_string *property_logFormat_default_value_str = zend_string_init("text", strlen("text"), 1);
	ZVAL_STR(&property_logFormat_default_value, property_logFormat_default_value_str);
	zend_string *property_logFormat_name = zend_string_init("logFormat", sizeof("logFormat") - 1, 1);
	zend_declare_typed_property(class_entry, property_logFormat_name, &property_logFormat_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_logFormat_name);

	zval property_logLevel_default_value;
	zend_string *property_logLevel_default_value_str = zend_string_init("info", strlen("info"), 1);
	ZVAL_STR(&property_logLevel_default_value, property_logLevel_default_value_str);
	zend_string *property_logLevel_name = zend_string_init("logLevel", sizeof("logLevel") - 1, 1);
	zend_declare_typed_property(class_entry, property_logLevel_name, &property_logLevel_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_logLevel_name);

	zval property_stopTimeout_default_value;
	ZVAL_LONG(&property_stopTimeout_default_value, 2);
	zend_string *property_stopTimeout_name = zend_string_init("stopTimeout", sizeof("stopTimeout") - 1, 1);
	zend_declare_typed_property(class_entry, property_stopTimeout_name, &property_stopTimeout_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_DOUBLE|MAY_BE_LONG));
	zend_string_release(property_stopTimeout_name);

	zval property_metricsListen_default_value;
	ZVAL_EMPTY_STRING(&property_metricsListen_default_value);
	zend_string *property_metricsListen_name = zend_string_init("metricsListen", sizeof("metricsListen") - 1, 1);
	zend_declare_typed_property(class_entry, property_metricsListen_name, &property_metricsListen_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_metricsListen_name);

	zval property_command_default_value;
	ZVAL_EMPTY_STRING(&property_command_default_value);
	zend_string *property_command_name = zend_string_init("command", sizeof("command") - 1, 1);
	zend_declare_typed_property(class_entry, property_command_name, &property_command_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_command_name);

	zval property_onMasterReload_default_value;
	ZVAL_NULL(&property_onMasterReload_default_value);
	zend_string *property_onMasterReload_name = zend_string_init("onMasterReload", sizeof("onMasterReload") - 1, 1);
	zend_declare_property_ex(class_entry, property_onMasterReload_name, &property_onMasterReload_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL);
	zend_string_release(property_onMasterReload_name);

	zval property_onMasterStop_default_value;
	ZVAL_NULL(&property_onMasterStop_default_value);
	zend_string *property_onMasterStop_name = zend_string_init("onMasterStop", sizeof("onMasterStop") - 1, 1);
	zend_declare_property_ex(class_entry, property_onMasterStop_name, &property_onMasterStop_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL);
	zend_string_release(property_onMasterStop_name);

	zval property_onWorkerExit_default_value;
	ZVAL_NULL(&property_onWorkerExit_default_value);
	zend_string *property_onWorkerExit_name = zend_string_init("onWorkerExit", sizeof("onWorkerExit") - 1, 1);
	zend_declare_property_ex(class_entry, property_onWorkerExit_name, &property_onWorkerExit_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL);
	zend_string_release(property_onWorkerExit_name);

	zval property_eventLoopClass_default_value;
	ZVAL_NULL(&property_eventLoopClass_default_value);
	zend_string *property_eventLoopClass_name = zend_string_init("eventLoopClass", sizeof("eventLoopClass") - 1, 1);
	zend_declare_typed_property(class_entry, property_eventLoopClass_name, &property_eventLoopClass_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_eventLoopClass_name);

	zend_string *property_globalEvent_class_Surge_Events_EventInterface = zend_string_init("Surge\\Events\\EventInterface", sizeof("Surge\\Events\\EventInterface")-1, 1);
	zval property_globalEvent_default_value;
	ZVAL_NULL(&property_globalEvent_default_value);
	zend_string *property_globalEvent_name = zend_string_init("globalEvent", sizeof("globalEvent") - 1, 1);
	zend_declare_typed_property(class_entry, property_globalEvent_name, &property_globalEvent_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_globalEvent_class_Surge_Events_EventInterface, 0, MAY_BE_NULL));
	zend_string_release(property_globalEvent_name);

	zval property_directoryCapacity_default_value;
	ZVAL_LONG(&property_directoryCapacity_default_value, 1000000);
	zend_string *property_directoryCapacity_name = zend_string_init("directoryCapacity", sizeof("directoryCapacity") - 1, 1);
	zend_declare_typed_property(class_entry, property_directoryCapacity_name, &property_directoryCapacity_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_directoryCapacity_name);

	zval property_cluster_default_value;
	ZVAL_NULL(&property_cluster_default_value);
	zend_string *property_cluster_name = zend_string_init("cluster", sizeof("cluster") - 1, 1);
	zend_declare_typed_property(class_entry, property_cluster_name, &property_cluster_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY|MAY_BE_NULL));
	zend_string_release(property_cluster_name);

	return class_entry;
}
