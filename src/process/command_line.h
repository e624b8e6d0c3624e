#pragma once

#include <string>
#include <vector>

namespace surge {

// The words of `php start.php <command> [mode]`, in any order, as Workerman reads them.
struct CommandLine {
  enum class Command { kNone, kStart, kStop, kRestart, kReload, kStatus, kConnections };

  Command command = Command::kNone;
  bool daemon = false;    // -d
  bool graceful = false;  // -g
  bool quiet = false;     // -q
  bool json = false;      // --json (status)
  // --watch or --watch=dir,... (start, restart): reload when a .php file changes. Empty
  // folders: the start file's folder.
  bool watch = false;
  std::vector<std::string> watchFolders;

  static CommandLine parse(const std::vector<std::string>& words);
  static const char* name(Command command);
  static std::string usage();
};

}  // namespace surge
