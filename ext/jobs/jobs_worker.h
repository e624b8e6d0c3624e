/* Durable jobs on Redis Streams, PHP side: the Surge\Jobs and Surge\Job classes and the
 * `redis-stream://host:port/<queue>` worker kind, whose processes consume the queue with a
 * surge::JobConsumer (src/jobs) and call onMessage(Surge\Job $job) for each job. */
#ifndef SURGE_EXT_JOBS_WORKER_H
#define SURGE_EXT_JOBS_WORKER_H

#include <string>
#include <string_view>

#include "core/common.h"

namespace surge {
struct JobRecord;
}

namespace surge::ext {

struct WorkerObject;

void registerJobsClasses();
// Request shutdown: sends what push() still holds and closes the producer connections.
void shutdownJobs();

namespace jobs {
bool isJobsSocketName(std::string_view socketName);
// prepareWorkerListen() for a redis-stream:// worker: checks the address and queue name
// (throws and returns false on a mistake).
bool prepareWorker(WorkerObject* w);
// openWorkerListener() in a worker process: creates and starts the consumer (reading
// starts with resumeIntake(), after onWorkerStart).
bool openConsumer(WorkerObject* w);

// job_class.cc: a Surge\Job for `job` in *out; false (nothing in *out) when its payload
// cannot be unserialized, with *error saying so.
bool makeJobObject(const JobRecord& job, zval* out, std::string* error);
}  // namespace jobs

}  // namespace surge::ext

#endif
