#include "process/command_line.h"

namespace surge {

CommandLine CommandLine::parse(const std::vector<std::string>& words) {
  CommandLine out;
  for (const std::string& w : words) {
    if (out.command == Command::kNone) {
      if (w == "start")
        out.command = Command::kStart;
      else if (w == "stop")
        out.command = Command::kStop;
      else if (w == "restart")
        out.command = Command::kRestart;
      else if (w == "reload")
        out.command = Command::kReload;
      else if (w == "status")
        out.command = Command::kStatus;
      else if (w == "connections")
        out.command = Command::kConnections;
    }
    if (w == "-d")
      out.daemon = true;
    else if (w == "-g")
      out.graceful = true;
    else if (w == "-q")
      out.quiet = true;
    else if (w == "--json")
      out.json = true;
    else if (w == "--watch")
      out.watch = true;
    else if (w.rfind("--watch=", 0) == 0) {
      out.watch = true;
      std::string list = w.substr(8);
      for (size_t start = 0; start <= list.size();) {
        size_t comma = list.find(',', start);
        if (comma == std::string::npos) comma = list.size();
        if (comma > start) out.watchFolders.push_back(list.substr(start, comma - start));
        start = comma + 1;
      }
    }
  }
  return out;
}

const char* CommandLine::name(Command command) {
  switch (command) {
    case Command::kStart:
      return "start";
    case Command::kStop:
      return "stop";
    case Command::kRestart:
      return "restart";
    case Command::kReload:
      return "reload";
    case Command::kStatus:
      return "status";
    case Command::kConnections:
      return "connections";
    case Command::kNone:
      break;
  }
  return "";
}

std::string CommandLine::usage() {
  return "Usage: php yourfile <command> [mode]\n"
         "Commands: \n"
         "start\t\tStart worker in DEBUG mode.\n"
         "\t\tUse mode -d to start in DAEMON mode.\n"
         "\t\tUse --watch[=dir,...] to reload when a .php file changes.\n"
         "stop\t\tStop worker.\n"
         "\t\tUse mode -g to stop gracefully.\n"
         "restart\t\tRestart workers.\n"
         "\t\tUse mode -d to start in DAEMON mode.\n"
         "\t\tUse mode -g to stop gracefully.\n"
         "reload\t\tReload codes.\n"
         "\t\tUse mode -g to reload gracefully.\n"
         "status\t\tGet worker status.\n"
         "\t\tUse mode -d to show live status, --json for JSON.\n"
         "connections\tGet worker connections.\n";
}

}  // namespace surge
