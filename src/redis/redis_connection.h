#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "redis/redis_endpoint.h"
#include "redis/redis_reply.h"

namespace surge {

class EventLoop;

// One asynchronous connection to a Redis server on the process's event loop (hiredis's
// async API with its libevent adapter). Nothing here blocks: the connect is non-blocking
// (a host name is resolved on a helper thread by surge::Connector first), commands are
// pipelined and answered through callbacks in the order they were sent.
//
// Lifetime rules, because callers are PHP bindings that may do anything in a callback:
// - Every callback runs from the loop, never from inside command()/start()/subscribe().
// - A callback may stop() or destroy this connection; after the destructor no callback
//   runs at all (pending ones are dropped silently).
// - When the connection is lost (server died, restarted, stop()), each command still
//   waiting for its answer gets its callback called exactly once with nullptr, then
//   onDisconnected runs; start() keeps reconnecting with back-off (0.1 s doubling to 5 s)
//   until stop(). AUTH and SELECT are sent on every (re)connection before onConnected.
// - A subscribed connection only carries (UN)SUBSCRIBE (a Redis rule): while it has
//   subscriptions command() returns false, so use a second connection for commands.
//   Subscriptions are remembered and sent again after every reconnect.
class RedisConnection {
 public:
  using ReplyCallback = std::function<void(const RedisReply* reply)>;
  using MessageCallback = std::function<void(std::string_view channel, std::string_view message)>;

  RedisConnection(EventLoop& loop, RedisEndpoint endpoint);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // After each (re)connection, once AUTH/SELECT succeeded and subscriptions were re-sent.
  void setOnConnected(std::function<void()> fn);
  // When a connection that was up is lost, and for the first failed attempt of a series
  // (so a log shows "can't connect: Connection refused" once, not every 5 s).
  void setOnDisconnected(std::function<void(const std::string& why)> fn);

  void start();
  // Closes the connection and stops reconnecting; commands in flight get nullptr (from the
  // loop). onDisconnected is not called for a stop the caller asked for.
  void stop();
  bool connected() const;

  // False (and nothing queued, cb never called) when not connected or subscribed.
  bool command(const std::vector<std::string>& args, ReplyCallback cb);

  void subscribe(const std::string& channel, MessageCallback fn);
  void unsubscribe(const std::string& channel);

  // Writes what is queued for the server now (once, without waiting): before destroying a
  // connection whose last commands must not be lost with it.
  void flush();

  const RedisEndpoint& endpoint() const;
  // Why the last attempt failed or the last connection was lost ("" when none yet).
  const std::string& lastError() const;
  // Commands sent and not answered yet.
  size_t pending() const;
  // Back-off between attempts (tests shorten it); and how long one attempt (name lookup,
  // TCP connect, AUTH/SELECT) may take before it is abandoned and retried.
  void setBackoff(double initialSeconds, double maxSeconds);
  void setConnectTimeout(double seconds);

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace surge
