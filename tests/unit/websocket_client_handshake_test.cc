#include "protocol/websocket/client_handshake.h"

#include <gtest/gtest.h>

#include <string>

#include "protocol/websocket/handshake.h"
#include "protocol/websocket/handshake_request.h"

namespace surge::protocol {
namespace {

constexpr std::string_view kKey = "dGhlIHNhbXBsZSBub25jZQ==";  // RFC 6455 §1.3
constexpr std::string_view kAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

std::string answer(std::string_view extra = {}, std::string_view accept = kAccept) {
  std::string a =
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
  if (!accept.empty()) a.append("Sec-WebSocket-Accept: ").append(accept).append("\r\n");
  a.append(extra).append("\r\n");
  return a;
}

WsHandshakeAnswer parsed(std::string_view bytes) {
  WsHandshakeAnswer a;
  WsClientHandshake::parse(bytes, &a);
  return a;
}

WsClientOffer offerOf(std::string_view key = kKey) {
  WsClientOffer o;
  o.key = key;
  return o;
}

TEST(WsClientHandshake, ReadsAValidAnswerAndSaysWhereFramesStart) {
  std::string head = answer("X-Server: raw\r\n");
  WsHandshakeAnswer a = parsed(head + "\x81\x02hi");
  ASSERT_EQ(a.status, WsAnswerStatus::kComplete);
  EXPECT_EQ(a.length, head.size());
  EXPECT_EQ(a.statusCode, 101);
  EXPECT_EQ(a.statusLine, "HTTP/1.1 101 Switching Protocols");
  ASSERT_EQ(a.fields.size(), 4u);
  EXPECT_EQ(a.fields[3].name, "X-Server");
  EXPECT_EQ(a.fields[3].value, "raw");
  WsAnswerCheck c = WsClientHandshake::check(a, offerOf());
  EXPECT_TRUE(c.ok());
  EXPECT_EQ(c.protocol.data(), nullptr);
  EXPECT_FALSE(c.deflate);
}

TEST(WsClientHandshake, TheServerSideAnswerPassesTheClientSideCheck) {
  std::string head;
  WsHandshakeRequest::appendAcceptHead("AAAAAAAAAAAAAAAAAAAAAA==", &head);
  head += "\r\n";
  WsClientOffer o = offerOf("AAAAAAAAAAAAAAAAAAAAAA==");
  o.requireUpgradeHeaders = true;
  EXPECT_TRUE(WsClientHandshake::check(parsed(head), o).ok());
}

TEST(WsClientHandshake, AcceptMismatchMissingOrRepeated) {
  WsAnswerCheck c =
      WsClientHandshake::check(parsed(answer({}, WsHandshake::acceptKey("other"))), offerOf());
  EXPECT_EQ(c.problem, WsAnswerProblem::kAccept);
  EXPECT_STREQ(c.reason, "Sec-WebSocket-Accept does not match the key sent");
  EXPECT_EQ(WsClientHandshake::check(parsed(answer({}, "")), offerOf()).problem,
            WsAnswerProblem::kAccept);
  std::string twice = answer("Sec-WebSocket-Accept: " + std::string(kAccept) + "\r\n");
  EXPECT_EQ(WsClientHandshake::check(parsed(twice), offerOf()).problem, WsAnswerProblem::kAccept);
  // The value compares exactly: base64 is case-sensitive.
  std::string lower = answer({}, "S3PPLMBITXAQ9KYGZZHZRBK+XOO=");
  EXPECT_EQ(WsClientHandshake::check(parsed(lower), offerOf()).problem, WsAnswerProblem::kAccept);
}

TEST(WsClientHandshake, WrongStatusIsRefusedWithItsLine) {
  std::string bytes = "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n";
  WsHandshakeAnswer a = parsed(bytes);
  ASSERT_EQ(a.status, WsAnswerStatus::kComplete);
  EXPECT_EQ(a.statusCode, 403);
  EXPECT_EQ(a.statusLine, "HTTP/1.1 403 Forbidden");
  WsAnswerCheck c = WsClientHandshake::check(a, offerOf());
  EXPECT_EQ(c.problem, WsAnswerProblem::kStatus);
  // 200 with a correct accept key is still no upgrade.
  std::string ok200 =
      "HTTP/1.1 200 OK\r\nSec-WebSocket-Accept: " + std::string(kAccept) + "\r\n\r\n";
  EXPECT_EQ(WsClientHandshake::check(parsed(ok200), offerOf()).problem, WsAnswerProblem::kStatus);
  // An answer that is not complete is never accepted.
  EXPECT_EQ(WsClientHandshake::check(parsed("HTTP/1.1 101 X\r\n"), offerOf()).problem,
            WsAnswerProblem::kStatus);
}

TEST(WsClientHandshake, StatusLineForms) {
  EXPECT_EQ(parsed("HTTP/1.1 101\r\n\r\n").statusCode, 101);  // no reason phrase
  EXPECT_EQ(parsed("HTTP/1.1 101 \r\n\r\n").status, WsAnswerStatus::kComplete);
  EXPECT_EQ(parsed("HTTP/1.0 101 OK\r\n\r\n").statusCode, 101);
  for (std::string_view bad :
       {"SSH-2.0-OpenSSH\r\n", "HTTP/1.1 10\r\n", "HTTP/1.1 1010\r\n", "HTTP/11 101 X\r\n",
        "http/1.1 101 X\r\n", "HTTP/1.1  101 X\r\n", "HTTP/1.1 101 X\x01\r\n", "\r\n"}) {
    WsHandshakeAnswer a = parsed(bad);
    EXPECT_EQ(a.status, WsAnswerStatus::kError) << bad;
    EXPECT_STREQ(a.reason, "not an HTTP status line");
    EXPECT_EQ(a.statusCode, 0);
    EXPECT_FALSE(a.tooLarge);
  }
  // Decided as soon as the status line is whole: no need to wait for the rest.
  EXPECT_EQ(parsed("SSH-2.0\r\nmore").status, WsAnswerStatus::kError);
}

TEST(WsClientHandshake, ByteByByteNeedsMoreUntilTheBlankLine) {
  std::string bytes = answer("Sec-WebSocket-Protocol: chat\r\n");
  WsHandshakeAnswer whole = parsed(bytes);
  ASSERT_EQ(whole.status, WsAnswerStatus::kComplete);
  for (size_t i = 0; i < bytes.size(); ++i)
    EXPECT_EQ(parsed(bytes.substr(0, i)).status, WsAnswerStatus::kNeedMore) << i;
  // Bytes after the head (frames) do not change it.
  WsHandshakeAnswer more = parsed(bytes + "\r\n\r\nHTTP/1.1 200");
  EXPECT_EQ(more.length, whole.length);
  EXPECT_EQ(more.fields.size(), whole.fields.size());
}

TEST(WsClientHandshake, OversizedHead) {
  std::string big =
      "HTTP/1.1 101 X\r\nX-Pad: " + std::string(WsClientHandshake::kMaxHeadBytes, 'a');
  WsHandshakeAnswer a = parsed(big);
  EXPECT_EQ(a.status, WsAnswerStatus::kError);
  EXPECT_TRUE(a.tooLarge);
  // Exactly at the limit is fine; one byte more is not, however it arrives.
  std::string head = "HTTP/1.1 101 X\r\nX-Pad: ";
  std::string fits =
      head + std::string(WsClientHandshake::kMaxHeadBytes - head.size() - 4, 'a') + "\r\n\r\n";
  ASSERT_EQ(fits.size(), WsClientHandshake::kMaxHeadBytes);
  EXPECT_EQ(parsed(fits).status, WsAnswerStatus::kComplete);
  std::string over =
      head + std::string(WsClientHandshake::kMaxHeadBytes - head.size() - 3, 'a') + "\r\n\r\n";
  EXPECT_TRUE(parsed(over).tooLarge);
  EXPECT_TRUE(parsed(over.substr(0, WsClientHandshake::kMaxHeadBytes)).tooLarge);
  EXPECT_EQ(parsed(over.substr(0, WsClientHandshake::kMaxHeadBytes - 1)).status,
            WsAnswerStatus::kNeedMore);
}

TEST(WsClientHandshake, FieldNamesAreCaseInsensitiveAndKeptAsSent) {
  std::string bytes =
      "HTTP/1.1 101 Switching Protocols\r\nupgrade: WebSocket\r\nCONNECTION: upgrade\r\n"
      "sec-websocket-accept: " +
      std::string(kAccept) + "  \r\nSec-WebSocket-Protocol : chat\r\n\r\n";
  WsHandshakeAnswer a = parsed(bytes);
  ASSERT_EQ(a.status, WsAnswerStatus::kComplete);
  EXPECT_EQ(a.fields[0].name, "upgrade");
  EXPECT_EQ(a.field("Sec-WebSocket-Accept"), kAccept);    // trailing OWS removed
  EXPECT_EQ(a.fields[3].name, "Sec-WebSocket-Protocol");  // space before the colon removed
  WsClientOffer o = offerOf();
  o.requireUpgradeHeaders = true;
  WsAnswerCheck c = WsClientHandshake::check(a, o);
  EXPECT_TRUE(c.ok());
  EXPECT_EQ(c.protocol, "chat");
}

TEST(WsClientHandshake, FoldedLinesJoinThePreviousValue) {
  std::string bytes = answer("X-Long: one\r\n two\r\n\t three\r\n   \r\n");
  WsHandshakeAnswer a = parsed(bytes);
  ASSERT_EQ(a.status, WsAnswerStatus::kComplete);
  EXPECT_EQ(a.field("x-long"), "one two three");
  EXPECT_EQ(a.fieldCount("x-long"), 1u);
  // Folding before any field has nothing to continue.
  WsHandshakeAnswer first = parsed("HTTP/1.1 101 X\r\n folded\r\n\r\n");
  EXPECT_EQ(first.status, WsAnswerStatus::kError);
  EXPECT_STREQ(first.reason, "a folded line before any field");
  EXPECT_EQ(first.statusCode, 101);
}

TEST(WsClientHandshake, MalformedFieldLines) {
  for (std::string_view bad : {"no colon here\r\n", ": empty name\r\n", "Bad Name: x\r\n",
                               "X: a\rb\r\n", "X: a\nb\r\n", "X: \x7f\r\n"}) {
    WsHandshakeAnswer a = parsed(answer(bad));
    EXPECT_EQ(a.status, WsAnswerStatus::kError) << bad;
    EXPECT_FALSE(a.tooLarge);
    EXPECT_EQ(a.statusCode, 101);
  }
  // obs-text is let through.
  EXPECT_EQ(parsed(answer("X: caf\xc3\xa9\r\n")).status, WsAnswerStatus::kComplete);
}

TEST(WsClientHandshake, SubProtocolAnswers) {
  WsClientOffer o = offerOf();
  o.checkProtocol = true;
  o.protocols = "chat, superchat";
  EXPECT_EQ(
      WsClientHandshake::check(parsed(answer("Sec-WebSocket-Protocol: superchat\r\n")), o).protocol,
      "superchat");
  EXPECT_TRUE(WsClientHandshake::check(parsed(answer()), o).ok());  // none chosen: fine
  EXPECT_EQ(WsClientHandshake::check(parsed(answer("Sec-WebSocket-Protocol: mqtt\r\n")), o).problem,
            WsAnswerProblem::kProtocol);
  EXPECT_EQ(WsClientHandshake::check(parsed(answer("Sec-WebSocket-Protocol: Chat\r\n")), o).problem,
            WsAnswerProblem::kProtocol);
  EXPECT_EQ(
      WsClientHandshake::check(parsed(answer("Sec-WebSocket-Protocol: chat, superchat\r\n")), o)
          .problem,
      WsAnswerProblem::kProtocol);
  EXPECT_EQ(WsClientHandshake::check(parsed(answer("Sec-WebSocket-Protocol: chat\r\n"
                                                   "Sec-WebSocket-Protocol: chat\r\n")),
                                     o)
                .problem,
            WsAnswerProblem::kProtocol);
  o.protocols = "";
  EXPECT_EQ(WsClientHandshake::check(parsed(answer("Sec-WebSocket-Protocol: chat\r\n")), o).problem,
            WsAnswerProblem::kProtocol);
  // Unchecked (Workerman's behaviour): reported, not refused.
  // The check's views point into the answer: it must outlive them.
  WsHandshakeAnswer mqtt = parsed(answer("Sec-WebSocket-Protocol: mqtt\r\n"));
  WsAnswerCheck lenient = WsClientHandshake::check(mqtt, offerOf());
  EXPECT_TRUE(lenient.ok());
  EXPECT_EQ(lenient.protocol, "mqtt");
}

TEST(WsClientHandshake, DeflateAnswers) {
  WsClientOffer o = offerOf();
  o.checkExtensions = true;
  o.offeredDeflate = true;
  WsAnswerCheck c = WsClientHandshake::check(
      parsed(answer("Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; "
                    "client_max_window_bits=10\r\n")),
      o);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c.deflate);
  EXPECT_TRUE(c.deflateParams.serverNoContextTakeover);
  EXPECT_FALSE(c.deflateParams.clientNoContextTakeover);
  EXPECT_EQ(c.deflateParams.clientMaxWindowBits, 10);
  // Offered but declined: no extension line at all.
  WsAnswerCheck declined = WsClientHandshake::check(parsed(answer()), o);
  EXPECT_TRUE(declined.ok());
  EXPECT_FALSE(declined.deflate);
  // Malformed, twice, or with another extension beside it.
  for (std::string_view bad :
       {"Sec-WebSocket-Extensions: permessage-deflate; bogus\r\n",
        "Sec-WebSocket-Extensions: permessage-deflate, permessage-deflate\r\n",
        "Sec-WebSocket-Extensions: permessage-deflate\r\nSec-WebSocket-Extensions: x-foo\r\n",
        "Sec-WebSocket-Extensions: x-foo\r\n"}) {
    WsAnswerCheck r = WsClientHandshake::check(parsed(answer(bad)), o);
    EXPECT_EQ(r.problem, WsAnswerProblem::kExtension) << bad;
    EXPECT_FALSE(r.deflate);
  }
  // Not offered: any extension is refused when checked, ignored when not.
  WsClientOffer none = offerOf();
  none.checkExtensions = true;
  std::string deflate = answer("Sec-WebSocket-Extensions: permessage-deflate\r\n");
  EXPECT_EQ(WsClientHandshake::check(parsed(deflate), none).problem, WsAnswerProblem::kExtension);
  WsAnswerCheck lenient = WsClientHandshake::check(parsed(deflate), offerOf());
  EXPECT_TRUE(lenient.ok());
  EXPECT_FALSE(lenient.deflate);
}

TEST(WsClientHandshake, UpgradeAndConnectionWhenRequired) {
  WsClientOffer o = offerOf();
  o.requireUpgradeHeaders = true;
  std::string noUpgrade =
      "HTTP/1.1 101 X\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + std::string(kAccept) +
      "\r\n\r\n";
  EXPECT_EQ(WsClientHandshake::check(parsed(noUpgrade), o).problem, WsAnswerProblem::kUpgrade);
  std::string noConnection =
      "HTTP/1.1 101 X\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: " + std::string(kAccept) +
      "\r\n\r\n";
  EXPECT_EQ(WsClientHandshake::check(parsed(noConnection), o).problem,
            WsAnswerProblem::kConnection);
  // Not required (Workerman's client): accepted on the key alone.
  EXPECT_TRUE(WsClientHandshake::check(parsed(noUpgrade), offerOf()).ok());
}

}  // namespace
}  // namespace surge::protocol
