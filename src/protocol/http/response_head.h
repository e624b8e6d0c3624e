// Writes the head of an HTTP/1.1 response: the status line, the application's fields,
// and the fields the server adds unless the application set them (Server, Date,
// Connection, Content-Type, Content-Length). Fields that could split the response (a
// name that is not a token, a value with CR, LF or NUL) are never written.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "protocol/http/http_chars.h"

namespace surge::protocol {

// A field value that cannot end a line: no CR, LF or NUL.
bool isSafeHttpFieldValue(std::string_view s);

class HttpResponseHead {
 public:
  // Fields the server looks at, recorded when the application writes them.
  enum Field : uint32_t {
    kServer = 1,
    kDate = 2,
    kConnection = 4,
    kContentType = 8,
    kContentLength = 16,
    kTransferEncoding = 32,
  };

  // Starts a head in `out` (cleared): "HTTP/<version> <code> <reason>\r\n".
  HttpResponseHead(std::string* out, std::string_view version, int code, std::string_view reason);

  // An application field; skipped (false) if it could split the response.
  bool field(std::string_view name, std::string_view value);
  bool has(Field f) const { return (seen_ & f) != 0; }
  // The application's Connection field said "close".
  bool saysClose() const { return saysClose_; }
  // The application's Content-Type is exactly text/event-stream.
  bool isEventStream() const { return eventStream_; }

  // The fields the server adds (each only if the application did not write it), then
  // the empty line. contentLength < 0 writes no Content-Length.
  void finish(std::string_view date, bool keepAlive, long long contentLength,
              bool defaultContentType = true);

 private:
  std::string* out_;
  uint32_t seen_ = 0;
  bool saysClose_ = false;
  bool eventStream_ = false;
};

// Appends a decimal number.
void appendDecimal(std::string* out, unsigned long long n);

}  // namespace surge::protocol
