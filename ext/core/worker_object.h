/* The native state behind a Surge\Worker object. */
#ifndef SURGE_EXT_WORKER_OBJECT_H
#define SURGE_EXT_WORKER_OBJECT_H

#include <memory>
#include <string>
#include <vector>

#include "core/callable.h"
#include "protocols/user_protocol.h"
#include "core/common.h"
#include "core/timeout_settings.h"
#include "net/listener.h"
#include "net/socket_address.h"
#include "net/tls_config.h"
#include "net/tls_context.h"

namespace surge {
class JobConsumer;
}

namespace surge::ext {

// Frees a worker's job consumer (ext/jobs), so this header needs no more than its name.
struct JobConsumerDeleter {
  void operator()(JobConsumer* c) const;
};

// How a worker's connections turn bytes into messages.
enum class ProtocolKind { kRaw, kText, kFrame, kHttp, kWebSocket, kUser };

class UdpReceiver;

struct WorkerNative {
  std::string socketName;  // as given to the constructor ("" = no listener)
  std::string scheme;
  std::string transport;
  SocketAddress address;
  bool prepared = false;
  ProtocolKind kind = ProtocolKind::kRaw;
  UserProtocol userProtocol;  // kUser
  int listenFd = -1;          // created by the master and inherited, or -1
  // reusePort: one socket per process slot, created and kept open by the master, so that
  // the process replacing another (reload, recycling, a crash) accepts from the same
  // socket and the connections the kernel queued on it are never dropped with it.
  std::vector<int> slotListenFds;
  std::unique_ptr<Listener> listener;
  // udp:// (transport 'udp'): a datagram socket instead of a listener.
  bool datagram = false;
  std::unique_ptr<UdpReceiver> datagrams;
  // redis-stream://host:port/<queue> (ext/jobs): a job consumer instead of a listener.
  bool jobQueue = false;
  std::unique_ptr<JobConsumer, JobConsumerDeleter> jobs;
  bool acceptPausedByUser = false;
  // maxConnections: this worker's open connections in this process, and whether reaching
  // the limit paused accepting (see accept_limit.cc).
  size_t openConnections = 0;
  bool acceptPausedByLimit = false;
  bool stopped = false;
  // Recycling limits of this process (read when it starts) and what it has served.
  uint64_t recycleAfterRequests = 0;
  uint64_t recycleAboveMemory = 0;
  uint64_t served = 0;
  zval context;
  TimeoutSettings timeouts;
  // transport 'ssl': the context's ssl options and the context built from them (by the
  // master before forking, and again for each reload; worker processes inherit it).
  TlsConfig tlsConfig;
  std::shared_ptr<TlsContext> tls;

  // Bound to the worker's properties (see CallableCache): shared by every connection that
  // kept the worker's callback.
  CallableCache onWorkerStart{true}, onWorkerStop{true}, onWorkerReload{true}, onConnect{true},
      onMessage{true}, onClose{true}, onError{true}, onBufferFull{true}, onBufferDrain{true};
  CallableCache onWebSocketConnect{true}, onWebSocketConnected{true}, onWebSocketClose{true},
      onWebSocketPing{true}, onWebSocketPong{true};
};

struct WorkerObject {
  WorkerNative* native;
  zend_object std;
};

inline WorkerObject* workerFrom(zend_object* obj) {
  return reinterpret_cast<WorkerObject*>(reinterpret_cast<char*>(obj) -
                                         XtOffsetOf(WorkerObject, std));
}

// Declared property slots of Surge\Worker.
struct WorkerProps {
  uint32_t id, name, count, user, group, reloadable, reusePort, transport, protocol, connections,
      maxRequests, maxMemory, stopping;
  uint32_t maxConnections, maxPendingRequests, maxInputMemory, eventLoop;
  uint32_t onWorkerStart, onWorkerStop, onWorkerReload, onConnect, onMessage, onClose, onError,
      onBufferFull, onBufferDrain;
  uint32_t onWebSocketConnect, onWebSocketConnected, onWebSocketClose, onWebSocketPing,
      onWebSocketPong;
};
extern WorkerProps worker_props;

// The event-loop driver class of a worker ($worker->eventLoop, else
// Worker::$eventLoopClass); throws and returns nullptr for one Surge cannot run.
zend_class_entry* workerEventLoopDriver(zend_object* worker);

// Resolves the scheme, protocol class and address of a worker (runAll() before forking,
// or listen()); throws a PHP exception and returns false on a mistake.
bool prepareWorkerListen(WorkerObject* w);
// In a worker process: creates the listener (from the inherited socket, or binding its
// own with reusePort). Accepting starts only with resumeAccept().
bool openWorkerListener(WorkerObject* w);
void closeWorkerListener(WorkerObject* w);
// Calls onWorkerStop, stops accepting, closes connections unless graceful.
void stopWorker(WorkerObject* w, bool graceful);

std::string workerNameOf(zend_object* worker);
// In a worker process, after run(): reads maxRequests (with jitter) and maxMemory.
void armRecycleLimits(WorkerObject* w);
// After each message: asks the master for a fresh process once a limit is passed.
inline void countServed(WorkerObject* w) {
  WorkerNative* n = w->native;
  if (n->recycleAfterRequests | n->recycleAboveMemory) {
    void checkRecycleLimits(WorkerObject * w);
    checkRecycleLimits(w);
  }
}
std::string workerSocketNameOf(zend_object* worker);
// Master, before a reload replaces the processes of `w`: reads its certificate files again.
// False (and a log line saying why) when they fail to load: the old processes keep serving.
bool reloadWorkerTls(WorkerObject* w);

// accept_limit.cc: maxConnections. A connection of `w` opened or closed in this process;
// accepting pauses at the limit and resumes below it.
void noteConnectionOpened(WorkerObject* w);
void noteConnectionClosed(WorkerObject* w);
// Whether accepting may resume now (not paused by the application, by the limit, or by a
// stop).
bool acceptMayResume(WorkerObject* w);
// Starts or stops taking new work from the worker's socket (accepting, or receiving
// datagrams).
void resumeIntake(WorkerNative* n);
void pauseIntake(WorkerNative* n);
// In a worker process, after run(): applies maxInputMemory to the process's InputBudget.
void armProcessLimits(WorkerObject* w);

}  // namespace surge::ext

#endif
