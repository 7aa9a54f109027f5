#include "CliOptions.h"

#include <cstdio>

namespace wick::cli {

CliOptions::CliOptions(QString command, QString usage, const QString &description)
    : m_command(std::move(command))
    , m_usage(std::move(usage))
    , m_helpOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."))
{
    m_parser.setApplicationDescription(description);
    m_parser.addOption(m_helpOption);
}

QCommandLineOption CliOptions::dbOption()
{
    return QCommandLineOption(QStringLiteral("db"),
        QStringLiteral("The cache file (default: the app's cache.db)."), QStringLiteral("FILE"));
}

void CliOptions::add(const QCommandLineOption &option)
{
    m_parser.addOption(option);
}

void CliOptions::add(const QList<QCommandLineOption> &options)
{
    m_parser.addOptions(options);
}

void CliOptions::addAction(const QCommandLineOption &option, std::function<int()> run)
{
    m_parser.addOption(option);
    m_actions.append(Action {option, std::move(run)});
}

void CliOptions::acceptPositional(const QString &name, const QString &description)
{
    m_parser.addPositionalArgument(name, description);
    m_positional = true;
}

std::optional<int> CliOptions::parse(const QStringList &arguments)
{
    if (!m_parser.parse(arguments))
        return fail(m_parser.errorText(), 2);
    if (m_parser.isSet(m_helpOption)) {
        const QString help = helpWithUsage(m_parser, m_usage) + m_helpFooter;
        std::fputs(help.toLocal8Bit().constData(), stdout);
        return 0;
    }
    for (const Action &action : m_actions) {
        if (m_parser.isSet(action.option))
            return action.run();
    }
    if (!m_positional && !m_parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument '%1'")
                        .arg(m_parser.positionalArguments().constFirst()),
            2);
    return std::nullopt;
}

std::optional<QString> CliOptions::required(const QCommandLineOption &option)
{
    const QString text = m_parser.value(option);
    if (!text.isEmpty())
        return text;
    fail(QStringLiteral("--%1 %2 is required").arg(option.names().constFirst(), option.valueName()),
        2);
    return std::nullopt;
}

std::optional<TimeMs> CliOptions::time(const QCommandLineOption &option, TimeMs fallback)
{
    if (!m_parser.isSet(option))
        return fallback;
    if (const auto parsed = parseTime(m_parser.value(option)))
        return parsed;
    fail(QStringLiteral("--%1 must be ISO-8601 UTC (2026-01-02T03:04:00Z) or unix seconds, "
                        "not '%2'")
             .arg(option.names().constFirst(), m_parser.value(option)),
        2);
    return std::nullopt;
}

std::optional<SeriesArgs> CliOptions::series(
    const QCommandLineOption &symbol, const QCommandLineOption &timeframe)
{
    return parseSeriesArgs(m_command, m_parser.value(symbol), m_parser.value(timeframe), &m_status);
}

int CliOptions::fail(const QString &reason, int status)
{
    m_status = status;
    return wick::cli::fail(m_command, reason, status);
}

}  // namespace wick::cli
