// The wick app: command line and logging; AppController wires feed -> engine ->
// UI and the cache. Threads: the UI on the main thread, the engine on
// "wick-engine", the demo feed on "wick-feed-demo", the cache on "wick-storage"
// and "wick-cache-read".
#include <cstdio>
#include <memory>
#include <string_view>

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QIcon>
#include <QPixmap>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

#include <spdlog/spdlog.h>

#include "AppController.h"
#include "MainWindow.h"
#include "i18n/Translations.h"
#include "log/Logging.h"

namespace {

struct Options {
    QString dataDir;
    quint64 demoSeed = 1;
    double demoSpeed = 1.0;
    double demoRate = 1.0;
    QString screenshot;
    double quitAfterSeconds = 0.0;
    bool verbose = false;
};

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "wick: %s\n", qPrintable(message));
    std::exit(1);
}

Options parseOptions(const QApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Wick, a native desktop market terminal."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
        QCoreApplication::translate("main", "Keep the cache, settings and logs in <dir>."),
        QStringLiteral("dir"));
    const QCommandLineOption seed(QStringLiteral("demo-seed"),
        QCoreApplication::translate(
            "main", "Seed of the demo feed's simulated market (default 1)."),
        QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption speed(QStringLiteral("demo-speed"),
        QCoreApplication::translate(
            "main", "Run the demo market <x> times faster than the clock (default 1)."),
        QStringLiteral("x"), QStringLiteral("1"));
    const QCommandLineOption rate(QStringLiteral("demo-rate"),
        QCoreApplication::translate(
            "main", "Multiply the demo feed's trade rate by <x> (default 1)."),
        QStringLiteral("x"), QStringLiteral("1"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QCoreApplication::translate(
            "main", "Write a PNG of the main window to <file> when --quit-after elapses."),
        QStringLiteral("file"));
    const QCommandLineOption quitAfter(QStringLiteral("quit-after"),
        QCoreApplication::translate("main", "Quit after <seconds>."), QStringLiteral("seconds"));
    const QCommandLineOption verbose(
        QStringLiteral("verbose"), QCoreApplication::translate("main", "Log debug messages."));
    parser.addOptions({dataDir, seed, speed, rate, screenshot, quitAfter, verbose});
    parser.process(app);

    Options options;
    options.dataDir = parser.isSet(dataDir)
        ? parser.value(dataDir)
        : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    bool ok = false;
    options.demoSeed = parser.value(seed).toULongLong(&ok);
    if (!ok)
        fail(QStringLiteral("--demo-seed needs a non-negative integer, got '%1'")
                 .arg(parser.value(seed)));
    options.demoSpeed = parser.value(speed).toDouble(&ok);
    if (!ok || !(options.demoSpeed > 0.0) || options.demoSpeed > 100000.0)
        fail(QStringLiteral("--demo-speed needs a number in (0, 100000], got '%1'")
                 .arg(parser.value(speed)));
    options.demoRate = parser.value(rate).toDouble(&ok);
    if (!ok || !(options.demoRate > 0.0) || options.demoRate > 1000.0)
        fail(QStringLiteral("--demo-rate needs a number in (0, 1000], got '%1'")
                 .arg(parser.value(rate)));
    options.screenshot = parser.value(screenshot);
    if (parser.isSet(quitAfter)) {
        options.quitAfterSeconds = parser.value(quitAfter).toDouble(&ok);
        if (!ok || !(options.quitAfterSeconds >= 0.0))
            fail(QStringLiteral("--quit-after needs a number of seconds, got '%1'")
                     .arg(parser.value(quitAfter)));
    } else if (!options.screenshot.isEmpty()) {
        fail(QStringLiteral("--screenshot needs --quit-after SECONDS"));
    }
    options.verbose = parser.isSet(verbose);
    return options;
}

// Qt cannot start a GUI without a display. --help, --version and a screenshot
// run need none: they get the offscreen platform; anything else gets a clear
// message instead of Qt's abort.
void chooseHeadlessPlatform(int argc, char *argv[])
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    if (qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY")
        || qEnvironmentVariableIsSet("WAYLAND_DISPLAY"))
        return;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v"
            || arg == "--version" || arg == "--screenshot" || arg.starts_with("--screenshot=")) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
            return;
        }
    }
    fail(QStringLiteral("no display (DISPLAY and WAYLAND_DISPLAY are unset); run it under "
                        "xvfb-run -a, or headless with QT_QPA_PLATFORM=offscreen and "
                        "--screenshot FILE.png --quit-after SECONDS"));
#else
    Q_UNUSED(argc);
    Q_UNUSED(argv);
#endif
}

}  // namespace

int main(int argc, char *argv[])
{
    chooseHeadlessPlatform(argc, argv);
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Wick"));
    QCoreApplication::setApplicationName(QStringLiteral("Wick"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WICK_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/wick.svg")));
    wick::installTranslators(app);

    const Options options = parseOptions(app);
    if (!QDir().mkpath(options.dataDir))
        fail(QStringLiteral("cannot create the data directory %1").arg(options.dataDir));
    const QDir dataDir(options.dataDir);
    wick::initLogging({dataDir.filePath(QStringLiteral("logs")), QStringLiteral("wick.log"), true,
        options.verbose});
    spdlog::info("Wick {} starting; data in {}", WICK_VERSION,
        QDir::toNativeSeparators(dataDir.absolutePath()).toStdString());

    auto settings = std::make_unique<QSettings>(
        dataDir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);

    // The demo feed: the market "now", its history ending at the current minute
    // (or continuing after what the cache holds, see AppController).
    wick::AppConfig config;
    config.dataDir = dataDir.absolutePath();
    config.demo.seed = options.demoSeed;
    config.demo.start = QDateTime::currentMSecsSinceEpoch() / wick::kMinuteMs * wick::kMinuteMs;
    config.demo.speed = options.demoSpeed;
    config.demo.rate = options.demoRate;
    // Opens the cache, paints the last session from it, then starts the feed.
    auto controller = std::make_unique<wick::AppController>(config, std::move(settings));
    wick::MainWindow *window = controller->window();
    window->show();

    int exitCode = 0;
    if (options.quitAfterSeconds > 0.0 || !options.screenshot.isEmpty()) {
        const int ms = static_cast<int>(options.quitAfterSeconds * 1000.0);
        QTimer::singleShot(ms, &app, [&] {
            if (!options.screenshot.isEmpty()) {
                const QPixmap picture = window->grab();
                if (picture.isNull() || !picture.save(options.screenshot, "PNG")) {
                    spdlog::error(
                        "cannot write the screenshot to {}", options.screenshot.toStdString());
                    exitCode = 2;
                } else {
                    spdlog::info("screenshot written to {} ({}x{})",
                        options.screenshot.toStdString(), picture.width(), picture.height());
                }
            }
            QCoreApplication::quit();
        });
    }

    const int loopCode = app.exec();
    spdlog::info("Wick shutting down");
    controller.reset();  // stops the feed, saves what is pending, closes the cache
    spdlog::default_logger()->flush();
    return exitCode != 0 ? exitCode : loopCode;
}
