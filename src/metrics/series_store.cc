#include "metrics/series_store.h"

#include <bit>
#include <cstring>
#include <stdexcept>
#include <string>

namespace surge {

static_assert(std::atomic<uint64_t>::is_always_lock_free,
              "shared cells need lock-free 64-bit atomics (no lock hidden in process memory)");
static_assert(std::atomic<uint32_t>::is_always_lock_free);

struct SeriesStore::Header {
  // Slots handed out (complete or being filled by a creator that died).
  std::atomic<uint32_t> used;
  alignas(64) RobustMutex createLock;
};

struct SeriesStore::Slot {
  std::atomic<uint32_t> next;   // next slot index + 1 in the bucket's chain, 0 = end
  std::atomic<uint32_t> ready;  // 1 once linked: list() shows it
  uint32_t metric;
  uint32_t keyLength;
  uint64_t hash;
  char key[kMaxKeyBytes];
  // followed by the cells
};

SeriesStore::SeriesStore(uint32_t capacity, uint32_t cellsPerSeries)
    : capacity_(capacity), cells_(cellsPerSeries) {
  static_assert(sizeof(Slot) % 8 == 0, "cells after the slot header must be 8-byte aligned");
  if (capacity < 1 || capacity > kMaxCapacity)
    throw std::invalid_argument("the series capacity must be between 1 and " +
                                std::to_string(kMaxCapacity) + ", got " + std::to_string(capacity));
  if (cellsPerSeries < 1) throw std::invalid_argument("a series needs at least one cell");
  // At most half full, so that chains stay short.
  uint32_t buckets = std::bit_ceil(capacity * 2u);
  mask_ = buckets - 1;
  stride_ = sizeof(Slot) + sizeof(Cell) * cellsPerSeries;
  size_t headerBytes = (sizeof(Header) + 63) / 64 * 64;
  size_t headBytes = (sizeof(std::atomic<uint32_t>) * buckets + 63) / 64 * 64;
  region_ = std::make_unique<SharedRegion>(headerBytes + headBytes + stride_ * capacity);
  char* base = static_cast<char*>(region_->data());
  // The mapping is zero-filled: every count, chain head and cell starts at 0.
  header_ = new (base) Header();
  header_->createLock.init();
  heads_ = reinterpret_cast<std::atomic<uint32_t>*>(base + headerBytes);
  slots_ = base + headerBytes + headBytes;
}

SeriesStore::~SeriesStore() = default;

SeriesStore::Slot* SeriesStore::slot(uint32_t index) const {
  return reinterpret_cast<Slot*>(slots_ + stride_ * index);
}

uint64_t SeriesStore::hashOf(uint32_t metric, std::string_view key) {
  uint64_t h = 14695981039346656037ull ^ metric;  // FNV-1a
  h *= 1099511628211ull;
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

SeriesStore::Cell* SeriesStore::search(uint32_t metric, std::string_view key, uint64_t hash) const {
  uint32_t link = heads_[hash & mask_].load(std::memory_order_acquire);
  while (link != 0) {
    Slot* s = slot(link - 1);
    if (s->hash == hash && s->metric == metric && s->keyLength == key.size() &&
        std::memcmp(s->key, key.data(), key.size()) == 0)
      return reinterpret_cast<Cell*>(s + 1);
    link = s->next.load(std::memory_order_acquire);
  }
  return nullptr;
}

SeriesStore::Cell* SeriesStore::find(uint32_t metric, std::string_view key) const {
  return search(metric, key, hashOf(metric, key));
}

SeriesStore::Cell* SeriesStore::findOrCreate(uint32_t metric, std::string_view key) {
  uint64_t hash = hashOf(metric, key);
  if (Cell* cells = search(metric, key, hash)) return cells;
  if (key.size() > kMaxKeyBytes)
    throw std::length_error("label values of " + std::to_string(key.size()) +
                            " bytes in all, at most " + std::to_string(kMaxKeyBytes) + " fit");
  // A creator that died inside leaves at worst one slot handed out but never linked.
  header_->createLock.lock();
  struct Unlock {
    RobustMutex& m;
    ~Unlock() { m.unlock(); }
  } unlock{header_->createLock};
  // Another process may have created it while we waited.
  if (Cell* cells = search(metric, key, hash)) return cells;
  uint32_t index = header_->used.load(std::memory_order_relaxed);
  if (index >= capacity_) return nullptr;
  // Counted before it is filled, so that a slot a dead creator half-wrote is never reused.
  header_->used.store(index + 1, std::memory_order_release);
  Slot* s = slot(index);
  s->metric = metric;
  s->keyLength = static_cast<uint32_t>(key.size());
  s->hash = hash;
  std::memcpy(s->key, key.data(), key.size());
  std::atomic<uint32_t>& head = heads_[hash & mask_];
  s->next.store(head.load(std::memory_order_relaxed), std::memory_order_relaxed);
  // Release: a process that sees the link sees the filled slot.
  head.store(index + 1, std::memory_order_release);
  s->ready.store(1, std::memory_order_release);
  return reinterpret_cast<Cell*>(s + 1);
}

std::vector<SeriesStore::Series> SeriesStore::list() const {
  std::vector<Series> out;
  uint32_t used = size();
  out.reserve(used);
  for (uint32_t i = 0; i < used; ++i) {
    Slot* s = slot(i);
    if (s->ready.load(std::memory_order_acquire) == 0) continue;
    out.push_back(
        {s->metric, std::string_view(s->key, s->keyLength), reinterpret_cast<const Cell*>(s + 1)});
  }
  return out;
}

uint32_t SeriesStore::size() const {
  uint32_t used = header_->used.load(std::memory_order_acquire);
  return used < capacity_ ? used : capacity_;
}

void SeriesStore::addDouble(Cell& cell, double by) {
  uint64_t old = cell.load(std::memory_order_relaxed);
  while (!cell.compare_exchange_weak(old, std::bit_cast<uint64_t>(std::bit_cast<double>(old) + by),
                                     std::memory_order_relaxed)) {
  }
}

void SeriesStore::storeDouble(Cell& cell, double value) {
  cell.store(std::bit_cast<uint64_t>(value), std::memory_order_relaxed);
}

double SeriesStore::loadDouble(const Cell& cell) {
  return std::bit_cast<double>(cell.load(std::memory_order_relaxed));
}

}  // namespace surge
