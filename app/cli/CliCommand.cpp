#include "CliCommand.h"

#include <array>

#include "AlertsCommand.h"
#include "CollectCommand.h"
#include "DemoCommand.h"
#include "ExportCommand.h"
#include "FeaturesCommand.h"
#include "ImportCommand.h"
#include "IndicatorsCommand.h"
#include "QuotesCommand.h"
#include "ScanCommand.h"
#include "SearchCommand.h"

namespace wick::cli {

std::span<const CliCommand> cliCommands()
{
    // Add a subcommand: a <Name>Command.h/.cpp pair and one row here.
    static constexpr std::array commands = {
        CliCommand {"demo", "write the demo feed's 1m bars as CSV (offline, simulated data)",
            &runDemoCommand},
        CliCommand {"indicators", "compute indicators over a CSV of bars", &runIndicatorsCommand},
        CliCommand {
            "import", "store a CSV of bars in the cache, checking every row", &runImportCommand},
        CliCommand {"export", "write cached bars as CSV", &runExportCommand},
        CliCommand {
            "collect", "run a live feed headless into the cache (binance)", &runCollectCommand},
        CliCommand {"alerts", "evaluate alert rules over a CSV of bars or trades, fires as CSV",
            &runAlertsCommand},
        CliCommand {"scan", "one alert condition over many cached symbols, the matches as CSV",
            &runScanCommand},
        CliCommand {"features", "ML features per bar (returns, volatility, indicators, calendar)",
            &runFeaturesCommand},
        CliCommand {"quotes", "the latest quote of every symbol in a file, as CSV (yahoo)",
            &runQuotesCommand},
        CliCommand {"search", "the symbols a source offers for a query (yahoo, binance)",
            &runSearchCommand},
    };
    return commands;
}

}  // namespace wick::cli
