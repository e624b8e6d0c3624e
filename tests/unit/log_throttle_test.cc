#include "base/log_throttle.h"

#include <gtest/gtest.h>

namespace surge {
namespace {

TEST(LogThrottleTest, BurstThenSuppressedUntilTheWindowEnds) {
  LogThrottle t(3, 1000);
  EXPECT_TRUE(t.admit(100));
  EXPECT_TRUE(t.admit(100));
  EXPECT_TRUE(t.admit(500));
  EXPECT_FALSE(t.admit(500));
  EXPECT_FALSE(t.admit(1099));
  EXPECT_EQ(t.suppressed(), 2);
  EXPECT_EQ(t.windowEndMs(), 1100);
  // A new window admits a new burst; the suppressed count waits for its summary.
  EXPECT_TRUE(t.admit(1100));
  EXPECT_EQ(t.windowEndMs(), 2100);
  EXPECT_EQ(t.takeSuppressed(), 2);
  EXPECT_EQ(t.takeSuppressed(), 0);
}

TEST(LogThrottleTest, WindowStartsAtTheFirstLineAfterAQuietTime) {
  LogThrottle t(1, 1000);
  EXPECT_TRUE(t.admit(5000));
  EXPECT_FALSE(t.admit(5999));
  EXPECT_TRUE(t.admit(60000));
  EXPECT_FALSE(t.admit(60999));
  EXPECT_EQ(t.takeSuppressed(), 2);
}

TEST(LogThrottleTest, ClockGoingBackStartsAWindow) {
  LogThrottle t(1, 1000);
  EXPECT_TRUE(t.admit(5000));
  EXPECT_FALSE(t.admit(5001));
  EXPECT_TRUE(t.admit(10));
}

TEST(LogThrottleTest, ZeroBurstSuppressesEverything) {
  LogThrottle t(0, 1000);
  EXPECT_FALSE(t.admit(1));
  EXPECT_FALSE(t.admit(2000));
  EXPECT_EQ(t.suppressed(), 2);
}

}  // namespace
}  // namespace surge
