#include "process/supervisor.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "base/log.h"
#include "process/exit_status.h"

namespace surge {

namespace {
int g_signalPipe[2] = {-1, -1};
constexpr int kHandledSignals[] = {SIGINT,  SIGTERM, SIGHUP,  SIGTSTP,
                                   SIGQUIT, SIGUSR1, SIGUSR2, SIGCHLD};
// A child that dies this soon after its start counts as a crash loop.
constexpr double kFastDeathSeconds = 1.0;

void makePipe(int fds[2]) {
  if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("pipe failed: ") + std::strerror(errno));
}
}  // namespace

Supervisor::Supervisor(std::vector<Group> groups, double stopTimeout, Hooks hooks)
    : groups_(std::move(groups)), stopTimeout_(stopTimeout), hooks_(std::move(hooks)) {
  for (const Group& g : groups_)
    slots_.emplace_back(static_cast<size_t>(g.count < 1 ? 1 : g.count));
}

Supervisor::~Supervisor() {
  for (int fd : readyPipe_)
    if (fd >= 0) ::close(fd);
}

double Supervisor::now() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double Supervisor::restartDelay(int fastDeaths) {
  if (fastDeaths <= 1) return 0;
  double delay = 0.1 * std::pow(2.0, fastDeaths - 2);
  return delay > 10 ? 10 : delay;
}

void Supervisor::onSignal(int signo) {
  int saved = errno;
  unsigned char byte = static_cast<unsigned char>(signo);
  ssize_t ignored = ::write(g_signalPipe[1], &byte, 1);
  (void)ignored;
  errno = saved;
}

void Supervisor::installSignals() {
  if (g_signalPipe[0] < 0) makePipe(g_signalPipe);
  struct sigaction sa {};
  sa.sa_handler = &Supervisor::onSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  for (int s : kHandledSignals) sigaction(s, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

void Supervisor::restoreSignalsInChild() {
  struct sigaction sa {};
  sa.sa_handler = SIG_DFL;
  sigemptyset(&sa.sa_mask);
  for (int s : kHandledSignals) sigaction(s, &sa, nullptr);
  ::close(g_signalPipe[0]);
  ::close(g_signalPipe[1]);
  g_signalPipe[0] = g_signalPipe[1] = -1;
  ::close(readyPipe_[0]);
  readyPipe_[0] = -1;
}

void Supervisor::notifyReady(int readyFd) {
  if (readyFd < 0) return;
  int32_t pid = getpid();
  ssize_t ignored = ::write(readyFd, &pid, sizeof pid);
  (void)ignored;
  ::close(readyFd);
}

std::optional<Supervisor::ChildRole> Supervisor::run() {
  installSignals();
  makePipe(readyPipe_);
  for (;;) {
    if (!stopping_) {
      if (auto role = spawnDue()) return role;
    } else if (alive() == 0) {
      return std::nullopt;
    }

    double t = now();
    double wake = t + 1.0;
    for (auto& group : slots_)
      for (Slot& s : group)
        if (!stopping_ && s.pid == 0 && s.restartAt < wake) wake = s.restartAt;
    if (stopping_ && killAt_ > 0 && killAt_ < wake) wake = killAt_;
    int timeoutMs = wake <= t ? 0 : static_cast<int>(std::ceil((wake - t) * 1000));

    pollfd fds[2] = {{g_signalPipe[0], POLLIN, 0}, {readyPipe_[0], POLLIN, 0}};
    int n = ::poll(fds, 2, timeoutMs);
    if (n < 0 && errno != EINTR)
      throw std::runtime_error(std::string("poll failed: ") + std::strerror(errno));
    if (n > 0 && (fds[0].revents & POLLIN)) {
      unsigned char signals[64];
      ssize_t got;
      while ((got = ::read(g_signalPipe[0], signals, sizeof signals)) > 0)
        for (ssize_t i = 0; i < got; ++i) handleSignal(signals[i]);
    }
    if (n > 0 && (fds[1].revents & POLLIN)) readReady();
    reap();
    if (stopping_ && killAt_ > 0 && now() >= killAt_) {
      forEachChild([&](int g, int, Slot& s) {
        Log::writef("worker[%s:%d] did not stop within %g s of stopTimeout, sending SIGKILL",
                    groups_[g].name.c_str(), static_cast<int>(s.pid), stopTimeout_);
        ::kill(s.pid, SIGKILL);
      });
      killAt_ = 0;
    }
  }
}

std::optional<Supervisor::ChildRole> Supervisor::spawnDue() {
  double t = now();
  for (size_t g = 0; g < slots_.size(); ++g) {
    for (size_t i = 0; i < slots_[g].size(); ++i) {
      Slot& s = slots_[g][i];
      if (s.pid != 0 || s.restartAt > t) continue;
      pid_t pid = fork();
      if (pid < 0) {
        Log::writef("fork failed for worker[%s]: %s; retrying in 1 s", groups_[g].name.c_str(),
                    std::strerror(errno));
        s.restartAt = t + 1;
        continue;
      }
      if (pid == 0) {
        int readyFd = readyPipe_[1];
        readyPipe_[1] = -1;
        restoreSignalsInChild();
        return ChildRole{static_cast<int>(g), static_cast<int>(i), readyFd};
      }
      s.pid = pid;
      s.ready = false;
      s.startedAt = t;
    }
  }
  return std::nullopt;
}

void Supervisor::handleSignal(int signo) {
  switch (signo) {
    case SIGCHLD:
      break;  // reap() runs after every wake-up
    case SIGQUIT:
      beginStop(signo, true);
      break;
    case SIGINT:
    case SIGTERM:
    case SIGHUP:
    case SIGTSTP:
      beginStop(signo, false);
      break;
    default:
      Log::writef("received %s: reload is not supported by this master yet; ignored",
                  signalName(signo).c_str());
      break;
  }
}

void Supervisor::beginStop(int signo, bool graceful) {
  if (stopping_) return;
  stopping_ = true;
  if (hooks_.onStopRequested) hooks_.onStopRequested(signo, graceful);
  forEachChild([&](int, int, Slot& s) { ::kill(s.pid, graceful ? SIGQUIT : SIGTERM); });
  killAt_ = graceful ? 0 : now() + (stopTimeout_ > 0 ? stopTimeout_ : 0);
}

void Supervisor::reap() {
  for (;;) {
    int status = 0;
    pid_t pid = ::waitpid(-1, &status, WNOHANG);
    if (pid <= 0) return;
    for (size_t g = 0; g < slots_.size(); ++g) {
      for (size_t i = 0; i < slots_[g].size(); ++i) {
        Slot& s = slots_[g][i];
        if (s.pid != pid) continue;
        double lived = now() - s.startedAt;
        s.pid = 0;
        s.ready = false;
        bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        if (!stopping_ && !clean) {
          Log::writef("worker[%s:%d] %s", groups_[g].name.c_str(), static_cast<int>(pid),
                      describeExitStatus(status).c_str());
        }
        if (hooks_.onChildExit)
          hooks_.onChildExit(static_cast<int>(g), static_cast<int>(i), pid, status);
        if (!stopping_) {
          s.fastDeaths = (!clean && lived < kFastDeathSeconds) ? s.fastDeaths + 1 : 0;
          double delay = restartDelay(s.fastDeaths);
          s.restartAt = now() + delay;
          if (delay > 0)
            Log::writef(
                "worker[%s] died %d times in a row within %g s of starting; next start in %g s",
                groups_[g].name.c_str(), s.fastDeaths, kFastDeathSeconds, delay);
        }
      }
    }
  }
}

void Supervisor::readReady() {
  int32_t pids[64];
  ssize_t got;
  while ((got = ::read(readyPipe_[0], pids, sizeof pids)) > 0) {
    for (ssize_t k = 0; k < got / static_cast<ssize_t>(sizeof(int32_t)); ++k)
      forEachChild([&](int, int, Slot& s) {
        if (s.pid == pids[k]) s.ready = true;
      });
  }
}

size_t Supervisor::alive() const {
  size_t n = 0;
  for (const auto& group : slots_)
    for (const Slot& s : group)
      if (s.pid != 0) ++n;
  return n;
}

void Supervisor::forEachChild(const std::function<void(int, int, Slot&)>& fn) {
  for (size_t g = 0; g < slots_.size(); ++g)
    for (size_t i = 0; i < slots_[g].size(); ++i)
      if (slots_[g][i].pid != 0) fn(static_cast<int>(g), static_cast<int>(i), slots_[g][i]);
}

}  // namespace surge
