// libFuzzer target for multipartBoundary() and MultipartParser. The first input byte is
// the part limit; the bytes up to the first LF are a Content-Type value and the rest is
// the body. When the value yields no boundary the body is parsed with boundary "b", so
// the body is exercised either way. Every part must be a view into the body that ends
// where a delimiter starts, parts must come in order, the limit must hold, and a second
// parse must give the very same answer.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/http/multipart_parser.h"
// Compiled into this target so that libFuzzer's coverage instrumentation reaches it (see
// http_request_parser_fuzz.cc).
#include "protocol/http/multipart_parser.cc"

using surge::protocol::multipartBoundary;
using surge::protocol::MultipartParser;
using surge::protocol::MultipartPart;

namespace {

void check(bool ok) {
  if (!ok) __builtin_trap();
}

bool inside(std::string_view part, std::string_view whole) {
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

struct Outcome {
  std::vector<std::string> parts;
  MultipartParser::Status end = MultipartParser::Status::kPart;
  const char* error = nullptr;
};

Outcome run(std::string_view body, std::string_view boundary, size_t maxParts) {
  Outcome out;
  MultipartParser parser(body, boundary, maxParts);
  MultipartPart part;
  std::string delimiter = "\r\n--" + std::string(boundary);
  const char* lastEnd = body.data();
  for (size_t calls = 0;; ++calls) {
    check(calls <= maxParts + 1);
    MultipartParser::Status s = parser.next(&part);
    if (s != MultipartParser::Status::kPart) {
      check((s == MultipartParser::Status::kError) == (parser.error() != nullptr));
      check(parser.next(&part) == s);
      out.end = s;
      out.error = parser.error();
      break;
    }
    check(parser.error() == nullptr);
    check(parser.partCount() == out.parts.size() + 1);
    check(parser.partCount() <= maxParts);
    check(part.data.empty() || inside(part.data, body));
    check(part.contentType.empty() || inside(part.contentType, body));
    check(part.hasFilename || part.filename.empty());
    // Parts come in order and each ends where a delimiter begins (its CRLF, or its
    // dashes when the part has no content and the CRLF ended the headers).
    check(part.data.data() >= lastEnd);
    size_t end = static_cast<size_t>(part.data.data() + part.data.size() - body.data());
    std::string_view rest = body.substr(end);
    bool atCrlf = rest.substr(0, delimiter.size()) == delimiter;
    bool atDashes = part.data.empty() &&
                    rest.substr(0, delimiter.size() - 2) == std::string_view(delimiter).substr(2);
    check(atCrlf || atDashes);
    lastEnd = part.data.data() + part.data.size();
    out.parts.push_back(part.name + '\0' + part.filename + '\0' +
                        std::string(part.hasFilename ? "1" : "0") + '\0' +
                        std::string(part.contentType) + '\0' + std::string(part.data));
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  size_t maxParts = data[0] % 16;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  size_t lf = input.find('\n');
  std::string_view contentType = input.substr(0, lf);
  std::string_view body = lf == std::string_view::npos ? std::string_view() : input.substr(lf + 1);

  std::string_view boundary;
  if (multipartBoundary(contentType, &boundary)) {
    check(inside(boundary, contentType));
    check(!boundary.empty() && boundary.size() <= MultipartParser::kMaxBoundary);
  } else {
    boundary = "b";
  }
  // The body in its own allocation, so that ASan sees any read past its end.
  std::string owned(body);
  Outcome first = run(owned, boundary, maxParts);
  Outcome second = run(owned, boundary, maxParts);
  check(first.parts == second.parts);
  check(first.end == second.end);
  check(first.error == second.error);
  return 0;
}
