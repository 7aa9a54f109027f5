// `wick-cli collect --source alpaca` run as a process (WICK_CLI) against a
// FakeWebSocketServer (the IEX stream) and a FakeHttpServer (REST bars), the
// key and secret in WICK_ALPACA_API_KEY / WICK_ALPACA_API_SECRET: the stream is
// authenticated with them, the fixture's two REST pages (56 closed minutes of
// 2025-02-19 from --backfill-from) end up in the cache as Alpaca sent them, and
// neither the key nor the secret appears in what the command printed.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include "CliRun.h"
#include "FakeHttpServer.h"
#include "FakeWebSocketServer.h"
#include "feeds/alpaca/AlpacaParser.h"
#include "storage/BarStore.h"
#include "storage/Database.h"
#include "storage/SymbolStore.h"

using namespace wick;

namespace {

const QByteArray kKey = QByteArrayLiteral("PKCLI0000000000000001");
const QByteArray kSecret = QByteArrayLiteral("cli-secret-not-real");

QByteArray fixture(const char *name)
{
    QFile file(qEnvironmentVariable("WICK_TEST_FIXTURES") + QStringLiteral("/alpaca/")
        + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return file.readAll();
}

}  // namespace

class TestAlpacaCollect final : public QObject
{
    Q_OBJECT

private slots:
    void collectsTheHistoryIntoTheCache();
};

void TestAlpacaCollect::collectsTheHistoryIntoTheCache()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("WICK_CLI")), "WICK_CLI must name wick-cli");
    qputenv("WICK_ALPACA_API_KEY", kKey);
    qputenv("WICK_ALPACA_API_SECRET", kSecret);
    FakeWebSocketServer ws(QStringLiteral("alpaca"));
    QVERIFY(ws.listen());
    QStringList auths;
    connect(&ws, &FakeWebSocketServer::clientConnected, this, [&ws](QWebSocket *client) {
        ws.sendText(client, QString::fromUtf8(fixture("connected.json")));
    });
    connect(&ws, &FakeWebSocketServer::textReceived, this,
        [&ws, &auths](QWebSocket *client, const QString &text) {
            const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
            if (o.value(u"action").toString() == QLatin1String("auth")) {
                auths << o.value(u"key").toString() + u'/' + o.value(u"secret").toString();
                ws.sendText(client, QString::fromUtf8(fixture("auth_success.json")));
            }
        });
    FakeHttpServer http;
    QVERIFY(http.listen());
    http.route(QStringLiteral("/v2/stocks/AAPL/bars"), [](const HttpRequest &r) {
        return HttpReply::json(200,
            r.query.hasQueryItem(QStringLiteral("page_token"))
                ? fixture("rest_bars_aapl_1min_page2.json")
                : fixture("rest_bars_aapl_1min.json"));
    });
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("cache.db"));
    const CliRun run = runCliServing({QStringLiteral("collect"), QStringLiteral("--source"),
        QStringLiteral("alpaca"), QStringLiteral("--symbols"), QStringLiteral("AAPL"),
        QStringLiteral("--duration"), QStringLiteral("3s"), QStringLiteral("--backfill-from"),
        QStringLiteral("2025-02-19T14:30:00Z"), QStringLiteral("--db"), db,
        QStringLiteral("--ws-url"), ws.url().toString(), QStringLiteral("--rest-url"),
        http.url().toString(),
        // The stream opens whatever the hour the test runs at (it pauses
        // while US equities do not trade).
        QStringLiteral("--set"), QStringLiteral("pauseWhileClosed=false")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(auths, QStringList {QString::fromLatin1(kKey + '/' + kSecret)});
    std::vector<Bar> truth = parseAlpacaBars(fixture("rest_bars_aapl_1min.json")).value().bars;
    const std::vector<Bar> page2
        = parseAlpacaBars(fixture("rest_bars_aapl_1min_page2.json")).value().bars;
    truth.insert(truth.end(), page2.begin(), page2.end());
    const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines[0].startsWith(
                 QStringLiteral("alpaca:AAPL: bars stored %1, quarantined 0").arg(truth.size())),
        qPrintable(lines[0]));
    auto database = Database::open(db, OpenOptions {OpenMode::ReadOnly, false});
    const auto id = SymbolStore(*database).find(QStringLiteral("alpaca"), QStringLiteral("AAPL"));
    QVERIFY(id);
    const std::vector<Bar> stored = BarStore(*database).range(*id, Timeframe::M1, 0, kEndOfTime);
    QCOMPARE(stored.size(), truth.size());
    for (std::size_t i = 0; i < stored.size(); ++i)
        QVERIFY2(stored[i] == truth[i], qPrintable(QString::number(i)));
    for (const HttpRequest &r : http.requestLog()) {
        QCOMPARE(r.header("APCA-API-KEY-ID"), kKey);
        QCOMPARE(r.header("APCA-API-SECRET-KEY"), kSecret);
    }
    for (const QByteArray &secret : {kKey, kSecret}) {
        QVERIFY(!run.err.contains(QString::fromLatin1(secret)));
        QVERIFY(!run.out.contains(QString::fromLatin1(secret)));
    }
}

QTEST_MAIN(TestAlpacaCollect)
#include "test_alpaca_collect.moc"
