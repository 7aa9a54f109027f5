#include "quality/MarketHolidays.h"

#include <QFile>
#include <QTime>

#include <spdlog/spdlog.h>

namespace wick {

namespace {

void warnRow(QStringView origin, int line, const char *why)
{
    spdlog::error("{}:{}: {}, row skipped", origin.toString().toStdString(), line, why);
}

std::map<QString, HolidayTable> load()
{
    const QString path = QString::fromUtf16(MarketHolidays::kResourcePath);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        spdlog::error("market calendar: cannot read {} ({}); no holidays known", path.toStdString(),
            file.errorString().toStdString());
        return {};
    }
    return MarketHolidays::parse(QString::fromUtf8(file.readAll()), path);
}

}  // namespace

std::map<QString, HolidayTable> MarketHolidays::parse(QStringView text, QStringView origin)
{
    std::map<QString, HolidayTable> tables;
    int lineNumber = 0;
    for (const QStringView rawLine : text.tokenize(u'\n')) {
        ++lineNumber;
        const QStringView line = rawLine.trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QList<QStringView> fields = line.split(u'\t');
        if (fields.size() < 4) {
            warnRow(origin, lineNumber, "fewer than 4 tab-separated fields");
            continue;
        }
        const QString market = fields[0].toString();
        const QStringView kind = fields[2];
        if (market.isEmpty()) {
            warnRow(origin, lineNumber, "no market");
            continue;
        }
        if (kind == u"year") {
            bool ok = false;
            const int year = fields[1].toInt(&ok);
            if (!ok || year < 1900 || year > 9999) {
                warnRow(origin, lineNumber, "year is not a number");
                continue;
            }
            tables[market].years.insert(year);
            continue;
        }
        const QDate day = QDate::fromString(fields[1].toString(), Qt::ISODate);
        if (!day.isValid()) {
            warnRow(origin, lineNumber, "date is not YYYY-MM-DD");
            continue;
        }
        if (kind == u"holiday") {
            tables[market].holidays.insert(day);
        } else if (kind == u"early_close") {
            const QTime close = QTime::fromString(fields[3].toString(), u"HH:mm");
            if (!close.isValid()) {
                warnRow(origin, lineNumber, "early close time is not HH:MM");
                continue;
            }
            tables[market].earlyCloses[day] = close.hour() * 60 + close.minute();
        } else {
            warnRow(origin, lineNumber, "kind is not year, holiday or early_close");
        }
    }
    return tables;
}

const HolidayTable &MarketHolidays::table(QStringView market)
{
    static const std::map<QString, HolidayTable> tables = load();
    static const HolidayTable none;
    const auto it = tables.find(market.toString());
    return it == tables.end() ? none : it->second;
}

}  // namespace wick
