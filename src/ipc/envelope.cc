#include "ipc/envelope.h"

#include <cstring>

namespace surge {

namespace {

constexpr uint8_t kVersion = 1;

void putU32(std::string* out, uint32_t v) {
  char b[4];
  std::memcpy(b, &v, 4);
  out->append(b, 4);
}

void putString(std::string* out, std::string_view s) {
  putU32(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}

class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  bool u8(uint8_t* v) {
    if (b_.size() < 1) return false;
    *v = static_cast<uint8_t>(b_[0]);
    b_.remove_prefix(1);
    return true;
  }
  bool u32(uint32_t* v) { return raw(v, 4); }
  bool u64(uint64_t* v) { return raw(v, 8); }
  bool string(std::string* s) {
    uint32_t n;
    if (!u32(&n) || b_.size() < n) return false;
    s->assign(b_.data(), n);
    b_.remove_prefix(n);
    return true;
  }
  // A count of items that take at least `each` bytes: never more than the bytes left.
  bool count(uint32_t* n, size_t each) { return u32(n) && *n <= b_.size() / each; }
  std::string_view rest() const { return b_; }

 private:
  bool raw(void* v, size_t n) {
    if (b_.size() < n) return false;
    std::memcpy(v, b_.data(), n);
    b_.remove_prefix(n);
    return true;
  }
  std::string_view b_;
};

}  // namespace

std::string Envelope::encode() const {
  std::string out;
  out.reserve(16 + message.size() + connections.size() * 8);
  out.push_back(static_cast<char>(kVersion));
  out.push_back(static_cast<char>(target));
  out.push_back(static_cast<char>(close ? 1 : 0));
  putU32(&out, static_cast<uint32_t>(process));
  putU32(&out, static_cast<uint32_t>(connections.size()));
  for (uint64_t c : connections) out.append(reinterpret_cast<const char*>(&c), 8);
  putU32(&out, static_cast<uint32_t>(names.size()));
  for (const std::string& n : names) putString(&out, n);
  putU32(&out, static_cast<uint32_t>(exclude.size()));
  for (const std::string& e : exclude) putString(&out, e);
  out.append(message);
  return out;
}

bool Envelope::decode(std::string_view bytes, Envelope* out) {
  Reader r(bytes);
  uint8_t version, target, flags;
  uint32_t process, n;
  if (!r.u8(&version) || version != kVersion || !r.u8(&target) || target < 1 || target > 4 ||
      !r.u8(&flags) || flags > 1 || !r.u32(&process))
    return false;
  Envelope e;
  e.target = static_cast<Target>(target);
  e.close = flags == 1;
  e.process = static_cast<pid_t>(process);
  if (!r.count(&n, 8)) return false;
  e.connections.resize(n);
  for (uint64_t& c : e.connections)
    if (!r.u64(&c)) return false;
  if (!r.count(&n, 4)) return false;
  e.names.resize(n);
  for (std::string& s : e.names)
    if (!r.string(&s)) return false;
  if (!r.count(&n, 4)) return false;
  e.exclude.resize(n);
  for (std::string& s : e.exclude)
    if (!r.string(&s)) return false;
  e.message.assign(r.rest());
  *out = std::move(e);
  return true;
}

}  // namespace surge
