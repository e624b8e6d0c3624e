// src/jobs owns durable jobs on Redis Streams (RoadRunner's Jobs model) without PHP: how a
// job is stored (JobRecord), the Lua scripts that move it between the stream, the delayed
// set and the dead-letter stream atomically, and the consumer (JobConsumer). The payload
// is opaque bytes here; ext/jobs serializes PHP values into it.
//
// Keys of queue Q: the stream `Q` (consumer group "surge" by default), the sorted set
// `Q:delayed` (delayed jobs and retries waiting for their time, scored by due time in ms
// of the Redis server's clock) and the stream `Q:dead` (jobs that used all attempts).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "redis/redis_reply.h"

namespace surge {

struct JobRecord {
  std::string id;  // ours (push() returns it before Redis answered)
  std::string queue;
  std::string streamId;  // the stream entry of this delivery ("" before it is in the stream)
  std::string payload;
  int attempt = 1;        // the run this delivery is (1 = first)
  int attempts = 3;       // most runs before the dead-letter stream
  double retryDelay = 1;  // seconds before attempt 2, doubling each time

  // field/value pairs for XADD.
  std::vector<std::string> fields() const;
  // One stream entry as XREADGROUP / XAUTOCLAIM give it: [id, [field, value, ...]].
  // nullopt for an entry deleted meanwhile (nil) or one not written by push().
  static std::optional<JobRecord> fromEntry(const std::string& queue, const RedisReply& entry);
  // The member of the delayed set: "1|id|attempt|attempts|retryDelay|payload" (payload last,
  // so it may hold any byte), parsed again by the mover script.
  std::string delayedMember() const;
  // Seconds to wait before the run after `attempt` failed.
  double backoffAfter(int failedAttempt) const;

  static std::string newId();
};

// Key names and scripts. Every script takes the time from the Redis server (TIME), so
// producers and consumers on different hosts agree on when a delayed job is due.
namespace job_keys {
inline std::string delayed(const std::string& queue) {
  return queue + ":delayed";
}
inline std::string dead(const std::string& queue) {
  return queue + ":dead";
}
}  // namespace job_keys

namespace job_scripts {
// KEYS[1]=delayed ARGV[1]=delay ms ARGV[2]=member
extern const char* const kPushDelayed;
// KEYS[1]=delayed KEYS[2]=stream ARGV[1]=limit -> {moved, ms until the next is due or -1}
extern const char* const kMoveDue;
// KEYS[1]=stream ARGV[1]=group ARGV[2]=entry id
extern const char* const kAck;
// KEYS[1]=stream KEYS[2]=delayed ARGV[1]=group ARGV[2]=entry id ARGV[3]=delay ms ARGV[4]=member
extern const char* const kRetry;
// KEYS[1]=stream KEYS[2]=dead ARGV[1]=group ARGV[2]=entry id ARGV[3..]=fields of the dead entry
extern const char* const kDead;
}  // namespace job_scripts

}  // namespace surge
