#include "protocol/websocket/client_handshake.h"

#include "protocol/http/http_chars.h"
#include "protocol/websocket/handshake.h"

namespace surge::protocol {

namespace {

WsAnswerStatus fail(WsHandshakeAnswer* a, const char* reason, bool tooLarge = false) {
  a->status = WsAnswerStatus::kError;
  a->length = 0;
  a->reason = reason;
  a->tooLarge = tooLarge;
  return WsAnswerStatus::kError;
}

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// HTTP/x.y SP 3DIGIT [SP reason-phrase] (RFC 9112 §4). A missing reason phrase is let
// through without its space, as servers that send "HTTP/1.1 101" exist.
bool readStatusLine(std::string_view line, int* code) {
  if (line.size() < 12 || line.substr(0, 5) != "HTTP/" || !isDigit(line[5]) || line[6] != '.' ||
      !isDigit(line[7]) || line[8] != ' ' || !isDigit(line[9]) || !isDigit(line[10]) ||
      !isDigit(line[11]))
    return false;
  if (line.size() > 12 && (line[12] != ' ' || !isHttpFieldValue(line.substr(13)))) return false;
  *code = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
  return true;
}

// One field line (not the first, not empty) added to the answer; the reason if malformed.
const char* readFieldLine(std::string_view line, WsHandshakeAnswer* a) {
  if (!isHttpFieldValue(line)) return "invalid character in a field line";
  if (isOws(line.front())) {
    // obs-fold: a user agent replaces it with a space (RFC 9112 §5.2) rather than refuse.
    if (a->fields.empty()) return "a folded line before any field";
    std::string_view more = trimOws(line);
    std::string& value = a->fields.back().value;
    if (!more.empty()) {
      if (!value.empty()) value.push_back(' ');
      value.append(more);
    }
    return nullptr;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return "a field line without a colon";
  // Whitespace between name and colon is removed, as a proxy would (RFC 9112 §5.1).
  std::string_view name = trimOws(line.substr(0, colon));
  if (!isHttpToken(name)) return "invalid field name";
  a->fields.push_back(
      WsAnswerField{std::string(name), std::string(trimOws(line.substr(colon + 1)))});
  return nullptr;
}

WsAnswerCheck problem(WsAnswerCheck r, WsAnswerProblem p, const char* reason) {
  r.problem = p;
  r.reason = reason;
  r.deflate = false;
  return r;
}

bool anyFieldHasToken(const WsHandshakeAnswer& a, std::string_view name, std::string_view token) {
  for (const WsAnswerField& f : a.fields)
    if (httpEqualsIgnoreCase(f.name, name) && httpListContains(f.value, token)) return true;
  return false;
}

}  // namespace

std::string_view WsHandshakeAnswer::field(std::string_view name) const {
  for (const WsAnswerField& f : fields)
    if (httpEqualsIgnoreCase(f.name, name)) return f.value;
  return {};
}

size_t WsHandshakeAnswer::fieldCount(std::string_view name) const {
  size_t n = 0;
  for (const WsAnswerField& f : fields)
    if (httpEqualsIgnoreCase(f.name, name)) ++n;
  return n;
}

WsAnswerStatus WsClientHandshake::parse(std::string_view bytes, WsHandshakeAnswer* a) {
  a->status = WsAnswerStatus::kNeedMore;
  a->length = 0;
  a->reason = nullptr;
  a->tooLarge = false;
  a->statusLine.clear();
  a->statusCode = 0;
  a->fields.clear();
  size_t pos = 0;
  for (;;) {
    size_t end = bytes.find("\r\n", pos);
    if (end == std::string_view::npos) {
      // The head can now only end beyond the limit.
      if (bytes.size() >= kMaxHeadBytes) return fail(a, "handshake answer too large", true);
      return WsAnswerStatus::kNeedMore;
    }
    if (end + 2 > kMaxHeadBytes) return fail(a, "handshake answer too large", true);
    std::string_view line = bytes.substr(pos, end - pos);
    if (pos == 0) {
      a->statusLine.assign(line);
      if (!readStatusLine(line, &a->statusCode)) return fail(a, "not an HTTP status line");
    } else if (line.empty()) {
      a->status = WsAnswerStatus::kComplete;
      a->length = end + 2;
      return WsAnswerStatus::kComplete;
    } else if (const char* why = readFieldLine(line, a)) {
      return fail(a, why);
    }
    pos = end + 2;
  }
}

WsAnswerCheck WsClientHandshake::check(const WsHandshakeAnswer& a, const WsClientOffer& offer) {
  WsAnswerCheck r;
  if (a.status != WsAnswerStatus::kComplete || a.statusCode != 101)
    return problem(r, WsAnswerProblem::kStatus, "the server did not switch protocols");
  if (offer.requireUpgradeHeaders) {
    if (!anyFieldHasToken(a, "upgrade", "websocket"))
      return problem(r, WsAnswerProblem::kUpgrade, "Upgrade: websocket is missing");
    if (!anyFieldHasToken(a, "connection", "upgrade"))
      return problem(r, WsAnswerProblem::kConnection, "Connection: Upgrade is missing");
  }
  // Exactly one, equal byte for byte: two accept lines are not a choice for us to make.
  if (a.fieldCount("sec-websocket-accept") != 1 ||
      a.field("sec-websocket-accept") != WsHandshake::acceptKey(offer.key))
    return problem(r, WsAnswerProblem::kAccept, "Sec-WebSocket-Accept does not match the key sent");

  r.protocol = a.field("sec-websocket-protocol");
  if (offer.checkProtocol && r.protocol.data() != nullptr) {
    // One value, and one of those sent (§4.1 step 6; sub-protocol names compare exactly).
    const bool offered = a.fieldCount("sec-websocket-protocol") == 1 &&
                         forEachHttpListElement(offer.protocols, [&](std::string_view p) {
                           return !p.empty() && p == r.protocol;
                         });
    if (!offered)
      return problem(r, WsAnswerProblem::kProtocol, "a sub-protocol that was not offered");
  }

  std::string extensions;
  for (const WsAnswerField& f : a.fields) {
    if (!httpEqualsIgnoreCase(f.name, "sec-websocket-extensions")) continue;
    if (!extensions.empty()) extensions.append(", ");
    extensions.append(f.value);
  }
  if (extensions.empty()) return r;
  if (offer.offeredDeflate && WsDeflateNegotiation::parseResponse(extensions, &r.deflateParams))
    r.deflate = true;
  if (!offer.checkExtensions) return r;
  // parseResponse() lets other extensions by (a server application may handle its own);
  // a client that offered only permessage-deflate may accept nothing else (§4.1 step 5).
  const bool foreign = forEachHttpListElement(extensions, [](std::string_view element) {
    return !element.empty() && !httpEqualsIgnoreCase(trimOws(element.substr(0, element.find(';'))),
                                                     "permessage-deflate");
  });
  if (foreign || !r.deflate)
    return problem(r, WsAnswerProblem::kExtension, "an extension that was not offered");
  return r;
}

}  // namespace surge::protocol
