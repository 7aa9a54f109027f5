// tests/support: runCli, wick-cli run as a process (the WICK_CLI environment
// variable names it) for the CLI integration tests: exit code, stdout, stderr.
// Test thread; runCli blocks until the process ends (60 s at most, then
// exitCode -1); runCliServing keeps this thread's event loop turning meanwhile,
// for a fake server that lives on it (the Binance and Yahoo collect tests).
#pragma once

#include <QElapsedTimer>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTest>

namespace wick {

struct CliRun {
    int exitCode = -1;  // -1: did not finish normally
    QString out;
    QString err;
};

inline CliRun runCli(const QStringList &arguments, int timeoutMs = 60'000)
{
    QProcess process;
    process.start(qEnvironmentVariable("WICK_CLI"), arguments);
    CliRun run;
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.exitCode = process.exitCode();
    run.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    run.err = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

inline CliRun runCliServing(const QStringList &arguments, int timeoutMs = 60'000)
{
    QProcess process;
    process.start(qEnvironmentVariable("WICK_CLI"), arguments);
    CliRun run;
    if (!process.waitForStarted(10'000))
        return run;
    QElapsedTimer timer;
    timer.start();
    while (process.state() != QProcess::NotRunning && timer.elapsed() < timeoutMs)
        QTest::qWait(20);
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    if (process.exitStatus() != QProcess::NormalExit)
        return run;
    run.exitCode = process.exitCode();
    run.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    run.err = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

}  // namespace wick
