// The master process: the listening sockets it creates before anything forks, the pid
// file, the banner, and the supervisor with its hooks into PHP (Worker::$onWorkerExit,
// $onMasterReload, $onMasterStop). The worker processes it forks go on in
// ext/worker_process.cc.
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/boundary.h"
#include "core/file_watch.h"
#include "core/callable.h"
#include "net/listen_socket.h"
#include "php_surge.h"
#include "process/banner.h"
#include "process/daemon.h"
#include "process/exit_status.h"
#include "process/pid_file.h"
#include "process/status_board.h"
#include "process/supervisor.h"
#include "core/timers.h"
#include "net/datagram_socket.h"
#include "event/event_loop.h"
#include "cluster/cluster_bus.h"
#include "cluster/directory.h"
#include "core/run_all_internal.h"
#include "core/runtime.h"
#include "core/status.h"
#include "core/worker_object.h"
#include "metrics/metrics_server.h"
#include "service/services.h"
#include "task/task_pool.h"

extern "C" {
#include "zend_exceptions.h"
}

namespace surge::ext::process {

std::string versionLine() {
  struct utsname u;
  std::string os = uname(&u) == 0 ? std::string(u.sysname) + "/" + u.release : "";
  std::string surge = "Surge/" PHP_SURGE_VERSION;
  std::string php = "PHP/" PHP_VERSION;
  auto pad = [](std::string s, size_t w) {
    return s.size() >= w ? s + " " : s + std::string(w - s.size(), ' ');
  };
  return pad(surge, 24) + pad(php, 30) + os;
}

namespace {

std::string currentUser() {
  struct passwd* pw = getpwuid(geteuid());
  return pw ? pw->pw_name : std::to_string(geteuid());
}

void printBanner(const StartInfo& info, bool daemon, bool libraryMode) {
  std::vector<BannerRow> rows;
  for (zend_object* obj : runtime::workers()) {
    WorkerObject* w = workerFrom(obj);
    BannerRow r;
    r.proto = w->native->transport.empty() ? "tcp" : w->native->transport;
    zval* user = slot(obj, worker_props.user);
    r.user = Z_TYPE_P(user) == IS_STRING && Z_STRLEN_P(user) ? Z_STRVAL_P(user) : currentUser();
    r.worker = workerNameOf(obj);
    r.listen = workerSocketNameOf(obj);
    r.count = static_cast<int>(slotLong(obj, worker_props.count, 1));
    rows.push_back(r);
  }
  std::string tail = libraryMode ? "Start success."
                     : daemon    ? "Input \"php " + info.base + " stop\" to stop. Start success.\n"
                                 : "Press Ctrl+C to stop. Start success.";
  output(renderBanner(versionLine(), rows, tail));
}

// Creates every listening socket in the master, so that "address in use" is reported
// before anything forks and children inherit it. With reusePort, one socket per process
// slot: the kernel spreads new connections over them, and each stays open in the master
// for as long as it runs, so that a retiring process's queue passes to its successor.
bool listenInMaster() {
  if (!cluster::validate()) return false;
  for (zend_object* obj : runtime::workers()) {
    WorkerObject* w = workerFrom(obj);
    if (slotLong(obj, worker_props.count, 1) < 1) setSlotLong(obj, worker_props.count, 1);
    // An event-loop driver Surge cannot run is reported before anything forks.
    if (!workerEventLoopDriver(obj)) return false;
    if (w->native->socketName.empty()) continue;
    if (!prepareWorkerListen(w)) return false;
    if (w->native->jobQueue) continue;  // a job consumer listens on nothing
    // A wrong timeout is reported here, before anything forks, not by every child.
    if (!loadTimeoutSettings(w, true)) return false;
    bool reusePort = zend_is_true(slot(obj, worker_props.reusePort));
    try {
      ListenOptions options;
      options.reusePort = reusePort;
      auto open = [&] {
        return w->native->datagram ? DatagramSocket::bind(w->native->address, reusePort)
                                   : createListenSocket(w->native->address, options);
      };
      if (!reusePort) {
        w->native->listenFd = open();
        continue;
      }
      zend_long count = slotLong(obj, worker_props.count, 1);
      w->native->slotListenFds.reserve(static_cast<size_t>(count));
      for (zend_long i = 0; i < count; ++i) w->native->slotListenFds.push_back(open());
    } catch (const std::exception& e) {
      throwRuntime("Surge\\Worker %s: %s", w->native->socketName.c_str(), e.what());
      return false;
    }
  }
  return true;
}

void closeMasterSockets() {
  for (zend_object* obj : runtime::workers()) {
    WorkerObject* w = workerFrom(obj);
    if (w->native->listenFd >= 0) ::close(w->native->listenFd);
    w->native->listenFd = -1;
    for (int fd : w->native->slotListenFds) ::close(fd);
    w->native->slotListenFds.clear();
  }
}

void removeUnixSocketFiles() {
  for (zend_object* obj : runtime::workers()) {
    WorkerObject* w = workerFrom(obj);
    if (w->native->transport == "unix" && w->native->address.family() == AF_UNIX)
      ::unlink(w->native->address.ip().c_str());
  }
}

void callStaticHook(const char* name, uint32_t argc, zval* argv) {
  zval* hook = zend_read_static_property(worker_ce, name, strlen(name), 1);
  if (hook == nullptr || Z_TYPE_P(hook) <= IS_NULL) return;
  ZVAL_DEREF(hook);
  callCallback(hook, nullptr, argc, argv, CallSite{name, nullptr, 0});
}

// The master hook that ended with a fatal error or exit(), if any: the master then stops.
const char* g_masterHookDied = nullptr;
// The running supervisor (master only), for hooks that must stop it.
Supervisor* g_supervisor = nullptr;

// Calls a master hook from inside the supervisor, whose frames must not be unwound by a
// fatal error's longjmp (they hold the children's state): the hook runs in zend_try, and
// a fatal error or exit() there stops the workers and ends the master cleanly (pid and
// status files removed) instead of leaving orphans and stale files behind.
void callMasterHook(const std::string& tag, const char* name, uint32_t argc, zval* argv) {
  if (g_masterHookDied) return;  // stopping for that already: run no more PHP
  bool fatal = false;
  ExecutorState executor = ExecutorState::save();
  zend_try {
    callStaticHook(name, argc, argv);
  }
  zend_catch {
    fatal = true;
    executor.restore();
  }
  zend_end_try();
  if (!fatal && !runtime::exiting()) return;
  g_masterHookDied = name;
  runtime::log(LogLevel::kError,
               tag + " master: Worker::$" + name +
                   (fatal ? " ended with a fatal error: " + lastPhpError() : " called exit()") +
                   "; stopping the workers and exiting");
  // At once, before the supervisor forks anything again: every child stops as for SIGTERM.
  if (g_supervisor) g_supervisor->stop();
}

// Runs the master's due timers, with a fatal error or exit() in one handled as in a hook.
void runMasterTimers(const std::string& tag) {
  bool fatal = false;
  ExecutorState executor = ExecutorState::save();
  zend_try {
    runtime::loop()->runReady();
  }
  zend_catch {
    fatal = true;
    executor.restore();
  }
  zend_end_try();
  if (!fatal && !runtime::exiting()) return;
  g_masterHookDied = "a timer";
  runtime::log(LogLevel::kError,
               tag + " master: a timer callback" +
                   (fatal ? " ended with a fatal error: " + lastPhpError() : " called exit()") +
                   "; stopping the workers and exiting");
  if (g_supervisor) g_supervisor->stop();
}

}  // namespace

void runMaster(const StartInfo& info, const CommandLine& cmd, bool daemon, bool libraryMode) {
  runtime::setStatus(runtime::kStarting);
  int lock;
  try {
    lock = PidFile::lockStart(info.pidFile);
  } catch (const std::exception& e) {
    throwRuntime("%s", e.what());
    return;
  }
  if (PidFile::readLive(info.pidFile) != 0) {
    PidFile::unlockStart(info.pidFile, lock);
    output(info.tag + " already running\n");
    exitWith(1);
    return;
  }
  if (!listenInMaster() || !metrics::listenInMaster() || !task::preparePools() ||
      !watch::prepare(cmd, info)) {
    closeMasterSockets();
    metrics::close();
    PidFile::unlockStart(info.pidFile, lock);
    return;
  }
  int daemonReady = -1;
  try {
    if (daemon) daemonReady = daemonize();
    PidFile::write(info.pidFile, getpid());
  } catch (const std::exception& e) {
    closeMasterSockets();
    metrics::close();
    PidFile::unlockStart(info.pidFile, lock);
    throwRuntime("%s", e.what());
    return;
  }
  PidFile::unlockStart(info.pidFile, lock);
  pid_t masterPid = getpid();

  // Logged (and, as Workerman does, echoed above the banner) before Worker::$daemonize
  // turns the echo of later log lines off.
  runtime::log(info.tag + (daemon ? " start in DAEMON mode" : " start in DEBUG mode"));
  if (daemon) {
    zval t;
    ZVAL_TRUE(&t);
    zend_update_static_property(worker_ce, "daemonize", sizeof("daemonize") - 1, &t);
  }
  if (!cmd.quiet) printBanner(info, daemon, libraryMode);
  if (daemon) {
    redirectStdio(staticString("stdoutFile"));
    daemonStarted(daemonReady);  // the `start -d` command returns now, with status 0
  }
  setProcessTitle("Surge: master process  start_file=" + info.file);
  runtime::setStatus(runtime::kRunning);

  std::vector<Supervisor::Group> groups;
  for (zend_object* obj : runtime::workers())
    groups.push_back({workerNameOf(obj), static_cast<int>(slotLong(obj, worker_props.count, 1)),
                      zend_is_true(slot(obj, worker_props.reloadable)) != 0,
                      // Without a socket there is nothing to keep serving during a reload.
                      workerFrom(obj)->native->socketName.empty()});
  task::addGroups(&groups);  // task processes: a group per Worker with taskCount > 0
  Supervisor::Hooks hooks;
  // SIGIO and SIGIOT are Workerman's connections/status requests: the board answers
  // those without the master, which must not die of them.
  signal(SIGIO, SIG_IGN);
  signal(SIGIOT, SIG_IGN);
  std::unique_ptr<StatusBoard> board = status::createBoard(staticString("statusFile"), daemon);
  hooks.onChildStarted = [&board](int group, int, pid_t pid) {
    status::childStarted(board.get(), group, pid);
  };
  hooks.onChildExit = [&board, &info](int group, int, pid_t pid, int status) {
    status::childExited(board.get(), group, pid, status);
    task::childExited(group, pid);
    directory::processExited(pid);
    zval args[3];
    ZVAL_OBJ(&args[0], task::workerOfGroup(group));
    ZVAL_LONG(&args[1], status);
    ZVAL_LONG(&args[2], pid);
    callMasterHook(info.tag, "onWorkerExit", 3, args);
  };
  hooks.onReloadRequested = [&info, daemon](bool graceful) {
    runtime::log(info.tag + (graceful ? " gracefully reloading" : " reloading"));
    // Log rotation: a reload reopens the daemon's output file.
    if (daemon) redirectStdio(staticString("stdoutFile"));
    callMasterHook(info.tag, "onMasterReload", 0, nullptr);
  };
  hooks.mayReplaceGroup = [](int group) {
    return reloadWorkerTls(workerFrom(task::workerOfGroup(group)));
  };
  hooks.onStopRequested = [&info](int signo, bool graceful) {
    runtime::setStatus(runtime::kShutdown);
    // No child will be forked again: without the master's copy the port stops listening
    // as soon as the children close theirs, so new clients are refused instead of
    // waiting in a backlog nobody accepts from (a graceful stop can last long).
    closeMasterSockets();
    if (signo) runtime::log(info.tag + " received signal " + signalName(signo));
    runtime::log(info.tag + (graceful ? " is gracefully stopping" : " stopping"));
  };

  // Timers the start file added before runAll() run in the master, as in Workerman.
  hooks.idleLimitMs = [] {
    int timers = runtime::loop() && timerCount() > 0 ? 100 : -1;
    int settle = watch::idleLimitMs();
    return timers < 0 || (settle >= 0 && settle < timers) ? settle : timers;
  };
  hooks.onIdle = [&info] {
    metrics::sweep();
    if (runtime::loop() && !g_masterHookDied) runMasterTimers(info.tag);
    if (g_supervisor && !g_masterHookDied) watch::onIdle(*g_supervisor, info);
  };

  // Supervised services (Surge\Service): chained into the hooks, started with the workers.
  auto services =
      service::MasterServices::attach(&hooks, staticString("statusFile"), stopTimeout());

  directory::createForServer();
  std::optional<Supervisor::ChildRole> role;
  {
    Supervisor supervisor(std::move(groups), stopTimeout(), std::move(hooks));
    g_supervisor = &supervisor;
    watch::attach(supervisor);
    if (services) services->bind(&supervisor);
    metrics::serve(supervisor, board.get());
    try {
      role = supervisor.run();
    } catch (const std::exception& e) {
      runtime::log(LogLevel::kError, info.tag + " master failed: " + e.what());
    }
    g_supervisor = nullptr;
    if (services) services->bind(nullptr);
  }
  watch::release();
  metrics::close();  // in a child: forgets the master's endpoint without closing its sockets
  if (role) {
    runChild(*role, masterPid, board.get());
    return;
  }
  if (board) board->remove();
  if (services) services->finish();
  closeMasterSockets();
  removeUnixSocketFiles();
  PidFile::remove(info.pidFile);
  runtime::log(info.tag + " has been stopped");
  if (g_masterHookDied) {
    // After a fatal error PHP's state is not to be trusted: no more callbacks.
    exitWith(255);
    return;
  }
  callMasterHook(info.tag, "onMasterStop", 0, nullptr);
  exitWith(0);
}

}  // namespace surge::ext::process
