#include "run_all.h"

#include <pwd.h>
#include <signal.h>
#include <sys/utsname.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "base/log.h"
#include "boundary.h"
#include "callable.h"
#include "event/event_loop.h"
#include "event/poller.h"
#include "event/signal_watcher.h"
#include "net/listen_socket.h"
#include "php_surge.h"
#include "process/banner.h"
#include "process/command_line.h"
#include "process/daemon.h"
#include "process/exit_status.h"
#include "process/master_control.h"
#include "process/pid_file.h"
#include "process/supervisor.h"
#include "process/user_switch.h"
#include "runtime.h"
#include "status.h"
#include "worker_object.h"

extern "C" {
#include "SAPI.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "ext/random/php_random.h"
}

namespace surge::ext {

namespace {

struct StartInfo {
  std::string file;  // absolute path of the start script
  std::string base;  // its file name
  std::string tag;   // "Surge[start.php]"
  std::string pidFile;
};

std::string staticString(const char* name) {
  zval* v = zend_read_static_property(worker_ce, name, strlen(name), 1);
  return v && Z_TYPE_P(v) == IS_STRING ? std::string(Z_STRVAL_P(v), Z_STRLEN_P(v)) : "";
}

void setStaticString(const char* name, const std::string& value) {
  zval v;
  ZVAL_STRINGL(&v, value.data(), value.size());
  zend_update_static_property(worker_ce, name, strlen(name), &v);
  zval_ptr_dtor(&v);
}

double stopTimeout() {
  zval* v = zend_read_static_property(worker_ce, "stopTimeout", sizeof("stopTimeout") - 1, 1);
  double t = v ? zval_get_double(v) : 2.0;
  return t >= 0 ? t : 0;
}

void output(const std::string& text) {
  PHPWRITE(text.data(), text.size());
}

// Ends the script with `code` once runAll() returns (the PHP way to exit from C).
void exitWith(int code) {
  if (EG(exception)) return;
  EG(exit_status) = code;
  zend_throw_unwind_exit();
}

void setProcessTitle(const std::string& title) {
  zval fn, arg, ret;
  if (!zend_hash_str_exists(CG(function_table), "cli_set_process_title",
                            sizeof("cli_set_process_title") - 1))
    return;
  ZVAL_STRING(&fn, "cli_set_process_title");
  ZVAL_STRINGL(&arg, title.data(), title.size());
  int reporting = EG(error_reporting);
  EG(error_reporting) = 0;
  call_user_function(nullptr, nullptr, &fn, &ret, 1, &arg);
  EG(error_reporting) = reporting;
  zval_ptr_dtor(&fn);
  zval_ptr_dtor(&arg);
  zval_ptr_dtor(&ret);
  if (EG(exception)) zend_clear_exception();
}

StartInfo startInfo() {
  StartInfo info;
  std::string file = runtime::startFile();
  char resolved[PATH_MAX];
  if (realpath(file.c_str(), resolved)) file = resolved;
  info.file = file;
  size_t slash = file.rfind('/');
  std::string dir = slash == std::string::npos ? "." : file.substr(0, slash);
  info.base = slash == std::string::npos ? file : file.substr(slash + 1);
  info.tag = "Surge[" + info.base + "]";
  if (staticString("pidFile").empty())
    setStaticString("pidFile", dir + "/surge." + info.base + ".pid");
  if (staticString("logFile").empty()) setStaticString("logFile", dir + "/surge.log");
  if (staticString("statusFile").empty())
    setStaticString("statusFile", dir + "/surge." + info.base + ".status");
  info.pidFile = staticString("pidFile");
  return info;
}

std::vector<std::string> commandWords() {
  std::vector<std::string> words;
  for (int i = 1; i < SG(request_info).argc; ++i) words.emplace_back(SG(request_info).argv[i]);
  std::string extra = staticString("command");
  size_t pos = 0;
  while (pos < extra.size()) {
    size_t end = extra.find(' ', pos);
    if (end == std::string::npos) end = extra.size();
    if (end > pos) words.push_back(extra.substr(pos, end - pos));
    pos = end + 1;
  }
  return words;
}

// `php start.php stop [-g]`: signals the master and waits for it to be gone.
bool stopRunningMaster(const StartInfo& info, bool graceful) {
  // The master's own stopTimeout, plus time for it to exit once its children are gone.
  StopOutcome outcome =
      surge::stopRunningMaster(info.pidFile, graceful, stopTimeout() + 3, [&](pid_t) {
        runtime::log(info.tag + (graceful ? " is gracefully stopping ..." : " is stopping ..."));
      });
  switch (outcome) {
    case StopOutcome::kNotRunning:
      output(info.tag + " not run\n");
      return false;
    case StopOutcome::kTimedOut:
      runtime::log(info.tag + " stop fail");
      return false;
    case StopOutcome::kStopped:
      break;
  }
  runtime::log(info.tag + " stop success");
  return true;
}

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
// before anything forks and children inherit one socket (per child with reusePort).
bool listenInMaster() {
  for (zend_object* obj : runtime::workers()) {
    WorkerObject* w = workerFrom(obj);
    if (slotLong(obj, worker_props.count, 1) < 1) setSlotLong(obj, worker_props.count, 1);
    if (w->native->socketName.empty()) continue;
    if (!prepareWorkerListen(w)) return false;
    bool reusePort = zend_is_true(slot(obj, worker_props.reusePort));
    try {
      ListenOptions options;
      options.reusePort = reusePort;
      int fd = createListenSocket(w->native->address, options);
      if (reusePort)
        ::close(fd);  // each child binds its own
      else
        w->native->listenFd = fd;
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
  runtime::log(tag + " master: Worker::$" + name +
               (fatal ? " ended with a fatal error: " + lastPhpError() : " called exit()") +
               "; stopping the workers and exiting");
  // At once, before the supervisor forks anything again: every child stops as for SIGTERM.
  if (g_supervisor) g_supervisor->stop();
}

// --- the worker process ----------------------------------------------------------

std::vector<std::unique_ptr<SignalWatcher>> g_signals;

void onStopSignal(int signo, void*) {
  runtime::requestStop(0, signo == SIGQUIT);
}

void onReloadSignal(int signo, void*) {
  bool anyReloadable = false;
  for (zend_object* obj : runtime::workers()) {
    WorkerObject* w = workerFrom(obj);
    zval arg;
    ZVAL_OBJ(&arg, obj);
    callCallback(slot(obj, worker_props.onWorkerReload), &w->native->onWorkerReload, 1, &arg,
                 CallSite{"onWorkerReload", obj, 0});
    if (zend_is_true(slot(obj, worker_props.reloadable))) anyReloadable = true;
  }
  if (anyReloadable) runtime::requestStop(0, signo == SIGUSR2);
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

void runChild(const Supervisor::ChildRole& role, pid_t masterPid, StatusBoard* board) {
#ifdef __linux__
  // Children never outlive their master, even one killed with SIGKILL.
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != masterPid) _exit(0);
#endif
  php_mt_srand(static_cast<uint32_t>(getpid()) ^ static_cast<uint32_t>(time(nullptr)));
  zend_object* obj = runtime::workers()[static_cast<size_t>(role.group)];
  for (zend_object* other : runtime::workers()) {
    if (other == obj) continue;
    WorkerObject* o = workerFrom(other);
    if (o->native->listenFd >= 0) ::close(o->native->listenFd);
    o->native->listenFd = -1;
  }
  runtime::keepOnlyWorker(obj);
  runtime::setStatus(runtime::kRunning);
  EventLoop* created = nullptr;
  try {
    created = &runtime::createLoop();
    created->poller();  // now, so that a failure shows at start, not at the first connection
  } catch (const std::exception& e) {
    runtime::log("worker[" + workerNameOf(obj) + ":" + std::to_string(getpid()) +
                 "] cannot start its event loop: " + e.what());
    exitWith(250);
    return;
  }
  EventLoop& loop = *created;
  signal(SIGPIPE, SIG_IGN);
  for (int s : {SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGQUIT})
    g_signals.push_back(std::make_unique<SignalWatcher>(loop, s, &onStopSignal, nullptr));
  for (int s : {SIGUSR1, SIGUSR2})
    g_signals.push_back(std::make_unique<SignalWatcher>(loop, s, &onReloadSignal, nullptr));
  status::startPublishing(board, role.group);

  setSlotLong(obj, worker_props.id, role.slot);
  setProcessTitle("Surge: worker process  " + workerNameOf(obj) + " " + workerSocketNameOf(obj));
  switchUser(obj);
  runtime::setControlFd(role.controlFd);

  // A fatal error in any callback (onWorkerStart, onMessage, a timer...) unwinds with
  // longjmp to here, past the loop's frames: nothing below holds state that matters
  // beyond this process, which now ends with status 255 after saying why in the log.
  bool fatal = false;
  ExecutorState executor = ExecutorState::save();
  zend_try {
    zval ret;
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
      Supervisor::notifyReady(role.controlFd);
    }
    if (!exiting) loop.run();
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
    runtime::log("worker[" + workerNameOf(obj) + ":" + std::to_string(getpid()) + "] " + where +
                 " ended with a fatal error: " + lastPhpError() +
                 "; this process exits and the master starts a new one");
    EG(exit_status) = 255;
    exitWith(255);
    return;
  }
  exitWith(runtime::exitCode());
}

}  // namespace

void runAll() {
  if (runtime::status() != runtime::kInitial) {
    throwRuntime("Surge\\Worker::runAll() was already called in this process");
    return;
  }
  if (runtime::workers().empty()) {
    throwRuntime(
        "Surge\\Worker::runAll(): no worker to run; create one first, e.g. new "
        "Surge\\Worker('text://0.0.0.0:5678')");
    return;
  }
  StartInfo info = startInfo();
  CommandLine cmd = CommandLine::parse(commandWords());
  bool libraryMode = !staticString("command").empty();
  zval* daemonFlag = zend_read_static_property(worker_ce, "daemonize", sizeof("daemonize") - 1, 1);
  bool daemon = cmd.daemon || (daemonFlag && zend_is_true(daemonFlag));

  switch (cmd.command) {
    case CommandLine::Command::kNone:
      output(CommandLine::usage());
      exitWith(64);
      return;
    case CommandLine::Command::kStop:
      runtime::log(info.tag + " stop");
      exitWith(stopRunningMaster(info, cmd.graceful) ? 0 : 1);
      return;
    case CommandLine::Command::kReload: {
      runtime::log(info.tag + " reload");
      pid_t pid = PidFile::readLive(info.pidFile);
      if (pid == 0) {
        output(info.tag + " not run\n");
        exitWith(1);
        return;
      }
      ::kill(pid, cmd.graceful ? SIGUSR2 : SIGUSR1);
      exitWith(0);
      return;
    }
    case CommandLine::Command::kStatus:
      if (!cmd.json) runtime::log(info.tag + " status");
      exitWith(status::statusCommand(info.tag, staticString("statusFile"), info.pidFile,
                                     versionLine(), cmd.daemon, cmd.json));
      return;
    case CommandLine::Command::kConnections:
      runtime::log(info.tag + " connections");
      exitWith(status::connectionsCommand(info.tag, staticString("statusFile"), info.pidFile));
      return;
    case CommandLine::Command::kRestart:
      runtime::log(info.tag + " restart");
      if (PidFile::readLive(info.pidFile) != 0 && !stopRunningMaster(info, cmd.graceful)) {
        exitWith(1);
        return;
      }
      break;
    case CommandLine::Command::kStart:
      break;
  }

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
  if (!listenInMaster()) {
    closeMasterSockets();
    PidFile::unlockStart(info.pidFile, lock);
    return;
  }
  int daemonReady = -1;
  try {
    if (daemon) daemonReady = daemonize();
    PidFile::write(info.pidFile, getpid());
  } catch (const std::exception& e) {
    closeMasterSockets();
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
                      zend_is_true(slot(obj, worker_props.reloadable)) != 0});
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
    zval args[3];
    ZVAL_OBJ(&args[0], runtime::workers()[static_cast<size_t>(group)]);
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
  hooks.onStopRequested = [&info](int signo, bool graceful) {
    runtime::setStatus(runtime::kShutdown);
    // No child will be forked again: without the master's copy the port stops listening
    // as soon as the children close theirs, so new clients are refused instead of
    // waiting in a backlog nobody accepts from (a graceful stop can last long).
    closeMasterSockets();
    if (signo) runtime::log(info.tag + " received signal " + signalName(signo));
    runtime::log(info.tag + (graceful ? " is gracefully stopping" : " stopping"));
  };

  std::optional<Supervisor::ChildRole> role;
  {
    Supervisor supervisor(std::move(groups), stopTimeout(), std::move(hooks));
    g_supervisor = &supervisor;
    try {
      role = supervisor.run();
    } catch (const std::exception& e) {
      runtime::log(info.tag + " master failed: " + e.what());
    }
    g_supervisor = nullptr;
  }
  if (role) {
    runChild(*role, masterPid, board.get());
    return;
  }
  if (board) board->remove();
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

}  // namespace surge::ext
