#include "CsvReplayFeed.h"

#include <algorithm>

#include <QFileInfo>
#include <QTimer>

#include "feeds/SourceCatalog.h"
#include "model/Clock.h"
#include "model/SymbolRegistry.h"
#include "storage/BarCsv.h"

namespace wick {

CsvReplayFeed::CsvReplayFeed(std::shared_ptr<SymbolRegistry> registry, QString code,
    std::vector<Bar> bars, int historyBars, int intervalMs, QObject *parent)
    : Feed(parent)
    , m_registry(std::move(registry))
    , m_clock(std::make_shared<SystemClock>())
    , m_code(std::move(code))
    , m_bars(std::move(bars))
    , m_historyBars(std::size_t(std::clamp<qsizetype>(historyBars, 0, qsizetype(m_bars.size()))))
    , m_intervalMs(std::max(intervalMs, 1))
{ }

CsvReplayFeed::~CsvReplayFeed() = default;

FeedHealth CsvReplayFeed::health() const
{
    FeedHealth health;
    health.hasCircuits = false;
    health.barsReceived = m_sent.load();
    health.messagesReceived = health.barsReceived;
    return health;
}

QStringList CsvReplayFeed::symbolCodes() const
{
    return m_wanted ? QStringList {m_code} : QStringList();
}

std::optional<Symbol> CsvReplayFeed::describeSymbol(const QString &code) const
{
    if (code != m_code)
        return std::nullopt;
    Symbol symbol;
    symbol.source = source();
    symbol.code = m_code;
    symbol.displayName = QStringLiteral("Replay of %1").arg(m_code);
    return symbol;
}

void CsvReplayFeed::addSymbols(const QStringList &codes)
{
    for (const QString &code : codes) {
        if (code == m_code) {
            m_wanted = true;
            if (m_id == kInvalidSymbol)
                m_id = m_registry->intern(*describeSymbol(code));
            continue;
        }
        Symbol unknown;
        unknown.source = source();
        unknown.code = code;
        emit symbolError(m_registry->intern(unknown),
            QStringLiteral("csvreplay:%1: not in this file (it holds %2)").arg(code, m_code));
    }
    if (m_wanted && m_state == FeedState::Live && !m_timer->isActive())
        start();
}

void CsvReplayFeed::removeSymbols(const QStringList &codes)
{
    if (codes.contains(m_code))
        m_wanted = false;
}

void CsvReplayFeed::resumeFrom(const QHash<QString, ResumePoint> &points)
{
    const auto point = points.constFind(m_code);
    if (point != points.cend())
        m_resumeAfter = point->lastClosed;
}

void CsvReplayFeed::setState(FeedState state, const QString &detail)
{
    m_state = state;
    emit stateChanged(state, detail);
}

void CsvReplayFeed::start()
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, &CsvReplayFeed::replayNext);
    }
    setState(FeedState::Live, QStringLiteral("replaying %1 bars").arg(m_bars.size()));
    if (!m_wanted || m_next > 0)
        return;
    // History: what the cache lacks of the first rows.
    std::vector<Bar> history;
    for (std::size_t i = 0; i < m_historyBars; ++i) {
        if (m_bars[i].time > m_resumeAfter)
            history.push_back(m_bars[i]);
    }
    m_next = m_historyBars;
    if (!history.empty()) {
        m_sent += std::int64_t(history.size());
        emit barsReceived(
            m_id, Timeframe::M1, std::make_shared<const std::vector<Bar>>(std::move(history)));
    }
    m_timer->start(m_intervalMs);
}

void CsvReplayFeed::stop()
{
    if (m_timer)
        m_timer->stop();
    setState(FeedState::Offline, QStringLiteral("stopped"));
}

void CsvReplayFeed::replayNext()
{
    if (!m_wanted || m_next >= m_bars.size()) {
        m_timer->stop();
        return;
    }
    const Bar &bar = m_bars[m_next++];
    // Forming first (its OHLCV so far), then closed, as a stream would.
    emit formingBarChanged(m_id, Timeframe::M1, bar);
    ++m_sent;
    emit barsReceived(m_id, Timeframe::M1, std::make_shared<const std::vector<Bar>>(1, bar));
}

std::unique_ptr<Feed> createCsvReplaySource(
    const SourceSettings &settings, std::shared_ptr<SymbolRegistry> registry, QString *error)
{
    const QString file = settings.value(QStringLiteral("file")).toString();
    BarCsvRead read = readBarsCsv(file);
    if (!read.error.isEmpty() || read.bars.empty()) {
        if (error)
            *error = read.error.isEmpty() ? QStringLiteral("%1 holds no bars").arg(file) : read.error;
        return nullptr;
    }
    const QString code
        = settings.value(QStringLiteral("code"), QFileInfo(file).baseName()).toString();
    const int count = int(read.bars.size());
    const int history = settings.value(QStringLiteral("historyBars"), std::max(0, count - 5)).toInt();
    const int interval = settings.value(QStringLiteral("intervalMs"), 50).toInt();
    return std::make_unique<CsvReplayFeed>(
        std::move(registry), code, std::move(read.bars), history, interval);
}

}  // namespace wick
