// app/cli: wick-cli, the headless face of wick_core. Each subcommand lives in
// its own file and is listed once in CliCommand.cpp; main.cpp dispatches.
// A command runs on the main thread (its QCoreApplication's).
#pragma once

#include <span>

#include <QString>
#include <QStringList>

namespace wick::cli {

struct CliCommand {
    const char *name;  // "demo"
    const char *summary;  // one line for `wick-cli --help`
    // arguments[0] is the command's name, the rest its options. Returns the exit status.
    int (*run)(const QStringList &arguments);
};

std::span<const CliCommand> cliCommands();

}  // namespace wick::cli
