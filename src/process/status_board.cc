#include "process/status_board.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>
#include <stdexcept>

namespace surge {

namespace {

// Bumped whenever a record changes size or meaning: a `status` command of another build
// then refuses the file instead of printing garbage.
constexpr uint32_t kLayoutVersion = 3;
constexpr char kMagic[8] = {'S', 'U', 'R', 'G', 'E', 'S', 'B', '\n'};
constexpr uint32_t kFlagDaemon = 1;
// Sanity bounds for a file read from disk, far above anything a server runs.
constexpr uint32_t kMaxGroups = 4096;
constexpr uint32_t kMaxSlots = 1 << 20;
// Process slots per group of `count`: during a rolling reload every process of the group
// may have a successor running while it still finishes its connections, and one more
// for a recycle at the same moment. A process that finds no slot runs without one.
int slotsFor(int count) {
  return 2 * count + 1;
}

struct alignas(64) FileHeader {
  char magic[8];
  uint32_t version;
  uint32_t flags;
  uint64_t size;
  int64_t masterPid;
  int64_t startTime;
  uint32_t groupCount;
  uint32_t slotCount;
};

struct ExitPair {
  std::atomic<int64_t> status;
  std::atomic<int64_t> count;
};

struct alignas(64) GroupRecord {
  char name[64];
  char listen[160];
  int32_t count;
  int32_t firstSlot;  // its slotsFor(count) slots start here
  // Only the master writes the table; exitPairs is stored (release) after the pair it
  // publishes, so a reader that loads it (acquire) never sees a half-written pair.
  std::atomic<int64_t> exitPairs;
  std::atomic<int64_t> exitOverflow;
  ExitPair exits[StatusBoard::kMaxExitStatuses];
};

// 320 bytes: the counters a worker writes all the time start on their own cache line,
// away from the neighbour slot's and from the fields only the master writes.
struct alignas(64) SlotRecord {
  int32_t group;
  int32_t slot;
  std::atomic<int64_t> pid;
  std::atomic<int64_t> startTime;
  alignas(64) StatusBoard::Counters counters;
};

// The layout is the file format: pin it, so a change is a deliberate version bump.
static_assert(sizeof(FileHeader) == 64);
static_assert(sizeof(GroupRecord) == 512);
static_assert(sizeof(SlotRecord) == 320);
static_assert(sizeof(StatusBoard::Counters) == 232);

FileHeader* headerOf(void* base) {
  return static_cast<FileHeader*>(base);
}
GroupRecord* groupsOf(void* base) {
  return reinterpret_cast<GroupRecord*>(static_cast<char*>(base) + sizeof(FileHeader));
}
SlotRecord* slotsOf(void* base) {
  return reinterpret_cast<SlotRecord*>(static_cast<char*>(base) + sizeof(FileHeader) +
                                       headerOf(base)->groupCount * sizeof(GroupRecord));
}

// Copies `text` into a fixed field, cut so that it keeps its NUL and does not end in
// the middle of a UTF-8 sequence (the JSON report must stay valid UTF-8).
template <size_t N>
void copyField(char (&field)[N], const std::string& text) {
  size_t n = std::min(text.size(), N - 1);
  if (n < text.size()) {
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  }
  std::memcpy(field, text.data(), n);
  field[n] = '\0';
}

template <size_t N>
std::string readField(const char (&field)[N]) {
  return std::string(field, ::strnlen(field, N));
}

void resetCounters(StatusBoard::Counters& c) {
  c.connections.store(0, std::memory_order_relaxed);
  c.totalRequests.store(0, std::memory_order_relaxed);
  c.sendFail.store(0, std::memory_order_relaxed);
  c.timers.store(0, std::memory_order_relaxed);
  c.memory.store(0, std::memory_order_relaxed);
  c.peakMemory.store(0, std::memory_order_relaxed);
  c.heartbeatMs.store(0, std::memory_order_relaxed);
  c.qps.store(0, std::memory_order_relaxed);
  c.protocolErrors.store(0, std::memory_order_relaxed);
  c.bytesReceived.store(0, std::memory_order_relaxed);
  c.bytesSent.store(0, std::memory_order_relaxed);
  c.exceptions.store(0, std::memory_order_relaxed);
  c.loopLagUs.store(0, std::memory_order_relaxed);
  for (auto& bucket : c.httpDurationBuckets) bucket.store(0, std::memory_order_relaxed);
  c.httpDurationSumNs.store(0, std::memory_order_relaxed);
}

std::runtime_error systemError(const std::string& what, const std::string& path) {
  return std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

}  // namespace

size_t StatusBoard::fileSize(int groupCount, int slotCount) {
  return sizeof(FileHeader) + static_cast<size_t>(groupCount) * sizeof(GroupRecord) +
         static_cast<size_t>(slotCount) * sizeof(SlotRecord);
}

StatusBoard::StatusBoard(std::string path, void* base, size_t size, bool writable, dev_t dev,
                         ino_t ino)
    : path_(std::move(path)), base_(base), size_(size), writable_(writable), dev_(dev), ino_(ino) {}

StatusBoard::~StatusBoard() {
  ::munmap(base_, size_);
}

std::unique_ptr<StatusBoard> StatusBoard::create(const std::string& path,
                                                 const std::vector<GroupSpec>& groups,
                                                 pid_t masterPid, int64_t startTime, bool daemon) {
  if (groups.size() > kMaxGroups)
    throw std::runtime_error("cannot create the status file " + path + ": too many workers");
  size_t slotCount = 0;
  for (const GroupSpec& g : groups) {
    if (g.count < 1 || g.count >= static_cast<int>(kMaxSlots))
      throw std::runtime_error("cannot create the status file " + path + ": worker '" + g.name +
                               "' has count " + std::to_string(g.count));
    slotCount += static_cast<size_t>(slotsFor(g.count));
  }
  if (slotCount > kMaxSlots)
    throw std::runtime_error("cannot create the status file " + path + ": too many processes");
  const size_t size = fileSize(static_cast<int>(groups.size()), static_cast<int>(slotCount));

  std::string tmp = path + ".tmp" + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw systemError("cannot create the status file", path);
  // The umask must not make the board unreadable for a `status` run by another user.
  ::fchmod(fd, 0644);
  if (::ftruncate(fd, static_cast<off_t>(size)) != 0) {
    auto error = systemError("cannot size the status file", path);
    ::close(fd);
    ::unlink(tmp.c_str());
    throw error;
  }
  void* base = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (base == MAP_FAILED) {
    auto error = systemError("cannot map the status file", path);
    ::close(fd);
    ::unlink(tmp.c_str());
    throw error;
  }
  struct stat st {};
  ::fstat(fd, &st);
  ::close(fd);

  // The file is zero-filled; the records are constructed in place so that the atomics
  // are real objects of this process (the children inherit them).
  auto* header = new (base) FileHeader{};
  header->version = kLayoutVersion;
  header->flags = daemon ? kFlagDaemon : 0;
  header->size = size;
  header->masterPid = masterPid;
  header->startTime = startTime;
  header->groupCount = static_cast<uint32_t>(groups.size());
  header->slotCount = static_cast<uint32_t>(slotCount);
  GroupRecord* groupRecords = groupsOf(base);
  SlotRecord* slotRecords = slotsOf(base);
  int32_t nextSlot = 0;
  for (size_t g = 0; g < groups.size(); ++g) {
    auto* record = new (&groupRecords[g]) GroupRecord{};
    copyField(record->name, groups[g].name);
    copyField(record->listen, groups[g].listen);
    record->count = groups[g].count;
    record->firstSlot = nextSlot;
    for (int s = 0; s < slotsFor(groups[g].count); ++s) {
      auto* slot = new (&slotRecords[nextSlot + s]) SlotRecord{};
      slot->group = static_cast<int32_t>(g);
      slot->slot = s;
    }
    nextSlot += slotsFor(groups[g].count);
  }
  std::memcpy(header->magic, kMagic, sizeof(kMagic));

  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    auto error = systemError("cannot create the status file", path);
    ::munmap(base, size);
    ::unlink(tmp.c_str());
    throw error;
  }
  return std::unique_ptr<StatusBoard>(
      new StatusBoard(path, base, size, true, st.st_dev, st.st_ino));
}

std::unique_ptr<StatusBoard> StatusBoard::open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT)
      throw std::runtime_error("no status file at " + path + ": the server is not running");
    throw systemError("cannot open the status file", path);
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    auto error = systemError("cannot read the status file", path);
    ::close(fd);
    throw error;
  }
  const std::string foreign = path + " is not a Surge status file";
  if (!S_ISREG(st.st_mode) || st.st_size < static_cast<off_t>(sizeof(FileHeader))) {
    ::close(fd);
    throw std::runtime_error(foreign);
  }
  size_t size = static_cast<size_t>(st.st_size);
  void* base = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  if (base == MAP_FAILED) {
    auto error = systemError("cannot map the status file", path);
    ::close(fd);
    throw error;
  }
  ::close(fd);
  std::unique_ptr<StatusBoard> board(
      new StatusBoard(path, base, size, false, st.st_dev, st.st_ino));

  const FileHeader* header = headerOf(base);
  if (std::memcmp(header->magic, kMagic, sizeof(kMagic)) != 0) throw std::runtime_error(foreign);
  if (header->version != kLayoutVersion)
    throw std::runtime_error(path + " is a status file of another Surge version (layout " +
                             std::to_string(header->version) + ", this one reads " +
                             std::to_string(kLayoutVersion) + "): restart the server");
  if (header->groupCount > kMaxGroups || header->slotCount > kMaxSlots || header->size != size ||
      fileSize(static_cast<int>(header->groupCount), static_cast<int>(header->slotCount)) != size)
    throw std::runtime_error(foreign + " (damaged: its size does not match its header)");
  // Indexes from the file are trusted only once checked: snapshot() follows them.
  const GroupRecord* groupRecords = groupsOf(base);
  const SlotRecord* slotRecords = slotsOf(base);
  int64_t expectSlot = 0;
  for (uint32_t g = 0; g < header->groupCount; ++g) {
    const GroupRecord& record = groupRecords[g];
    if (record.firstSlot != expectSlot || record.count < 1 ||
        record.firstSlot + static_cast<int64_t>(slotsFor(record.count)) > header->slotCount)
      throw std::runtime_error(foreign + " (damaged: bad worker record)");
    for (int32_t s = 0; s < slotsFor(record.count); ++s) {
      const SlotRecord& slot = slotRecords[record.firstSlot + s];
      if (slot.group != static_cast<int32_t>(g) || slot.slot != s)
        throw std::runtime_error(foreign + " (damaged: bad process slot)");
    }
    expectSlot += slotsFor(record.count);
  }
  if (expectSlot != header->slotCount)
    throw std::runtime_error(foreign + " (damaged: bad slot count)");
  return board;
}

int StatusBoard::groupCount() const {
  return static_cast<int>(headerOf(base_)->groupCount);
}

int StatusBoard::slotCount(int group) const {
  if (group < 0 || group >= groupCount())
    throw std::out_of_range("status board: no worker group " + std::to_string(group));
  return slotsFor(groupsOf(base_)[group].count);
}

void StatusBoard::checkSlot(int group, int slot, const char* what) const {
  if (group < 0 || group >= groupCount() || slot < 0 ||
      slot >= slotsFor(groupsOf(base_)[group].count))
    throw std::out_of_range(std::string("status board ") + what + ": no slot " +
                            std::to_string(slot) + " in worker group " + std::to_string(group));
}

void StatusBoard::checkWritable(const char* what) const {
  if (!writable_)
    throw std::logic_error(std::string("status board ") + what + ": the board is read-only");
}

int StatusBoard::freeSlot(int group) const {
  int n = slotCount(group);
  for (int s = 0; s < n; ++s)
    if (pidAt(group, s) == 0) return s;
  return -1;
}

pid_t StatusBoard::pidAt(int group, int slot) const {
  checkSlot(group, slot, "pidAt");
  const SlotRecord& record = slotsOf(base_)[groupsOf(base_)[group].firstSlot + slot];
  return static_cast<pid_t>(record.pid.load(std::memory_order_acquire));
}

void StatusBoard::assign(int group, int slot, pid_t pid, int64_t startTime) {
  checkSlot(group, slot, "assign");
  checkWritable("assign");
  SlotRecord& record = slotsOf(base_)[groupsOf(base_)[group].firstSlot + slot];
  record.startTime.store(startTime, std::memory_order_relaxed);
  record.pid.store(pid, std::memory_order_release);
}

void StatusBoard::release(int group, int slot) {
  checkSlot(group, slot, "release");
  checkWritable("release");
  SlotRecord& record = slotsOf(base_)[groupsOf(base_)[group].firstSlot + slot];
  record.pid.store(0, std::memory_order_release);
  record.startTime.store(0, std::memory_order_relaxed);
  resetCounters(record.counters);
}

void StatusBoard::recordExit(int group, int rawStatus) {
  if (group < 0 || group >= groupCount())
    throw std::out_of_range("status board recordExit: no worker group " + std::to_string(group));
  checkWritable("recordExit");
  GroupRecord& record = groupsOf(base_)[group];
  int64_t used = record.exitPairs.load(std::memory_order_relaxed);
  for (int64_t i = 0; i < used; ++i) {
    if (record.exits[i].status.load(std::memory_order_relaxed) == rawStatus) {
      record.exits[i].count.fetch_add(1, std::memory_order_relaxed);
      return;
    }
  }
  if (used < kMaxExitStatuses) {
    record.exits[used].status.store(rawStatus, std::memory_order_relaxed);
    record.exits[used].count.store(1, std::memory_order_relaxed);
    record.exitPairs.store(used + 1, std::memory_order_release);
    return;
  }
  record.exitOverflow.fetch_add(1, std::memory_order_relaxed);
}

StatusBoard::Counters& StatusBoard::counters(int group, int slot) {
  checkSlot(group, slot, "counters");
  checkWritable("counters");
  return slotsOf(base_)[groupsOf(base_)[group].firstSlot + slot].counters;
}

StatusBoard::Snapshot StatusBoard::snapshot() const {
  const FileHeader* header = headerOf(base_);
  const GroupRecord* groupRecords = groupsOf(base_);
  const SlotRecord* slotRecords = slotsOf(base_);
  Snapshot out;
  out.masterPid = static_cast<pid_t>(header->masterPid);
  out.startTime = header->startTime;
  out.daemon = (header->flags & kFlagDaemon) != 0;
  out.groups.reserve(header->groupCount);
  for (uint32_t g = 0; g < header->groupCount; ++g) {
    const GroupRecord& record = groupRecords[g];
    GroupView view;
    view.name = readField(record.name);
    view.listen = readField(record.listen);
    view.count = record.count;
    int64_t pairs =
        std::min<int64_t>(record.exitPairs.load(std::memory_order_acquire), kMaxExitStatuses);
    for (int64_t i = 0; i < pairs; ++i)
      view.exits.push_back(
          {static_cast<int>(record.exits[i].status.load(std::memory_order_relaxed)),
           record.exits[i].count.load(std::memory_order_relaxed)});
    view.otherExits = record.exitOverflow.load(std::memory_order_relaxed);
    out.groups.push_back(std::move(view));
  }
  for (uint32_t i = 0; i < header->slotCount; ++i) {
    const SlotRecord& record = slotRecords[i];
    int64_t pid = record.pid.load(std::memory_order_acquire);
    if (pid == 0) continue;
    const Counters& c = record.counters;
    ProcessView p;
    p.group = record.group;
    p.slot = record.slot;
    p.pid = static_cast<pid_t>(pid);
    p.worker = out.groups[record.group].name;
    p.listen = out.groups[record.group].listen;
    p.startTime = record.startTime.load(std::memory_order_relaxed);
    p.connections = c.connections.load(std::memory_order_relaxed);
    p.totalRequests = c.totalRequests.load(std::memory_order_relaxed);
    p.sendFail = c.sendFail.load(std::memory_order_relaxed);
    p.timers = c.timers.load(std::memory_order_relaxed);
    p.memory = c.memory.load(std::memory_order_relaxed);
    p.peakMemory = c.peakMemory.load(std::memory_order_relaxed);
    p.heartbeatMs = c.heartbeatMs.load(std::memory_order_relaxed);
    p.qps = c.qps.load(std::memory_order_relaxed);
    p.protocolErrors = c.protocolErrors.load(std::memory_order_relaxed);
    p.bytesReceived = c.bytesReceived.load(std::memory_order_relaxed);
    p.bytesSent = c.bytesSent.load(std::memory_order_relaxed);
    p.exceptions = c.exceptions.load(std::memory_order_relaxed);
    p.loopLagUs = c.loopLagUs.load(std::memory_order_relaxed);
    p.httpDurationBuckets.reserve(kHttpDurationBuckets);
    for (const auto& bucket : c.httpDurationBuckets)
      p.httpDurationBuckets.push_back(bucket.load(std::memory_order_relaxed));
    p.httpDurationSumNs = c.httpDurationSumNs.load(std::memory_order_relaxed);
    out.processes.push_back(std::move(p));
  }
  return out;
}

void StatusBoard::remove() {
  struct stat st;
  if (::stat(path_.c_str(), &st) == 0 && st.st_dev == dev_ && st.st_ino == ino_)
    ::unlink(path_.c_str());
}

}  // namespace surge
