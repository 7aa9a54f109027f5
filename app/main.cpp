// The wick app: command line and logging; AppController wires the MainWindow to
// the MarketSession (core/session), which runs the engine on "wick-engine",
// each source on "wick-feed-<source>" and the cache on "wick-storage" and
// "wick-cache-read". The UI runs on the main thread.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QIcon>
#include <QPixmap>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>

#include <spdlog/spdlog.h>

#include "AppController.h"
#include "MainWindow.h"
#include "chart/ChartExport.h"
#include "chart/ChartStyle.h"
#include "chart/ChartView.h"
#include "health/DataHealthWindow.h"
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
    bool offline = false;
    QString binanceWsUrl;
    QString binanceRestUrl;
    // The other network sources' base URLs: source, the setting ("restUrl", "wsUrl"), URL.
    struct SourceUrl {
        QString source;
        QString key;
        QString url;
    };
    std::vector<SourceUrl> sourceUrls;
    QStringList addSymbols;
    bool showHealth = false;
    QString chartType;  // a chartTypeKey; empty: the saved one
    QString priceScale;  // a scaleModeKey; empty: the saved one
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
    const QCommandLineOption offline(QStringLiteral("offline"),
        QCoreApplication::translate(
            "main", "Use no network source (the demo feed and the cache only)."));
    const QCommandLineOption binanceWs(QStringLiteral("binance-ws-url"),
        QCoreApplication::translate("main",
            "Binance WebSocket base URL (default: settings sources/binance/wsUrl, then "
            "WICK_BINANCE_WS_URL, then wss://data-stream.binance.vision)."),
        QStringLiteral("url"));
    const QCommandLineOption binanceRest(QStringLiteral("binance-rest-url"),
        QCoreApplication::translate("main",
            "Binance REST base URL (default: settings sources/binance/restUrl, then "
            "WICK_BINANCE_REST_URL, then https://data-api.binance.vision)."),
        QStringLiteral("url"));
    const QCommandLineOption addSymbol(QStringLiteral("add-symbol"),
        QCoreApplication::translate("main",
            "Add <key> (binance:BTCUSDT, demo:AAPL) to the watchlist and show it; "
            "repeatable."),
        QStringLiteral("key"));
    const QCommandLineOption health(QStringLiteral("show-health"),
        QCoreApplication::translate("main",
            "Open the data-health window (with --screenshot F.png it is saved as "
            "F-health.png)."));
    const QCommandLineOption chartType(QStringLiteral("chart-type"),
        QCoreApplication::translate("main",
            "Draw the chart as <type>: candles, hollow, bars, line, area, baseline, "
            "heikin-ashi."),
        QStringLiteral("type"));
    const QCommandLineOption priceScale(QStringLiteral("price-scale"),
        QCoreApplication::translate("main", "Price scale <mode>: linear, log, percent."),
        QStringLiteral("mode"));
    parser.addOptions({dataDir, seed, speed, rate, screenshot, quitAfter, verbose, offline,
        binanceWs, binanceRest, addSymbol, health, chartType, priceScale});
    // --yahoo-rest-url, --alphavantage-rest-url, --alpaca-rest-url, --alpaca-ws-url:
    // over settings sources/<name>/restUrl (wsUrl) and WICK_<NAME>_REST_URL (WS_URL).
    struct UrlOption {
        const char *source;
        const char *shown;
        bool rest;
    };
    std::vector<std::pair<Options::SourceUrl, QCommandLineOption>> urlOptions;
    for (const UrlOption &u : {UrlOption {"yahoo", "Yahoo Finance", true},
             UrlOption {"alphavantage", "Alpha Vantage", true},
             UrlOption {"alpaca", "Alpaca", true}, UrlOption {"alpaca", "Alpaca", false}}) {
        const QString source = QString::fromLatin1(u.source);
        const QString help = u.rest
            ? QCoreApplication::translate("main",
                "%1 REST base URL (default: settings sources/%2/restUrl, then WICK_%3_REST_URL).")
            : QCoreApplication::translate("main",
                "%1 WebSocket base URL (default: settings sources/%2/wsUrl, then "
                "WICK_%3_WS_URL).");
        urlOptions.emplace_back(
            Options::SourceUrl {
                source, u.rest ? QStringLiteral("restUrl") : QStringLiteral("wsUrl"), QString()},
            QCommandLineOption(
                QStringLiteral("%1-%2-url").arg(source, QLatin1String(u.rest ? "rest" : "ws")),
                help.arg(QLatin1String(u.shown), source, source.toUpper()), QStringLiteral("url")));
        parser.addOption(urlOptions.back().second);
    }
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
    options.offline = parser.isSet(offline);
    options.binanceWsUrl = parser.value(binanceWs);
    options.binanceRestUrl = parser.value(binanceRest);
    for (const QString &url : {options.binanceWsUrl, options.binanceRestUrl}) {
        if (!url.isEmpty() && !QUrl(url, QUrl::StrictMode).isValid())
            fail(QStringLiteral("not a valid URL: '%1'").arg(url));
    }
    for (auto [url, option] : urlOptions) {
        if (!parser.isSet(option))
            continue;
        url.url = parser.value(option);
        if (!QUrl(url.url, QUrl::StrictMode).isValid())
            fail(QStringLiteral("--%1: not a valid URL: '%2'")
                     .arg(option.names().constFirst(), url.url));
        options.sourceUrls.push_back(url);
    }
    options.addSymbols = parser.values(addSymbol);
    for (const QString &key : std::as_const(options.addSymbols)) {
        if (!key.contains(QLatin1Char(':')))
            fail(QStringLiteral("--add-symbol needs source:CODE (binance:BTCUSDT), got '%1'")
                     .arg(key));
    }
    options.showHealth = parser.isSet(health);
    options.chartType = parser.value(chartType);
    if (!options.chartType.isEmpty() && !wick::chartTypeFromKey(options.chartType))
        fail(QStringLiteral("--chart-type: no such type '%1'").arg(options.chartType));
    options.priceScale = parser.value(priceScale);
    if (!options.priceScale.isEmpty() && !wick::scaleModeFromKey(options.priceScale))
        fail(QStringLiteral("--price-scale: no such mode '%1'").arg(options.priceScale));
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

    // The sources by name (sources/<name>/... in settings.ini); the command line
    // wins over the settings, WICK_BINANCE_*_URL over the settings but not over it.
    wick::AppConfig config;
    config.dataDir = dataDir.absolutePath();
    config.sources = wick::readSourceSettings(*settings);
    wick::SourceSettings &demo = config.source(QStringLiteral("demo"));
    demo.overrides.insert(QStringLiteral("seed"), options.demoSeed);
    demo.overrides.insert(QStringLiteral("speed"), options.demoSpeed);
    demo.overrides.insert(QStringLiteral("rate"), options.demoRate);
    for (wick::SourceSettings &source : config.sources) {
        if (options.offline && source.name != QLatin1String("demo"))
            source.enabled = false;  // no network source
    }
    wick::SourceSettings &binance = config.source(QStringLiteral("binance"));
    if (!options.binanceWsUrl.isEmpty())
        binance.overrides.insert(QStringLiteral("wsUrl"), options.binanceWsUrl);
    if (!options.binanceRestUrl.isEmpty())
        binance.overrides.insert(QStringLiteral("restUrl"), options.binanceRestUrl);
    for (const Options::SourceUrl &url : options.sourceUrls)
        config.source(url.source).overrides.insert(url.key, url.url);
    // Opens the cache, paints the last session from it, then starts the feed.
    auto controller = std::make_unique<wick::AppController>(config, std::move(settings));
    wick::MainWindow *window = controller->window();
    window->show();
    if (!options.addSymbols.isEmpty()) {
        // Once the session is restored (the watchlist would replace them otherwise).
        QObject::connect(controller.get(), &wick::AppController::sessionReady, controller.get(),
            [&controller, keys = options.addSymbols] {
                for (const QString &key : keys) {
                    if (!controller->addSymbolByKey(key))
                        spdlog::error("--add-symbol {}: no such symbol (or its source is off)",
                            key.toStdString());
                }
            });
    }
    if (options.showHealth)
        window->showDataHealth();
    if (const auto type = wick::chartTypeFromKey(options.chartType))
        window->chart()->setChartType(*type);
    if (const auto mode = wick::scaleModeFromKey(options.priceScale)) {
        wick::PaneScale scale = window->chart()->priceScale();
        scale.mode = *mode;
        window->chart()->setPriceScale(scale);
    }

    int exitCode = 0;
    if (options.quitAfterSeconds > 0.0 || !options.screenshot.isEmpty()) {
        const int ms = static_cast<int>(options.quitAfterSeconds * 1000.0);
        QTimer::singleShot(ms, &app, [&] {
            if (!options.screenshot.isEmpty()) {
                // The chart in it drawn by the chart image export (File > Export Chart Image).
                const QPixmap picture = wick::grabWithChart(*window, *window->chart());
                if (picture.isNull() || !picture.save(options.screenshot, "PNG")) {
                    spdlog::error(
                        "cannot write the screenshot to {}", options.screenshot.toStdString());
                    exitCode = 2;
                } else {
                    spdlog::info("screenshot written to {} ({}x{})",
                        options.screenshot.toStdString(), picture.width(), picture.height());
                }
                if (options.showHealth) {
                    QString healthFile = options.screenshot;
                    if (healthFile.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
                        healthFile.chop(4);
                    healthFile += QStringLiteral("-health.png");
                    if (!window->dataHealth()->grab().save(healthFile, "PNG"))
                        exitCode = 2;
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
