#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "redis/redis_endpoint.h"
#include "redis/redis_reply.h"

struct redisContext;

namespace surge {

// A synchronous Redis client for code that runs outside an event loop (Surge\Jobs::push()
// from a plain script): connects on first use with a timeout, sends AUTH/SELECT, then
// one command at a time, each waiting for its answer. Reconnects once when the server
// closed the connection in between.
class RedisBlocking {
 public:
  RedisBlocking(RedisEndpoint endpoint, double timeoutSeconds);
  ~RedisBlocking();
  RedisBlocking(const RedisBlocking&) = delete;
  RedisBlocking& operator=(const RedisBlocking&) = delete;

  // nullopt with *error saying why (cannot connect, AUTH refused, I/O error); an error
  // reply of the command itself is returned as a reply of type kError.
  std::optional<RedisReply> command(const std::vector<std::string>& args, std::string* error);

 private:
  bool connect(std::string* error);
  void close();

  RedisEndpoint endpoint_;
  double timeout_;
  ::redisContext* ctx_ = nullptr;
};

}  // namespace surge
