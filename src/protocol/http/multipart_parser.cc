#include "protocol/http/multipart_parser.h"

#include <cstring>

#include "protocol/http/http_chars.h"

namespace surge::protocol {
namespace {

const char* find(std::string_view haystack, size_t from, const char* needle, size_t size) {
  if (from > haystack.size()) return nullptr;
  return static_cast<const char*>(
      ::memmem(haystack.data() + from, haystack.size() - from, needle, size));
}

// One `;`-separated parameter list, as in Content-Type and Content-Disposition. The first
// element (the media type or disposition type) is skipped by the constructor.
class ParameterReader {
 public:
  explicit ParameterReader(std::string_view value) : rest_(value) {
    size_t semi = rest_.find(';');
    rest_ = semi == std::string_view::npos ? std::string_view() : rest_.substr(semi + 1);
  }

  // The next parameter: its name, and its value raw (for quoted strings, what lies
  // between the quotes with escapes still in it) with `quoted` telling which. Returns
  // false at the end, or with `malformed` set for a quoted string that never closes.
  bool next(std::string_view* name, std::string_view* raw, bool* quoted, bool* malformed) {
    *malformed = false;
    for (;;) {
      rest_ = trimOws(rest_);
      if (rest_.empty()) return false;
      if (rest_.front() == ';') {
        rest_.remove_prefix(1);
        continue;
      }
      size_t stop = rest_.find_first_of("=;");
      if (stop == std::string_view::npos || rest_[stop] == ';') {
        // A parameter without a value means nothing here; skip it.
        rest_ = stop == std::string_view::npos ? std::string_view() : rest_.substr(stop);
        continue;
      }
      *name = trimOws(rest_.substr(0, stop));
      rest_ = trimOws(rest_.substr(stop + 1));
      if (!rest_.empty() && rest_.front() == '"') {
        size_t i = 1;
        while (i < rest_.size() && rest_[i] != '"') i += rest_[i] == '\\' ? 2 : 1;
        if (i >= rest_.size()) {
          *malformed = true;
          return false;
        }
        *raw = rest_.substr(1, i - 1);
        *quoted = true;
        rest_.remove_prefix(i + 1);
        // Anything between the closing quote and the next ';' is junk; skip it.
        size_t semi = rest_.find(';');
        rest_ = semi == std::string_view::npos ? std::string_view() : rest_.substr(semi);
      } else {
        size_t semi = rest_.find(';');
        *raw = trimOws(rest_.substr(0, semi));
        *quoted = false;
        rest_ = semi == std::string_view::npos ? std::string_view() : rest_.substr(semi);
      }
      return true;
    }
  }

 private:
  std::string_view rest_;
};

// Decodes a quoted string's content. Only \" and \\ are taken as escapes: browsers
// percent-encode quotes in file names and old ones send Windows paths with bare
// backslashes ("C:\dir\a.txt"), which must survive.
void unquote(std::string_view raw, std::string* out) {
  out->clear();
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size() && (raw[i + 1] == '"' || raw[i + 1] == '\\')) ++i;
    out->push_back(raw[i]);
  }
}

void assignValue(std::string_view raw, bool quoted, std::string* out) {
  if (quoted)
    unquote(raw, out);
  else
    out->assign(raw.data(), raw.size());
}

}  // namespace

bool multipartBoundary(std::string_view contentType, std::string_view* boundary) {
  ParameterReader params(contentType);
  std::string_view name, raw;
  bool quoted, malformed;
  while (params.next(&name, &raw, &quoted, &malformed)) {
    if (!httpEqualsIgnoreCase(name, "boundary")) continue;
    if (raw.empty() || raw.size() > MultipartParser::kMaxBoundary) return false;
    for (char c : raw) {
      unsigned char u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7f || c == '"' || c == '\\') return false;
      if (!quoted && (c == ' ' || c == '\t')) return false;
    }
    // RFC 2046: the last character is not a space.
    if (raw.back() == ' ' || raw.back() == '\t') return false;
    *boundary = raw;
    return true;
  }
  return false;
}

MultipartParser::MultipartParser(std::string_view body, std::string_view boundary, size_t maxParts)
    : body_(body), maxParts_(maxParts) {
  if (boundary.empty() || boundary.size() > kMaxBoundary) {
    fail("invalid multipart boundary");
    return;
  }
  std::memcpy(delimiter_, "\r\n--", 4);
  std::memcpy(delimiter_ + 4, boundary.data(), boundary.size());
  delimiterSize_ = 4 + boundary.size();
}

MultipartParser::Status MultipartParser::fail(const char* why) {
  phase_ = Phase::kError;
  error_ = why;
  return Status::kError;
}

bool MultipartParser::delimiterLineEnd(size_t pos, size_t* after, bool* closing) const {
  // `pos` is just past "--boundary".
  if (body_.size() - pos >= 2 && body_[pos] == '-' && body_[pos + 1] == '-') {
    *closing = true;
    *after = pos + 2;
    return true;
  }
  // transport-padding (RFC 2046: linear whitespace a gateway may have added), then CRLF.
  while (pos < body_.size() && isOws(body_[pos])) ++pos;
  if (body_.size() - pos >= 2 && body_[pos] == '\r' && body_[pos + 1] == '\n') {
    *closing = false;
    *after = pos + 2;
    return true;
  }
  return false;
}

bool MultipartParser::findDelimiter(size_t from, size_t* at, size_t* after, bool* closing) const {
  // A delimiter's CRLF may already lie behind `from`: the body may open with
  // "--boundary", and a part without content (RFC 2046 makes it optional) has the
  // delimiter right after the CRLF that ends its headers.
  size_t dashes = delimiterSize_ - 2;
  bool lineStart = from == 0 || (from >= 2 && body_[from - 2] == '\r' && body_[from - 1] == '\n');
  if (lineStart && body_.size() - from >= dashes &&
      std::memcmp(body_.data() + from, delimiter_ + 2, dashes) == 0 &&
      delimiterLineEnd(from + dashes, after, closing)) {
    *at = from;
    return true;
  }
  for (;;) {
    const char* hit = find(body_, from, delimiter_, delimiterSize_);
    if (hit == nullptr) return false;
    size_t pos = static_cast<size_t>(hit - body_.data());
    if (delimiterLineEnd(pos + delimiterSize_, after, closing)) {
      *at = pos;
      return true;
    }
    // "--boundary" followed by other bytes is content that merely starts like one.
    from = pos + 1;
  }
}

MultipartParser::Status MultipartParser::next(MultipartPart* part) {
  switch (phase_) {
    case Phase::kDone:
      return Status::kDone;
    case Phase::kError:
      return Status::kError;
    case Phase::kPreamble: {
      size_t at, after;
      bool closing;
      if (!findDelimiter(0, &at, &after, &closing))
        return fail("no multipart boundary delimiter in the body");
      if (closing) {
        phase_ = Phase::kDone;
        return Status::kDone;
      }
      pos_ = after;
      phase_ = Phase::kHeaders;
      break;
    }
    case Phase::kHeaders:
      break;
  }

  // pos_ is just past a delimiter line's CRLF: the part's headers start here.
  if (parts_ >= maxParts_) return fail("too many multipart parts");
  size_t dataStart;
  std::string_view block;
  if (body_.size() - pos_ >= 2 && body_[pos_] == '\r' && body_[pos_ + 1] == '\n') {
    dataStart = pos_ + 2;  // no headers at all
  } else {
    size_t window = body_.size() - pos_;
    if (window > kMaxHeaderBytes + 4) window = kMaxHeaderBytes + 4;
    const char* end = find(body_.substr(0, pos_ + window), pos_, "\r\n\r\n", 4);
    if (end == nullptr) {
      return fail(window == kMaxHeaderBytes + 4 ? "multipart part headers too large"
                                                : "multipart part headers not terminated");
    }
    size_t endPos = static_cast<size_t>(end - body_.data());
    block = body_.substr(pos_, endPos - pos_);
    dataStart = endPos + 4;
    // Headers that run into the next delimiter are a part without a blank line; reading
    // them as one part would let two parsers disagree on where parts are.
    if (find(body_.substr(0, dataStart), pos_ - 2, delimiter_, delimiterSize_) != nullptr)
      return fail("multipart part headers not terminated");
  }
  if (!parseHeaders(block, part)) return Status::kError;

  size_t at, after;
  bool closing;
  if (!findDelimiter(dataStart, &at, &after, &closing))
    return fail("missing multipart closing delimiter");
  part->data = body_.substr(dataStart, at - dataStart);
  ++parts_;
  if (closing)
    phase_ = Phase::kDone;
  else
    pos_ = after;
  return Status::kPart;
}

bool MultipartParser::parseHeaders(std::string_view block, MultipartPart* part) {
  part->name.clear();
  part->filename.clear();
  part->hasFilename = false;
  part->contentType = {};
  part->data = {};
  bool haveDisposition = false;
  bool haveType = false;
  bool haveName = false;
  while (!block.empty()) {
    size_t eol = block.find("\r\n");
    std::string_view line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 2);
    size_t colon = line.find(':');
    // Lines that are not fields (obsolete folding, junk) carry nothing we use.
    if (colon == std::string_view::npos) continue;
    std::string_view name = trimOws(line.substr(0, colon));
    std::string_view value = trimOws(line.substr(colon + 1));
    if (!haveType && httpEqualsIgnoreCase(name, "content-type")) {
      haveType = true;
      part->contentType = value;
    } else if (!haveDisposition && httpEqualsIgnoreCase(name, "content-disposition")) {
      haveDisposition = true;
      ParameterReader params(value);
      std::string_view param, raw;
      bool quoted, malformed;
      while (params.next(&param, &raw, &quoted, &malformed)) {
        // filename* (RFC 5987) is a different parameter; RFC 7578 says not to use it.
        if (!haveName && httpEqualsIgnoreCase(param, "name")) {
          haveName = true;
          assignValue(raw, quoted, &part->name);
        } else if (!part->hasFilename && httpEqualsIgnoreCase(param, "filename")) {
          part->hasFilename = true;
          assignValue(raw, quoted, &part->filename);
        }
      }
      if (malformed) {
        fail("malformed multipart Content-Disposition");
        return false;
      }
    }
  }
  if (!haveName) {
    fail("multipart part without a Content-Disposition name");
    return false;
  }
  return true;
}

}  // namespace surge::protocol
