// wick-cli: `wick-cli <command> [options]`; `wick-cli --help` lists the commands.
#include <cstdio>

#include <QCoreApplication>

#include "CliCommand.h"
#include "CliSupport.h"

namespace {

void printUsage(std::FILE *out)
{
    QString text = QStringLiteral("Usage: wick-cli <command> [options]\n"
                                  "The headless face of Wick: market data without a window.\n\n"
                                  "Commands:\n");
    for (const auto &command : wick::cli::cliCommands()) {
        text += QStringLiteral("  %1  %2\n")
                    .arg(QLatin1String(command.name), -10)
                    .arg(QLatin1String(command.summary));
    }
    text += QStringLiteral(
        "\nOptions:\n"
        "  -h, --help     this list; `wick-cli <command> --help` for a command's options\n"
        "  -v, --version  the version\n");
    std::fputs(text.toLocal8Bit().constData(), out);
}

}  // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("wick-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WICK_VERSION));

    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2) {
        printUsage(stderr);
        return 2;
    }
    const QString &first = arguments.at(1);
    if (first == QLatin1String("--help") || first == QLatin1String("-h")
        || first == QLatin1String("help")) {
        printUsage(stdout);
        return 0;
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        std::printf("wick-cli %s\n", WICK_VERSION);
        return 0;
    }
    for (const auto &command : wick::cli::cliCommands()) {
        if (first == QLatin1String(command.name))
            return command.run(arguments.mid(1));
    }
    return wick::cli::fail(
        QString(), QStringLiteral("unknown command '%1' (see wick-cli --help)").arg(first), 2);
}
