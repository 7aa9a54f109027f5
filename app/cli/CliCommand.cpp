#include "CliCommand.h"

#include <array>

#include "DemoCommand.h"

namespace wick::cli {

std::span<const CliCommand> cliCommands()
{
    // Add a subcommand: a <Name>Command.h/.cpp pair and one row here.
    static constexpr std::array commands = {
        CliCommand {"demo", "write the demo feed's 1m bars as CSV (offline, simulated data)",
            &runDemoCommand},
    };
    return commands;
}

}  // namespace wick::cli
