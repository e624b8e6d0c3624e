#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace surge {

// Who is where, shared by every process of one server on one machine: which connections
// exist (clients), which are bound to a uid and which joined a group, each as (process id,
// connection id). Senders read it to route a message only to the processes that hold a
// recipient; queries (isUidOnline, getClientIdsByUid, ...) answer from it directly.
//
// It lives in one shared anonymous mapping that the master creates before forking, of a
// capacity fixed up front (pages are touched only as entries are used). One robust mutex
// guards it: a process killed inside it leaves the mutex to the next process, which
// rebuilds every list and counter from the entries' own "live" marks (an entry is marked
// live last when added and unmarked first when removed), so a crash at any point leaves
// the index whole. A process that exits takes its entries with it: the master calls
// removeProcess() when it reaps one.
class PresenceIndex {
 public:
  enum class Kind : uint8_t { kClient = 1, kUid = 2, kGroup = 3 };
  struct Member {
    pid_t pid;
    uint64_t connection;
    bool operator==(const Member&) const = default;
  };
  static constexpr size_t kMaxName = 64;
  // A name's members are counted per process for routing; a name held by more processes
  // than this is routed by walking its members.
  static constexpr size_t kProcessesPerName = 16;
  static constexpr size_t kMaxProcesses = 1024;

  // `capacity`: entries in all (a client, a uid binding and each group membership are one
  // each); names get a quarter of that. Null with `error` set when mapping fails.
  static std::unique_ptr<PresenceIndex> create(size_t capacity, std::string* error);
  ~PresenceIndex();
  PresenceIndex(const PresenceIndex&) = delete;
  PresenceIndex& operator=(const PresenceIndex&) = delete;

  enum class Added { kAdded, kAlreadyThere, kFull };
  // Clients have no name (pass "").
  Added add(Kind kind, std::string_view name, pid_t pid, uint64_t connection);
  bool remove(Kind kind, std::string_view name, pid_t pid, uint64_t connection);
  bool contains(Kind kind, std::string_view name, pid_t pid, uint64_t connection);

  void members(Kind kind, std::string_view name, std::vector<Member>* out);
  size_t count(Kind kind, std::string_view name);
  // The processes holding members of `name` (clients: "" for every process with one).
  void processes(Kind kind, std::string_view name, std::vector<pid_t>* out);
  // Every name of `kind` with at least one member.
  void names(Kind kind, std::vector<std::string>* out);
  size_t clientCount();

  // Master: drops every entry of a process that is gone. Returns how many.
  size_t removeProcess(pid_t pid);

  size_t capacity() const;
  size_t used();
  size_t mappedBytes() const { return bytes_; }

  // Rebuilds the lists and counters from the live entries (done by itself after a
  // process died holding the lock; public for tests).
  void rebuild();

 private:
  struct Header;
  struct NameRecord;
  struct Entry;
  class Guard;

  PresenceIndex(void* base, size_t bytes);
  uint32_t findName(Kind kind, std::string_view name, uint64_t hash);
  uint32_t findEntry(Kind kind, uint32_t nameIndex, pid_t pid, uint64_t connection);
  uint32_t newName(Kind kind, std::string_view name, uint64_t hash);
  void link(uint32_t index);
  void unlink(uint32_t index);
  void countProcess(NameRecord* n, pid_t pid, int delta);
  void countClient(pid_t pid, int delta);
  NameRecord* name(uint32_t i) const;
  Entry* entry(uint32_t i) const;

  Header* header_;
  uint32_t* nameBuckets_;
  uint32_t* entryBuckets_;
  NameRecord* names_;
  Entry* entries_;
  size_t bytes_;
};

}  // namespace surge
