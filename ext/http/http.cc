/* Surge\Protocols\Http: the settings of the native HTTP server (request class, upload
 * folder). The framing and encoding themselves are in http_server.cc. */
#include <string>

#include "core/boundary.h"
#include "http/http_classes.h"

extern "C" {
#include "ext/standard/file.h"
#include "main/php_ini.h"
#include "main/php_open_temporary_file.h"
}

#define SURGE_HTTP_400 "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
#define SURGE_HTTP_413 "HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n"
#define SURGE_HTTP_431 "HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n"

#include "arginfo/Http_arginfo.h"

namespace surge::ext {

zend_class_entry* http_ce = nullptr;

namespace {
zend_class_entry* g_requestClass = nullptr;  // null: Request
std::string g_uploadTmpDir;                  // empty: upload_tmp_dir, else the temp dir
}  // namespace

void registerHttpClass() {
  http_ce = register_class_Surge_Protocols_Http();
}

void resetHttpSettings() {
  g_requestClass = nullptr;
  g_uploadTmpDir.clear();
}

zend_class_entry* httpRequestClass() {
  return g_requestClass ? g_requestClass : request_ce;
}

std::string httpUploadTmpDir() {
  if (!g_uploadTmpDir.empty()) return g_uploadTmpDir;
  const char* ini = INI_STR("upload_tmp_dir");
  if (ini && *ini) return ini;
  return php_get_temporary_directory();
}

}  // namespace surge::ext

using namespace surge::ext;

SURGE_METHOD(Surge_Protocols_Http, requestClass) {
  zend_string* name = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_STR_OR_NULL(name)
  ZEND_PARSE_PARAMETERS_END();
  if (name) {
    zend_class_entry* ce = zend_lookup_class(name);
    if (ce == nullptr) {
      zend_argument_value_error(1, "must name an existing class, %s does not exist",
                                ZSTR_VAL(name));
      RETURN_THROWS();
    }
    if (!instanceof_function(ce, request_ce)) {
      zend_argument_value_error(1,
                                "must be Surge\\Protocols\\Http\\Request or a subclass, %s is not",
                                ZSTR_VAL(ce->name));
      RETURN_THROWS();
    }
    g_requestClass = ce;
  }
  RETURN_STR_COPY(httpRequestClass()->name);
}

SURGE_METHOD(Surge_Protocols_Http, uploadTmpDir) {
  zend_string* dir = nullptr;
  ZEND_PARSE_PARAMETERS_START(0, 1)
  Z_PARAM_OPTIONAL
  Z_PARAM_STR_OR_NULL(dir)
  ZEND_PARSE_PARAMETERS_END();
  if (dir) g_uploadTmpDir.assign(ZSTR_VAL(dir), ZSTR_LEN(dir));
  std::string current = httpUploadTmpDir();
  RETURN_STRINGL(current.data(), current.size());
}
