#include "protocol/http/multipart_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace surge::protocol {
namespace {

using Status = MultipartParser::Status;

std::string boundaryOf(std::string_view contentType) {
  std::string_view b;
  if (!multipartBoundary(contentType, &b)) return "<none>";
  // The view must point into the header value.
  EXPECT_GE(b.data(), contentType.data());
  EXPECT_LE(b.data() + b.size(), contentType.data() + contentType.size());
  return std::string(b);
}

// Every part as "name|filename-or-<none>|type|data" plus a final "done" or "error: why".
std::vector<std::string> parseAll(std::string_view body, std::string_view boundary,
                                  size_t maxParts = 100) {
  std::vector<std::string> out;
  MultipartParser parser(body, boundary, maxParts);
  MultipartPart part;
  for (;;) {
    Status s = parser.next(&part);
    if (s == Status::kPart) {
      EXPECT_EQ(parser.error(), nullptr);
      EXPECT_GE(part.data.data(), body.data());
      EXPECT_LE(part.data.data() + part.data.size(), body.data() + body.size());
      out.push_back(part.name + "|" + (part.hasFilename ? part.filename : "<none>") + "|" +
                    std::string(part.contentType) + "|" + std::string(part.data));
      EXPECT_EQ(parser.partCount(), out.size());
      continue;
    }
    if (s == Status::kDone) {
      EXPECT_EQ(parser.error(), nullptr);
      out.push_back("done");
    } else {
      EXPECT_NE(parser.error(), nullptr);
      out.push_back(std::string("error: ") + (parser.error() ? parser.error() : "null"));
    }
    // The end is sticky.
    EXPECT_EQ(parser.next(&part), s);
    return out;
  }
}

using Parts = std::vector<std::string>;

// ------------------------------------------------------------------ boundary

TEST(MultipartBoundaryTest, TokenAndQuoted) {
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary=abc"), "abc");
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary=\"abc\""), "abc");
  EXPECT_EQ(boundaryOf("multipart/form-data;boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW"),
            "----WebKitFormBoundary7MA4YWxkTrZu0gW");
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary=\"a b:c\""), "a b:c");
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary=\"'()+_,-./:=?\""), "'()+_,-./:=?");
}

TEST(MultipartBoundaryTest, ParameterNameIsCaseInsensitiveAndAnywhere) {
  EXPECT_EQ(boundaryOf("multipart/form-data; BOUNDARY=x"), "x");
  EXPECT_EQ(boundaryOf("multipart/form-data; Boundary=x"), "x");
  EXPECT_EQ(boundaryOf("multipart/form-data; charset=utf-8; boundary=x"), "x");
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary=x; charset=utf-8"), "x");
  EXPECT_EQ(boundaryOf("multipart/form-data ; boundary = x ; a=b"), "x");
  EXPECT_EQ(boundaryOf("multipart/form-data; xboundary=1; boundary=2"), "2");
  EXPECT_EQ(boundaryOf("multipart/form-data; a=\"q;boundary=1\"; boundary=2"), "2");
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary=first; boundary=second"), "first");
  EXPECT_EQ(boundaryOf("multipart/form-data; flag; boundary=x"), "x");
}

TEST(MultipartBoundaryTest, LengthLimits) {
  std::string b70(70, 'b');
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary=" + b70), b70);
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary=\"" + b70 + "\""), b70);
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary=" + b70 + "b"), "<none>");
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary=a"), "a");
}

TEST(MultipartBoundaryTest, Rejected) {
  EXPECT_EQ(boundaryOf(""), "<none>");
  EXPECT_EQ(boundaryOf("multipart/form-data"), "<none>");
  EXPECT_EQ(boundaryOf("multipart/form-data;"), "<none>");
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary="), "<none>");
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary=\"\""), "<none>");
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary"), "<none>");
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary=\"abc"), "<none>");
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary=\"a\\\"b\""), "<none>");
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary=\"a\\b\""), "<none>");
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary=\"ab \""), "<none>");
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary=a b"), "<none>");
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary=a\x01"), "<none>");
  EXPECT_EQ(boundaryOf("multipart/form-data; boundary=a\"b"), "<none>");
  // A boundary in the media type position is not a parameter.
  EXPECT_EQ(boundaryOf("boundary=x"), "<none>");
}

// ------------------------------------------------------------------ parts

TEST(MultipartParserTest, FieldsAndAFile) {
  std::string body =
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"title\"\r\n"
      "\r\n"
      "Hello world\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"upload\"; filename=\"a.txt\"\r\n"
      "Content-Type: text/plain\r\n"
      "\r\n"
      "line 1\r\nline 2\r\n\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"empty\"\r\n"
      "\r\n"
      "\r\n"
      "--XyZ--\r\n";
  EXPECT_EQ(parseAll(body, "XyZ"),
            (Parts{"title|<none>||Hello world", "upload|a.txt|text/plain|line 1\r\nline 2\r\n",
                   "empty|<none>||", "done"}));
}

TEST(MultipartParserTest, EmptyFilenameIsPresent) {
  std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n\r\n--b--";
  EXPECT_EQ(parseAll(body, "b"), (Parts{"f||application/octet-stream|", "done"}));
}

TEST(MultipartParserTest, QuotedStringsAndTokens) {
  std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"a\\\"q\\\\\"; "
      "filename=\"x;y=\\\"z\\\".txt\"\r\n"
      "\r\n1\r\n"
      "--b\r\nContent-Disposition: form-data; name=plain; filename=f.bin\r\n\r\n2\r\n"
      "--b\r\nContent-Disposition: form-data; name=\"C\"; filename=\"C:\\dir\\a.txt\"\r\n\r\n3\r\n"
      "--b\r\nContent-Disposition: form-data; name=\"\xc3\xa9t\xc3\xa9\"\r\n\r\n4\r\n"
      "--b--";
  EXPECT_EQ(parseAll(body, "b"),
            (Parts{"a\"q\\|x;y=\"z\".txt||1", "plain|f.bin||2", "C|C:\\dir\\a.txt||3",
                   "\xc3\xa9t\xc3\xa9|<none>||4", "done"}));
}

TEST(MultipartParserTest, HeaderNamesAndParametersAreCaseInsensitive) {
  std::string body =
      "--b\r\ncontent-disposition: FORM-DATA; NAME=\"n\"; FileName=\"f\"\r\n"
      "CONTENT-TYPE:image/png \r\n\r\ndata\r\n--b--";
  EXPECT_EQ(parseAll(body, "b"), (Parts{"n|f|image/png|data", "done"}));
}

TEST(MultipartParserTest, FilenameStarIsNotFilename) {
  std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"n\"; filename*=UTF-8''x.txt\r\n\r\nd\r\n"
      "--b\r\nContent-Disposition: form-data; filename*=UTF-8''y; name=\"m\"; filename=\"y\"\r\n"
      "\r\ne\r\n--b--";
  EXPECT_EQ(parseAll(body, "b"), (Parts{"n|<none>||d", "m|y||e", "done"}));
}

TEST(MultipartParserTest, FirstOfRepeatedHeadersAndParametersWins) {
  std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"one\"; name=\"two\"; filename=\"a\"; "
      "filename=\"b\"\r\nContent-Disposition: form-data; name=\"three\"\r\n"
      "Content-Type: text/a\r\nContent-Type: text/b\r\n\r\nd\r\n--b--";
  EXPECT_EQ(parseAll(body, "b"), (Parts{"one|a|text/a|d", "done"}));
}

TEST(MultipartParserTest, OtherHeadersAndNonFieldLinesAreIgnored) {
  std::string body =
      "--b\r\nX-Thing: 1\r\nnot a field\r\nContent-Disposition: form-data; name=\"n\"\r\n"
      "Content-Transfer-Encoding: binary\r\n\r\nd\r\n--b--";
  EXPECT_EQ(parseAll(body, "b"), (Parts{"n|<none>||d", "done"}));
}

TEST(MultipartParserTest, PreambleEpilogueAndTransportPadding) {
  std::string body =
      "This is the preamble.\r\n--b-- is not a delimiter here? it is: see below\r\n"
      "--b \t\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\nd\r\n"
      "--b  \r\nContent-Disposition: form-data; name=\"m\"\r\n\r\ne\r\n"
      "--b--\r\nThis is the epilogue.\r\n--b\r\nContent-Disposition: form-data; name=\"x\"\r\n"
      "\r\nignored\r\n--b--\r\n";
  // The preamble's "\r\n--b--" is a closing delimiter: nothing comes before it.
  EXPECT_EQ(parseAll(body, "b"), (Parts{"done"}));
  std::string body2 =
      "preamble\r\n--b\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\nd\r\n"
      "--b\t\r\nContent-Disposition: form-data; name=\"m\"\r\n\r\ne\r\n"
      "--b--epilogue\r\n--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nignored\r\n--b--";
  EXPECT_EQ(parseAll(body2, "b"), (Parts{"n|<none>||d", "m|<none>||e", "done"}));
}

TEST(MultipartParserTest, ContentThatLooksLikeADelimiterStaysContent) {
  std::string data = "--bx\r\n\r\n--b-x\r\n--bb\r\n-- b\r\n--b";
  data.push_back('\0');  // "--b" followed by a NUL byte
  data += "\r\n--B\r\nend";
  std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n" + data + "\r\n--b--";
  EXPECT_EQ(parseAll(body, "b"), (Parts{"n|<none>||" + data, "done"}));
}

TEST(MultipartParserTest, BinaryData) {
  std::string data;
  for (int i = 0; i < 256; ++i) data.push_back(static_cast<char>(i));
  data += "\r\n\r\n\r";
  std::string body = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n" +
                     data + "\r\n--b--";
  EXPECT_EQ(parseAll(body, "b"), (Parts{"f|x||" + data, "done"}));
}

TEST(MultipartParserTest, PartWithoutContent) {
  // RFC 2046: the CRLF and content after the headers are optional.
  std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n--b\r\n"
      "Content-Disposition: form-data; name=\"m\"\r\n\r\n--b--";
  EXPECT_EQ(parseAll(body, "b"), (Parts{"n|<none>||", "m|<none>||", "done"}));
}

TEST(MultipartParserTest, NoPartsAtAll) {
  EXPECT_EQ(parseAll("--b--", "b"), (Parts{"done"}));
  EXPECT_EQ(parseAll("--b--\r\n", "b"), (Parts{"done"}));
  EXPECT_EQ(parseAll("junk\r\n--b--", "b"), (Parts{"done"}));
}

TEST(MultipartParserTest, MaxPartsIsAllowedOneMoreIsAnError) {
  std::string body;
  for (int i = 0; i < 3; ++i)
    body +=
        "--b\r\nContent-Disposition: form-data; name=\"p" + std::to_string(i) + "\"\r\n\r\nv\r\n";
  body += "--b--";
  EXPECT_EQ(parseAll(body, "b", 3),
            (Parts{"p0|<none>||v", "p1|<none>||v", "p2|<none>||v", "done"}));
  EXPECT_EQ(parseAll(body, "b", 2),
            (Parts{"p0|<none>||v", "p1|<none>||v", "error: too many multipart parts"}));
  EXPECT_EQ(parseAll(body, "b", 0), (Parts{"error: too many multipart parts"}));
  EXPECT_EQ(parseAll("--b--", "b", 0), (Parts{"done"}));
}

TEST(MultipartParserTest, HeaderBlockLimit) {
  std::string head = "Content-Disposition: form-data; name=\"n\"\r\nX-Pad: ";
  std::string atLimit = head + std::string(MultipartParser::kMaxHeaderBytes - head.size(), 'p');
  ASSERT_EQ(atLimit.size(), 8192u);
  EXPECT_EQ(parseAll("--b\r\n" + atLimit + "\r\n\r\nd\r\n--b--", "b"),
            (Parts{"n|<none>||d", "done"}));
  std::string over = atLimit + "p";
  EXPECT_EQ(parseAll("--b\r\n" + over + "\r\n\r\nd\r\n--b--", "b"),
            (Parts{"error: multipart part headers too large"}));
  // Without any end in sight the limit is what stops the search.
  EXPECT_EQ(parseAll("--b\r\n" + std::string(100000, 'h'), "b"),
            (Parts{"error: multipart part headers too large"}));
}

TEST(MultipartParserTest, MissingClosingDelimiter) {
  const char* cd = "Content-Disposition: form-data; name=\"n\"\r\n\r\n";
  EXPECT_EQ(parseAll(std::string("--b\r\n") + cd + "data", "b"),
            (Parts{"error: missing multipart closing delimiter"}));
  EXPECT_EQ(parseAll(std::string("--b\r\n") + cd + "data\r\n--b", "b"),
            (Parts{"error: missing multipart closing delimiter"}));
  EXPECT_EQ(parseAll(std::string("--b\r\n") + cd + "data\r\n--b-", "b"),
            (Parts{"error: missing multipart closing delimiter"}));
  // A delimiter line that ends the body is not followed by a part.
  EXPECT_EQ(parseAll(std::string("--b\r\n") + cd + "data\r\n--b\r\n", "b"),
            (Parts{"n|<none>||data", "error: multipart part headers not terminated"}));
}

TEST(MultipartParserTest, NoDelimiterAtAll) {
  EXPECT_EQ(parseAll("", "b"), (Parts{"error: no multipart boundary delimiter in the body"}));
  EXPECT_EQ(parseAll("hello", "b"), (Parts{"error: no multipart boundary delimiter in the body"}));
  EXPECT_EQ(parseAll("--c\r\n", "b"),
            (Parts{"error: no multipart boundary delimiter in the body"}));
  EXPECT_EQ(parseAll("--b", "b"), (Parts{"error: no multipart boundary delimiter in the body"}));
  EXPECT_EQ(parseAll("x--b\r\n", "b"),
            (Parts{"error: no multipart boundary delimiter in the body"}));
  // Bare LF line ends are not CRLF.
  EXPECT_EQ(parseAll("--b\nContent-Disposition: form-data; name=\"n\"\n\nd\n--b--", "b"),
            (Parts{"error: no multipart boundary delimiter in the body"}));
}

TEST(MultipartParserTest, PartWithoutAName) {
  const char* why = "error: multipart part without a Content-Disposition name";
  EXPECT_EQ(parseAll("--b\r\nContent-Type: text/plain\r\n\r\nd\r\n--b--", "b"), (Parts{why}));
  EXPECT_EQ(parseAll("--b\r\nContent-Disposition: form-data\r\n\r\nd\r\n--b--", "b"), (Parts{why}));
  EXPECT_EQ(
      parseAll("--b\r\nContent-Disposition: form-data; filename=\"f\"\r\n\r\nd\r\n--b--", "b"),
      (Parts{why}));
  EXPECT_EQ(parseAll("--b\r\nContent-Disposition: form-data; name\r\n\r\nd\r\n--b--", "b"),
            (Parts{why}));
  EXPECT_EQ(parseAll("--b\r\n\r\nd\r\n--b--", "b"), (Parts{why}));
  // A name may be empty: it is present.
  EXPECT_EQ(parseAll("--b\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nd\r\n--b--", "b"),
            (Parts{"|<none>||d", "done"}));
  // A good part before the bad one is still returned.
  EXPECT_EQ(parseAll("--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
                     "--b\r\nContent-Disposition: form-data\r\n\r\n2\r\n--b--",
                     "b"),
            (Parts{"a|<none>||1", why}));
}

TEST(MultipartParserTest, MalformedDisposition) {
  EXPECT_EQ(parseAll("--b\r\nContent-Disposition: form-data; name=\"open\r\n\r\nd\r\n--b--", "b"),
            (Parts{"error: malformed multipart Content-Disposition"}));
  EXPECT_EQ(parseAll("--b\r\nContent-Disposition: form-data; name=\"a\\\"\r\n\r\nd\r\n--b--", "b"),
            (Parts{"error: malformed multipart Content-Disposition"}));
}

TEST(MultipartParserTest, HeadersRunningIntoTheNextDelimiter) {
  // The first part has no blank line; its "headers" would otherwise swallow the second
  // part's Content-Disposition.
  std::string body =
      "--b\r\nX: 1\r\n--b\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\nd\r\n--b--";
  EXPECT_EQ(parseAll(body, "b"), (Parts{"error: multipart part headers not terminated"}));
  EXPECT_EQ(
      parseAll("--b\r\n--b\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\nd\r\n--b--", "b"),
      (Parts{"error: multipart part headers not terminated"}));
}

TEST(MultipartParserTest, InvalidBoundaryGivenToTheParser) {
  EXPECT_EQ(parseAll("----\r\n", ""), (Parts{"error: invalid multipart boundary"}));
  std::string b71(71, 'b');
  EXPECT_EQ(parseAll("--" + b71 + "--", b71), (Parts{"error: invalid multipart boundary"}));
  std::string b70(70, 'b');
  EXPECT_EQ(parseAll("--" + b70 + "--", b70), (Parts{"done"}));
}

TEST(MultipartParserTest, PartObjectIsResetBetweenParts) {
  std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"first-long-name\"; filename=\"f\"\r\n"
      "Content-Type: a/b\r\n\r\n1\r\n"
      "--b\r\nContent-Disposition: form-data; name=\"s\"\r\n\r\n2\r\n--b--";
  MultipartParser parser(body, "b", 10);
  MultipartPart part;
  ASSERT_EQ(parser.next(&part), Status::kPart);
  EXPECT_TRUE(part.hasFilename);
  ASSERT_EQ(parser.next(&part), Status::kPart);
  EXPECT_EQ(part.name, "s");
  EXPECT_FALSE(part.hasFilename);
  EXPECT_EQ(part.filename, "");
  EXPECT_TRUE(part.contentType.empty());
  EXPECT_EQ(part.data, "2");
  EXPECT_EQ(part.data.data(), body.data() + body.find("2\r\n--b--"));
  EXPECT_EQ(parser.next(&part), Status::kDone);
  EXPECT_EQ(parser.partCount(), 2u);
}

TEST(MultipartParserTest, BoundaryFromTheHeaderDrivesTheParser) {
  std::string contentType = "multipart/form-data; boundary=\"----WebKitFormBoundaryABC\"";
  std::string_view boundary;
  ASSERT_TRUE(multipartBoundary(contentType, &boundary));
  std::string body =
      "------WebKitFormBoundaryABC\r\n"
      "Content-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n"
      "------WebKitFormBoundaryABC--\r\n";
  EXPECT_EQ(parseAll(body, boundary), (Parts{"k|<none>||v", "done"}));
}

}  // namespace
}  // namespace surge::protocol
