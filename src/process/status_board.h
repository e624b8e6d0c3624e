#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace surge {

// The status board: a small file that the master creates and maps MAP_SHARED before it
// forks, so that every worker inherits the mapping and publishes its own counters there
// with relaxed atomic stores. `php start.php status` maps the same file read-only from
// another process and takes a snapshot: no signal round trip, no waiting for workers to
// answer, and a worker stuck in PHP shows up as a stale heartbeat instead of a hole.
//
// Layout (fixed-size records, so a reader of another build detects a mismatch by the
// header alone): a header, one record per worker group (name, listen address, count,
// exit statistics), then 2*count+1 process slots per group (room for the moments of a
// rolling reload when every process of a group still finishes its connections while its
// successor already runs).
class StatusBoard {
 public:
  // What the master knows about a worker group when it creates the board. Names longer
  // than 63 bytes and addresses longer than 159 bytes are cut (at a UTF-8 boundary).
  struct GroupSpec {
    std::string name;
    std::string listen;  // "text://127.0.0.1:5678", or "none"
    int count = 1;
  };

  // The numbers one worker process publishes. Each worker writes only its own slot,
  // and readers only need each number to be whole, not a consistent set: relaxed
  // loads/stores (or fetch_add) are enough.
  struct Counters {
    std::atomic<int64_t> connections;    // open connections now
    std::atomic<int64_t> totalRequests;  // messages handled since the process started
    std::atomic<int64_t> sendFail;       // sends that failed since the process started
    std::atomic<int64_t> timers;         // live timers now
    std::atomic<int64_t> memory;         // bytes, PHP's memory_get_usage()
    std::atomic<int64_t> peakMemory;     // bytes, PHP's memory_get_peak_usage()
    std::atomic<int64_t> heartbeatMs;    // CLOCK_REALTIME ms of the worker's last tick
    std::atomic<int64_t> qps;            // requests handled in the last full second
    // Malformed input from clients since the process started (each answered with its
    // protocol's error and closed); counted here because only the first few are logged.
    std::atomic<int64_t> protocolErrors;
    // Bytes read from / written to this process's stream connections (after TLS), counted
    // per read()/write() result, and exceptions thrown by callbacks (caught and logged).
    std::atomic<int64_t> bytesReceived;
    std::atomic<int64_t> bytesSent;
    std::atomic<int64_t> exceptions;
    // How late (microseconds) the publishing timer last fired: the event loop's lag.
    std::atomic<int64_t> loopLagUs;
    // HTTP request durations (request complete -> response handed to the connection):
    // observations per bucket of kHttpDurationBounds (the last one is above the last
    // bound; not cumulative) and their sum in nanoseconds.
    std::atomic<int64_t> httpDurationBuckets[15];
    std::atomic<int64_t> httpDurationSumNs;
  };
  // Upper bounds, in seconds, of the HTTP duration histogram's buckets.
  static constexpr double kHttpDurationBounds[14] = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  static constexpr int kHttpDurationBuckets = 15;
  static_assert(std::atomic<int64_t>::is_always_lock_free,
                "the board is shared between processes: its atomics must not use locks");

  // Plain copies taken by snapshot(), for the report functions.
  struct ExitCount {
    int status = 0;  // raw wait() status, as Workerman shows it (e.g. 64000, 9)
    int64_t count = 0;
  };
  struct GroupView {
    std::string name;
    std::string listen;
    int count = 0;
    std::vector<ExitCount> exits;  // in the order first seen
    int64_t otherExits = 0;        // exits with a status beyond the first 16 distinct ones
  };
  struct ProcessView {
    int group = 0;  // index into Snapshot::groups
    int slot = 0;   // slot within the group, 0..count (count is the spare)
    pid_t pid = 0;
    std::string worker;
    std::string listen;
    int64_t startTime = 0;  // unix seconds
    int64_t connections = 0;
    int64_t totalRequests = 0;
    int64_t sendFail = 0;
    int64_t timers = 0;
    int64_t memory = 0;
    int64_t peakMemory = 0;
    int64_t heartbeatMs = 0;
    int64_t qps = 0;
    int64_t protocolErrors = 0;
    int64_t bytesReceived = 0;
    int64_t bytesSent = 0;
    int64_t exceptions = 0;
    int64_t loopLagUs = 0;
    std::vector<int64_t> httpDurationBuckets;  // kHttpDurationBuckets entries
    int64_t httpDurationSumNs = 0;
    // Resident set size in bytes; not on the board: the reader fills it from /proc.
    int64_t rss = 0;
  };
  struct Snapshot {
    pid_t masterPid = 0;
    int64_t startTime = 0;  // unix seconds
    bool daemon = false;
    std::vector<GroupView> groups;
    std::vector<ProcessView> processes;  // live slots only (pid != 0), by group then slot
  };

  static constexpr int kMaxExitStatuses = 16;

  // Master: creates the board at `path` (mode 0644) and maps it read-write. The file is
  // built under a temporary name and renamed into place, so a reader never sees a half
  // written header, and a reader still mapping a previous server's board keeps its
  // (unlinked) file instead of getting SIGBUS from a truncation. Throws
  // std::runtime_error on failure.
  static std::unique_ptr<StatusBoard> create(const std::string& path,
                                             const std::vector<GroupSpec>& groups, pid_t masterPid,
                                             int64_t startTime, bool daemon = false);
  // `status` command: maps an existing board read-only. Throws std::runtime_error saying
  // that the server is not running (no file) or that the file is not a Surge status
  // file of this version.
  static std::unique_ptr<StatusBoard> open(const std::string& path);

  ~StatusBoard();
  StatusBoard(const StatusBoard&) = delete;
  StatusBoard& operator=(const StatusBoard&) = delete;

  int groupCount() const;
  // 2*count+1: the group's count, a successor for each, and a spare.
  int slotCount(int group) const;
  // The first slot of `group` without a process, or -1.
  int freeSlot(int group) const;
  pid_t pidAt(int group, int slot) const;

  // Master, after fork(). Does not touch the counters: the child may have started
  // counting already; release() is what zeroes a slot.
  void assign(int group, int slot, pid_t pid, int64_t startTime);
  // Master, when the slot's process has been reaped (before a replacement is forked
  // into the slot): pid 0 and all counters zero.
  void release(int group, int slot);
  // Master: counts one exit of a process of `group` with the raw wait() status.
  void recordExit(int group, int rawStatus);

  // Worker: its own counters (the reference stays valid while the board lives; in a
  // child, the inherited board lives until exit).
  Counters& counters(int group, int slot);

  Snapshot snapshot() const;

  // Master, at stop: unlinks the file if it is still this board's (a newer server may
  // have replaced it). The mapping itself stays valid until destruction.
  void remove();

  const std::string& path() const { return path_; }
  // Bytes of the file for this many groups and total processes (2*count+1 per group).
  static size_t fileSize(int groupCount, int slotCount);

 private:
  StatusBoard(std::string path, void* base, size_t size, bool writable, dev_t dev, ino_t ino);
  void checkSlot(int group, int slot, const char* what) const;
  void checkWritable(const char* what) const;

  std::string path_;
  void* base_;
  size_t size_;
  bool writable_;
  dev_t dev_;
  ino_t ino_;
};

}  // namespace surge
