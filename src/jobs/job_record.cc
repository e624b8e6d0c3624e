#include "jobs/job_record.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <random>

namespace surge {

namespace {

std::string formatSeconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", s);
  return buf;
}

int toInt(const std::string& s, int fallback) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size() ? v : fallback;
}

}  // namespace

std::vector<std::string> JobRecord::fields() const {
  return {"id",         id,
          "attempt",    std::to_string(attempt),
          "attempts",   std::to_string(attempts),
          "retryDelay", formatSeconds(retryDelay),
          "payload",    payload};
}

std::optional<JobRecord> JobRecord::fromEntry(const std::string& queue, const RedisReply& entry) {
  if (entry.type != RedisReply::Type::kArray || entry.elements.size() < 2) return std::nullopt;
  const RedisReply& kv = entry.elements[1];
  if (kv.type != RedisReply::Type::kArray) return std::nullopt;
  JobRecord job;
  job.queue = queue;
  job.streamId = entry.elements[0].str;
  bool hasId = false;
  for (size_t i = 0; i + 1 < kv.elements.size(); i += 2) {
    const std::string& k = kv.elements[i].str;
    const std::string& v = kv.elements[i + 1].str;
    if (k == "id") {
      job.id = v;
      hasId = true;
    } else if (k == "attempt") {
      job.attempt = std::max(1, toInt(v, 1));
    } else if (k == "attempts") {
      job.attempts = std::max(1, toInt(v, 3));
    } else if (k == "retryDelay") {
      job.retryDelay = std::strtod(v.c_str(), nullptr);
    } else if (k == "payload") {
      job.payload = v;
    }
  }
  if (!hasId) return std::nullopt;
  return job;
}

std::string JobRecord::delayedMember() const {
  return "1|" + id + "|" + std::to_string(attempt) + "|" + std::to_string(attempts) + "|" +
         formatSeconds(retryDelay) + "|" + payload;
}

double JobRecord::backoffAfter(int failedAttempt) const {
  double d = retryDelay * std::pow(2.0, std::max(0, failedAttempt - 1));
  return std::clamp(d, 0.0, 3600.0);
}

std::string JobRecord::newId() {
  // 128 random bits: unique across processes and hosts without coordination.
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(rng()),
                static_cast<unsigned long long>(rng()));
  return buf;
}

namespace job_scripts {

#define SURGE_NOW_MS               \
  "local t = redis.call('TIME')\n" \
  "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n"

const char* const kPushDelayed = SURGE_NOW_MS
    "redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2])\n"
    "return 1\n";

const char* const kMoveDue = SURGE_NOW_MS
    "local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))\n"
    "for _, m in ipairs(due) do\n"
    "  redis.call('ZREM', KEYS[1], m)\n"
    "  local id, attempt, attempts, retry, payload =\n"
    "    string.match(m, '^1|([^|]*)|([^|]*)|([^|]*)|([^|]*)|(.*)$')\n"
    "  if id then\n"
    "    redis.call('XADD', KEYS[2], '*', 'id', id, 'attempt', attempt, 'attempts', attempts,\n"
    "               'retryDelay', retry, 'payload', payload)\n"
    "  end\n"
    "end\n"
    "local nxt = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')\n"
    "local wait = -1\n"
    "if nxt[2] then wait = math.max(0, tonumber(nxt[2]) - now) end\n"
    "return {#due, wait}\n";

const char* const kAck =
    "redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])\n"
    "return redis.call('XDEL', KEYS[1], ARGV[2])\n";

const char* const kRetry = SURGE_NOW_MS
    "redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])\n"
    "redis.call('XDEL', KEYS[1], ARGV[2])\n"
    "redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[4])\n"
    "return 1\n";

const char* const kDead =
    "redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])\n"
    "redis.call('XDEL', KEYS[1], ARGV[2])\n"
    "redis.call('XADD', KEYS[2], '*', unpack(ARGV, 3))\n"
    "return 1\n";

#undef SURGE_NOW_MS

}  // namespace job_scripts

}  // namespace surge
