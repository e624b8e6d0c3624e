#include "process/command_line.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace surge {
namespace {

using Command = CommandLine::Command;

TEST(CommandLineTest, NoWords) {
  CommandLine c = CommandLine::parse({});
  EXPECT_EQ(c.command, Command::kNone);
  EXPECT_FALSE(c.daemon);
  EXPECT_FALSE(c.graceful);
  EXPECT_FALSE(c.quiet);
}

TEST(CommandLineTest, EveryCommand) {
  EXPECT_EQ(CommandLine::parse({"start"}).command, Command::kStart);
  EXPECT_EQ(CommandLine::parse({"stop"}).command, Command::kStop);
  EXPECT_EQ(CommandLine::parse({"restart"}).command, Command::kRestart);
  EXPECT_EQ(CommandLine::parse({"reload"}).command, Command::kReload);
  EXPECT_EQ(CommandLine::parse({"status"}).command, Command::kStatus);
  EXPECT_EQ(CommandLine::parse({"connections"}).command, Command::kConnections);
}

TEST(CommandLineTest, Modes) {
  CommandLine c = CommandLine::parse({"start", "-d"});
  EXPECT_EQ(c.command, Command::kStart);
  EXPECT_TRUE(c.daemon);
  EXPECT_FALSE(c.graceful);
  EXPECT_FALSE(c.quiet);

  c = CommandLine::parse({"stop", "-g"});
  EXPECT_EQ(c.command, Command::kStop);
  EXPECT_TRUE(c.graceful);
  EXPECT_FALSE(c.daemon);

  c = CommandLine::parse({"status", "-q"});
  EXPECT_TRUE(c.quiet);

  c = CommandLine::parse({"restart", "-d", "-g", "-q"});
  EXPECT_EQ(c.command, Command::kRestart);
  EXPECT_TRUE(c.daemon);
  EXPECT_TRUE(c.graceful);
  EXPECT_TRUE(c.quiet);
}

TEST(CommandLineTest, WordsInAnyOrder) {
  CommandLine c = CommandLine::parse({"-d", "start"});
  EXPECT_EQ(c.command, Command::kStart);
  EXPECT_TRUE(c.daemon);

  c = CommandLine::parse({"-g", "-q", "reload", "-d"});
  EXPECT_EQ(c.command, Command::kReload);
  EXPECT_TRUE(c.daemon);
  EXPECT_TRUE(c.graceful);
  EXPECT_TRUE(c.quiet);
}

TEST(CommandLineTest, TheFirstCommandWins) {
  EXPECT_EQ(CommandLine::parse({"stop", "start"}).command, Command::kStop);
  EXPECT_EQ(CommandLine::parse({"-d", "status", "restart"}).command, Command::kStatus);
}

TEST(CommandLineTest, UnknownWordsAreIgnored) {
  // As with `php start.php`: the script name and anything unrecognised are skipped.
  CommandLine c =
      CommandLine::parse({"start.php", "--verbose", "START", "-x", "start", "foo", "-d"});
  EXPECT_EQ(c.command, Command::kStart);
  EXPECT_TRUE(c.daemon);
  EXPECT_FALSE(c.graceful);

  c = CommandLine::parse({"begin", "-D", "-G", "d", "stopp", ""});
  EXPECT_EQ(c.command, Command::kNone);
  EXPECT_FALSE(c.daemon);
  EXPECT_FALSE(c.graceful);
  EXPECT_FALSE(c.quiet);
}

TEST(CommandLineTest, ModesWithoutACommand) {
  CommandLine c = CommandLine::parse({"-d", "-q"});
  EXPECT_EQ(c.command, Command::kNone);
  EXPECT_TRUE(c.daemon);
  EXPECT_TRUE(c.quiet);
}

TEST(CommandLineTest, Names) {
  EXPECT_STREQ(CommandLine::name(Command::kStart), "start");
  EXPECT_STREQ(CommandLine::name(Command::kStop), "stop");
  EXPECT_STREQ(CommandLine::name(Command::kRestart), "restart");
  EXPECT_STREQ(CommandLine::name(Command::kReload), "reload");
  EXPECT_STREQ(CommandLine::name(Command::kStatus), "status");
  EXPECT_STREQ(CommandLine::name(Command::kConnections), "connections");
  EXPECT_STREQ(CommandLine::name(Command::kNone), "");
  // Every name parses back to its command.
  for (Command c : {Command::kStart, Command::kStop, Command::kRestart, Command::kReload,
                    Command::kStatus, Command::kConnections})
    EXPECT_EQ(CommandLine::parse({CommandLine::name(c)}).command, c);
}

TEST(CommandLineTest, JsonFlagForStatus) {
  CommandLine c = CommandLine::parse({"status", "--json"});
  EXPECT_EQ(c.command, CommandLine::Command::kStatus);
  EXPECT_TRUE(c.json);
  EXPECT_FALSE(c.daemon);
  EXPECT_FALSE(CommandLine::parse({"status"}).json);
  EXPECT_FALSE(CommandLine::parse({"status", "json"}).json);
}

TEST(CommandLineTest, WatchFlagWithOrWithoutFolders) {
  CommandLine plain = CommandLine::parse({"start", "--watch"});
  EXPECT_EQ(plain.command, CommandLine::Command::kStart);
  EXPECT_TRUE(plain.watch);
  EXPECT_TRUE(plain.watchFolders.empty());
  CommandLine listed = CommandLine::parse({"--watch=app,config,,/srv/lib", "start", "-d"});
  EXPECT_TRUE(listed.watch);
  EXPECT_TRUE(listed.daemon);
  EXPECT_EQ(listed.watchFolders, (std::vector<std::string>{"app", "config", "/srv/lib"}));
  EXPECT_FALSE(CommandLine::parse({"start"}).watch);
  EXPECT_FALSE(CommandLine::parse({"start", "watch"}).watch);
}

TEST(CommandLineTest, UsageText) {
  std::string usage = CommandLine::usage();
  ASSERT_FALSE(usage.empty());
  EXPECT_EQ(usage.substr(0, usage.find('\n')), "Usage: php yourfile <command> [mode]");
  EXPECT_EQ(usage.back(), '\n');
  for (const char* word : {"start", "stop", "restart", "reload", "status", "connections", "-d",
                           "-g", "--json", "--watch"})
    EXPECT_NE(usage.find(word), std::string::npos) << word;
}

}  // namespace
}  // namespace surge
