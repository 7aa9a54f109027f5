// API keys, end to end in the app (AppController, offscreen) with Alpha
// Vantage pointed at a FakeHttpServer, on a machine without a keychain
// service (no D-Bus session bus, as on headless CI): the source asks nothing
// until it has a key; View > API Keys... saves it, the keychain does not
// answer, the dialog says so and offers this session only; then the feed's
// requests carry the key and its bars reach the cache. After the session
// closes, no file of the data directory -- settings, both ini files, the
// cache and its journal, the log -- holds the key.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <spdlog/spdlog.h>

#include "AppController.h"
#include "FakeHttpServer.h"
#include "MainWindow.h"
#include "log/Logging.h"
#include "session/FeedHost.h"
#include "session/MarketSession.h"
#include "settings/ApiKeysController.h"
#include "storage/BarStore.h"
#include "storage/Database.h"
#include "storage/SymbolStore.h"

using namespace wick;

namespace {

const QString kKey = QStringLiteral("AVKEY-APP-90417");

QByteArray fixture(const char *name)
{
    QFile file(qEnvironmentVariable("WICK_TEST_FIXTURES") + QStringLiteral("/alphavantage/")
        + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return file.readAll();
}

// Every file under `dir` whose bytes hold `needle` (as UTF-8 or UTF-16).
QStringList filesHolding(const QString &dir, const QString &needle)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        const QByteArray utf16(reinterpret_cast<const char *>(needle.utf16()),
            needle.size() * qsizetype(sizeof(char16_t)));
        if (bytes.contains(needle.toUtf8()) || bytes.contains(utf16))
            found << path;
    }
    return found;
}

}  // namespace

class TestApiKeys final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // No keychain service: what a headless Linux machine has.
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("WICK_ALPHAVANTAGE_API_KEY");
    }

    void sessionOnlyKeyReachesTheFeedAndNoFile();
};

void TestApiKeys::sessionOnlyKeyReachesTheFeedAndNoFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(initLogging(LoggingOptions {
        dir.filePath(QStringLiteral("logs")), QStringLiteral("wick.log"), false, true}));
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.route(QStringLiteral("/query"), [](const HttpRequest &) {
        return HttpReply::json(200, fixture("intraday_ibm_5min.json"));
    });
    AppConfig config;
    config.dataDir = dir.path();
    config.source(QStringLiteral("demo")).values.insert(QStringLiteral("historyDays"), 1);
    SourceSettings &av = config.source(QStringLiteral("alphavantage"));
    av.values.insert(QStringLiteral("restUrl"), server.url().toString());
    av.values.insert(QStringLiteral("symbols"), QStringLiteral("IBM"));
    av.values.insert(QStringLiteral("intervals"), QStringLiteral("5min"));
    av.values.insert(QStringLiteral("pollIntervalMs"), 0);
    {
        AppController app(config,
            std::make_unique<QSettings>(
                dir.filePath(QStringLiteral("a.ini")), QSettings::IniFormat));
        QVERIFY2(app.session()->sourceErrors().isEmpty(),
            qPrintable(app.session()->sourceErrors().join(u'\n')));
        FeedHost *host = app.session()->feed(QStringLiteral("alphavantage"));
        QVERIFY(host);
        QVERIFY(host->capabilities() & Feed::NeedsCredentials);
        QTRY_VERIFY_WITH_TIMEOUT(app.feedStarted(), 10'000);
        // No key yet (none in the keychain): nothing is asked.
        QTRY_VERIFY(host->stateDetail().contains(QStringLiteral("waiting for an API key")));
        QTest::qWait(300);
        QCOMPARE(server.requests(QStringLiteral("/query")), 0);

        app.apiKeys()->openDialog();
        ApiKeysDialog *dialog = app.apiKeys()->dialog();
        QVERIFY(dialog);
        auto *key = dialog->findChild<QLineEdit *>(QStringLiteral("alphavantageKey"));
        auto *save = dialog->findChild<QPushButton *>(QStringLiteral("alphavantageSave"));
        auto *sessionOnly
            = dialog->findChild<QPushButton *>(QStringLiteral("alphavantageSessionOnly"));
        QVERIFY(key && save && sessionOnly);
        QCOMPARE(key->echoMode(), QLineEdit::Password);
        key->setText(kKey);
        save->click();
        QCOMPARE(key->text(), QString());  // the field forgets it at once
        // The keychain does not answer: said so, and this session only offered.
        QTRY_VERIFY_WITH_TIMEOUT(!sessionOnly->isHidden(), 10'000);
        const QString said = dialog->statusText(QStringLiteral("alphavantage"));
        QVERIFY2(said.startsWith(QStringLiteral("No keychain service answers (no Secret Service "
                                                "or KWallet on the D-Bus session bus)")),
            qPrintable(said));
        QCOMPARE(server.requests(QStringLiteral("/query")), 0);
        sessionOnly->click();
        QVERIFY(dialog->statusText(QStringLiteral("alphavantage"))
                    .contains(QStringLiteral("this session only")));
        // Now the feed asks, with the key, and its bars reach the cache.
        QTRY_COMPARE_WITH_TIMEOUT(server.requests(QStringLiteral("/query")), 1, 10'000);
        QCOMPARE(server.requestLog().front().query.queryItemValue(QStringLiteral("apikey")), kKey);
        QTRY_VERIFY_WITH_TIMEOUT(host->stateDetail().startsWith(QStringLiteral("live")), 10'000);
        QTest::qWait(500);
    }
    spdlog::default_logger()->flush();
    auto database = Database::open(
        dir.filePath(QStringLiteral("cache.db")), OpenOptions {OpenMode::ReadOnly, false});
    QVERIFY(database);
    const auto id
        = SymbolStore(*database).find(QStringLiteral("alphavantage"), QStringLiteral("IBM"));
    QVERIFY(id);
    QVERIFY(!BarStore(*database).range(*id, Timeframe::M5, 0, kEndOfTime).empty()
        || !BarStore(*database).range(*id, Timeframe::M1, 0, kEndOfTime).empty());
    database.reset();
    // The log says what happened, and nowhere is the key.
    QFile log(dir.filePath(QStringLiteral("logs/wick.log")));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY(log.readAll().contains("alphavantage: credentials given"));
    const QStringList holding = filesHolding(dir.path(), kKey);
    QVERIFY2(holding.isEmpty(), qPrintable(holding.join(u'\n')));
    initLogging(LoggingOptions {});
}

QTEST_MAIN(TestApiKeys)
#include "test_api_keys.moc"
