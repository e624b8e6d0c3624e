#include "protocol/http/request_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace surge::protocol {
namespace {

std::string describe(const HttpRequestHead& h) {
  switch (h.status) {
    case HttpParseStatus::kNeedMore:
      return "need-more";
    case HttpParseStatus::kComplete:
      return "complete(" + std::to_string(h.length) + ")";
    case HttpParseStatus::kError:
      return "error(" + std::to_string(h.errorStatus) + ", " + (h.reason ? h.reason : "null") + ")";
  }
  return "?";
}

// Parses `input` whole, then checks that every shorter prefix gives either "need more"
// or the very same answer (a connection calls again with each arriving byte).
HttpRequestHead parse(const std::string& input, const HttpLimits& limits = {}) {
  HttpRequestHead whole;
  HttpRequestParser::parse(input, limits, &whole);
  HttpRequestHead part;
  for (size_t n = 0; n < input.size(); ++n) {
    HttpRequestParser::parse(std::string_view(input).substr(0, n), limits, &part);
    if (part.status == HttpParseStatus::kNeedMore) continue;
    EXPECT_EQ(describe(part), describe(whole)) << "prefix of " << n << " bytes";
    if (part.status != whole.status) break;
  }
  return whole;
}

int errorOf(const std::string& input, const HttpLimits& limits = {}) {
  HttpRequestHead h = parse(input, limits);
  EXPECT_EQ(h.status, HttpParseStatus::kError) << describe(h) << " for " << input;
  return h.status == HttpParseStatus::kError ? h.errorStatus : 0;
}

void expectComplete(const std::string& input, size_t length, const HttpLimits& limits = {}) {
  HttpRequestHead h = parse(input, limits);
  EXPECT_EQ(describe(h), "complete(" + std::to_string(length) + ")") << input;
}

void expectWhole(const std::string& input, const HttpLimits& limits = {}) {
  expectComplete(input, input.size(), limits);
}

template <size_t N>
std::string bytes(const char (&s)[N]) {
  return std::string(s, N - 1);
}

std::string get(const std::string& extra = "") {
  return "GET / HTTP/1.1\r\nHost: a\r\n" + extra + "\r\n";
}

TEST(HttpRequestParserTest, SimpleGet) {
  std::string in = "GET /index.html?x=1 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n";
  HttpRequestHead h = parse(in);
  ASSERT_EQ(h.status, HttpParseStatus::kComplete) << describe(h);
  EXPECT_EQ(h.length, in.size());
  EXPECT_EQ(h.method, "GET");
  EXPECT_EQ(h.target, "/index.html?x=1");
  EXPECT_EQ(h.versionMinor, 1);
  EXPECT_EQ(h.headerCount(), 2u);
  EXPECT_EQ(h.headers[0].name, "Host");
  EXPECT_EQ(h.headers[0].value, "example.com");
  EXPECT_EQ(h.headers[1].name, "Accept");
  EXPECT_EQ(h.headers[1].value, "*/*");
  EXPECT_TRUE(h.keepAlive);
  EXPECT_FALSE(h.expectContinue);
  EXPECT_EQ(h.framing, HttpBodyFraming::kNone);
  EXPECT_EQ(h.bodyOffset, in.size());
  EXPECT_EQ(h.errorStatus, 0);
  EXPECT_EQ(h.reason, nullptr);
  // Views point into the buffer given, not into copies.
  EXPECT_GE(h.method.data(), in.data());
  EXPECT_LT(h.headers[1].value.data(), in.data() + in.size());
}

TEST(HttpRequestParserTest, EmptyAndPartialNeedMore) {
  HttpRequestHead h;
  EXPECT_EQ(HttpRequestParser::parse(std::string_view(), {}, &h), HttpParseStatus::kNeedMore);
  EXPECT_EQ(HttpRequestParser::parse("GET / HTTP/1.1\r\nHost: a\r\n", {}, &h),
            HttpParseStatus::kNeedMore);
  EXPECT_EQ(HttpRequestParser::parse("GET / HTTP/1.1\r\nHost: a\r\n\r", {}, &h),
            HttpParseStatus::kNeedMore);
}

TEST(HttpRequestParserTest, HeaderLookupIsCaseInsensitive) {
  std::string in = get("X-Token:  abc \t\r\ncontent-TYPE: text/plain\r\n");
  HttpRequestHead h = parse(in);
  ASSERT_EQ(h.status, HttpParseStatus::kComplete);
  EXPECT_EQ(h.header("x-token"), "abc");
  EXPECT_EQ(h.header("Content-Type"), "text/plain");
  EXPECT_EQ(h.header("HOST"), "a");
  EXPECT_EQ(h.header("missing").data(), nullptr);
  EXPECT_TRUE(httpEqualsIgnoreCase("Transfer-Encoding", "tRANSFER-eNCODING"));
  EXPECT_FALSE(httpEqualsIgnoreCase("abc", "abd"));
  EXPECT_FALSE(httpEqualsIgnoreCase("abc", "abcd"));
}

TEST(HttpRequestParserTest, HeadIsReusedAcrossRequests) {
  HttpRequestHead h;
  std::string first = get("A: 1\r\nB: 2\r\nC: 3\r\n");
  ASSERT_EQ(HttpRequestParser::parse(first, {}, &h), HttpParseStatus::kComplete);
  EXPECT_EQ(h.headerCount(), 4u);
  std::string second = "GET / HTTP/1.0\r\n\r\n";
  ASSERT_EQ(HttpRequestParser::parse(second, {}, &h), HttpParseStatus::kComplete);
  EXPECT_EQ(h.headerCount(), 0u);
  EXPECT_EQ(h.versionMinor, 0);
  EXPECT_FALSE(h.keepAlive);
}

TEST(HttpRequestParserTest, BareLfLineEndingsAreAccepted) {
  std::string in = "GET / HTTP/1.1\nHost: a\nX: y\r\n\n";
  HttpRequestHead h = parse(in);
  ASSERT_EQ(h.status, HttpParseStatus::kComplete) << describe(h);
  EXPECT_EQ(h.length, in.size());
  EXPECT_EQ(h.header("x"), "y");
  EXPECT_EQ(h.header("host"), "a");
}

TEST(HttpRequestParserTest, BareCrIsRefused) {
  EXPECT_EQ(errorOf("GET / HTTP/1.1\rHost: a\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GET / HTTP/1.1\r\nHost: a\r\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GET / HTTP/1.1\r\nHost: a\r\n\r\r\n"), 400);
  EXPECT_EQ(errorOf("GET /a\rb HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
}

TEST(HttpRequestParserTest, LeadingEmptyLinesAreSkipped) {
  std::string in = "\r\n\nGET / HTTP/1.1\r\nHost: a\r\n\r\n";
  HttpRequestHead h = parse(in);
  ASSERT_EQ(h.status, HttpParseStatus::kComplete);
  EXPECT_EQ(h.length, in.size());
  EXPECT_EQ(h.method, "GET");
}

TEST(HttpRequestParserTest, MethodMustBeAToken) {
  expectWhole("M-SEARCH / HTTP/1.1\r\nHost: a\r\n\r\n");
  EXPECT_EQ(errorOf("G@T / HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GE(T / HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(errorOf(" GET / HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("G\x80T / HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
}

TEST(HttpRequestParserTest, RequestLineSeparatorsAreSingleSpaces) {
  EXPECT_EQ(errorOf("GET  / HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GET /  HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GET / HTTP/1.1 \r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GET /\tHTTP/1.1\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GET /\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GET\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GET / a HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
}

TEST(HttpRequestParserTest, TargetForms) {
  // The head's views point into the input, so the inputs must outlive them.
  std::string options = "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n";
  HttpRequestHead h = parse(options);
  ASSERT_EQ(h.status, HttpParseStatus::kComplete);
  EXPECT_EQ(h.target, "*");
  std::string absolute = "GET http://a/x HTTP/1.1\r\nHost: a\r\n\r\n";
  h = parse(absolute);
  ASSERT_EQ(h.status, HttpParseStatus::kComplete);
  EXPECT_EQ(h.target, "http://a/x");
  h = parse("GET HTTPS://a/ HTTP/1.1\r\nHost: a\r\n\r\n");
  EXPECT_EQ(h.status, HttpParseStatus::kComplete);
  EXPECT_EQ(errorOf("GET * HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GET ftp://a/ HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GET http:// HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("CONNECT a.com:443 HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GET index.html HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(errorOf(bytes("GET /a\0b HTTP/1.1\r\nHost: a\r\n\r\n")), 400);
  EXPECT_EQ(errorOf("GET /a\x7f HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
}

TEST(HttpRequestParserTest, Versions) {
  HttpRequestHead h = parse("GET / HTTP/1.0\r\n\r\n");
  ASSERT_EQ(h.status, HttpParseStatus::kComplete);
  EXPECT_EQ(h.versionMinor, 0);
  EXPECT_EQ(errorOf("GET / HTTP/2.0\r\nHost: a\r\n\r\n"), 505);
  EXPECT_EQ(errorOf("GET / HTTP/2.1\r\nHost: a\r\n\r\n"), 505);
  // A later HTTP/1 minor version is served as 1.1 (RFC 9110 2.5), with 1.1's rules.
  for (const char* minor : {"2", "7", "9"}) {
    h = parse(std::string("GET / HTTP/1.") + minor + "\r\nHost: a\r\n\r\n");
    ASSERT_EQ(h.status, HttpParseStatus::kComplete) << describe(h) << " for 1." << minor;
    EXPECT_EQ(h.versionMinor, 1);
    EXPECT_TRUE(h.keepAlive);
  }
  EXPECT_EQ(errorOf("GET / HTTP/1.7\r\n\r\n"), 400);  // no Host, as in 1.1
  EXPECT_EQ(errorOf("GET / HTTP/0.9\r\nHost: a\r\n\r\n"), 505);
  EXPECT_EQ(errorOf("GET / HTTP/3.0\r\nHost: a\r\n\r\n"), 505);
  EXPECT_EQ(errorOf("GET / http/1.1\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GET / HTTP/1.10\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GET / HTTP/1\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GET / HTTP/a.1\r\nHost: a\r\n\r\n"), 400);
}

TEST(HttpRequestParserTest, HeaderNamesAreTokens) {
  EXPECT_EQ(errorOf(get("Foo : bar\r\n")), 400);
  EXPECT_EQ(errorOf(get("Foo\t: bar\r\n")), 400);
  EXPECT_EQ(errorOf(get("Fo o: bar\r\n")), 400);
  EXPECT_EQ(errorOf(get(": bar\r\n")), 400);
  EXPECT_EQ(errorOf(get("Foo bar\r\n")), 400);
  EXPECT_EQ(errorOf(get("Fo\"o: bar\r\n")), 400);
  expectComplete(get("Foo:bar\r\n"), get("Foo:bar\r\n").size());
}

TEST(HttpRequestParserTest, ObsFoldIsRefused) {
  EXPECT_EQ(errorOf(get("Foo: bar\r\n baz\r\n")), 400);
  EXPECT_EQ(errorOf(get("Foo: bar\r\n\tbaz\r\n")), 400);
  EXPECT_EQ(errorOf("GET / HTTP/1.1\r\n Host: a\r\n\r\n"), 400);
}

TEST(HttpRequestParserTest, HeaderValues) {
  std::string in = get("A:\r\nB: \t \r\nC: x y\t\r\nD: caf\xc3\xa9\r\n");
  HttpRequestHead h = parse(in);
  ASSERT_EQ(h.status, HttpParseStatus::kComplete) << describe(h);
  EXPECT_EQ(h.header("a"), "");
  EXPECT_NE(h.header("a").data(), nullptr);
  EXPECT_EQ(h.header("b"), "");
  EXPECT_EQ(h.header("c"), "x y");
  EXPECT_EQ(h.header("d"), "caf\xc3\xa9");
  EXPECT_EQ(errorOf(get(bytes("A: x\0y\r\n"))), 400);
  EXPECT_EQ(errorOf(get("A: x\x7fy\r\n")), 400);
  EXPECT_EQ(errorOf(get("A: x\x01y\r\n")), 400);
  // Long values are checked eight bytes at a time: a bad byte anywhere is found, and
  // tabs and obs-text inside long values stay accepted.
  const std::string clean = "0123456789abcdef0123456789abcdef";
  for (size_t at = 0; at < clean.size(); ++at) {
    for (char bad : {'\0', '\x01', '\x1f', '\r', '\x7f'}) {
      std::string value = clean;
      value[at] = bad;
      EXPECT_EQ(errorOf(get("A: " + value + "\r\n")), 400) << at << " " << int(bad);
      EXPECT_EQ(errorOf("GET /" + value + " HTTP/1.1\r\nHost: a\r\n\r\n"), 400) << at;
    }
    std::string value = clean;
    value[at] = '\t';
    expectWhole(get("A: " + value + "\r\n"));
    EXPECT_EQ(errorOf("GET /" + value + " HTTP/1.1\r\nHost: a\r\n\r\n"), 400) << at;
    value[at] = '\xff';
    expectWhole(get("A: " + value + "\r\n"));
    expectWhole("GET /" + value + " HTTP/1.1\r\nHost: a\r\n\r\n");
    value[at] = ' ';
    expectWhole(get("A: " + value + "\r\n"));
  }
}

TEST(HttpRequestParserTest, HostRules) {
  EXPECT_EQ(errorOf("GET / HTTP/1.1\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n"), 400);
  expectWhole("GET / HTTP/1.0\r\n\r\n");
  expectWhole("GET / HTTP/1.1\r\nHost:\r\n\r\n");
}

TEST(HttpRequestParserTest, ContentLengthBody) {
  std::string in = "POST /f HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello";
  HttpRequestHead h = parse(in);
  ASSERT_EQ(h.status, HttpParseStatus::kComplete) << describe(h);
  EXPECT_EQ(h.length, in.size());
  EXPECT_EQ(h.framing, HttpBodyFraming::kLength);
  EXPECT_EQ(h.contentLength, 5u);
  EXPECT_EQ(h.bodyOffset, in.size() - 5);
  EXPECT_EQ(h.rawBody(in), "hello");

  // The head alone: need more, but the head is already described.
  HttpRequestParser::parse(std::string_view(in).substr(0, in.size() - 2), {}, &h);
  EXPECT_EQ(h.status, HttpParseStatus::kNeedMore);
  EXPECT_EQ(h.framing, HttpBodyFraming::kLength);
  EXPECT_EQ(h.bodyOffset, in.size() - 5);

  expectWhole("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n");
  expectWhole("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 007\r\n\r\n1234567");
}

TEST(HttpRequestParserTest, ContentLengthRules) {
  auto post = [](const std::string& cl) {
    return "POST / HTTP/1.1\r\nHost: a\r\n" + cl + "\r\n\r\nhello";
  };
  EXPECT_EQ(errorOf(post("Content-Length: abc")), 400);
  EXPECT_EQ(errorOf(post("Content-Length: +5")), 400);
  EXPECT_EQ(errorOf(post("Content-Length: -5")), 400);
  EXPECT_EQ(errorOf(post("Content-Length: 5 5")), 400);
  EXPECT_EQ(errorOf(post("Content-Length: 5, 5")), 400);
  EXPECT_EQ(errorOf(post("Content-Length: 0x5")), 400);
  EXPECT_EQ(errorOf(post("Content-Length:")), 400);
  EXPECT_EQ(errorOf(post("Content-Length: 99999999999999999999999999")), 400);
  EXPECT_EQ(errorOf(post("Content-Length: 18446744073709551616")), 400);
  EXPECT_EQ(errorOf(post("Content-Length: 5\r\nContent-Length: 6")), 400);
  EXPECT_EQ(errorOf(post("Content-Length: 5\r\ncontent-length: 05x")), 400);
  EXPECT_EQ(errorOf(post("Content-Length : 5")), 400);
  // Surrounding whitespace is OWS, and identical duplicates are one length.
  expectComplete(post("Content-Length:  5\t"), post("Content-Length:  5\t").size());
  expectComplete(post("Content-Length: 5\r\nContent-Length: 5"),
                 post("Content-Length: 5\r\nContent-Length: 5").size());
  expectComplete(post("Content-Length: 5\r\nContent-Length: 005"),
                 post("Content-Length: 5\r\nContent-Length: 005").size());
}

TEST(HttpRequestParserTest, TransferEncodingRules) {
  auto te = [](const std::string& headers) {
    return "POST / HTTP/1.1\r\nHost: a\r\n" + headers + "\r\n\r\n0\r\n\r\n";
  };
  HttpRequestHead h = parse(te("Transfer-Encoding: chunked"));
  ASSERT_EQ(h.status, HttpParseStatus::kComplete) << describe(h);
  EXPECT_EQ(h.framing, HttpBodyFraming::kChunked);
  expectComplete(te("Transfer-Encoding: CHUNKED"), te("Transfer-Encoding: CHUNKED").size());
  expectComplete(te("Transfer-Encoding:\t chunked \t"),
                 te("Transfer-Encoding:\t chunked \t").size());
  EXPECT_EQ(errorOf(te("Transfer-Encoding: gzip, chunked")), 501);
  EXPECT_EQ(errorOf(te("Transfer-Encoding: gzip")), 501);
  EXPECT_EQ(errorOf(te("Transfer-Encoding: identity")), 501);
  EXPECT_EQ(errorOf(te("Transfer-Encoding: xchunked")), 501);
  EXPECT_EQ(errorOf(te("Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked")), 501);
  EXPECT_EQ(errorOf(te("Transfer-Encoding: chunked, identity")), 400);
  EXPECT_EQ(errorOf(te("Transfer-Encoding: chunked, gzip")), 400);
  EXPECT_EQ(errorOf(te("Transfer-Encoding: chunked, chunked")), 400);
  EXPECT_EQ(errorOf(te("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked")), 400);
  EXPECT_EQ(errorOf(te("Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip")), 400);
  EXPECT_EQ(errorOf(te("Transfer-Encoding: chunked,")), 400);
  EXPECT_EQ(errorOf(te("Transfer-Encoding: ,chunked")), 400);
  EXPECT_EQ(errorOf(te("Transfer-Encoding:")), 400);
  EXPECT_EQ(errorOf(te("Transfer-Encoding: chunked;q=1")), 400);
  EXPECT_EQ(errorOf(te("Transfer-Encoding: \"chunked\"")), 400);
}

TEST(HttpRequestParserTest, SmugglingAttempts) {
  auto req = [](const std::string& headers) {
    return "POST / HTTP/1.1\r\nHost: a\r\n" + headers + "\r\n\r\n0\r\n\r\nGET /x HTTP/1.1\r\n\r\n";
  };
  // Both framings: refused whichever comes first.
  EXPECT_EQ(errorOf(req("Content-Length: 5\r\nTransfer-Encoding: chunked")), 400);
  EXPECT_EQ(errorOf(req("Transfer-Encoding: chunked\r\nContent-Length: 5")), 400);
  EXPECT_EQ(errorOf(req("Transfer-Encoding: chunked\r\nContent-Length: 0")), 400);
  // Differing lengths.
  EXPECT_EQ(errorOf(req("Content-Length: 5\r\nContent-Length: 24")), 400);
  // "chunked" not final.
  EXPECT_EQ(errorOf(req("Transfer-Encoding: chunked, identity")), 400);
  // Obfuscated names and values.
  EXPECT_EQ(errorOf(req("Transfer-Encoding : chunked")), 400);
  EXPECT_EQ(errorOf(req(" Transfer-Encoding: chunked")), 400);
  EXPECT_EQ(errorOf(req("X: y\r\n Transfer-Encoding: chunked")), 400);
  EXPECT_EQ(errorOf(req("X: y\r\n\tTransfer-Encoding: chunked")), 400);
  EXPECT_EQ(errorOf(req("Transfer-Encoding: \x0b"
                        "chunked")),
            400);
  EXPECT_EQ(errorOf(req("Transfer-Encoding: chunked\x0c")), 400);
  EXPECT_EQ(errorOf(req("Transfer-Encoding:\rchunked")), 400);
  EXPECT_EQ(errorOf(req("Transfer-Encoding: chunk\r\n ed")), 400);
  EXPECT_EQ(errorOf(req("Transfer-Encoding: x\nTransfer-Encoding: chunked")), 501);
  EXPECT_EQ(errorOf(req("Content-Length: 5\rTransfer-Encoding: chunked")), 400);
  // " chunked" with plain OWS is the same coding, so it frames as chunked, not as
  // a body-less request with a leftover.
  HttpRequestHead h = parse(req("Transfer-Encoding:  chunked"));
  ASSERT_EQ(h.status, HttpParseStatus::kComplete) << describe(h);
  EXPECT_EQ(h.framing, HttpBodyFraming::kChunked);
  // Transfer-Encoding in HTTP/1.0.
  EXPECT_EQ(errorOf("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"), 400);
  EXPECT_EQ(errorOf("POST / HTTP/1.0\r\nTransfer-Encoding: gzip\r\n\r\n"), 400);
  // A name that only looks like Transfer-Encoding is just another header.
  h = parse(req("Transfer_Encoding: chunked\r\nContent-Length: 5"));
  ASSERT_EQ(h.status, HttpParseStatus::kComplete) << describe(h);
  EXPECT_EQ(h.framing, HttpBodyFraming::kLength);
}

TEST(HttpRequestParserTest, KeepAlive) {
  EXPECT_TRUE(parse(get()).keepAlive);
  EXPECT_FALSE(parse(get("Connection: close\r\n")).keepAlive);
  EXPECT_FALSE(parse(get("Connection: Keep-Alive, CLOSE\r\n")).keepAlive);
  EXPECT_FALSE(parse(get("Connection: upgrade\r\nConnection: close\r\n")).keepAlive);
  EXPECT_TRUE(parse(get("Connection: upgrade, keep-alive\r\n")).keepAlive);
  EXPECT_TRUE(parse(get("Connection: closed\r\n")).keepAlive);
  EXPECT_FALSE(parse("GET / HTTP/1.0\r\n\r\n").keepAlive);
  EXPECT_TRUE(parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").keepAlive);
  EXPECT_TRUE(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive);
  EXPECT_FALSE(parse("GET / HTTP/1.0\r\nConnection: close\r\n\r\n").keepAlive);
}

TEST(HttpRequestParserTest, ExpectContinue) {
  std::string head =
      "PUT / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n";
  HttpRequestHead h;
  // The head alone is enough to know the client waits for "100 Continue".
  EXPECT_EQ(HttpRequestParser::parse(head, {}, &h), HttpParseStatus::kNeedMore);
  EXPECT_TRUE(h.expectContinue);
  EXPECT_EQ(h.bodyOffset, head.size());
  std::string in = head + "abc";
  EXPECT_EQ(HttpRequestParser::parse(in, {}, &h), HttpParseStatus::kComplete);
  EXPECT_TRUE(h.expectContinue);
  EXPECT_FALSE(parse(get("Expect: 200-ok\r\n")).expectContinue);
  EXPECT_FALSE(parse("GET / HTTP/1.0\r\nExpect: 100-continue\r\n\r\n").expectContinue);
}

TEST(HttpRequestParserTest, ChunkedBody) {
  std::string head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
  std::string body = "5\r\nhello\r\n1;name=value;x\r\n \r\nA\r\n0123456789\r\n0\r\n\r\n";
  std::string in = head + body;
  HttpRequestHead h = parse(in);
  ASSERT_EQ(h.status, HttpParseStatus::kComplete) << describe(h);
  EXPECT_EQ(h.length, in.size());
  EXPECT_EQ(h.bodyOffset, head.size());
  EXPECT_EQ(h.contentLength, 16u);
  EXPECT_EQ(h.rawBody(in), body);
  std::string out = "x";
  EXPECT_TRUE(dechunkHttpBody(h.rawBody(in), &out));
  EXPECT_EQ(out, "xhello 0123456789");

  // Trailers, upper-case hex and extensions with BWS.
  std::string body2 = "a ;ext\r\nABCDEFGHIJ\r\n00\r\nTrailer-One: 1\r\nT2:2\r\n\r\n";
  in = head + body2;
  h = parse(in);
  ASSERT_EQ(h.status, HttpParseStatus::kComplete) << describe(h);
  EXPECT_EQ(h.length, in.size());
  out.clear();
  std::vector<HttpHeader> trailers;
  EXPECT_TRUE(dechunkHttpBody(h.rawBody(in), &out, &trailers));
  EXPECT_EQ(out, "ABCDEFGHIJ");
  char into[16];
  size_t written = 0;
  EXPECT_TRUE(dechunkHttpBodyInto(h.rawBody(in), into, sizeof into, &written));
  EXPECT_EQ(std::string_view(into, written), "ABCDEFGHIJ");
  EXPECT_FALSE(dechunkHttpBodyInto(h.rawBody(in), into, 9, &written));  // too small
  ASSERT_EQ(trailers.size(), 2u);
  EXPECT_EQ(trailers[0].name, "Trailer-One");
  EXPECT_EQ(trailers[0].value, "1");
  EXPECT_EQ(trailers[1].name, "T2");
  EXPECT_EQ(trailers[1].value, "2");

  // Only the final chunk.
  in = head + "0\r\n\r\n";
  h = parse(in);
  ASSERT_EQ(h.status, HttpParseStatus::kComplete);
  out.clear();
  EXPECT_TRUE(dechunkHttpBody(h.rawBody(in), &out));
  EXPECT_EQ(out, "");
}

TEST(HttpRequestParserTest, ExpectationsOtherThanContinueAreFlagged) {
  HttpRequestHead h =
      parse("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\nx");
  EXPECT_TRUE(h.expectContinue);
  EXPECT_FALSE(h.expectUnsupported);
  h = parse("POST / HTTP/1.1\r\nHost: a\r\nExpect: teapot\r\nContent-Length: 1\r\n\r\nx");
  EXPECT_FALSE(h.expectContinue);
  EXPECT_TRUE(h.expectUnsupported);
  h = parse("GET / HTTP/1.0\r\n\r\n");
  EXPECT_FALSE(h.expectContinue);
  EXPECT_FALSE(h.expectUnsupported);
}

TEST(HttpRequestParserTest, ChunkedFramingResumesWhereItStopped) {
  const std::string head = "POST /u HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
  std::string body;
  for (int i = 1; i <= 40; ++i) body += "5;x=y\r\nabcde\r\n";
  body += "0\r\nT: 1\r\n\r\n";
  const std::string in = head + body + "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
  HttpLimits limits;
  HttpRequestHead whole;
  HttpRequestParser::parse(in, limits, &whole);
  ASSERT_EQ(whole.status, HttpParseStatus::kComplete);
  // Byte by byte, each call resuming where the last one stopped, as a connection does.
  HttpRequestHead h;
  size_t at = 0, total = 0, furthest = 0;
  for (size_t n = 1; n <= in.size(); ++n) {
    HttpRequestParser::parse(std::string_view(in).substr(0, n), limits, &h, at, total);
    if (h.status != HttpParseStatus::kNeedMore) break;
    at = h.chunkedResumeAt;
    total = h.chunkedResumeTotal;
    furthest = std::max(furthest, at);
  }
  EXPECT_EQ(h.status, HttpParseStatus::kComplete);
  EXPECT_EQ(h.length, whole.length);
  EXPECT_EQ(h.contentLength, 200u);
  EXPECT_GT(furthest, head.size() + body.size() / 2);  // it did resume deep in the body
  // The limit still counts the chunks framed before the resume point.
  limits.maxBodyBytes = 150;
  at = total = 0;
  for (size_t n = 1; n <= in.size(); ++n) {
    HttpRequestParser::parse(std::string_view(in).substr(0, n), limits, &h, at, total);
    if (h.status != HttpParseStatus::kNeedMore) break;
    at = h.chunkedResumeAt;
    total = h.chunkedResumeTotal;
  }
  EXPECT_EQ(h.status, HttpParseStatus::kError);
  EXPECT_EQ(h.errorStatus, 413);
}

TEST(HttpRequestParserTest, ChunkedErrors) {
  std::string head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
  EXPECT_EQ(errorOf(head + "5\r\nhelloX\r\n0\r\n\r\n"), 400);
  EXPECT_EQ(errorOf(head + "5\r\nhello\n0\r\n\r\n"), 400);
  EXPECT_EQ(errorOf(head + "5\r\nhello\rX0\r\n\r\n"), 400);
  EXPECT_EQ(errorOf(head + "+5\r\nhello\r\n0\r\n\r\n"), 400);
  EXPECT_EQ(errorOf(head + " 5\r\nhello\r\n0\r\n\r\n"), 400);
  EXPECT_EQ(errorOf(head + "-5\r\nhello\r\n0\r\n\r\n"), 400);
  EXPECT_EQ(errorOf(head + "0x5\r\nhello\r\n0\r\n\r\n"), 400);
  EXPECT_EQ(errorOf(head + "5 5\r\nhello\r\n0\r\n\r\n"), 400);
  EXPECT_EQ(errorOf(head + "\r\nhello\r\n0\r\n\r\n"), 400);
  EXPECT_EQ(errorOf(head + "g\r\n"), 400);
  EXPECT_EQ(errorOf(head + "5\rhello\r\n0\r\n\r\n"), 400);
  EXPECT_EQ(errorOf(head + "5;a\rb\r\nhello\r\n0\r\n\r\n"), 400);
  EXPECT_EQ(errorOf(head + "0\r\n bad: fold\r\n\r\n"), 400);
  EXPECT_EQ(errorOf(head + "0\r\nno colon\r\n\r\n"), 400);
  EXPECT_EQ(errorOf(head + "0\r\nX: a\rb\r\n\r\n"), 400);
  EXPECT_EQ(errorOf(head + "0\r\n\r\r\n"), 400);
  // Sizes: overflow is refused however many digits; with the default limit the size is
  // simply too large.
  EXPECT_EQ(errorOf(head + "fffffffffffffffffffffff\r\n"), 413);
  HttpLimits unlimited;
  unlimited.maxBodyBytes = SIZE_MAX;
  EXPECT_EQ(errorOf(head + "10000000000000000\r\n", unlimited), 400);
  EXPECT_EQ(parse(head + "ffffffffffffffff\r\n", unlimited).status, HttpParseStatus::kNeedMore);
}

// RFC 9112 7.1: chunk lines end in CRLF. A bare LF, accepted in the head, is refused in
// the body, where a proxy framing it otherwise would see a different next request.
TEST(HttpRequestParserTest, ChunkedLinesNeedCrlf) {
  std::string head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
  EXPECT_EQ(errorOf(head + "3\nxyz\r\n0\r\n\r\n"), 400);      // chunk-size line
  EXPECT_EQ(errorOf(head + "3;x=y\nxyz\r\n0\r\n\r\n"), 400);  // with an extension
  EXPECT_EQ(errorOf(head + "3\r\nxyz\r\n0\n\r\n"), 400);      // last chunk
  EXPECT_EQ(errorOf(head + "0\n\n"), 400);
  EXPECT_EQ(errorOf(head + "3\r\nxyz\n0\r\n\r\n"), 400);  // after the chunk data
  EXPECT_EQ(errorOf(head + "0\r\nT: 1\n\r\n"), 400);      // a trailer line
  EXPECT_EQ(errorOf(head + "0\r\n\n"), 400);              // the empty line at the end
  EXPECT_EQ(errorOf(head + "0\r\nT: 1\r\n\n"), 400);
  // The same bytes with CRLF everywhere are one whole request.
  expectWhole(head + "3\r\nxyz\r\n0\r\nT: 1\r\n\r\n");
  // A bare-LF head in front of a CRLF body is still fine.
  expectWhole("POST / HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n3\r\nxyz\r\n0\r\n\r\n");
}

TEST(HttpRequestParserTest, DechunkRejectsMalformedBodies) {
  std::string out;
  EXPECT_FALSE(dechunkHttpBody("", &out));
  EXPECT_FALSE(dechunkHttpBody("5\r\nhel", &out));
  EXPECT_FALSE(dechunkHttpBody("x\r\n", &out));
  EXPECT_FALSE(dechunkHttpBody("5\r\nhello\r\n", &out));
  EXPECT_FALSE(dechunkHttpBody("ffffffffffffffffff\r\n", &out));
  EXPECT_FALSE(dechunkHttpBody("ffffffffffffffff\r\nab", &out));
}

TEST(HttpRequestParserTest, HeaderLimitBoundary) {
  HttpLimits limits;
  limits.maxHeaderBytes = 64;
  // Pad a header so that the whole head is exactly `size` bytes.
  auto headOf = [](size_t size) {
    std::string base = "GET / HTTP/1.1\r\nHost: a\r\nX: \r\n\r\n";
    return "GET / HTTP/1.1\r\nHost: a\r\nX: " + std::string(size - base.size(), 'p') + "\r\n\r\n";
  };
  std::string exact = headOf(64);
  ASSERT_EQ(exact.size(), 64u);
  expectComplete(exact, 64, limits);
  expectComplete(exact + "body", 64, limits);
  EXPECT_EQ(errorOf(headOf(65), limits), 431);
  // Without its end: 63 bytes may still end in time, 64 cannot.
  HttpRequestHead h;
  EXPECT_EQ(HttpRequestParser::parse(std::string(63, 'A'), limits, &h), HttpParseStatus::kNeedMore);
  EXPECT_EQ(HttpRequestParser::parse(std::string(64, 'A'), limits, &h), HttpParseStatus::kError);
  EXPECT_EQ(h.errorStatus, 431);
  EXPECT_EQ(HttpRequestParser::parse(exact.substr(0, 63), limits, &h), HttpParseStatus::kNeedMore);
  // Headers counted, body not: a large body after a small head is fine.
  limits.maxBodyBytes = 1000;
  std::string post =
      "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n" + std::string(1000, 'b');
  expectComplete(post, post.size(), limits);
}

TEST(HttpRequestParserTest, BodyLimitBoundary) {
  HttpLimits limits;
  limits.maxBodyBytes = 10;
  std::string head10 = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n";
  expectComplete(head10 + "0123456789", head10.size() + 10, limits);
  // Refused on the announced length, before any body byte arrives.
  EXPECT_EQ(errorOf("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", limits), 413);

  std::string chunked = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
  std::string exact = chunked + "4\r\n0123\r\n6\r\n456789\r\n0\r\n\r\n";
  expectComplete(exact, exact.size(), limits);
  // The accumulated sizes exceed the limit at the second size line.
  EXPECT_EQ(errorOf(chunked + "4\r\n0123\r\n7\r\n", limits), 413);
  EXPECT_EQ(errorOf(chunked + "b\r\n", limits), 413);
  EXPECT_EQ(errorOf(chunked + "0000000000b\r\n", limits), 413);
}

TEST(HttpRequestParserTest, TrailersCountAgainstHeaderLimit) {
  std::string head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
  HttpLimits limits;
  limits.maxHeaderBytes = head.size() + 10;
  // "X: 123456\r\n" is 11 bytes: one too many; "X: 12345\r\n" fits exactly.
  expectComplete(head + "0\r\nX: 12345\r\n\r\n", head.size() + 3 + 10 + 2, limits);
  EXPECT_EQ(errorOf(head + "0\r\nX: 123456\r\n\r\n", limits), 431);
  EXPECT_EQ(errorOf(head + "0\r\nX: 1\r\nY: 2\r\n\r\n", limits), 431);
  // A head of exactly the limit still takes a chunked body without trailers.
  limits.maxHeaderBytes = head.size();
  expectWhole(head + "3\r\nabc\r\n0\r\n\r\n", limits);
  EXPECT_EQ(errorOf(head + "3\r\nabc\r\n0\r\nX\r\n\r\n", limits), 431);
  // A chunk-size line may not grow without end.
  std::string shortHead = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
  limits.maxHeaderBytes = shortHead.size();
  EXPECT_EQ(errorOf(shortHead + "1;" + std::string(shortHead.size(), 'e'), limits), 400);
}

TEST(HttpRequestParserTest, SixteenPipelinedRequests) {
  std::vector<std::string> requests;
  for (int i = 0; i < 16; ++i) {
    switch (i % 4) {
      case 0:
        requests.push_back("GET /" + std::to_string(i) + " HTTP/1.1\r\nHost: a\r\n\r\n");
        break;
      case 1:
        requests.push_back("POST /" + std::to_string(i) +
                           " HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc");
        break;
      case 2:
        requests.push_back("POST /" + std::to_string(i) +
                           " HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                           "2\r\nhi\r\n0\r\nT: x\r\n\r\n");
        break;
      default:
        requests.push_back("GET /" + std::to_string(i) + " HTTP/1.0\nConnection: keep-alive\n\n");
        break;
    }
  }
  std::string stream;
  for (const std::string& r : requests) stream += r;
  std::string_view rest = stream;
  HttpRequestHead h;
  for (int i = 0; i < 16; ++i) {
    ASSERT_EQ(HttpRequestParser::parse(rest, {}, &h), HttpParseStatus::kComplete)
        << i << " " << describe(h);
    EXPECT_EQ(h.length, requests[i].size()) << i;
    EXPECT_EQ(h.target, "/" + std::to_string(i));
    EXPECT_TRUE(h.keepAlive);
    rest.remove_prefix(h.length);
  }
  EXPECT_TRUE(rest.empty());
  EXPECT_EQ(HttpRequestParser::parse(rest, {}, &h), HttpParseStatus::kNeedMore);
}

// Feeding one byte at a time (each call seeing everything received so far, as a
// connection does) ends in exactly the whole-buffer answer, for good and bad input.
TEST(HttpRequestParserTest, ByteAtATimeMatchesWhole) {
  const std::vector<std::string> inputs = {
      "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
      "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5;x=y\r\nhello\r\n0\r\nTrailer: t\r\n\r\n",
      "GET / HTTP/1.1\nHost: a\n\n",
      "GET / HTTP/2.0\r\nHost: a\r\n\r\n",
      "GET / HTTP/1.1\r\nHost : a\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX",
      "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
  };
  for (const std::string& in : inputs) {
    HttpRequestHead whole;
    HttpRequestParser::parse(in, {}, &whole);
    std::string buffer;
    HttpRequestHead part;
    size_t fed = 0;
    for (char c : in) {
      buffer.push_back(c);
      ++fed;
      HttpRequestParser::parse(buffer, {}, &part);
      if (part.status != HttpParseStatus::kNeedMore) break;
    }
    EXPECT_EQ(describe(part), describe(whole)) << in;
    if (whole.status == HttpParseStatus::kComplete) {
      EXPECT_EQ(fed, in.size());
      EXPECT_EQ(part.method, std::string_view(buffer).substr(0, part.method.size()));
      EXPECT_EQ(part.headerCount(), whole.headerCount());
      EXPECT_EQ(part.bodyOffset, whole.bodyOffset);
      EXPECT_EQ(part.framing, whole.framing);
    }
  }
}

}  // namespace
}  // namespace surge::protocol
