#include "jobs/job_consumer.h"

#include <algorithm>
#include <cmath>

#include "event/event_loop.h"

namespace surge {

namespace {

std::string ms(double seconds) {
  return std::to_string(static_cast<long long>(std::llround(std::max(0.0, seconds) * 1000)));
}

}  // namespace

JobConsumer::JobConsumer(EventLoop& loop, Options options, RunFn run, LogFn log)
    : loop_(loop),
      options_(std::move(options)),
      run_(std::move(run)),
      log_(std::move(log)),
      reader_(std::make_unique<RedisConnection>(loop, options_.endpoint)),
      control_(std::make_unique<RedisConnection>(loop, options_.endpoint)),
      runTimer_(loop, &JobConsumer::onRunTimer, this),
      claimTimer_(loop, &JobConsumer::onClaimTimer, this),
      moveTimer_(loop, &JobConsumer::onMoveTimer, this),
      readRetryTimer_(loop, &JobConsumer::onReadRetry, this) {
  options_.concurrency = std::max(1, options_.concurrency);
}

JobConsumer::~JobConsumer() {
  *alive_ = false;
  // Jobs read ahead but not run go back to the queue at once (same attempt) instead of
  // waiting claimIdle for another consumer to claim them.
  if (control_->connected()) {
    for (const JobRecord& job : queue_)
      control_->command(
          {"EVAL", job_scripts::kRetry, "2", options_.queue, job_keys::delayed(options_.queue),
           options_.group, job.streamId, "0", job.delayedMember()},
          nullptr);
    for (auto& args : outbox_) control_->command(args, nullptr);
    control_->flush();
  }
}

void JobConsumer::start() {
  reader_->setOnConnected([this] {
    readerGroupReady_ = false;
    ensureGroup(*reader_, [this] {
      readerGroupReady_ = true;
      maybeRead();
    });
  });
  reader_->setOnDisconnected([this](const std::string& why) {
    log_("jobs queue " + options_.queue + ": Redis at " + options_.endpoint.describe() + ": " +
         why + "; reconnecting (jobs resume when it answers)");
  });
  control_->setOnConnected([this] {
    controlGroupReady_ = false;
    ensureGroup(*control_, [this] {
      controlGroupReady_ = true;
      flushOutbox();
      moveTimer_.start(0, false);
    });
  });
  reader_->start();
  control_->start();
  claimTimer_.start(std::clamp(options_.claimIdle / 2, 0.05, 30.0), true);
}

void JobConsumer::ensureGroup(RedisConnection& c, std::function<void()> then) {
  c.command({"XGROUP", "CREATE", options_.queue, options_.group, "0", "MKSTREAM"},
            [this, then](const RedisReply* r) {
              if (r == nullptr) return;  // lost: the next onConnected asks again
              if (r->isError() && r->str.rfind("BUSYGROUP", 0) != 0)
                log_("jobs queue " + options_.queue + ": XGROUP CREATE failed: " + r->str);
              then();
            });
}

void JobConsumer::pause() {
  paused_ = true;
}

void JobConsumer::resume() {
  paused_ = false;
  maybeRead();
}

int JobConsumer::freeSlots() const {
  return options_.concurrency - static_cast<int>(held());
}

void JobConsumer::maybeRead() {
  if (paused_ || reading_ || !readerGroupReady_ || !reader_->connected()) return;
  int count = freeSlots();
  if (count <= 0) return;
  bool sent = reader_->command(
      {"XREADGROUP", "GROUP", options_.group, options_.consumer, "COUNT", std::to_string(count),
       "BLOCK", ms(options_.block), "STREAMS", options_.queue, ">"},
      [this](const RedisReply* r) {
        reading_ = false;
        if (r == nullptr) return;  // lost: onConnected reads again
        if (r->isError()) {
          log_("jobs queue " + options_.queue + ": XREADGROUP failed: " + r->str);
          if (r->str.rfind("NOGROUP", 0) == 0) {
            // The stream or group vanished (FLUSHALL, a restarted Redis without
            // persistence): create it again and go on.
            readerGroupReady_ = false;
            ensureGroup(*reader_, [this] {
              readerGroupReady_ = true;
              maybeRead();
            });
          } else {
            readRetryTimer_.start(1, false);
          }
          return;
        }
        if (r->type == RedisReply::Type::kArray)
          for (const RedisReply& stream : r->elements)
            if (stream.elements.size() == 2) take(stream.elements[1]);
        maybeRead();
      });
  if (sent) reading_ = true;
}

void JobConsumer::onReadRetry(void* self) {
  static_cast<JobConsumer*>(self)->maybeRead();
}

void JobConsumer::take(const RedisReply& entries) {
  for (const RedisReply& entry : entries.elements) {
    if (entry.type != RedisReply::Type::kArray || entry.elements.empty()) continue;  // deleted
    const std::string& streamId = entry.elements[0].str;
    if (heldIds_.count(streamId)) continue;
    std::optional<JobRecord> job = JobRecord::fromEntry(options_.queue, entry);
    if (!job) {
      log_("jobs queue " + options_.queue + ": entry " + streamId +
           " was not written by Surge\\Jobs::push() (no id field); acknowledged and skipped");
      sendControl({"EVAL", job_scripts::kAck, "1", options_.queue, options_.group, streamId});
      continue;
    }
    heldIds_.insert(streamId);
    queue_.push_back(std::move(*job));
  }
  if (!queue_.empty() && !running_ && !runTimer_.active()) runTimer_.start(0, false);
}

void JobConsumer::onRunTimer(void* self) {
  static_cast<JobConsumer*>(self)->runOne();
}

void JobConsumer::runOne() {
  if (running_ || queue_.empty()) return;
  JobRecord job = std::move(queue_.front());
  queue_.pop_front();
  running_ = true;
  std::shared_ptr<bool> alive = alive_;
  Result result = run_(job);  // PHP: may stop the worker and destroy this consumer
  if (!*alive) return;
  running_ = false;
  heldIds_.erase(job.streamId);
  settle(job, result);
  // One job per loop turn, so acknowledgements, timers and signals are served between.
  if (!queue_.empty()) runTimer_.start(0, false);
  maybeRead();
}

void JobConsumer::settle(const JobRecord& job, const Result& result) {
  const std::string& q = options_.queue;
  if (result.ok) {
    sendControl({"EVAL", job_scripts::kAck, "1", q, options_.group, job.streamId});
    return;
  }
  std::string head = "jobs queue " + q + ": job " + job.id + " failed (attempt " +
                     std::to_string(job.attempt) + " of " + std::to_string(job.attempts) +
                     "): " + result.error;
  if (job.attempt >= job.attempts) {
    std::vector<std::string> args{"EVAL",         job_scripts::kDead, "2", q, job_keys::dead(q),
                                  options_.group, job.streamId};
    for (auto& f : job.fields()) args.push_back(std::move(f));
    args.insert(args.end(), {"queue", q, "error", result.error, "consumer", options_.consumer});
    log_(head + "; no attempts left, moved to " + job_keys::dead(q));
    sendControl(std::move(args));
    return;
  }
  JobRecord next = job;
  next.attempt = job.attempt + 1;
  double delay = job.backoffAfter(job.attempt);
  char when[32];
  std::snprintf(when, sizeof when, "%.3g", delay);
  log_(head + "; attempt " + std::to_string(next.attempt) + " in " + when + " s");
  sendControl({"EVAL", job_scripts::kRetry, "2", q, job_keys::delayed(q), options_.group,
               job.streamId, ms(delay), next.delayedMember()});
}

void JobConsumer::sendControl(std::vector<std::string> args) {
  if (!outbox_.empty() || !controlGroupReady_ || !control_->connected()) {
    outbox_.push_back(std::move(args));
    return;
  }
  // A settlement whose answer was lost with the connection is sent again: acknowledging
  // and rescheduling are idempotent, a dead-letter entry may (rarely) appear twice.
  auto copy = args;
  bool sent = control_->command(args, [this, copy = std::move(copy)](const RedisReply* r) {
    if (r == nullptr) {
      outbox_.push_back(copy);
    } else if (r->isError()) {
      log_("jobs queue " + options_.queue + ": " + r->str);
    }
  });
  if (!sent) outbox_.push_back(std::move(args));
}

void JobConsumer::flushOutbox() {
  std::deque<std::vector<std::string>> list;
  list.swap(outbox_);
  for (auto& args : list) sendControl(std::move(args));
}

void JobConsumer::onClaimTimer(void* self) {
  auto* c = static_cast<JobConsumer*>(self);
  if (c->paused_ || !c->controlGroupReady_ || !c->control_->connected()) return;
  // Claims may go past the read reservation: an idle consumer always has one XREADGROUP
  // waiting, and it is the one that should pick up a dead consumer's work.
  int count = c->options_.concurrency - static_cast<int>(c->held());
  if (count <= 0) return;
  c->control_->command(
      {"XAUTOCLAIM", c->options_.queue, c->options_.group, c->options_.consumer,
       ms(c->options_.claimIdle), c->claimCursor_, "COUNT", std::to_string(count)},
      [c](const RedisReply* r) {
        if (r == nullptr) return;
        if (r->isError()) {
          if (r->str.rfind("NOGROUP", 0) != 0)
            c->log_("jobs queue " + c->options_.queue + ": XAUTOCLAIM failed: " + r->str);
          return;
        }
        if (r->type != RedisReply::Type::kArray || r->elements.size() < 2) return;
        c->claimCursor_ = r->elements[0].str.empty() ? "0-0" : r->elements[0].str;
        size_t before = c->queue_.size();
        c->take(r->elements[1]);
        size_t claimed = c->queue_.size() - std::min(before, c->queue_.size());
        if (claimed > 0)
          c->log_("jobs queue " + c->options_.queue + ": claimed " + std::to_string(claimed) +
                  " job(s) left unacknowledged by a consumer silent for " +
                  ms(c->options_.claimIdle) + " ms");
      });
}

void JobConsumer::onMoveTimer(void* self) {
  auto* c = static_cast<JobConsumer*>(self);
  if (!c->controlGroupReady_ || !c->control_->connected()) return;  // onConnected restarts it
  const std::string& q = c->options_.queue;
  bool sent = c->control_->command(
      {"EVAL", job_scripts::kMoveDue, "2", job_keys::delayed(q), q, "100"},
      [c](const RedisReply* r) {
        if (r == nullptr) return;
        double next = 0.5;  // new delayed jobs from elsewhere are seen within this
        if (r->isError()) {
          c->log_("jobs queue " + c->options_.queue + ": moving due jobs failed: " + r->str);
          next = 1;
        } else if (r->elements.size() == 2) {
          long long moved = r->elements[0].integer, wait = r->elements[1].integer;
          if (moved >= 100)
            next = 0;
          else if (wait >= 0)
            next = std::clamp(wait / 1000.0, 0.002, 0.5);
        }
        c->moveTimer_.start(next, false);
      });
  if (!sent) c->moveTimer_.start(0.5, false);
}

}  // namespace surge
