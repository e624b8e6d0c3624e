#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "event/timer.h"
#include "jobs/job_record.h"
#include "redis/redis_connection.h"

namespace surge {

class EventLoop;

// Consumes one queue for one process, as a member of the queue's consumer group (every
// process on every host shares the queue through it).
//
// Two connections: `reader_` only waits in XREADGROUP ... BLOCK (a blocked connection
// answers nothing else), `control_` carries acknowledgements, retries, dead-lettering,
// XAUTOCLAIM of entries left by dead consumers and the mover of due delayed jobs. Neither
// ever blocks the loop. At most `concurrency` jobs are held by this process (read ahead
// plus the one running), so a slow handler slows reading instead of filling memory.
//
// run() is called for one job at a time, from a loop callback of its own; its answer
// decides: done -> XACK+XDEL; failed -> back to the delayed set with attempt+1 after the
// back-off, or to `<queue>:dead` after the last attempt. Delivery is at-least-once: an
// entry whose consumer died before acknowledging is claimed by another after claimIdle.
class JobConsumer {
 public:
  struct Options {
    RedisEndpoint endpoint;
    std::string queue;
    std::string group = "surge";
    std::string consumer;  // unique per process: host:pid
    int concurrency = 1;
    double claimIdle = 60;  // seconds an entry stays with a silent consumer
    double block = 5;       // seconds one XREADGROUP waits on the server
  };
  struct Result {
    bool ok = true;
    std::string error;  // why it failed (the exception's message)
  };
  using RunFn = std::function<Result(const JobRecord& job)>;
  using LogFn = std::function<void(const std::string& line)>;

  JobConsumer(EventLoop& loop, Options options, RunFn run, LogFn log);
  ~JobConsumer();
  JobConsumer(const JobConsumer&) = delete;
  JobConsumer& operator=(const JobConsumer&) = delete;

  // Connects; reading starts with resume().
  void start();
  void pause();
  void resume();

  const Options& options() const { return options_; }
  size_t held() const { return queue_.size() + (running_ ? 1 : 0); }
  RedisConnection& control() { return *control_; }

 private:
  static void onRunTimer(void* self);
  static void onClaimTimer(void* self);
  static void onMoveTimer(void* self);
  static void onReadRetry(void* self);
  void ensureGroup(RedisConnection& c, std::function<void()> then);
  void maybeRead();
  void take(const RedisReply& entries);
  void runOne();
  void settle(const JobRecord& job, const Result& result);
  void sendControl(std::vector<std::string> args);
  void flushOutbox();
  int freeSlots() const;

  EventLoop& loop_;
  Options options_;
  RunFn run_;
  LogFn log_;
  std::unique_ptr<RedisConnection> reader_, control_;
  std::deque<JobRecord> queue_;
  std::unordered_set<std::string> heldIds_;      // stream ids held here (a claim may return one)
  std::deque<std::vector<std::string>> outbox_;  // settlements waiting for `control_`
  bool paused_ = true;
  bool reading_ = false;
  bool running_ = false;
  bool readerGroupReady_ = false;
  bool controlGroupReady_ = false;
  std::string claimCursor_ = "0-0";
  Timer runTimer_, claimTimer_, moveTimer_, readRetryTimer_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace surge
