#include "protocol/http/range_header.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace surge::protocol {
namespace {

// "offset+length", "ignore" or "416", with a check that `range` is written only when
// the range is satisfiable.
std::string parse(std::string_view value, uint64_t size) {
  HttpByteRange r;
  r.offset = 777;
  r.length = 888;
  switch (parseRangeHeader(value, size, &r)) {
    case HttpRangeStatus::kSatisfiable:
      EXPECT_GE(r.length, 1u);
      EXPECT_LE(r.offset, size - r.length) << value;
      return std::to_string(r.offset) + "+" + std::to_string(r.length);
    case HttpRangeStatus::kIgnore:
      EXPECT_TRUE(r.offset == 777 && r.length == 888) << value;
      return "ignore";
    case HttpRangeStatus::kUnsatisfiable:
      EXPECT_TRUE(r.offset == 777 && r.length == 888) << value;
      return "416";
  }
  return "?";
}

TEST(HttpRangeHeaderTest, FirstToLast) {
  EXPECT_EQ(parse("bytes=0-99", 1000), "0+100");
  EXPECT_EQ(parse("bytes=100-199", 1000), "100+100");
  EXPECT_EQ(parse("bytes=0-0", 1000), "0+1");
  EXPECT_EQ(parse("bytes=999-999", 1000), "999+1");
  EXPECT_EQ(parse("bytes=0-999", 1000), "0+1000");
}

TEST(HttpRangeHeaderTest, LastPastTheEndIsCut) {
  EXPECT_EQ(parse("bytes=500-1000", 1000), "500+500");
  EXPECT_EQ(parse("bytes=500-999999999", 1000), "500+500");
  EXPECT_EQ(parse("bytes=0-18446744073709551615", 1000), "0+1000");
  EXPECT_EQ(parse("bytes=0-99999999999999999999999999999999", 1000), "0+1000");
}

TEST(HttpRangeHeaderTest, OpenEnded) {
  EXPECT_EQ(parse("bytes=0-", 1000), "0+1000");
  EXPECT_EQ(parse("bytes=900-", 1000), "900+100");
  EXPECT_EQ(parse("bytes=999-", 1000), "999+1");
}

TEST(HttpRangeHeaderTest, Suffix) {
  EXPECT_EQ(parse("bytes=-1", 1000), "999+1");
  EXPECT_EQ(parse("bytes=-100", 1000), "900+100");
  EXPECT_EQ(parse("bytes=-1000", 1000), "0+1000");
  EXPECT_EQ(parse("bytes=-1001", 1000), "0+1000");
  EXPECT_EQ(parse("bytes=-99999999999999999999999999999", 1000), "0+1000");
  EXPECT_EQ(parse("bytes=-5", 1), "0+1");
}

TEST(HttpRangeHeaderTest, Unsatisfiable) {
  EXPECT_EQ(parse("bytes=1000-", 1000), "416");
  EXPECT_EQ(parse("bytes=1000-2000", 1000), "416");
  EXPECT_EQ(parse("bytes=5000-", 1000), "416");
  EXPECT_EQ(parse("bytes=-0", 1000), "416");
  EXPECT_EQ(parse("bytes=-000", 1000), "416");
  EXPECT_EQ(parse("bytes=0-", 0), "416");
  EXPECT_EQ(parse("bytes=0-0", 0), "416");
  EXPECT_EQ(parse("bytes=18446744073709551615-", 1000), "416");
  EXPECT_EQ(parse("bytes=99999999999999999999999999999-", 1000), "416");
}

TEST(HttpRangeHeaderTest, SuffixOfAnEmptyFileServesTheEmptyFile) {
  EXPECT_EQ(parse("bytes=-1", 0), "ignore");
  EXPECT_EQ(parse("bytes=-0", 0), "416");
}

TEST(HttpRangeHeaderTest, HugeSizes) {
  const uint64_t big = UINT64_MAX;
  EXPECT_EQ(parse("bytes=0-", big), "0+18446744073709551615");
  EXPECT_EQ(parse("bytes=-1", big), "18446744073709551614+1");
  EXPECT_EQ(parse("bytes=18446744073709551613-", big), "18446744073709551613+2");
  EXPECT_EQ(parse("bytes=5000000000-5000000009", 1ull << 40), "5000000000+10");
}

TEST(HttpRangeHeaderTest, UnitAndListSyntax) {
  EXPECT_EQ(parse("BYTES=0-9", 1000), "0+10");
  EXPECT_EQ(parse("Bytes=0-9", 1000), "0+10");
  EXPECT_EQ(parse("bytes= 0-9", 1000), "0+10");
  EXPECT_EQ(parse("bytes=0-9 ", 1000), "0+10");
  EXPECT_EQ(parse("bytes=\t0-9\t", 1000), "0+10");
  EXPECT_EQ(parse("bytes=0-9,", 1000), "0+10");
  EXPECT_EQ(parse("bytes=, ,0-9, ,", 1000), "0+10");
}

TEST(HttpRangeHeaderTest, MultipleRangesAreIgnored) {
  EXPECT_EQ(parse("bytes=0-9,20-29", 1000), "ignore");
  EXPECT_EQ(parse("bytes=0-9, -5", 1000), "ignore");
  EXPECT_EQ(parse("bytes=0-9,0-9", 1000), "ignore");
  EXPECT_EQ(parse("bytes=2000-,3000-", 1000), "ignore");
}

TEST(HttpRangeHeaderTest, MalformedIsIgnored) {
  for (std::string_view v : {"",
                             "bytes",
                             "bytes=",
                             "bytes=,",
                             "bytes= ",
                             "bytes=-",
                             "bytes=abc",
                             "bytes=1",
                             "bytes=--1",
                             "bytes=1--2",
                             "bytes=-1-2",
                             "bytes=9-0",
                             "bytes=100-99",
                             "bytes=+1-2",
                             "bytes=1-+2",
                             "bytes=0x1-2",
                             "bytes=1 -2",
                             "bytes=1- 2",
                             "bytes=1-2x",
                             "bytes=-1x",
                             "bytes=-+1",
                             "bytes=1.5-2",
                             "bytes=0-9=1",
                             "items=0-9",
                             "byte=0-9",
                             "bytess=0-9",
                             "=0-9",
                             "0-9",
                             "bytes 0-9",
                             "bytes:0-9",
                             "bytes=\xff-1"}) {
    EXPECT_EQ(parse(v, 1000), "ignore") << "'" << v << "'";
  }
}

}  // namespace
}  // namespace surge::protocol
