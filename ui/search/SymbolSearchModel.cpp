#include "search/SymbolSearchModel.h"

#include <algorithm>

namespace wick {

namespace {

// Lower is better. A code prefix whose base asset is the whole query ("btc": BTCUSDT)
// beats one with a longer base (BTCDOMUSDT).
enum MatchRank {
    kExactCode = 0,
    kCodePrefixExactBase = 1,
    kCodePrefix = 2,
    kNameWordPrefix = 3,
    kSubstring = 4,
};

bool isSeparator(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('/') || c == QLatin1Char('-')
        || c == QLatin1Char('_') || c == QLatin1Char('.');
}

// "BRK-B" -> "brkb": codes are matched without their separators, whichever the user types.
QString compactLower(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (!isSeparator(c))
            out.append(c.toLower());
    }
    return out;
}

// The quote of "BTC / USDT", upper case; empty when the name is not a pair.
QString quoteOf(const QString &name)
{
    const qsizetype slash = name.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : name.mid(slash + 1).trimmed().toUpper();
}

// Whether `needle` starts a word of `haystack` ("bitcoin" in "demo bitcoin", "btc" not in "wbtc").
bool startsWord(const QString &haystack, QStringView needle)
{
    qsizetype from = 0;
    while ((from = haystack.indexOf(needle, from)) >= 0) {
        if (from == 0 || !haystack.at(from - 1).isLetterOrNumber())
            return true;
        ++from;
    }
    return false;
}

}  // namespace

SymbolSearchModel::SymbolSearchModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_simulated({QStringLiteral("demo")})
    // Binance's most traded quotes first, then the majors.
    , m_preferredQuotes({QStringLiteral("USDT"), QStringLiteral("FDUSD"), QStringLiteral("USDC"),
          QStringLiteral("USD"), QStringLiteral("BTC"), QStringLiteral("ETH"),
          QStringLiteral("BNB"), QStringLiteral("EUR")})
{
    for (std::vector<int> &bucket : m_buckets)
        bucket.reserve(kMaxRows);
}

QString SymbolSearchModel::sourceTitle(const QString &source)
{
    if (source.isEmpty())
        return source;
    return source.left(1).toUpper() + source.mid(1);
}

void SymbolSearchModel::setCandidates(
    const QString &source, std::vector<SearchCandidate> candidates)
{
    auto it = std::find_if(
        m_sources.begin(), m_sources.end(), [&](const Source &s) { return s.name == source; });
    if (it == m_sources.end()) {
        m_sources.push_back(Source {source, {}});
        it = m_sources.end() - 1;
    }
    it->candidates = std::move(candidates);
    rebuildIndex();
    refilter();
}

void SymbolSearchModel::setWatched(const QStringList &keys)
{
    m_watched = QSet<QString>(keys.begin(), keys.end());
    if (!m_rows.empty())
        emit dataChanged(index(0), index(rowCount() - 1), {WatchedRole});
}

void SymbolSearchModel::setSimulatedSources(const QStringList &sources)
{
    m_simulated = sources;
    if (!m_rows.empty())
        emit dataChanged(index(0), index(rowCount() - 1), {SimulatedRole});
}

void SymbolSearchModel::setPreferredQuotes(const QStringList &quotes)
{
    m_preferredQuotes = quotes;
    rebuildIndex();
    refilter();
}

void SymbolSearchModel::setQuery(const QString &query)
{
    if (query == m_query && !m_rows.empty())
        return;
    m_query = query;
    refilter();
}

void SymbolSearchModel::rebuildIndex()
{
    m_entries.clear();
    std::size_t total = 0;
    for (const Source &s : m_sources)
        total += s.candidates.size();
    m_entries.reserve(total);
    for (int s = 0; s < static_cast<int>(m_sources.size()); ++s) {
        const std::vector<SearchCandidate> &list
            = m_sources[static_cast<std::size_t>(s)].candidates;
        for (int c = 0; c < static_cast<int>(list.size()); ++c) {
            const SearchCandidate &candidate = list[static_cast<std::size_t>(c)];
            Entry e;
            e.source = s;
            e.candidate = c;
            const qsizetype quote = m_preferredQuotes.indexOf(quoteOf(candidate.name));
            e.quoteRank
                = quote < 0 ? static_cast<int>(m_preferredQuotes.size()) : static_cast<int>(quote);
            e.code = compactLower(candidate.code);
            const qsizetype slash = candidate.name.indexOf(QLatin1Char('/'));
            e.name = candidate.name.toLower();
            e.nameHead = slash > 0 ? e.name.left(slash) : e.name;
            if (slash > 0)
                e.base = compactLower(QStringView(candidate.name).left(slash));
            m_entries.push_back(std::move(e));
        }
    }
    // Tie order: source, then preferred quote, then code; the filter keeps it.
    std::stable_sort(m_entries.begin(), m_entries.end(), [](const Entry &a, const Entry &b) {
        if (a.source != b.source)
            return a.source < b.source;
        if (a.quoteRank != b.quoteRank)
            return a.quoteRank < b.quoteRank;
        return a.code < b.code;
    });
}

const SearchCandidate &SymbolSearchModel::candidate(const Entry &entry) const
{
    return m_sources[static_cast<std::size_t>(entry.source)]
        .candidates[static_cast<std::size_t>(entry.candidate)];
}

int SymbolSearchModel::rank(const Entry &entry, QStringView query, QStringView compact) const
{
    if (query.isEmpty())
        return kSubstring;  // no query: everything, in tie order
    if (!compact.isEmpty()) {
        if (entry.code == compact)
            return kExactCode;
        if (entry.code.startsWith(compact))
            return entry.base == compact ? kCodePrefixExactBase : kCodePrefix;
    }
    // Words of the base only: "btc" is not a name match for ETH / BTC.
    if (startsWord(entry.nameHead, query))
        return kNameWordPrefix;
    if ((!compact.isEmpty() && entry.code.contains(compact)) || entry.name.contains(query))
        return kSubstring;
    return -1;
}

void SymbolSearchModel::refilter()
{
    beginResetModel();
    m_rows.clear();
    for (std::vector<int> &bucket : m_buckets)
        bucket.clear();
    m_matchCount = 0;

    // "binance:btc" searches one source.
    const QString lowered = m_query.trimmed().toLower();
    QStringView query(lowered);
    QStringView onlySource;
    if (const qsizetype colon = query.indexOf(QLatin1Char(':')); colon > 0) {
        onlySource = query.left(colon);
        query = query.mid(colon + 1).trimmed();
    }
    const QString compact = compactLower(query);
    int onlySourceIndex = -1;
    if (!onlySource.isEmpty()) {
        for (int s = 0; s < static_cast<int>(m_sources.size()); ++s) {
            if (QStringView(m_sources[static_cast<std::size_t>(s)].name)
                    .compare(onlySource, Qt::CaseInsensitive)
                == 0)
                onlySourceIndex = s;
        }
    }

    for (int i = 0; i < static_cast<int>(m_entries.size()); ++i) {
        const Entry &e = m_entries[static_cast<std::size_t>(i)];
        if (!onlySource.isEmpty() && e.source != onlySourceIndex)
            continue;
        const int r = rank(e, query, compact);
        if (r < 0)
            continue;
        ++m_matchCount;
        std::vector<int> &bucket = m_buckets[static_cast<std::size_t>(r)];
        if (static_cast<int>(bucket.size()) < kMaxRows)
            bucket.push_back(i);
    }

    for (int s = 0; s < static_cast<int>(m_sources.size()); ++s) {
        const Source &source = m_sources[static_cast<std::size_t>(s)];
        if (source.candidates.empty() && (onlySource.isEmpty() || s == onlySourceIndex))
            m_rows.push_back(
                Row {-1, tr("%1 symbols are loading\u2026").arg(sourceTitle(source.name))});
    }
    int shown = 0;
    for (const std::vector<int> &bucket : m_buckets) {
        for (auto it = bucket.begin(); it != bucket.end() && shown < kMaxRows; ++it, ++shown)
            m_rows.push_back(Row {*it, {}});
    }
    if (m_matchCount == 0 && !m_query.trimmed().isEmpty())
        m_rows.push_back(Row {-1, tr("No symbol matches '%1'").arg(m_query.trimmed())});
    endResetModel();
}

QStringList SymbolSearchModel::visibleKeys() const
{
    QStringList keys;
    for (const Row &row : m_rows) {
        if (row.entry >= 0)
            keys.append(candidate(m_entries[static_cast<std::size_t>(row.entry)]).key);
    }
    return keys;
}

QStringList SymbolSearchModel::messages() const
{
    QStringList lines;
    for (const Row &row : m_rows) {
        if (row.entry < 0)
            lines.append(row.message);
    }
    return lines;
}

bool SymbolSearchModel::isMessage(int row) const
{
    return row >= 0 && row < rowCount() && m_rows[static_cast<std::size_t>(row)].entry < 0;
}

QString SymbolSearchModel::keyAt(int row) const
{
    if (row < 0 || row >= rowCount() || isMessage(row))
        return {};
    return candidate(
        m_entries[static_cast<std::size_t>(m_rows[static_cast<std::size_t>(row)].entry)])
        .key;
}

int SymbolSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant SymbolSearchModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    if (row.entry < 0) {
        switch (role) {
        case Qt::DisplayRole:
            return row.message;
        case MessageRole:
            return true;
        default:
            return {};
        }
    }
    const SearchCandidate &c = candidate(m_entries[static_cast<std::size_t>(row.entry)]);
    switch (role) {
    case Qt::DisplayRole:
    case CodeRole:
        return c.code;
    case Qt::ToolTipRole:
        return QStringLiteral("%1 \u2014 %2").arg(c.key, c.name);
    case KeyRole:
        return c.key;
    case SourceRole:
        return c.source;
    case NameRole:
        return c.name;
    case DetailRole:
        return c.detail;
    case WatchedRole:
        return m_watched.contains(c.key);
    case SimulatedRole:
        return m_simulated.contains(c.source);
    case MessageRole:
        return false;
    default:
        return {};
    }
}

Qt::ItemFlags SymbolSearchModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (isMessage(index.row()))
        return Qt::ItemNeverHasChildren;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

}  // namespace wick
