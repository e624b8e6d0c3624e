#pragma once

#include <atomic>
#include <cstdint>

namespace surge {

// This process's byte totals over all its stream connections, counted per read()/write()
// result (one relaxed add per syscall, not per message). A worker points them at its
// status board slot so that the master's metrics endpoint reads them without asking;
// until then they count into process-local atomics nobody reads.
class IoTotals {
 public:
  // Where the totals go from now on (null: back to the local counters).
  static void bind(std::atomic<int64_t>* received, std::atomic<int64_t>* sent);

  static void addReceived(uint64_t n) { add(received_, n); }
  static void addSent(uint64_t n) { add(sent_, n); }

 private:
  // Only this process writes its slot: a load and a store, no locked read-modify-write.
  static void add(std::atomic<int64_t>* to, uint64_t n) {
    to->store(to->load(std::memory_order_relaxed) + static_cast<int64_t>(n),
              std::memory_order_relaxed);
  }
  static std::atomic<int64_t>* received_;
  static std::atomic<int64_t>* sent_;
};

}  // namespace surge
