// core/alerts: the rule grammar (AlertCondition.h) -- what parses into which
// tree and which indicator specs, and every kind of bad text with its exact
// one-line message naming the column and the token.
#include <cmath>

#include <QTest>

#include "alerts/AlertCondition.h"
#include "alerts/AlertRule.h"

using namespace wick;

class TestAlertRules final : public QObject
{
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void operands_data();
    void operands();
    void errors_data();
    void errors();
    void durations_data();
    void durations();
    void triggers();
    void jsonRoundTrip();
    void jsonErrors_data();
    void jsonErrors();
};

Q_DECLARE_METATYPE(wick::AlertOp)

void TestAlertRules::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<AlertOp>("root");
    QTest::addColumn<int>("nodes");
    QTest::addColumn<QStringList>("specs");
    QTest::addColumn<bool>("usesData");

    QTest::newRow("level") << "close > 120" << AlertOp::Greater << 1 << QStringList() << false;
    QTest::newRow("cross sma") << "close crosses_above SMA:20" << AlertOp::CrossesAbove << 1
                               << QStringList {QStringLiteral("SMA:20")} << false;
    QTest::newRow("rsi below") << "RSI:14 crosses_below 30" << AlertOp::CrossesBelow << 1
                               << QStringList {QStringLiteral("RSI:14")} << false;
    QTest::newRow("macd outputs one spec")
        << "MACD:12,26,9.macd crosses_above MACD:12,26,9.signal" << AlertOp::CrossesAbove << 1
        << QStringList {QStringLiteral("MACD:12,26,9")} << false;
    QTest::newRow("chain") << "SMA:9@RSI:14 crosses SMA:3@RSI:14" << AlertOp::Crosses << 1
                           << QStringList {QStringLiteral("SMA:9@RSI:14"),
                                  QStringLiteral("SMA:3@RSI:14")}
                           << false;
    QTest::newRow("chained inner output")
        << "EMA:5@MACD:12,26,9.hist > 0" << AlertOp::Greater << 1
        << QStringList {QStringLiteral("EMA:5@MACD:12,26,9.hist")} << false;
    QTest::newRow("scaled") << "close > 1.02 * SMA:50" << AlertOp::Greater << 1
                            << QStringList {QStringLiteral("SMA:50")} << false;
    QTest::newRow("star without spaces") << "2*SMA:50 <= close" << AlertOp::LessEqual << 1
                                         << QStringList {QStringLiteral("SMA:50")} << false;
    QTest::newRow("enters") << "close enters 100 110" << AlertOp::Enters << 1 << QStringList()
                            << false;
    QTest::newRow("exits") << "RSI exits 30 70" << AlertOp::Exits << 1
                           << QStringList {QStringLiteral("RSI")} << false;
    QTest::newRow("moves") << "close moves 5% within 10 bars" << AlertOp::Moves << 1
                           << QStringList() << false;
    QTest::newRow("volume spike") << "volume_spike 3 20" << AlertOp::VolumeSpike << 1
                                  << QStringList() << false;
    QTest::newRow("stale") << "stale 30 s" << AlertOp::Stale << 1 << QStringList() << true;
    QTest::newRow("stale joined") << "stale 2m" << AlertOp::Stale << 1 << QStringList() << true;
    QTest::newRow("quality") << "quality < 0.9" << AlertOp::Quality << 1 << QStringList() << true;
    QTest::newRow("and") << "close > 100 AND RSI:14 < 30" << AlertOp::And << 3
                         << QStringList {QStringLiteral("RSI:14")} << false;
    QTest::newRow("or binds looser")
        << "close > 1 or close < 0 and volume > 5" << AlertOp::Or << 5 << QStringList() << false;
    QTest::newRow("and with data")
        << "stale 10s AND close > 1" << AlertOp::And << 3 << QStringList() << true;
    QTest::newRow("candlestick pattern") << "CDLENGULFING > 0" << AlertOp::Greater << 1
                                         << QStringList {QStringLiteral("CDLENGULFING")} << false;
    QTest::newRow("hilbert output")
        << "HT_SINE.sine crosses_above HT_SINE.leadsine" << AlertOp::CrossesAbove << 1
        << QStringList {QStringLiteral("HT_SINE")} << false;
}

void TestAlertRules::parses()
{
    QFETCH(QString, text);
    QFETCH(AlertOp, root);
    QFETCH(int, nodes);
    QFETCH(QStringList, specs);
    QFETCH(bool, usesData);
    QString error;
    const auto c = parseAlertCondition(text, &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->nodes[std::size_t(c->root)].op, root);
    QCOMPARE(int(c->nodes.size()), nodes);
    QCOMPARE(c->specs, specs);
    QCOMPARE(c->usesDataStatus, usesData);
}

void TestAlertRules::operands_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");  // AlertOperand::Kind
    QTest::addColumn<int>("output");
    QTest::addColumn<double>("scale");
    QTest::addColumn<double>("number");
    QTest::addColumn<QString>("shown");

    QTest::newRow("field") << "volume > 0" << int(AlertOperand::Kind::Field) << 0 << 1.0 << 0.0
                           << "volume";
    QTest::newRow("number") << "-2.5 < close" << int(AlertOperand::Kind::Number) << 0 << 1.0 << -2.5
                            << "-2.5";
    QTest::newRow("signal") << "MACD:12,26,9.signal > 0" << int(AlertOperand::Kind::Indicator) << 1
                            << 1.0 << 0.0 << "MACD:12,26,9.signal";
    QTest::newRow("bands lower") << "BBANDS:20,2,2.lower > close"
                                 << int(AlertOperand::Kind::Indicator) << 2 << 1.0 << 0.0
                                 << "BBANDS:20,2,2.lower";
    QTest::newRow("scaled") << "3 * SMA:20 < close" << int(AlertOperand::Kind::Indicator) << 0
                            << 3.0 << 0.0 << "3 * SMA:20";
    QTest::newRow("sar has dots") << "SAR:0.02,0.2 < close" << int(AlertOperand::Kind::Indicator)
                                  << 0 << 1.0 << 0.0 << "SAR:0.02,0.2";
}

void TestAlertRules::operands()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(int, output);
    QFETCH(double, scale);
    QFETCH(double, number);
    QFETCH(QString, shown);
    QString error;
    const auto c = parseAlertCondition(text, &error);
    QVERIFY2(c, qPrintable(error));
    const AlertOperand &left = c->nodes[std::size_t(c->root)].left;
    QCOMPARE(int(left.kind), kind);
    QCOMPARE(left.output, output);
    QCOMPARE(left.scale, scale);
    QCOMPARE(left.number, number);
    QCOMPARE(left.text, shown);
}

void TestAlertRules::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << "  "
                           << "empty condition";
    QTest::newRow("unknown indicator")
        << "close > FOO:14"
        << "column 9, 'FOO:14': bad indicator spec \"FOO:14\": unknown indicator FOO";
    QTest::newRow("bad number") << "close > 1e400"
                                << "column 9, '1e400': not a number, a bar field or an indicator";
    QTest::newRow("no output named")
        << "MACD:12,26,9 crosses_above 0"
        << "column 1, 'MACD:12,26,9': MACD has 3 outputs (macd, signal, hist): name one after "
           "a dot, MACD:12,26,9.macd";
    QTest::newRow("no such output")
        << "MACD:12,26,9.sig > 0"
        << "column 1, 'MACD:12,26,9.sig': MACD has no output 'sig' (it has macd, signal, hist)";
    QTest::newRow("single output has none")
        << "close > SMA:20.upper"
        << "column 9, 'SMA:20.upper': SMA has no output 'upper' (it has "
           "value)";
    QTest::newRow("unknown operator")
        << "close >> 100"
        << "column 7, '>>': unknown operator (> < >= <= crosses_above crosses_below crosses "
           "enters exits moves)";
    QTest::newRow("range reversed") << "close enters 110 100"
                                    << "column 18, '100': the range's high is below its low";
    QTest::newRow("range not a number") << "close enters 100 high"
                                        << "column 18, 'high': not a number (the range's high)";
    QTest::newRow("percent missing") << "close moves 5 within 3 bars"
                                     << "column 13, '5': expected a percentage (5%)";
    QTest::newRow("zero bars")
        << "close moves 5% within 0 bars"
        << "column 23, '0': not a whole number from 1 to 100000 (the bar count K)";
    QTest::newRow("bars keyword") << "close moves 5% within 3 candles"
                                  << "column 25, 'candles': expected 'bars'";
    QTest::newRow("trailing and") << "close > 100 AND"
                                  << "column 16, at the end: expected a condition";
    QTest::newRow("xor") << "close > 100 XOR close < 5"
                         << "column 13, 'XOR': expected AND, OR or the end";
    QTest::newRow("stale word") << "stale soon"
                                << "column 7, 'soon': not a duration (a number and s, m, h or "
                                   "d: 30s, 5 m)";
    QTest::newRow("quality equals") << "quality = 0.5"
                                    << "column 9, '=': expected <, <=, > or >= after quality";
    QTest::newRow("spike factor") << "volume_spike x 20"
                                  << "column 14, 'x': not a number (the factor K of volume_spike "
                                     "K N)";
    QTest::newRow("star then operator")
        << "2 * > 100"
        << "column 5, '>': expected an operand (close, a number, RSI:14)";
    QTest::newRow("missing right")
        << "close crosses_above"
        << "column 20, at the end: expected an operand (close, a number, RSI:14)";
    QTest::newRow("missing operator") << "close"
                                      << "column 6, at the end: expected an operator "
                                         "(> < >= <= crosses_above crosses_below "
                                         "crosses enters exits moves)";
}

void TestAlertRules::errors()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!parseAlertCondition(text, &error));
    QCOMPARE(error, message);
    AlertRule rule;
    QVERIFY(!rule.setText(text, &error));
    QCOMPARE(error, message);
}

void TestAlertRules::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("90s") << "90s" << qint64(90'000);
    QTest::newRow("5m") << "5m" << qint64(300'000);
    QTest::newRow("2h") << "2h" << qint64(7'200'000);
    QTest::newRow("1d") << "1d" << qint64(86'400'000);
    QTest::newRow("1.5s") << "1.5s" << qint64(1'500);
    QTest::newRow("no unit") << "90" << qint64(-1);
    QTest::newRow("bad unit") << "3w" << qint64(-1);
    QTest::newRow("negative") << "-5m" << qint64(-1);
}

void TestAlertRules::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const auto got = parseAlertDuration(text);
    QCOMPARE(got.value_or(-1), ms);
}

void TestAlertRules::triggers()
{
    for (AlertTrigger t :
        {AlertTrigger::Once, AlertTrigger::OncePerBar, AlertTrigger::OncePerBarClose})
        QCOMPARE(parseAlertTrigger(alertTriggerName(t)), std::optional<AlertTrigger>(t));
    QCOMPARE(alertTriggerName(AlertTrigger::OncePerBar), QStringLiteral("once-per-bar"));
    QVERIFY(!parseAlertTrigger(QStringLiteral("always")));
}

void TestAlertRules::jsonRoundTrip()
{
    AlertRule rule;
    QString error;
    QVERIFY(rule.setText(
        QStringLiteral("MACD:12,26,9.macd crosses_above MACD:12,26,9.signal"), &error));
    rule.id = QStringLiteral("r7");
    rule.symbol = QStringLiteral("binance:BTCUSDT");
    rule.timeframe = Timeframe::H1;
    rule.trigger = AlertTrigger::OncePerBar;
    rule.cooldownMs = 90'000;
    rule.expiresAt = 1767225600000;
    rule.maxFires = 3;
    rule.hysteresis = 0.5;
    const QByteArray json = rule.toJson();
    QCOMPARE(json,
        QByteArray("{\"cooldownMs\":90000,\"expiresAt\":1767225600000,\"hysteresis\":0.5,"
                   "\"id\":\"r7\",\"maxFires\":3,\"symbol\":\"binance:BTCUSDT\","
                   "\"text\":\"MACD:12,26,9.macd crosses_above MACD:12,26,9.signal\","
                   "\"timeframe\":\"1h\",\"trigger\":\"once-per-bar\"}"));
    const auto back = AlertRule::fromJson(json, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->toJson(), json);
    QCOMPARE(back->condition.specs, QStringList {QStringLiteral("MACD:12,26,9")});
    QCOMPARE(back->timeframe, Timeframe::H1);
    QCOMPARE(back->hysteresis, 0.5);

    // Defaults: hysteresis off is null; keys left out are defaults.
    const auto minimal = AlertRule::fromJson("{\"text\":\"close > 1\"}", &error);
    QVERIFY2(minimal, qPrintable(error));
    QVERIFY(std::isnan(minimal->hysteresis));
    QCOMPARE(minimal->trigger, AlertTrigger::OncePerBarClose);
    QVERIFY(minimal->toJson().contains("\"hysteresis\":null"));
}

void TestAlertRules::jsonErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("not json") << QByteArray("{\"text\":")
                              << "rule JSON at offset 8: unterminated object";
    QTest::newRow("array") << QByteArray("[1]") << "rule JSON: not an object";
    QTest::newRow("no text") << QByteArray("{\"id\":\"a\"}")
                             << "rule JSON 'text': must be the rule's condition text";
    QTest::newRow("bad text") << QByteArray("{\"text\":\"close >> 1\"}")
                              << "rule JSON 'text': column 7, '>>': unknown operator (> < >= <= "
                                 "crosses_above crosses_below crosses enters exits moves)";
    QTest::newRow("timeframe") << QByteArray("{\"text\":\"close > 1\",\"timeframe\":\"7m\"}")
                               << "rule JSON 'timeframe': must be one of 1m 5m 15m 30m 1h 4h 1d 1w";
    QTest::newRow("trigger") << QByteArray("{\"text\":\"close > 1\",\"trigger\":2}")
                             << "rule JSON 'trigger': must be once, once-per-bar or "
                                "once-per-bar-close";
    QTest::newRow("cooldown") << QByteArray("{\"text\":\"close > 1\",\"cooldownMs\":1.5}")
                              << "rule JSON 'cooldownMs': must be a whole number of ms, 0 or more";
    QTest::newRow("hysteresis") << QByteArray("{\"text\":\"close > 1\",\"hysteresis\":-1}")
                                << "rule JSON 'hysteresis': must be a number, 0 or more, or null "
                                   "(off)";
}

void TestAlertRules::jsonErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!AlertRule::fromJson(json, &error));
    QCOMPARE(error, message);
}

QTEST_APPLESS_MAIN(TestAlertRules)
#include "test_alert_rules.moc"
