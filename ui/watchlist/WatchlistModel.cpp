#include "watchlist/WatchlistModel.h"

#include <cmath>
#include <iterator>
#include <limits>

#include <QFont>
#include <QTimer>

#include <spdlog/spdlog.h>

#include "format/NumberFormat.h"
#include "model/SymbolRegistry.h"

namespace wick {

namespace {

constexpr int kFlashTickMs = 100;

// Scores at or above these read as good / usable; below, the data is doubtful.
constexpr double kGoodQuality = 0.99;
constexpr double kFairQuality = 0.95;

QString minuteOfDay(int minutes)
{
    return QStringLiteral("%1:%2")
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

}  // namespace

WatchlistModel::WatchlistModel(std::shared_ptr<SymbolRegistry> symbols, QObject *parent)
    : QAbstractTableModel(parent)
    , m_symbols(std::move(symbols))
    , m_theme(Theme::dark())
    , m_flashTimer(new QTimer(this))
{
    m_clock.start();
    m_flashTimer->setInterval(kFlashTickMs);
    connect(m_flashTimer, &QTimer::timeout, this, &WatchlistModel::expireFlashes);
}

WatchlistModel::~WatchlistModel() = default;

int WatchlistModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int WatchlistModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const Quote *WatchlistModel::quoteOf(SymbolId id) const
{
    const auto it = m_quotes.constFind(id);
    return it == m_quotes.cend() ? nullptr : &it.value();
}

std::optional<Quote> WatchlistModel::quote(SymbolId id) const
{
    const Quote *q = quoteOf(id);
    return q ? std::optional<Quote>(*q) : std::nullopt;
}

QVariant WatchlistModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= static_cast<int>(m_rows.size()))
        return {};
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    const Quote *quote = quoteOf(row.id);
    const double change = changePercentOf(row.id, quote);
    const int column = index.column();

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case SymbolColumn:
            return row.symbol.code;
        case LastColumn:
            return quote ? format::price(quote->last, row.decimals) : QString();
        case ChangeColumn:
            return format::changePercent(change);
        case VolumeColumn:
            return quote ? format::volume(quote->dayVolume) : QString();
        case FeedColumn:
            return feedData(row, role);
        case QualityColumn:
            return qualityData(row, role);
        }
        break;
    case SortRole:
        switch (column) {
        case SymbolColumn:
            return row.symbol.code;
        case LastColumn:
            return quote ? quote->last : 0.0;
        case ChangeColumn:
            // No previous close sorts below every real change.
            return std::isnan(change) ? -std::numeric_limits<double>::max() : change;
        case VolumeColumn:
            return quote ? quote->dayVolume : 0.0;
        case FeedColumn:
            return feedData(row, role);
        case QualityColumn:
            return qualityData(row, role);
        }
        break;
    case Qt::TextAlignmentRole:
        if (column == FeedColumn)
            return int(Qt::AlignCenter);
        return column == SymbolColumn ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                      : int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (column == FeedColumn)
            return feedData(row, role);
        if (column == QualityColumn)
            return qualityData(row, role);
        if (column == ChangeColumn && !std::isnan(change) && change != 0.0)
            return change > 0.0 ? m_theme.up : m_theme.down;
        if (column == LastColumn && row.flashDirection != 0)
            return row.flashDirection > 0 ? m_theme.up : m_theme.down;
        if (column == VolumeColumn)
            return m_theme.mutedText;
        break;
    case Qt::BackgroundRole:
        if (column == LastColumn && row.flashDirection != 0) {
            QColor tint = row.flashDirection > 0 ? m_theme.up : m_theme.down;
            tint.setAlpha(40);
            return tint;
        }
        break;
    case Qt::FontRole:
        if (column == SymbolColumn) {
            QFont font;
            font.setWeight(QFont::DemiBold);
            return font;
        }
        break;
    case Qt::ToolTipRole:
        if (column == FeedColumn)
            return feedData(row, role);
        if (column == QualityColumn)
            return qualityData(row, role);
        if (column == ChangeColumn)
            return changeCellToolTip(row, quote);
        return toolTip(row);
    case SymbolIdRole:
        return QVariant::fromValue(row.id);
    case SymbolKeyRole:
        return row.symbol.key();
    case SourceRole:
        return row.symbol.source;
    case FeedLiveRole:
        return column == FeedColumn ? feedData(row, role) : QVariant();
    default:
        break;
    }
    return {};
}

QVariant WatchlistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    // Text left, numbers right, the feed's dot centred: a header sits over its values.
    if (role == Qt::TextAlignmentRole) {
        if (section == FeedColumn)
            return int(Qt::AlignCenter);
        return section == SymbolColumn ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                       : int(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole && section == ChangeColumn)
        return changeToolTip();
    if (role == Qt::ToolTipRole && section == VolumeColumn)
        return tr("Volume of the last trade's day");
    if (role == Qt::ToolTipRole && section == FeedColumn)
        return tr("Feed: the state of each symbol's source (a filled dot: live; a ring: "
                  "connecting, reconnecting, paused or offline); point at a dot for details");
    if (role != Qt::DisplayRole || section == FeedColumn)
        return {};
    return columnName(section);
}

QString WatchlistModel::columnName(int column)
{
    switch (column) {
    case SymbolColumn:
        return tr("Symbol");
    case LastColumn:
        return tr("Last");
    case ChangeColumn:
        return tr("Chg %");
    case VolumeColumn:
        return tr("Vol");
    case FeedColumn:
        return tr("Feed");
    case QualityColumn:
        return tr("Quality");
    }
    return {};
}

QString WatchlistModel::columnKey(int column)
{
    static const char *const keys[] = {"symbol", "last", "change", "volume", "feed", "quality"};
    static_assert(std::size(keys) == ColumnCount);
    return column >= 0 && column < ColumnCount ? QString::fromLatin1(keys[column]) : QString();
}

int WatchlistModel::columnOfKey(const QString &key)
{
    for (int column = 0; column < ColumnCount; ++column) {
        if (columnKey(column) == key)
            return column;
    }
    return -1;
}

QString WatchlistModel::changeToolTip()
{
    return tr("Change of the last price, in percent, against a reference that depends on the "
              "source:\n"
              "\u2022 Crypto from Binance: the price 24 h ago (rolling 24 h, the open of "
              "Binance's 24 h ticker, as Binance itself shows it); until the first ticker "
              "arrives, the previous UTC day's close.\n"
              "\u2022 Demo (simulated) and stocks, indices, forex and futures: the previous "
              "session's close (for 24/7 symbols the previous UTC day's, 00:00 UTC); blank "
              "until that day's bars are in the cache.");
}

double WatchlistModel::changePercentOf(SymbolId id, const Quote *quote) const
{
    if (!quote)
        return std::numeric_limits<double>::quiet_NaN();
    const auto reference = m_references.constFind(id);
    if (reference == m_references.constEnd())
        return quote->changePercent();
    return (quote->last - reference->price) / reference->price * 100.0;
}

QString WatchlistModel::changeCellToolTip(const Row &row, const Quote *quote) const
{
    const auto reference = m_references.constFind(row.id);
    if (reference != m_references.constEnd())
        return tr("Against %1 (%2 ago, the source's ticker)")
            .arg(format::price(reference->price, row.decimals), reference->what);
    if (quote && quote->previousClose > 0.0)
        return tr("Against %1 (the previous day's close)")
            .arg(format::price(quote->previousClose, row.decimals));
    return tr("No reference yet: the previous day's close is not in the cache");
}

void WatchlistModel::setChangeReference(SymbolId id, double price, const QString &what)
{
    if (!(price > 0.0) || !std::isfinite(price)) {
        spdlog::warn(
            "watchlist: symbol {}: change reference {} ignored (not a positive price)", id, price);
        return;
    }
    m_references.insert(id, ChangeReference {price, what});
    const int at = rowOf(id);
    if (at >= 0)
        emit dataChanged(index(at, ChangeColumn), index(at, ChangeColumn));
}

std::optional<double> WatchlistModel::changeReference(SymbolId id) const
{
    const auto reference = m_references.constFind(id);
    return reference == m_references.constEnd() ? std::nullopt
                                                : std::optional<double>(reference->price);
}

QVariant WatchlistModel::feedData(const Row &row, int role) const
{
    const QString issue = m_issues.value(row.id);
    const auto it = m_sourceStates.constFind(row.symbol.source);
    const bool known = it != m_sourceStates.cend();
    const FeedState state = known ? it->state : FeedState::Offline;
    if (role == Qt::DisplayRole) {
        if (!issue.isEmpty())
            return tr("Error");
        if (!known)
            return tr("Not running");
        switch (state) {
        case FeedState::Offline:
            return tr("Offline");
        case FeedState::Connecting:
            return tr("Connecting");
        case FeedState::Live:
            return tr("Live");
        case FeedState::Reconnecting:
            return tr("Reconnecting");
        case FeedState::CircuitOpen:
            return tr("Paused");
        }
        return {};
    }
    if (role == SortRole)
        return issue.isEmpty() && known ? static_cast<int>(state) : -1;
    if (role == FeedLiveRole)
        return issue.isEmpty() && known && state == FeedState::Live;
    if (role == Qt::ForegroundRole) {
        if (!issue.isEmpty() || !known || state == FeedState::Offline
            || state == FeedState::CircuitOpen)
            return m_theme.down;
        if (state == FeedState::Live)
            return m_theme.up;
        return m_theme.demoBadge;
    }
    if (role == Qt::ToolTipRole) {
        if (!issue.isEmpty())
            return issue;
        if (!known)
            return tr("The %1 feed is not running.").arg(row.symbol.source.toUpper());
        QString text = tr("%1 feed: %2").arg(row.symbol.source.toUpper(), feedStateName(state));
        if (!it->detail.isEmpty())
            text += QStringLiteral(" (") + it->detail + QLatin1Char(')');
        return text;
    }
    return {};
}

QVariant WatchlistModel::qualityData(const Row &row, int role) const
{
    const auto it = m_scores.constFind(row.id);
    const bool scored = it != m_scores.cend() && std::isfinite(*it);
    if (role == Qt::DisplayRole) {
        if (!scored)
            return QStringLiteral("—");
        // Floors, so 99.96 % of checks passed never reads as a clean 100.0 %.
        return QStringLiteral("%1 %").arg(std::floor(*it * 1000.0) / 10.0, 0, 'f', 1);
    }
    if (role == SortRole)
        return scored ? *it : -1.0;
    if (role == Qt::ForegroundRole) {
        if (!scored)
            return m_theme.mutedText;
        if (*it >= kGoodQuality)
            return m_theme.up;
        return *it >= kFairQuality ? m_theme.demoBadge : m_theme.down;
    }
    if (role == Qt::ToolTipRole) {
        if (row.symbol.source == QLatin1String("demo"))
            return tr("Simulated demo data: not validated, no quality score.");
        if (!scored)
            return tr("No data validated yet.");
        return tr("%1 % of the recent checks passed (prices, volumes, timestamps, duplicates, "
                  "spikes, OHLC).")
            .arg(*it * 100.0, 0, 'f', 2);
    }
    return {};
}

void WatchlistModel::emitColumnChanged(int column)
{
    if (!m_rows.empty())
        emit dataChanged(index(0, column), index(rowCount() - 1, column));
}

void WatchlistModel::setSourceState(const QString &source, FeedState state, const QString &detail)
{
    SourceState &entry = m_sourceStates[source];
    entry.state = state;
    entry.detail = detail;
    emitColumnChanged(FeedColumn);
}

std::optional<FeedState> WatchlistModel::sourceState(const QString &source) const
{
    const auto it = m_sourceStates.constFind(source);
    return it == m_sourceStates.cend() ? std::nullopt : std::optional(it->state);
}

void WatchlistModel::setSymbolIssue(SymbolId id, const QString &message)
{
    if (message.isEmpty())
        m_issues.remove(id);
    else
        m_issues.insert(id, message);
    const int at = rowOf(id);
    if (at >= 0)
        emit dataChanged(index(at, FeedColumn), index(at, FeedColumn));
}

void WatchlistModel::setQualityScores(const QHash<SymbolId, double> &scores)
{
    bool changed = false;
    for (auto it = scores.cbegin(); it != scores.cend(); ++it) {
        const auto old = m_scores.constFind(it.key());
        if (old != m_scores.cend() && *old == it.value())
            continue;
        m_scores.insert(it.key(), it.value());
        changed = changed || contains(it.key());
    }
    if (changed)
        emitColumnChanged(QualityColumn);
}

std::optional<double> WatchlistModel::qualityScore(SymbolId id) const
{
    const auto it = m_scores.constFind(id);
    return it == m_scores.cend() ? std::nullopt : std::optional(*it);
}

void WatchlistModel::resolvePendingKeys()
{
    QStringList still;
    for (const QString &key : std::as_const(m_unresolvedKeys)) {
        if (const std::optional<SymbolId> id = m_symbols->find(key))
            addSymbol(*id);  // nothing when already listed
        else
            still.append(key);
    }
    m_unresolvedKeys = still;
}

QString WatchlistModel::toolTip(const Row &row) const
{
    const Symbol &s = row.symbol;
    QString assetClass;
    switch (s.assetClass) {
    case AssetClass::Crypto:
        assetClass = tr("Crypto");
        break;
    case AssetClass::Equity:
        assetClass = tr("Equity");
        break;
    case AssetClass::Index:
        assetClass = tr("Index");
        break;
    case AssetClass::Forex:
        assetClass = tr("Forex");
        break;
    case AssetClass::Future:
        assetClass = tr("Future");
        break;
    }
    const QString session = s.session.alwaysOpen
        ? tr("24/7")
        : tr("%1–%2 local, Mon–Fri")
              .arg(minuteOfDay(s.session.openMinute), minuteOfDay(s.session.closeMinute));
    QString text = QStringLiteral("<b>%1</b> \u2014 %2<br/>%3 \u00b7 %4<br/>%5<br/>%6")
                       .arg(s.key().toHtmlEscaped(), s.displayName.toHtmlEscaped(), assetClass,
                           tr("Source: %1").arg(s.source.toUpper().toHtmlEscaped()),
                           tr("Exchange zone: %1").arg(QString::fromLatin1(s.timeZoneId)),
                           tr("Session: %1").arg(session));
    if (s.source == QLatin1String("demo"))
        text += QStringLiteral("<br/><i>")
            + tr("Simulated demo data \u2014 not real market prices.") + QStringLiteral("</i>");
    return text;
}

void WatchlistModel::setSymbolKeys(const QStringList &keys)
{
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    m_unresolvedKeys.clear();
    for (const QString &key : keys) {
        const std::optional<SymbolId> id = m_symbols->find(key);
        if (!id) {
            m_unresolvedKeys.append(key);
            continue;
        }
        if (m_rowOf.contains(*id) || m_unresolvedKeys.contains(key))
            continue;
        Row row;
        row.id = *id;
        row.symbol = m_symbols->symbol(*id);
        row.decimals = format::decimalsForTick(row.symbol.tickSize);
        m_rows.push_back(std::move(row));
        m_rowOf.insert(*id, static_cast<int>(m_rows.size()) - 1);
    }
    rebuildIndex();
    endResetModel();
}

QStringList WatchlistModel::symbolKeys() const
{
    QStringList keys;
    keys.reserve(static_cast<int>(m_rows.size()) + m_unresolvedKeys.size());
    for (const Row &row : m_rows)
        keys.append(row.symbol.key());
    keys.append(m_unresolvedKeys);
    return keys;
}

bool WatchlistModel::addSymbol(SymbolId id)
{
    if (contains(id))
        return false;
    Row row;
    row.id = id;
    row.symbol = m_symbols->symbol(id);
    if (row.symbol.code.isEmpty())
        return false;
    row.decimals = format::decimalsForTick(row.symbol.tickSize);
    const int at = static_cast<int>(m_rows.size());
    beginInsertRows(QModelIndex(), at, at);
    m_rows.push_back(std::move(row));
    m_rowOf.insert(id, at);
    endInsertRows();
    return true;
}

bool WatchlistModel::removeSymbol(SymbolId id)
{
    const int at = rowOf(id);
    if (at < 0)
        return false;
    beginRemoveRows(QModelIndex(), at, at);
    m_rows.erase(m_rows.begin() + at);
    rebuildIndex();
    endRemoveRows();
    return true;
}

SymbolId WatchlistModel::symbolAt(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_rows.size()))
        return kInvalidSymbol;
    return m_rows[static_cast<std::size_t>(row)].id;
}

void WatchlistModel::rebuildIndex()
{
    m_rowOf.clear();
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        m_rowOf.insert(m_rows[i].id, static_cast<int>(i));
}

void WatchlistModel::applyQuotes(const std::vector<Quote> &quotes)
{
    int firstRow = std::numeric_limits<int>::max();
    int lastRow = -1;
    const qint64 now = m_clock.elapsed();
    for (const Quote &quote : quotes) {
        auto it = m_quotes.find(quote.symbol);
        const bool known = it != m_quotes.end();
        const double previousLast = known ? it->last : quote.last;
        if (known)
            *it = quote;
        else
            m_quotes.insert(quote.symbol, quote);
        const int at = rowOf(quote.symbol);
        if (at < 0)
            continue;
        Row &row = m_rows[static_cast<std::size_t>(at)];
        if (quote.last > previousLast || quote.last < previousLast) {
            row.flashDirection = quote.last > previousLast ? 1 : -1;
            row.flashUntil = now + kFlashMs;
        }
        firstRow = std::min(firstRow, at);
        lastRow = std::max(lastRow, at);
    }
    if (lastRow < 0)
        return;
    emit dataChanged(index(firstRow, LastColumn), index(lastRow, VolumeColumn));
    if (!m_flashTimer->isActive())
        m_flashTimer->start();
}

void WatchlistModel::expireFlashes()
{
    const qint64 now = m_clock.elapsed();
    bool active = false;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        if (row.flashDirection == 0)
            continue;
        if (row.flashUntil > now) {
            active = true;
            continue;
        }
        row.flashDirection = 0;
        const QModelIndex cell = index(static_cast<int>(i), LastColumn);
        emit dataChanged(cell, cell, {Qt::ForegroundRole, Qt::BackgroundRole});
    }
    if (!active)
        m_flashTimer->stop();
}

void WatchlistModel::setTheme(const Theme &theme)
{
    m_theme = theme;
    if (!m_rows.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

}  // namespace wick
