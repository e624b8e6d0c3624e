#include "protocol/http/http_date.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <string>

namespace surge::protocol {
namespace {

// An independent oracle: the C library's calendar, formatted by hand (not with strftime,
// whose names follow the locale).
std::string viaGmtime(time_t t) {
  static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  tm parts;
  gmtime_r(&t, &parts);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[parts.tm_wday],
                parts.tm_mday, months[parts.tm_mon], parts.tm_year + 1900, parts.tm_hour,
                parts.tm_min, parts.tm_sec);
  return buf;
}

time_t parsed(std::string_view text) {
  time_t t = -12345;
  EXPECT_TRUE(parseHttpDate(text, &t)) << text;
  return t;
}

void expectRejected(std::string_view text) {
  time_t t = -12345;
  EXPECT_FALSE(parseHttpDate(text, &t)) << "'" << text << "'";
  EXPECT_EQ(t, -12345) << "output touched for '" << text << "'";
}

TEST(HttpDateTest, FormatsKnownTimes) {
  EXPECT_EQ(formatHttpDate(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(formatHttpDate(0), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(formatHttpDate(-1), "Wed, 31 Dec 1969 23:59:59 GMT");
  EXPECT_EQ(formatHttpDate(951782400), "Tue, 29 Feb 2000 00:00:00 GMT");
  EXPECT_EQ(formatHttpDate(2147483648), "Tue, 19 Jan 2038 03:14:08 GMT");
  EXPECT_EQ(formatHttpDate(1700000000), "Tue, 14 Nov 2023 22:13:20 GMT");
  EXPECT_EQ(formatHttpDate(253402300799), "Fri, 31 Dec 9999 23:59:59 GMT");
  EXPECT_EQ(formatHttpDate(-62167219200), "Sat, 01 Jan 0000 00:00:00 GMT");
}

TEST(HttpDateTest, ClampsToFourDigitYears) {
  EXPECT_EQ(formatHttpDate(253402300800), "Fri, 31 Dec 9999 23:59:59 GMT");
  EXPECT_EQ(formatHttpDate(INT64_MAX), "Fri, 31 Dec 9999 23:59:59 GMT");
  EXPECT_EQ(formatHttpDate(-62167219201), "Sat, 01 Jan 0000 00:00:00 GMT");
  EXPECT_EQ(formatHttpDate(INT64_MIN), "Sat, 01 Jan 0000 00:00:00 GMT");
}

TEST(HttpDateTest, WritesExactly29Bytes) {
  char buf[kHttpDateLength + 2];
  buf[kHttpDateLength] = '#';
  buf[kHttpDateLength + 1] = '#';
  formatHttpDate(784111777, buf);
  EXPECT_EQ(std::string(buf, kHttpDateLength), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(buf[kHttpDateLength], '#');
  EXPECT_EQ(buf[kHttpDateLength + 1], '#');
}

TEST(HttpDateTest, AgreesWithGmtimeAndParsesBackOverManyYears) {
  // Steps that are not multiples of a day or hour, so every field varies, from 1900 to 2400
  // (leap years 1900, 2000 and 2100 included).
  for (int64_t t = -2208988800; t < 13574563200; t += 7654321 + 13) {
    std::string text = formatHttpDate(static_cast<time_t>(t));
    ASSERT_EQ(text, viaGmtime(static_cast<time_t>(t))) << t;
    time_t back = 0;
    ASSERT_TRUE(parseHttpDate(text, &back)) << text;
    ASSERT_EQ(back, t) << text;
  }
}

TEST(HttpDateTest, ParsesTheThreeForms) {
  EXPECT_EQ(parsed("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
  EXPECT_EQ(parsed("Sunday, 06-Nov-94 08:49:37 GMT"), 784111777);
  EXPECT_EQ(parsed("Sun Nov  6 08:49:37 1994"), 784111777);
  EXPECT_EQ(parsed("Sun Nov 16 08:49:37 1994"), 784111777 + 10 * 86400);
  EXPECT_EQ(parsed("Tue, 29 Feb 2000 00:00:00 GMT"), 951782400);
  EXPECT_EQ(parsed("Thu, 01 Jan 1970 00:00:00 GMT"), 0);
  EXPECT_EQ(parsed("Wed, 31 Dec 1969 23:59:59 GMT"), -1);
}

TEST(HttpDateTest, TheWeekdayIsNotCheckedAgainstTheDate) {
  EXPECT_EQ(parsed("Mon, 06 Nov 1994 08:49:37 GMT"), 784111777);
  EXPECT_EQ(parsed("Friday, 06-Nov-94 08:49:37 GMT"), 784111777);
}

TEST(HttpDateTest, TwoDigitYearsPivotAt70) {
  EXPECT_EQ(parsed("Thursday, 01-Jan-70 00:00:00 GMT"), 0);
  EXPECT_EQ(parsed("Tuesday, 01-Jan-69 00:00:00 GMT"), 3124224000);
  EXPECT_EQ(parsed("Saturday, 01-Jan-00 00:00:00 GMT"), 946684800);
  EXPECT_EQ(parsed("Friday, 31-Dec-99 23:59:59 GMT"), 946684799);
}

TEST(HttpDateTest, LeapSecondRollsIntoTheNextMinute) {
  EXPECT_EQ(parsed("Sat, 31 Dec 2016 23:59:60 GMT"), 1483228800);
}

TEST(HttpDateTest, RejectsGarbage) {
  expectRejected("");
  expectRejected("garbage");
  expectRejected("Sun");
  expectRejected("Sun,");
  expectRejected("Sun, 06 Nov 1994 08:49:37");       // no zone
  expectRejected("Sun, 06 Nov 1994 08:49:37 UTC");   // only GMT
  expectRejected("Sun, 06 Nov 1994 08:49:37 GMT ");  // trailing space
  expectRejected(" Sun, 06 Nov 1994 08:49:37 GMT");  // leading space
  expectRejected("Sun, 06 Nov 1994 08:49:37 GMTX");
  expectRejected("Sun, 6 Nov 1994 08:49:37 GMT");   // one-digit day
  expectRejected("Sun, 06 Nov 94 08:49:37 GMT");    // two-digit year
  expectRejected("Sun, 06 nov 1994 08:49:37 GMT");  // case-sensitive month
  expectRejected("sun, 06 Nov 1994 08:49:37 GMT");  // case-sensitive day
  expectRejected("Sux, 06 Nov 1994 08:49:37 GMT");
  expectRejected("Sun, 06 Noc 1994 08:49:37 GMT");
  expectRejected("Sun, 06 Nov 1994 24:00:00 GMT");
  expectRejected("Sun, 06 Nov 1994 08:60:00 GMT");
  expectRejected("Sun, 06 Nov 1994 08:49:61 GMT");
  expectRejected("Sun, 06 Nov 1994 8:49:37 GMT");
  expectRejected("Sun, 00 Nov 1994 08:49:37 GMT");
  expectRejected("Sun, 31 Nov 1994 08:49:37 GMT");
  expectRejected("Sun, 29 Feb 1900 08:49:37 GMT");  // 1900 is not a leap year
  expectRejected("Sun, 29 Feb 2001 08:49:37 GMT");
  expectRejected(std::string_view("Sun, 06 Nov 1994 08:49:37 GMT\0", 30));
  expectRejected("Sun, 0x Nov 1994 08:49:37 GMT");
  expectRejected("Sun, +6 Nov 1994 08:49:37 GMT");
  expectRejected("Sund, 06 Nov 1994 08:49:37 GMT");
  expectRejected("Sunday, 06-Nov-1994 08:49:37 GMT");  // RFC 850 has two-digit years
  expectRejected("Sunday, 06 Nov 94 08:49:37 GMT");
  expectRejected("Sun, 06-Nov-94 08:49:37 GMT");  // short name with RFC 850 layout
  expectRejected("Sonntag, 06-Nov-94 08:49:37 GMT");
  expectRejected("Sun Nov 6 08:49:37 1994");  // asctime pads with a space
  expectRejected("Sun Nov  6 08:49:37 94");
  expectRejected("Sun Nov  6 08:49:37 1994 GMT");
  expectRejected("Sun  Nov  6 08:49:37 1994");
  expectRejected("Sun Nov   6 08:49:37 1994");
  expectRejected("Sun Nov  6 08:49:37");
  expectRejected("1994-11-06T08:49:37Z");
  expectRejected("784111777");
}

TEST(HttpDateTest, CacheReformatsOnlyWhenTheSecondChanges) {
  HttpDateCache cache;
  std::string_view a = cache.now(784111777);
  EXPECT_EQ(a, "Sun, 06 Nov 1994 08:49:37 GMT");
  std::string_view b = cache.now(784111777);
  EXPECT_EQ(b.data(), a.data());
  EXPECT_EQ(b, "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(cache.now(784111778), "Sun, 06 Nov 1994 08:49:38 GMT");
  EXPECT_EQ(cache.now(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
  // The first call must format even for the zero time the cache starts with.
  HttpDateCache fresh;
  EXPECT_EQ(fresh.now(0), "Thu, 01 Jan 1970 00:00:00 GMT");
}

}  // namespace
}  // namespace surge::protocol
