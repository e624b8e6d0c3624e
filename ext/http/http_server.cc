/* The receiving side of an `http://` worker's connections: request framing with the native
 * parser, error answers without PHP (400/413/417/431...), 100-continue, large bodies
 * collected straight into the Request's string, and whole requests handed to onMessage in
 * order. What the application sends back is encoded in http_server_send.cc. */
#include "http/http_server.h"

#include <string>
#include <vector>

#include "http/access_log.h"
#include "base/monotonic_clock.h"
#include "http/http_classes.h"
#include "http/http_connection_state.h"
#include "http/http_timeouts.h"
#include "metrics/http_metrics.h"
#include "net/connection.h"
#include "protocol/http/request_parser.h"
#include "protocol/http/response_head.h"
#include "protocol/http/status_phrases.h"
#include "core/protocol_errors.h"
#include "core/runtime.h"
#include "core/worker_object.h"

namespace surge::ext {

namespace {
// Bodies at least this large are collected straight into the string that becomes the
// Request's buffer, so they are held in memory once and never re-framed.
constexpr size_t kCollectThreshold = 256 * 1024;
constexpr size_t kMaxHeaderBytes = 16384;

// Reused by every parse (the sending side has its own buffers). PHP may run (and parse a
// request on another connection) inside a dispatch, so it is read only between a parse and
// the next call into PHP: each turn of deliverHttp's loop parses again.
protocol::HttpRequestHead g_head;

// Answers a request that never reaches PHP and closes (FIN, then linger).
// `bytes`: what the client sent, from the request line on (for the access log).
void answerError(ConnectionObject* c, HttpConnectionState* s, int code,
                 std::string_view bytes = {}) {
  if (access_log::on()) access_log::refused(c, code, bytes);
  std::string answer = "HTTP/1.1 ";
  protocol::appendDecimal(&answer, static_cast<unsigned>(code));
  answer.push_back(' ');
  answer.append(protocol::httpReasonPhrase(code));
  answer.append("\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  s->closing = true;
  if (code != 500) protocol_errors::count();  // 500: our own failure, not the client's
  if (c->conn == nullptr || !c->conn->isOpen()) return;
  c->conn->send(answer, Connection::Overflow::kQueue);
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
  // The request the 500 answers, kept (not copied) for the access log until it is written.
  zend_string* first = s->pending.empty() ? nullptr : zend_string_copy(s->pending.front().buffer);
  for (PendingRequest& r : s->pending) zend_string_release(r.buffer);
  s->pending.clear();
  answerError(c, s, 500,
              first ? std::string_view(ZSTR_VAL(first), ZSTR_LEN(first)) : std::string_view());
  if (first) zend_string_release(first);
}

// Hands one whole request to onMessage. Takes over the reference of `buffer`.
// When the request was whole, for the duration histogram and the access log; 0 (no clock
// read) when neither is on.
int64_t requestStamp() {
  return metrics::g_httpCounters != nullptr || access_log::on() ? monotonicNs() : 0;
}

void dispatchRequest(ConnectionObject* c, WorkerObject* w, HttpConnectionState* s,
                     zend_string* buffer, bool keepAlive, bool isHead,
                     const std::vector<protocol::HttpHeader>* trailers) {
  httpRequestDispatched(c, s);
  zend_string_addref(buffer);
  s->pending.push_back(PendingRequest{buffer, keepAlive, isHead, requestStamp()});
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
  if (outcome == CallOutcome::kThrew && httpStateIfAny(c) == s && s->answered <= index)
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

// Back-pressure, as nginx applies it: while this connection's answers wait for the socket
// at or above maxSendBufferSize, or maxPendingRequests of its requests wait for their
// answer, no further request is read or handed to PHP.
bool overLimits(ConnectionObject* c, HttpConnectionState* s) {
  if (c->conn->pendingOutput() >= c->conn->maxSendBufferSize()) return true;
  // The usual case, every request answered, needs no look at the setting (at least 1).
  if (s->pending.empty()) return false;
  zend_long maxPending = c->worker ? slotLong(c->worker, worker_props.maxPendingRequests, 100) : 0;
  return maxPending > 0 && s->pending.size() >= static_cast<size_t>(maxPending);
}

size_t deliverRequests(ConnectionObject* c, WorkerObject* w, HttpConnectionState* s,
                       std::string_view data);

}  // namespace

namespace http_server {

void updateHold(ConnectionObject* c, HttpConnectionState* s) {
  if (c->conn == nullptr || !c->conn->isOpen()) return;
  bool wait = !s->closing && overLimits(c, s);
  if (wait && !c->conn->readingHeld())
    c->conn->holdReading();
  else if (!wait && c->conn->readingHeld())
    c->conn->releaseReading();
}

}  // namespace http_server

void httpDrained(ConnectionObject* c) {
  if (HttpConnectionState* s = httpStateIfAny(c)) http_server::updateHold(c, s);
}

void refuseHttpInput(ConnectionObject* c) {
  HttpConnectionState* s = http_server::stateOf(c);
  if (s->collecting) {
    zend_string_release(s->collecting);
    s->collecting = nullptr;
    s->collected = 0;
  }
  // Answers still owed to earlier requests would come after the 413: with requests in
  // flight the connection can only be closed.
  if (!s->pending.empty()) {
    s->closing = true;
    c->conn->destroy();
    return;
  }
  answerError(c, s, 413);
}

void http_server::answerTimeout(ConnectionObject* c, HttpConnectionState* s) {
  answerError(c, s, 408);
}

void freeHttpState(HttpConnectionState* s) {
  if (s == nullptr) return;
  for (PendingRequest& r : s->pending) zend_string_release(r.buffer);
  if (s->collecting) zend_string_release(s->collecting);
  delete s;
}

size_t deliverHttp(ConnectionObject* c, WorkerObject* w, std::string_view data) {
  HttpConnectionState* s = http_server::stateOf(c);
  if (s->closing) return data.size();  // a close was decided: what follows is dropped
  size_t used = deliverRequests(c, w, s, data);
  if (httpStateIfAny(c) == s && c->conn && c->conn->isOpen()) {
    // A body collected into its own string is partial input the process's budget counts.
    c->conn->setExtraInput(s->collecting ? ZSTR_LEN(s->collecting) : 0);
    http_server::updateHold(c, s);
  }
  return used;
}

namespace {

size_t deliverRequests(ConnectionObject* c, WorkerObject* w, HttpConnectionState* s,
                       std::string_view data) {
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
  while (pos < data.size() && canDeliverTo(c) && httpStateIfAny(c) == s && !s->closing) {
    if (overLimits(c, s)) {
      // Answers gathered under the cork leave now: they may be all that was in the way.
      if (corked) {
        corked = false;
        c->conn->uncork();
        continue;
      }
      c->conn->holdReading();
      break;
    }
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
        answerError(c, s, 413, bytes);
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
      answerError(c, s, g_head.errorStatus, bytes);
      return data.size();
    }
    if (st == protocol::HttpParseStatus::kNeedMore) {
      if (g_head.bodyOffset == 0) {  // the head is not complete yet
        httpWaitForHead(c, s);
        break;
      }
      size_t start = static_cast<size_t>(g_head.method.data() - bytes.data());
      if (int code = refuseHead(g_head, start, maxPackage)) {
        if (corked) c->conn->uncork();
        answerError(c, s, code, bytes.substr(start));
        return data.size();
      }
      if (g_head.expectContinue && !s->continueSent) {
        s->continueSent = true;
        c->conn->send(std::string_view("HTTP/1.1 100 Continue\r\n\r\n"),
                      Connection::Overflow::kQueue);
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
      httpWaitForBody(c, s);
      break;
    }
    size_t start = static_cast<size_t>(g_head.method.data() - bytes.data());
    if (int code = refuseHead(g_head, start, maxPackage)) {
      if (corked) c->conn->uncork();
      answerError(c, s, code, bytes.substr(start));
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
  if (httpStateIfAny(c) == s && s->closing) return data.size();
  return pos;
}

}  // namespace

}  // namespace surge::ext
