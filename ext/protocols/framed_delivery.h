/* Delivery of native Text and Frame messages, shared by accepted connections
 * (tcp_connection.cc) and outgoing ones (async_tcp_connection.cc). */
#ifndef SURGE_EXT_FRAMED_DELIVERY_H
#define SURGE_EXT_FRAMED_DELIVERY_H

#include <string_view>
#include <type_traits>

#include "core/connection_object.h"
#include "net/connection.h"
#include "protocol/codec.h"
#include "protocol/text/text_codec.h"

namespace surge::ext {

// Frames the messages at the front of `data` with Codec and hands each payload to
// `deliver(zval*)`; malformed input goes to `reject(why)` and ends the walk. Returns the
// bytes used. Text keeps how far it searched for "\n" in c->state.hint, so a long line is not
// searched again from its start. Answers to pipelined messages leave in one write.
template <typename Codec, typename Deliver, typename Reject>
size_t deliverFramed(ConnectionObject* c, std::string_view data, Deliver&& deliver,
                     Reject&& reject) {
  constexpr bool kText = std::is_same_v<Codec, protocol::TextCodec>;
  size_t pos = 0;
  size_t max = static_cast<size_t>(slotLong(&c->std, connection_props.maxPackageSize, 10485760));
  bool corked = false;
  while (pos < data.size() && canDeliverTo(c)) {
    protocol::FrameResult r;
    if constexpr (kText)
      r = protocol::TextCodec::frame(data.substr(pos), max, &c->state.hint);
    else
      r = Codec::frame(data.substr(pos), max);
    if (r.status == protocol::FrameStatus::kNeedMore) break;
    if (r.status == protocol::FrameStatus::kError) {
      reject(r.error);
      return data.size();
    }
    std::string_view payload = Codec::payload(data.substr(pos, r.length));
    pos += r.length;
    // More bytes behind this message (pipelining): gather the answers and write them
    // with one syscall once the batch is done.
    if (!corked && pos < data.size()) {
      c->conn->cork();
      corked = true;
    }
    zval message;
    ZVAL_STRINGL_FAST(&message, payload.data(), payload.size());
    deliver(&message);
    zval_ptr_dtor(&message);
  }
  if (corked && c->conn) c->conn->uncork();
  return pos;
}

}  // namespace surge::ext

#endif
