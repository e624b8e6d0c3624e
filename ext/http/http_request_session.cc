/* Sessions of Surge\Protocols\Http\Request: session(), the session id (from the cookie,
 * or a new one queued as a Set-Cookie on the connection) and its regeneration. The
 * Session class itself is PHP (php/Session.php). */
#include <sys/time.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

#include "core/boundary.h"
#include "http/http_classes.h"
#include "http/http_request_object.h"

extern "C" {
#include "ext/random/php_random.h"
#include "ext/spl/spl_exceptions.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
}

namespace surge::ext {

namespace {

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
  return arraySlot(obj, request_props.context);
}

zval* staticOf(zend_class_entry* ce, const char* name) {
  zval* v = zend_read_static_property(ce, name, strlen(name), 1);
  if (v) ZVAL_DEREF(v);
  return v;
}

// Queues the session cookie on the connection; the next response carries it.
bool queueSessionCookie(zend_object* obj, zend_string* sid) {
  zval* conn = slot(obj, request_props.connection);
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
  zval* cookies = requestCookies(obj);
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

}  // namespace

}  // namespace surge::ext

using namespace surge;
using namespace surge::ext;

SURGE_METHOD(Surge_Protocols_Http_Request, session) {
  ZEND_PARSE_PARAMETERS_NONE();
  zval* session = sessionOf(thisRequest(ZEND_THIS));
  if (session == nullptr) RETURN_THROWS();
  RETURN_COPY(session);
}

SURGE_METHOD(Surge_Protocols_Http_Request, sessionId) {
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
    // Switching sessions: the next session() opens the new one, and the client gets its
    // cookie (as Workerman sends it).
    if (!queueSessionCookie(obj, id)) RETURN_THROWS();
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

SURGE_METHOD(Surge_Protocols_Http_Request, isValidSessionId) {
  zval* id;
  ZEND_PARSE_PARAMETERS_START(1, 1)
  Z_PARAM_ZVAL(id)
  ZEND_PARSE_PARAMETERS_END();
  RETURN_BOOL(validSessionId(id));
}

SURGE_METHOD(Surge_Protocols_Http_Request, sessionRegenerateId) {
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

SURGE_METHOD(Surge_Protocols_Http_Request, createSessionId) {
  ZEND_PARSE_PARAMETERS_NONE();
  RETURN_STR(newSessionId());
}
