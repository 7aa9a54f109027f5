// ui/chart: ChartTimeZone, the zone a chart shows its times in -- the symbol's
// exchange zone (UTC for 24/7 crypto), the machine's local zone, UTC or any IANA
// zone -- and the one formatter of a bar's time for the chart (the crosshair's
// time label, the legend). Intraday bars are shown at their open time in the
// chosen zone (DST-correct, through QTimeZone); daily and weekly bars keep
// their exchange-day meaning whatever the zone: their label is the exchange
// date, never shifted to the day before. A plain value, any thread.
#pragma once

#include <optional>

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include "model/Symbol.h"
#include "model/Timeframe.h"

namespace wick {

class ChartTimeZone
{
    Q_DECLARE_TR_FUNCTIONS(wick::ChartTimeZone)

public:
    enum class Kind { Exchange, Local, Utc, Named };

    ChartTimeZone() = default;  // the exchange zone
    static ChartTimeZone exchange() { return ChartTimeZone(); }
    static ChartTimeZone local() { return ChartTimeZone(Kind::Local, {}); }
    static ChartTimeZone utc() { return ChartTimeZone(Kind::Utc, {}); }
    // An IANA id ("America/New_York"); nullopt when this machine does not know it.
    static std::optional<ChartTimeZone> named(const QByteArray &ianaId);
    // The id kept in the chart's state: "exchange", "local", "UTC" or an IANA
    // id; nullopt (and a log line) for an id this machine does not know.
    static std::optional<ChartTimeZone> fromId(const QString &id);
    QString id() const;
    Kind kind() const { return m_kind; }

    // What the chart's zone menu offers besides exchange, local and UTC.
    static QStringList commonZoneIds();
    // "Exchange (America/New_York)", "Local (Europe/Berlin)", "UTC", "Asia/Tokyo".
    QString displayName(const Symbol &symbol) const;
    // The zone's short name for the toolbar: "NY", "UTC", "Tokyo" (the id's last part).
    QString shortName(const Symbol &symbol) const;

    // The zone intraday times are shown in for this symbol.
    QTimeZone zoneFor(const Symbol &symbol) const;
    // The zone the time axis labels bars of this timeframe in: the chosen zone
    // intraday, the zone of the symbol's days for daily and weekly bars
    // (Symbol::barDays: the exchange's; New York for FX).
    QTimeZone axisZone(const Symbol &symbol, Timeframe timeframe) const;
    // A bar's open time (UTC ms) as the chart shows it: "Mon 10 Mar 2025 09:30"
    // intraday, "Mon 10 Mar 2025" for daily and weekly bars (the session date:
    // an FX day opening Sunday 17:00 New York is Monday's).
    QString format(TimeMs barTime, Timeframe timeframe, const Symbol &symbol) const;

    friend bool operator==(const ChartTimeZone &, const ChartTimeZone &) = default;

private:
    ChartTimeZone(Kind kind, QByteArray ianaId)
        : m_kind(kind)
        , m_ianaId(std::move(ianaId))
    { }

    Kind m_kind = Kind::Exchange;
    QByteArray m_ianaId;  // Named only
};

}  // namespace wick
