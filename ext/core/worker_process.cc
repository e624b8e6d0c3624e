// A worker process, from the supervisor's fork to its exit: it keeps only its own worker
// and listening socket, builds its event loop and signal handlers, switches user, calls
// Worker::run() (onWorkerStart) and runs the loop. The master side is
// ext/master_process.cc.
#include <signal.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "cluster/directory.h"
#include "core/boundary.h"
#include "core/callable.h"
#include "event/event_loop.h"
#include "event/poller.h"
#include "event/signal_watcher.h"
#include "php_surge.h"
#include "process/supervisor.h"
#include "process/user_switch.h"
#include "core/run_all_internal.h"
#include "core/protocol_errors.h"
#include "core/runtime.h"
#include "core/status.h"
#include "core/timers.h"
#include "core/workerman_switch.h"
#include "http/access_log.h"
#include "logs/log_settings.h"
#include "events/event_loop.h"
#include "core/worker_object.h"
#include "task/task_pool.h"

extern "C" {
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "ext/random/php_random.h"
}

namespace surge::ext::process {

namespace {

std::vector<std::unique_ptr<SignalWatcher>> g_signals;

void onStopSignal(int signo, void*) {
  runtime::requestStop(0, signo == SIGQUIT);
}

void onReloadSignal(int signo, void*) {
  access_log::reopen();  // logrotate moved it; a process that is kept needs a fresh one
  std::vector<zend_object*> list = runtime::workers();
  if (list.empty()) return;
  for (zend_object* obj : list) {
    WorkerObject* w = workerFrom(obj);
    zval arg;
    ZVAL_OBJ(&arg, obj);
    callCallback(slot(obj, worker_props.onWorkerReload), &w->native->onWorkerReload, 1, &arg,
                 CallSite{"onWorkerReload", obj, 0});
  }
  // The worker the master forked this process for decides, as in Workerman: a Worker
  // created and listen()ed in this process (GatewayWorker's inner worker, reloadable by
  // default) must not restart a process whose own worker said reloadable = false.
  if (zend_is_true(slot(list.front(), worker_props.reloadable)))
    runtime::requestStop(0, signo == SIGUSR2);
}

// Workerman's user/group switch, done in each worker process (the master keeps root so
// it can bind privileged ports and signal its children).
void switchUser(zend_object* obj) {
  zval* userProp = slot(obj, worker_props.user);
  zval* groupProp = slot(obj, worker_props.group);
  std::string user = Z_TYPE_P(userProp) == IS_STRING ? Z_STRVAL_P(userProp) : "";
  std::string group = Z_TYPE_P(groupProp) == IS_STRING ? Z_STRVAL_P(groupProp) : "";
  if (user.empty() && group.empty()) return;
  // The worker keeps writing the log, and owns its Unix socket file like Workerman's.
  std::vector<std::string> chownPaths;
  std::string logFile = staticString("logFile");
  if (!logFile.empty() && logFile != "/dev/null") chownPaths.push_back(logFile);
  WorkerObject* w = workerFrom(obj);
  if (w->native->transport == "unix") chownPaths.push_back(w->native->address.ip());
  std::string warning = surge::switchUser(user, group, chownPaths);
  if (!warning.empty()) runtime::log(warning);
}

}  // namespace

void runChild(const Supervisor::ChildRole& role, pid_t masterPid, StatusBoard* board) {
#ifdef __linux__
  // Children never outlive their master, even one killed with SIGKILL.
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != masterPid) _exit(0);
#endif
  php_mt_srand(static_cast<uint32_t>(getpid()) ^ static_cast<uint32_t>(time(nullptr)));
  zend_object* obj = task::workerOfGroup(role.group);
  // Only this process's socket stays open here: its worker's shared one, or with
  // reusePort the one of its slot (the master keeps them all).
  for (zend_object* each : runtime::workers()) {
    WorkerObject* o = workerFrom(each);
    std::vector<int>& slots = o->native->slotListenFds;
    for (size_t i = 0; i < slots.size(); ++i) {
      if (each == obj && i == static_cast<size_t>(role.slot))
        o->native->listenFd = slots[i];
      else
        ::close(slots[i]);
    }
    slots.clear();
    if (each == obj) continue;
    if (o->native->listenFd >= 0) ::close(o->native->listenFd);
    o->native->listenFd = -1;
  }
  runtime::keepOnlyWorker(obj);
  runtime::setStatus(runtime::kRunning);
  if (runtime::loop()) {  // timers or watchers the start file added before runAll()
    forgetInheritedTimers();
    events::forgetInheritedWatchers();
    runtime::forgetInheritedLoop();
  }
  EventLoop* created = nullptr;
  try {
    created = &runtime::createLoop();
    created->poller();  // now, so that a failure shows at start, not at the first connection
  } catch (const std::exception& e) {
    runtime::log(LogLevel::kError, "worker[" + workerNameOf(obj) + ":" + std::to_string(getpid()) +
                                       "] cannot start its event loop: " + e.what());
    exitWith(250);
    return;
  }
  EventLoop& loop = *created;
  directory::startInProcess(loop);
  signal(SIGPIPE, SIG_IGN);
  for (int s : {SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGQUIT})
    g_signals.push_back(std::make_unique<SignalWatcher>(loop, s, &onStopSignal, nullptr));
  for (int s : {SIGUSR1, SIGUSR2})
    g_signals.push_back(std::make_unique<SignalWatcher>(loop, s, &onReloadSignal, nullptr));
  status::startPublishing(board, role.group);
  logs::setProcessWorker(workerNameOf(obj));
  access_log::startInProcess(obj, loop);

  setSlotLong(obj, worker_props.id, role.slot);
  setProcessTitle("Surge: worker process  " + workerNameOf(obj) + " " + workerSocketNameOf(obj));
  switchUser(obj);
  runtime::setControlFd(role.controlFd);
  // Checked in the master before anything forked, so this does not fail.
  if (zend_class_entry* driver = workerEventLoopDriver(obj)) {
    events::startProcessLoop(driver);
    // As Workerman: in a worker process Worker::$eventLoopClass names the loop it runs
    // (libraries such as workerman/coroutine choose their driver from it).
    zval* chosen =
        zend_read_static_property(worker_ce, "eventLoopClass", sizeof("eventLoopClass") - 1, 1);
    if (chosen && (Z_TYPE_P(chosen) != IS_STRING || Z_STRLEN_P(chosen) == 0)) {
      std::string name = workerman::protocolName(driver).substr(1);  // no leading backslash
      zend_update_static_property_stringl(worker_ce, "eventLoopClass", sizeof("eventLoopClass") - 1,
                                          name.data(), name.size());
    }
  }
  if (EG(exception)) zend_clear_exception();

  // A fatal error in any callback (onWorkerStart, onMessage, a timer...) unwinds with
  // longjmp to here, past the loop's frames: nothing below holds state that matters
  // beyond this process, which now ends with status 255 after saying why in the log.
  bool fatal = false;
  ExecutorState executor = ExecutorState::save();
  zend_try {
    zval ret;
    ZVAL_UNDEF(&ret);
    // A task process runs onTask instead of the Worker (ext/task).
    if (!task::runsTasks(obj, role.group, role.slot, masterPid))
      zend_call_method_with_0_params(obj, obj->ce, nullptr, "run", &ret);
    zval_ptr_dtor(&ret);
    bool exiting = false;
    if (EG(exception)) {
      exiting = reportPendingException(CallSite{"run()", obj, 0}) == CallOutcome::kExiting;
      if (!exiting) runtime::requestStop(250, false);
    }
    // Only a worker that started cleanly counts as ready: a reload waits for that before
    // retiring the process it replaces.
    if (!exiting && !runtime::stopping()) {
      armRecycleLimits(workerFrom(obj));
      armProcessLimits(workerFrom(obj));
      loadTimeoutSettings(workerFrom(obj), false);
      Supervisor::notifyReady(role.controlFd);
    }
    if (!exiting) loop.run();
    protocol_errors::finish();
  }
  zend_catch {
    fatal = true;
    executor.restore();
  }
  zend_end_try();
  if (fatal) {
    CallSite site = runningCallback();
    std::string where = site.callback ? site.callback : "PHP code";
    if (site.connectionId) where += " of connection " + std::to_string(site.connectionId);
    runtime::log(LogLevel::kError, "worker[" + workerNameOf(obj) + ":" + std::to_string(getpid()) +
                                       "] " + where +
                                       " ended with a fatal error: " + lastPhpError() +
                                       "; this process exits and the master starts a new one");
    EG(exit_status) = 255;
    exitWith(255);
    return;
  }
  exitWith(runtime::exitCode());
}

}  // namespace surge::ext::process
