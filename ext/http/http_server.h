/* The HTTP side of a connection of an `http://` worker: frames requests with the native
 * parser, answers malformed ones without PHP, hands whole requests to onMessage as
 * Request objects, and encodes what the application sends (strings, Response objects,
 * chunks) with keep-alive decided per request. Requests are read in http_server.cc, answers
 * encoded in http_server_send.cc. */
#ifndef SURGE_EXT_HTTP_SERVER_H
#define SURGE_EXT_HTTP_SERVER_H

#include <string_view>

#include "core/common.h"

namespace surge::ext {

struct ConnectionObject;
struct WorkerObject;
struct HttpConnectionState;

// New bytes on an HTTP connection; returns how many were used (the rest stays unread).
size_t deliverHttp(ConnectionObject* c, WorkerObject* w, std::string_view data);

// $connection->send($data) on an HTTP connection (not raw).
void sendHttp(ConnectionObject* c, zval* data, zval* return_value);

void freeHttpState(HttpConnectionState* state);

// The output queue drained: reading resumes if back-pressure held it.
void httpDrained(ConnectionObject* c);
// The process's input budget refused this connection's partial request: 413 and close.
void refuseHttpInput(ConnectionObject* c);

// The class requests are made of (Http::requestClass()).
zend_class_entry* httpRequestClass();

}  // namespace surge::ext

#endif
