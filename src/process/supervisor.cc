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
#include <limits>
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

// A worker killed by a signal crashed (error); one that exited with a code chose to
// (exit(), stopAll(250)), which the master repairs by starting another (warning).
LogLevel exitLevel(int status) {
  return WIFSIGNALED(status) ? LogLevel::kError : LogLevel::kWarning;
}

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
  for (int fd : controlPipe_)
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
  ::close(controlPipe_[0]);
  controlPipe_[0] = -1;
  for (const Watch& w : watches_) ::close(w.fd);
  watches_.clear();
}

void Supervisor::watchFd(int fd, short events, std::function<void(short)> onReady) {
  for (Watch& w : watches_) {
    if (w.fd != fd) continue;
    w.events = events;
    w.onReady = std::move(onReady);
    return;
  }
  watches_.push_back({fd, events, std::move(onReady)});
}

void Supervisor::unwatchFd(int fd) {
  for (size_t k = 0; k < watches_.size(); ++k) {
    if (watches_[k].fd != fd) continue;
    watches_.erase(watches_.begin() + static_cast<long>(k));
    return;
  }
}

void Supervisor::notifyReady(int controlFd) {
  if (controlFd < 0) return;
  int32_t pid = getpid();
  ssize_t ignored = ::write(controlFd, &pid, sizeof pid);
  (void)ignored;
}

void Supervisor::requestReplacement(int controlFd) {
  if (controlFd < 0) return;
  int32_t request = -getpid();
  ssize_t ignored = ::write(controlFd, &request, sizeof request);
  (void)ignored;
}

std::optional<Supervisor::ChildRole> Supervisor::run() {
  installSignals();
  makePipe(controlPipe_);
  for (;;) {
    if (!stopping_) {
      if (auto role = spawnDue()) return role;
    } else if (alive() == 0 && (!hooks_.othersAlive || hooks_.othersAlive() == 0)) {
      return std::nullopt;
    }

    double t = now();
    double wake = t + 1.0;
    for (auto& group : slots_)
      for (Slot& s : group)
        if (!stopping_ && s.pid == 0 && s.restartAt < wake) wake = s.restartAt;
    if (stopping_ && killAt_ > 0 && killAt_ < wake) wake = killAt_;
    for (const Retiree& r : retirees_)
      if (r.killAt > 0 && r.killAt < wake) wake = r.killAt;
    if (hooks_.nextDeadline) {
      double other = hooks_.nextDeadline();
      if (other > 0 && other < wake) wake = other;
    }
    int timeoutMs = wake <= t ? 0 : static_cast<int>(std::ceil((wake - t) * 1000));
    if (hooks_.idleLimitMs) {
      int limit = hooks_.idleLimitMs();
      if (limit >= 0 && limit < timeoutMs) timeoutMs = limit;
    }

    std::vector<pollfd> fds = {{g_signalPipe[0], POLLIN, 0}, {controlPipe_[0], POLLIN, 0}};
    for (const Watch& w : watches_) fds.push_back({w.fd, w.events, 0});
    int n = ::poll(fds.data(), fds.size(), timeoutMs);
    if (n < 0 && errno != EINTR)
      throw std::runtime_error(std::string("poll failed: ") + std::strerror(errno));
    // A callback may watch or unwatch descriptors: look each one up again before calling.
    for (size_t k = 2; n > 0 && k < fds.size(); ++k) {
      if (fds[k].revents == 0) continue;
      for (const Watch& w : watches_) {
        if (w.fd != fds[k].fd) continue;
        auto onReady = w.onReady;  // the callback may unwatch (and so destroy) itself
        onReady(fds[k].revents);
        break;
      }
    }
    if (n > 0 && (fds[0].revents & POLLIN)) {
      unsigned char signals[64];
      ssize_t got;
      while ((got = ::read(g_signalPipe[0], signals, sizeof signals)) > 0)
        for (ssize_t i = 0; i < got; ++i) handleSignal(signals[i]);
    }
    if (n > 0 && (fds[1].revents & POLLIN)) readControl();
    reap();
    advanceReplacements();
    enforceDeadlines();
    if (hooks_.onIdle) hooks_.onIdle();
  }
}

void Supervisor::enforceDeadlines() {
  double t = now();
  if (stopping_ && killAt_ > 0 && t >= killAt_) {
    auto kill = [&](int g, pid_t pid) {
      Log::writef(LogLevel::kWarning,
                  "worker[%s:%d] did not stop within %g s of stopTimeout, sending SIGKILL",
                  groups_[g].name.c_str(), static_cast<int>(pid), stopTimeout_);
      ::kill(pid, SIGKILL);
    };
    forEachChild([&](int g, int, Slot& s) { kill(g, s.pid); });
    for (const Retiree& r : retirees_) kill(r.group, r.pid);
    killAt_ = 0;
  }
  for (Retiree& r : retirees_) {
    if (r.killAt > 0 && t >= r.killAt) {
      Log::writef(LogLevel::kWarning,
                  "worker[%s:%d] did not stop within %g s of stopTimeout, sending SIGKILL",
                  groups_[r.group].name.c_str(), static_cast<int>(r.pid), stopTimeout_);
      ::kill(r.pid, SIGKILL);
      r.killAt = 0;
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
        Log::writef(LogLevel::kError, "fork failed for worker[%s]: %s; retrying in 1 s",
                    groups_[g].name.c_str(), std::strerror(errno));
        s.restartAt = t + 1;
        continue;
      }
      if (pid == 0) {
        int controlFd = controlPipe_[1];
        controlPipe_[1] = -1;
        restoreSignalsInChild();
        retirees_.clear();
        return ChildRole{static_cast<int>(g), static_cast<int>(i), controlFd};
      }
      s.pid = pid;
      s.ready = false;
      s.startedAt = t;
      if (hooks_.onChildStarted)
        hooks_.onChildStarted(static_cast<int>(g), static_cast<int>(i), pid);
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
    case SIGUSR1:
    case SIGUSR2:
      beginReload(signo == SIGUSR2);
      break;
    default:
      break;
  }
}

void Supervisor::beginStop(int signo, bool graceful) {
  if (stopping_) return;
  stopping_ = true;
  if (hooks_.onStopRequested) hooks_.onStopRequested(signo, graceful);
  reloadQueue_.clear();
  forEachChild([&](int, int, Slot& s) { ::kill(s.pid, graceful ? SIGQUIT : SIGTERM); });
  for (Retiree& r : retirees_) ::kill(r.pid, graceful ? SIGQUIT : SIGTERM);
  killAt_ = graceful ? 0 : now() + (stopTimeout_ > 0 ? stopTimeout_ : 0);
}

void Supervisor::reap() {
  for (;;) {
    int status = 0;
    pid_t pid = ::waitpid(-1, &status, WNOHANG);
    if (pid <= 0) return;
    bool retired = false;
    for (size_t k = 0; k < retirees_.size(); ++k) {
      if (retirees_[k].pid != pid) continue;
      Retiree r = retirees_[k];
      retirees_.erase(retirees_.begin() + static_cast<long>(k));
      bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
      if (!clean && !stopping_)
        Log::writef(exitLevel(status), "worker[%s:%d] %s", groups_[r.group].name.c_str(),
                    static_cast<int>(pid), describeExitStatus(status).c_str());
      if (hooks_.onChildExit) hooks_.onChildExit(r.group, -1, pid, status);
      // stopFirst: the successor of this retiree may start now.
      Slot& successor = slots_[r.group][r.slot];
      if (groups_[r.group].stopFirst && successor.pid == 0) successor.restartAt = now();
      retired = true;
      break;
    }
    if (retired) continue;
    bool mine = false;
    for (size_t g = 0; g < slots_.size(); ++g) {
      for (size_t i = 0; i < slots_[g].size(); ++i) {
        Slot& s = slots_[g][i];
        if (s.pid != pid) continue;
        mine = true;
        double lived = now() - s.startedAt;
        s.pid = 0;
        s.ready = false;
        bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        if (!stopping_ && !clean) {
          Log::writef(exitLevel(status), "worker[%s:%d] %s", groups_[g].name.c_str(),
                      static_cast<int>(pid), describeExitStatus(status).c_str());
        }
        if (hooks_.onChildExit)
          hooks_.onChildExit(static_cast<int>(g), static_cast<int>(i), pid, status);
        if (!stopping_) {
          s.fastDeaths = (!clean && lived < kFastDeathSeconds) ? s.fastDeaths + 1 : 0;
          double delay = restartDelay(s.fastDeaths);
          s.restartAt = now() + delay;
          if (delay > 0)
            Log::writef(
                LogLevel::kWarning,
                "worker[%s] died %d times in a row within %g s of starting; next start in %g s",
                groups_[g].name.c_str(), s.fastDeaths, kFastDeathSeconds, delay);
        }
      }
    }
    if (!mine && hooks_.onOtherChildExit) hooks_.onOtherChildExit(pid, status);
  }
}

void Supervisor::readControl() {
  int32_t messages[64];
  ssize_t got;
  while ((got = ::read(controlPipe_[0], messages, sizeof messages)) > 0) {
    for (ssize_t k = 0; k < got / static_cast<ssize_t>(sizeof(int32_t)); ++k) {
      int32_t m = messages[k];
      forEachChild([&](int g, int i, Slot& s) {
        if (m > 0 && s.pid == m) s.ready = true;
        // A recycle request: replace this child the way a reload would.
        if (m < 0 && s.pid == -m && !stopping_) replace(g, i, SIGTERM);
      });
    }
  }
}

void Supervisor::beginReload(bool graceful) {
  if (stopping_) return;
  if (reloading_) {
    Log::writef(LogLevel::kNotice, "reload requested while a reload is running; ignored");
    return;
  }
  reloading_ = true;
  reloadGraceful_ = graceful;
  if (hooks_.onReloadRequested) hooks_.onReloadRequested(graceful);
  int signo = graceful ? SIGUSR2 : SIGUSR1;
  reloadHeldBack_ = 0;
  for (size_t g = 0; g < slots_.size(); ++g) {
    // A reloadable group whose new processes could not start (the hook logged why) is left
    // as it is: not signalled, since its children would stop on the signal.
    bool held = groups_[g].reloadable && hooks_.mayReplaceGroup &&
                !hooks_.mayReplaceGroup(static_cast<int>(g));
    if (held) {
      ++reloadHeldBack_;
      continue;
    }
    for (size_t i = 0; i < slots_[g].size(); ++i) {
      if (slots_[g][i].pid == 0) continue;
      // A child that is not reloadable only runs onWorkerReload.
      if (!groups_[g].reloadable)
        ::kill(slots_[g][i].pid, signo);
      else
        reloadQueue_.emplace_back(static_cast<int>(g), static_cast<int>(i));
    }
  }
  advanceReplacements();
}

// Moves the child of (group, slot) to the retirees and lets spawnDue() fork its successor.
void Supervisor::replace(int group, int slot, int signo) {
  Slot& s = slots_[group][slot];
  for (const Retiree& r : retirees_)
    if (r.group == group && r.slot == slot && !r.signalled) return;  // one replacement at a time
  retirees_.push_back(Retiree{s.pid, group, slot, signo});
  s.pid = 0;
  s.ready = false;
  s.fastDeaths = 0;
  s.restartAt = now();
  if (groups_[group].stopFirst) {
    // Signalled at once; the successor is forked when the retiree has exited (reap()).
    Retiree& r = retirees_.back();
    ::kill(r.pid, r.signo);
    r.signalled = true;
    r.killAt = signo == SIGUSR2 ? 0 : now() + (stopTimeout_ > 0 ? stopTimeout_ : 0);
    s.restartAt = std::numeric_limits<double>::infinity();
    waitingGroup_ = group;
    waitingSlot_ = slot;
  }
}

void Supervisor::advanceReplacements() {
  if (stopping_) return;
  // Retire each old child as soon as its successor is ready.
  for (Retiree& r : retirees_) {
    if (r.signalled) continue;
    const Slot& successor = slots_[r.group][r.slot];
    if (successor.pid == 0 || !successor.ready) continue;
    ::kill(r.pid, r.signo);
    r.signalled = true;
    bool graceful = r.signo == SIGUSR2;
    r.killAt = graceful ? 0 : now() + (stopTimeout_ > 0 ? stopTimeout_ : 0);
  }
  if (!reloading_) return;
  // One slot at a time: the next starts only when no replacement is waiting.
  for (const Retiree& r : retirees_)
    if (!r.signalled) return;
  if (waitingGroup_ >= 0) {
    const Slot& s = slots_[waitingGroup_][waitingSlot_];
    if (s.pid == 0 || !s.ready) return;  // a stop-first successor not started or not ready
    waitingGroup_ = waitingSlot_ = -1;
  }
  while (!reloadQueue_.empty()) {
    auto [g, i] = reloadQueue_.front();
    reloadQueue_.erase(reloadQueue_.begin());
    if (slots_[g][i].pid == 0) continue;  // died meanwhile: its restart runs the new code
    replace(g, i, reloadGraceful_ ? SIGUSR2 : SIGUSR1);
    return;
  }
  reloading_ = false;
  if (reloadHeldBack_ == 0)
    Log::writef("reload done: every reloadable worker process was replaced");
  else
    Log::writef("reload done: %d worker(s) kept their processes (see above why)", reloadHeldBack_);
}

size_t Supervisor::alive() const {
  size_t n = retirees_.size();
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
