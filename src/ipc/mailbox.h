// src/ipc owns messaging between the processes of one server on one machine.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "event/io_watcher.h"

namespace surge {

class EventLoop;

// A process's inbox for whole messages from other processes of the same server: an
// abstract-namespace Unix datagram socket "\0surge/<scope>/<pid>". Nothing goes through
// the master, and a process that exits takes its inbox with it (the kernel removes an
// abstract name with its socket), so a send to a process that is gone fails at once.
//
// A datagram socket keeps message boundaries and never loses or reorders what one sender
// sent, so a message bigger than one datagram is cut into fragments that the receiver
// joins by sender. Each destination gets its own connected socket: when the destination's
// inbox is full, the kernel reports that socket writable once it drained, so the rest
// waits in a queue of its own, in order, without holding up other destinations.
class Mailbox {
 public:
  // A whole message from process `from`. The handler must not destroy the mailbox.
  using Handler = void (*)(void* arg, pid_t from, std::string_view message);

  Mailbox(EventLoop& loop, Handler handler, void* arg);
  ~Mailbox();
  Mailbox(const Mailbox&) = delete;
  Mailbox& operator=(const Mailbox&) = delete;

  // Binds this process's inbox; `scope` names the server (its master's pid), so two
  // servers on one machine never mix. `self` is the id others address this process by
  // (0: its pid; tests give made-up ones to run several inboxes in one process). False
  // with `error` set when the name is taken.
  bool open(const std::string& scope, std::string* error, pid_t self = 0);
  pid_t self() const { return self_; }
  bool isOpen() const { return fd_ >= 0; }

  // Sends `message` to process `to` of the same scope. False when `to` has no inbox (it
  // is gone) or its queue already holds maxQueuedBytes(); otherwise the message was handed
  // to the kernel or waits, in order, until `to` drains its inbox.
  bool send(pid_t to, std::string_view message);

  // Bytes waiting for busy destinations, and messages refused by a full queue.
  size_t queuedBytes() const { return queuedBytes_; }
  uint64_t overflowed() const { return overflowed_; }
  void setMaxQueuedBytes(size_t bytes) { maxQueuedBytes_ = bytes; }
  size_t maxQueuedBytes() const { return maxQueuedBytes_; }

  // The payload of one datagram; bigger messages are fragmented.
  static constexpr size_t kFragmentSize = 60 * 1024;
  static std::string address(const std::string& scope, pid_t pid);

 private:
  struct Peer;
  struct Assembly {
    std::string data;
    uint32_t expected = 0;
  };

  static void onReadable(int fd, short what, void* arg);
  static void onWritable(int fd, short what, void* arg);
  Peer* peerFor(pid_t to);
  void dropPeer(pid_t to);
  // Writes what waits for `peer`; false when the peer is gone.
  bool flush(Peer& peer);
  void receive();
  void deliver(pid_t from, uint32_t total, uint32_t offset, const char* data, size_t size);

  EventLoop& loop_;
  Handler handler_;
  void* arg_;
  int fd_ = -1;
  pid_t self_ = 0;
  std::string scope_;
  IoWatcher readWatcher_;
  std::unordered_map<pid_t, std::unique_ptr<Peer>> peers_;
  std::unordered_map<pid_t, Assembly> assemblies_;
  std::unique_ptr<char[]> buffer_;
  size_t queuedBytes_ = 0;
  size_t maxQueuedBytes_ = 64 * 1024 * 1024;
  uint64_t overflowed_ = 0;
};

}  // namespace surge
