// libFuzzer target for permessage-deflate: the negotiation of Sec-WebSocket-Extensions
// offers and answers, and the bounded inflater fed with arbitrary compressed payloads.
// The first input byte picks what is fuzzed; the rest is the input.
//   0 mod 3: offers -> negotiate(); an accepted offer's answer must parse back to the same
//            parameters, and its window sizes must be ones zlib can use.
//   1 mod 3: an answer -> parseResponse(); what it accepts must round-trip likewise.
//   2 mod 3: compressed bytes -> WsInflater with a small limit: never more output than the
//            limit, never a buffer beyond it; whatever inflates must deflate and inflate
//            back to itself.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "protocol/websocket/deflate.h"
#include "protocol/websocket/deflate_params.h"
// Compiled into this target so libFuzzer's coverage instrumentation reaches them.
#include "protocol/websocket/deflate.cc"
#include "protocol/websocket/deflate_params.cc"

using namespace surge::protocol;

namespace {

void check(bool ok) {
  if (!ok) __builtin_trap();
}

// What the answer says must read back as agreed. A window size the answer does not name
// reads back as 15: the server may still use a smaller one without saying so (a peer's
// 15-bit inflater reads it), so only the named sizes are compared.
bool sameParams(const WsDeflateParams& a, const WsDeflateParams& b) {
  return a.serverNoContextTakeover == b.serverNoContextTakeover &&
         a.clientNoContextTakeover == b.clientNoContextTakeover &&
         (!a.announceServerBits || a.serverMaxWindowBits == b.serverMaxWindowBits) &&
         (!a.announceClientBits || a.clientMaxWindowBits == b.clientMaxWindowBits);
}

void checkAgreed(const WsDeflateParams& p) {
  check(p.serverMaxWindowBits >= 9 && p.serverMaxWindowBits <= 15);
  check(p.clientMaxWindowBits >= 8 && p.clientMaxWindowBits <= 15);
  WsDeflateParams back;
  check(WsDeflateNegotiation::parseResponse(p.responseValue(), &back));
  check(sameParams(p, back));
}

struct Out {
  std::string bytes;
  size_t largest = 0;
  auto grower() {
    return [this](size_t n) {
      if (n > largest) largest = n;
      bytes.resize(n);
      return bytes.data();
    };
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const int mode = data[0] % 3;
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  if (mode == 0) {
    WsDeflateConfig config;
    config.serverMaxWindowBits = 9 + data[0] % 7;
    config.clientMaxWindowBits = 8 + data[0] % 8;
    WsDeflateParams agreed;
    if (WsDeflateNegotiation::negotiate(input, config, &agreed)) {
      checkAgreed(agreed);
      check(agreed.serverMaxWindowBits <= config.serverMaxWindowBits);
    }
  } else if (mode == 1) {
    WsDeflateParams agreed;
    if (WsDeflateNegotiation::parseResponse(input, &agreed) && agreed.serverMaxWindowBits >= 9)
      checkAgreed(agreed);
  } else {
    constexpr size_t kLimit = 4096;
    WsInflater inflater(15);
    Out out;
    WsInflateResult r = inflater.inflate(input, kLimit, out.grower());
    check(out.largest <= kLimit);
    check(r.length <= kLimit);
    if (r.ok()) {
      std::string message = out.bytes.substr(0, r.length);
      WsDeflater deflater(-1, 15, 8);
      Out packed;
      size_t n = deflater.deflate(message, packed.grower());
      check(n != SIZE_MAX);
      WsInflater again(15);
      Out back;
      WsInflateResult r2 =
          again.inflate(std::string_view(packed.bytes.data(), n), kLimit, back.grower());
      check(r2.ok() && back.bytes.substr(0, r2.length) == message);
    }
  }
  return 0;
}
