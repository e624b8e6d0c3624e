/* What send() writes for a value on a Text, Frame, user-protocol or raw connection. */
#include "protocols/send_encoding.h"

#include "protocol/text/text_codec.h"

namespace surge::ext {

namespace {
void retainZendString(void* s) {
  zend_string_addref(static_cast<zend_string*>(s));
}
void releaseZendString(void* s) {
  zend_string_release(static_cast<zend_string*>(s));
}
}  // namespace

SendPiece pieceOf(zend_string* s) {
  return SendPiece{ZSTR_VAL(s), ZSTR_LEN(s), s, retainZendString, releaseZendString};
}

EncodeOutcome encodeForSend(ConnectionObject* c, ProtocolKind kind, const UserProtocol& user,
                            zval* data, EncodedSend* out) {
  zend_string* payload;
  if (kind == ProtocolKind::kUser) {
    zval args[2], encoded;
    ZVAL_COPY_VALUE(&args[0], data);
    ZVAL_OBJ(&args[1], &c->std);
    ZVAL_UNDEF(&encoded);
    zend_call_known_function(user.encode, nullptr, user.cls, &encoded, 2, args, nullptr);
    if (EG(exception)) {
      zval_ptr_dtor(&encoded);
      return EncodeOutcome::kFailed;
    }
    payload = zval_try_get_string(&encoded);
    zval_ptr_dtor(&encoded);
    if (payload == nullptr) return EncodeOutcome::kFailed;
    if (ZSTR_LEN(payload) == 0) {
      zend_string_release(payload);
      return EncodeOutcome::kNothing;
    }
    kind = ProtocolKind::kRaw;  // encode() made the wire bytes
  } else {
    payload = zval_try_get_string(data);
    if (payload == nullptr) return EncodeOutcome::kFailed;
  }
  out->payload = payload;
  out->count = 0;
  switch (kind) {
    case ProtocolKind::kText:
      out->pieces[out->count++] = pieceOf(payload);
      out->pieces[out->count++] =
          SendPiece{protocol::TextCodec::kTrailer.data(), protocol::TextCodec::kTrailer.size()};
      break;
    case ProtocolKind::kFrame:
      if (!protocol::FrameCodec::header(ZSTR_LEN(payload), out->header)) {
        zend_string_release(payload);
        out->payload = nullptr;
        zend_value_error("Surge\\Protocols\\Frame cannot carry more than 4 GiB in one frame");
        return EncodeOutcome::kFailed;
      }
      out->pieces[out->count++] = SendPiece{out->header, sizeof out->header};
      out->pieces[out->count++] = pieceOf(payload);
      break;
    default:
      out->pieces[out->count++] = pieceOf(payload);
      break;
  }
  return EncodeOutcome::kSend;
}

}  // namespace surge::ext
