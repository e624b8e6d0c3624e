#include "redis/redis_blocking.h"

#include <sys/time.h>

#include <hiredis/hiredis.h>

#include "redis/hiredis_reply.h"

namespace surge {

namespace {

std::optional<RedisReply> call(redisContext* c, const std::vector<std::string>& args,
                               std::string* error) {
  std::vector<const char*> argv;
  std::vector<size_t> lens;
  for (const auto& a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  auto* r = static_cast<redisReply*>(
      redisCommandArgv(c, static_cast<int>(args.size()), argv.data(), lens.data()));
  if (r == nullptr) {
    *error = c->errstr[0] != '\0' ? c->errstr : "connection lost";
    return std::nullopt;
  }
  RedisReply out = fromHiredis(r);
  freeReplyObject(r);
  return out;
}

}  // namespace

RedisBlocking::RedisBlocking(RedisEndpoint endpoint, double timeoutSeconds)
    : endpoint_(std::move(endpoint)), timeout_(timeoutSeconds) {}

RedisBlocking::~RedisBlocking() {
  close();
}

void RedisBlocking::close() {
  if (ctx_ != nullptr) redisFree(ctx_);
  ctx_ = nullptr;
}

bool RedisBlocking::connect(std::string* error) {
  timeval tv{static_cast<time_t>(timeout_),
             static_cast<suseconds_t>((timeout_ - static_cast<time_t>(timeout_)) * 1e6)};
  ctx_ = endpoint_.unixPath.empty()
             ? redisConnectWithTimeout(endpoint_.host.c_str(), endpoint_.port, tv)
             : redisConnectUnixWithTimeout(endpoint_.unixPath.c_str(), tv);
  if (ctx_ == nullptr || ctx_->err != 0) {
    *error = "cannot connect to Redis at " + endpoint_.describe() + ": " +
             (ctx_ != nullptr ? ctx_->errstr : "out of memory");
    close();
    return false;
  }
  redisSetTimeout(ctx_, tv);
  std::vector<std::vector<std::string>> steps;
  if (!endpoint_.password.empty()) steps.push_back({"AUTH", endpoint_.password});
  if (endpoint_.db != 0) steps.push_back({"SELECT", std::to_string(endpoint_.db)});
  for (const auto& step : steps) {
    std::string why;
    auto r = call(ctx_, step, &why);
    if (!r || r->isError()) {
      *error =
          "Redis at " + endpoint_.describe() + ": " + step[0] + " failed: " + (r ? r->str : why);
      close();
      return false;
    }
  }
  return true;
}

std::optional<RedisReply> RedisBlocking::command(const std::vector<std::string>& args,
                                                 std::string* error) {
  for (int round = 0; round < 2; ++round) {
    bool fresh = ctx_ == nullptr;
    if (fresh && !connect(error)) return std::nullopt;
    std::string why;
    auto r = call(ctx_, args, &why);
    if (r) return r;
    close();
    *error = "Redis at " + endpoint_.describe() + ": " + why;
    if (fresh) break;  // a new connection that fails is not retried
  }
  return std::nullopt;
}

}  // namespace surge
