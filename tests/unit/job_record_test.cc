// JobRecord: the stream fields and delayed-set member a job is stored as.
#include "jobs/job_record.h"

#include <set>

#include <gtest/gtest.h>

namespace surge {
namespace {

RedisReply str(const std::string& s) {
  RedisReply r;
  r.type = RedisReply::Type::kString;
  r.str = s;
  return r;
}

RedisReply entryOf(const std::string& streamId, const std::vector<std::string>& fields) {
  RedisReply e;
  e.type = RedisReply::Type::kArray;
  e.elements.push_back(str(streamId));
  RedisReply kv;
  kv.type = RedisReply::Type::kArray;
  for (const auto& f : fields) kv.elements.push_back(str(f));
  e.elements.push_back(kv);
  return e;
}

TEST(JobRecordTest, FieldsRoundTripThroughAStreamEntry) {
  JobRecord job;
  job.id = JobRecord::newId();
  job.queue = "orders";
  job.payload = std::string("s:3:\"a\0b\";", 11);
  job.attempt = 2;
  job.attempts = 5;
  job.retryDelay = 0.25;
  auto back = JobRecord::fromEntry("orders", entryOf("1-0", job.fields()));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->id, job.id);
  EXPECT_EQ(back->queue, "orders");
  EXPECT_EQ(back->streamId, "1-0");
  EXPECT_EQ(back->payload, job.payload);
  EXPECT_EQ(back->attempt, 2);
  EXPECT_EQ(back->attempts, 5);
  EXPECT_DOUBLE_EQ(back->retryDelay, 0.25);
}

TEST(JobRecordTest, ForeignAndDeletedEntriesAreRejected) {
  EXPECT_FALSE(JobRecord::fromEntry("q", entryOf("1-0", {"foo", "bar"})));
  RedisReply nil;
  EXPECT_FALSE(JobRecord::fromEntry("q", nil));
}

TEST(JobRecordTest, DelayedMemberKeepsThePayloadLast) {
  JobRecord job;
  job.id = "abc";
  job.payload = "x|y|z";
  job.attempt = 3;
  job.attempts = 4;
  job.retryDelay = 1;
  EXPECT_EQ(job.delayedMember(), "1|abc|3|4|1|x|y|z");
}

TEST(JobRecordTest, BackoffDoublesAndIsCapped) {
  JobRecord job;
  job.retryDelay = 0.5;
  EXPECT_DOUBLE_EQ(job.backoffAfter(1), 0.5);
  EXPECT_DOUBLE_EQ(job.backoffAfter(2), 1.0);
  EXPECT_DOUBLE_EQ(job.backoffAfter(4), 4.0);
  EXPECT_DOUBLE_EQ(job.backoffAfter(100), 3600.0);
}

TEST(JobRecordTest, IdsAreUnique) {
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) ids.insert(JobRecord::newId());
  EXPECT_EQ(ids.size(), 1000u);
  EXPECT_EQ(ids.begin()->size(), 32u);
}

}  // namespace
}  // namespace surge
