#include "protocol/http/status_phrases.h"

#include <gtest/gtest.h>

#include <string>

namespace surge::protocol {
namespace {

TEST(HttpStatusPhrasesTest, KnownCodes) {
  EXPECT_EQ(httpReasonPhrase(100), "Continue");
  EXPECT_EQ(httpReasonPhrase(101), "Switching Protocols");
  EXPECT_EQ(httpReasonPhrase(103), "Early Hints");
  EXPECT_EQ(httpReasonPhrase(200), "OK");
  EXPECT_EQ(httpReasonPhrase(204), "No Content");
  EXPECT_EQ(httpReasonPhrase(206), "Partial Content");
  EXPECT_EQ(httpReasonPhrase(207), "Multi-Status");
  EXPECT_EQ(httpReasonPhrase(226), "IM Used");
  EXPECT_EQ(httpReasonPhrase(301), "Moved Permanently");
  EXPECT_EQ(httpReasonPhrase(304), "Not Modified");
  EXPECT_EQ(httpReasonPhrase(306), "Switch Proxy");
  EXPECT_EQ(httpReasonPhrase(308), "Permanent Redirect");
  EXPECT_EQ(httpReasonPhrase(400), "Bad Request");
  EXPECT_EQ(httpReasonPhrase(404), "Not Found");
  EXPECT_EQ(httpReasonPhrase(408), "Request Timeout");
  EXPECT_EQ(httpReasonPhrase(413), "Payload Too Large");
  EXPECT_EQ(httpReasonPhrase(414), "URI Too Long");
  EXPECT_EQ(httpReasonPhrase(416), "Range Not Satisfiable");
  EXPECT_EQ(httpReasonPhrase(418), "I'm a teapot");
  EXPECT_EQ(httpReasonPhrase(421), "Misdirected Request");
  EXPECT_EQ(httpReasonPhrase(425), "Too Early");
  EXPECT_EQ(httpReasonPhrase(431), "Request Header Fields Too Large");
  EXPECT_EQ(httpReasonPhrase(451), "Unavailable For Legal Reasons");
  EXPECT_EQ(httpReasonPhrase(500), "Internal Server Error");
  EXPECT_EQ(httpReasonPhrase(504), "Gateway Timeout");
  EXPECT_EQ(httpReasonPhrase(505), "HTTP Version Not Supported");
  EXPECT_EQ(httpReasonPhrase(510), "Not Extended");
  EXPECT_EQ(httpReasonPhrase(511), "Network Authentication Required");
}

TEST(HttpStatusPhrasesTest, UnknownCodesHaveAnEmptyPhrase) {
  for (int code : {-1,  0,   1,   99,  104, 199, 209, 299, 309, 399,  419,
                   420, 427, 430, 452, 499, 509, 512, 599, 600, 1000, 2147483647}) {
    EXPECT_TRUE(httpReasonPhrase(code).empty()) << code;
  }
}

TEST(HttpStatusPhrasesTest, TheListHoldsEveryCodeOnceInOrder) {
  auto all = httpStatusPhrases();
  ASSERT_EQ(all.size(), 63u);
  EXPECT_EQ(all.front().code, 100);
  EXPECT_EQ(all.back().code, 511);
  std::string codes;
  for (size_t i = 0; i < all.size(); ++i) {
    if (i > 0) {
      EXPECT_LT(all[i - 1].code, all[i].code);
    }
    EXPECT_FALSE(all[i].phrase.empty());
    EXPECT_EQ(httpReasonPhrase(all[i].code), all[i].phrase);
    codes += std::to_string(all[i].code) + " ";
  }
  EXPECT_EQ(codes,
            "100 101 102 103 200 201 202 203 204 205 206 207 208 226 300 301 302 303 304 305 306 "
            "307 308 400 401 402 403 404 405 406 407 408 409 410 411 412 413 414 415 416 417 418 "
            "421 422 423 424 425 426 428 429 431 451 500 501 502 503 504 505 506 507 508 510 511 ");
}

}  // namespace
}  // namespace surge::protocol
