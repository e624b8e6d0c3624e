// src/redis owns Surge's asynchronous Redis client: where a server is (RedisEndpoint), what
// it answered (RedisReply) and one non-blocking connection on the process's event loop
// (RedisConnection, built on hiredis's async API). No Zend here: ext/jobs and the cluster
// code build on it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace surge {

// Where a Redis server listens, parsed from the URI forms PHP clients use:
//   tcp://host:port                  (predis/phpredis style; port defaults to 6379)
//   redis://[[user]:password@]host[:port][/db]
//   unix:///path/to/redis.sock
struct RedisEndpoint {
  std::string host;
  int port = 6379;
  std::string unixPath;
  std::string password;
  int db = 0;

  // nullopt with *error (when given) saying what is wrong and what form is expected.
  static std::optional<RedisEndpoint> parse(std::string_view uri, std::string* error);
  // "127.0.0.1:6379", "127.0.0.1:6379/2", "unix:/run/redis.sock" (never the password).
  std::string describe() const;
};

}  // namespace surge
