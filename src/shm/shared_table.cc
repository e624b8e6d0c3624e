#include "shm/shared_table.h"

#include <sys/random.h>

#include <cstring>
#include <ctime>
#include <new>

namespace surge {

namespace {
constexpr size_t kStripeLine = 64;  // one mutex per cache line: no false sharing
constexpr uint64_t kMagic = 0x53555247455442ULL;

uint32_t roundUpPow2(uint64_t n) {
  uint32_t p = 1;
  while (p < n) p <<= 1;
  return p;
}

size_t align8(size_t n) {
  return (n + 7) & ~size_t{7};
}

std::string quoted(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}
}  // namespace

struct SharedTable::Header {
  uint64_t magic;
  uint64_t seed;                   // per table, so that keys cannot be chosen to collide
  std::atomic<uint64_t> freeHead;  // (tag << 32) | row index, 0 = empty
  std::atomic<uint32_t> bump;      // rows ever taken from the never-used tail
  std::atomic<uint32_t> rowCount;
};

struct SharedTable::Row {
  uint32_t next;  // next row of the chain (or of the free list), 0 = none
  uint32_t hash;  // low bits of the key's hash: most mismatches cost no memcmp
  uint8_t keyLength;
  char key[kMaxKeyLength];
  char* data() { return reinterpret_cast<char*>(this + 1); }
};
SharedTable::SharedTable(uint64_t capacity) {
  static_assert(sizeof(Row) == 72, "row header: 8 bytes + length + 63-byte key");
  if (capacity < 1 || capacity > kMaxCapacity) {
    throw TableError("table size must be between 1 and " + std::to_string(kMaxCapacity) + ", got " +
                     std::to_string(capacity));
  }
  capacity_ = static_cast<uint32_t>(capacity);
  // Chains stay short (load factor <= 1) for 4 bytes of bucket per row at most 8.
  bucketMask_ = roundUpPow2(capacity_) - 1;
  // A stripe per 16 buckets, between 16 and 1024: contention stays low, and the locks
  // cost at most 4 bytes per row (64 KiB for tables of 16k rows and more).
  uint32_t stripes = roundUpPow2(capacity_ / 16);
  if (stripes < 16) stripes = 16;
  if (stripes > 1024) stripes = 1024;
  stripeMask_ = stripes - 1;
}

void SharedTable::addColumn(std::string_view name, ColumnType type, uint64_t size) {
  if (created()) {
    throw TableError("cannot add column " + quoted(name) +
                     ": the table is created already; declare every column before create()");
  }
  if (name.empty()) throw TableError("column name must not be empty");
  if (column(name) != nullptr) {
    throw TableError("column " + quoted(name) + " is declared twice");
  }
  uint32_t bytes;
  switch (type) {
    case ColumnType::kInt:
    case ColumnType::kFloat:
      bytes = 8;
      break;
    case ColumnType::kString:
      if (size < 1 || size > kMaxStringSize) {
        throw TableError("string column " + quoted(name) + " needs a size between 1 and " +
                         std::to_string(kMaxStringSize) + " bytes, got " + std::to_string(size));
      }
      bytes = static_cast<uint32_t>(size);
      break;
    default:
      throw TableError("unknown type for column " + quoted(name) +
                       ": use TYPE_INT, TYPE_FLOAT or TYPE_STRING");
  }
  // Strings keep a 4-byte length in front of their bytes.
  uint32_t footprint = type == ColumnType::kString ? bytes + 4 : bytes;
  columns_.push_back(Column{std::string(name), type, bytes, static_cast<uint32_t>(dataSize_)});
  dataSize_ += footprint;
}

size_t SharedTable::memorySize() const {
  size_t stride = align8(sizeof(Row) + dataSize_);
  return align8(sizeof(Header)) + (stripeMask_ + 1) * kStripeLine +
         align8((bucketMask_ + 1) * sizeof(uint32_t)) + stride * capacity_;
}

void SharedTable::create() {
  if (created()) throw TableError("the table is created already: call create() once");
  if (columns_.empty()) throw TableError("declare at least one column() before create()");
  stride_ = align8(sizeof(Row) + dataSize_);
  region_ = std::make_unique<SharedRegion>(memorySize());
  char* base = static_cast<char*>(region_->data());
  header_ = new (base) Header();
  header_->magic = kMagic;
  if (getrandom(&header_->seed, sizeof(header_->seed), 0) != sizeof(header_->seed)) {
    header_->seed = static_cast<uint64_t>(time(nullptr)) * 0x9E3779B97F4A7C15ULL;
  }
  stripes_ = base + align8(sizeof(Header));
  for (uint32_t s = 0; s <= stripeMask_; ++s) {
    new (stripes_ + s * kStripeLine) RobustMutex();
    stripe(s).init();
  }
  // The mapping is zero-filled: every bucket is empty and no row is in use.
  buckets_ = reinterpret_cast<std::atomic<uint32_t>*>(stripes_ + (stripeMask_ + 1) * kStripeLine);
  rows_ = reinterpret_cast<char*>(buckets_) + align8((bucketMask_ + 1) * sizeof(uint32_t));
}

const SharedTable::Column* SharedTable::column(std::string_view name) const {
  for (const Column& c : columns_) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

void SharedTable::requireCreated() const {
  if (!created()) throw TableError("the table is not created yet: call create() first");
}

void SharedTable::checkKey(std::string_view key) {
  if (key.empty()) throw TableError("the key must not be empty");
  if (key.size() > kMaxKeyLength) {
    throw TableError("the key is " + std::to_string(key.size()) + " bytes long, at most " +
                     std::to_string(kMaxKeyLength) +
                     " are allowed: use a shorter key (or a hash of it)");
  }
}

uint64_t SharedTable::hash(std::string_view key) const {
  // A multiply-xorshift mix over 8-byte words: keys are short (<= 63 bytes).
  uint64_t h = header_->seed ^ (key.size() * 0x9E3779B97F4A7C15ULL);
  const char* p = key.data();
  size_t n = key.size();
  while (n >= 8) {
    uint64_t w;
    memcpy(&w, p, 8);
    h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 31;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    uint64_t w = 0;
    memcpy(&w, p, n);
    h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 31;
  }
  h *= 0x94D049BB133111EBULL;
  h ^= h >> 32;
  return h;
}

SharedTable::Row* SharedTable::row(uint32_t index) const {
  return reinterpret_cast<Row*>(rows_ + (static_cast<size_t>(index) - 1) * stride_);
}

RobustMutex& SharedTable::stripe(uint32_t s) const {
  return *reinterpret_cast<RobustMutex*>(stripes_ + static_cast<size_t>(s) * kStripeLine);
}

std::atomic<uint32_t>& SharedTable::bucket(size_t b) const {
  return buckets_[b];
}

void SharedTable::lockStripe(uint32_t s) const {
  // kRecovered: a process died inside an operation on this stripe. Chains are only ever
  // changed by single index stores, so they are intact; the row it was writing may be
  // partly updated, which is what a writer dying mid-set() means.
  stripe(s).lock();
}

void SharedTable::unlockStripe(uint32_t s) const {
  stripe(s).unlock();
}

uint32_t SharedTable::allocRow() const {
  uint64_t head = header_->freeHead.load(std::memory_order_acquire);
  while (static_cast<uint32_t>(head) != 0) {
    uint32_t index = static_cast<uint32_t>(head);
    uint32_t next = std::atomic_ref<uint32_t>(row(index)->next).load(std::memory_order_relaxed);
    uint64_t replacement = (((head >> 32) + 1) << 32) | next;
    if (header_->freeHead.compare_exchange_weak(head, replacement, std::memory_order_acquire)) {
      return index;
    }
  }
  uint32_t used = header_->bump.load(std::memory_order_relaxed);
  while (used < capacity_) {
    if (header_->bump.compare_exchange_weak(used, used + 1, std::memory_order_relaxed)) {
      return used + 1;
    }
  }
  return 0;
}

void SharedTable::freeRow(uint32_t index) const {
  uint64_t head = header_->freeHead.load(std::memory_order_relaxed);
  uint64_t replacement;
  do {
    std::atomic_ref<uint32_t>(row(index)->next)
        .store(static_cast<uint32_t>(head), std::memory_order_relaxed);
    replacement = (((head >> 32) + 1) << 32) | index;
  } while (!header_->freeHead.compare_exchange_weak(head, replacement, std::memory_order_release,
                                                    std::memory_order_relaxed));
}

SharedTable::Locked SharedTable::lockRow(std::string_view key, bool create) const {
  requireCreated();
  checkKey(key);
  uint64_t h = hash(key);
  size_t b = h & bucketMask_;
  uint32_t s = static_cast<uint32_t>(b) & stripeMask_;
  auto h32 = static_cast<uint32_t>(h >> 32);
  lockStripe(s);
  uint32_t index = bucket(b).load(std::memory_order_relaxed);
  while (index != 0) {
    Row* r = row(index);
    if (r->hash == h32 && r->keyLength == key.size() &&
        memcmp(r->key, key.data(), key.size()) == 0) {
      return Locked{r->data(), s};
    }
    index = std::atomic_ref<uint32_t>(r->next).load(std::memory_order_relaxed);
  }
  if (!create) return Locked{nullptr, s};
  index = allocRow();
  if (index == 0) {
    unlockStripe(s);
    throw TableError("the table is full (" + std::to_string(capacity_) +
                     " rows): give a larger size to new Table(), or del() rows you no longer need");
  }
  Row* r = row(index);
  r->hash = h32;
  r->keyLength = static_cast<uint8_t>(key.size());
  memcpy(r->key, key.data(), key.size());
  memset(r->data(), 0, dataSize_);
  std::atomic_ref<uint32_t>(r->next).store(bucket(b).load(std::memory_order_relaxed),
                                           std::memory_order_relaxed);
  // Linking is the one store that makes the row visible: a process killed before it
  // loses the row, never corrupts the chain.
  bucket(b).store(index, std::memory_order_release);
  header_->rowCount.fetch_add(1, std::memory_order_relaxed);
  return Locked{r->data(), s};
}

void SharedTable::set(std::string_view key, const Value* values, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    const Column& c = *values[i].column;
    if (c.type == ColumnType::kString && values[i].s.size() > c.size) {
      throw TableError("the value for column " + quoted(c.name) + " is " +
                       std::to_string(values[i].s.size()) + " bytes long, the column holds " +
                       std::to_string(c.size) + ": declare the column larger (nothing was cut)");
    }
  }
  Locked l = lockRow(key, true);
  for (size_t i = 0; i < count; ++i) {
    const Value& v = values[i];
    char* dst = l.data + v.column->offset;
    switch (v.column->type) {
      case ColumnType::kInt:
        memcpy(dst, &v.i, 8);
        break;
      case ColumnType::kFloat:
        memcpy(dst, &v.d, 8);
        break;
      case ColumnType::kString: {
        auto len = static_cast<uint32_t>(v.s.size());
        memcpy(dst, &len, 4);
        if (len > 0) memcpy(dst + 4, v.s.data(), len);
        break;
      }
    }
  }
  unlockStripe(l.stripe);
}

bool SharedTable::get(std::string_view key, char* out) const {
  Locked l = lockRow(key, false);
  if (l.data != nullptr) memcpy(out, l.data, dataSize_);
  unlockStripe(l.stripe);
  return l.data != nullptr;
}

bool SharedTable::exists(std::string_view key) const {
  Locked l = lockRow(key, false);
  unlockStripe(l.stripe);
  return l.data != nullptr;
}

bool SharedTable::del(std::string_view key) {
  requireCreated();
  checkKey(key);
  uint64_t h = hash(key);
  size_t b = h & bucketMask_;
  uint32_t s = static_cast<uint32_t>(b) & stripeMask_;
  auto h32 = static_cast<uint32_t>(h >> 32);
  lockStripe(s);
  uint32_t prev = 0;
  uint32_t index = bucket(b).load(std::memory_order_relaxed);
  while (index != 0) {
    Row* r = row(index);
    uint32_t next = std::atomic_ref<uint32_t>(r->next).load(std::memory_order_relaxed);
    if (r->hash == h32 && r->keyLength == key.size() &&
        memcmp(r->key, key.data(), key.size()) == 0) {
      if (prev == 0) {
        bucket(b).store(next, std::memory_order_release);
      } else {
        std::atomic_ref<uint32_t>(row(prev)->next).store(next, std::memory_order_relaxed);
      }
      header_->rowCount.fetch_sub(1, std::memory_order_relaxed);
      freeRow(index);
      unlockStripe(s);
      return true;
    }
    prev = index;
    index = next;
  }
  unlockStripe(s);
  return false;
}

void SharedTable::incr(std::string_view key, const Column& col, int64_t by, int64_t* outInt) {
  update(key, [&](char* data) {
    int64_t v;
    memcpy(&v, data + col.offset, 8);
    // Wraps like a C integer instead of being undefined on overflow.
    v = static_cast<int64_t>(static_cast<uint64_t>(v) + static_cast<uint64_t>(by));
    memcpy(data + col.offset, &v, 8);
    *outInt = v;
  });
}

void SharedTable::incr(std::string_view key, const Column& col, double by, double* outFloat) {
  update(key, [&](char* data) {
    double v;
    memcpy(&v, data + col.offset, 8);
    v += by;
    memcpy(data + col.offset, &v, 8);
    *outFloat = v;
  });
}

size_t SharedTable::count() const {
  return created() ? header_->rowCount.load(std::memory_order_relaxed) : 0;
}

size_t SharedTable::readBucket(size_t b, std::vector<Entry>& out) const {
  requireCreated();
  size_t n = bucketCount();
  // Skip empty buckets without locking: a row added there meanwhile is one that an
  // iteration running concurrently may or may not see anyway.
  while (b < n && bucket(b).load(std::memory_order_acquire) == 0) ++b;
  if (b >= n) return n;
  uint32_t s = static_cast<uint32_t>(b) & stripeMask_;
  lockStripe(s);
  try {
    for (uint32_t index = bucket(b).load(std::memory_order_relaxed); index != 0;
         index = std::atomic_ref<uint32_t>(row(index)->next).load(std::memory_order_relaxed)) {
      Row* r = row(index);
      out.push_back(Entry{std::string(r->key, r->keyLength), std::string(r->data(), dataSize_)});
    }
  } catch (...) {
    unlockStripe(s);  // bad_alloc: never leave a stripe locked
    throw;
  }
  unlockStripe(s);
  return b + 1;
}

int64_t SharedTable::readInt(const char* data, const Column& col) {
  int64_t v;
  memcpy(&v, data + col.offset, 8);
  return v;
}

double SharedTable::readFloat(const char* data, const Column& col) {
  double v;
  memcpy(&v, data + col.offset, 8);
  return v;
}

std::string_view SharedTable::readString(const char* data, const Column& col) {
  uint32_t len;
  memcpy(&len, data + col.offset, 4);
  if (len > col.size) len = col.size;  // a writer killed mid-copy: never read past the column
  return std::string_view(data + col.offset + 4, len);
}

}  // namespace surge
