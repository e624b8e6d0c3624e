#include "protocol/websocket/handshake_request.h"

#include "protocol/http/http_chars.h"
#include "protocol/http/response_head.h"
#include "protocol/http/status_phrases.h"
#include "protocol/websocket/handshake.h"

namespace surge::protocol {

namespace {

WsRequestCheck refuse(int status, const char* reason) {
  WsRequestCheck r;
  r.verdict = WsRequestVerdict::kRefuse;
  r.status = status;
  r.reason = reason;
  return r;
}

// A token may be spread over several header lines of the same name (one list).
bool anyHeaderHasToken(const HttpRequestHead& h, std::string_view name, std::string_view token) {
  for (const HttpHeader& field : h.headers)
    if (httpEqualsIgnoreCase(field.name, name) && httpListContains(field.value, token)) return true;
  return false;
}

bool hasLineBreak(std::string_view s) {
  return s.find_first_of("\r\n") != std::string_view::npos;
}

}  // namespace

WsRequestCheck WsHandshakeRequest::read(std::string_view bytes, HttpRequestHead* head) {
  HttpLimits limits;
  limits.maxHeaderBytes = kMaxHeadBytes;
  // A body is refused by check(), never waited for: its size must not matter here.
  limits.maxBodyBytes = SIZE_MAX;
  if (HttpRequestParser::parse(bytes, limits, head) == HttpParseStatus::kError)
    return refuse(head->errorStatus, head->reason ? head->reason : "not an HTTP request");
  if (head->bodyOffset == 0) return WsRequestCheck{};  // the head is not complete yet
  return check(*head);
}

WsRequestCheck WsHandshakeRequest::check(const HttpRequestHead& h) {
  if (h.method != "GET") return refuse(400, "a WebSocket handshake is a GET request");
  if (h.versionMinor < 1) return refuse(400, "a WebSocket handshake needs HTTP/1.1");
  if (h.framing == HttpBodyFraming::kChunked ||
      (h.framing == HttpBodyFraming::kLength && h.contentLength > 0))
    return refuse(400, "a WebSocket handshake has no body");
  if (!anyHeaderHasToken(h, "upgrade", "websocket"))
    return refuse(400, "Upgrade: websocket is missing");
  if (!anyHeaderHasToken(h, "connection", "upgrade"))
    return refuse(400, "Connection: Upgrade is missing");
  // Before the key: a client of another version may use another key format, and the 426
  // tells it which version to retry with.
  if (h.header("sec-websocket-version") != "13")
    return refuse(426, "only WebSocket version 13 is supported");
  std::string_view key = h.header("sec-websocket-key");
  if (key.data() == nullptr || !WsHandshake::isValidKey(key))
    return refuse(400, "Sec-WebSocket-Key must be 16 bytes in base64");
  WsRequestCheck r;
  r.verdict = WsRequestVerdict::kAccept;
  r.length = h.bodyOffset;
  return r;
}

std::string WsHandshakeRequest::refusal(int status, std::string_view reason) {
  std::string answer = "HTTP/1.1 ";
  appendDecimal(&answer, static_cast<unsigned>(status));
  answer.push_back(' ');
  answer.append(httpReasonPhrase(status));
  if (status == 426)
    answer.append(
        "\r\nConnection: Upgrade, close\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13");
  else
    answer.append("\r\nConnection: close");
  answer.append("\r\nContent-Type: text/plain\r\nContent-Length: ");
  appendDecimal(&answer, reason.size() + 1);
  answer.append("\r\n\r\n");
  answer.append(reason);
  answer.push_back('\n');
  return answer;
}

void WsHandshakeRequest::appendAcceptHead(std::string_view key, std::string* out) {
  out->append(
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Accept: ");
  char accept[WsHandshake::kAcceptKeySize];
  WsHandshake::acceptKey(key, accept);
  out->append(accept, sizeof accept);
  out->append("\r\n");
}

std::string WsHandshakeRequest::extensionOffers(const HttpRequestHead& h) {
  std::string offers;
  for (const HttpHeader& field : h.headers) {
    if (!httpEqualsIgnoreCase(field.name, "sec-websocket-extensions")) continue;
    if (!offers.empty()) offers.append(", ");
    offers.append(field.value);
  }
  return offers;
}

bool WsHandshakeRequest::appendHeaderLine(std::string_view line, std::string* out) {
  if (line.empty() || hasLineBreak(line)) return false;
  out->append(line).append("\r\n");
  return true;
}

bool WsHandshakeRequest::appendHeader(std::string_view name, std::string_view value,
                                      std::string* out) {
  if (name.empty() || hasLineBreak(name) || name.find(':') != std::string_view::npos ||
      hasLineBreak(value))
    return false;
  out->append(name).append(": ").append(value).append("\r\n");
  return true;
}

std::string_view WsHandshakeRequest::lineValue(std::string_view lines, std::string_view name) {
  while (!lines.empty()) {
    size_t end = lines.find("\r\n");
    std::string_view line = lines.substr(0, end);
    size_t colon = line.find(':');
    if (colon != std::string_view::npos && httpEqualsIgnoreCase(line.substr(0, colon), name)) {
      std::string_view v = line.substr(colon + 1);
      while (!v.empty() && isOws(v.front())) v.remove_prefix(1);
      // Present but empty is not absent: a non-null view.
      return v.data() ? v : std::string_view("", 0);
    }
    if (end == std::string_view::npos) break;
    lines.remove_prefix(end + 2);
  }
  return std::string_view();
}

}  // namespace surge::protocol
