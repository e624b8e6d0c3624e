/* Multipart/form-data bodies for Surge\Protocols\Http\Request: fields, the uploaded files
 * written to temp files in Http::uploadTmpDir() (removed when the request is freed) and
 * the Request::$maxFileUploads bound. */
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "http/http_classes.h"
#include "http/http_request_object.h"
#include "protocol/http/multipart_parser.h"

extern "C" {
#include "main/php_variables.h"
}

namespace surge::ext {

namespace {

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

}  // namespace

// Fields go where parse_str() would put them (a[b][] nests); files likewise, each as
// one entry array.
void parseMultipartBody(zend_object* obj, std::string_view body, std::string_view boundary,
                        zval* post, zval* files) {
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

void removeUploads(RequestObject* r) {
  if (r->uploads == nullptr) return;
  for (const std::string& path : *r->uploads) ::unlink(path.c_str());
  delete r->uploads;
  r->uploads = nullptr;
}

}  // namespace surge::ext
