#include "ipc/mailbox.h"

#include <errno.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <event2/event.h>

#include <cstring>
#include <vector>

#include "event/event_loop.h"

namespace surge {

namespace {

// Every datagram starts with this header: the sender (the receiver cannot learn it from
// an unbound sending socket), the whole message's size and where this fragment goes.
struct FragmentHeader {
  uint32_t magic;
  int32_t sender;
  uint32_t total;
  uint32_t offset;
};
constexpr uint32_t kMagic = 0x53524731;  // "SRG1": one fragment of one message
// "SRG2": a batch; `total` is the bytes of records after the header, `offset` their
// count, each record a 4-byte length and a whole message.
constexpr uint32_t kBatchMagic = 0x53524732;
constexpr size_t kDatagramSize = sizeof(FragmentHeader) + Mailbox::kFragmentSize;
// Datagrams read per wakeup, so that one flooding sender cannot starve the loop.
constexpr int kReadsPerWakeup = 256;

socklen_t fillAddress(const std::string& name, sockaddr_un* sun) {
  std::memset(sun, 0, sizeof(*sun));
  sun->sun_family = AF_UNIX;
  size_t len = std::min(name.size(), sizeof(sun->sun_path));
  std::memcpy(sun->sun_path, name.data(), len);
  return static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + len);
}

}  // namespace

struct Mailbox::Peer {
  Mailbox* owner = nullptr;
  pid_t pid = 0;
  int fd = -1;
  IoWatcher writeWatcher;
  std::deque<std::string> pending;  // whole datagrams, header included
  std::string batch;                // records of small messages not sent yet (no header)
  uint32_t batchCount = 0;
  ~Peer() {
    writeWatcher.stop();
    if (fd >= 0) ::close(fd);
  }
};

Mailbox::Mailbox(EventLoop& loop, Handler handler, void* arg)
    : loop_(loop),
      handler_(handler),
      arg_(arg),
      batchTimer_(loop, &Mailbox::onBatchTimer, this),
      buffer_(new char[kDatagramSize]) {}

Mailbox::~Mailbox() {
  readWatcher_.stop();
  batchTimer_.stop();
  peers_.clear();
  if (fd_ >= 0) ::close(fd_);
}

std::string Mailbox::address(const std::string& scope, pid_t pid) {
  std::string name("\0surge/", 7);
  name += scope;
  name += '/';
  name += std::to_string(pid);
  return name;
}

bool Mailbox::open(const std::string& scope, std::string* error, pid_t self) {
  if (fd_ >= 0) return true;
  int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    *error = std::string("socket(): ") + std::strerror(errno);
    return false;
  }
  self_ = self ? self : ::getpid();
  sockaddr_un sun;
  socklen_t len = fillAddress(address(scope, self_), &sun);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&sun), len) != 0) {
    *error =
        "cannot bind the inbox of process " + std::to_string(self_) + ": " + std::strerror(errno);
    self_ = 0;
    ::close(fd);
    return false;
  }
  fd_ = fd;
  scope_ = scope;
  readWatcher_.init(loop_, fd_, EV_READ, &Mailbox::onReadable, this);
  readWatcher_.start();
  return true;
}

Mailbox::Peer* Mailbox::peerFor(pid_t to) {
  auto it = peers_.find(to);
  if (it != peers_.end()) return it->second.get();
  int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return nullptr;
  sockaddr_un sun;
  socklen_t len = fillAddress(address(scope_, to), &sun);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&sun), len) != 0) {
    ::close(fd);
    return nullptr;
  }
  auto peer = std::make_unique<Peer>();
  peer->owner = this;
  peer->pid = to;
  peer->fd = fd;
  peer->writeWatcher.init(loop_, fd, EV_WRITE, &Mailbox::onWritable, peer.get());
  Peer* raw = peer.get();
  peers_.emplace(to, std::move(peer));
  return raw;
}

void Mailbox::dropPeer(pid_t to) {
  auto it = peers_.find(to);
  if (it == peers_.end()) return;
  for (const std::string& d : it->second->pending) queuedBytes_ -= d.size();
  queuedBytes_ -= it->second->batch.size();
  peers_.erase(it);
}

bool Mailbox::emit(Peer& peer, std::string datagram) {
  if (peer.pending.empty()) {
    ssize_t n = ::send(peer.fd, datagram.data(), datagram.size(), MSG_NOSIGNAL);
    if (n >= 0) return true;
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOBUFS) return false;
  }
  queuedBytes_ += datagram.size();
  peer.pending.push_back(std::move(datagram));
  peer.writeWatcher.start();
  return true;
}

bool Mailbox::emitBatch(Peer& peer) {
  if (peer.batch.empty()) return true;
  FragmentHeader header{kBatchMagic, static_cast<int32_t>(self_),
                        static_cast<uint32_t>(peer.batch.size()), peer.batchCount};
  std::string datagram(reinterpret_cast<const char*>(&header), sizeof(header));
  datagram += peer.batch;
  queuedBytes_ -= peer.batch.size();
  peer.batch.clear();
  peer.batchCount = 0;
  return emit(peer, std::move(datagram));
}

void Mailbox::flushBatches() {
  std::vector<pid_t> gone;
  for (auto& [pid, peer] : peers_)
    if (!emitBatch(*peer)) gone.push_back(pid);
  for (pid_t pid : gone) dropPeer(pid);
}

void Mailbox::onBatchTimer(void* arg) {
  static_cast<Mailbox*>(arg)->flushBatches();
}

bool Mailbox::send(pid_t to, std::string_view message) {
  if (fd_ < 0 || message.size() > UINT32_MAX) return false;
  Peer* peer = peerFor(to);
  if (!peer) return false;
  // What waits goes first (and tells whether `to` is still there).
  if (!peer->pending.empty() && !flush(*peer)) {
    dropPeer(to);
    return false;
  }
  if (queuedBytes_ + message.size() > maxQueuedBytes_ &&
      (!peer->pending.empty() || !peer->batch.empty())) {
    ++overflowed_;
    return false;
  }
  if (message.size() + 4 <= kFragmentSize) {
    if (peer->batch.size() + 4 + message.size() > kFragmentSize && !emitBatch(*peer)) {
      dropPeer(to);
      return false;
    }
    uint32_t len = static_cast<uint32_t>(message.size());
    peer->batch.append(reinterpret_cast<const char*>(&len), 4);
    peer->batch.append(message);
    peer->batchCount++;
    queuedBytes_ += 4 + message.size();
    if (!batchTimer_.active()) batchTimer_.start(0, false);
    return true;
  }
  // A big message: what is batched goes before it, then its fragments.
  if (!emitBatch(*peer)) {
    dropPeer(to);
    return false;
  }
  FragmentHeader header{kMagic, static_cast<int32_t>(self_), static_cast<uint32_t>(message.size()),
                        0};
  for (size_t offset = 0; offset < message.size();) {
    size_t chunk = std::min(kFragmentSize, message.size() - offset);
    header.offset = static_cast<uint32_t>(offset);
    std::string datagram(reinterpret_cast<const char*>(&header), sizeof(header));
    datagram.append(message.data() + offset, chunk);
    if (!emit(*peer, std::move(datagram))) {
      dropPeer(to);
      return false;
    }
    offset += chunk;
  }
  return true;
}

bool Mailbox::flush(Peer& peer) {
  while (!peer.pending.empty()) {
    const std::string& d = peer.pending.front();
    ssize_t n = ::send(peer.fd, d.data(), d.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS) return true;
      return false;
    }
    queuedBytes_ -= d.size();
    peer.pending.pop_front();
  }
  peer.writeWatcher.stop();
  return true;
}

void Mailbox::onWritable(int, short, void* arg) {
  Peer* peer = static_cast<Peer*>(arg);
  Mailbox* self = peer->owner;
  if (!self->flush(*peer)) self->dropPeer(peer->pid);
}

void Mailbox::onReadable(int, short, void* arg) {
  static_cast<Mailbox*>(arg)->receive();
}

void Mailbox::receive() {
  for (int i = 0; i < kReadsPerWakeup; ++i) {
    ssize_t n = ::recv(fd_, buffer_.get(), kDatagramSize, 0);
    if (n < 0) return;  // EAGAIN: drained
    if (static_cast<size_t>(n) < sizeof(FragmentHeader)) continue;
    FragmentHeader header;
    std::memcpy(&header, buffer_.get(), sizeof(header));
    if (header.magic == kBatchMagic) {
      deliverBatch(header.sender, buffer_.get() + sizeof(header),
                   static_cast<size_t>(n) - sizeof(header));
      continue;
    }
    if (header.magic != kMagic) continue;
    deliver(header.sender, header.total, header.offset, buffer_.get() + sizeof(header),
            static_cast<size_t>(n) - sizeof(header));
  }
}

void Mailbox::deliverBatch(pid_t from, const char* data, size_t size) {
  while (size >= 4) {
    uint32_t len;
    std::memcpy(&len, data, 4);
    if (len > size - 4) return;  // not ours: a record never crosses a datagram
    handler_(arg_, from, std::string_view(data + 4, len));
    data += 4 + len;
    size -= 4 + len;
  }
}

void Mailbox::deliver(pid_t from, uint32_t total, uint32_t offset, const char* data, size_t size) {
  if (offset == 0 && size == total) {
    handler_(arg_, from, std::string_view(data, size));
    return;
  }
  Assembly& a = assemblies_[from];
  if (offset == 0) {
    a.data.clear();
    a.data.reserve(total);
    a.expected = total;
  } else if (a.expected != total || a.data.size() != offset) {
    // Fragments of one sender arrive in order; anything else is not ours to join.
    assemblies_.erase(from);
    return;
  }
  a.data.append(data, size);
  if (a.data.size() < a.expected) return;
  std::string whole = std::move(a.data);
  assemblies_.erase(from);
  handler_(arg_, from, whole);
}

}  // namespace surge
