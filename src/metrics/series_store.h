#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "shm/robust_mutex.h"
#include "shm/shared_region.h"

namespace surge {

// The series of the application metrics (Surge\Metrics), in one shared anonymous mapping
// made by the master before it forks, so every worker adds to the same cells.
//
// A series is a metric (its index in the declarations, the same in every process) plus
// its encoded label values (the key). Each has a fixed-size slot: a header with the key,
// then `cellsPerSeries` 64-bit cells changed with atomics only (a double is kept as its
// bit pattern and added to with compare-and-swap). Slots are found through a hash table
// of chains; lookups take no lock, because a slot, once linked, is never moved, changed
// or removed. Creating a series takes a robust mutex (a worker killed while holding it
// does not block the others), fills a fresh slot from a bump counter and links it last.
class SeriesStore {
 public:
  // Bytes of encoded label values one series may have.
  static constexpr size_t kMaxKeyBytes = 488;
  static constexpr uint32_t kMaxCapacity = 1u << 24;

  using Cell = std::atomic<uint64_t>;

  // Maps room for `capacity` series of `cellsPerSeries` cells each (both at least 1).
  SeriesStore(uint32_t capacity, uint32_t cellsPerSeries);
  ~SeriesStore();
  SeriesStore(const SeriesStore&) = delete;
  SeriesStore& operator=(const SeriesStore&) = delete;

  // The cells of the series, or nullptr when it does not exist.
  Cell* find(uint32_t metric, std::string_view key) const;
  // The cells of the series, created (zeroed) when new; nullptr when every slot is taken.
  // The key must be at most kMaxKeyBytes long (std::length_error otherwise).
  Cell* findOrCreate(uint32_t metric, std::string_view key);

  struct Series {
    uint32_t metric;
    std::string_view key;  // points into the mapping
    const Cell* cells;
  };
  // Every complete series, in creation order.
  std::vector<Series> list() const;

  uint32_t capacity() const { return capacity_; }
  uint32_t cellsPerSeries() const { return cells_; }
  uint32_t size() const;
  size_t mappedBytes() const { return region_->size(); }

  // Doubles in cells, as bit patterns.
  static void addDouble(Cell& cell, double by);
  static void storeDouble(Cell& cell, double value);
  static double loadDouble(const Cell& cell);

 private:
  struct Header;
  struct Slot;

  Slot* slot(uint32_t index) const;
  Cell* search(uint32_t metric, std::string_view key, uint64_t hash) const;
  static uint64_t hashOf(uint32_t metric, std::string_view key);

  std::unique_ptr<SharedRegion> region_;
  Header* header_ = nullptr;
  std::atomic<uint32_t>* heads_ = nullptr;  // slot index + 1 per hash bucket, 0 = empty
  char* slots_ = nullptr;
  uint32_t capacity_;
  uint32_t cells_;
  uint32_t mask_ = 0;
  size_t stride_ = 0;
};

}  // namespace surge
