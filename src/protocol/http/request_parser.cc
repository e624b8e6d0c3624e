#include "protocol/http/request_parser.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace surge::protocol {
namespace {

// The value of one hexadecimal digit of a chunk size.
bool hexDigit(char c, unsigned* digit) {
  if (c >= '0' && c <= '9')
    *digit = static_cast<unsigned>(c - '0');
  else if (c >= 'a' && c <= 'f')
    *digit = static_cast<unsigned>(c - 'a' + 10);
  else if (c >= 'A' && c <= 'F')
    *digit = static_cast<unsigned>(c - 'A' + 10);
  else
    return false;
  return true;
}

// No SP, no controls, no DEL; obs-text is let through as other servers do.
bool isTargetText(std::string_view target) {
  size_t i = 0;
  for (; i + 8 <= target.size(); i += 8)
    if (!httpBlockClean(target.data() + i, 0x21)) break;
  for (; i < target.size(); ++i) {
    unsigned char u = static_cast<unsigned char>(target[i]);
    if (u <= 0x20 || u == 0x7f) return false;
  }
  return true;
}

// The line starting at `pos`: `text` without its LF or CRLF, `end` just past the LF.
// Bare LF is accepted (RFC 9112 section 2.2); a CR anywhere else stays in `text`, where
// the character checks refuse it.
bool findLine(std::string_view buffer, size_t pos, std::string_view* text, size_t* end) {
  if (pos >= buffer.size()) return false;
  const void* nl = std::memchr(buffer.data() + pos, '\n', buffer.size() - pos);
  if (nl == nullptr) return false;
  size_t stop = static_cast<size_t>(static_cast<const char*>(nl) - buffer.data());
  *end = stop + 1;
  if (stop > pos && buffer[stop - 1] == '\r') --stop;
  *text = buffer.substr(pos, stop - pos);
  return true;
}

// Inside a chunked body every line ends in CRLF (RFC 9112 7.1): the chunk-size lines, the
// trailer fields and the empty line that ends them. A bare LF is refused there, unlike in
// the head, because a proxy that reads the body more strictly or more loosely than we do
// frames a different next request (request smuggling).
enum class ChunkLine { kFound, kIncomplete, kBareLf };
ChunkLine findChunkLine(std::string_view buffer, size_t pos, std::string_view* text, size_t* end) {
  if (!findLine(buffer, pos, text, end)) return ChunkLine::kIncomplete;
  if (*end - pos == text->size() + 1) return ChunkLine::kBareLf;
  return ChunkLine::kFound;
}

HttpParseStatus fail(HttpRequestHead* head, int status, const char* reason) {
  head->status = HttpParseStatus::kError;
  head->length = 0;
  head->errorStatus = status;
  head->reason = reason;
  return HttpParseStatus::kError;
}

HttpParseStatus needMore(HttpRequestHead* head) {
  head->status = HttpParseStatus::kNeedMore;
  return HttpParseStatus::kNeedMore;
}

HttpParseStatus complete(HttpRequestHead* head, size_t length) {
  head->status = HttpParseStatus::kComplete;
  head->length = length;
  return HttpParseStatus::kComplete;
}

// Request line: method SP request-target SP HTTP-version, exactly one space each.
const char* parseRequestLine(std::string_view line, HttpRequestHead* head, int* status) {
  *status = 400;
  size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos) return "malformed request line";
  std::string_view method = line.substr(0, sp1);
  if (!isHttpToken(method)) return "invalid method";
  std::string_view rest = line.substr(sp1 + 1);
  size_t sp2 = rest.find(' ');
  if (sp2 == std::string_view::npos) return "malformed request line";
  std::string_view target = rest.substr(0, sp2);
  std::string_view version = rest.substr(sp2 + 1);
  if (target.empty()) return "empty request target";
  if (!isTargetText(target)) return "invalid character in request target";
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[5] < '0' ||
      version[5] > '9' || version[6] != '.' || version[7] < '0' || version[7] > '9')
    return "malformed HTTP version";
  // A later minor version of HTTP/1 is served as the highest we implement, 1.1 (RFC 9110
  // 2.5: minor versions stay compatible); other majors, and 0.x, are not ours.
  if (version[5] != '1') {
    *status = 505;
    return "unsupported HTTP version";
  }
  if (target[0] != '/') {
    bool asterisk = target == "*" && method == "OPTIONS";
    // Absolute-form must be accepted from proxies-aware clients (RFC 9112 3.2.2); any
    // other scheme or the authority-form of CONNECT is not ours to serve.
    auto hasScheme = [&](std::string_view scheme) {
      return target.size() > scheme.size() &&
             httpEqualsIgnoreCase(target.substr(0, scheme.size()), scheme);
    };
    if (!asterisk && !hasScheme("http://") && !hasScheme("https://"))
      return "unsupported request target form";
  }
  head->method = method;
  head->target = target;
  head->versionMinor = version[7] == '0' ? 0 : 1;
  return nullptr;
}

// name ":" OWS value OWS. Whitespace before the colon and obs-fold are refused (RFC 9112
// 5.1, 5.2) because proxies disagree on them.
const char* splitHeaderLine(std::string_view line, HttpHeader* header) {
  if (isOws(line.front())) return "obsolete line folding";
  // One pass over the name: it ends at the first non-token byte, which must be the colon.
  size_t nameLength = 0;
  while (nameLength < line.size() && kHttpTokenChar[static_cast<unsigned char>(line[nameLength])])
    ++nameLength;
  if (nameLength == line.size() || line[nameLength] != ':' || nameLength == 0)
    return "invalid header name";
  std::string_view name = line.substr(0, nameLength);
  std::string_view value = line.substr(nameLength + 1);
  if (!isHttpFieldValue(value)) return "invalid character in header value";
  header->name = name;
  header->value = trimOws(value);
  return nullptr;
}

// What the framing-relevant headers said, gathered over all header lines.
struct FramingHeaders {
  int hostCount = 0;
  bool hasContentLength = false;
  size_t contentLength = 0;
  bool hasTransferEncoding = false;
  bool chunkedLast = false;  // the last transfer coding seen so far is "chunked"
  bool unknownCoding = false;
  bool connectionClose = false;
  bool connectionKeepAlive = false;
  bool expectContinue = false;
  bool expectOther = false;
};

const char* noteHeader(const HttpHeader& h, FramingHeaders* f) {
  switch (h.name.size()) {
    case 4:
      if (httpEqualsIgnoreCase(h.name, "host")) ++f->hostCount;
      return nullptr;
    case 6:
      if (httpEqualsIgnoreCase(h.name, "expect")) {
        if (httpEqualsIgnoreCase(h.value, "100-continue"))
          f->expectContinue = true;
        else
          f->expectOther = true;
      }
      return nullptr;
    case 10:
      if (httpEqualsIgnoreCase(h.name, "connection")) {
        forEachHttpListElement(h.value, [&](std::string_view option) -> const char* {
          if (httpEqualsIgnoreCase(option, "close")) f->connectionClose = true;
          if (httpEqualsIgnoreCase(option, "keep-alive")) f->connectionKeepAlive = true;
          return nullptr;
        });
      }
      return nullptr;
    case 14: {
      if (!httpEqualsIgnoreCase(h.name, "content-length")) return nullptr;
      // Digits only: a list ("5, 5"), a sign or spaces inside are refused rather than
      // interpreted, since an intermediary may have read them differently.
      if (h.value.empty()) return "invalid Content-Length";
      size_t length = 0;
      for (char c : h.value) {
        if (c < '0' || c > '9') return "invalid Content-Length";
        size_t digit = static_cast<size_t>(c - '0');
        if (length > (SIZE_MAX - digit) / 10) return "Content-Length overflow";
        length = length * 10 + digit;
      }
      if (f->hasContentLength && f->contentLength != length) return "conflicting Content-Length";
      f->hasContentLength = true;
      f->contentLength = length;
      return nullptr;
    }
    case 17:
      if (!httpEqualsIgnoreCase(h.name, "transfer-encoding")) return nullptr;
      f->hasTransferEncoding = true;
      return forEachHttpListElement(h.value, [&](std::string_view coding) -> const char* {
        if (!isHttpToken(coding)) return "invalid Transfer-Encoding";
        if (f->chunkedLast) return "chunked is not the final transfer coding";
        if (httpEqualsIgnoreCase(coding, "chunked")) {
          f->chunkedLast = true;
        } else {
          f->unknownCoding = true;
        }
        return nullptr;
      });
    default:
      return nullptr;
  }
}

// Frames a chunked body starting at `pos`; the head is already parsed.
HttpParseStatus parseChunked(std::string_view buffer, size_t pos, size_t total,
                             const HttpLimits& limits, HttpRequestHead* head) {
  // A chunk-size line may carry extensions we skip; bounding it keeps a never-ending
  // line from being rescanned forever.
  const size_t maxLine = limits.maxHeaderBytes;
  std::string_view line;
  size_t end = 0;
  for (;;) {
    head->chunkedResumeAt = pos;
    head->chunkedResumeTotal = total;
    ChunkLine found = findChunkLine(buffer, pos, &line, &end);
    if (found == ChunkLine::kIncomplete) {
      if (buffer.size() - pos >= maxLine) return fail(head, 400, "chunk size line too long");
      return needMore(head);
    }
    if (end - pos > maxLine) return fail(head, 400, "chunk size line too long");
    if (found == ChunkLine::kBareLf) return fail(head, 400, "chunk size line not ended by CRLF");
    size_t size = 0;
    size_t i = 0;
    for (; i < line.size(); ++i) {
      char c = line[i];
      unsigned digit;
      if (!hexDigit(c, &digit)) break;
      // Checked per digit, so `size` never overflows however many digits are sent.
      if (size > (SIZE_MAX >> 4)) return fail(head, 400, "chunk size overflow");
      size = size * 16 + digit;
      if (size > limits.maxBodyBytes - total)
        return fail(head, 413, "body larger than maxBodyBytes");
    }
    if (i == 0) return fail(head, 400, "invalid chunk size");
    std::string_view extensions = line.substr(i);
    if (!extensions.empty()) {
      size_t j = 0;
      while (j < extensions.size() && isOws(extensions[j])) ++j;
      if (j == extensions.size() || extensions[j] != ';')
        return fail(head, 400, "invalid chunk size");
      if (!isHttpFieldValue(extensions))
        return fail(head, 400, "invalid character in chunk extension");
    }
    total += size;
    pos = end;
    if (size == 0) break;
    // The CRLF after the data is checked as soon as its bytes are here; a bare LF is not
    // accepted in this place, where a proxy counting bytes would disagree with us.
    size_t available = buffer.size() - pos;
    if (available <= size) return needMore(head);
    if (buffer[pos + size] != '\r') return fail(head, 400, "chunk data not followed by CRLF");
    if (available - size < 2) return needMore(head);
    if (buffer[pos + size + 1] != '\n') return fail(head, 400, "chunk data not followed by CRLF");
    pos += size + 2;
  }

  // Trailer fields count against maxHeaderBytes together with the head; the chunk lines
  // and the final empty line do not, so a head of exactly maxHeaderBytes still fits.
  const size_t trailerStart = pos;
  const size_t headBytes = head->bodyOffset;
  for (;;) {
    ChunkLine found = findChunkLine(buffer, pos, &line, &end);
    if (found == ChunkLine::kIncomplete) {
      size_t pending = buffer.size() - pos;
      // Only a lone CR may still become the empty line that ends the trailers; any other
      // pending bytes make a field line at least pending + 1 bytes long.
      bool maybeEmpty = pending == 0 || (pending == 1 && buffer[pos] == '\r');
      if (!maybeEmpty && headBytes + (pos - trailerStart) + pending + 1 > limits.maxHeaderBytes)
        return fail(head, 431, "trailer section too large");
      return needMore(head);
    }
    // The size first: a prefix of a long line already answers 431, so the whole line must
    // too, whatever ends it.
    if (!line.empty() && headBytes + (end - trailerStart) > limits.maxHeaderBytes)
      return fail(head, 431, "trailer section too large");
    if (found == ChunkLine::kBareLf) return fail(head, 400, "trailer line not ended by CRLF");
    if (line.empty()) break;
    HttpHeader trailer;
    if (const char* why = splitHeaderLine(line, &trailer)) return fail(head, 400, why);
    pos = end;
  }
  head->contentLength = total;
  return complete(head, end);
}

}  // namespace

std::string_view HttpRequestHead::header(std::string_view name) const {
  for (const HttpHeader& h : headers)
    if (httpEqualsIgnoreCase(h.name, name)) return h.value;
  return {};
}

HttpParseStatus HttpRequestParser::parse(std::string_view buffer, const HttpLimits& limits,
                                         HttpRequestHead* head, size_t resumeAt,
                                         size_t resumeTotal) {
  head->status = HttpParseStatus::kNeedMore;
  head->length = 0;
  head->errorStatus = 0;
  head->reason = nullptr;
  head->method = {};
  head->target = {};
  head->versionMinor = 1;
  head->keepAlive = false;
  head->expectContinue = false;
  head->expectUnsupported = false;
  head->framing = HttpBodyFraming::kNone;
  head->contentLength = 0;
  head->bodyOffset = 0;
  head->chunkedResumeAt = 0;
  head->chunkedResumeTotal = 0;
  head->headers.clear();

  const size_t maxHead = limits.maxHeaderBytes;
  std::string_view line;
  size_t end = 0;
  size_t pos = 0;
  // A head line without its end: once the buffer reaches maxHeaderBytes, the head can
  // only end past the limit, so the answer is already known.
  auto headIncomplete = [&]() {
    if (buffer.size() >= maxHead) return fail(head, 431, "request header block too large");
    return needMore(head);
  };

  // Empty lines before the request line are ignored (RFC 9112 2.2): some clients send
  // a CRLF after a POST body.
  for (;;) {
    if (!findLine(buffer, pos, &line, &end)) return headIncomplete();
    if (end > maxHead) return fail(head, 431, "request header block too large");
    if (!line.empty()) break;
    pos = end;
  }
  int status = 400;
  if (const char* why = parseRequestLine(line, head, &status)) return fail(head, status, why);
  pos = end;

  FramingHeaders framing;
  for (;;) {
    if (!findLine(buffer, pos, &line, &end)) return headIncomplete();
    if (end > maxHead) return fail(head, 431, "request header block too large");
    pos = end;
    if (line.empty()) break;
    HttpHeader header;
    if (const char* why = splitHeaderLine(line, &header)) return fail(head, 400, why);
    if (const char* why = noteHeader(header, &framing)) return fail(head, 400, why);
    head->headers.push_back(header);
  }
  head->bodyOffset = pos;

  const bool http11 = head->versionMinor == 1;
  if (framing.hostCount > 1) return fail(head, 400, "duplicate Host");
  if (http11 && framing.hostCount == 0) return fail(head, 400, "missing Host");
  if (framing.hasTransferEncoding) {
    // Both framings at once, or chunked in a 1.0 request, is how requests get smuggled
    // past a proxy that picked the other one (RFC 9112 6.1, 6.3).
    if (framing.hasContentLength)
      return fail(head, 400, "both Content-Length and Transfer-Encoding");
    if (!http11) return fail(head, 400, "Transfer-Encoding in HTTP/1.0");
    if (framing.unknownCoding) return fail(head, 501, "unsupported Transfer-Encoding");
  }
  head->keepAlive =
      http11 ? !framing.connectionClose : framing.connectionKeepAlive && !framing.connectionClose;
  // A 1.0 client cannot read a 100 Continue (RFC 9110 10.1.1).
  head->expectContinue = http11 && framing.expectContinue;
  head->expectUnsupported = framing.expectOther;

  if (framing.hasTransferEncoding) {
    head->framing = HttpBodyFraming::kChunked;
    // Resume only inside this body and within what a previous call could have seen.
    if (resumeAt > pos && resumeAt <= buffer.size() && resumeTotal <= limits.maxBodyBytes)
      return parseChunked(buffer, resumeAt, resumeTotal, limits, head);
    return parseChunked(buffer, pos, 0, limits, head);
  }
  if (framing.hasContentLength) {
    head->framing = HttpBodyFraming::kLength;
    head->contentLength = framing.contentLength;
    if (framing.contentLength > limits.maxBodyBytes)
      return fail(head, 413, "body larger than maxBodyBytes");
    if (buffer.size() - pos < framing.contentLength) return needMore(head);
    return complete(head, pos + framing.contentLength);
  }
  return complete(head, pos);
}

namespace {
// Walks a chunked body already accepted by the parser, handing each chunk's bytes to
// `sink` and the trailer fields to `trailers`. False if it is not well formed or the sink
// refuses.
template <typename Sink>
bool walkChunks(std::string_view chunked, Sink&& sink, std::vector<HttpHeader>* trailers) {
  size_t pos = 0;
  for (;;) {
    const void* nl = pos < chunked.size()
                         ? std::memchr(chunked.data() + pos, '\n', chunked.size() - pos)
                         : nullptr;
    if (nl == nullptr) return false;
    size_t lineEnd = static_cast<size_t>(static_cast<const char*>(nl) - chunked.data());
    size_t size = 0;
    size_t digits = 0;
    for (size_t i = pos; i < lineEnd; ++i, ++digits) {
      char c = chunked[i];
      unsigned digit;
      if (!hexDigit(c, &digit)) break;
      if (size > (SIZE_MAX >> 4)) return false;
      size = size * 16 + digit;
    }
    if (digits == 0) return false;
    pos = lineEnd + 1;
    if (size == 0) break;
    if (size > chunked.size() - pos || chunked.size() - pos - size < 2) return false;
    if (!sink(chunked.data() + pos, size)) return false;
    pos += size + 2;
  }
  // Trailer fields, then the empty line; they are not part of the payload.
  std::string_view line;
  size_t end = 0;
  while (findLine(chunked, pos, &line, &end) && !line.empty()) {
    HttpHeader field;
    if (trailers && splitHeaderLine(line, &field) == nullptr) trailers->push_back(field);
    pos = end;
  }
  return true;
}
}  // namespace

bool dechunkHttpBody(std::string_view chunked, std::string* out,
                     std::vector<HttpHeader>* trailers) {
  return walkChunks(
      chunked,
      [out](const char* p, size_t n) {
        out->append(p, n);
        return true;
      },
      trailers);
}

bool dechunkHttpBodyInto(std::string_view chunked, char* out, size_t capacity, size_t* written,
                         std::vector<HttpHeader>* trailers) {
  size_t at = 0;
  bool ok = walkChunks(
      chunked,
      [&](const char* p, size_t n) {
        if (n > capacity - at) return false;
        std::memcpy(out + at, p, n);
        at += n;
        return true;
      },
      trailers);
  *written = at;
  return ok;
}

}  // namespace surge::protocol
