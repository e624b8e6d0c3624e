#include "ipc/mailbox.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include <event2/event.h>

namespace surge {

namespace {
socklen_t addressOf(const std::string& scope, pid_t pid, sockaddr_un* a) {
  std::string name = std::string("surge/") + scope + "/" + std::to_string(pid);
  std::memset(a, 0, sizeof *a);
  a->sun_family = AF_UNIX;
  std::memcpy(a->sun_path + 1, name.data(), name.size());
  return static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + name.size());
}
}  // namespace

Mailbox::Mailbox(EventLoop& loop, Handler handler, void* arg)
    : loop_(loop), handler_(handler), arg_(arg), retry_(loop, &Mailbox::onRetry, this) {}

Mailbox::~Mailbox() {
  watcher_.stop();
  if (fd_ >= 0) ::close(fd_);
}

bool Mailbox::open(const std::string& scope, std::string* error) {
  scope_ = scope;
  fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) {
    *error = strerror(errno);
    return false;
  }
  int size = 4 << 20;
  setsockopt(fd_, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
  setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  sockaddr_un a;
  socklen_t len = addressOf(scope, getpid(), &a);
  if (bind(fd_, reinterpret_cast<sockaddr*>(&a), len) != 0) {
    *error = strerror(errno);
    return false;
  }
  watcher_.init(loop_, fd_, EV_READ, &Mailbox::onReadable, this);
  watcher_.start();
  return true;
}

int Mailbox::trySend(pid_t to, std::string_view message) {
  sockaddr_un a;
  socklen_t len = addressOf(scope_, to, &a);
  std::string wire(4 + message.size(), '\0');
  pid_t self = getpid();
  std::memcpy(wire.data(), &self, 4);
  std::memcpy(wire.data() + 4, message.data(), message.size());
  if (sendto(fd_, wire.data(), wire.size(), 0, reinterpret_cast<sockaddr*>(&a), len) >= 0) return 1;
  if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS) return 0;
  return -1;
}

bool Mailbox::send(pid_t to, std::string_view message) {
  auto it = waiting_.find(to);
  if (it == waiting_.end() || it->second.empty()) {
    int r = trySend(to, message);
    if (r == 1) return true;
    if (r < 0) return false;
  }
  waiting_[to].emplace_back(message);
  queued_ += message.size();
  if (!retry_.active()) retry_.start(0.001, true);
  return true;
}

void Mailbox::onRetry(void* self) {
  auto* m = static_cast<Mailbox*>(self);
  for (auto it = m->waiting_.begin(); it != m->waiting_.end();) {
    auto& q = it->second;
    while (!q.empty()) {
      int r = m->trySend(it->first, q.front());
      if (r == 0) break;
      m->queued_ -= q.front().size();
      q.pop_front();
    }
    it = q.empty() ? m->waiting_.erase(it) : std::next(it);
  }
  if (m->waiting_.empty()) m->retry_.stop();
}

void Mailbox::onReadable(int fd, short, void* self) {
  auto* m = static_cast<Mailbox*>(self);
  static std::vector<char> buf(8 << 20);
  for (int i = 0; i < 64; ++i) {
    ssize_t n = recv(fd, buf.data(), buf.size(), 0);
    if (n < 4) return;
    pid_t from;
    std::memcpy(&from, buf.data(), 4);
    m->handler_(m->arg_, from, std::string_view(buf.data() + 4, static_cast<size_t>(n) - 4));
    if (m->fd_ < 0) return;
  }
}

}  // namespace surge
