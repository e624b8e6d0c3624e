#include "net/connection.h"

#include <sys/sendfile.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "event/event_loop.h"
#include "event/timer.h"
#include "net/connection_guard.h"
#include "net/input_budget.h"

namespace surge {

namespace {
// A fair share per wake-up: after this many full reads the connection yields to others.
constexpr int kReadRounds = 8;
// Room reserved in the input buffer when a message is incomplete: enough for the common
// case of the rest arriving in one piece, small enough for idle connections.
constexpr size_t kInputReserve = 4096;

}  // namespace

Connection::Connection(EventLoop& loop, int fd, const sockaddr* peer, socklen_t peerLength,
                       Handler* handler, void* userData)
    : loop_(loop),
      handler_(handler),
      userData_(userData),
      fd_(fd),
      deadline_(loop, &Connection::onDeadline, this) {
  std::memset(&peer_, 0, sizeof peer_);
  if (peer && peerLength > 0) {
    if (peer->sa_family == AF_INET && peerLength >= sizeof(sockaddr_in))
      std::memcpy(&peer_.v4, peer, sizeof(sockaddr_in));
    else if (peer->sa_family == AF_INET6 && peerLength >= sizeof(sockaddr_in6))
      std::memcpy(&peer_.v6, peer, sizeof(sockaddr_in6));
    else
      peer_.family = peer->sa_family;
  }
  updateInterest();
}

Connection::~Connection() {
  if (tls_) freeTlsSession(tls_);
  if (budgetSlot_ != kNoBudgetSlot) InputBudget::process().update(*this, 0);
  if (fd_ >= 0) {
    loop_.poller().update(fd_, this, interest_, 0);
    ::close(fd_);
  }
}

void Connection::updateInterest() {
  uint32_t want = 0;
  if (state_ != State::kClosed) {
    if (tlsPhase_ == TlsPhase::kHandshake) {
      want = tlsWant_;
    } else {
      if (wantsInput() && state_ != State::kClosing) want |= Poller::kRead;
      if (!output_.empty()) want |= Poller::kWrite;
      // TLS: a write that waits for the peer's bytes is retried when they come.
      if (tlsWriteWantsRead_) want = (want & ~Poller::kWrite) | Poller::kRead;
    }
  }
  if (want == interest_) return;
  loop_.poller().update(fd_, this, interest_, want);
  interest_ = want;
}

void Connection::onPollEvents(uint32_t events) {
  // The poller holds a reference for the whole batch.
  if (state_ == State::kClosed) return;
  // An error or hang-up is noticed by the read (or write) that follows.
  if (events & (EPOLLERR | EPOLLHUP)) events |= interest_;
  if (tls_) {
    if (tlsPhase_ == TlsPhase::kHandshake) {
      continueHandshake();
      return;
    }
    if (tlsWriteWantsRead_ && (events & Poller::kRead)) {
      tlsWriteWantsRead_ = false;
      events |= Poller::kWrite;
    }
  }
  if (events & Poller::kWrite) handleWritable();
  if ((events & Poller::kRead) && state_ != State::kClosed && wantsInput()) handleReadable();
}

void Connection::onPollFailure() {
  // What was being delivered or sent is lost: this connection closes, the others go on.
  delivering_ = 0;
  corked_ = false;
  destroy();
}

void Connection::handleReadable() {
  for (int round = 0; round < kReadRounds; ++round) {
    iovec iov[2];
    int count = 0;
    size_t inBuffer = 0;
    if (!input_.empty() || buffered_) {
      input_.prepareWrite(kInputReserve);
      inBuffer = input_.writableSize();
      iov[count++] = {input_.writePointer(), inBuffer};
    }
    iov[count++] = {loop_.scratch(), EventLoop::kScratchSize};
    size_t offered = inBuffer + EventLoop::kScratchSize;

    // One buffer (the usual case: nothing left over from the last read) goes through
    // recv(), which takes a shorter way through the kernel than readv().
    ssize_t n = tls_         ? tlsRead(iov, count)
                : count == 1 ? ::recv(fd_, iov[0].iov_base, iov[0].iov_len, 0)
                             : ::readv(fd_, iov, count);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        inputDrained_ = true;
        return;
      }
      destroy();
      return;
    }
    if (n == 0) {
      destroy();
      return;
    }
    size_t got = static_cast<size_t>(n);
    bytesRead_ += got;
    IoTotals::addReceived(got);
    writtenAtLastRead_ = bytesWritten_;
    // TLS: OpenSSL's reads are its own; it says whether the last one found the socket empty.
    inputDrained_ = tls_ ? tlsDrained_ : got < offered;
    if (quietMs_ != 0) {
      quietPeriods_ = 0;
      deadline_.set(quietMs_);
    }
    if (state_ == State::kEnding) {
      input_.clear();
      continue;
    }
    if (inBuffer == 0) {
      deliver(std::string_view(loop_.scratch(), got), true);
    } else {
      size_t first = got < inBuffer ? got : inBuffer;
      input_.commit(first);
      if (got > first) input_.append(loop_.scratch(), got - first);
      deliver(input_.view(), false);
    }
    accountInput();
    if (state_ == State::kClosed || !wantsInput()) return;
    // A read that did not fill what was offered drained the socket; skip the read that
    // would only say EAGAIN (TLS: unless the end of the stream came after the bytes).
    if (got < offered && tlsEnd_ == TlsEnd::kNone) return;
  }
  if (tls_) readTlsBufferedLater();
}

void Connection::deliver(std::string_view data, bool fromSpill) {
  ++delivering_;
  size_t used = handler_->onData(*this, data);
  --delivering_;
  // Closed or ended by the handler: what is left is discarded, now that nothing looks
  // at it any more (destroy() and end() leave the buffer alone during a delivery).
  if (state_ == State::kClosed || state_ == State::kEnding) {
    if (delivering_ == 0) releaseInput();
    return;
  }
  if (fromSpill) {
    if (used < data.size()) input_.append(data.substr(used));
  } else {
    input_.consume(used);
  }
  if (input_.empty() && input_.capacity() > 0) releaseInput();
}

void Connection::releaseInput() {
  size_t freed = input_.capacity();
  input_.release();
  if (freed) InputBudget::process().noteFreed(loop_, freed);
}

void Connection::onDeferredInput(void* self) {
  auto* c = static_cast<Connection*>(self);
  c->deferredPending_ = false;
  if (c->state_ == State::kOpen && c->wantsInput() && !c->input_.empty()) {
    c->deliver(c->input_.view(), false);
    c->accountInput();
  }
  c->release();
}

void Connection::setExtraInput(size_t bytes) {
  if (bytes < extraInput_) InputBudget::process().noteFreed(loop_, extraInput_ - bytes);
  extraInput_ = bytes;
  if (delivering_ == 0) accountInput();
}

void Connection::accountInput() {
  size_t now = state_ == State::kClosed ? 0 : input_.capacity() + extraInput_;
  if (now == budgeted_) return;
  InputBudget& budget = InputBudget::process();
  budget.update(*this, now);
  while (budget.over()) {
    Connection* largest = budget.largest();
    if (largest == nullptr) break;
    largest->refuseInput();
  }
}

void Connection::refuseInput() {
  ConnectionGuard guard(this);
  releaseInput();
  extraInput_ = 0;
  InputBudget::process().update(*this, 0);
  handler_->onInputRefused(*this);
}

void Connection::handleWritable() {
  if (output_.empty()) {
    updateInterest();
    return;
  }
  if (!flushQueued()) return;
  if (output_.bytes() < maxSendBuffer_) fullReported_ = false;
  if (!output_.empty()) return;
  updateInterest();
  handler_->onDrain(*this);
  finishIfFlushed();
}

ssize_t Connection::writeQueued() {
  return tls_ ? flushTls() : output_.flushTo(fd_);
}

bool Connection::flushQueued() {
  ssize_t n = writeQueued();
  if (n < 0) {
    destroy();
    return false;
  }
  countWritten(static_cast<uint64_t>(n));
  return true;
}

void Connection::finishIfFlushed() {
  if (!output_.empty()) return;
  if (state_ == State::kClosing)
    destroy();
  else if (state_ == State::kEnding)
    finishEnding();
}

void Connection::reportIfFull() {
  if (output_.bytes() < maxSendBuffer_) {
    fullReported_ = false;
    return;
  }
  if (fullReported_) return;
  fullReported_ = true;
  handler_->onBufferFull(*this);
}

Connection::SendResult Connection::send(const SendPiece* pieces, int count, Overflow overflow) {
  if (tls_) return sendTls(pieces, count, overflow);
  if (state_ != State::kOpen) return SendResult::kClosed;
  if (!output_.empty() || corked_) {
    // A batch gathered under the cork that reached the high-water mark goes to the socket
    // now: gathering answers must not turn into "buffer full" while the kernel has room.
    if (corked_ && output_.bytes() >= maxSendBuffer_ && !(interest_ & Poller::kWrite)) {
      ssize_t n = writeQueued();
      if (n < 0) return SendResult::kPeerGone;
      countWritten(static_cast<uint64_t>(n));
      if (!output_.empty()) updateInterest();
    }
    if (output_.bytes() >= maxSendBuffer_ && overflow == Overflow::kDrop)
      return SendResult::kBufferFull;
    for (int i = 0; i < count; ++i) output_.push(pieces[i]);
    // Corked bytes leave when the batch ends, unless earlier bytes were already waiting
    // for the socket (then onDrain will follow, as for any queued send).
    if (corked_ && !(interest_ & Poller::kWrite)) return SendResult::kWritten;
    reportIfFull();
    return SendResult::kQueued;
  }
  constexpr int kMaxPieces = 8;
  iovec iov[kMaxPieces];
  size_t total = 0;
  int n = count < kMaxPieces ? count : kMaxPieces;
  for (int i = 0; i < n; ++i) {
    iov[i] = {const_cast<char*>(pieces[i].data), pieces[i].length};
    total += pieces[i].length;
  }
  ssize_t written;
  do {
    // A single piece (most answers) goes through send(), shorter in the kernel than writev().
    if (total == 0)
      written = 0;
    else if (n == 1)
      written = ::send(fd_, iov[0].iov_base, iov[0].iov_len, MSG_NOSIGNAL);
    else
      written = ::writev(fd_, iov, n);
  } while (written < 0 && errno == EINTR);
  if (written < 0) {
    if (errno != EAGAIN && errno != EWOULDBLOCK) return SendResult::kPeerGone;
    written = 0;
  }
  countWritten(static_cast<uint64_t>(written));
  if (static_cast<size_t>(written) == total && n == count) return SendResult::kWritten;
  size_t skip = static_cast<size_t>(written);
  for (int i = 0; i < count; ++i) {
    if (skip >= pieces[i].length) {
      skip -= pieces[i].length;
      continue;
    }
    output_.push(pieces[i], skip);
    skip = 0;
  }
  updateInterest();
  reportIfFull();
  return SendResult::kQueued;
}

Connection::SendResult Connection::sendFile(int fd, off_t offset, size_t length) {
  if (state_ != State::kOpen) {
    ::close(fd);
    return SendResult::kClosed;
  }
  if (length == 0) {
    ::close(fd);
    return SendResult::kWritten;
  }
  if (tls_) {
    // Encrypted in bounded pieces by the flush from the loop (the socket is writable, so
    // it runs at once).
    output_.pushFile(fd, offset, length);
    if (corked_ && !(interest_ & Poller::kWrite)) return SendResult::kWritten;
    updateInterest();
    return SendResult::kQueued;
  }
  if (!output_.empty() || corked_) {
    output_.pushFile(fd, offset, length);
    if (corked_) return (interest_ & Poller::kWrite) ? SendResult::kQueued : SendResult::kWritten;
    return SendResult::kQueued;
  }
  // Nothing waits: start at once, as send() does, so a small file leaves with no wake-up.
  constexpr size_t kMaxSendfile = size_t{1} << 30;
  size_t sent = 0;
  while (sent < length) {
    size_t offered = length - sent < kMaxSendfile ? length - sent : kMaxSendfile;
    off_t from = offset + static_cast<off_t>(sent);
    ssize_t n = ::sendfile(fd_, fd, &from, offered);
    if (n < 0 && errno == EINTR) continue;
    // A full socket waits for the write watcher; a failure or a short file is left to
    // the flush from the loop, which meets it again and destroys the connection there
    // rather than under the caller.
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
    countWritten(static_cast<uint64_t>(n));
    if (static_cast<size_t>(n) < offered) break;
  }
  if (sent == length) {
    ::close(fd);
    return SendResult::kWritten;
  }
  output_.pushFile(fd, offset + static_cast<off_t>(sent), length - sent);
  updateInterest();
  return SendResult::kQueued;
}

void Connection::uncork() {
  if (!corked_) return;
  corked_ = false;
  if (state_ == State::kClosed) return;
  // With the write watcher armed, bytes were already waiting (or a pause while corked
  // armed it): it flushes them in order.
  if (!output_.empty() && !(interest_ & Poller::kWrite)) {
    if (!flushQueued()) return;
    if (!output_.empty()) updateInterest();
  }
  if (!output_.empty()) {
    reportIfFull();
    return;
  }
  finishIfFlushed();
}

void Connection::close() {
  if (state_ == State::kClosed || state_ == State::kClosing) return;
  if (output_.empty() && !corked_) {
    destroy();
    return;
  }
  state_ = State::kClosing;
  updateInterest();
}

void Connection::end(double lingerSeconds) {
  if (state_ != State::kOpen) return;
  state_ = State::kEnding;
  // Input is discarded from here on: it no longer counts against the process's budget,
  // and a back-pressure hold has nothing left to protect (reading notices the peer's FIN).
  extraInput_ = 0;
  if (held_) {
    held_ = false;
    updateInterest();
  }
  if (delivering_ == 0) {
    releaseInput();
    accountInput();
  }
  if (!linger_) linger_ = std::make_unique<Timer>(loop_, &Connection::onLingerOver, this);
  lingerSecondsHint_ = lingerSeconds;
  if (output_.empty() && !corked_) finishEnding();
}

void Connection::closeAfterReply(double lingerSeconds) {
  if (inputDrained_)
    close();
  else
    end(lingerSeconds);
}

void Connection::finishEnding() {
  if (tls_) tlsGoodbye();
  ::shutdown(fd_, SHUT_WR);
  if (lingerSecondsHint_ <= 0) {
    destroy();
    return;
  }
  linger_->start(lingerSecondsHint_, false);
}

void Connection::onLingerOver(void* self) {
  auto* c = static_cast<Connection*>(self);
  ConnectionGuard guard(c);
  c->destroy();
}

void Connection::setTimeout(uint32_t ms, TimeoutMode mode) {
  handshakeDeadline_ = false;
  if (ms == 0 || state_ == State::kClosed) {
    clearTimeout();
    return;
  }
  quietMs_ = mode == TimeoutMode::kQuiet ? ms : 0;
  quietPeriods_ = 0;
  timeoutMs_ = ms;
  writtenAtTimeout_ = bytesWritten_;
  deadline_.set(ms);
}

void Connection::onDeadline(void* self) {
  auto* c = static_cast<Connection*>(self);
  if (c->state_ == State::kClosed) return;
  if (c->tlsPhase_ == TlsPhase::kHandshake) {
    ConnectionGuard guard(c);
    c->tlsFail("the TLS handshake did not complete in time");
    c->destroy();
    return;
  }
  if (c->state_ != State::kOpen && !c->output_.empty() &&
      c->bytesWritten_ != c->writtenAtTimeout_) {
    c->writtenAtTimeout_ = c->bytesWritten_;
    c->deadline_.set(c->timeoutMs_);
    return;
  }
  if (c->quietMs_ != 0 && (!c->reading_ || c->held_)) {
    // Reading is paused or held for back-pressure: the silence is ours, not the peer's.
    c->quietPeriods_ = 0;
    c->deadline_.set(c->quietMs_);
    return;
  }
  ConnectionGuard guard(c);
  uint32_t periods = 0;
  if (c->quietMs_ != 0) {
    periods = ++c->quietPeriods_;
    c->deadline_.set(c->quietMs_);
  }
  c->handler_->onTimeout(*c, periods);
}

void Connection::destroy() {
  if (state_ == State::kClosed) return;
  ConnectionGuard guard(this);
  // Sends made under the cork were reported as written: hand them to the kernel before
  // closing (what the socket takes now, never waiting; the rest is dropped).
  if (corked_ && !output_.empty()) {
    ssize_t n = writeQueued();
    if (n > 0) countWritten(static_cast<uint64_t>(n));
  }
  if (tls_) tlsGoodbye();
  state_ = State::kClosed;
  // close() below takes the socket out of the epoll set by itself when nothing else holds
  // it (events already fetched for it find the state closed and a reference held).
  if (Poller::closeRemovesRegistration())
    interest_ = 0;
  else
    updateInterest();
  if (linger_) linger_->stop();
  deadline_.stop();
  quietMs_ = 0;
  ::close(fd_);
  fd_ = -1;
  output_.clear();
  if (delivering_ == 0) releaseInput();
  extraInput_ = 0;
  accountInput();
  handler_->onClose(*this);
}

void Connection::drainInput() {
  if (state_ != State::kOpen || !wantsInput() || delivering_ || tlsPhase_ == TlsPhase::kHandshake)
    return;
  ConnectionGuard guard(this);
  handleReadable();
}

void Connection::pauseReading() {
  reading_ = false;
  inputDrained_ = false;  // bytes may arrive unread from now on
  updateInterest();
}

void Connection::resumeReading() {
  if (reading_) return;
  reading_ = true;
  updateInterest();
  deliverBufferedLater();
  if (tls_) readTlsBufferedLater();
}

void Connection::holdReading() {
  held_ = true;
  inputDrained_ = false;  // bytes may arrive unread from now on
  updateInterest();
}

void Connection::releaseReading() {
  if (!held_) return;
  held_ = false;
  updateInterest();
  deliverBufferedLater();
  if (tls_) readTlsBufferedLater();
}

void Connection::deliverBufferedLater() {
  if (wantsInput() && !input_.empty() && !deferredPending_ && state_ == State::kOpen) {
    deferredPending_ = true;
    retain();
    loop_.defer(&Connection::onDeferredInput, this);
  }
}

SocketAddress Connection::peerAddress() const {
  if (peer_.family == AF_INET)
    return SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr*>(&peer_.v4),
                                       sizeof peer_.v4);
  if (peer_.family == AF_INET6)
    return SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr*>(&peer_.v6),
                                       sizeof peer_.v6);
  return {};
}

SocketAddress Connection::localAddress() const {
  if (fd_ < 0) return {};
  sockaddr_storage local;
  socklen_t length = sizeof local;
  if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&local), &length) != 0) return {};
  return SocketAddress::fromSockaddr(reinterpret_cast<sockaddr*>(&local), length);
}

}  // namespace surge
