#include "core/run_all.h"

#include <signal.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <string>
#include <vector>

#include "process/command_line.h"
#include "process/master_control.h"
#include "process/pid_file.h"
#include "core/run_all_internal.h"
#include "core/runtime.h"
#include "core/status.h"
#include "core/worker_object.h"
#include "metrics/metrics_classes.h"
#include "http/access_log.h"
#include "logs/log_settings.h"

extern "C" {
#include "SAPI.h"
#include "zend_exceptions.h"
}

namespace surge::ext {

namespace process {

std::string staticString(const char* name) {
  zval* v = zend_read_static_property(worker_ce, name, strlen(name), 1);
  return v && Z_TYPE_P(v) == IS_STRING ? std::string(Z_STRVAL_P(v), Z_STRLEN_P(v)) : "";
}

double stopTimeout() {
  zval* v = zend_read_static_property(worker_ce, "stopTimeout", sizeof("stopTimeout") - 1, 1);
  double t = v ? zval_get_double(v) : 2.0;
  return t >= 0 ? t : 0;
}

void output(const std::string& text) {
  PHPWRITE(text.data(), text.size());
}

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

}  // namespace process

namespace {

using process::exitWith;
using process::output;
using process::StartInfo;
using process::staticString;

void setStaticString(const char* name, const std::string& value) {
  zval v;
  ZVAL_STRINGL(&v, value.data(), value.size());
  zend_update_static_property(worker_ce, name, strlen(name), &v);
  zval_ptr_dtor(&v);
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
      surge::stopRunningMaster(info.pidFile, graceful, process::stopTimeout() + 3, [&](pid_t) {
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
  if (!logs::validateSettings() || !access_log::validateWorkers()) return;
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
                                     process::versionLine(), cmd.daemon, cmd.json));
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
  // The application metrics' shared memory, before anything forks.
  if (!metrics::prepareApplicationMetrics()) return;
  process::runMaster(info, cmd, daemon, libraryMode);
}

}  // namespace surge::ext
