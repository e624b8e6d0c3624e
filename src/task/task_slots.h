#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>

namespace surge {

// The task processes of one pool and how many tasks each has in flight, in memory the
// master maps MAP_SHARED before it forks, so that every process of the Worker (callers
// and task processes alike) sees the same slots without asking anyone.
//
// Each slot is one 64-bit word, pid in the high half and in-flight count in the low
// half, only ever changed with compare-and-swap: a caller reserves a place only on the
// process it chose (the pid still matches), and a count dies with its process (the word
// is reset as a whole when the pid goes), so no stale count survives a replacement.
class TaskSlots {
 public:
  // Maps `count` empty slots (pid 0); throws std::system_error when mmap fails.
  explicit TaskSlots(int count);
  ~TaskSlots();
  TaskSlots(const TaskSlots&) = delete;
  TaskSlots& operator=(const TaskSlots&) = delete;

  int size() const { return count_; }
  pid_t pidAt(int slot) const;
  uint32_t inFlightAt(int slot) const;

  // Task process, once its inbox is open: takes the slot with nothing in flight.
  void publish(int slot, pid_t pid);
  // Task process when it stops, or the master after it exited: no new task goes to `pid`
  // (only if the slot still holds it: a successor may have published already).
  void withdraw(int slot, pid_t pid);
  // Task process, after answering one task.
  void release(int slot, pid_t pid);

  // Caller: reserves a place on the live process with the fewest tasks in flight, among
  // those with fewer than `window`; ties go to the first from `start` on (callers pass
  // a rotating start so that idle processes share the work). Returns the slot and sets
  // *pid, or -1 when every live process is full or none is live.
  int acquire(uint32_t window, int start, pid_t* pid);
  // Caller: gives back a place acquire() reserved on `pid` when the task could not be
  // sent after all.
  void cancel(int slot, pid_t pid) { release(slot, pid); }

  static uint64_t pack(pid_t pid, uint32_t inFlight) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(pid)) << 32) | inFlight;
  }
  static pid_t pidOf(uint64_t word) { return static_cast<pid_t>(word >> 32); }
  static uint32_t inFlightOf(uint64_t word) { return static_cast<uint32_t>(word); }

 private:
  int count_;
  std::atomic<uint64_t>* words_;
  static_assert(std::atomic<uint64_t>::is_always_lock_free,
                "task slots are shared between processes: their atomics must not use locks");
};

}  // namespace surge
