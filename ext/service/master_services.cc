// The master's side of Surge\Service: a ServiceManager chained into the Supervisor's hooks.
#include <poll.h>
#include <unistd.h>

#include "service/services.h"

namespace surge::ext::service {

namespace {
MasterServices* g_running = nullptr;
}  // namespace

std::unique_ptr<MasterServices> MasterServices::attach(Supervisor::Hooks* hooks,
                                                       const std::string& statusFile,
                                                       double defaultStopTimeout) {
  std::string stateFile = statusFile.empty() ? "" : statusFile + ".services";
  if (declared().empty()) {
    // Left by a master that was killed: `status` must not show its services as ours.
    if (!stateFile.empty()) ::unlink(stateFile.c_str());
    return nullptr;
  }
  std::vector<ServiceSpec> specs = declared();
  for (ServiceSpec& s : specs)
    if (s.stopTimeout < 0) s.stopTimeout = defaultStopTimeout;
  std::unique_ptr<MasterServices> services(new MasterServices());
  MasterServices* self = services.get();
  ServiceManager::Watcher watcher;
  watcher.watch = [self](int fd, std::function<void(short)> onReady) {
    if (self->supervisor_) self->supervisor_->watchFd(fd, POLLIN, std::move(onReady));
  };
  watcher.unwatch = [self](int fd) {
    if (self->supervisor_) self->supervisor_->unwatchFd(fd);
  };
  services->manager_ =
      std::make_unique<ServiceManager>(std::move(specs), std::move(watcher), std::move(stateFile));
  ServiceManager* m = services->manager_.get();

  hooks->onOtherChildExit = [m](pid_t pid, int status) { m->onChildExit(pid, status); };
  hooks->othersAlive = [m] { return m->alive(); };
  // Not started yet: wake up at once (after the first workers were forked) to start them.
  hooks->nextDeadline = [self, m] {
    return self->started_ ? m->nextDeadline() : Supervisor::now();
  };
  auto onIdle = std::move(hooks->onIdle);
  hooks->onIdle = [self, m, onIdle] {
    if (!self->started_ && self->supervisor_) {
      self->started_ = true;
      m->start();
    }
    m->tick();
    if (onIdle) onIdle();
  };
  auto onStop = std::move(hooks->onStopRequested);
  hooks->onStopRequested = [self, m, onStop](int signo, bool graceful) {
    if (onStop) onStop(signo, graceful);
    self->started_ = true;  // a stop before the first wake-up starts nothing
    m->stop();
  };
  g_running = self;
  return services;
}

MasterServices::~MasterServices() {
  if (g_running == this) g_running = nullptr;
}

void MasterServices::finish() {
  manager_->removeStateFile();
  if (g_running == this) g_running = nullptr;
}

const ServiceManager* masterServices() {
  return g_running ? &g_running->manager() : nullptr;
}

}  // namespace surge::ext::service
