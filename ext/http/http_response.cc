/* Surge\Protocols\Http\Response: status, fields and body of an answer. The server
 * encodes it natively (http_server.cc); the fields are checked when they are set, so a
 * response can never be split by a CR or LF coming from user input. */
#include <sys/stat.h>

#include <ctime>
#include <string>

#include "core/boundary.h"
#include "http/http_classes.h"
#include "protocol/http/http_date.h"
#include "protocol/http/mime_types.h"
#include "protocol/http/response_head.h"
#include "protocol/http/status_phrases.h"

extern "C" {
#include "ext/spl/spl_exceptions.h"
#include "ext/standard/url.h"
#include "zend_attributes.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
}

#include "arginfo/Response_arginfo.h"

namespace surge::ext {

zend_class_entry* response_ce = nullptr;

namespace {

struct ResponseProps {
  uint32_t file, headers, status, reason, version, body;
} props;

zend_object* thisResponse(zval* self) {
  return Z_OBJ_P(self);
}

HashTable* g_phrases = nullptr;

// Declares Response::PHRASES from the native table, as an immutable persistent array.
void declarePhrases(zend_class_entry* ce) {
  auto phrases = protocol::httpStatusPhrases();
  HashTable* ht = static_cast<HashTable*>(pemalloc(sizeof(HashTable), 1));
  zend_hash_init(ht, static_cast<uint32_t>(phrases.size()), nullptr, nullptr, 1);
  for (const protocol::HttpStatusPhrase& p : phrases) {
    zval v;
    ZVAL_INTERNED_STR(&v, zend_string_init_interned(p.phrase.data(), p.phrase.size(), 1));
    zend_hash_index_add_new(ht, static_cast<zend_ulong>(p.code), &v);
  }
  GC_SET_REFCOUNT(ht, 2);
  GC_ADD_FLAGS(ht, IS_ARRAY_IMMUTABLE);
  g_phrases = ht;
  zval value;
  ZVAL_ARR(&value, ht);
  Z_TYPE_INFO(value) = IS_ARRAY;  // immutable: never reference-counted
  zend_string* name = zend_string_init_interned("PHRASES", sizeof("PHRASES") - 1, 1);
  zend_declare_class_constant_ex(ce, name, &value, ZEND_ACC_PUBLIC, nullptr);
}

// Throws \InvalidArgumentException unless `name`: `value` is a field that cannot split
// the response. `value` may be a list of values (repeated fields).
bool checkField(zend_string* name, zval* value) {
  std::string_view n(ZSTR_VAL(name), ZSTR_LEN(name));
  if (!protocol::isHttpToken(n)) {
    zend_throw_exception_ex(spl_ce_InvalidArgumentException, 0,
                            "HTTP header name \"%s\" is not a token (letters, digits and "
                            "!#$%%&'*+-.^_`|~ only)",
                            ZSTR_VAL(name));
    return false;
  }
  auto checkOne = [&](zval* v) {
    if (Z_TYPE_P(v) == IS_ARRAY) {
      zend_throw_exception_ex(spl_ce_InvalidArgumentException, 0,
                              "HTTP header %s: a value must be a string, not a nested array",
                              ZSTR_VAL(name));
      return false;
    }
    zend_string* s = zval_try_get_string(v);
    if (s == nullptr) return false;
    bool ok = protocol::isSafeHttpFieldValue({ZSTR_VAL(s), ZSTR_LEN(s)});
    zend_string_release(s);
    if (!ok)
      zend_throw_exception_ex(spl_ce_InvalidArgumentException, 0,
                              "HTTP header %s: the value must not contain CR, LF or NUL",
                              ZSTR_VAL(name));
    return ok;
  };
  if (Z_TYPE_P(value) == IS_ARRAY) {
    zval* v;
    ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(value), v) {
      ZVAL_DEREF(v);
      if (!checkOne(v)) return false;
    }
    ZEND_HASH_FOREACH_END();
    return true;
  }
  return checkOne(value);
}

// $this->headers, ready to be written.
HashTable* headersTable(zend_object* obj) {
  return Z_ARRVAL_P(arraySlot(obj, props.headers));
}

bool setHeader(zend_object* obj, zend_string* name, zval* value) {
  if (!checkField(name, value)) return false;
  Z_TRY_ADDREF_P(value);
  zend_symtable_update(headersTable(obj), name, value);
  return true;
}

// array_merge_recursive() of one field: an existing name becomes a list of values.
bool mergeHeader(zend_object* obj, zend_string* name, zval* value) {
  if (!checkField(name, value)) return false;
  HashTable* headers = headersTable(obj);
  zval* existing = zend_symtable_find(headers, name);
  if (existing == nullptr) {
    Z_TRY_ADDREF_P(value);
    zend_symtable_update(headers, name, value);
    return true;
  }
  ZVAL_DEREF(existing);
  if (Z_TYPE_P(existing) != IS_ARRAY) {
    zval list;
    array_init(&list);
    Z_TRY_ADDREF_P(existing);
    add_next_index_zval(&list, existing);
    zend_symtable_update(headers, name, &list);
    existing = zend_symtable_find(headers, name);
  }
  SEPARATE_ARRAY(existing);
  if (Z_TYPE_P(value) == IS_ARRAY) {
    zval* v;
    ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(value), v) {
      Z_TRY_ADDREF_P(v);
      add_next_index_zval(existing, v);
    }
    ZEND_HASH_FOREACH_END();
  } else {
    Z_TRY_ADDREF_P(value);
    add_next_index_zval(existing, value);
  }
  return true;
}

bool setHeaders(zend_object* obj, HashTable* headers, bool merge) {
  zend_string* key;
  zend_ulong index;
  zval* value;
  ZEND_HASH_FOREACH_KEY_VAL(headers, index, key, value) {
    ZVAL_DEREF(value);
    zend_string* name =
        key ? zend_string_copy(key) : zend_long_to_str(static_cast<zend_long>(index));
    bool ok = merge ? mergeHeader(obj, name, value) : setHeader(obj, name, value);
    zend_string_release(name);
    if (!ok) return false;
  }
  ZEND_HASH_FOREACH_END();
  return true;
}

std::string_view stringSlot(zend_object* obj, uint32_t offset, std::string_view fallback) {
  zval* v = slot(obj, offset);
  if (Z_TYPE_P(v) != IS_STRING) return fallback;
  return {Z_STRVAL_P(v), Z_STRLEN_P(v)};
}

}  // namespace

void registerResponseClass() {
  response_ce = register_class_Surge_Protocols_Http_Response(zend_ce_stringable);
  declarePhrases(response_ce);
  props.file = propertyOffset(response_ce, "file");
  props.headers = propertyOffset(response_ce, "headers");
  props.status = propertyOffset(response_ce, "status");
  props.reason = propertyOffset(response_ce, "reason");
  props.version = propertyOffset(response_ce, "version");
  props.body = propertyOffset(response_ce, "body");
}

void releaseResponseClass() {
  if (g_phrases == nullptr) return;
  // The constant is destroyed with the class after module shutdown: leave it a null.
  if (zend_class_constant* c = static_cast<zend_class_constant*>(
          zend_hash_str_find_ptr(&response_ce->constants_table, "PHRASES", sizeof("PHRASES") - 1)))
    ZVAL_NULL(&c->value);
  zend_hash_destroy(g_phrases);
  pefree(g_phrases, 1);
  g_phrases = nullptr;
}

void writeHeaderArray(HashTable* headers, protocol::HttpResponseHead* head) {
  if (headers == nullptr) return;
  zend_string* key;
  zend_ulong index;
  zval* value;
  ZEND_HASH_FOREACH_KEY_VAL(headers, index, key, value) {
    ZVAL_DEREF(value);
    std::string numeric;
    std::string_view name;
    if (key) {
      name = {ZSTR_VAL(key), ZSTR_LEN(key)};
    } else {
      numeric = std::to_string(index);
      name = numeric;
    }
    auto one = [&](zval* v) {
      if (Z_TYPE_P(v) == IS_STRING) {
        head->field(name, {Z_STRVAL_P(v), Z_STRLEN_P(v)});
      } else if (Z_TYPE_P(v) != IS_ARRAY && Z_TYPE_P(v) != IS_OBJECT) {
        zend_string* s = zval_get_string(v);
        head->field(name, {ZSTR_VAL(s), ZSTR_LEN(s)});
        zend_string_release(s);
      }
    };
    if (Z_TYPE_P(value) == IS_ARRAY) {
      zval* v;
      ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(value), v) {
        ZVAL_DEREF(v);
        one(v);
      }
      ZEND_HASH_FOREACH_END();
    } else {
      one(value);
    }
  }
  ZEND_HASH_FOREACH_END();
}

ResponseParts responseParts(zend_object* response) {
  ResponseParts p;
  p.status = static_cast<int>(slotLong(response, props.status, 200));
  zval* reason = slot(response, props.reason);
  p.reason = Z_TYPE_P(reason) == IS_STRING
                 ? std::string_view(Z_STRVAL_P(reason), Z_STRLEN_P(reason))
                 : std::string_view();
  p.version = stringSlot(response, props.version, "1.1");
  zval* headers = slot(response, props.headers);
  p.headers = Z_TYPE_P(headers) == IS_ARRAY ? Z_ARRVAL_P(headers) : nullptr;
  zval* body = slot(response, props.body);
  p.body = Z_TYPE_P(body) == IS_STRING ? Z_STR_P(body) : ZSTR_EMPTY_ALLOC();
  return p;
}

bool responseHasFile(zend_object* response) {
  zval* file = slot(response, props.file);
  return Z_TYPE_P(file) == IS_ARRAY;
}

FileSpec responseFile(zend_object* response) {
  FileSpec spec{"", 0, 0};
  zval* file = slot(response, props.file);
  if (Z_TYPE_P(file) != IS_ARRAY) return spec;
  if (zval* path = zend_hash_str_find_deref(Z_ARRVAL_P(file), "file", 4)) {
    zend_string* s = zval_get_string(path);
    spec.path.assign(ZSTR_VAL(s), ZSTR_LEN(s));
    zend_string_release(s);
  }
  if (zval* v = zend_hash_str_find_deref(Z_ARRVAL_P(file), "offset", 6)) {
    zend_long n = zval_get_long(v);
    spec.offset = n > 0 ? static_cast<uint64_t>(n) : 0;
  }
  if (zval* v = zend_hash_str_find_deref(Z_ARRVAL_P(file), "length", 6)) {
    zend_long n = zval_get_long(v);
    spec.length = n > 0 ? static_cast<uint64_t>(n) : 0;
  }
  return spec;
}

}  // namespace surge::ext

using namespace surge;
using namespace surge::ext;

SURGE_METHOD(Surge_Protocols_Http_Response, __construct) {
  zend_long status = 200;
  HashTable* headers = nullptr;
  zend_string* body = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 3)
  Z_PARAM_OPTIONAL
  Z_PARAM_LONG(status)
  Z_PARAM_ARRAY_HT(headers)
  Z_PARAM_STR(body)
  ZEND_PARSE_PARAMETERS_END();
  zend_object* obj = thisResponse(ZEND_THIS);
  setSlotLong(obj, props.status, status);
  if (headers && !setHeaders(obj, headers, false)) RETURN_THROWS();
  if (body) {
    zval b;
    ZVAL_STR(&b, body);
    setSlot(obj, props.body, &b);
  }
}

namespace {
void withHeader(INTERNAL_FUNCTION_PARAMETERS) {
  zend_string* name;
  zval* value;
  ZEND_PARSE_PARAMETERS_START(2, 2)
  Z_PARAM_STR(name)
  Z_PARAM_ZVAL(value)
  ZEND_PARSE_PARAMETERS_END();
  if (!setHeader(thisResponse(ZEND_THIS), name, value)) RETURN_THROWS();
  RETURN_COPY(ZEND_THIS);
}
}  // namespace

SURGE_METHOD(Surge_Protocols_Http_Response, header) {
  withHeader(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

SURGE_METHOD(Surge_Protocols_Http_Response, withHeader) {
  withHeader(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

SURGE_METHOD(Surge_Protocols_Http_Response, withHeaders) {
  HashTable* headers;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_ARRAY_HT(headers)
  ZEND_PARSE_PARAMETERS_END();
  if (!setHeaders(thisResponse(ZEND_THIS), headers, true)) RETURN_THROWS();
  RETURN_COPY(ZEND_THIS);
}

SURGE_METHOD(Surge_Protocols_Http_Response, withoutHeader) {
  zend_string* name;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_STR(name)
  ZEND_PARSE_PARAMETERS_END();
  zend_symtable_del(headersTable(thisResponse(ZEND_THIS)), name);
  RETURN_COPY(ZEND_THIS);
}

SURGE_METHOD(Surge_Protocols_Http_Response, getHeader) {
  zend_string* name;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_STR(name)
  ZEND_PARSE_PARAMETERS_END();
  zval* headers = slot(thisResponse(ZEND_THIS), props.headers);
  zval* v = Z_TYPE_P(headers) == IS_ARRAY ? zend_symtable_find(Z_ARRVAL_P(headers), name) : nullptr;
  if (v == nullptr) RETURN_NULL();
  RETURN_COPY_DEREF(v);
}

SURGE_METHOD(Surge_Protocols_Http_Response, getHeaders) {
  ZEND_PARSE_PARAMETERS_NONE();
  zval* headers = slot(thisResponse(ZEND_THIS), props.headers);
  if (Z_TYPE_P(headers) != IS_ARRAY) RETURN_EMPTY_ARRAY();
  RETURN_COPY(headers);
}

SURGE_METHOD(Surge_Protocols_Http_Response, withStatus) {
  zend_long code;
  zend_string* reason = nullptr;
  ZEND_PARSE_PARAMETERS_START(1, 2)
  Z_PARAM_LONG(code)
  Z_PARAM_OPTIONAL
  Z_PARAM_STR_OR_NULL(reason)
  ZEND_PARSE_PARAMETERS_END();
  zend_object* obj = thisResponse(ZEND_THIS);
  setSlotLong(obj, props.status, code);
  zval r;
  if (reason) {
    std::string clean;
    for (size_t i = 0; i < ZSTR_LEN(reason); ++i) {
      char ch = ZSTR_VAL(reason)[i];
      if (ch != '\r' && ch != '\n' && ch != '\0') clean.push_back(ch);
    }
    ZVAL_STRINGL(&r, clean.data(), clean.size());
  } else {
    ZVAL_NULL(&r);
  }
  setSlot(obj, props.reason, &r);
  zval_ptr_dtor(&r);
  RETURN_COPY(ZEND_THIS);
}

SURGE_METHOD(Surge_Protocols_Http_Response, getStatusCode) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_LONG(slotLong(thisResponse(ZEND_THIS), props.status, 200));
}

SURGE_METHOD(Surge_Protocols_Http_Response, getReasonPhrase) {
  ZEND_PARSE_PARAMETERS_NONE();
  // As Workerman: the reason given to withStatus(), or null (the status line then
  // carries the standard phrase).
  zval* reason = slot(thisResponse(ZEND_THIS), props.reason);
  if (Z_TYPE_P(reason) != IS_STRING) RETURN_NULL();
  RETURN_COPY(reason);
}

SURGE_METHOD(Surge_Protocols_Http_Response, withProtocolVersion) {
  zend_string* version;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_STR(version)
  ZEND_PARSE_PARAMETERS_END();
  if (!zend_string_equals_literal(version, "1.1") && !zend_string_equals_literal(version, "1.0")) {
    zend_argument_value_error(1, "must be \"1.0\" or \"1.1\"");
    RETURN_THROWS();
  }
  zval v;
  ZVAL_STR(&v, version);
  setSlot(thisResponse(ZEND_THIS), props.version, &v);
  RETURN_COPY(ZEND_THIS);
}

SURGE_METHOD(Surge_Protocols_Http_Response, withBody) {
  zend_string* body;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_STR(body)
  ZEND_PARSE_PARAMETERS_END();
  zval v;
  ZVAL_STR(&v, body);
  setSlot(thisResponse(ZEND_THIS), props.body, &v);
  RETURN_COPY(ZEND_THIS);
}

SURGE_METHOD(Surge_Protocols_Http_Response, rawBody) {
  ZEND_PARSE_PARAMETERS_NONE();
  zval* body = slot(thisResponse(ZEND_THIS), props.body);
  if (Z_TYPE_P(body) != IS_STRING) RETURN_EMPTY_STRING();
  RETURN_COPY(body);
}

SURGE_METHOD(Surge_Protocols_Http_Response, withFile) {
  zend_string* file;
  zend_long offset = 0, length = 0;
  ZEND_PARSE_PARAMETERS_START(1, 3)
  Z_PARAM_PATH_STR(file)
  Z_PARAM_OPTIONAL
  Z_PARAM_LONG(offset)
  Z_PARAM_LONG(length)
  ZEND_PARSE_PARAMETERS_END();
  zend_object* obj = thisResponse(ZEND_THIS);
  struct stat st;
  if (::stat(ZSTR_VAL(file), &st) != 0 || !S_ISREG(st.st_mode)) {
    setSlotLong(obj, props.status, 404);
    zval body;
    ZVAL_STRING(&body, "<h3>404 Not Found</h3>");
    setSlot(obj, props.body, &body);
    zval_ptr_dtor(&body);
    RETURN_COPY(ZEND_THIS);
  }
  zval spec;
  array_init(&spec);
  add_assoc_str(&spec, "file", zend_string_copy(file));
  add_assoc_long(&spec, "offset", offset);
  add_assoc_long(&spec, "length", length);
  setSlot(obj, props.file, &spec);
  zval_ptr_dtor(&spec);
  RETURN_COPY(ZEND_THIS);
}

SURGE_METHOD(Surge_Protocols_Http_Response, cookie) {
  zend_string *name, *value = nullptr, *path = nullptr, *domain = nullptr, *sameSite = nullptr;
  zend_long maxAge = 0;
  bool maxAgeNull = true, secure = false, httpOnly = false;
  ZEND_PARSE_PARAMETERS_START(1, 8)
  Z_PARAM_STR(name)
  Z_PARAM_OPTIONAL
  Z_PARAM_STR(value)
  Z_PARAM_LONG_OR_NULL(maxAge, maxAgeNull)
  Z_PARAM_STR(path)
  Z_PARAM_STR(domain)
  Z_PARAM_BOOL(secure)
  Z_PARAM_BOOL(httpOnly)
  Z_PARAM_STR(sameSite)
  ZEND_PARSE_PARAMETERS_END();
  auto unsafe = [](zend_string* s) {
    return s && (!protocol::isSafeHttpFieldValue({ZSTR_VAL(s), ZSTR_LEN(s)}) ||
                 memchr(ZSTR_VAL(s), ';', ZSTR_LEN(s)) != nullptr);
  };
  if (!protocol::isHttpToken({ZSTR_VAL(name), ZSTR_LEN(name)}) || unsafe(path) || unsafe(domain) ||
      unsafe(sameSite)) {
    zend_throw_exception(spl_ce_InvalidArgumentException,
                         "cookie name must be a token, and path, domain and sameSite must not "
                         "contain CR, LF, NUL or ';'",
                         0);
    RETURN_THROWS();
  }
  std::string line(ZSTR_VAL(name), ZSTR_LEN(name));
  line.push_back('=');
  if (value) {
    zend_string* encoded = php_raw_url_encode(ZSTR_VAL(value), ZSTR_LEN(value));
    line.append(ZSTR_VAL(encoded), ZSTR_LEN(encoded));
    zend_string_release(encoded);
  }
  if (domain && ZSTR_LEN(domain))
    line.append("; Domain=").append(ZSTR_VAL(domain), ZSTR_LEN(domain));
  if (!maxAgeNull) line.append("; Max-Age=").append(std::to_string(maxAge));
  if (path && ZSTR_LEN(path)) line.append("; Path=").append(ZSTR_VAL(path), ZSTR_LEN(path));
  if (secure) line.append("; Secure");
  if (httpOnly) line.append("; HttpOnly");
  if (sameSite && ZSTR_LEN(sameSite))
    line.append("; SameSite=").append(ZSTR_VAL(sameSite), ZSTR_LEN(sameSite));
  zval v;
  ZVAL_STRINGL(&v, line.data(), line.size());
  zend_string* key = zend_string_init("Set-Cookie", sizeof("Set-Cookie") - 1, 0);
  zval list;
  array_init(&list);
  add_next_index_zval(&list, &v);
  bool ok = mergeHeader(thisResponse(ZEND_THIS), key, &list);
  zval_ptr_dtor(&list);
  zend_string_release(key);
  if (!ok) RETURN_THROWS();
  RETURN_COPY(ZEND_THIS);
}

SURGE_METHOD(Surge_Protocols_Http_Response, getMimeType) {
  zend_string* extension;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_STR(extension)
  ZEND_PARSE_PARAMETERS_END();
  std::string_view mime =
      protocol::mimeTypeForExtension({ZSTR_VAL(extension), ZSTR_LEN(extension)});
  RETURN_STRINGL(mime.data(), mime.size());
}

SURGE_METHOD(Surge_Protocols_Http_Response, __toString) {
  ZEND_PARSE_PARAMETERS_NONE();
  zend_object* obj = thisResponse(ZEND_THIS);
  ResponseParts parts = responseParts(obj);
  std::string out;
  protocol::HttpResponseHead head(
      &out, parts.version, parts.status,
      parts.reason.data() ? parts.reason : protocol::httpReasonPhrase(parts.status));
  writeHeaderArray(parts.headers, &head);
  protocol::HttpDateCache date;
  std::string_view now = date.now(std::time(nullptr));
  if (head.has(protocol::HttpResponseHead::kTransferEncoding) || head.isEventStream()) {
    head.finish(now, true, -1);
  } else {
    head.finish(now, true, static_cast<long long>(ZSTR_LEN(parts.body)));
    out.append(ZSTR_VAL(parts.body), ZSTR_LEN(parts.body));
  }
  RETURN_STRINGL(out.data(), out.size());
}
