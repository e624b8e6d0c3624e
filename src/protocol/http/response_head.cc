#include "protocol/http/response_head.h"

#include "protocol/http/request_parser.h"

namespace surge::protocol {

bool isSafeHttpFieldValue(std::string_view s) {
  for (char c : s)
    if (c == '\r' || c == '\n' || c == '\0') return false;
  return true;
}

void appendDecimal(std::string* out, unsigned long long n) {
  char digits[24];
  char* p = digits + sizeof digits;
  do {
    *--p = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n != 0);
  out->append(p, static_cast<size_t>(digits + sizeof digits - p));
}

HttpResponseHead::HttpResponseHead(std::string* out, std::string_view version, int code,
                                   std::string_view reason)
    : out_(out) {
  out_->clear();
  out_->append("HTTP/");
  out_->append(version);
  out_->push_back(' ');
  appendDecimal(out_, static_cast<unsigned long long>(code < 0 ? 0 : code));
  out_->push_back(' ');
  out_->append(reason);
  out_->append("\r\n");
}

bool HttpResponseHead::field(std::string_view name, std::string_view value) {
  if (!isHttpToken(name) || !isSafeHttpFieldValue(value)) return false;
  switch (name.size()) {
    case 4:
      if (httpEqualsIgnoreCase(name, "date")) seen_ |= kDate;
      break;
    case 6:
      if (httpEqualsIgnoreCase(name, "server")) seen_ |= kServer;
      break;
    case 10:
      if (httpEqualsIgnoreCase(name, "connection")) {
        seen_ |= kConnection;
        saysClose_ = httpEqualsIgnoreCase(value, "close");
      }
      break;
    case 12:
      if (httpEqualsIgnoreCase(name, "content-type")) {
        seen_ |= kContentType;
        eventStream_ = httpEqualsIgnoreCase(value, "text/event-stream");
      }
      break;
    case 14:
      if (httpEqualsIgnoreCase(name, "content-length")) seen_ |= kContentLength;
      break;
    case 17:
      if (httpEqualsIgnoreCase(name, "transfer-encoding")) seen_ |= kTransferEncoding;
      break;
  }
  out_->append(name);
  out_->append(": ");
  out_->append(value);
  out_->append("\r\n");
  return true;
}

void HttpResponseHead::finish(std::string_view date, bool keepAlive, long long contentLength,
                              bool defaultContentType) {
  if (!has(kServer)) out_->append("Server: surge\r\n");
  if (!has(kDate)) {
    out_->append("Date: ");
    out_->append(date);
    out_->append("\r\n");
  }
  if (!has(kConnection))
    out_->append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
  if (defaultContentType && !has(kContentType))
    out_->append("Content-Type: text/html;charset=utf-8\r\n");
  if (contentLength >= 0 && !has(kContentLength) && !has(kTransferEncoding)) {
    out_->append("Content-Length: ");
    appendDecimal(out_, static_cast<unsigned long long>(contentLength));
    out_->append("\r\n");
  }
  out_->append("\r\n");
}

}  // namespace surge::protocol
