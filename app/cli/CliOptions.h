// app/cli/CliOptions: the option handling every wick-cli subcommand shares --
// -h/--help with the command's own usage line, parse errors and stray
// positional arguments as one-line failures (status 2), required values and
// times with the same messages everywhere. Lives on the main thread, for the
// one run of a command.
#pragma once

#include <functional>
#include <optional>

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include "CliSupport.h"
#include "model/Types.h"

namespace wick::cli {

class CliOptions
{
public:
    // command: "export"; usage: the help's first line ("Usage: wick-cli export ...");
    // description: the paragraph under it.
    CliOptions(QString command, QString usage, const QString &description);

    // --db FILE, the same for every command that opens the cache (see cachePathOr).
    static QCommandLineOption dbOption();

    void add(const QCommandLineOption &option);
    void add(const QList<QCommandLineOption> &options);
    // An option that does its own thing and ends the run, like --help (demo --list):
    // checked right after --help, before positional arguments are refused.
    void addAction(const QCommandLineOption &option, std::function<int()> run);
    // Positional arguments are taken (search's QUERY) instead of refused; `name`
    // and `description` go into --help.
    void acceptPositional(const QString &name, const QString &description);
    QStringList positional() const { return m_parser.positionalArguments(); }
    // Text printed after the options in --help (indicators: the catalogue).
    void setHelpFooter(const QString &text) { m_helpFooter = text; }

    // Parses arguments (arguments[0] is the command's name). The run is over when
    // this returns a status: 0 after --help (printed on stdout) or an action, 2
    // after an unknown option or a positional argument (the reason on stderr).
    // std::nullopt: go on.
    std::optional<int> parse(const QStringList &arguments);

    bool isSet(const QCommandLineOption &option) const { return m_parser.isSet(option); }
    QString value(const QCommandLineOption &option) const { return m_parser.value(option); }
    QStringList values(const QCommandLineOption &option) const { return m_parser.values(option); }

    // The value of a required option, or (after "--NAME VALUENAME is required"
    // on stderr, status() 2) std::nullopt.
    std::optional<QString> required(const QCommandLineOption &option);
    // A time option (ISO-8601 UTC or unix seconds): fallback when it is not
    // set; std::nullopt (after the reason on stderr, status() 2) when it does
    // not parse.
    std::optional<TimeMs> time(const QCommandLineOption &option, TimeMs fallback);
    // --symbol and --timeframe (see parseSeriesArgs); std::nullopt: status() says.
    std::optional<SeriesArgs> series(
        const QCommandLineOption &symbol, const QCommandLineOption &timeframe);

    // Prints "wick-cli COMMAND: reason" on stderr; returns status (and keeps it as status()).
    int fail(const QString &reason, int status = 1);
    // The exit status of the last failure (0 when none).
    int status() const { return m_status; }

    const QString &command() const { return m_command; }
    const QCommandLineParser &parser() const { return m_parser; }

private:
    struct Action {
        QCommandLineOption option;
        std::function<int()> run;
    };

    QString m_command;
    QString m_usage;
    QString m_helpFooter;
    QCommandLineParser m_parser;
    QCommandLineOption m_helpOption;
    QList<Action> m_actions;
    int m_status = 0;
    bool m_positional = false;
};

}  // namespace wick::cli
