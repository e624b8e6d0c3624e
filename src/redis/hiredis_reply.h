// Private to src/redis: turns a hiredis reply into our own RedisReply.
#pragma once

#include "redis/redis_reply.h"

struct redisReply;

namespace surge {
RedisReply fromHiredis(const redisReply* r);
}  // namespace surge
