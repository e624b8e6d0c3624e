/* The PHP classes of Surge\Protocols\Http and what the HTTP server needs from them. */
#ifndef SURGE_EXT_HTTP_CLASSES_H
#define SURGE_EXT_HTTP_CLASSES_H

#include <string>
#include <string_view>

#include "core/common.h"

namespace surge::protocol {
class HttpResponseHead;
}

namespace surge::ext {

extern zend_class_entry* http_ce;
extern zend_class_entry* request_ce;
extern zend_class_entry* response_ce;
extern zend_class_entry* chunk_ce;
extern zend_class_entry* server_sent_events_ce;

void registerHttpClass();
void registerRequestClass();
void registerResponseClass();
void registerChunkClass();
void registerServerSentEventsClass();
// Frees what registerResponseClass() allocated (at module shutdown).
void releaseResponseClass();
// Forgets what a script set (Http::requestClass(), Http::uploadTmpDir()).
void resetHttpSettings();

// Makes a Request (of Http::requestClass()) for `buffer` on `connection`. False if the
// application's class threw in its constructor (the exception is pending).
bool newHttpRequest(zval* out, zend_string* buffer, zend_object* connection);
// Http::uploadTmpDir().
std::string httpUploadTmpDir();
// Request::setChunkTrailers() for the server.
void setRequestTrailers(zend_object* request, zval* trailers);

// Writes a header array (name => value or list of values) into a response head;
// fields that could split the response are skipped.
void writeHeaderArray(HashTable* headers, protocol::HttpResponseHead* head);

// What the encoder reads of a Response.
struct ResponseParts {
  int status;
  std::string_view reason;  // null view: the standard phrase
  std::string_view version;
  HashTable* headers;
  zend_string* body;
};
ResponseParts responseParts(zend_object* response);
bool responseHasFile(zend_object* response);
struct FileSpec {
  std::string path;
  uint64_t offset;
  uint64_t length;  // 0: to the end
};
FileSpec responseFile(zend_object* response);

}  // namespace surge::ext

#endif
