// libFuzzer target for the opening handshake, both sides: the input is read as a
// client's upgrade request (WsHandshakeRequest::read) and as a server's answer
// (WsClientHandshake::parse/check). Each verdict must not depend on how the bytes arrive
// (every prefix gives "need more" or the same verdict), a parsed answer must read back the
// same once written out again, the checks must agree with a direct reading of RFC 6455,
// and what the server side writes (the 101, the refusals) must read correctly on the
// client side.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "protocol/http/http_chars.h"
#include "protocol/websocket/client_handshake.h"
#include "protocol/websocket/handshake.h"
#include "protocol/websocket/handshake_request.h"
// Compiled into this target so libFuzzer's coverage instrumentation reaches them
// (surge_core is built without -fsanitize=fuzzer); the linker then takes no object for
// these symbols from libsurge_core.a.
#include "protocol/http/request_parser.cc"
#include "protocol/websocket/client_handshake.cc"
#include "protocol/websocket/handshake.cc"
#include "protocol/websocket/handshake_request.cc"

using namespace surge::protocol;

namespace {

constexpr std::string_view kKey = "dGhlIHNhbXBsZSBub25jZQ==";  // the seeds answer this key

void check(bool ok) {
  if (!ok) __builtin_trap();
}

// Prefix lengths worth trying: all of the short ones, then a sample, so that a long input
// costs a bounded number of re-parses.
template <typename Each>
void forPrefixes(size_t size, Each each) {
  const size_t step = size <= 512 ? 1 : size / 256;
  for (size_t i = 0; i < size; i += (i < 512 ? 1 : step)) each(i);
}

// --- the server's answer, read by the client -------------------------------------------

bool sameAnswer(const WsHandshakeAnswer& a, const WsHandshakeAnswer& b) {
  if (a.status != b.status || a.length != b.length || a.reason != b.reason ||
      a.tooLarge != b.tooLarge || a.statusCode != b.statusCode || a.statusLine != b.statusLine ||
      a.fields.size() != b.fields.size())
    return false;
  for (size_t i = 0; i < a.fields.size(); ++i)
    if (a.fields[i].name != b.fields[i].name || a.fields[i].value != b.fields[i].value)
      return false;
  return true;
}

void checkAnswerShape(const WsHandshakeAnswer& a, std::string_view bytes) {
  switch (a.status) {
    case WsAnswerStatus::kComplete:
      check(a.length >= 4 && a.length <= bytes.size());
      check(a.length <= WsClientHandshake::kMaxHeadBytes);
      check(bytes.substr(a.length - 4, 4) == "\r\n\r\n");
      // The head ends at the first empty line: no "\r\n\r\n" before it.
      check(bytes.substr(0, a.length).find("\r\n\r\n") == a.length - 4);
      check(a.statusCode >= 0 && a.statusCode <= 999);
      check(bytes.substr(0, a.statusLine.size()) == a.statusLine);
      for (const WsAnswerField& f : a.fields) {
        check(isHttpToken(f.name));
        check(isHttpFieldValue(f.value));
        check(trimOws(f.value) == f.value);
      }
      break;
    case WsAnswerStatus::kError:
      check(a.reason != nullptr);
      check(a.length == 0);
      if (a.tooLarge) check(bytes.size() >= WsClientHandshake::kMaxHeadBytes);
      break;
    case WsAnswerStatus::kNeedMore:
      check(bytes.size() < WsClientHandshake::kMaxHeadBytes);
      check(bytes.find("\r\n\r\n") == std::string_view::npos);
      break;
  }
}

// The accept check read straight from RFC 6455 §4.1: 101, one accept field, equal.
bool referenceAccepts(const WsHandshakeAnswer& a, std::string_view key) {
  if (a.status != WsAnswerStatus::kComplete || a.statusCode != 101) return false;
  const std::string expected = WsHandshake::acceptKey(key);
  int seen = 0;
  bool equal = false;
  for (const WsAnswerField& f : a.fields) {
    if (!httpEqualsIgnoreCase(f.name, "Sec-WebSocket-Accept")) continue;
    ++seen;
    equal = f.value == expected;
  }
  return seen == 1 && equal;
}

void fuzzAnswer(std::string_view bytes) {
  WsHandshakeAnswer whole;
  WsClientHandshake::parse(bytes, &whole);
  checkAnswerShape(whole, bytes);

  bool decided = false;
  forPrefixes(bytes.size(), [&](size_t i) {
    WsHandshakeAnswer part;
    WsClientHandshake::parse(bytes.substr(0, i), &part);
    if (part.status == WsAnswerStatus::kNeedMore) {
      check(!decided);  // once decided, longer prefixes stay decided
      return;
    }
    decided = true;
    check(sameAnswer(part, whole));
  });

  if (whole.status == WsAnswerStatus::kNeedMore) return;
  // What follows a decided head changes nothing.
  std::string longer(bytes);
  longer += "\r\n\r\nX";
  WsHandshakeAnswer after;
  WsClientHandshake::parse(longer, &after);
  check(sameAnswer(after, whole));
  if (whole.status != WsAnswerStatus::kComplete) return;

  // Written out again, canonically, it reads the same (folding is already undone).
  std::string again = whole.statusLine + "\r\n";
  for (const WsAnswerField& f : whole.fields) again += f.name + ": " + f.value + "\r\n";
  again += "\r\n";
  WsHandshakeAnswer reread;
  WsClientHandshake::parse(again, &reread);
  if (again.size() <= WsClientHandshake::kMaxHeadBytes) {
    check(reread.status == WsAnswerStatus::kComplete && reread.length == again.size());
    whole.length = reread.length;
    check(sameAnswer(reread, whole));
  }

  for (std::string_view key : {kKey, std::string_view("AAAAAAAAAAAAAAAAAAAAAA==")}) {
    WsClientOffer lenient;
    lenient.key = key;
    WsAnswerCheck c = WsClientHandshake::check(whole, lenient);
    check(c.ok() == referenceAccepts(whole, key));
    check(!c.deflate);  // not offered
    if (!c.ok()) check(c.reason != nullptr);

    WsClientOffer strict = lenient;
    strict.requireUpgradeHeaders = true;
    strict.checkProtocol = true;
    strict.protocols = "chat, v2.chat";
    strict.checkExtensions = true;
    strict.offeredDeflate = true;
    WsAnswerCheck s = WsClientHandshake::check(whole, strict);
    if (!s.ok()) {
      check(s.reason != nullptr && !s.deflate);
      continue;
    }
    check(c.ok());  // stricter never accepts more
    check(s.protocol.data() == nullptr || s.protocol == "chat" || s.protocol == "v2.chat");
    // Any extension named is permessage-deflate, agreed; empty values name none.
    bool named = false;
    for (const WsAnswerField& f : whole.fields)
      named =
          named || (httpEqualsIgnoreCase(f.name, "sec-websocket-extensions") && !f.value.empty());
    check(s.deflate == named);
    if (s.deflate) {
      check(s.deflateParams.serverMaxWindowBits >= 8 && s.deflateParams.serverMaxWindowBits <= 15);
      check(s.deflateParams.clientMaxWindowBits >= 8 && s.deflateParams.clientMaxWindowBits <= 15);
    }
  }
}

// --- the client's request, read by the server ------------------------------------------

bool sameCheck(const WsRequestCheck& a, const WsRequestCheck& b) {
  return a.verdict == b.verdict && a.status == b.status && a.length == b.length &&
         (a.reason == b.reason || (a.reason && b.reason && std::strcmp(a.reason, b.reason) == 0));
}

void checkRefusalReadsBack(int status, const char* reason) {
  const std::string answer = WsHandshakeRequest::refusal(status, reason);
  WsHandshakeAnswer a;
  check(WsClientHandshake::parse(answer, &a) == WsAnswerStatus::kComplete);
  check(a.statusCode == status);
  const std::string body = std::string(reason) + "\n";
  check(a.field("content-length") == std::to_string(body.size()));
  check(std::string_view(answer).substr(a.length) == body);
  check(httpListContains(a.field("connection"), "close"));
  check((a.field("sec-websocket-version") == "13") == (status == 426));
  WsClientOffer offer;
  offer.key = kKey;
  check(WsClientHandshake::check(a, offer).problem == WsAnswerProblem::kStatus);
}

void fuzzRequest(std::string_view bytes) {
  HttpRequestHead head;
  const WsRequestCheck whole = WsHandshakeRequest::read(bytes, &head);

  bool decided = false;
  forPrefixes(bytes.size(), [&](size_t i) {
    HttpRequestHead h;
    WsRequestCheck part = WsHandshakeRequest::read(bytes.substr(0, i), &h);
    if (part.verdict == WsRequestVerdict::kNeedMore) {
      check(!decided);
      return;
    }
    decided = true;
    check(sameCheck(part, whole));
  });

  switch (whole.verdict) {
    case WsRequestVerdict::kNeedMore:
      check(whole.status == 0 && whole.reason == nullptr);
      check(bytes.size() < WsHandshakeRequest::kMaxHeadBytes);
      break;
    case WsRequestVerdict::kRefuse:
      check(whole.reason != nullptr);
      check(whole.status == 400 || whole.status == 426 || whole.status == 431 ||
            whole.status == 501 || whole.status == 505);
      checkRefusalReadsBack(whole.status, whole.reason);
      break;
    case WsRequestVerdict::kAccept: {
      // Read straight from RFC 6455 §4.2.1.
      check(whole.length == head.bodyOffset && whole.length <= bytes.size());
      check(head.method == "GET" && head.versionMinor == 1);
      check(head.framing == HttpBodyFraming::kNone || head.contentLength == 0);
      check(head.header("sec-websocket-version") == "13");
      const std::string_view key = head.header("sec-websocket-key");
      check(WsHandshake::isValidKey(key));
      // Our 101 satisfies a strict client that sent this key.
      std::string answer;
      WsHandshakeRequest::appendAcceptHead(key, &answer);
      answer += "\r\n";
      WsHandshakeAnswer a;
      check(WsClientHandshake::parse(answer, &a) == WsAnswerStatus::kComplete);
      WsClientOffer offer;
      offer.key = key;
      offer.requireUpgradeHeaders = true;
      offer.checkProtocol = true;
      offer.checkExtensions = true;
      check(WsClientHandshake::check(a, offer).ok());
      break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  fuzzAnswer(bytes);
  fuzzRequest(bytes);
  return 0;
}
