// multipart/form-data bodies (RFC 7578 on RFC 2046): the fields and uploaded files of an
// HTML form. The parser walks a complete body part by part and hands out views into it,
// so a caller can write a file part to disk straight from the request buffer.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace surge::protocol {

// Extracts the boundary parameter from a Content-Type header value such as
// `multipart/form-data; boundary="----x"`. The parameter name is case-insensitive and the
// value may be a token or a quoted string; it must be 1 to 70 characters without CTLs,
// quotes or backslashes (RFC 2046 bchars are a subset). On success *boundary views into
// `contentType` (without quotes). The media type itself is not checked, as in Workerman:
// the caller decides which types it treats as multipart.
bool multipartBoundary(std::string_view contentType, std::string_view* boundary);

// One part of the body. Reuse one object across next() calls: the strings keep their
// capacity, so parsing allocates only while names grow.
struct MultipartPart {
  std::string name;      // Content-Disposition name parameter (quoted-string decoded)
  std::string filename;  // filename parameter, valid when hasFilename (may be empty)
  bool hasFilename = false;
  std::string_view contentType;  // the part's Content-Type value, or empty
  std::string_view data;         // the part's bytes, a view into the body
};

class MultipartParser {
 public:
  enum class Status { kPart, kDone, kError };

  // A header block of a part above this many bytes is an error.
  static constexpr size_t kMaxHeaderBytes = 8192;
  // RFC 2046: a boundary has 1 to 70 characters.
  static constexpr size_t kMaxBoundary = 70;

  // Parses `body` (complete, not copied: it must outlive the parser and the parts) with
  // the boundary from multipartBoundary(). More than `maxParts` parts is an error.
  MultipartParser(std::string_view body, std::string_view boundary, size_t maxParts);

  // Fills `part` with the next part and returns kPart; kDone after the closing delimiter
  // (an epilogue after it is ignored, as is a preamble before the first delimiter); kError
  // with error() set when the body is malformed. After kDone or kError every further call
  // returns the same. Parts returned before an error were well formed.
  Status next(MultipartPart* part);

  // Why next() returned kError (a static string), or nullptr.
  const char* error() const { return error_; }
  // Parts returned so far.
  size_t partCount() const { return parts_; }

 private:
  enum class Phase { kPreamble, kHeaders, kDone, kError };

  Status fail(const char* why);
  // Finds the next delimiter line at or after `from`: `at` is where the bytes before it
  // end (its CRLF, or its dashes when that CRLF lies before `from`), `after` is just past
  // its line (past "--" for the closing one).
  bool findDelimiter(size_t from, size_t* at, size_t* after, bool* closing) const;
  // Classifies what follows "--boundary" at `pos`: a delimiter line, the closing
  // delimiter, or neither (the bytes merely start like a delimiter).
  bool delimiterLineEnd(size_t pos, size_t* after, bool* closing) const;
  bool parseHeaders(std::string_view block, MultipartPart* part);

  std::string_view body_;
  size_t maxParts_;
  size_t parts_ = 0;
  size_t pos_ = 0;
  Phase phase_ = Phase::kPreamble;
  const char* error_ = nullptr;
  // "\r\n--" + boundary
  char delimiter_[4 + kMaxBoundary];
  size_t delimiterSize_ = 0;
};

}  // namespace surge::protocol
