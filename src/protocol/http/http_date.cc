#include "protocol/http/http_date.h"

#include <cstdint>

namespace surge::protocol {
namespace {

constexpr char kDayNames[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::string_view kLongDayNames[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                               "Thursday", "Friday", "Saturday"};
constexpr char kMonthNames[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

constexpr int64_t kSecondsPerDay = 86400;
// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years an IMF-fixdate can hold.
constexpr int64_t kFirstTime = -62167219200;
constexpr int64_t kLastTime = 253402300799;

// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). Counting years from
// March puts the leap day at the end of the year, so each 400-year era has the same
// shape and no table is needed.
int64_t daysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2;
  int64_t era = (year >= 0 ? year : year - 399) / 400;
  int64_t yearOfEra = year - era * 400;                          // [0, 399]
  int64_t monthFromMarch = month > 2 ? month - 3 : month + 9;    // [0, 11]
  int64_t dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;  // [0, 365]
  int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

// The inverse of daysFromCivil().
void civilFromDays(int64_t days, int64_t* year, int* month, int* day) {
  days += 719468;
  int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  int64_t dayOfEra = days - era * 146097;  // [0, 146096]
  int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
  int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
  int64_t monthFromMarch = (5 * dayOfYear + 2) / 153;
  *day = static_cast<int>(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
  *month = static_cast<int>(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
  *year = yearOfEra + era * 400 + (*month <= 2);
}

bool isLeapYear(int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int64_t year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

void put2(char* p, int v) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
}

// A small cursor over the text being parsed; every step checks the remaining length.
class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  bool done() const { return s_.empty(); }
  bool literal(std::string_view lit) {
    if (s_.substr(0, lit.size()) != lit) return false;
    s_.remove_prefix(lit.size());
    return true;
  }
  // Exactly `count` digits.
  bool digits(int count, int* value) {
    if (s_.size() < static_cast<size_t>(count)) return false;
    int v = 0;
    for (int i = 0; i < count; ++i) {
      char c = s_[static_cast<size_t>(i)];
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    s_.remove_prefix(static_cast<size_t>(count));
    *value = v;
    return true;
  }
  bool month(int* m) {
    for (int i = 0; i < 12; ++i) {
      if (literal(std::string_view(kMonthNames[i], 3))) {
        *m = i + 1;
        return true;
      }
    }
    return false;
  }
  // HH:MM:SS; 60 seconds is a leap second and allowed.
  bool time(int* h, int* m, int* sec) {
    return digits(2, h) && literal(":") && digits(2, m) && literal(":") && digits(2, sec) &&
           *h <= 23 && *m <= 59 && *sec <= 60;
  }

 private:
  std::string_view s_;
};

bool shortDayName(std::string_view s) {
  for (const char* name : kDayNames)
    if (s == name) return true;
  return false;
}

bool longDayName(std::string_view s) {
  for (std::string_view name : kLongDayNames)
    if (s == name) return true;
  return false;
}

bool toTime(int64_t year, int month, int day, int h, int m, int s, time_t* out) {
  if (day < 1 || day > daysInMonth(year, month)) return false;
  int64_t t = daysFromCivil(year, month, day) * kSecondsPerDay + h * 3600 + m * 60 + s;
  if constexpr (sizeof(time_t) < sizeof(int64_t)) {
    if (t > INT32_MAX || t < INT32_MIN) return false;
  }
  *out = static_cast<time_t>(t);
  return true;
}

}  // namespace

void formatHttpDate(time_t t, char out[kHttpDateLength]) {
  int64_t secs = static_cast<int64_t>(t);
  if (secs < kFirstTime) secs = kFirstTime;
  if (secs > kLastTime) secs = kLastTime;
  int64_t days = secs >= 0 ? secs / kSecondsPerDay : (secs - kSecondsPerDay + 1) / kSecondsPerDay;
  int64_t inDay = secs - days * kSecondsPerDay;
  int64_t year;
  int month, day;
  civilFromDays(days, &year, &month, &day);
  // 1970-01-01 was a Thursday (index 4).
  int weekday = static_cast<int>(((days % 7) + 7 + 4) % 7);
  int y = static_cast<int>(year);

  // "Sun, 06 Nov 1994 08:49:37 GMT"
  const char* dn = kDayNames[weekday];
  const char* mn = kMonthNames[month - 1];
  out[0] = dn[0];
  out[1] = dn[1];
  out[2] = dn[2];
  out[3] = ',';
  out[4] = ' ';
  put2(out + 5, day);
  out[7] = ' ';
  out[8] = mn[0];
  out[9] = mn[1];
  out[10] = mn[2];
  out[11] = ' ';
  put2(out + 12, y / 100);
  put2(out + 14, y % 100);
  out[16] = ' ';
  put2(out + 17, static_cast<int>(inDay / 3600));
  out[19] = ':';
  put2(out + 20, static_cast<int>(inDay / 60 % 60));
  out[22] = ':';
  put2(out + 23, static_cast<int>(inDay % 60));
  out[25] = ' ';
  out[26] = 'G';
  out[27] = 'M';
  out[28] = 'T';
}

std::string formatHttpDate(time_t t) {
  char buf[kHttpDateLength];
  formatHttpDate(t, buf);
  return std::string(buf, kHttpDateLength);
}

bool parseHttpDate(std::string_view text, time_t* out) {
  int day, month, year, h, m, s;
  size_t comma = text.find(',');
  if (comma == 3) {
    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
    Scanner p(text.substr(4));
    if (!shortDayName(text.substr(0, 3))) return false;
    if (!(p.literal(" ") && p.digits(2, &day) && p.literal(" ") && p.month(&month) &&
          p.literal(" ") && p.digits(4, &year) && p.literal(" ") && p.time(&h, &m, &s) &&
          p.literal(" GMT") && p.done()))
      return false;
    return toTime(year, month, day, h, m, s, out);
  }
  if (comma != std::string_view::npos) {
    // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"
    if (!longDayName(text.substr(0, comma))) return false;
    Scanner p(text.substr(comma + 1));
    if (!(p.literal(" ") && p.digits(2, &day) && p.literal("-") && p.month(&month) &&
          p.literal("-") && p.digits(2, &year) && p.literal(" ") && p.time(&h, &m, &s) &&
          p.literal(" GMT") && p.done()))
      return false;
    // RFC 9110 reads a two-digit year relative to today; a fixed pivot gives the same
    // answer for every date such a client can still mean and keeps this pure.
    year += year < 70 ? 2000 : 1900;
    return toTime(year, month, day, h, m, s, out);
  }
  // asctime: "Sun Nov  6 08:49:37 1994" (the day is padded with a space, not a zero)
  if (!shortDayName(text.substr(0, 3))) return false;
  Scanner p(text.substr(3));
  if (!(p.literal(" ") && p.month(&month) && p.literal(" "))) return false;
  if (p.literal(" ")) {
    if (!p.digits(1, &day)) return false;
  } else if (!p.digits(2, &day)) {
    return false;
  }
  if (!(p.literal(" ") && p.time(&h, &m, &s) && p.literal(" ") && p.digits(4, &year) && p.done()))
    return false;
  return toTime(year, month, day, h, m, s, out);
}

}  // namespace surge::protocol
