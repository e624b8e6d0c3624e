// loadgen.cc - load generator for newline-delimited ("text") protocols.
//
// Single-threaded, Linux epoll, no dependencies beyond libc/libstdc++.
//   g++ -O2 -std=c++20 -o loadgen bench/loadgen.cc
//
// Modes
//   echo      every connection sends one line, waits for the identical line to
//             come back, records the latency, repeats.
//   pipeline  every connection writes --depth lines in one write, waits for
//             --depth lines back, repeats. Latency is per batch; round_trips
//             and rps count lines.
//   idle      opens --connections connections, each does exactly one round
//             trip, then prints "idle_connections=N errors=E" and "READY" on
//             stdout and holds all connections open until stdin reaches EOF or
//             --duration seconds elapse.
//   http-idle as idle, but the one round trip is an HTTP/1.1 keep-alive
//             "GET / HTTP/1.1" answered with a 200 (the response is framed by
//             its Content-Length); --payload-size is not used.
//   ws-echo, ws-pipeline, ws-idle
//             as echo, pipeline and idle over WebSocket: each connection
//             first does the opening handshake (checking the 101 and its
//             Sec-WebSocket-Accept), then sends masked text frames of
//             --payload-size bytes and expects each back byte for byte as an
//             unmasked text frame in the shortest length form.
//   ws-broadcast
//             opens --connections WebSocket connections, then --rounds times:
//             connection 0 sends the text "broadcast N" (N = --payload-size),
//             the server broadcasts N bytes of 'x' to every connection and
//             then answers connection 0 with "cpu USER_US SYS_US COUNT" (its
//             CPU time inside broadcast() and how many connections it reached);
//             the round ends when every connection has the broadcast frame.
//             Prints one line: rounds, p50/max milliseconds until every
//             connection had it, and the server's mean user/sys µs per broadcast.
//
// Output (echo/pipeline), one line on stdout:
//   round_trips=123456 seconds=10.00 rps=12345.6 p50_us=80 p99_us=200 errors=0 ...
// round_trips/rps only count round trips completed inside the measured window
// (after --warmup). Latencies come from a histogram with 1 us buckets up to
// 100 ms plus an overflow bucket (a percentile in the overflow bucket is
// printed as 100000). client_cpu_pct is the load generator's own CPU use in the
// measured window: near 100 means the client, not the server, is the limit.
//
// Exit status: 0 ok, 1 no connection could be established or (echo/pipeline)
// all connections were lost before the end of the run, 2 bad arguments.
// Partial failures are reported in errors= (and on stderr), exit status 0.

#include <arpa/inet.h>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <string_view>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

enum class Mode { Echo, Pipeline, Idle, HttpIdle, WsEcho, WsPipeline, WsIdle, WsBroadcast };

bool is_ws(Mode m) {
  return m == Mode::WsEcho || m == Mode::WsPipeline || m == Mode::WsIdle || m == Mode::WsBroadcast;
}

struct Options {
  std::string host = "127.0.0.1";
  int port = 0;
  int connections = 100;
  double duration = 10.0;
  double warmup = 0.0;
  size_t payload = 16;
  Mode mode = Mode::Echo;
  int depth = 16;
  double connect_timeout = 30.0;  // connection setup (idle: setup + first round trip)
  int connect_concurrency = 256;  // connections being set up at the same time
  int rounds = 20;                // ws-broadcast
};

uint64_t now_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return uint64_t(ts.tv_sec) * 1000000000ull + uint64_t(ts.tv_nsec);
}

double cpu_seconds() {  // user + system CPU time of this process
  rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

uint64_t sec_to_ns(double s) {
  return s <= 0 ? 0 : uint64_t(s * 1e9);
}

[[noreturn]] void usage(const char* msg) {
  if (msg) fprintf(stderr, "loadgen: %s\n", msg);
  fprintf(stderr,
          "usage: loadgen --port N [--host 127.0.0.1] [--connections 100]\n"
          "               [--duration SECONDS (10)] [--warmup SECONDS (0)]\n"
          "               [--payload-size BYTES (16)]\n"
          "               [--mode echo|pipeline|idle|http-idle|ws-echo|ws-pipeline|\n"
          "                       ws-idle|ws-broadcast]\n"
          "               [--depth 16] [--connect-timeout SECONDS (30)]\n"
          "               [--connect-concurrency 256] [--rounds 20]\n");
  exit(msg ? 2 : 0);
}

Options parse_args(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    std::string v;
    if (a == "-h" || a == "--help") usage(nullptr);
    if (a.rfind("--", 0) != 0) usage(("unexpected argument: " + a).c_str());
    if (auto eq = a.find('='); eq != std::string::npos) {
      v = a.substr(eq + 1);
      a = a.substr(0, eq);
    } else {
      if (i + 1 >= argc) usage(("missing value for " + a).c_str());
      v = argv[++i];
    }
    char* end = nullptr;
    auto num = [&](double lo) {
      errno = 0;
      double d = strtod(v.c_str(), &end);
      if (errno || end == v.c_str() || *end || d < lo)
        usage(("bad value for " + a + ": " + v).c_str());
      return d;
    };
    if (a == "--host")
      o.host = v;
    else if (a == "--port")
      o.port = int(num(1));
    else if (a == "--connections")
      o.connections = int(num(1));
    else if (a == "--duration")
      o.duration = num(0);
    else if (a == "--warmup")
      o.warmup = num(0);
    else if (a == "--payload-size")
      o.payload = size_t(num(0));
    else if (a == "--depth")
      o.depth = int(num(1));
    else if (a == "--connect-timeout")
      o.connect_timeout = num(0.001);
    else if (a == "--connect-concurrency")
      o.connect_concurrency = int(num(1));
    else if (a == "--rounds")
      o.rounds = int(num(1));
    else if (a == "--mode") {
      if (v == "echo")
        o.mode = Mode::Echo;
      else if (v == "pipeline")
        o.mode = Mode::Pipeline;
      else if (v == "idle")
        o.mode = Mode::Idle;
      else if (v == "http-idle")
        o.mode = Mode::HttpIdle;
      else if (v == "ws-echo")
        o.mode = Mode::WsEcho;
      else if (v == "ws-pipeline")
        o.mode = Mode::WsPipeline;
      else if (v == "ws-idle")
        o.mode = Mode::WsIdle;
      else if (v == "ws-broadcast")
        o.mode = Mode::WsBroadcast;
      else
        usage(("bad mode: " + v).c_str());
    } else
      usage(("unknown option: " + a).c_str());
  }
  if (o.port <= 0 || o.port > 65535) usage("--port is required (1..65535)");
  if (o.mode != Mode::Pipeline && o.mode != Mode::WsPipeline) o.depth = 1;
  if (is_ws(o.mode) && o.payload > 65535) usage("--payload-size: at most 65535 for ws-* modes");
  return o;
}

// 1 us buckets up to 100 ms, plus one overflow bucket.
struct Histogram {
  static constexpr uint64_t kBuckets = 100000;
  std::vector<uint64_t> b = std::vector<uint64_t>(kBuckets + 1, 0);
  uint64_t count = 0, sum_ns = 0, max_ns = 0;

  void record(uint64_t ns) {
    uint64_t us = ns / 1000;
    ++b[us < kBuckets ? us : kBuckets];
    ++count;
    sum_ns += ns;
    if (ns > max_ns) max_ns = ns;
  }
  uint64_t percentile_us(double q) const {
    if (count == 0) return 0;
    uint64_t rank = uint64_t(q * double(count));
    if (rank < 1) rank = 1;
    if (rank > count) rank = count;
    uint64_t cum = 0;
    for (uint64_t i = 0; i <= kBuckets; ++i) {
      cum += b[i];
      if (cum >= rank) return i;
    }
    return kBuckets;
  }
};

enum class State { Pending, Connecting, Handshaking, Ready, Busy, Done, Dead };

struct Conn {
  int fd = -1;
  State st = State::Pending;
  bool want_out = false;       // EPOLLOUT currently registered
  bool has_slot = false;       // counts against --connect-concurrency
  uint64_t seq = 0;            // batches sent on this connection
  std::string out;             // the current batch (depth lines)
  size_t woff = 0;             // bytes of `out` written so far
  size_t line_idx = 0;         // line of the batch currently being received
  size_t line_pos = 0;         // bytes of that line received so far
  bool line_bad = false;       // current line already known not to match
  uint64_t t_start = 0;        // batch start (ns)
  std::string in;              // http-idle: the response received so far; ws: the 101 so far,
                               // ws-broadcast: an unfinished frame
  std::string expect;          // ws echo: the frames the batch must bring back
  size_t epos = 0;             // bytes of `expect` received so far
  bool got_broadcast = false;  // ws-broadcast: this round's frame arrived
};

// RFC 6455 §1.3's sample key and its Sec-WebSocket-Accept.
constexpr char kWsKey[] = "dGhlIHNhbXBsZSBub25jZQ==";
constexpr char kWsAccept[] = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

// A text frame: masked (client) or not (what the server sends back).
void append_ws_frame(std::string* out, const char* payload, size_t n, const uint8_t* mask) {
  out->push_back(char(0x81));
  uint8_t m = mask ? 0x80 : 0;
  if (n < 126) {
    out->push_back(char(m | n));
  } else {
    out->push_back(char(m | 126));
    out->push_back(char(n >> 8));
    out->push_back(char(n & 0xff));
  }
  if (!mask) {
    out->append(payload, n);
    return;
  }
  out->append(reinterpret_cast<const char*>(mask), 4);
  for (size_t j = 0; j < n; ++j) out->push_back(char(payload[j] ^ mask[j & 3]));
}

constexpr uint32_t kStdinTag = 0xffffffffu;
const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr size_t kAlphabetLen = sizeof(kAlphabet) - 1;

class LoadGen {
 public:
  explicit LoadGen(const Options& o) : o_(o), conns_(size_t(o.connections)) {
    ep_ = epoll_create1(EPOLL_CLOEXEC);
    if (ep_ < 0) {
      perror("epoll_create1");
      exit(1);
    }
    memset(&addr_, 0, sizeof addr_);
    addr_.sin_family = AF_INET;
    addr_.sin_port = htons(uint16_t(o.port));
    if (inet_pton(AF_INET, o.host.c_str(), &addr_.sin_addr) != 1)
      usage("--host must be an IPv4 address");
  }

  int run() {
    if (!setup_connections()) return 1;
    if (idle_mode()) return hold_idle();
    if (o_.mode == Mode::WsBroadcast) return broadcast_rounds();
    return measure();
  }

 private:
  const Options& o_;
  std::vector<Conn> conns_;
  int ep_ = -1;
  sockaddr_in addr_{};
  char rbuf_[65536];

  bool running_ = false;  // echo/pipeline: load phase active
  uint64_t meas_start_ = 0, meas_end_ = 0;
  Histogram hist_;
  uint64_t round_trips_ = 0;  // lines completed inside the measured window
  uint64_t batches_ = 0;
  uint64_t errors_ = 0, connect_errors_ = 0, mismatches_ = 0, disconnects_ = 0;
  int slots_in_use_ = 0;
  int settled_ = 0;  // connections that finished setup (ok or failed)
  int live_ = 0;     // connections not Dead
  int idle_ready_ = 0;

  bool idle_mode() const {
    return o_.mode == Mode::Idle || o_.mode == Mode::HttpIdle || o_.mode == Mode::WsIdle;
  }
  bool ws() const { return is_ws(o_.mode); }

  // ws-broadcast
  int bc_done_ = 0;         // connections that have this round's frame
  bool bc_report_ = false;  // connection 0 got this round's "cpu ..." answer
  std::vector<double> bc_ms_, bc_user_us_, bc_sys_us_;
  long bc_reached_min_ = -1;

  void ctl(int op, size_t i, uint32_t events) {
    epoll_event ev{};
    ev.events = events;
    ev.data.u32 = uint32_t(i);
    if (epoll_ctl(ep_, op, conns_[i].fd, &ev) < 0) {
      perror("epoll_ctl");
      exit(1);
    }
  }

  void release_slot(Conn& c) {
    if (c.has_slot) {
      c.has_slot = false;
      --slots_in_use_;
      ++settled_;
    }
  }

  void fail(size_t i, bool is_error, const char* why) {
    Conn& c = conns_[i];
    if (c.st == State::Dead) return;
    if (is_error) {
      ++errors_;
      if (c.st == State::Connecting || c.st == State::Handshaking || (idle_mode() && c.has_slot))
        ++connect_errors_;
      if (errors_ <= 5) fprintf(stderr, "loadgen: connection %zu: %s\n", i, why);
    }
    if (c.fd >= 0) {
      close(c.fd);
      c.fd = -1;
    }
    if (c.has_slot)
      release_slot(c);
    else if (c.st == State::Pending)
      ++settled_;
    c.st = State::Dead;
    --live_;
  }

  void start_connect(size_t i) {
    Conn& c = conns_[i];
    c.has_slot = true;
    ++slots_in_use_;
    c.st = State::Connecting;
    c.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0) {
      fail(i, true, strerror(errno));
      return;
    }
    int one = 1;
    setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    int r = connect(c.fd, reinterpret_cast<sockaddr*>(&addr_), sizeof addr_);
    if (r == 0) {
      ctl(EPOLL_CTL_ADD, i, EPOLLIN);
      on_connected(i);
    } else if (errno == EINPROGRESS) {
      c.want_out = true;
      ctl(EPOLL_CTL_ADD, i, EPOLLOUT);
    } else {
      fail(i, true, strerror(errno));
    }
  }

  void on_connect_event(size_t i) {
    Conn& c = conns_[i];
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0) err = errno;
    if (err) {
      fail(i, true, strerror(err));
      return;
    }
    c.want_out = false;
    ctl(EPOLL_CTL_MOD, i, EPOLLIN);
    on_connected(i);
  }

  void on_connected(size_t i) {
    Conn& c = conns_[i];
    if (ws() && c.st == State::Connecting) {
      c.st = State::Handshaking;
      c.out = "GET / HTTP/1.1\r\nHost: " + o_.host + ":" + std::to_string(o_.port) +
              "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + kWsKey +
              "\r\nSec-WebSocket-Version: 13\r\n\r\n";
      c.woff = 0;
      try_write(i);
      return;
    }
    ready(i);
  }

  // Set up (connected, and for ws-* modes upgraded).
  void ready(size_t i) {
    Conn& c = conns_[i];
    c.st = State::Ready;
    if (o_.mode == Mode::WsBroadcast) {
      release_slot(c);
      return;
    }
    if (idle_mode())
      begin_batch(i);  // the one round trip; slot kept until it is done
    else {
      release_slot(c);
      if (running_) begin_batch(i);
    }
  }

  void begin_batch(size_t i) {
    Conn& c = conns_[i];
    if (o_.mode == Mode::HttpIdle) {
      c.out = "GET / HTTP/1.1\r\nHost: " + o_.host + ":" + std::to_string(o_.port) + "\r\n\r\n";
      c.woff = 0;
      c.st = State::Busy;
      c.t_start = now_ns();
      try_write(i);
      return;
    }
    const size_t P = o_.payload;
    if (ws()) {
      // Masked frames out, the same payloads unmasked back.
      c.out.clear();
      c.expect.clear();
      std::string payload(P, ' ');
      uint8_t mask[4] = {uint8_t(i), uint8_t(i >> 8), uint8_t(c.seq), 0x5a};
      for (int l = 0; l < o_.depth; ++l) {
        size_t start = (i * 7 + c.seq * 3 + size_t(l)) % kAlphabetLen;
        for (size_t j = 0; j < P; ++j) payload[j] = kAlphabet[(start + j) % kAlphabetLen];
        append_ws_frame(&c.out, payload.data(), P, mask);
        append_ws_frame(&c.expect, payload.data(), P, nullptr);
      }
      ++c.seq;
      c.woff = 0;
      c.epos = 0;
      c.st = State::Busy;
      c.t_start = now_ns();
      try_write(i);
      return;
    }
    c.out.resize(size_t(o_.depth) * (P + 1));
    char* p = c.out.data();
    for (int l = 0; l < o_.depth; ++l) {
      // Different content per connection, batch and line so a reply routed
      // to the wrong connection or reordered is detected.
      size_t start = (i * 7 + c.seq * 3 + size_t(l)) % kAlphabetLen;
      for (size_t j = 0; j < P; ++j) p[j] = kAlphabet[(start + j) % kAlphabetLen];
      p[P] = '\n';
      p += P + 1;
    }
    ++c.seq;
    c.woff = 0;
    c.line_idx = c.line_pos = 0;
    c.line_bad = false;
    c.st = State::Busy;
    c.t_start = now_ns();
    try_write(i);
  }

  void try_write(size_t i) {
    Conn& c = conns_[i];
    while (c.woff < c.out.size()) {
      ssize_t n = send(c.fd, c.out.data() + c.woff, c.out.size() - c.woff, MSG_NOSIGNAL);
      if (n > 0) {
        c.woff += size_t(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        if (!c.want_out) {
          c.want_out = true;
          ctl(EPOLL_CTL_MOD, i, EPOLLIN | EPOLLOUT);
        }
        return;
      }
      fail(i, true, n < 0 ? strerror(errno) : "send returned 0");
      return;
    }
    if (c.want_out) {
      c.want_out = false;
      ctl(EPOLL_CTL_MOD, i, EPOLLIN);
    }
  }

  void on_readable(size_t i) {
    Conn& c = conns_[i];
    ssize_t n = recv(c.fd, rbuf_, sizeof rbuf_, 0);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return;
      ++disconnects_;
      fail(i, true, strerror(errno));
      return;
    }
    if (n == 0) {
      ++disconnects_;
      fail(i, true, "connection closed by server");
      return;
    }
    if (o_.mode == Mode::HttpIdle) {
      on_http_response_bytes(i, size_t(n));
      return;
    }
    if (c.st == State::Handshaking) {
      on_ws_handshake_bytes(i, size_t(n));
      return;
    }
    if (o_.mode == Mode::WsBroadcast) {
      on_ws_broadcast_bytes(i, rbuf_, size_t(n));
      return;
    }
    if (ws()) {
      on_ws_echo_bytes(i, size_t(n));
      return;
    }
    const char* p = rbuf_;
    const char* end = rbuf_ + n;
    const size_t P = o_.payload;
    while (p < end) {
      if (c.st != State::Busy) {
        ++errors_;
        if (errors_ <= 5)
          fprintf(stderr, "loadgen: connection %zu: unexpected data from server\n", i);
        return;
      }
      const char* nl = static_cast<const char*>(memchr(p, '\n', size_t(end - p)));
      size_t seg = size_t((nl ? nl : end) - p);
      if (!c.line_bad) {
        const char* expect = c.out.data() + c.line_idx * (P + 1);
        if (c.line_pos + seg > P || memcmp(p, expect + c.line_pos, seg) != 0) c.line_bad = true;
      }
      c.line_pos += seg;
      if (!nl) break;
      p = nl + 1;
      if (c.line_bad || c.line_pos != P) {
        ++errors_;
        ++mismatches_;
        if (mismatches_ <= 5)
          fprintf(stderr, "loadgen: connection %zu: echoed line does not match\n", i);
      }
      c.line_idx++;
      c.line_pos = 0;
      c.line_bad = false;
      if (c.line_idx == size_t(o_.depth)) {
        batch_done(i, now_ns());
        if (conns_[i].st == State::Dead) return;
      }
    }
  }

  // http-idle: rbuf_[0, n) is more of the one response. Complete once the head
  // and Content-Length bytes of body are in; a status other than 200, a
  // response without Content-Length or bytes beyond it count as errors.
  void on_http_response_bytes(size_t i, size_t n) {
    Conn& c = conns_[i];
    if (c.st != State::Busy) {
      ++errors_;
      if (errors_ <= 5)
        fprintf(stderr, "loadgen: connection %zu: unexpected data from server\n", i);
      return;
    }
    c.in.append(rbuf_, n);
    size_t head_end = c.in.find("\r\n\r\n");
    if (head_end == std::string::npos) {
      if (c.in.size() > 65536) fail(i, true, "response head larger than 64 KiB");
      return;
    }
    std::string head = c.in.substr(0, head_end + 2);
    for (char& ch : head) ch = char(tolower(static_cast<unsigned char>(ch)));
    size_t cl_pos = head.find("\r\ncontent-length:");
    if (cl_pos == std::string::npos) {
      fail(i, true, "response without Content-Length");
      return;
    }
    size_t body_len = size_t(strtoull(head.c_str() + cl_pos + 17, nullptr, 10));
    size_t total = head_end + 4 + body_len;
    if (c.in.size() < total) return;
    bool ok = c.in.rfind("HTTP/1.1 200 ", 0) == 0 && c.in.size() == total;
    if (!ok) {
      ++errors_;
      ++mismatches_;
      if (mismatches_ <= 5)
        fprintf(stderr, "loadgen: connection %zu: unexpected response: %.40s\n", i, c.in.c_str());
    }
    std::string().swap(c.in);  // do not hold the bytes while idle
    batch_done(i, now_ns());
  }

  // The 101 (and, for ws-broadcast, nothing else) while the connection is set up.
  void on_ws_handshake_bytes(size_t i, size_t n) {
    Conn& c = conns_[i];
    c.in.append(rbuf_, n);
    size_t head_end = c.in.find("\r\n\r\n");
    if (head_end == std::string::npos) {
      if (c.in.size() > 65536) fail(i, true, "handshake answer larger than 64 KiB");
      return;
    }
    std::string head = c.in.substr(0, head_end + 4);
    std::string rest = c.in.substr(head_end + 4);
    std::string().swap(c.in);
    if (head.rfind("HTTP/1.1 101 ", 0) != 0 || head.find(std::string("\r\nSec-WebSocket-Accept: ") +
                                                         kWsAccept + "\r\n") == std::string::npos) {
      fail(i, true, "handshake refused or wrong Sec-WebSocket-Accept");
      return;
    }
    ready(i);
    if (!rest.empty() && c.st != State::Dead) {
      memcpy(rbuf_, rest.data(), rest.size());
      if (o_.mode == Mode::WsBroadcast)
        on_ws_broadcast_bytes(i, rbuf_, rest.size());
      else
        on_ws_echo_bytes(i, rest.size());
    }
  }

  // ws echo: the bytes must continue `expect` exactly.
  void on_ws_echo_bytes(size_t i, size_t n) {
    Conn& c = conns_[i];
    if (c.st != State::Busy || c.epos + n > c.expect.size()) {
      ++errors_;
      if (errors_ <= 5)
        fprintf(stderr, "loadgen: connection %zu: unexpected data from server\n", i);
      return;
    }
    if (memcmp(rbuf_, c.expect.data() + c.epos, n) != 0) {
      ++errors_;
      ++mismatches_;
      if (mismatches_ <= 5) fprintf(stderr, "loadgen: connection %zu: echoed frames differ\n", i);
    }
    c.epos += n;
    if (c.epos == c.expect.size()) batch_done(i, now_ns());
  }

  // ws-broadcast: whole frames are taken from the stream; the 'x' payload marks this
  // round's broadcast, "cpu ..." (connection 0 only) the server's report.
  void on_ws_broadcast_bytes(size_t i, const char* data, size_t n) {
    Conn& c = conns_[i];
    c.in.append(data, n);
    size_t pos = 0;
    while (c.in.size() - pos >= 2) {
      const auto* h = reinterpret_cast<const unsigned char*>(c.in.data() + pos);
      size_t len = h[1] & 0x7f, hl = 2;
      if (len == 126) {
        if (c.in.size() - pos < 4) break;
        len = (size_t(h[2]) << 8) | h[3];
        hl = 4;
      } else if (len == 127) {
        fail(i, true, "unexpected 64-bit frame");
        return;
      }
      if (c.in.size() - pos < hl + len) break;
      std::string_view payload(c.in.data() + pos + hl, len);
      pos += hl + len;
      if (h[0] != 0x81) {
        ++errors_;
        continue;
      }
      if (payload.size() == o_.payload &&
          payload.find_first_not_of('x') == std::string_view::npos) {
        if (c.got_broadcast) ++errors_;
        c.got_broadcast = true;
        ++bc_done_;
      } else if (i == 0 && payload.rfind("cpu ", 0) == 0) {
        double user = 0, sys = 0;
        long reached = 0;
        std::string text(payload);
        if (sscanf(text.c_str(), "cpu %lf %lf %ld", &user, &sys, &reached) == 3) {
          bc_user_us_.push_back(user);
          bc_sys_us_.push_back(sys);
          if (bc_reached_min_ < 0 || reached < bc_reached_min_) bc_reached_min_ = reached;
        }
        bc_report_ = true;
      } else {
        ++errors_;
        ++mismatches_;
      }
    }
    c.in.erase(0, pos);
  }

  // The server's user/sys split of a short interval is sampled (the total is exact), so
  // its CPU is averaged over the rounds rather than taken as a median.
  static double mean(const std::vector<double>& v) {
    double sum = 0;
    for (double x : v) sum += x;
    return v.empty() ? 0 : sum / double(v.size());
  }

  static double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
  }

  int broadcast_rounds() {
    std::string trigger;
    std::string text = "broadcast " + std::to_string(o_.payload);
    uint8_t mask[4] = {1, 2, 3, 4};
    for (int r = 0; r < o_.rounds && live_ > 0; ++r) {
      for (auto& c : conns_) c.got_broadcast = false;
      bc_done_ = 0;
      bc_report_ = false;
      trigger.clear();
      append_ws_frame(&trigger, text.data(), text.size(), mask);
      Conn& c0 = conns_[0];
      if (c0.st == State::Dead) break;
      c0.out = trigger;
      c0.woff = 0;
      uint64_t t0 = now_ns();
      try_write(0);
      uint64_t deadline = t0 + 10'000'000'000ull;
      uint64_t t_all = 0;
      loop(deadline, [&] {
        if (!t_all && bc_done_ >= live_) t_all = now_ns();
        return t_all && bc_report_;
      });
      if (!t_all) {
        fprintf(stderr, "loadgen: round %d: only %d of %d connections got the broadcast\n", r,
                bc_done_, live_);
        ++errors_;
        break;
      }
      bc_ms_.push_back(double(t_all - t0) / 1e6);
    }
    double max_ms = 0;
    for (double v : bc_ms_) max_ms = v > max_ms ? v : max_ms;
    printf(
        "rounds=%zu connections=%d payload=%zu p50_ms=%.2f max_ms=%.2f server_user_us=%.0f "
        "server_sys_us=%.0f reached_min=%ld errors=%llu\n",
        bc_ms_.size(), live_, o_.payload, median(bc_ms_), max_ms, mean(bc_user_us_),
        mean(bc_sys_us_), bc_reached_min_, (unsigned long long)errors_);
    fflush(stdout);
    for (auto& c : conns_)
      if (c.fd >= 0) {
        close(c.fd);
        c.fd = -1;
      }
    return bc_ms_.empty() ? 1 : 0;
  }

  void batch_done(size_t i, uint64_t t) {
    Conn& c = conns_[i];
    if (idle_mode()) {
      c.st = State::Done;
      ++idle_ready_;
      release_slot(c);
      return;
    }
    if (t >= meas_start_ && t < meas_end_) {
      round_trips_ += uint64_t(o_.depth);
      ++batches_;
      hist_.record(t - c.t_start);
    }
    if (running_ && t < meas_end_)
      begin_batch(i);
    else
      c.st = State::Done;
  }

  void dispatch(const epoll_event& ev) {
    uint32_t i = ev.data.u32;
    Conn& c = conns_[i];
    if (c.st == State::Dead) return;
    if (c.st == State::Connecting) {
      if (ev.events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) on_connect_event(i);
      return;
    }
    if (ev.events & (EPOLLIN | EPOLLERR | EPOLLHUP)) on_readable(i);
    if (c.st != State::Dead && (ev.events & EPOLLOUT) && c.want_out) try_write(i);
  }

  // Wait for events until `deadline` (ns) or until done() says stop.
  template <class Done>
  void loop(uint64_t deadline, Done done, bool with_stdin = false, bool* stdin_eof = nullptr) {
    epoll_event evs[1024];
    while (!done()) {
      uint64_t t = now_ns();
      if (t >= deadline) return;
      uint64_t wait_ms = (deadline - t + 999999) / 1000000;
      if (wait_ms > 1000) wait_ms = 1000;
      int n = epoll_wait(ep_, evs, 1024, int(wait_ms));
      if (n < 0) {
        if (errno == EINTR) continue;
        perror("epoll_wait");
        exit(1);
      }
      for (int k = 0; k < n; ++k) {
        if (with_stdin && evs[k].data.u32 == kStdinTag) {
          char b[4096];
          ssize_t r = read(0, b, sizeof b);
          if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) *stdin_eof = true;
          continue;
        }
        dispatch(evs[k]);
      }
    }
  }

  bool setup_connections() {
    const int N = o_.connections;
    live_ = N;
    size_t next = 0;
    uint64_t deadline = now_ns() + sec_to_ns(o_.connect_timeout);
    auto launch = [&] {
      while (next < size_t(N) && slots_in_use_ < o_.connect_concurrency) start_connect(next++);
    };
    launch();
    epoll_event evs[1024];
    while (settled_ < N) {
      uint64_t t = now_ns();
      if (t >= deadline) break;
      uint64_t wait_ms = (deadline - t + 999999) / 1000000;
      int n = epoll_wait(ep_, evs, 1024, int(wait_ms > 1000 ? 1000 : wait_ms));
      if (n < 0 && errno != EINTR) {
        perror("epoll_wait");
        exit(1);
      }
      for (int k = 0; k < n; ++k) dispatch(evs[k]);
      launch();
    }
    for (size_t i = 0; i < size_t(N); ++i) {
      State s = conns_[i].st;
      if (s == State::Pending || s == State::Connecting || s == State::Handshaking ||
          (idle_mode() && s == State::Busy))
        fail(i, true, "timed out during connection setup");
    }
    if (live_ == 0) {
      fprintf(stderr, "loadgen: all %d connections failed (%s:%d)\n", N, o_.host.c_str(), o_.port);
      return false;
    }
    if (live_ < N)
      fprintf(stderr, "loadgen: warning: only %d of %d connections established\n", live_, N);
    return true;
  }

  int measure() {
    uint64_t t0 = now_ns();
    meas_start_ = t0 + sec_to_ns(o_.warmup);
    meas_end_ = meas_start_ + sec_to_ns(o_.duration);
    running_ = true;
    for (size_t i = 0; i < conns_.size(); ++i)
      if (conns_[i].st == State::Ready) begin_batch(i);
    loop(meas_start_, [&] { return live_ == 0; });  // warmup
    double cpu0 = cpu_seconds();
    loop(meas_end_, [&] { return live_ == 0; });
    uint64_t t_stop = now_ns();
    double cpu1 = cpu_seconds();
    running_ = false;
    for (auto& c : conns_)
      if (c.fd >= 0) {
        close(c.fd);
        c.fd = -1;
      }

    uint64_t stop = t_stop < meas_end_ ? t_stop : meas_end_;
    double seconds = stop > meas_start_ ? double(stop - meas_start_) / 1e9 : 0.0;
    double rps = seconds > 0 ? double(round_trips_) / seconds : 0.0;
    uint64_t p50 = hist_.percentile_us(0.50), p99 = hist_.percentile_us(0.99),
             p999 = hist_.percentile_us(0.999);
    if (p99 >= Histogram::kBuckets)
      fprintf(stderr, "loadgen: warning: p99 is beyond the 100 ms histogram range\n");
    // Our own CPU use during the measured window: close to 100% means the
    // load generator, not the server, limits the throughput.
    double client_cpu = seconds > 0 ? (cpu1 - cpu0) * 100.0 / seconds : 0.0;
    double mean_us = hist_.count ? double(hist_.sum_ns) / double(hist_.count) / 1000.0 : 0.0;
    printf(
        "round_trips=%llu seconds=%.2f rps=%.1f p50_us=%llu p99_us=%llu errors=%llu "
        "p999_us=%llu max_us=%llu mean_us=%.1f batches=%llu connections=%d mode=%s depth=%d "
        "payload=%zu connect_errors=%llu mismatches=%llu disconnects=%llu client_cpu_pct=%.0f\n",
        (unsigned long long)round_trips_, seconds, rps, (unsigned long long)p50,
        (unsigned long long)p99, (unsigned long long)errors_, (unsigned long long)p999,
        (unsigned long long)(hist_.max_ns / 1000), mean_us, (unsigned long long)batches_,
        o_.connections,
        o_.mode == Mode::Pipeline     ? "pipeline"
        : o_.mode == Mode::WsEcho     ? "ws-echo"
        : o_.mode == Mode::WsPipeline ? "ws-pipeline"
                                      : "echo",
        o_.depth, o_.payload, (unsigned long long)connect_errors_, (unsigned long long)mismatches_,
        (unsigned long long)disconnects_, client_cpu);
    fflush(stdout);
    if (live_ == 0) {
      fprintf(stderr, "loadgen: all connections were lost before the end of the run\n");
      return 1;
    }
    return 0;
  }

  int hold_idle() {
    idle_ready_ = 0;
    for (auto& c : conns_)
      if (c.st == State::Done) ++idle_ready_;
    printf("idle_connections=%d errors=%llu\nREADY\n", idle_ready_, (unsigned long long)errors_);
    fflush(stdout);

    uint64_t t0 = now_ns();
    bool stdin_eof = false;
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u32 = kStdinTag;
    if (epoll_ctl(ep_, EPOLL_CTL_ADD, 0, &ev) < 0) {
      // stdin is a regular file or /dev/null (not pollable): consume it now.
      char b[4096];
      ssize_t r;
      while ((r = read(0, b, sizeof b)) > 0) {
      }
      stdin_eof = true;
    }
    // A server-side close while holding is a (counted) error: see fail().
    loop(
        t0 + sec_to_ns(o_.duration), [&] { return stdin_eof; }, true, &stdin_eof);
    double held = double(now_ns() - t0) / 1e9;
    int still_open = 0;
    for (auto& c : conns_)
      if (c.fd >= 0) {
        ++still_open;
        close(c.fd);
        c.fd = -1;
      }
    fprintf(stderr,
            "loadgen: idle_connections=%d still_open_at_end=%d held_seconds=%.2f errors=%llu "
            "reason=%s\n",
            idle_ready_, still_open, held, (unsigned long long)errors_,
            stdin_eof ? "stdin-eof" : "duration");
    return 0;
  }
};

void raise_nofile(int wanted) {
  rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return;
  if (rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
  getrlimit(RLIMIT_NOFILE, &rl);
  if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < rlim_t(wanted) + 16)
    fprintf(stderr, "loadgen: warning: RLIMIT_NOFILE is %llu, too low for %d connections\n",
            (unsigned long long)rl.rlim_cur, wanted);
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse_args(argc, argv);
  signal(SIGPIPE, SIG_IGN);
  raise_nofile(o.connections);
  static LoadGen lg(o);  // static: rbuf_ and the histogram are large-ish
  return lg.run();
}
