#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "shm/robust_mutex.h"
#include "shm/shared_region.h"

namespace surge {

// Misuse of a SharedTable (unknown column, key too long, table full, ...). The message
// says what to do; the binding turns it into a PHP exception as it is.
class TableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A fixed-capacity hash table in one shared mapping, for the processes of one machine
// (Surge\Table). Columns are declared first, then create() maps the memory; from then
// on the layout is fixed and every process that inherited the mapping reads and writes
// rows under striped robust mutexes.
//
// Layout of the mapping: a header, the lock stripes (one robust mutex per 64-byte line),
// the bucket heads (a 32-bit row index each, 0 = empty), then `capacity` rows of a fixed
// stride. A row is a 72-byte header (next index in its chain or in the free list, the
// key's hash, the key's length, the key) followed by the column data. Rows are taken
// from a lock-free free list (a tagged index, so that ABA cannot happen) or, while the
// table has never been full, from a bump counter, so create() touches no row at all and
// exactly `capacity` rows fit however the keys hash.
//
// A process killed inside set()/incr()/del() leaves its stripe to the next locker (robust
// mutex); at worst the row it was writing has some of the new columns only, and a row it
// had just taken from the free list may be lost for the table's lifetime.
class SharedTable {
 public:
  enum class ColumnType : uint8_t { kInt = 1, kFloat = 2, kString = 3 };

  struct Column {
    std::string name;
    ColumnType type;
    uint32_t size;    // bytes of payload: 8 for int/float, the declared size for strings
    uint32_t offset;  // in the row's data
  };

  // One column's new value for set().
  struct Value {
    const Column* column;
    int64_t i = 0;
    double d = 0;
    std::string_view s;
  };

  static constexpr size_t kMaxKeyLength = 63;
  static constexpr uint32_t kMaxCapacity = 1u << 30;
  static constexpr size_t kMaxStringSize = 1u << 20;

  // capacity: rows the table holds, at least 1 and at most kMaxCapacity.
  explicit SharedTable(uint64_t capacity);

  // Schema phase (before create()).
  void addColumn(std::string_view name, ColumnType type, uint64_t size);
  // Bytes the mapping will have (known as soon as the columns are declared).
  size_t memorySize() const;
  void create();
  bool created() const { return region_ != nullptr; }

  const Column* column(std::string_view name) const;
  const std::vector<Column>& columns() const { return columns_; }
  uint32_t capacity() const { return capacity_; }
  size_t rowDataSize() const { return dataSize_; }

  // Row operations (after create()). Throw TableError for a bad key, a string longer
  // than its column, a full table, or use before create().
  void set(std::string_view key, const Value* values, size_t count);
  // Copies the row's data (rowDataSize() bytes) into out; false when the key is absent.
  bool get(std::string_view key, char* out) const;
  bool exists(std::string_view key) const;
  bool del(std::string_view key);
  // Adds `by` to an int column (or a float column with byFloat), creating the row with
  // zeros when it is missing. Returns the new value through the pointer that matches.
  void incr(std::string_view key, const Column& col, int64_t by, int64_t* outInt);
  void incr(std::string_view key, const Column& col, double by, double* outFloat);
  size_t count() const;

  // Iteration, one bucket at a time (consistent within a bucket, weakly across them):
  // appends key and data of every row of bucket `b` to out, returns the next bucket index
  // that may hold rows, or bucketCount() at the end.
  struct Entry {
    std::string key;
    std::string data;
  };
  size_t bucketCount() const { return bucketMask_ + 1; }
  size_t readBucket(size_t b, std::vector<Entry>& out) const;

  // Decoding of a data block as get() returns it.
  static int64_t readInt(const char* data, const Column& col);
  static double readFloat(const char* data, const Column& col);
  static std::string_view readString(const char* data, const Column& col);

  // Runs fn(rowData) with the row of `key` locked, creating the row if missing. For the
  // binding's atomic read-modify-write and for tests (a child that dies inside).
  template <class Fn>
  void update(std::string_view key, Fn&& fn) {
    Locked l = lockRow(key, true);
    fn(l.data);
    unlockStripe(l.stripe);
  }

 private:
  struct Header;
  struct Row;
  struct Locked {
    char* data;
    uint32_t stripe;
  };

  void requireCreated() const;
  static void checkKey(std::string_view key);
  uint64_t hash(std::string_view key) const;
  Row* row(uint32_t index) const;
  RobustMutex& stripe(uint32_t s) const;
  std::atomic<uint32_t>& bucket(size_t b) const;
  void lockStripe(uint32_t s) const;
  void unlockStripe(uint32_t s) const;
  // Finds (or with create, inserts) the row of key and returns it with its stripe held.
  // data is null when absent and !create. Throws TableError when full (stripe released).
  Locked lockRow(std::string_view key, bool create) const;
  uint32_t allocRow() const;
  void freeRow(uint32_t index) const;

  uint32_t capacity_;
  uint32_t bucketMask_ = 0;
  uint32_t stripeMask_ = 0;
  size_t dataSize_ = 0;
  size_t stride_ = 0;
  std::vector<Column> columns_;
  std::unique_ptr<SharedRegion> region_;
  Header* header_ = nullptr;
  char* stripes_ = nullptr;
  std::atomic<uint32_t>* buckets_ = nullptr;
  char* rows_ = nullptr;
};

}  // namespace surge
