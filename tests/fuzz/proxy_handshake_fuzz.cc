// libFuzzer target for ProxyHandshake: the answers of a SOCKS5 or HTTP CONNECT proxy, which
// a client reads from a server it does not control. The first byte picks the kind (and
// whether SOCKS5 offers a password); the rest arrives in pieces whose sizes come from the
// input too. The handshake must never consume more than it was given, and once done or
// failed must stay so.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "net/proxy_handshake.h"
// Compiled in for libFuzzer's coverage (surge_core is built without -fsanitize=fuzzer).
#include "net/proxy_handshake.cc"

using surge::ProxyHandshake;

namespace {
void check(bool ok) {
  if (!ok) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  uint8_t mode = data[0];
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  ProxyHandshake h = (mode & 1) ? ProxyHandshake::httpConnect("example.com", 443, "Basic eA==")
                                : ProxyHandshake::socks5((mode & 4) ? "10.0.0.1" : "example.com",
                                                         80, (mode & 2) ? "user" : "", "pw");
  std::string buffered;
  size_t piece = 1 + (mode >> 3);
  ProxyHandshake::Step last = ProxyHandshake::Step::kNeedMore;
  for (size_t at = 0; at < rest.size() && last == ProxyHandshake::Step::kNeedMore; at += piece) {
    buffered.append(rest.substr(at, piece));
    h.takeOutput();
    size_t used = 0;
    last = h.feed(buffered, &used);
    check(used <= buffered.size());
    buffered.erase(0, used);
  }
  if (last != ProxyHandshake::Step::kNeedMore) {
    size_t used = 0;
    check(h.feed("more", &used) == last);
  }
  return 0;
}
