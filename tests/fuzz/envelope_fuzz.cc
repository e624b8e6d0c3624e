// libFuzzer target for Envelope::decode: the bytes a process reads from its inbox or a
// node from the cluster's channels. Whatever decodes must encode back to the same bytes
// (nothing is dropped or invented), and nothing may read past the input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ipc/envelope.h"
// Compiled in for libFuzzer's coverage (surge_core is built without -fsanitize=fuzzer).
#include "ipc/envelope.cc"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  surge::Envelope e;
  if (!surge::Envelope::decode(bytes, &e)) return 0;
  if (e.encode() != bytes) __builtin_trap();
  return 0;
}
