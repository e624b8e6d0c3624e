/* The HTTP side of an `http://` worker's connections: request framing, error answers,
 * 100-continue, keep-alive, and the encoding of what the application sends. */
#include "http_server.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ctime>
#include <string>
#include <vector>

#include "connection_object.h"
#include "http_classes.h"
#include "net/connection.h"
#include "protocol/http/http_date.h"
#include "protocol/http/mime_types.h"
#include "protocol/http/range_header.h"
#include "protocol/http/request_parser.h"
#include "protocol/http/response_head.h"
#include "protocol/http/status_phrases.h"
#include "runtime.h"
#include "worker_object.h"

namespace surge::ext {

namespace {
// A request handed to PHP and not answered yet. Answers leave in request order, so the
// front one is the request the next response belongs to.
struct PendingRequest {
  zend_string* buffer;  // the request as PHP sees it (Range, If-Modified-Since)
  bool keepAlive;
  bool isHead;
};

// Bodies at least this large are collected straight into the string that becomes the
// Request's buffer, so they are held in memory once and never re-framed.
constexpr size_t kCollectThreshold = 256 * 1024;
constexpr size_t kMaxHeaderBytes = 16384;
}  // namespace

struct HttpConnectionState {
  std::vector<PendingRequest> pending;
  uint64_t dispatched = 0;  // requests handed to PHP
  uint64_t answered = 0;    // responses sent for them
  bool continueSent = false;
  // Where framing of a chunked body that is still arriving stopped (see the parser).
  size_t chunkedResumeAt = 0;
  size_t chunkedResumeTotal = 0;
  // A close was decided (a request or a response said so, or an error was answered):
  // nothing after it is read.
  bool closing = false;
  // A chunked response to a request that wants the connection closed is under way: the
  // last chunk closes it.
  bool closeAfterLastChunk = false;
  // A large request whose body is being collected.
  zend_string* collecting = nullptr;
  size_t collected = 0;
  bool collectingKeepAlive = false;
  bool collectingIsHead = false;
};

namespace {
// Reused by every parse and every response. PHP may run (and parse or answer on another
// connection) inside a dispatch or a send, so each is read only before the next call
// into PHP.
protocol::HttpRequestHead g_head;
std::string g_out;
protocol::HttpDateCache g_date;

std::string_view dateNow() {
  return g_date.now(std::time(nullptr));
}

HttpConnectionState* stateOf(ConnectionObject* c) {
  if (c->http == nullptr) c->http = new HttpConnectionState();
  return c->http;
}

double lingerOf(ConnectionObject* c) {
  return zval_get_double(slot(&c->std, connection_props.lingerTimeout));
}

// Answers a request that never reaches PHP and closes (FIN, then linger).
void answerError(ConnectionObject* c, HttpConnectionState* s, int code) {
  std::string answer = "HTTP/1.1 ";
  protocol::appendDecimal(&answer, static_cast<unsigned>(code));
  answer.push_back(' ');
  answer.append(protocol::httpReasonPhrase(code));
  answer.append("\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  s->closing = true;
  if (c->conn == nullptr || !c->conn->isOpen()) return;
  c->conn->send(answer);
  if (c->conn) c->conn->end(lingerOf(c));
}

// What a complete or partial head says before the body matters: an expectation we do
// not meet, or a body that cannot fit.
int refuseHead(const protocol::HttpRequestHead& h, size_t headStart, size_t maxPackage) {
  if (h.expectUnsupported) return 417;
  if (h.framing == protocol::HttpBodyFraming::kLength &&
      h.bodyOffset - headStart + h.contentLength > maxPackage)
    return 413;
  return 0;
}

// The request as PHP sees it, from the request line on. A chunked body is de-chunked
// and the head says Content-Length instead of Transfer-Encoding, as Workerman does.
zend_string* requestBuffer(std::string_view bytes, size_t start,
                           std::vector<protocol::HttpHeader>* trailers) {
  const protocol::HttpRequestHead& h = g_head;
  if (h.framing != protocol::HttpBodyFraming::kChunked)
    return zend_string_init(bytes.data() + start, h.length - start, 0);
  // The head without its Transfer-Encoding lines (and without the final empty line),
  // then Content-Length; the payload is de-chunked straight into the request's string.
  std::string head;
  std::string_view original = bytes.substr(start, h.bodyOffset - start);
  size_t pos = 0;
  while (pos < original.size()) {
    size_t nl = original.find('\n', pos);
    size_t end = nl == std::string_view::npos ? original.size() : nl + 1;
    std::string_view line = original.substr(pos, end - pos);
    pos = end;
    if (line == "\r\n" || line == "\n") break;
    if (line.size() >= 18 &&
        protocol::httpEqualsIgnoreCase(line.substr(0, 18), "transfer-encoding:"))
      continue;
    head.append(line);
  }
  head.append("Content-Length: ");
  protocol::appendDecimal(&head, h.contentLength);
  head.append("\r\n\r\n");
  zend_string* out = zend_string_alloc(head.size() + h.contentLength, 0);
  memcpy(ZSTR_VAL(out), head.data(), head.size());
  size_t written = 0;
  protocol::dechunkHttpBodyInto(h.rawBody(bytes), ZSTR_VAL(out) + head.size(), h.contentLength,
                                &written, trailers);
  ZSTR_LEN(out) = head.size() + written;
  ZSTR_VAL(out)[ZSTR_LEN(out)] = '\0';
  return out;
}

void setTrailers(zval* request, const std::vector<protocol::HttpHeader>& trailers) {
  zval list;
  array_init(&list);
  for (const protocol::HttpHeader& t : trailers) {
    std::string name(t.name);
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    add_assoc_stringl_ex(&list, name.data(), name.size(), t.value.data(), t.value.size());
  }
  setRequestTrailers(Z_OBJ_P(request), &list);
  zval_ptr_dtor(&list);
}

void answerInternalError(ConnectionObject* c, HttpConnectionState* s) {
  for (PendingRequest& r : s->pending) zend_string_release(r.buffer);
  s->pending.clear();
  answerError(c, s, 500);
}

// Hands one whole request to onMessage. Takes over the reference of `buffer`.
void dispatchRequest(ConnectionObject* c, WorkerObject* w, HttpConnectionState* s,
                     zend_string* buffer, bool keepAlive, bool isHead,
                     const std::vector<protocol::HttpHeader>* trailers) {
  zend_string_addref(buffer);
  s->pending.push_back(PendingRequest{buffer, keepAlive, isHead});
  uint64_t index = s->dispatched++;
  if (!keepAlive) s->closing = true;
  zval request;
  if (!newHttpRequest(&request, buffer, &c->std)) {
    // The application's request class threw in its constructor.
    reportPendingException(CallSite{"Request constructor", c->worker, c->realId});
    answerInternalError(c, s);
    return;
  }
  if (trailers && !trailers->empty()) setTrailers(&request, *trailers);
  CallOutcome outcome = dispatchMessage(c, w, &request);
  zval_ptr_dtor(&request);
  if (outcome == CallOutcome::kThrew && c->http == s && s->answered <= index)
    answerInternalError(c, s);
}

// Frames what arrived after a large body finished collecting.
void finishCollecting(ConnectionObject* c, WorkerObject* w, HttpConnectionState* s) {
  zend_string* buffer = s->collecting;
  s->collecting = nullptr;
  s->collected = 0;
  ZSTR_VAL(buffer)[ZSTR_LEN(buffer)] = '\0';
  dispatchRequest(c, w, s, buffer, s->collectingKeepAlive, s->collectingIsHead, nullptr);
  zend_string_release(buffer);
}

}  // namespace

void freeHttpState(HttpConnectionState* s) {
  if (s == nullptr) return;
  for (PendingRequest& r : s->pending) zend_string_release(r.buffer);
  if (s->collecting) zend_string_release(s->collecting);
  delete s;
}

size_t deliverHttp(ConnectionObject* c, WorkerObject* w, std::string_view data) {
  HttpConnectionState* s = stateOf(c);
  if (s->closing) return data.size();  // a close was decided: what follows is dropped
  size_t pos = 0;
  if (s->collecting) {
    size_t want = ZSTR_LEN(s->collecting) - s->collected;
    size_t take = want < data.size() ? want : data.size();
    memcpy(ZSTR_VAL(s->collecting) + s->collected, data.data(), take);
    s->collected += take;
    pos = take;
    if (s->collected < ZSTR_LEN(s->collecting)) return pos;
    finishCollecting(c, w, s);
  }
  const size_t maxPackage =
      static_cast<size_t>(slotLong(&c->std, connection_props.maxPackageSize, 10485760));
  protocol::HttpLimits limits;
  limits.maxHeaderBytes = kMaxHeaderBytes;
  limits.maxBodyBytes = maxPackage;
  bool corked = false;
  while (pos < data.size() && canDeliverTo(c) && c->http == s && !s->closing) {
    std::string_view bytes = data.substr(pos);
    limits.maxBodyBytes = maxPackage;
    // A chunked body still arriving is framed on from where the last read stopped.
    protocol::HttpParseStatus st = protocol::HttpRequestParser::parse(
        bytes, limits, &g_head, s->chunkedResumeAt, s->chunkedResumeTotal);
    // maxPackageSize bounds head and body together; the parser bounds the body alone, so
    // a chunked body is framed again against what the head leaves of the limit.
    if (st != protocol::HttpParseStatus::kError &&
        g_head.framing == protocol::HttpBodyFraming::kChunked && g_head.bodyOffset > 0) {
      size_t headBytes =
          g_head.bodyOffset - static_cast<size_t>(g_head.method.data() - bytes.data());
      if (headBytes >= maxPackage) {
        if (corked) c->conn->uncork();
        answerError(c, s, 413);
        return data.size();
      }
      limits.maxBodyBytes = maxPackage - headBytes;
      st = protocol::HttpRequestParser::parse(bytes, limits, &g_head, s->chunkedResumeAt,
                                              s->chunkedResumeTotal);
    }
    s->chunkedResumeAt = st == protocol::HttpParseStatus::kNeedMore ? g_head.chunkedResumeAt : 0;
    s->chunkedResumeTotal =
        st == protocol::HttpParseStatus::kNeedMore ? g_head.chunkedResumeTotal : 0;
    if (st == protocol::HttpParseStatus::kError) {
      if (corked) c->conn->uncork();
      answerError(c, s, g_head.errorStatus);
      return data.size();
    }
    if (st == protocol::HttpParseStatus::kNeedMore) {
      if (g_head.bodyOffset == 0) break;  // the head is not complete yet
      size_t start = static_cast<size_t>(g_head.method.data() - bytes.data());
      if (int code = refuseHead(g_head, start, maxPackage)) {
        if (corked) c->conn->uncork();
        answerError(c, s, code);
        return data.size();
      }
      if (g_head.expectContinue && !s->continueSent) {
        s->continueSent = true;
        c->conn->send(std::string_view("HTTP/1.1 100 Continue\r\n\r\n"));
      }
      if (g_head.framing == protocol::HttpBodyFraming::kLength &&
          g_head.contentLength >= kCollectThreshold) {
        size_t total = g_head.bodyOffset - start + g_head.contentLength;
        s->collecting = zend_string_alloc(total, 0);
        s->collected = bytes.size() - start;
        memcpy(ZSTR_VAL(s->collecting), bytes.data() + start, s->collected);
        s->collectingKeepAlive = g_head.keepAlive;
        s->collectingIsHead = g_head.method == "HEAD";
        s->continueSent = false;
        pos = data.size();
      }
      break;
    }
    size_t start = static_cast<size_t>(g_head.method.data() - bytes.data());
    if (int code = refuseHead(g_head, start, maxPackage)) {
      if (corked) c->conn->uncork();
      answerError(c, s, code);
      return data.size();
    }
    std::vector<protocol::HttpHeader> trailers;
    zend_string* buffer = requestBuffer(bytes, start, &trailers);
    bool keepAlive = g_head.keepAlive;
    bool isHead = g_head.method == "HEAD";
    pos += g_head.length;
    s->continueSent = false;
    // More bytes behind this request (pipelining): gather the answers into one write.
    if (!corked && pos < data.size()) {
      c->conn->cork();
      corked = true;
    }
    dispatchRequest(c, w, s, buffer, keepAlive, isHead, trailers.empty() ? nullptr : &trailers);
    zend_string_release(buffer);
  }
  if (corked && c->conn) c->conn->uncork();
  if (c->http == s && s->closing) return data.size();
  return pos;
}

namespace {

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
  Connection::SendResult r = c->conn->send(pieces, count);
  sendResult(c, r, return_value);
  if (!closeAfter || c->conn == nullptr) return;
  if (streaming) {
    s->closeAfterLastChunk = true;
    return;
  }
  s->closing = true;
  c->conn->end(lingerOf(c));
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
  Connection::SendResult r = c->conn->send(std::string_view(g_out));
  if (withBody && (r == Connection::SendResult::kWritten || r == Connection::SendResult::kQueued))
    r = c->conn->sendFile(fd, static_cast<off_t>(offset), static_cast<size_t>(length));
  else
    ::close(fd);
  sendResult(c, r, return_value);
  if (closeAfter && c->conn) {
    s->closing = true;
    c->conn->end(lingerOf(c));
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
  Connection::SendResult r = c->conn->send(pieces, count);
  sendResult(c, r, return_value);
  if (!req.keepAlive && c->conn) {
    s->closing = true;
    c->conn->end(lingerOf(c));
  }
}

// A plain string answer.
void sendStringResponse(ConnectionObject* c, HttpConnectionState* s, zend_string* body,
                        zval* return_value) {
  PendingRequest req = takeFront(s);
  zval* extra = slot(&c->std, connection_props.headers);
  if (Z_TYPE_P(extra) != IS_ARRAY || zend_hash_num_elements(Z_ARRVAL_P(extra)) == 0) {
    sendPlainResponse(c, s, body, req, return_value);
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
  if (req.buffer) zend_string_release(req.buffer);
}

}  // namespace

void sendHttp(ConnectionObject* c, zval* data, zval* return_value) {
  HttpConnectionState* s = stateOf(c);
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
    sendResult(c, r, return_value);
    if (lastChunk && s->closeAfterLastChunk && c->conn) {
      s->closeAfterLastChunk = false;
      s->closing = true;
      c->conn->end(lingerOf(c));
    }
    return;
  }
  sendStringResponse(c, s, bytes, return_value);
  zend_string_release(bytes);
}

}  // namespace surge::ext
