#include "ipc/mailbox.h"

#include <errno.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <event2/event.h>

#include <cstring>

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
constexpr uint32_t kMagic = 0x53524731;  // "SRG1"
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
  ~Peer() {
    writeWatcher.stop();
    if (fd >= 0) ::close(fd);
  }
};

Mailbox::Mailbox(EventLoop& loop, Handler handler, void* arg)
    : loop_(loop), handler_(handler), arg_(arg), buffer_(new char[kDatagramSize]) {}

Mailbox::~Mailbox() {
  readWatcher_.stop();
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
  peers_.erase(it);
}

bool Mailbox::send(pid_t to, std::string_view message) {
  if (fd_ < 0 || message.size() > UINT32_MAX) return false;
  Peer* peer = peerFor(to);
  if (!peer) return false;
  // What waits goes first (and tells whether `to` is still there); a message that starts
  // behind others waits behind them, whole.
  if (!peer->pending.empty() && !flush(*peer)) {
    dropPeer(to);
    return false;
  }
  bool queueAll = !peer->pending.empty();
  if (queueAll && queuedBytes_ + message.size() > maxQueuedBytes_) {
    ++overflowed_;
    return false;
  }
  FragmentHeader header{kMagic, static_cast<int32_t>(self_), static_cast<uint32_t>(message.size()),
                        0};
  size_t offset = 0;
  do {
    size_t chunk = std::min(kFragmentSize, message.size() - offset);
    header.offset = static_cast<uint32_t>(offset);
    if (!queueAll) {
      iovec iov[2] = {{&header, sizeof(header)},
                      {const_cast<char*>(message.data() + offset), chunk}};
      msghdr msg{};
      msg.msg_iov = iov;
      msg.msg_iovlen = 2;
      ssize_t n = ::sendmsg(peer->fd, &msg, MSG_NOSIGNAL);
      if (n >= 0) {
        offset += chunk;
        continue;
      }
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOBUFS) {
        // The destination closed its inbox: it is gone, and so is what waited for it.
        dropPeer(to);
        return false;
      }
      queueAll = true;
    }
    std::string datagram(reinterpret_cast<const char*>(&header), sizeof(header));
    datagram.append(message.data() + offset, chunk);
    queuedBytes_ += datagram.size();
    peer->pending.push_back(std::move(datagram));
    offset += chunk;
  } while (offset < message.size());
  if (!peer->pending.empty()) peer->writeWatcher.start();
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
    if (header.magic != kMagic) continue;
    deliver(header.sender, header.total, header.offset, buffer_.get() + sizeof(header),
            static_cast<size_t>(n) - sizeof(header));
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
