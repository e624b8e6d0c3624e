/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 20ba07a37507f9d4f38d68c66ed01bd3662051c9 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Surge_Protocols_Http_Response___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, status, IS_LONG, 0, "200")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, headers, IS_ARRAY, 0, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, body, IS_STRING, 0, "\'\'")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Http_Response_header, 0, 2, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
	ZEND_ARG_TYPE_MASK(0, value, MAY_BE_STRING|MAY_BE_ARRAY, NULL)
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Protocols_Http_Response_withHeader arginfo_class_Surge_Protocols_Http_Response_header

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Http_Response_withHeaders, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, headers, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Http_Response_withoutHeader, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Http_Response_getHeader, 0, 1, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Http_Response_getHeaders, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Http_Response_withStatus, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, code, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, reasonPhrase, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Http_Response_getStatusCode, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Http_Response_getReasonPhrase, 0, 0, IS_STRING, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Http_Response_withProtocolVersion, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, version, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Http_Response_withBody, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Http_Response_rawBody, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Http_Response_withFile, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, file, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, offset, IS_LONG, 0, "0")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, length, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Http_Response_cookie, 0, 1, IS_STATIC, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, value, IS_STRING, 0, "\'\'")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, maxAge, IS_LONG, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, path, IS_STRING, 0, "\'\'")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, domain, IS_STRING, 0, "\'\'")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, secure, _IS_BOOL, 0, "false")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, httpOnly, _IS_BOOL, 0, "false")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, sameSite, IS_STRING, 0, "\'\'")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Surge_Protocols_Http_Response_getMimeType, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, extension, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Surge_Protocols_Http_Response___toString arginfo_class_Surge_Protocols_Http_Response_rawBody


ZEND_METHOD(Surge_Protocols_Http_Response, __construct);
ZEND_METHOD(Surge_Protocols_Http_Response, header);
ZEND_METHOD(Surge_Protocols_Http_Response, withHeader);
ZEND_METHOD(Surge_Protocols_Http_Response, withHeaders);
ZEND_METHOD(Surge_Protocols_Http_Response, withoutHeader);
ZEND_METHOD(Surge_Protocols_Http_Response, getHeader);
ZEND_METHOD(Surge_Protocols_Http_Response, getHeaders);
ZEND_METHOD(Surge_Protocols_Http_Response, withStatus);
ZEND_METHOD(Surge_Protocols_Http_Response, getStatusCode);
ZEND_METHOD(Surge_Protocols_Http_Response, getReasonPhrase);
ZEND_METHOD(Surge_Protocols_Http_Response, withProtocolVersion);
ZEND_METHOD(Surge_Protocols_Http_Response, withBody);
ZEND_METHOD(Surge_Protocols_Http_Response, rawBody);
ZEND_METHOD(Surge_Protocols_Http_Response, withFile);
ZEND_METHOD(Surge_Protocols_Http_Response, cookie);
ZEND_METHOD(Surge_Protocols_Http_Response, getMimeType);
ZEND_METHOD(Surge_Protocols_Http_Response, __toString);


static const zend_function_entry class_Surge_Protocols_Http_Response_methods[] = {
	ZEND_ME(Surge_Protocols_Http_Response, __construct, arginfo_class_Surge_Protocols_Http_Response___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Protocols_Http_Response, header, arginfo_class_Surge_Protocols_Http_Response_header, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Protocols_Http_Response, withHeader, arginfo_class_Surge_Protocols_Http_Response_withHeader, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Protocols_Http_Response, withHeaders, arginfo_class_Surge_Protocols_Http_Response_withHeaders, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Protocols_Http_Response, withoutHeader, arginfo_class_Surge_Protocols_Http_Response_withoutHeader, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Protocols_Http_Response, getHeader, arginfo_class_Surge_Protocols_Http_Response_getHeader, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Protocols_Http_Response, getHeaders, arginfo_class_Surge_Protocols_Http_Response_getHeaders, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Protocols_Http_Response, withStatus, arginfo_class_Surge_Protocols_Http_Response_withStatus, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Protocols_Http_Response, getStatusCode, arginfo_class_Surge_Protocols_Http_Response_getStatusCode, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Protocols_Http_Response, getReasonPhrase, arginfo_class_Surge_Protocols_Http_Response_getReasonPhrase, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Protocols_Http_Response, withProtocolVersion, arginfo_class_Surge_Protocols_Http_Response_withProtocolVersion, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Protocols_Http_Response, withBody, arginfo_class_Surge_Protocols_Http_Response_withBody, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Protocols_Http_Response, rawBody, arginfo_class_Surge_Protocols_Http_Response_rawBody, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Protocols_Http_Response, withFile, arginfo_class_Surge_Protocols_Http_Response_withFile, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Protocols_Http_Response, cookie, arginfo_class_Surge_Protocols_Http_Response_cookie, ZEND_ACC_PUBLIC)
	ZEND_ME(Surge_Protocols_Http_Response, getMimeType, arginfo_class_Surge_Protocols_Http_Response_getMimeType, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Surge_Protocols_Http_Response, __toString, arginfo_class_Surge_Protocols_Http_Response___toString, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Surge_Protocols_Http_Response(zend_class_entry *class_entry_Stringable)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Surge\\Protocols\\Http", "Response", class_Surge_Protocols_Http_Response_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
#if (PHP_VERSION_ID >= 80200)
	class_entry->ce_flags |= ZEND_ACC_ALLOW_DYNAMIC_PROPERTIES;
#endif
	zend_class_implements(class_entry, 1, class_entry_Stringable);

	zval property_file_default_value;
	ZVAL_NULL(&property_file_default_value);
	zend_string *property_file_name = zend_string_init("file", sizeof("file") - 1, 1);
	zend_declare_typed_property(class_entry, property_file_name, &property_file_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY|MAY_BE_NULL));
	zend_string_release(property_file_name);

	zval property_headers_default_value;
	ZVAL_EMPTY_ARRAY(&property_headers_default_value);
	zend_string *property_headers_name = zend_string_init("headers", sizeof("headers") - 1, 1);
	zend_declare_typed_property(class_entry, property_headers_name, &property_headers_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_headers_name);

	zval property_status_default_value;
	ZVAL_LONG(&property_status_default_value, 200);
	zend_string *property_status_name = zend_string_init("status", sizeof("status") - 1, 1);
	zend_declare_typed_property(class_entry, property_status_name, &property_status_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_status_name);

	zval property_reason_default_value;
	ZVAL_NULL(&property_reason_default_value);
	zend_string *property_reason_name = zend_string_init("reason", sizeof("reason") - 1, 1);
	zend_declare_typed_property(class_entry, property_reason_name, &property_reason_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_reason_name);

	zval property_version_default_value;
	zend_string *property_version_default_value_str = zend_string_init("1.1", strlen("1.1"), 1);
	ZVAL_STR(&property_version_default_value, property_version_default_value_str);
	zend_string *property_version_name = zend_string_init("version", sizeof("version") - 1, 1);
	zend_declare_typed_property(class_entry, property_version_name, &property_version_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_version_name);

	zval property_body_default_value;
	ZVAL_EMPTY_STRING(&property_body_default_value);
	zend_string *property_body_name = zend_string_init("body", sizeof("body") - 1, 1);
	zend_declare_typed_property(class_entry, property_body_name, &property_body_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_body_name);

#if (PHP_VERSION_ID >= 80200)
	zend_string *attribute_name_AllowDynamicProperties_class_Surge_Protocols_Http_Response = zend_string_init_interned("AllowDynamicProperties", sizeof("AllowDynamicProperties") - 1, 1);
	zend_add_class_attribute(class_entry, attribute_name_AllowDynamicProperties_class_Surge_Protocols_Http_Response, 0);
	zend_string_release(attribute_name_AllowDynamicProperties_class_Surge_Protocols_Http_Response);
#endif

	return class_entry;
}
