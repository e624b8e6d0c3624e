#include "process/service_manager.h"

#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>

#include "base/log.h"
#include "process/service_launch.h"
#include "process/supervisor.h"

namespace surge {

namespace {

std::string tag(const ServiceSpec& spec, pid_t pid) {
  return "service[" + spec.name + (pid > 0 ? ":" + std::to_string(pid) : std::string()) + "]";
}

std::string seconds(double s) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", s);
  return text;
}

}  // namespace

ServiceManager::ServiceManager(std::vector<ServiceSpec> specs, Watcher watcher,
                               std::string stateFile)
    : watcher_(std::move(watcher)), stateFile_(std::move(stateFile)), masterPid_(getpid()) {
  for (ServiceSpec& spec : specs) {
    auto s = std::make_unique<Instance>();
    s->spec = std::move(spec);
    services_.push_back(std::move(s));
  }
}

ServiceManager::~ServiceManager() {
  // In a worker the pipes were closed right after fork() (they are watched descriptors)
  // and the services are the master's: nothing to do there.
  if (!inMaster()) return;
  for (auto& s : services_) closeOutput(*s);
}

bool ServiceManager::inMaster() const {
  return getpid() == masterPid_;
}

double ServiceManager::backoffDelay(const ServiceSpec& spec, int quickExits) {
  if (quickExits < 1) quickExits = 1;
  double delay = spec.backoffInitial * std::pow(2.0, std::min(quickExits - 1, 60));
  return delay > spec.backoffMax ? spec.backoffMax : delay;
}

void ServiceManager::start() {
  for (auto& s : services_) launch(*s);
  publish();
}

void ServiceManager::launch(Instance& s) {
  ServiceLaunch l = launchService(s.spec);
  double t = Supervisor::now();
  if (l.pid == 0) {
    s.exited = false;
    ++s.quickExits;
    Log::write(tag(s.spec, 0) + " cannot start: " + l.error);
    if (s.spec.restart == ServiceSpec::Restart::kNever) {
      s.state = Instance::State::kStopped;
      Log::write(tag(s.spec, 0) + " not retried (restart: never)");
      return;
    }
    double delay = backoffDelay(s.spec, s.quickExits);
    s.state = Instance::State::kBackoff;
    s.restartAt = t + delay;
    Log::write(tag(s.spec, 0) + " retrying in " + seconds(delay) + " s");
    return;
  }
  if (s.everStarted) ++s.restarts;
  s.everStarted = true;
  s.pid = l.pid;
  s.outFd = l.outFd;
  s.state = Instance::State::kRunning;
  s.startedAt = t;
  s.startedUnix = time(nullptr);
  s.killAt = 0;
  std::string command;
  for (const std::string& a : s.spec.argv) command += (command.empty() ? "" : " ") + a;
  Log::write(tag(s.spec, s.pid) + " started: " + command);
  Instance* self = &s;
  watcher_.watch(s.outFd, [this, self](short) { readOutput(*self); });
}

void ServiceManager::readOutput(Instance& s) {
  if (s.outFd < 0) return;
  std::string prefix = tag(s.spec, s.pid) + " ";
  auto emit = [&](std::string_view line) { Log::write(prefix + std::string(line)); };
  char buffer[16384];
  for (int rounds = 0; rounds < 16; ++rounds) {  // a chatty service cannot hold the loop
    ssize_t got = ::read(s.outFd, buffer, sizeof buffer);
    if (got > 0) {
      s.lines.feed(std::string_view(buffer, static_cast<size_t>(got)), emit);
      continue;
    }
    if (got < 0 && (errno == EINTR)) continue;
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    // End of file (every writer closed it) or an error: nothing more will come.
    s.lines.flush(emit);
    closeOutput(s);
    return;
  }
}

void ServiceManager::closeOutput(Instance& s) {
  if (s.outFd < 0) return;
  watcher_.unwatch(s.outFd);
  ::close(s.outFd);
  s.outFd = -1;
}

bool ServiceManager::onChildExit(pid_t pid, int status) {
  for (auto& p : services_) {
    Instance& s = *p;
    if (s.pid != pid || pid <= 0) continue;
    // What it wrote before it exited comes first; a descendant still holding the pipe
    // loses its voice (its output has no service to be attributed to any more).
    readOutput(s);
    if (s.outFd >= 0) {
      s.lines.flush(
          [&](std::string_view line) { Log::write(tag(s.spec, pid) + " " + std::string(line)); });
      closeOutput(s);
    }
    s.pid = 0;
    s.exited = true;
    s.lastStatus = status;
    bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    std::string what = tag(s.spec, pid) + " " + describeServiceExit(status);
    if (stopping_) {
      s.state = Instance::State::kStopped;
      Log::write(what);
      publish();
      return true;
    }
    bool again = s.spec.restart == ServiceSpec::Restart::kAlways ||
                 (s.spec.restart == ServiceSpec::Restart::kOnFailure && !clean);
    if (!again) {
      s.state = Instance::State::kStopped;
      Log::write(what + "; not restarted (restart: " + ServiceSpec::restartName(s.spec.restart) +
                 ")");
      publish();
      return true;
    }
    double lived = Supervisor::now() - s.startedAt;
    s.quickExits = lived >= s.spec.backoffReset ? 1 : s.quickExits + 1;
    double delay = backoffDelay(s.spec, s.quickExits);
    s.state = Instance::State::kBackoff;
    s.restartAt = Supervisor::now() + delay;
    Log::write(what + "; restarting in " + seconds(delay) + " s");
    publish();
    return true;
  }
  return false;
}

void ServiceManager::tick() {
  if (!inMaster()) return;
  double t = Supervisor::now();
  bool changed = false;
  for (auto& p : services_) {
    Instance& s = *p;
    if (!stopping_ && s.state == Instance::State::kBackoff && t >= s.restartAt) {
      launch(s);
      changed = true;
    }
    if (s.pid > 0 && s.killAt > 0 && t >= s.killAt) {
      Log::write(tag(s.spec, s.pid) + " did not stop within " + seconds(s.spec.stopTimeout) +
                 " s of stopTimeout, sending SIGKILL");
      if (::kill(-s.pid, SIGKILL) != 0) ::kill(s.pid, SIGKILL);
      s.killAt = 0;
    }
  }
  if (changed) publish();
}

double ServiceManager::nextDeadline() const {
  double next = 0;
  auto consider = [&next](double at) {
    if (at > 0 && (next == 0 || at < next)) next = at;
  };
  for (const auto& p : services_) {
    if (!stopping_ && p->state == Instance::State::kBackoff) consider(p->restartAt);
    if (p->pid > 0) consider(p->killAt);
  }
  return next;
}

void ServiceManager::stop() {
  if (stopping_ || !inMaster()) return;
  stopping_ = true;
  double t = Supervisor::now();
  for (auto& p : services_) {
    Instance& s = *p;
    if (s.pid <= 0) {
      s.state = Instance::State::kStopped;
      continue;
    }
    // The whole process group: a shell's children stop with it. Only the program itself if
    // it has left its group; never both, or a program that handles SIGTERM sees it twice.
    if (::kill(-s.pid, SIGTERM) != 0) ::kill(s.pid, SIGTERM);
    s.killAt = t + (s.spec.stopTimeout > 0 ? s.spec.stopTimeout : 0);
  }
  publish();
}

size_t ServiceManager::alive() const {
  size_t n = 0;
  for (const auto& p : services_)
    if (p->pid > 0) ++n;
  return n;
}

std::vector<ServiceView> ServiceManager::views() const {
  std::vector<ServiceView> out;
  for (const auto& p : services_) {
    const Instance& s = *p;
    ServiceView v;
    v.name = s.spec.name;
    v.pid = s.pid;
    v.state = s.state == Instance::State::kRunning   ? "running"
              : s.state == Instance::State::kBackoff ? "backoff"
                                                     : "stopped";
    v.restarts = s.restarts;
    v.started = s.everStarted ? s.startedUnix : 0;
    v.exited = s.exited;
    v.lastStatus = s.lastStatus;
    out.push_back(std::move(v));
  }
  return out;
}

void ServiceManager::publish() const {
  if (stateFile_.empty() || !inMaster()) return;
  if (!writeFileAtomically(stateFile_, formatServiceFile(views())))
    Log::write("cannot write the services' state to " + stateFile_ +
               ": `status` will not show them; check that its folder is writable");
}

void ServiceManager::removeStateFile() {
  if (!stateFile_.empty() && inMaster()) ::unlink(stateFile_.c_str());
}

}  // namespace surge
