/* One message to many connections of this process, each in its protocol's encoding, with
 * WebSocket frames encoded once per message (Worker::broadcast(), Websocket::broadcast(),
 * and the messages Worker::sendToUid() & co. deliver). */
#ifndef SURGE_EXT_WEBSOCKET_BROADCAST_H
#define SURGE_EXT_WEBSOCKET_BROADCAST_H

#include "core/common.h"

namespace surge::ext {

struct ConnectionObject;

// Holds nothing with a destructor: a send may reach a connection's high-water mark and
// run its onBufferFull (PHP) while the walk is under way, and a fatal error there unwinds
// past this frame with longjmp. Frames and the failure lists are request memory, which
// the request's end frees even then; finish() frees them on the way out.
struct Broadcast {
  zend_string* message;
  zend_string* frames[2];        // text, binary
  zend_string* deflated[2][16];  // text, binary; by window bits
  HashTable* full;               // connections that missed the message (buffer full)
  HashTable* gone;               // connections whose peer is gone
  zend_long sent;
  // Connections of other protocols get the message through their own send() (text adds
  // its newline, frame its length, a user protocol its encode()); else they are skipped.
  bool anyProtocol;

  explicit Broadcast(zend_string* m, bool any = false)
      : message(m), frames{}, deflated{}, full(nullptr), gone(nullptr), sent(0), anyProtocol(any) {}

  // Sends to one connection; what the failures call waits for finish().
  void to(zval* entry);
  // Runs what the sends caused, once no list is being walked any more: onBufferFull for
  // the connections that missed the message, and the close of those whose peer is gone.
  // Returns how many connections got the message.
  zend_long finish();

 private:
  zend_string* frameFor(ConnectionObject* c, uint8_t opcode);
  static void remember(HashTable** list, ConnectionObject* c);
  void releaseFrames();
};
}  // namespace surge::ext

#endif
