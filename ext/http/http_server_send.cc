/* The sending side of an `http://` worker's connections: what the application sends
 * (strings, Response objects, files with ranges and conditional requests, chunks and
 * events) encoded as the answer to the oldest unanswered request, with keep-alive decided
 * per request. Requests are read in http_server.cc. */
#include "http/http_server.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ctime>
#include <string>

#include "http/http_classes.h"
#include "http/http_connection_state.h"
#include "metrics/http_metrics.h"
#include "net/connection.h"
#include "protocol/http/http_date.h"
#include "protocol/http/mime_types.h"
#include "protocol/http/range_header.h"
#include "protocol/http/request_parser.h"
#include "protocol/http/response_head.h"
#include "protocol/http/status_phrases.h"
#include "core/runtime.h"
#include "http/access_log.h"

namespace surge::ext {

namespace {

// Reused by every response (the receiving side has its own parse buffer). PHP may run (and
// answer on another connection) inside a send, so g_out is read only before the next call
// into PHP: each response writes it from the start (HttpResponseHead clears it) and hands it
// to the connection before reporting the result.
std::string g_out;
protocol::HttpDateCache g_date;

std::string_view dateNow() {
  return g_date.now(std::time(nullptr));
}

// The request the next response answers (or a keep-alive default when the application
// sends more responses than it got requests).
PendingRequest takeFront(HttpConnectionState* s) {
  if (s->pending.empty()) return PendingRequest{nullptr, true, false};
  PendingRequest r = s->pending.front();
  s->pending.erase(s->pending.begin());
  ++s->answered;
  return r;
}

// Writes `$connection->headers` (set by the application or by the session) into the
// head and empties them: they belong to this one response.
void writeConnectionHeaders(ConnectionObject* c, protocol::HttpResponseHead* head) {
  zval* headers = slot(&c->std, connection_props.headers);
  if (Z_TYPE_P(headers) != IS_ARRAY || zend_hash_num_elements(Z_ARRVAL_P(headers)) == 0) return;
  writeHeaderArray(Z_ARRVAL_P(headers), head);
  zval empty;
  ZVAL_EMPTY_ARRAY(&empty);
  setSlot(&c->std, connection_props.headers, &empty);
}

void sendResult(ConnectionObject* c, Connection::SendResult r, zval* return_value) {
  reportSendResult(c, r, return_value);
}

// Sends head + body and closes afterwards when the exchange says so.
void sendResponse(ConnectionObject* c, HttpConnectionState* s, zend_string* body, bool closeAfter,
                  bool streaming, zval* return_value) {
  SendPiece pieces[2];
  int count = 0;
  pieces[count++] = SendPiece{g_out.data(), g_out.size()};
  if (body && ZSTR_LEN(body) > 0) pieces[count++] = pieceOf(body);
  // An answer is never dropped: a full queue holds reading instead (updateHold).
  Connection::SendResult r = c->conn->send(pieces, count, Connection::Overflow::kQueue);
  s->streaming = streaming;
  sendResult(c, r, return_value);
  if (!closeAfter || c->conn == nullptr) return;
  if (streaming) {
    s->closeAfterLastChunk = true;
    return;
  }
  s->closing = true;
  c->conn->closeAfterReply(lingerOf(c));
}

zend_string* fileNotFoundBody() {
  return zend_string_init("<h3>404 Not Found</h3>", sizeof("<h3>404 Not Found</h3>") - 1, 0);
}

// A file response (Response::withFile()): conditional and range requests, then the
// head and the file itself with sendfile.
void sendFileResponse(ConnectionObject* c, HttpConnectionState* s, zend_object* response,
                      const PendingRequest& req, zval* return_value) {
  FileSpec spec = responseFile(response);
  int fd = ::open(spec.path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    if (fd >= 0) ::close(fd);
    protocol::HttpResponseHead head(&g_out, "1.1", 404, protocol::httpReasonPhrase(404));
    zend_string* body = fileNotFoundBody();
    bool closeAfter = !req.keepAlive;
    head.finish(dateNow(), !closeAfter, static_cast<long long>(ZSTR_LEN(body)));
    if (access_log::on()) access_log::answered(c, req, 404, ZSTR_LEN(body));
    sendResponse(c, s, req.isHead ? nullptr : body, closeAfter, false, return_value);
    zend_string_release(body);
    return;
  }
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  std::string_view ims, range;
  protocol::HttpRequestHead reqHead;
  if (req.buffer) {
    protocol::HttpLimits limits;
    limits.maxBodyBytes = SIZE_MAX;
    limits.maxHeaderBytes = SIZE_MAX;
    protocol::HttpRequestParser::parse({ZSTR_VAL(req.buffer), ZSTR_LEN(req.buffer)}, limits,
                                       &reqHead);
    ims = reqHead.header("if-modified-since");
    range = reqHead.header("range");
  }
  int status = 200;
  uint64_t offset = 0, length = size;
  bool unsatisfiable = false;
  time_t since;
  if (ims.data() && protocol::parseHttpDate(ims, &since) && st.st_mtime <= since) {
    status = 304;
  } else if (spec.offset > 0 || spec.length > 0) {
    offset = spec.offset < size ? spec.offset : size;
    length = size - offset;
    if (spec.length > 0 && spec.length < length) length = spec.length;
    status = 206;
  } else if (range.data()) {
    protocol::HttpByteRange r;
    protocol::HttpRangeStatus rs = protocol::parseRangeHeader(range, size, &r);
    if (rs == protocol::HttpRangeStatus::kSatisfiable) {
      offset = r.offset;
      length = r.length;
      status = 206;
    } else if (rs == protocol::HttpRangeStatus::kUnsatisfiable) {
      status = 416;
      unsatisfiable = true;
    }
  }

  ResponseParts parts = responseParts(response);
  int code = status == 200 ? parts.status : status;
  protocol::HttpResponseHead head(&g_out, parts.version, code,
                                  code == parts.status && parts.reason.data()
                                      ? parts.reason
                                      : protocol::httpReasonPhrase(code));
  writeHeaderArray(parts.headers, &head);
  writeConnectionHeaders(c, &head);
  if (!head.has(protocol::HttpResponseHead::kContentType) && status != 304) {
    std::string_view name(spec.path);
    size_t slash = name.rfind('/');
    std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
    size_t dot = base.rfind('.');
    std::string_view mime = protocol::mimeTypeForExtension(
        dot == std::string_view::npos ? std::string_view() : base.substr(dot + 1));
    head.field("Content-Type", mime);
    if (mime == "application/octet-stream") {
      std::string disposition = "attachment; filename=\"";
      for (char ch : base)
        if (ch != '"' && ch != '\\') disposition.push_back(ch);
      disposition.push_back('"');
      head.field("Content-Disposition", disposition);
    }
  }
  std::string lastModified = protocol::formatHttpDate(st.st_mtime);
  head.field("Last-Modified", lastModified);
  if (status != 304) head.field("Accept-Ranges", "bytes");
  std::string contentRange;
  if (status == 206) {
    contentRange = "bytes ";
    protocol::appendDecimal(&contentRange, offset);
    contentRange.push_back('-');
    protocol::appendDecimal(&contentRange, length == 0 ? offset : offset + length - 1);
    contentRange.push_back('/');
    protocol::appendDecimal(&contentRange, size);
    head.field("Content-Range", contentRange);
  } else if (unsatisfiable) {
    contentRange = "bytes */";
    protocol::appendDecimal(&contentRange, size);
    head.field("Content-Range", contentRange);
    length = 0;
  }
  bool closeAfter = !req.keepAlive || head.saysClose();
  bool withBody = status != 304 && !unsatisfiable && !req.isHead && length > 0;
  head.finish(dateNow(), !closeAfter,
              status == 304 ? -1 : static_cast<long long>(unsatisfiable ? 0 : length), false);
  if (access_log::on()) access_log::answered(c, req, g_out);
  Connection::SendResult r = c->conn->send(std::string_view(g_out), Connection::Overflow::kQueue);
  if (withBody && (r == Connection::SendResult::kWritten || r == Connection::SendResult::kQueued))
    r = c->conn->sendFile(fd, static_cast<off_t>(offset), static_cast<size_t>(length));
  else
    ::close(fd);
  sendResult(c, r, return_value);
  if (closeAfter && c->conn) {
    s->closing = true;
    c->conn->closeAfterReply(lingerOf(c));
  }
}

void sendResponseObject(ConnectionObject* c, HttpConnectionState* s, zend_object* response,
                        zval* return_value) {
  PendingRequest req = takeFront(s);
  if (responseHasFile(response)) {
    sendFileResponse(c, s, response, req, return_value);
  } else {
    ResponseParts parts = responseParts(response);
    protocol::HttpResponseHead head(
        &g_out, parts.version, parts.status,
        parts.reason.data() ? parts.reason : protocol::httpReasonPhrase(parts.status));
    writeHeaderArray(parts.headers, &head);
    writeConnectionHeaders(c, &head);
    bool closeAfter = !req.keepAlive || head.saysClose();
    zend_string* body = parts.body;
    bool chunked = head.has(protocol::HttpResponseHead::kTransferEncoding);
    bool eventStream = head.isEventStream();
    if (access_log::on())
      access_log::answered(c, req, parts.status, eventStream ? 0 : ZSTR_LEN(body));
    if (eventStream) {
      head.finish(dateNow(), !closeAfter, -1);
      sendResponse(c, s, nullptr, closeAfter, true, return_value);
    } else if (chunked) {
      head.finish(dateNow(), !closeAfter, -1);
      if (ZSTR_LEN(body) > 0 && !req.isHead) {
        char hex[20];
        int n = snprintf(hex, sizeof hex, "%zx\r\n", ZSTR_LEN(body));
        g_out.append(hex, static_cast<size_t>(n));
        g_out.append(ZSTR_VAL(body), ZSTR_LEN(body));
        g_out.append("\r\n");
      }
      sendResponse(c, s, nullptr, closeAfter, true, return_value);
    } else {
      head.finish(dateNow(), !closeAfter, static_cast<long long>(ZSTR_LEN(body)));
      sendResponse(c, s, req.isHead ? nullptr : body, closeAfter, false, return_value);
    }
  }
  metrics::observeHttpResponse(req.receivedNs);
  if (req.buffer) zend_string_release(req.buffer);
}

// The head of a plain 200 answer up to its Content-Length value, for keep-alive and for
// close; made again when the second (the Date) changes.
struct PlainHead {
  time_t second = -1;
  std::string keepAlive, close;

  const std::string& get(bool keep) {
    time_t now = std::time(nullptr);
    if (now != second) {
      second = now;
      for (bool k : {true, false}) {
        std::string& out = k ? keepAlive : close;
        protocol::HttpResponseHead head(&out, "1.1", 200, "OK");
        head.finish(g_date.now(now), k, 0);
        out.resize(out.size() - 5);  // drop "0\r\n\r\n": the length is written per answer
      }
    }
    return keep ? keepAlive : close;
  }
};
PlainHead g_plainHead;

// The hot path: a plain string answer with no extra header lines.
void sendPlainResponse(ConnectionObject* c, HttpConnectionState* s, zend_string* body,
                       const PendingRequest& req, zval* return_value) {
  const std::string& prefix = g_plainHead.get(req.keepAlive);
  size_t length = ZSTR_LEN(body);
  bool inline_ = length <= 1024 && !req.isHead;
  char buffer[512 + 1024];
  size_t n = prefix.size();
  memcpy(buffer, prefix.data(), n);
  char digits[24];
  char* d = digits + sizeof digits;
  size_t v = length;
  do {
    *--d = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  size_t dn = static_cast<size_t>(digits + sizeof digits - d);
  memcpy(buffer + n, d, dn);
  n += dn;
  memcpy(buffer + n, "\r\n\r\n", 4);
  n += 4;
  SendPiece pieces[2];
  int count = 1;
  if (inline_) {
    memcpy(buffer + n, ZSTR_VAL(body), length);
    n += length;
  } else if (!req.isHead && length > 0) {
    pieces[count++] = pieceOf(body);
  }
  pieces[0] = SendPiece{buffer, n};
  Connection::SendResult r = c->conn->send(pieces, count, Connection::Overflow::kQueue);
  sendResult(c, r, return_value);
  if (!req.keepAlive && c->conn) {
    s->closing = true;
    c->conn->closeAfterReply(lingerOf(c));
  }
}

// A plain string answer.
void sendStringResponse(ConnectionObject* c, HttpConnectionState* s, zend_string* body,
                        zval* return_value) {
  PendingRequest req = takeFront(s);
  if (access_log::on()) access_log::answered(c, req, 200, ZSTR_LEN(body));
  zval* extra = slot(&c->std, connection_props.headers);
  if (Z_TYPE_P(extra) != IS_ARRAY || zend_hash_num_elements(Z_ARRVAL_P(extra)) == 0) {
    sendPlainResponse(c, s, body, req, return_value);
    metrics::observeHttpResponse(req.receivedNs);
    if (req.buffer) zend_string_release(req.buffer);
    return;
  }
  protocol::HttpResponseHead head(&g_out, "1.1", 200, "OK");
  writeConnectionHeaders(c, &head);
  bool closeAfter = !req.keepAlive || head.saysClose();
  head.finish(dateNow(), !closeAfter, static_cast<long long>(ZSTR_LEN(body)));
  // A small body travels in the head's buffer: one iovec, and one copy if it must wait.
  if (ZSTR_LEN(body) <= 1024 && !req.isHead) {
    g_out.append(ZSTR_VAL(body), ZSTR_LEN(body));
    sendResponse(c, s, nullptr, closeAfter, false, return_value);
  } else {
    sendResponse(c, s, req.isHead ? nullptr : body, closeAfter, false, return_value);
  }
  metrics::observeHttpResponse(req.receivedNs);
  if (req.buffer) zend_string_release(req.buffer);
}

}  // namespace

namespace {

void sendHttpNow(ConnectionObject* c, HttpConnectionState* s, zval* data, zval* return_value) {
  if (Z_TYPE_P(data) == IS_OBJECT && instanceof_function(Z_OBJCE_P(data), response_ce)) {
    sendResponseObject(c, s, Z_OBJ_P(data), return_value);
    return;
  }
  zend_string* bytes = zval_try_get_string(data);
  if (bytes == nullptr) return;  // the conversion threw; it propagates to send()'s caller
  if (Z_TYPE_P(data) == IS_OBJECT) {
    // Chunks and events of a response already under way go out as they are.
    bool lastChunk = instanceof_function(Z_OBJCE_P(data), chunk_ce) &&
                     zend_string_equals_literal(bytes, "0\r\n\r\n");
    SendPiece piece = pieceOf(bytes);
    Connection::SendResult r = c->conn->send(&piece, 1);
    zend_string_release(bytes);
    if (lastChunk) s->streaming = false;
    sendResult(c, r, return_value);
    if (lastChunk && s->closeAfterLastChunk && c->conn) {
      s->closeAfterLastChunk = false;
      s->closing = true;
      c->conn->closeAfterReply(lingerOf(c));
    }
    return;
  }
  sendStringResponse(c, s, bytes, return_value);
  zend_string_release(bytes);
}

}  // namespace

void sendHttp(ConnectionObject* c, zval* data, zval* return_value) {
  HttpConnectionState* s = http_server::stateOf(c);
  sendHttpNow(c, s, data, return_value);
  // An answer went out (fewer requests wait) or filled the queue: read on or hold.
  if (httpStateIfAny(c) == s) http_server::updateHold(c, s);
}

}  // namespace surge::ext
