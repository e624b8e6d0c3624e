// broadcast_floor.cc - what the kernel alone needs for a broadcast: one 102-byte send()
// (a 100-byte WebSocket text frame) to each of N loopback TCP connections, from a plain C++
// loop, while a reader process pinned to CPU 1 waits in epoll on the other ends (as the
// load generator of run_websocket.sh does). Prints the best of 20 rounds of the sender's
// CPU time. Compare with the server CPU of Worker::broadcast() in bench/RESULTS.md.
//
//   g++ -O2 -o build/bench/broadcast_floor bench/broadcast_floor.cc
//   taskset -c 0 build/bench/broadcast_floor 9900 reader   # N + N + 1 fds must fit ulimit -n
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <csignal>
#include <sched.h>
#include <cstdio>
#include <cstdlib>
#include <vector>
static double us(const timeval& t) {
  return t.tv_sec * 1e6 + t.tv_usec;
}
int main(int argc, char** argv) {
  int n = argc > 1 ? atoi(argv[1]) : 10000;
  int l = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(l, (sockaddr*)&a, sizeof a);
  listen(l, 4096);
  socklen_t len = sizeof a;
  getsockname(l, (sockaddr*)&a, &len);
  std::vector<int> server, client;
  for (int i = 0; i < n; ++i) {
    int c = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(c, (sockaddr*)&a, sizeof a) != 0) {
      perror("connect");
      return 1;
    }
    int s = accept(l, nullptr, nullptr);
    int one = 1;
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    server.push_back(s);
    client.push_back(c);
  }
  bool reader = argc > 2;
  pid_t child = 0;
  if (reader && (child = fork()) == 0) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(1, &set);
    sched_setaffinity(0, sizeof set, &set);
    // Like the load generator: every client socket in one epoll set, read as it arrives.
    int ep = epoll_create1(0);
    for (int c : client) {
      epoll_event e{};
      e.events = EPOLLIN;
      e.data.fd = c;
      epoll_ctl(ep, EPOLL_CTL_ADD, c, &e);
    }
    std::vector<epoll_event> ev(1024);
    char b[4096];
    for (;;) {
      int k = epoll_wait(ep, ev.data(), ev.size(), -1);
      for (int i = 0; i < k; ++i) recv(ev[i].data.fd, b, sizeof b, 0);
    }
  }
  char frame[102] = {(char)0x81, 100};
  double best = 1e18, bu = 0, bs = 0;
  for (int round = 0; round < 20; ++round) {
    rusage r0, r1;
    getrusage(RUSAGE_SELF, &r0);
    for (int s : server) send(s, frame, sizeof frame, MSG_NOSIGNAL);
    getrusage(RUSAGE_SELF, &r1);
    double u = us(r1.ru_utime) - us(r0.ru_utime), sy = us(r1.ru_stime) - us(r0.ru_stime);
    if (u + sy < best) {
      best = u + sy;
      bu = u;
      bs = sy;
    }
    if (reader) {
      usleep(300000);
    } else {
      char buf[256];
      for (int c : client) recv(c, buf, sizeof buf, 0);
    }
  }
  if (child) kill(child, SIGKILL);
  printf("connections=%d best_of_20: %.1f ms (user %.1f ms, sys %.1f ms)\n", n, best / 1000,
         bu / 1000, bs / 1000);
}
