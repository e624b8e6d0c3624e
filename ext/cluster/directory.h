/* Send to anyone: every accepted connection of a non-HTTP worker has a client id that
 * names its node, process and connection ("node:pid:id"), may be bound to a uid and join
 * groups, and can be reached from any process of the server (and, with Worker::$cluster,
 * of every node). This header is what the rest of the binding calls; the PHP methods are
 * in connection_directory_methods.cc and worker_directory_methods.cc, the other nodes in
 * cluster_bus.cc. */
#ifndef SURGE_EXT_CLUSTER_DIRECTORY_H
#define SURGE_EXT_CLUSTER_DIRECTORY_H

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/common.h"
#include "ipc/envelope.h"
#include "ipc/local_directory.h"
#include "ipc/presence_index.h"

namespace surge {
class EventLoop;
}

namespace surge::ext {

struct ConnectionObject;
struct WorkerObject;

namespace directory {

// Master, before forking: creates the shared index (Worker::$directoryCapacity entries).
// Logs and goes on without it when it cannot be mapped.
void createForServer();
// Master: a child exited; its connections, uids and groups go with it.
void processExited(pid_t pid);
// Worker process, once its loop exists: opens its inbox.
void startInProcess(EventLoop& loop);

// Accepted connections: listed when opened (unless HTTP), and their bindings dropped when
// closed.
void connectionOpened(ConnectionObject* c, WorkerObject* w);
void connectionClosed(ConnectionObject* c);

// Whether send-to-anyone works here (a worker process of a running server).
bool available();
// Throws (naming `api`) and returns false where it does not.
bool require(const char* api);

PresenceIndex& index();
LocalDirectory& local();
const std::string& node();
pid_t self();

struct ClientId {
  std::string node;
  pid_t pid = 0;
  uint64_t connection = 0;
};
std::string clientIdOf(pid_t pid, uint64_t connection);
std::string clientIdOf(ConnectionObject* c);
bool parseClientId(std::string_view text, ClientId* out);

// Hands `e` to process `pid` of this node (delivered here at once when it is this
// process). False when that process is gone.
bool sendToProcess(pid_t pid, const Envelope& e);
// Delivers `e` to this process's own connections.
void deliver(const Envelope& e);

// A uid or group name from PHP (int or string, 1 to PresenceIndex::kMaxName bytes); throws
// (naming argument `arg`) and returns false for any other.
bool nameArgument(zval* value, uint32_t arg, std::string* out);

// The accepted connection `c` may be bound and reached (an open connection of a non-HTTP
// worker); throws naming `api` when not.
bool requireListed(ConnectionObject* c, const char* api);

}  // namespace directory
}  // namespace surge::ext

#endif
