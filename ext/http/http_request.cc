/* Surge\Protocols\Http\Request: one request as the server framed it. Nothing is parsed
 * until a method asks; the result is cached in the protected $data array under
 * Workerman's keys, so subclasses (webman) that write $this->data['get'] are obeyed.
 * This file owns the class, the request line, headers, query, cookies and the body's
 * dispatch by content type; multipart bodies and uploaded files are http_upload.cc's,
 * sessions http_request_session.cc's. */
#include <string>

#include "core/boundary.h"
#include "core/connection_object.h"
#include "http/http_classes.h"
#include "http/http_request_object.h"
#include "http/http_server.h"
#include "protocol/http/http_chars.h"
#include "protocol/http/multipart_parser.h"

extern "C" {
#include "SAPI.h"
#include "ext/json/php_json.h"
#include "main/php_variables.h"
#include "zend_attributes.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
}

#include "arginfo/Request_arginfo.h"

namespace surge::ext {

zend_class_entry* request_ce = nullptr;
RequestProps request_props;

namespace {

zend_object_handlers request_handlers;

zend_object* createRequest(zend_class_entry* ce) {
  auto* r = static_cast<RequestObject*>(zend_object_alloc(sizeof(RequestObject), ce));
  r->uploads = nullptr;
  zend_object_std_init(&r->std, ce);
  object_properties_init(&r->std, ce);
  r->std.handlers = &request_handlers;
  return &r->std;
}

void freeRequest(zend_object* obj) {
  removeUploads(requestFrom(obj));
  zend_object_std_dtor(obj);
}

std::string_view bufferOf(zend_object* obj) {
  zval* b = slot(obj, request_props.buffer);
  if (Z_TYPE_P(b) != IS_STRING) return {};
  return {Z_STRVAL_P(b), Z_STRLEN_P(b)};
}

// Where the head ends: the line end before the first empty line, and where the body
// starts. Lines may end in a bare LF (RFC 9112 2.2, accepted by the parser), so the empty
// line is "\r\n" or "\n" after a "\n". Without one, all is head.
struct HeadSplit {
  size_t headEnd;
  size_t bodyStart;
};
HeadSplit splitHead(std::string_view buffer) {
  for (size_t nl = buffer.find('\n'); nl != std::string_view::npos;
       nl = buffer.find('\n', nl + 1)) {
    size_t next = nl + 1;
    size_t body = 0;
    if (next < buffer.size() && buffer[next] == '\n')
      body = next + 1;
    else if (next + 1 < buffer.size() && buffer[next] == '\r' && buffer[next + 1] == '\n')
      body = next + 2;
    else
      continue;
    return {nl > 0 && buffer[nl - 1] == '\r' ? nl - 1 : nl, body};
  }
  return {buffer.size(), buffer.size()};
}

// The head (request line and fields) without the empty line, and the body. Both are views
// into the buffer, also when empty: a view with null data must not reach memcpy.
std::string_view headOf(std::string_view buffer) {
  return buffer.substr(0, splitHead(buffer).headEnd);
}
std::string_view bodyOf(std::string_view buffer) {
  return buffer.substr(splitHead(buffer).bodyStart);
}

std::string_view requestLine(std::string_view buffer) {
  size_t nl = buffer.find('\n');
  std::string_view line = nl == std::string_view::npos ? buffer : buffer.substr(0, nl);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// $this->data, ready to be written.
HashTable* dataTable(zend_object* obj) {
  return Z_ARRVAL_P(arraySlot(obj, request_props.data));
}

zval* cached(zend_object* obj, std::string_view key) {
  zval* data = slot(obj, request_props.data);
  if (Z_TYPE_P(data) != IS_ARRAY || zend_hash_num_elements(Z_ARRVAL_P(data)) == 0) return nullptr;
  return zend_hash_str_find_deref(Z_ARRVAL_P(data), key.data(), key.size());
}

// Stores `value` (its reference is taken over) as $this->data[key] and returns it.
zval* store(zend_object* obj, std::string_view key, zval* value) {
  return zend_hash_str_update(dataTable(obj), key.data(), key.size(), value);
}

// Returns the whole array, or one entry of it, or the default.
void lookup(zval* array, zend_string* name, zval* def, zval* return_value) {
  if (name == nullptr) {
    RETURN_COPY_DEREF(array);
  }
  zval* v = Z_TYPE_P(array) == IS_ARRAY ? zend_symtable_find(Z_ARRVAL_P(array), name) : nullptr;
  if (v) {
    RETURN_COPY_DEREF(v);
  }
  if (def) {
    RETURN_COPY(def);
  }
  RETURN_NULL();
}

// lookup() by a name compared case-insensitively (header and trailer names are stored
// lowercased).
void lookupLowered(zval* array, zend_string* name, zval* def, zval* return_value) {
  if (name == nullptr) {
    lookup(array, nullptr, def, return_value);
    return;
  }
  zend_string* lowered = zend_string_tolower(name);
  lookup(array, lowered, def, return_value);
  zend_string_release(lowered);
}

// The request line's parts, straight from the buffer. They are cheap to find again, so
// they are not stored in $data (a subclass that stores them there is obeyed, though).
std::string_view methodView(zend_object* obj) {
  std::string_view line = requestLine(bufferOf(obj));
  return line.substr(0, line.find(' '));
}

std::string_view uriView(zend_object* obj) {
  if (zval* v = cached(obj, "uri"); v && Z_TYPE_P(v) == IS_STRING)
    return {Z_STRVAL_P(v), Z_STRLEN_P(v)};
  std::string_view line = requestLine(bufferOf(obj));
  size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos) return {};
  size_t sp2 = line.find(' ', sp1 + 1);
  return line.substr(sp1 + 1,
                     sp2 == std::string_view::npos ? std::string_view::npos : sp2 - sp1 - 1);
}

std::string_view pathView(zend_object* obj) {
  std::string_view u = uriView(obj);
  std::string_view path = u.substr(0, u.find('?'));
  return path.empty() ? std::string_view("/") : path;
}

std::string_view queryStringView(zend_object* obj) {
  if (zval* v = cached(obj, "query_string"); v && Z_TYPE_P(v) == IS_STRING)
    return {Z_STRVAL_P(v), Z_STRLEN_P(v)};
  std::string_view u = uriView(obj);
  size_t q = u.find('?');
  return q == std::string_view::npos ? std::string_view() : u.substr(q + 1);
}

std::string_view protocolVersionView(zend_object* obj) {
  std::string_view line = requestLine(bufferOf(obj));
  size_t slash = line.rfind("HTTP/");
  return slash == std::string_view::npos ? std::string_view("1.0") : line.substr(slash + 5);
}

// $this->data[key] if a subclass stored it, else the part computed from the buffer.
void returnPart(zend_object* obj, std::string_view key, std::string_view (*part)(zend_object*),
                zval* return_value) {
  if (zval* v = cached(obj, key)) {
    RETURN_COPY(v);
  }
  std::string_view value = part(obj);
  RETURN_STRINGL_FAST(value.data(), value.size());
}

// Field names lowercased; repeated fields joined with ",".
zval* headersOf(zend_object* obj) {
  if (zval* v = cached(obj, "headers")) return v;
  zval headers;
  array_init(&headers);
  std::string_view head = headOf(bufferOf(obj));
  size_t pos = head.find('\n');
  while (pos != std::string_view::npos && pos + 1 < head.size()) {
    size_t start = pos + 1;
    size_t nl = head.find('\n', start);
    std::string_view line =
        head.substr(start, nl == std::string_view::npos ? head.size() - start : nl - start);
    pos = nl;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    std::string name = protocol::asciiLower(line.substr(0, colon));
    std::string_view value = protocol::trimOws(line.substr(colon + 1));
    zval* existing = zend_hash_str_find(Z_ARRVAL(headers), name.data(), name.size());
    if (existing && Z_TYPE_P(existing) == IS_STRING) {
      std::string joined(Z_STRVAL_P(existing), Z_STRLEN_P(existing));
      joined.push_back(',');
      joined.append(value);
      zval v;
      ZVAL_STRINGL(&v, joined.data(), joined.size());
      zend_hash_str_update(Z_ARRVAL(headers), name.data(), name.size(), &v);
    } else {
      add_assoc_stringl_ex(&headers, name.data(), name.size(), value.data(), value.size());
    }
  }
  return store(obj, "headers", &headers);
}

std::string_view headerValue(zend_object* obj, std::string_view name) {
  zval* headers = headersOf(obj);
  if (Z_TYPE_P(headers) != IS_ARRAY) return {};
  zval* v = zend_hash_str_find_deref(Z_ARRVAL_P(headers), name.data(), name.size());
  if (v == nullptr || Z_TYPE_P(v) != IS_STRING) return {};
  return {Z_STRVAL_P(v), Z_STRLEN_P(v)};
}

// parse_str() into a new array.
void parseQuery(std::string_view query, zval* out) {
  array_init(out);
  if (query.empty()) return;
  sapi_module.treat_data(PARSE_STRING, estrndup(query.data(), query.size()), out);
}

zval* getOf(zend_object* obj) {
  if (zval* v = cached(obj, "get")) return v;
  zval get;
  parseQuery(queryStringView(obj), &get);
  return store(obj, "get", &get);
}

}  // namespace

// Split on ";", then on the first "="; names trimmed, values as sent.
zval* requestCookies(zend_object* obj) {
  if (zval* v = cached(obj, "cookie")) return v;
  zval cookies;
  array_init(&cookies);
  std::string_view header = headerValue(obj, "cookie");
  size_t pos = 0;
  while (pos <= header.size() && !header.empty()) {
    size_t semi = header.find(';', pos);
    std::string_view part =
        header.substr(pos, semi == std::string_view::npos ? std::string_view::npos : semi - pos);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos) {
      std::string_view name = protocol::trimOws(part.substr(0, eq));
      std::string_view value = part.substr(eq + 1);
      zval v;
      ZVAL_STRINGL(&v, value.data(), value.size());
      zend_symtable_str_update(Z_ARRVAL(cookies), name.data(), name.size(), &v);
    }
    if (semi == std::string_view::npos) break;
    pos = semi + 1;
  }
  return store(obj, "cookie", &cookies);
}

namespace {

void parsePost(zend_object* obj) {
  zval post, files;
  array_init(&post);
  array_init(&files);
  std::string_view buffer = bufferOf(obj);
  std::string_view body = bodyOf(buffer);
  std::string_view type = headerValue(obj, "content-type");
  std::string_view boundary;
  std::string ltype = protocol::asciiLower(type);
  if (ltype.find("multipart/form-data") != std::string::npos &&
      protocol::multipartBoundary(type, &boundary)) {
    parseMultipartBody(obj, body, boundary, &post, &files);
  } else if (ltype.find("json") != std::string::npos) {
    zval decoded;
    if (!body.empty() && php_json_decode_ex(&decoded, body.data(), body.size(),
                                            PHP_JSON_OBJECT_AS_ARRAY, 512) == SUCCESS) {
      if (Z_TYPE(decoded) == IS_ARRAY) {
        zval_ptr_dtor(&post);
        ZVAL_COPY_VALUE(&post, &decoded);
      } else {
        zval_ptr_dtor(&decoded);
      }
    }
  } else if (!body.empty()) {
    zval_ptr_dtor(&post);
    parseQuery(body, &post);
  }
  if (!cached(obj, "post"))
    store(obj, "post", &post);
  else
    zval_ptr_dtor(&post);
  if (!cached(obj, "files"))
    store(obj, "files", &files);
  else
    zval_ptr_dtor(&files);
}

zval* postOf(zend_object* obj) {
  if (zval* v = cached(obj, "post")) return v;
  parsePost(obj);
  return cached(obj, "post");
}

zval* filesOf(zend_object* obj) {
  if (zval* v = cached(obj, "files")) return v;
  parsePost(obj);
  return cached(obj, "files");
}

zval* propertiesTable(zend_object* obj) {
  return arraySlot(obj, request_props.properties);
}

}  // namespace

void registerRequestClass() {
  request_ce = register_class_Surge_Protocols_Http_Request(zend_ce_stringable);
  request_ce->create_object = createRequest;
  memcpy(&request_handlers, &std_object_handlers, sizeof request_handlers);
  request_handlers.offset = XtOffsetOf(RequestObject, std);
  request_handlers.free_obj = freeRequest;
  request_handlers.clone_obj = nullptr;
  request_props.connection = propertyOffset(request_ce, "connection");
  request_props.properties = propertyOffset(request_ce, "properties");
  request_props.context = propertyOffset(request_ce, "context");
  request_props.data = propertyOffset(request_ce, "data");
  request_props.buffer = propertyOffset(request_ce, "buffer");
  request_props.chunkTrailers = propertyOffset(request_ce, "chunkTrailers");
}

bool newHttpRequest(zval* out, zend_string* buffer, zend_object* connection) {
  zend_class_entry* ce = httpRequestClass();
  if (object_init_ex(out, ce) != SUCCESS) return false;
  zend_object* obj = Z_OBJ_P(out);
  zval b;
  ZVAL_STR_COPY(&b, buffer);
  if (ce->constructor == nullptr || ce->constructor->type == ZEND_INTERNAL_FUNCTION) {
    // Our constructor only stores the buffer: skip the call.
    setSlot(obj, request_props.buffer, &b);
  } else {
    zend_call_known_instance_method_with_1_params(ce->constructor, obj, nullptr, &b);
    if (EG(exception)) {
      zval_ptr_dtor(&b);
      zval_ptr_dtor(out);
      ZVAL_UNDEF(out);
      return false;
    }
  }
  zval_ptr_dtor(&b);
  zval conn;
  ZVAL_OBJ(&conn, connection);
  setSlot(obj, request_props.connection, &conn);
  return true;
}

void setRequestTrailers(zend_object* request, zval* trailers) {
  if (Z_TYPE_P(slot(request, request_props.chunkTrailers)) == IS_ARRAY) return;
  setSlot(request, request_props.chunkTrailers, trailers);
}

}  // namespace surge::ext

using namespace surge;
using namespace surge::ext;

SURGE_METHOD(Surge_Protocols_Http_Request, __construct) {
  zend_string* buffer;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_STR(buffer)
  ZEND_PARSE_PARAMETERS_END();
  zval b;
  ZVAL_STR(&b, buffer);
  setSlot(thisRequest(ZEND_THIS), request_props.buffer, &b);
}

#define SURGE_LOOKUP_METHOD(method, source)           \
  ZEND_METHOD(Surge_Protocols_Http_Request, method) { \
    zend_string* name = nullptr;                      \
    zval* def = nullptr;                              \
    ZEND_PARSE_PARAMETERS_START(0, 2)                 \
    Z_PARAM_OPTIONAL                                  \
    Z_PARAM_STR_OR_NULL(name)                         \
    Z_PARAM_ZVAL(def)                                 \
    ZEND_PARSE_PARAMETERS_END();                      \
    zval* array = source(thisRequest(ZEND_THIS));     \
    if (array == nullptr) RETURN_THROWS();            \
    lookup(array, name, def, return_value);           \
  }

SURGE_LOOKUP_METHOD(get, getOf)
SURGE_LOOKUP_METHOD(post, postOf)
SURGE_LOOKUP_METHOD(cookie, requestCookies)

SURGE_METHOD(Surge_Protocols_Http_Request, header) {
  zend_string* name = nullptr;
  zval* def = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 2)
  Z_PARAM_OPTIONAL
  Z_PARAM_STR_OR_NULL(name)
  Z_PARAM_ZVAL(def)
  ZEND_PARSE_PARAMETERS_END();
  lookupLowered(headersOf(thisRequest(ZEND_THIS)), name, def, return_value);
}

SURGE_METHOD(Surge_Protocols_Http_Request, trailer) {
  zend_string* name = nullptr;
  zval* def = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 2)
  Z_PARAM_OPTIONAL
  Z_PARAM_STR_OR_NULL(name)
  Z_PARAM_ZVAL(def)
  ZEND_PARSE_PARAMETERS_END();
  zval* trailers = slot(thisRequest(ZEND_THIS), request_props.chunkTrailers);
  if (Z_TYPE_P(trailers) == IS_ARRAY) {
    lookupLowered(trailers, name, def, return_value);
  } else if (name == nullptr) {
    RETURN_EMPTY_ARRAY();
  } else if (def) {
    RETURN_COPY(def);
  }
}

SURGE_METHOD(Surge_Protocols_Http_Request, file) {
  zend_string* name = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_STR_OR_NULL(name)
  ZEND_PARSE_PARAMETERS_END();
  lookup(filesOf(thisRequest(ZEND_THIS)), name, nullptr, return_value);
}

SURGE_METHOD(Surge_Protocols_Http_Request, method) {
  ZEND_PARSE_PARAMETERS_NONE();
  returnPart(thisRequest(ZEND_THIS), "method", methodView, return_value);
}

SURGE_METHOD(Surge_Protocols_Http_Request, protocolVersion) {
  ZEND_PARSE_PARAMETERS_NONE();
  returnPart(thisRequest(ZEND_THIS), "protocolVersion", protocolVersionView, return_value);
}

SURGE_METHOD(Surge_Protocols_Http_Request, host) {
  bool withoutPort = false;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_BOOL(withoutPort)
  ZEND_PARSE_PARAMETERS_END();
  zval* headers = headersOf(thisRequest(ZEND_THIS));
  zval* host = zend_hash_str_find_deref(Z_ARRVAL_P(headers), "host", 4);
  if (host == nullptr || Z_TYPE_P(host) != IS_STRING) RETURN_NULL();
  std::string_view h(Z_STRVAL_P(host), Z_STRLEN_P(host));
  if (withoutPort) {
    // Strip a trailing ":digits" (an IPv6 literal keeps its brackets).
    size_t colon = h.rfind(':');
    if (colon != std::string_view::npos && colon + 1 < h.size() && h.size() - colon <= 6 &&
        h.find_first_not_of("0123456789", colon + 1) == std::string_view::npos &&
        (h.front() != '[' || h[colon - 1] == ']'))
      h = h.substr(0, colon);
  }
  RETURN_STRINGL(h.data(), h.size());
}

SURGE_METHOD(Surge_Protocols_Http_Request, uri) {
  ZEND_PARSE_PARAMETERS_NONE();
  returnPart(thisRequest(ZEND_THIS), "uri", uriView, return_value);
}

SURGE_METHOD(Surge_Protocols_Http_Request, path) {
  ZEND_PARSE_PARAMETERS_NONE();
  returnPart(thisRequest(ZEND_THIS), "path", pathView, return_value);
}

SURGE_METHOD(Surge_Protocols_Http_Request, queryString) {
  ZEND_PARSE_PARAMETERS_NONE();
  returnPart(thisRequest(ZEND_THIS), "query_string", queryStringView, return_value);
}

SURGE_METHOD(Surge_Protocols_Http_Request, rawHead) {
  ZEND_PARSE_PARAMETERS_NONE();
  std::string_view head = headOf(bufferOf(thisRequest(ZEND_THIS)));
  RETURN_STRINGL(head.data(), head.size());
}

SURGE_METHOD(Surge_Protocols_Http_Request, rawBody) {
  ZEND_PARSE_PARAMETERS_NONE();
  std::string_view body = bodyOf(bufferOf(thisRequest(ZEND_THIS)));
  RETURN_STRINGL(body.data(), body.size());
}

SURGE_METHOD(Surge_Protocols_Http_Request, rawBuffer) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_COPY(slot(thisRequest(ZEND_THIS), request_props.buffer));
}

SURGE_METHOD(Surge_Protocols_Http_Request, __toString) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_COPY(slot(thisRequest(ZEND_THIS), request_props.buffer));
}

SURGE_METHOD(Surge_Protocols_Http_Request, setChunkTrailers) {
  zval* value;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_ARRAY(value)
  ZEND_PARSE_PARAMETERS_END();
  setRequestTrailers(thisRequest(ZEND_THIS), value);
}

SURGE_METHOD(Surge_Protocols_Http_Request, destroy) {
  ZEND_PARSE_PARAMETERS_NONE();
  zend_object* obj = thisRequest(ZEND_THIS);
  zval empty, null;
  array_init(&empty);
  setSlot(obj, request_props.context, &empty);
  setSlot(obj, request_props.properties, &empty);
  zval_ptr_dtor(&empty);
  ZVAL_NULL(&null);
  setSlot(obj, request_props.connection, &null);
}

SURGE_METHOD(Surge_Protocols_Http_Request, __get) {
  zend_string* name;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_STR(name)
  ZEND_PARSE_PARAMETERS_END();
  zval* p = slot(thisRequest(ZEND_THIS), request_props.properties);
  zval* v = Z_TYPE_P(p) == IS_ARRAY ? zend_symtable_find(Z_ARRVAL_P(p), name) : nullptr;
  if (v == nullptr) RETURN_NULL();
  RETURN_COPY_DEREF(v);
}

SURGE_METHOD(Surge_Protocols_Http_Request, __set) {
  zend_string* name;
  zval* value;
  ZEND_PARSE_PARAMETERS_START(2, 2)
  Z_PARAM_STR(name)
  Z_PARAM_ZVAL(value)
  ZEND_PARSE_PARAMETERS_END();
  zval* p = propertiesTable(thisRequest(ZEND_THIS));
  Z_TRY_ADDREF_P(value);
  zend_symtable_update(Z_ARRVAL_P(p), name, value);
}

SURGE_METHOD(Surge_Protocols_Http_Request, __isset) {
  zend_string* name;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_STR(name)
  ZEND_PARSE_PARAMETERS_END();
  zval* p = slot(thisRequest(ZEND_THIS), request_props.properties);
  zval* v = Z_TYPE_P(p) == IS_ARRAY ? zend_symtable_find(Z_ARRVAL_P(p), name) : nullptr;
  RETURN_BOOL(v && Z_TYPE_P(v) != IS_NULL);
}

SURGE_METHOD(Surge_Protocols_Http_Request, __unset) {
  zend_string* name;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_STR(name)
  ZEND_PARSE_PARAMETERS_END();
  zval* p = propertiesTable(thisRequest(ZEND_THIS));
  zend_symtable_del(Z_ARRVAL_P(p), name);
}
