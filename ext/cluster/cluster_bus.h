/* Worker::$cluster: the same send-to-anyone across nodes (machines, or servers on other
 * ports), through Redis. Each worker process subscribes to its node's channel and to
 * one for everyone; a message for another node is published there, and each process of
 * the receiving node delivers it to its own connections. Presence (uids and groups)
 * lives in Redis next to a heartbeat per process, so what a dead node or process held
 * stops counting within a few seconds. Pub/sub is at-most-once: what could not be
 * published while Redis was away is counted and logged, never retried. */
#ifndef SURGE_EXT_CLUSTER_CLUSTER_BUS_H
#define SURGE_EXT_CLUSTER_CLUSTER_BUS_H

#include <cstdint>
#include <string>
#include <string_view>

#include "core/common.h"
#include "ipc/envelope.h"
#include "ipc/presence_index.h"

namespace surge {
class EventLoop;
}

namespace surge::ext::cluster {

// Master: Worker::$cluster checked before forking (throws and returns false on a
// mistake). Empty node name when there is no cluster.
bool validate();
std::string configuredNode();
bool enabled();
// Worker process: connects to Redis and subscribes.
void startInProcess(EventLoop& loop);
void stopInProcess();
// Publishes `e` to the processes of node `node` (every other node: empty). False when
// Redis is not reachable now (counted and logged).
bool publish(const std::string& node, const Envelope& e);
// A connection of this process was listed or went (clients), bound or unbound a uid,
// joined or left a group.
void bindingChanged(PresenceIndex::Kind kind, const std::string& name, uint64_t connection,
                    bool added);

// A question about the whole cluster, answered to a PHP callback once Redis answered
// (with this node's answer when Redis cannot be reached).
struct Question {
  enum Kind {
    kIsOnline,
    kIsUidOnline,
    kClientIdsByUid,
    kClientIdsByGroup,
    kClientCountByGroup,
    kAllClientCount
  } kind;
  std::string subject;  // the client id, uid or group
};
void ask(const Question& q, zval* callback, zval* localAnswer);

// Messages for other nodes that could not be published (Redis unreachable).
uint64_t undelivered();

}  // namespace surge::ext::cluster

#endif
