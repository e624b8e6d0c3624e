/* Surge\Protocols\Http\Request: one request as the server framed it. Nothing is parsed
 * until a method asks; the result is cached in the protected $data array under
 * Workerman's keys, so subclasses (webman) that write $this->data['get'] are obeyed. */
#include <fcntl.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "connection_object.h"
#include "http_classes.h"
#include "http_server.h"
#include "protocol/http/http_chars.h"
#include "protocol/http/multipart_parser.h"

extern "C" {
#include "SAPI.h"
#include "ext/json/php_json.h"
#include "ext/random/php_random.h"
#include "main/php_variables.h"
#include "ext/spl/spl_exceptions.h"
#include "zend_attributes.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
}

#include "arginfo/Request_arginfo.h"

namespace surge::ext {

zend_class_entry* request_ce = nullptr;

namespace {

zend_object_handlers request_handlers;

struct RequestObject {
  std::vector<std::string>* uploads;  // temporary files to remove with the request
  zend_object std;
};

RequestObject* requestFrom(zend_object* obj) {
  return reinterpret_cast<RequestObject*>(reinterpret_cast<char*>(obj) -
                                          XtOffsetOf(RequestObject, std));
}

struct RequestProps {
  uint32_t connection, properties, context, data, buffer, chunkTrailers;
} props;

zend_object* createRequest(zend_class_entry* ce) {
  auto* r = static_cast<RequestObject*>(zend_object_alloc(sizeof(RequestObject), ce));
  r->uploads = nullptr;
  zend_object_std_init(&r->std, ce);
  object_properties_init(&r->std, ce);
  r->std.handlers = &request_handlers;
  return &r->std;
}

void freeRequest(zend_object* obj) {
  RequestObject* r = requestFrom(obj);
  if (r->uploads) {
    for (const std::string& path : *r->uploads) ::unlink(path.c_str());
    delete r->uploads;
    r->uploads = nullptr;
  }
  zend_object_std_dtor(obj);
}

std::string_view bufferOf(zend_object* obj) {
  zval* b = slot(obj, props.buffer);
  if (Z_TYPE_P(b) != IS_STRING) return {};
  return {Z_STRVAL_P(b), Z_STRLEN_P(b)};
}

// The head (request line and fields) without the empty line, and the body.
std::string_view headOf(std::string_view buffer) {
  size_t end = buffer.find("\r\n\r\n");
  return end == std::string_view::npos ? buffer : buffer.substr(0, end);
}
std::string_view bodyOf(std::string_view buffer) {
  size_t end = buffer.find("\r\n\r\n");
  return end == std::string_view::npos ? std::string_view() : buffer.substr(end + 4);
}

std::string_view requestLine(std::string_view buffer) {
  size_t nl = buffer.find('\n');
  std::string_view line = nl == std::string_view::npos ? buffer : buffer.substr(0, nl);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// $this->data, ready to be written.
HashTable* dataTable(zend_object* obj) {
  return Z_ARRVAL_P(arraySlot(obj, props.data));
}

zval* cached(zend_object* obj, std::string_view key) {
  zval* data = slot(obj, props.data);
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

// Split on ";", then on the first "="; names trimmed, values as sent.
zval* cookiesOf(zend_object* obj) {
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

zend_long maxFileUploads() {
  zval* v =
      zend_read_static_property(request_ce, "maxFileUploads", sizeof("maxFileUploads") - 1, 1);
  return v ? zval_get_long(v) : 1024;
}

// Writes one uploaded file to the upload folder; returns its $_FILES-style entry.
void saveUpload(RequestObject* r, const protocol::MultipartPart& part, zval* entry) {
  std::string_view filename = part.filename;
  size_t slash = filename.find_last_of("/\\");
  std::string_view base = slash == std::string_view::npos ? filename : filename.substr(slash + 1);
  array_init(entry);
  add_assoc_stringl(entry, "name", base.data(), base.size());
  int error = 0;
  std::string tmp;
  if (filename.empty() && part.data.empty()) {
    error = 4;  // UPLOAD_ERR_NO_FILE
  } else {
    std::string dir = httpUploadTmpDir();
    std::string pattern = dir + "/surge.upload.XXXXXX";
    int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
      error = 6;  // UPLOAD_ERR_NO_TMP_DIR
    } else {
      const char* p = part.data.data();
      size_t left = part.data.size();
      while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        p += n;
        left -= static_cast<size_t>(n);
      }
      ::close(fd);
      if (r->uploads == nullptr) r->uploads = new std::vector<std::string>();
      r->uploads->push_back(pattern);
      if (left > 0)
        error = 7;  // UPLOAD_ERR_CANT_WRITE
      else
        tmp = pattern;
    }
  }
  add_assoc_stringl(entry, "tmp_name", tmp.data(), tmp.size());
  add_assoc_long(entry, "size", error ? 0 : static_cast<zend_long>(part.data.size()));
  add_assoc_long(entry, "error", error);
  add_assoc_stringl(entry, "type", part.contentType.data(), part.contentType.size());
  add_assoc_stringl(entry, "full_path", filename.data(), filename.size());
}

// Fields go where parse_str() would put them (a[b][] nests); files likewise, each as
// one entry array.
void parseMultipart(zend_object* obj, std::string_view body, std::string_view boundary, zval* post,
                    zval* files) {
  RequestObject* r = requestFrom(obj);
  zend_long maxFiles = maxFileUploads();
  zend_long fileCount = 0;
  // Fields are bounded like PHP bounds them (max_input_vars), files by $maxFileUploads.
  zend_long maxVars = INI_INT("max_input_vars");
  protocol::MultipartParser parser(body, boundary,
                                   static_cast<size_t>(maxFiles + (maxVars > 0 ? maxVars : 1000)));
  protocol::MultipartPart part;
  while (parser.next(&part) == protocol::MultipartParser::Status::kPart) {
    const std::string& name = part.name;
    if (part.hasFilename) {
      if (fileCount >= maxFiles) continue;
      ++fileCount;
      zval entry;
      saveUpload(r, part, &entry);
      php_register_variable_ex(name.c_str(), &entry, files);
    } else {
      php_register_variable_safe(name.c_str(), part.data.data(), part.data.size(), post);
    }
  }
}

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
    parseMultipart(obj, body, boundary, &post, &files);
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

// ---- sessions: the Session class itself is PHP (php/Session.php) ----

zend_class_entry* sessionClass() {
  zend_string* name = zend_string_init("Surge\\Protocols\\Http\\Session",
                                       sizeof("Surge\\Protocols\\Http\\Session") - 1, 0);
  zend_class_entry* ce = zend_lookup_class(name);
  zend_string_release(name);
  if (ce == nullptr && !EG(exception))
    zend_throw_exception(spl_ce_RuntimeException,
                         "class Surge\\Protocols\\Http\\Session is missing", 0);
  return ce;
}

bool validSessionId(zval* id) {
  if (Z_TYPE_P(id) != IS_STRING) return false;
  size_t n = Z_STRLEN_P(id);
  if (n < 16 || n > 256) return false;
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(Z_STRVAL_P(id)[i]);
    if (!std::isalnum(c) && c != ',' && c != '-') return false;
  }
  return true;
}

zend_string* newSessionId() {
  struct timeval tv;
  gettimeofday(&tv, nullptr);
  double now = static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
  unsigned char raw[16];
  memcpy(raw, &now, 8);
  php_random_bytes_silent(raw + 8, 8);
  static const char kHex[] = "0123456789abcdef";
  zend_string* out = zend_string_alloc(32, 0);
  for (int i = 0; i < 16; ++i) {
    ZSTR_VAL(out)[2 * i] = kHex[raw[i] >> 4];
    ZSTR_VAL(out)[2 * i + 1] = kHex[raw[i] & 15];
  }
  ZSTR_VAL(out)[32] = '\0';
  return out;
}

zval* contextTable(zend_object* obj) {
  return arraySlot(obj, props.context);
}

zval* staticOf(zend_class_entry* ce, const char* name) {
  zval* v = zend_read_static_property(ce, name, strlen(name), 1);
  if (v) ZVAL_DEREF(v);
  return v;
}

// Queues the session cookie on the connection; the next response carries it.
bool queueSessionCookie(zend_object* obj, zend_string* sid) {
  zval* conn = slot(obj, props.connection);
  if (Z_TYPE_P(conn) != IS_OBJECT) {
    zend_throw_exception(spl_ce_RuntimeException, "Request->session() fail, header already send",
                         0);
    return false;
  }
  zend_class_entry* session = sessionClass();
  if (session == nullptr) return false;
  zval params;
  ZVAL_UNDEF(&params);
  zend_call_method_with_0_params(nullptr, session, nullptr, "getcookieparams", &params);
  if (EG(exception)) return false;
  zval* name = staticOf(session, "name");
  std::string cookie = name ? std::string(Z_STRVAL_P(name), Z_STRLEN_P(name)) : "PHPSID";
  cookie += "=";
  cookie.append(ZSTR_VAL(sid), ZSTR_LEN(sid));
  if (Z_TYPE(params) == IS_ARRAY) {
    HashTable* p = Z_ARRVAL(params);
    auto text = [&](const char* key) -> std::string {
      zval* v = zend_hash_str_find_deref(p, key, strlen(key));
      if (v == nullptr) return "";
      zend_string* s = zval_get_string(v);
      std::string out(ZSTR_VAL(s), ZSTR_LEN(s));
      zend_string_release(s);
      return out;
    };
    auto flag = [&](const char* key) {
      zval* v = zend_hash_str_find_deref(p, key, strlen(key));
      return v && zend_is_true(v);
    };
    std::string domain = text("domain"), lifetime = text("lifetime"), path = text("path"),
                sameSite = text("samesite");
    if (!domain.empty()) cookie += "; Domain=" + domain;
    if (!lifetime.empty() && lifetime != "0") cookie += "; Max-Age=" + lifetime;
    if (!path.empty()) cookie += "; Path=" + path;
    if (!sameSite.empty()) cookie += "; SameSite=" + sameSite;
    if (flag("secure")) cookie += "; Secure";
    if (flag("httponly")) cookie += "; HttpOnly";
  }
  zval_ptr_dtor(&params);
  // $connection->headers['Set-Cookie'] = [cookie]: one session cookie per response.
  zend_object* c = Z_OBJ_P(conn);
  zval list, line;
  array_init(&list);
  ZVAL_STRINGL(&line, cookie.data(), cookie.size());
  add_next_index_zval(&list, &line);
  zval* headers = zend_read_property(c->ce, c, "headers", sizeof("headers") - 1, 1, nullptr);
  zval merged;
  if (headers && Z_TYPE_P(headers) == IS_ARRAY) {
    ZVAL_ARR(&merged, zend_array_dup(Z_ARRVAL_P(headers)));
  } else {
    array_init(&merged);
  }
  zend_hash_str_update(Z_ARRVAL(merged), "Set-Cookie", sizeof("Set-Cookie") - 1, &list);
  zend_update_property(c->ce, c, "headers", sizeof("headers") - 1, &merged);
  zval_ptr_dtor(&merged);
  return true;
}

// The session id of this request: the cookie's if valid, else a new one (queued as a
// cookie on the connection).
zend_string* sessionIdOf(zend_object* obj) {
  zval* ctx = contextTable(obj);
  zval* sid = zend_hash_str_find_deref(Z_ARRVAL_P(ctx), "sid", 3);
  if (sid && Z_TYPE_P(sid) == IS_STRING) return zend_string_copy(Z_STR_P(sid));
  zend_class_entry* session = sessionClass();
  if (session == nullptr) return nullptr;
  zval* name = staticOf(session, "name");
  zend_string* cookieName = name ? zval_get_string(name) : zend_string_init("PHPSID", 6, 0);
  zval* cookies = cookiesOf(obj);
  zval* value = zend_symtable_find(Z_ARRVAL_P(cookies), cookieName);
  zend_string_release(cookieName);
  zend_string* id = nullptr;
  if (value && Z_TYPE_P(value) == IS_STRING) {
    std::string v(Z_STRVAL_P(value), Z_STRLEN_P(value));
    v.erase(std::remove(v.begin(), v.end(), '"'), v.end());
    zval candidate;
    ZVAL_STRINGL(&candidate, v.data(), v.size());
    if (validSessionId(&candidate)) id = zend_string_copy(Z_STR(candidate));
    zval_ptr_dtor(&candidate);
  }
  if (id == nullptr) {
    id = newSessionId();
    if (!queueSessionCookie(obj, id)) {
      zend_string_release(id);
      return nullptr;
    }
  }
  ctx = contextTable(obj);
  zval v;
  ZVAL_STR_COPY(&v, id);
  zend_hash_str_update(Z_ARRVAL_P(ctx), "sid", 3, &v);
  return id;
}

// new Session($id) as $this->context['session'].
zval* sessionOf(zend_object* obj) {
  zval* ctx = contextTable(obj);
  zval* existing = zend_hash_str_find_deref(Z_ARRVAL_P(ctx), "session", 7);
  if (existing && Z_TYPE_P(existing) == IS_OBJECT) return existing;
  zend_string* id = sessionIdOf(obj);
  if (id == nullptr) return nullptr;
  zend_class_entry* ce = sessionClass();
  if (ce == nullptr) {
    zend_string_release(id);
    return nullptr;
  }
  zval session, arg;
  ZVAL_STR(&arg, id);
  if (object_init_ex(&session, ce) != SUCCESS) {
    zend_string_release(id);
    return nullptr;
  }
  zend_call_known_instance_method_with_1_params(ce->constructor, Z_OBJ(session), nullptr, &arg);
  zend_string_release(id);
  if (EG(exception)) {
    zval_ptr_dtor(&session);
    return nullptr;
  }
  ctx = contextTable(obj);
  return zend_hash_str_update(Z_ARRVAL_P(ctx), "session", 7, &session);
}

zval* propertiesTable(zend_object* obj) {
  return arraySlot(obj, props.properties);
}

zend_object* thisRequest(zval* self) {
  return Z_OBJ_P(self);
}

}  // namespace

void registerRequestClass() {
  request_ce = register_class_Surge_Protocols_Http_Request(zend_ce_stringable);
  request_ce->create_object = createRequest;
  memcpy(&request_handlers, &std_object_handlers, sizeof request_handlers);
  request_handlers.offset = XtOffsetOf(RequestObject, std);
  request_handlers.free_obj = freeRequest;
  request_handlers.clone_obj = nullptr;
  props.connection = propertyOffset(request_ce, "connection");
  props.properties = propertyOffset(request_ce, "properties");
  props.context = propertyOffset(request_ce, "context");
  props.data = propertyOffset(request_ce, "data");
  props.buffer = propertyOffset(request_ce, "buffer");
  props.chunkTrailers = propertyOffset(request_ce, "chunkTrailers");
}

bool newHttpRequest(zval* out, zend_string* buffer, zend_object* connection) {
  zend_class_entry* ce = httpRequestClass();
  if (object_init_ex(out, ce) != SUCCESS) return false;
  zend_object* obj = Z_OBJ_P(out);
  zval b;
  ZVAL_STR_COPY(&b, buffer);
  if (ce->constructor == nullptr || ce->constructor->type == ZEND_INTERNAL_FUNCTION) {
    // Our constructor only stores the buffer: skip the call.
    setSlot(obj, props.buffer, &b);
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
  setSlot(obj, props.connection, &conn);
  return true;
}

void setRequestTrailers(zend_object* request, zval* trailers) {
  if (Z_TYPE_P(slot(request, props.chunkTrailers)) == IS_ARRAY) return;
  setSlot(request, props.chunkTrailers, trailers);
}

}  // namespace surge::ext

using namespace surge;
using namespace surge::ext;

ZEND_METHOD(Surge_Protocols_Http_Request, __construct) {
  zend_string* buffer;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_STR(buffer)
  ZEND_PARSE_PARAMETERS_END();
  zval b;
  ZVAL_STR(&b, buffer);
  setSlot(thisRequest(ZEND_THIS), props.buffer, &b);
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
SURGE_LOOKUP_METHOD(cookie, cookiesOf)

ZEND_METHOD(Surge_Protocols_Http_Request, header) {
  zend_string* name = nullptr;
  zval* def = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 2)
  Z_PARAM_OPTIONAL
  Z_PARAM_STR_OR_NULL(name)
  Z_PARAM_ZVAL(def)
  ZEND_PARSE_PARAMETERS_END();
  lookupLowered(headersOf(thisRequest(ZEND_THIS)), name, def, return_value);
}

ZEND_METHOD(Surge_Protocols_Http_Request, trailer) {
  zend_string* name = nullptr;
  zval* def = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 2)
  Z_PARAM_OPTIONAL
  Z_PARAM_STR_OR_NULL(name)
  Z_PARAM_ZVAL(def)
  ZEND_PARSE_PARAMETERS_END();
  zval* trailers = slot(thisRequest(ZEND_THIS), props.chunkTrailers);
  if (Z_TYPE_P(trailers) == IS_ARRAY) {
    lookupLowered(trailers, name, def, return_value);
  } else if (name == nullptr) {
    RETURN_EMPTY_ARRAY();
  } else if (def) {
    RETURN_COPY(def);
  }
}

ZEND_METHOD(Surge_Protocols_Http_Request, file) {
  zend_string* name = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_STR_OR_NULL(name)
  ZEND_PARSE_PARAMETERS_END();
  lookup(filesOf(thisRequest(ZEND_THIS)), name, nullptr, return_value);
}

ZEND_METHOD(Surge_Protocols_Http_Request, method) {
  ZEND_PARSE_PARAMETERS_NONE();
  returnPart(thisRequest(ZEND_THIS), "method", methodView, return_value);
}

ZEND_METHOD(Surge_Protocols_Http_Request, protocolVersion) {
  ZEND_PARSE_PARAMETERS_NONE();
  returnPart(thisRequest(ZEND_THIS), "protocolVersion", protocolVersionView, return_value);
}

ZEND_METHOD(Surge_Protocols_Http_Request, host) {
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

ZEND_METHOD(Surge_Protocols_Http_Request, uri) {
  ZEND_PARSE_PARAMETERS_NONE();
  returnPart(thisRequest(ZEND_THIS), "uri", uriView, return_value);
}

ZEND_METHOD(Surge_Protocols_Http_Request, path) {
  ZEND_PARSE_PARAMETERS_NONE();
  returnPart(thisRequest(ZEND_THIS), "path", pathView, return_value);
}

ZEND_METHOD(Surge_Protocols_Http_Request, queryString) {
  ZEND_PARSE_PARAMETERS_NONE();
  returnPart(thisRequest(ZEND_THIS), "query_string", queryStringView, return_value);
}

ZEND_METHOD(Surge_Protocols_Http_Request, session) {
  ZEND_PARSE_PARAMETERS_NONE();
  zval* session = sessionOf(thisRequest(ZEND_THIS));
  if (session == nullptr) RETURN_THROWS();
  RETURN_COPY(session);
}

ZEND_METHOD(Surge_Protocols_Http_Request, sessionId) {
  zend_string* id = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_STR_OR_NULL(id)
  ZEND_PARSE_PARAMETERS_END();
  zend_object* obj = thisRequest(ZEND_THIS);
  if (id) {
    zval candidate;
    ZVAL_STR(&candidate, id);
    if (!validSessionId(&candidate)) {
      zend_argument_value_error(1, "is not a valid session id (16 to 256 of a-z A-Z 0-9 , -)");
      RETURN_THROWS();
    }
    // Switching sessions: the next session() opens the new one.
    zval* ctx = contextTable(obj);
    zend_hash_str_del(Z_ARRVAL_P(ctx), "session", 7);
    zval v;
    ZVAL_STR_COPY(&v, id);
    zend_hash_str_update(Z_ARRVAL_P(ctx), "sid", 3, &v);
    RETURN_STR_COPY(id);
  }
  zend_string* sid = sessionIdOf(obj);
  if (sid == nullptr) RETURN_THROWS();
  RETURN_STR(sid);
}

ZEND_METHOD(Surge_Protocols_Http_Request, isValidSessionId) {
  zval* id;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_ZVAL(id)
  ZEND_PARSE_PARAMETERS_END();
  RETURN_BOOL(validSessionId(id));
}

ZEND_METHOD(Surge_Protocols_Http_Request, sessionRegenerateId) {
  bool deleteOld = false;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_BOOL(deleteOld)
  ZEND_PARSE_PARAMETERS_END();
  zend_object* obj = thisRequest(ZEND_THIS);
  zval* old = sessionOf(obj);
  if (old == nullptr) RETURN_THROWS();
  zval oldSession, all;
  ZVAL_COPY(&oldSession, old);
  zend_call_method_with_0_params(Z_OBJ(oldSession), Z_OBJCE(oldSession), nullptr, "all", &all);
  if (!EG(exception) && deleteOld) {
    zval ignored;
    zend_call_method_with_0_params(Z_OBJ(oldSession), Z_OBJCE(oldSession), nullptr, "flush",
                                   &ignored);
    zval_ptr_dtor(&ignored);
  }
  zend_string* id = EG(exception) ? nullptr : newSessionId();
  if (id && queueSessionCookie(obj, id)) {
    zval* ctx = contextTable(obj);
    zval v;
    ZVAL_STR_COPY(&v, id);
    zend_hash_str_update(Z_ARRVAL_P(ctx), "sid", 3, &v);
    zend_hash_str_del(Z_ARRVAL_P(ctx), "session", 7);
    zval* fresh = sessionOf(obj);
    if (fresh) {
      zval ignored;
      zend_call_method_with_1_params(Z_OBJ_P(fresh), Z_OBJCE_P(fresh), nullptr, "put", &ignored,
                                     &all);
      zval_ptr_dtor(&ignored);
    }
  }
  zval_ptr_dtor(&all);
  zval_ptr_dtor(&oldSession);
  if (EG(exception) || id == nullptr) {
    if (id) zend_string_release(id);
    RETURN_THROWS();
  }
  RETURN_STR(id);
}

ZEND_METHOD(Surge_Protocols_Http_Request, createSessionId) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_STR(newSessionId());
}

ZEND_METHOD(Surge_Protocols_Http_Request, rawHead) {
  ZEND_PARSE_PARAMETERS_NONE();
  std::string_view head = headOf(bufferOf(thisRequest(ZEND_THIS)));
  RETURN_STRINGL(head.data(), head.size());
}

ZEND_METHOD(Surge_Protocols_Http_Request, rawBody) {
  ZEND_PARSE_PARAMETERS_NONE();
  std::string_view body = bodyOf(bufferOf(thisRequest(ZEND_THIS)));
  RETURN_STRINGL(body.data(), body.size());
}

ZEND_METHOD(Surge_Protocols_Http_Request, rawBuffer) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_COPY(slot(thisRequest(ZEND_THIS), props.buffer));
}

ZEND_METHOD(Surge_Protocols_Http_Request, __toString) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_COPY(slot(thisRequest(ZEND_THIS), props.buffer));
}

ZEND_METHOD(Surge_Protocols_Http_Request, setChunkTrailers) {
  zval* value;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_ARRAY(value)
  ZEND_PARSE_PARAMETERS_END();
  setRequestTrailers(thisRequest(ZEND_THIS), value);
}

ZEND_METHOD(Surge_Protocols_Http_Request, destroy) {
  ZEND_PARSE_PARAMETERS_NONE();
  zend_object* obj = thisRequest(ZEND_THIS);
  zval empty, null;
  array_init(&empty);
  setSlot(obj, props.context, &empty);
  setSlot(obj, props.properties, &empty);
  zval_ptr_dtor(&empty);
  ZVAL_NULL(&null);
  setSlot(obj, props.connection, &null);
}

ZEND_METHOD(Surge_Protocols_Http_Request, __get) {
  zend_string* name;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_STR(name)
  ZEND_PARSE_PARAMETERS_END();
  zval* p = slot(thisRequest(ZEND_THIS), props.properties);
  zval* v = Z_TYPE_P(p) == IS_ARRAY ? zend_symtable_find(Z_ARRVAL_P(p), name) : nullptr;
  if (v == nullptr) RETURN_NULL();
  RETURN_COPY_DEREF(v);
}

ZEND_METHOD(Surge_Protocols_Http_Request, __set) {
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

ZEND_METHOD(Surge_Protocols_Http_Request, __isset) {
  zend_string* name;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_STR(name)
  ZEND_PARSE_PARAMETERS_END();
  zval* p = slot(thisRequest(ZEND_THIS), props.properties);
  zval* v = Z_TYPE_P(p) == IS_ARRAY ? zend_symtable_find(Z_ARRVAL_P(p), name) : nullptr;
  RETURN_BOOL(v && Z_TYPE_P(v) != IS_NULL);
}

ZEND_METHOD(Surge_Protocols_Http_Request, __unset) {
  zend_string* name;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_STR(name)
  ZEND_PARSE_PARAMETERS_END();
  zval* p = propertiesTable(thisRequest(ZEND_THIS));
  zend_symtable_del(Z_ARRVAL_P(p), name);
}
