/* The native state behind a Surge\Protocols\Http\Request and what the three files that
 * implement the class share: http_request.cc (the class and its lazy parsing),
 * http_upload.cc (multipart bodies and the uploaded files' temp files) and
 * http_request_session.cc (session() and the session id). */
#ifndef SURGE_EXT_HTTP_REQUEST_OBJECT_H
#define SURGE_EXT_HTTP_REQUEST_OBJECT_H

#include <string>
#include <string_view>
#include <vector>

#include "core/common.h"

namespace surge::ext {

struct RequestObject {
  std::vector<std::string>* uploads;  // temporary files to remove with the request
  zend_object std;
};

inline RequestObject* requestFrom(zend_object* obj) {
  return reinterpret_cast<RequestObject*>(reinterpret_cast<char*>(obj) -
                                          XtOffsetOf(RequestObject, std));
}

inline zend_object* thisRequest(zval* self) {
  return Z_OBJ_P(self);
}

// Declared property slots of Request.
struct RequestProps {
  uint32_t connection, properties, context, data, buffer, chunkTrailers;
};
extern RequestProps request_props;

// The parsed cookies ($this->data['cookie'], parsed on first use).
zval* requestCookies(zend_object* obj);

// Parses a multipart/form-data body: fields into `post`, files (saved to temp files that
// live as long as the request) into `files`.
void parseMultipartBody(zend_object* obj, std::string_view body, std::string_view boundary,
                        zval* post, zval* files);
// Removes the request's temp files (when the request is freed).
void removeUploads(RequestObject* r);

}  // namespace surge::ext

#endif
