/* What send() writes for a value on a Text, Frame, user-protocol or raw connection,
 * shared by accepted connections (tcp_connection.cc) and outgoing ones
 * (async_tcp_connection.cc). HTTP and WebSocket encode in their own files. */
#ifndef SURGE_EXT_SEND_ENCODING_H
#define SURGE_EXT_SEND_ENCODING_H

#include "core/connection_object.h"
#include "protocol/frame/frame_codec.h"
#include "core/worker_object.h"

namespace surge::ext {

// The payload string and up to two pieces that refer to it (and to `header`). The caller
// sends the pieces and then releases `payload`.
struct EncodedSend {
  zend_string* payload = nullptr;
  char header[protocol::FrameCodec::kHeaderSize];
  SendPiece pieces[2];
  int count = 0;
};

enum class EncodeOutcome {
  kSend,     // out is filled
  kNothing,  // the user protocol's encode() returned '': send() returns null
  kFailed,   // an exception is pending (encode() threw, or a frame above 4 GiB)
};

// `user` is used for ProtocolKind::kUser; any other kind but kText and kFrame is raw.
EncodeOutcome encodeForSend(ConnectionObject* c, ProtocolKind kind, const UserProtocol& user,
                            zval* data, EncodedSend* out);

}  // namespace surge::ext

#endif
