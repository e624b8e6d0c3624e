#include "ipc/presence_index.h"

#include <errno.h>
#include <pthread.h>
#include <sys/mman.h>

#include <cstring>
#include <new>
#include <unordered_set>

namespace surge {

namespace {

uint64_t hashBytes(uint64_t h, const void* data, size_t size) {
  // FNV-1a: the same in every process of the server (they run one binary).
  const auto* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < size; ++i) h = (h ^ p[i]) * 0x100000001b3ULL;
  return h;
}

constexpr uint64_t kSeed = 0xcbf29ce484222325ULL;

uint64_t nameHash(PresenceIndex::Kind kind, std::string_view name) {
  uint8_t k = static_cast<uint8_t>(kind);
  return hashBytes(hashBytes(kSeed, &k, 1), name.data(), name.size());
}

uint64_t entryHash(PresenceIndex::Kind kind, uint32_t nameIndex, pid_t pid, uint64_t connection) {
  struct {
    uint8_t kind;
    uint32_t name;
    int32_t pid;
    uint64_t connection;
  } key{static_cast<uint8_t>(kind), nameIndex, static_cast<int32_t>(pid), connection};
  uint64_t h = hashBytes(kSeed, &key.kind, 1);
  h = hashBytes(h, &key.name, 4);
  h = hashBytes(h, &key.pid, 4);
  return hashBytes(h, &key.connection, 8);
}

size_t roundUp(size_t n) {
  return (n + 63) & ~size_t{63};
}

}  // namespace

struct PresenceIndex::Header {
  pthread_mutex_t mutex;
  uint32_t entryCapacity, nameCapacity, entryBucketCount, nameBucketCount;
  uint32_t entriesUsed, namesUsed;  // handed out so far (index 0 is never used)
  uint32_t entryFree, nameFree;     // free lists
  uint32_t liveEntries, clients;
  struct ProcessClients {
    int32_t pid;
    uint32_t clients;
  } processes[kMaxProcesses];
};

struct PresenceIndex::NameRecord {
  uint32_t bucketNext;
  uint32_t first;  // its members, doubly linked through Entry::prev/next
  uint32_t count;
  uint8_t kind, length, crowded, live;
  uint64_t hash;
  char text[kMaxName];
  struct {
    int32_t pid;
    uint32_t count;
  } processes[kProcessesPerName];
};

struct PresenceIndex::Entry {
  uint32_t bucketNext;
  uint32_t prev, next;  // among its name's members
  uint32_t name;        // 0 for clients
  int32_t pid;
  uint8_t kind, live;
  uint64_t connection;
};

// Holds the index's mutex; a previous holder that died leaves it "owner dead", and the
// index is rebuilt before anything reads it.
class PresenceIndex::Guard {
 public:
  explicit Guard(PresenceIndex* index) : index_(index) {
    int rc = pthread_mutex_lock(&index_->header_->mutex);
    if (rc == EOWNERDEAD) {
      index_->rebuild();
      pthread_mutex_consistent(&index_->header_->mutex);
    }
  }
  ~Guard() { pthread_mutex_unlock(&index_->header_->mutex); }

 private:
  PresenceIndex* index_;
};

std::unique_ptr<PresenceIndex> PresenceIndex::create(size_t capacity, std::string* error) {
  if (capacity < 16) capacity = 16;
  if (capacity > (1u << 30)) capacity = 1u << 30;
  size_t names = capacity / 4 + 16;
  size_t entryBuckets = 1, nameBuckets = 1;
  while (entryBuckets < capacity) entryBuckets <<= 1;
  while (nameBuckets < names) nameBuckets <<= 1;
  size_t bytes = roundUp(sizeof(Header)) + roundUp(nameBuckets * 4) + roundUp(entryBuckets * 4) +
                 roundUp((names + 1) * sizeof(NameRecord)) +
                 roundUp((capacity + 1) * sizeof(Entry));
  void* base = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) {
    *error = "cannot map " + std::to_string(bytes) +
             " bytes for the presence index: " + std::strerror(errno);
    return nullptr;
  }
  auto* h = new (base) Header{};
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
  pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(&h->mutex, &attr);
  pthread_mutexattr_destroy(&attr);
  h->entryCapacity = static_cast<uint32_t>(capacity);
  h->nameCapacity = static_cast<uint32_t>(names);
  h->entryBucketCount = static_cast<uint32_t>(entryBuckets);
  h->nameBucketCount = static_cast<uint32_t>(nameBuckets);
  return std::unique_ptr<PresenceIndex>(new PresenceIndex(base, bytes));
}

PresenceIndex::PresenceIndex(void* base, size_t bytes) : bytes_(bytes) {
  char* p = static_cast<char*>(base);
  header_ = reinterpret_cast<Header*>(p);
  p += roundUp(sizeof(Header));
  nameBuckets_ = reinterpret_cast<uint32_t*>(p);
  p += roundUp(header_->nameBucketCount * 4);
  entryBuckets_ = reinterpret_cast<uint32_t*>(p);
  p += roundUp(header_->entryBucketCount * 4);
  names_ = reinterpret_cast<NameRecord*>(p);
  p += roundUp((header_->nameCapacity + 1) * sizeof(NameRecord));
  entries_ = reinterpret_cast<Entry*>(p);
}

PresenceIndex::~PresenceIndex() {
  ::munmap(header_, bytes_);
}

PresenceIndex::NameRecord* PresenceIndex::name(uint32_t i) const {
  return &names_[i];
}
PresenceIndex::Entry* PresenceIndex::entry(uint32_t i) const {
  return &entries_[i];
}

size_t PresenceIndex::capacity() const {
  return header_->entryCapacity;
}

size_t PresenceIndex::used() {
  Guard g(this);
  return header_->liveEntries;
}

uint32_t PresenceIndex::findName(Kind kind, std::string_view text, uint64_t hash) {
  for (uint32_t i = nameBuckets_[hash & (header_->nameBucketCount - 1)]; i;
       i = name(i)->bucketNext) {
    NameRecord* n = name(i);
    if (n->hash == hash && n->kind == static_cast<uint8_t>(kind) && n->length == text.size() &&
        std::memcmp(n->text, text.data(), text.size()) == 0)
      return i;
  }
  return 0;
}

uint32_t PresenceIndex::newName(Kind kind, std::string_view text, uint64_t hash) {
  uint32_t i = header_->nameFree;
  if (i) {
    header_->nameFree = name(i)->bucketNext;
  } else if (header_->namesUsed < header_->nameCapacity) {
    i = ++header_->namesUsed;
  } else {
    return 0;
  }
  NameRecord* n = name(i);
  std::memset(static_cast<void*>(n), 0, sizeof(*n));
  n->kind = static_cast<uint8_t>(kind);
  n->length = static_cast<uint8_t>(text.size());
  n->hash = hash;
  std::memcpy(n->text, text.data(), text.size());
  uint32_t& bucket = nameBuckets_[hash & (header_->nameBucketCount - 1)];
  n->bucketNext = bucket;
  n->live = 1;
  bucket = i;
  return i;
}

uint32_t PresenceIndex::findEntry(Kind kind, uint32_t nameIndex, pid_t pid, uint64_t connection) {
  uint64_t h = entryHash(kind, nameIndex, pid, connection);
  for (uint32_t i = entryBuckets_[h & (header_->entryBucketCount - 1)]; i;
       i = entry(i)->bucketNext) {
    Entry* e = entry(i);
    if (e->connection == connection && e->pid == pid && e->name == nameIndex &&
        e->kind == static_cast<uint8_t>(kind))
      return i;
  }
  return 0;
}

void PresenceIndex::countProcess(NameRecord* n, pid_t pid, int delta) {
  auto* free = static_cast<decltype(&n->processes[0])>(nullptr);
  for (auto& p : n->processes) {
    if (p.pid == pid && p.count) {
      p.count += delta;
      return;
    }
    if (!free && p.count == 0) free = &p;
  }
  if (delta <= 0) return;
  if (free) {
    free->pid = pid;
    free->count = static_cast<uint32_t>(delta);
  } else {
    n->crowded = 1;
  }
}

void PresenceIndex::countClient(pid_t pid, int delta) {
  header_->clients += delta;
  Header::ProcessClients* free = nullptr;
  for (auto& p : header_->processes) {
    if (p.pid == pid && p.clients) {
      p.clients += delta;
      return;
    }
    if (!free && p.clients == 0) free = &p;
  }
  if (delta > 0 && free) {
    free->pid = pid;
    free->clients = static_cast<uint32_t>(delta);
  }
}

// Puts a live entry into its bucket, its name's list and the counters.
void PresenceIndex::link(uint32_t i) {
  Entry* e = entry(i);
  uint64_t h = entryHash(static_cast<Kind>(e->kind), e->name, e->pid, e->connection);
  uint32_t& bucket = entryBuckets_[h & (header_->entryBucketCount - 1)];
  e->bucketNext = bucket;
  bucket = i;
  e->prev = 0;
  e->next = 0;
  if (e->name) {
    NameRecord* n = name(e->name);
    e->next = n->first;
    if (n->first) entry(n->first)->prev = i;
    n->first = i;
    ++n->count;
    countProcess(n, e->pid, 1);
  } else {
    countClient(e->pid, 1);
  }
  ++header_->liveEntries;
}

void PresenceIndex::unlink(uint32_t i) {
  Entry* e = entry(i);
  e->live = 0;
  uint64_t h = entryHash(static_cast<Kind>(e->kind), e->name, e->pid, e->connection);
  for (uint32_t* at = &entryBuckets_[h & (header_->entryBucketCount - 1)]; *at;
       at = &entry(*at)->bucketNext) {
    if (*at == i) {
      *at = e->bucketNext;
      break;
    }
  }
  if (e->name) {
    NameRecord* n = name(e->name);
    if (e->prev)
      entry(e->prev)->next = e->next;
    else
      n->first = e->next;
    if (e->next) entry(e->next)->prev = e->prev;
    --n->count;
    countProcess(n, e->pid, -1);
    if (n->count == 0) {
      n->live = 0;
      for (uint32_t* at = &nameBuckets_[n->hash & (header_->nameBucketCount - 1)]; *at;
           at = &name(*at)->bucketNext) {
        if (*at == e->name) {
          *at = n->bucketNext;
          break;
        }
      }
      n->bucketNext = header_->nameFree;
      header_->nameFree = e->name;
    }
  } else {
    countClient(e->pid, -1);
  }
  --header_->liveEntries;
  e->bucketNext = header_->entryFree;
  header_->entryFree = i;
}

PresenceIndex::Added PresenceIndex::add(Kind kind, std::string_view text, pid_t pid,
                                        uint64_t connection) {
  if (text.size() > kMaxName) return Added::kFull;
  Guard g(this);
  uint32_t nameIndex = 0;
  if (kind != Kind::kClient) {
    uint64_t h = nameHash(kind, text);
    nameIndex = findName(kind, text, h);
    if (nameIndex == 0) {
      if (header_->entryFree == 0 && header_->entriesUsed >= header_->entryCapacity)
        return Added::kFull;
      nameIndex = newName(kind, text, h);
      if (nameIndex == 0) return Added::kFull;
    }
  }
  if (findEntry(kind, nameIndex, pid, connection)) return Added::kAlreadyThere;
  uint32_t i = header_->entryFree;
  if (i) {
    header_->entryFree = entry(i)->bucketNext;
  } else if (header_->entriesUsed < header_->entryCapacity) {
    i = ++header_->entriesUsed;
  } else {
    return Added::kFull;  // a name record made above stays empty: the next add reuses it
  }
  Entry* e = entry(i);
  *e = Entry{};
  e->kind = static_cast<uint8_t>(kind);
  e->name = nameIndex;
  e->pid = static_cast<int32_t>(pid);
  e->connection = connection;
  link(i);
  e->live = 1;
  return Added::kAdded;
}

bool PresenceIndex::remove(Kind kind, std::string_view text, pid_t pid, uint64_t connection) {
  Guard g(this);
  uint32_t nameIndex = 0;
  if (kind != Kind::kClient) {
    nameIndex = findName(kind, text, nameHash(kind, text));
    if (nameIndex == 0) return false;
  }
  uint32_t i = findEntry(kind, nameIndex, pid, connection);
  if (i == 0) return false;
  unlink(i);
  return true;
}

bool PresenceIndex::contains(Kind kind, std::string_view text, pid_t pid, uint64_t connection) {
  Guard g(this);
  uint32_t nameIndex = 0;
  if (kind != Kind::kClient) {
    nameIndex = findName(kind, text, nameHash(kind, text));
    if (nameIndex == 0) return false;
  }
  return findEntry(kind, nameIndex, pid, connection) != 0;
}

void PresenceIndex::members(Kind kind, std::string_view text, std::vector<Member>* out) {
  Guard g(this);
  if (kind == Kind::kClient) {
    for (uint32_t i = 1; i <= header_->entriesUsed; ++i) {
      Entry* e = entry(i);
      if (e->live && e->kind == static_cast<uint8_t>(Kind::kClient))
        out->push_back(Member{e->pid, e->connection});
    }
    return;
  }
  uint32_t n = findName(kind, text, nameHash(kind, text));
  if (n == 0) return;
  for (uint32_t i = name(n)->first; i; i = entry(i)->next)
    out->push_back(Member{entry(i)->pid, entry(i)->connection});
}

size_t PresenceIndex::count(Kind kind, std::string_view text) {
  Guard g(this);
  if (kind == Kind::kClient) return header_->clients;
  uint32_t n = findName(kind, text, nameHash(kind, text));
  return n ? name(n)->count : 0;
}

size_t PresenceIndex::clientCount() {
  Guard g(this);
  return header_->clients;
}

void PresenceIndex::processes(Kind kind, std::string_view text, std::vector<pid_t>* out) {
  Guard g(this);
  if (kind == Kind::kClient) {
    for (auto& p : header_->processes)
      if (p.clients) out->push_back(p.pid);
    return;
  }
  uint32_t n = findName(kind, text, nameHash(kind, text));
  if (n == 0) return;
  NameRecord* r = name(n);
  if (!r->crowded) {
    for (auto& p : r->processes)
      if (p.count) out->push_back(p.pid);
    return;
  }
  std::unordered_set<pid_t> seen;
  for (uint32_t i = r->first; i; i = entry(i)->next)
    if (seen.insert(entry(i)->pid).second) out->push_back(entry(i)->pid);
}

void PresenceIndex::names(Kind kind, std::vector<std::string>* out) {
  Guard g(this);
  for (uint32_t i = 1; i <= header_->namesUsed; ++i) {
    NameRecord* n = name(i);
    if (n->live && n->count && n->kind == static_cast<uint8_t>(kind))
      out->emplace_back(n->text, n->length);
  }
}

size_t PresenceIndex::removeProcess(pid_t pid) {
  Guard g(this);
  size_t removed = 0;
  for (uint32_t i = 1; i <= header_->entriesUsed; ++i) {
    if (entry(i)->live && entry(i)->pid == pid) {
      unlink(i);
      ++removed;
    }
  }
  return removed;
}

void PresenceIndex::rebuild() {
  Header* h = header_;
  std::memset(nameBuckets_, 0, h->nameBucketCount * 4);
  std::memset(entryBuckets_, 0, h->entryBucketCount * 4);
  std::memset(h->processes, 0, sizeof(h->processes));
  h->liveEntries = 0;
  h->clients = 0;
  h->entryFree = 0;
  h->nameFree = 0;
  // Names: those whose entries are live come back (deduplicated by their text), the
  // rest are free.
  for (uint32_t i = 1; i <= h->namesUsed; ++i) {
    NameRecord* n = name(i);
    n->first = 0;
    n->count = 0;
    n->crowded = 0;
    n->live = 0;
    std::memset(n->processes, 0, sizeof(n->processes));
  }
  for (uint32_t i = 1; i <= h->entriesUsed; ++i) {
    Entry* e = entry(i);
    if (!e->live) continue;
    if (e->name) {
      if (e->name > h->namesUsed) {
        e->live = 0;
        continue;
      }
      NameRecord* n = name(e->name);
      uint32_t same =
          findName(static_cast<Kind>(n->kind), std::string_view(n->text, n->length), n->hash);
      if (same == 0) {
        n->live = 1;
        uint32_t& bucket = nameBuckets_[n->hash & (h->nameBucketCount - 1)];
        n->bucketNext = bucket;
        bucket = e->name;
      } else {
        e->name = same;
      }
    }
    if (findEntry(static_cast<Kind>(e->kind), e->name, e->pid, e->connection)) {
      e->live = 0;
      continue;
    }
    link(i);
  }
  for (uint32_t i = h->entriesUsed; i >= 1; --i) {
    if (entry(i)->live) continue;
    entry(i)->bucketNext = h->entryFree;
    h->entryFree = i;
  }
  for (uint32_t i = h->namesUsed; i >= 1; --i) {
    if (name(i)->live) continue;
    name(i)->bucketNext = h->nameFree;
    h->nameFree = i;
  }
}

}  // namespace surge
