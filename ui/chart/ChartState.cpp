#include "chart/ChartState.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <spdlog/spdlog.h>

namespace wick {

namespace {

QString stringField(const QJsonObject &object, const char *name)
{
    const QJsonValue value = object.value(QLatin1String(name));
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isString()) {
        spdlog::warn("chart state: field '{}' is not a string, ignored", name);
        return {};
    }
    return value.toString();
}

// A pane's manual range: [low, high], finite with low < high; nullopt (logged
// when present) otherwise.
std::optional<std::pair<double, double>> rangeField(const QJsonObject &pane, const QString &id)
{
    const QJsonValue value = pane.value(QStringLiteral("range"));
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
    const QJsonArray range = value.toArray();
    const double low = range.size() == 2 ? range.at(0).toDouble(kNone) : kNone;
    const double high = range.size() == 2 ? range.at(1).toDouble(kNone) : kNone;
    if (!std::isfinite(low) || !std::isfinite(high) || !(low < high)) {
        spdlog::warn("chart state: range of pane '{}' is not [low, high], the pane fits its bars",
            id.toStdString());
        return std::nullopt;
    }
    return std::make_pair(low, high);
}

}  // namespace

QStringList ChartState::indicatorSpecs() const
{
    QStringList specs;
    for (const Indicator &indicator : indicators)
        specs.append(indicator.spec);
    return specs;
}

void ChartState::setIndicatorSpecs(const QStringList &specs)
{
    std::vector<Indicator> next;
    next.reserve(static_cast<std::size_t>(specs.size()));
    for (const QString &spec : specs) {
        const auto it = std::find_if(indicators.begin(), indicators.end(),
            [&](const Indicator &i) { return i.spec == spec; });
        next.push_back(it != indicators.end() ? *it : Indicator {spec, {}, {}, 0.0});
    }
    indicators = std::move(next);
}

std::optional<std::pair<QString, QString>> ChartState::changedParameters(
    const QStringList &before, const QStringList &after)
{
    if (before.size() != after.size())
        return std::nullopt;
    qsizetype changed = -1;
    for (qsizetype i = 0; i < before.size(); ++i) {
        if (before.at(i) == after.at(i))
            continue;
        if (changed >= 0)
            return std::nullopt;  // more than one
        changed = i;
    }
    if (changed < 0 || before.contains(after.at(changed)))
        return std::nullopt;  // none, or a reorder
    // The indicator's name: what comes before its parameters ("RSI" of "RSI:14").
    static const QRegularExpression nameEnd(QStringLiteral("[:@.]"));
    const QString from = before.at(changed);
    const QString to = after.at(changed);
    if (from.section(nameEnd, 0, 0) != to.section(nameEnd, 0, 0))
        return std::nullopt;
    return std::make_pair(from, to);
}

std::vector<std::pair<QString, QString>> ChartState::followParameters(
    const QStringList &before, QStringList &after)
{
    const auto changed = changedParameters(before, after);
    if (!changed)
        return {};
    std::vector<std::pair<QString, QString>> renames {*changed};
    const auto &[from, to] = *changed;
    // A chain names the spec it runs on after an '@', with an output after a
    // '.' ("@MACD:12,26,9.hist"); the rest of the chain stays as it is.
    const QRegularExpression input(
        QStringLiteral("@%1(?=\\.[A-Za-z_]+$|$)").arg(QRegularExpression::escape(from)));
    for (QString &spec : after) {
        if (spec == to || !spec.contains(input))
            continue;
        QString moved = spec;
        moved.replace(input, QLatin1Char('@') + to);
        if (after.contains(moved))
            continue;  // on the chart already: this one stays where it is
        renames.emplace_back(spec, moved);
        spec = moved;
    }
    return renames;
}

const ChartState::Pane *ChartState::pane(const QString &id) const
{
    const auto it
        = std::find_if(panes.begin(), panes.end(), [&](const Pane &p) { return p.id == id; });
    return it != panes.end() ? &*it : nullptr;
}

QJsonObject ChartState::toJsonObject() const
{
    QJsonObject object;
    object.insert(QStringLiteral("version"), kVersion);
    object.insert(QStringLiteral("symbol"), symbol);
    object.insert(QStringLiteral("timeframe"), timeframe);
    object.insert(QStringLiteral("chartType"), chartType);
    object.insert(QStringLiteral("timeZone"), timeZone);
    QJsonArray paneArray;
    for (const Pane &p : panes) {
        QJsonObject o;
        o.insert(QStringLiteral("id"), p.id);
        o.insert(QStringLiteral("height"), p.height);
        o.insert(QStringLiteral("collapsed"), p.collapsed);
        if (!p.scaleMode.isEmpty())
            o.insert(QStringLiteral("scale"), p.scaleMode);
        if (p.closed)
            o.insert(QStringLiteral("closed"), true);
        if (p.range)
            o.insert(QStringLiteral("range"), QJsonArray {p.range->first, p.range->second});
        paneArray.append(o);
    }
    object.insert(QStringLiteral("panes"), paneArray);
    QJsonArray indicatorArray;
    for (const Indicator &i : indicators) {
        QJsonObject o;
        o.insert(QStringLiteral("spec"), i.spec);
        if (!i.pane.isEmpty())
            o.insert(QStringLiteral("pane"), i.pane);
        if (!i.colors.empty()) {
            QJsonArray colors;
            for (const QColor &c : i.colors)
                colors.append(c.name(c.alpha() == 255 ? QColor::HexRgb : QColor::HexArgb));
            o.insert(QStringLiteral("colors"), colors);
        }
        if (i.lineWidth > 0.0)
            o.insert(QStringLiteral("lineWidth"), i.lineWidth);
        if (i.hidden)
            o.insert(QStringLiteral("hidden"), true);
        indicatorArray.append(o);
    }
    object.insert(QStringLiteral("indicators"), indicatorArray);
    if (!baselines.empty()) {
        QJsonObject levels;
        for (const auto &[key, level] : baselines)
            levels.insert(key, level);
        object.insert(QStringLiteral("baselines"), levels);
    }
    return object;
}

QByteArray ChartState::toJson() const
{
    return QJsonDocument(toJsonObject()).toJson(QJsonDocument::Compact);
}

std::optional<ChartState> ChartState::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject()) {
        const QString why = parseError.error != QJsonParseError::NoError
            ? QStringLiteral("chart state is not valid JSON: %1 at offset %2")
                  .arg(parseError.errorString())
                  .arg(parseError.offset)
            : QStringLiteral("chart state is not a JSON object");
        spdlog::warn("{}", why.toStdString());
        if (error)
            *error = why;
        return std::nullopt;
    }
    return fromJsonObject(document.object());
}

ChartState ChartState::fromJsonObject(const QJsonObject &object)
{
    ChartState state;
    const int version = object.value(QStringLiteral("version")).toInt(kVersion);
    if (version > kVersion)
        spdlog::warn(
            "chart state: version {} is newer than {}; reading what is known", version, kVersion);
    state.symbol = stringField(object, "symbol");
    state.timeframe = stringField(object, "timeframe");
    state.chartType = stringField(object, "chartType");
    const QString zone = stringField(object, "timeZone");
    if (!zone.isEmpty())
        state.timeZone = zone;
    for (const QJsonValue &value : object.value(QStringLiteral("panes")).toArray()) {
        const QJsonObject o = value.toObject();
        Pane p;
        p.id = stringField(o, "id");
        if (p.id.isEmpty()) {
            spdlog::warn("chart state: a pane without an id, ignored");
            continue;
        }
        const double height = o.value(QStringLiteral("height")).toDouble(0.0);
        p.height = height > 0.0 && height <= 1000.0 ? height : 0.0;
        p.collapsed = o.value(QStringLiteral("collapsed")).toBool(false);
        p.scaleMode = stringField(o, "scale");
        p.closed = o.value(QStringLiteral("closed")).toBool(false);
        p.range = rangeField(o, p.id);
        if (state.pane(p.id)) {
            spdlog::warn("chart state: pane '{}' listed twice, ignored", p.id.toStdString());
            continue;
        }
        state.panes.push_back(p);
    }
    for (const QJsonValue &value : object.value(QStringLiteral("indicators")).toArray()) {
        const QJsonObject o = value.toObject();
        Indicator i;
        i.spec = stringField(o, "spec");
        if (i.spec.isEmpty()) {
            spdlog::warn("chart state: an indicator without a spec, ignored");
            continue;
        }
        i.pane = stringField(o, "pane");
        for (const QJsonValue &c : o.value(QStringLiteral("colors")).toArray()) {
            const QColor color = QColor::fromString(c.toString());
            if (!color.isValid()) {
                spdlog::warn("chart state: colour '{}' of {} is not a colour, palette used",
                    c.toString().toStdString(), i.spec.toStdString());
                i.colors.clear();
                break;
            }
            i.colors.push_back(color);
        }
        const double width = o.value(QStringLiteral("lineWidth")).toDouble(0.0);
        i.lineWidth = width > 0.0 && width <= 10.0 ? width : 0.0;
        i.hidden = o.value(QStringLiteral("hidden")).toBool(false);
        state.indicators.push_back(i);
    }
    const QJsonObject levels = object.value(QStringLiteral("baselines")).toObject();
    for (auto it = levels.begin(); it != levels.end(); ++it) {
        const double level = it.value().toDouble(0.0);
        if (it.key().isEmpty() || !(level > 0.0) || !std::isfinite(level)) {
            spdlog::warn("chart state: baseline of '{}' is not a positive price, ignored",
                it.key().toStdString());
            continue;
        }
        state.baselines[it.key()] = level;
    }
    return state;
}

}  // namespace wick
