#include "health/DataHealthWindow.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

namespace wick {

namespace {

constexpr int kMetricCount = 5;
constexpr int kLineMetrics = 4;  // every metric but Circuit is one line per source
constexpr int kColumnCount = 10;
constexpr int kChannels = 2;  // circuit lanes per source: stream, REST
constexpr int kLevels = 3;  // closed, half-open, open
constexpr qint64 kSampleMs = 1000;
constexpr double kBandHalfHeight = 0.32;  // of a lane 1.0 high
constexpr int kWindowMinutes = 10;
constexpr int kChartMarginLeft = 4;
constexpr qint64 kMinuteMs = 60'000;

bool isWide(int metric)
{
    return metric == static_cast<int>(DataHealthWindow::Metric::MessagesPerSecond)
        || metric == static_cast<int>(DataHealthWindow::Metric::Circuit);
}

int index(DataHealthWindow::Metric metric)
{
    return static_cast<int>(metric);
}

int index(DataHealthWindow::Column column)
{
    return static_cast<int>(column);
}

// The value a line metric plots for one sample.
double lineValue(const FeedHealthSample &sample, int metric)
{
    switch (static_cast<DataHealthWindow::Metric>(metric)) {
    case DataHealthWindow::Metric::MessagesPerSecond:
        return sample.messagesPerSecond;
    case DataHealthWindow::Metric::Reconnects:
        return static_cast<double>(sample.reconnects);
    case DataHealthWindow::Metric::RateLimitWaits:
        return static_cast<double>(sample.rateLimitWaits);
    case DataHealthWindow::Metric::Quarantined:
        return static_cast<double>(sample.quarantined);
    case DataHealthWindow::Metric::Circuit:
        break;
    }
    return 0.0;
}

// Counters step; a rate is a line between readings.
bool isStep(int metric)
{
    return metric != index(DataHealthWindow::Metric::MessagesPerSecond);
}

// A 1-2-5 step (at least 1) so that `ticks` labels cover [lo, hi].
std::pair<double, double> niceRange(double lo, double hi, int ticks)
{
    lo = std::max(0.0, lo);
    hi = std::max(hi, lo);
    constexpr double minStep = 1.0;
    const double span = std::max(hi - lo, minStep * (ticks - 1));
    double step = std::pow(10.0, std::floor(std::log10(span / (ticks - 1))));
    for (int i = 0; i < 64; ++i) {
        for (const double m : {1.0, 2.0, 5.0}) {
            const double s = std::max(step * m, minStep);
            const double from = std::floor(lo / s) * s;
            if (from + s * (ticks - 1) >= hi && from + s * (ticks - 1) > from)
                return {from, from + s * (ticks - 1)};
        }
        step *= 10.0;
    }
    return {lo, hi};
}

// Text columns left, numbers right (so digits line up), headers like their cells.
Qt::Alignment alignment(int column)
{
    using Column = DataHealthWindow::Column;
    const bool text = column == static_cast<int>(Column::Source)
        || column == static_cast<int>(Column::State) || column == static_cast<int>(Column::Circuit);
    return (text ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter;
}

QString circuitName(int level)
{
    switch (level) {
    case kCircuitHalfOpen:
        return DataHealthWindow::tr("half-open");
    case kCircuitOpen:
        return DataHealthWindow::tr("open");
    default:
        return DataHealthWindow::tr("closed");
    }
}

QString formatRate(double perSecond)
{
    if (perSecond >= 100.0)
        return QString::number(std::lround(perSecond));
    return QString::number(perSecond, 'f', 1);
}

QString formatCount(qint64 n)
{
    return QLocale().toString(n);
}

}  // namespace

struct DataHealthWindow::Track {
    QString source;
    std::deque<FeedHealthSample> samples;
    QString stateText;
    QColor color;
    int row = 0;
    bool hasCircuits = true;  // as its samples say
    int lane = 0;  // among the sources with circuits, from the top
    std::array<QLineSeries *, kLineMetrics> lines {};
    std::array<double, kLineMetrics> minimum {};
    std::array<double, kLineMetrics> maximum {};
    // Circuit band of lane (channel) and level: a filled step between lower and upper.
    std::array<std::array<QAreaSeries *, kLevels>, kChannels> bands {};
    std::array<std::array<QLineSeries *, kLevels>, kChannels> bandUpper {};
    std::array<std::array<QLineSeries *, kLevels>, kChannels> bandLower {};
};

DataHealthWindow::DataHealthWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_theme(Theme::dark())
{
    setWindowTitle(tr("Data Health"));
    setObjectName(QStringLiteral("dataHealthWindow"));
    resize(960, 680);

    m_summary = new QTableWidget(0, kColumnCount, this);
    m_summary->setObjectName(QStringLiteral("healthSummary"));
    const std::array<std::pair<QString, QString>, kColumnCount> headers {{
        {tr("Source"), {}},
        {tr("State"), tr("The feed's connection state now")},
        {tr("Msgs/s"), tr("Messages received in the last second")},
        {tr("Reconnects"), tr("Stream reconnects since the feed started")},
        {tr("Limit waits"),
            tr("Requests held back by the rate limiter or a Retry-After, since the start")},
        {tr("Weight"),
            tr("Request weight used in the current minute / the source's limit; for a source "
               "with a daily budget, requests made today / the day's limit")},
        {tr("REST fails"), tr("REST requests that failed (5xx, network errors, timeouts)")},
        {tr("Quarantined"), tr("Ticks and bars rejected as impossible, kept in quarantine")},
        {tr("Flagged"), tr("Suspicious ticks kept in the bars and flagged (spikes, late ticks)")},
        {tr("Circuit"), tr("Circuit breakers: the stream's (WS) / REST's")},
    }};
    for (int c = 0; c < kColumnCount; ++c) {
        auto *item = new QTableWidgetItem(headers[c].first);
        item->setToolTip(headers[c].second);
        m_summary->setHorizontalHeaderItem(c, item);
    }
    m_summary->verticalHeader()->setVisible(false);
    m_summary->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_summary->setSelectionMode(QAbstractItemView::NoSelection);
    m_summary->setFocusPolicy(Qt::NoFocus);
    m_summary->setShowGrid(false);
    m_summary->setWordWrap(false);
    m_summary->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_summary->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_summary->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_summary->horizontalHeader()->setStretchLastSection(true);
    m_summary->horizontalHeader()->setHighlightSections(false);
    for (int c = 0; c < kColumnCount; ++c)
        m_summary->horizontalHeaderItem(c)->setTextAlignment(alignment(c));
    m_summary->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    const std::array<QString, kMetricCount> titles {tr("Messages per second"),
        tr("Reconnects (total)"), tr("Rate-limit waits (total)"), tr("Quarantined (total)"),
        tr("Circuit breakers")};
    auto *grid = new QGridLayout;
    grid->setSpacing(6);
    for (int m = 0; m < kMetricCount; ++m) {
        auto *chart = new QChart;
        chart->setTitle(titles[m]);
        chart->setMargins(QMargins(kChartMarginLeft, 0, 10, 0));
        chart->layout()->setContentsMargins(0, 0, 0, 0);
        chart->setBackgroundRoundness(0);
        chart->setAnimationOptions(QChart::NoAnimation);
        chart->legend()->setVisible(false);

        // The window ends on a whole minute, so ticks fall on whole minutes (2 apart on
        // the narrow charts).
        auto *time = new QDateTimeAxis;
        time->setFormat(QStringLiteral("HH:mm"));
        time->setTickCount(isWide(m) ? kWindowMinutes + 1 : kWindowMinutes / 2 + 1);
        chart->addAxis(time, Qt::AlignBottom);
        m_timeAxes.push_back(time);
        if (m == index(Metric::Circuit)) {
            m_laneAxis = new QCategoryAxis;
            m_laneAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
            m_laneAxis->setGridLineVisible(false);
            m_laneAxis->setRange(0, 1);
            chart->addAxis(m_laneAxis, Qt::AlignLeft);
            m_valueAxes.push_back(nullptr);
        } else {
            auto *value = new QValueAxis;
            value->setLabelFormat(QStringLiteral("%.0f"));
            value->setTickCount(m == index(Metric::MessagesPerSecond) ? 4 : 3);
            value->setRange(0, m == index(Metric::MessagesPerSecond) ? 3 : 2);
            chart->addAxis(value, Qt::AlignLeft);
            m_valueAxes.push_back(value);
        }

        auto *view = new QChartView(chart, this);
        view->setRenderHint(QPainter::Antialiasing);
        view->setFrameShape(QFrame::NoFrame);
        view->setMinimumSize(200, 120);
        m_views.push_back(view);
        m_charts.push_back(chart);
    }
    m_charts[index(Metric::MessagesPerSecond)]->legend()->setVisible(true);
    m_charts[index(Metric::MessagesPerSecond)]->legend()->setAlignment(Qt::AlignTop);
    m_charts[index(Metric::Circuit)]->legend()->setVisible(true);
    m_charts[index(Metric::Circuit)]->legend()->setAlignment(Qt::AlignTop);
    // The two wide charts share one time scale, so an outage lines up with its circuit.
    for (const Metric wide : {Metric::MessagesPerSecond, Metric::Circuit})
        connect(chart(wide), &QChart::plotAreaChanged, this, &DataHealthWindow::alignWideCharts);

    // The rate and the circuits span the width (they share the time axis' scale);
    // the three counters sit side by side between them.
    grid->addWidget(m_views[index(Metric::MessagesPerSecond)], 0, 0, 1, 3);
    grid->addWidget(m_views[index(Metric::Reconnects)], 1, 0);
    grid->addWidget(m_views[index(Metric::RateLimitWaits)], 1, 1);
    grid->addWidget(m_views[index(Metric::Quarantined)], 1, 2);
    grid->addWidget(m_views[index(Metric::Circuit)], 2, 0, 1, 3);
    grid->setRowStretch(0, 6);
    grid->setRowStretch(1, 5);
    grid->setRowStretch(2, 5);

    m_footer = new QLabel(tr("Last 10 minutes, one sample per second; times are local."), this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 6);
    layout->setSpacing(6);
    layout->addWidget(m_summary);
    layout->addLayout(grid, 1);
    layout->addWidget(m_footer);

    applyTheme();
    updateAxes();
}

DataHealthWindow::~DataHealthWindow() = default;

DataHealthWindow::Track &DataHealthWindow::track(const QString &source)
{
    for (const std::unique_ptr<Track> &t : m_tracks) {
        if (t->source == source)
            return *t;
    }
    Track *t = m_tracks.emplace_back(std::make_unique<Track>()).get();
    t->source = source;
    t->row = static_cast<int>(m_tracks.size()) - 1;

    m_summary->insertRow(t->row);
    for (int c = 0; c < kColumnCount; ++c) {
        auto *item = new QTableWidgetItem;
        item->setTextAlignment(alignment(c));
        // No reading yet: a dash, not a zero that would look like a measurement.
        if (c != index(Column::Source) && c != index(Column::State))
            item->setText(tr("\u2014"));
        m_summary->setItem(t->row, c, item);
    }
    m_summary->item(t->row, index(Column::Source))->setText(source.toUpper());
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->item(t->row, index(Column::Source))->setFont(bold);
    const int rowHeight = m_summary->fontMetrics().height() + 8;
    for (int r = 0; r < m_summary->rowCount(); ++r)
        m_summary->setRowHeight(r, rowHeight);
    m_summary->setFixedHeight(m_summary->horizontalHeader()->sizeHint().height()
        + rowHeight * m_summary->rowCount() + 2 * m_summary->frameWidth() + 2);

    createSeries(*t);
    styleSeries(*t);
    relayoutCircuitLanes();
    return *t;
}

const DataHealthWindow::Track *DataHealthWindow::findTrack(const QString &source) const
{
    for (const std::unique_ptr<Track> &t : m_tracks) {
        if (t->source == source)
            return t.get();
    }
    return nullptr;
}

void DataHealthWindow::createSeries(Track &t)
{
    for (int m = 0; m < kLineMetrics; ++m) {
        auto *series = new QLineSeries;
        series->setName(t.source);
        m_charts[m]->addSeries(series);
        series->attachAxis(m_timeAxes[m]);
        series->attachAxis(m_valueAxes[m]);
        t.lines[m] = series;
    }
    QChart *circuit = m_charts[index(Metric::Circuit)];
    for (int c = 0; c < kChannels; ++c) {
        for (int level = 0; level < kLevels; ++level) {
            t.bandUpper[c][level] = new QLineSeries;
            t.bandLower[c][level] = new QLineSeries;
            auto *band = new QAreaSeries(t.bandUpper[c][level], t.bandLower[c][level]);
            band->setName(circuitName(level));
            circuit->addSeries(band);
            band->attachAxis(m_timeAxes[index(Metric::Circuit)]);
            band->attachAxis(m_laneAxis);
            t.bands[c][level] = band;
        }
    }
    updateLegends();
}

void DataHealthWindow::updateLegends()
{
    // QChart::setTheme rebuilds the markers, so this runs after it too.
    for (QLegendMarker *marker : chart(Metric::MessagesPerSecond)->legend()->markers())
        marker->setVisible(true);
    // One circuit entry per level is enough: the first source's stream lane speaks for all.
    QLegend *legend = chart(Metric::Circuit)->legend();
    for (const std::unique_ptr<Track> &t : m_tracks) {
        for (int c = 0; c < kChannels; ++c) {
            for (QAreaSeries *band : t->bands[c]) {
                for (QLegendMarker *marker : legend->markers(band))
                    marker->setVisible(t == m_tracks.front() && c == 0);
            }
        }
    }
}

void DataHealthWindow::addSample(const FeedHealthSample &sample)
{
    Track &t = track(sample.source);
    if (!t.samples.empty() && sample.timeMs < t.samples.back().timeMs)
        return;
    if (t.hasCircuits != sample.hasCircuits) {
        t.hasCircuits = sample.hasCircuits;
        relayoutCircuitLanes();
    }
    t.samples.push_back(sample);
    while (static_cast<int>(t.samples.size()) > kHistorySamples)
        t.samples.pop_front();
    if (!sample.state.isEmpty())
        t.stateText = sample.state;
    m_latestMs = std::max(m_latestMs, sample.timeMs);

    if (!isVisible()) {
        m_stale = true;
        return;
    }
    plot(t);
    updateSummary(t);
    updateAxes();
}

void DataHealthWindow::setFeedState(const QString &source, const QString &stateText)
{
    Track &t = track(source);
    t.stateText = stateText;
    m_summary->item(t.row, index(Column::State))
        ->setText(stateText.isEmpty() ? tr("\u2014") : stateText);
}

void DataHealthWindow::plot(Track &t)
{
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(t.samples.size()) * 2);
    for (int m = 0; m < kLineMetrics; ++m) {
        points.clear();
        double lo = std::numeric_limits<double>::infinity();
        double hi = 0.0;
        double previous = 0.0;
        const bool step = isStep(m);
        for (const FeedHealthSample &s : t.samples) {
            const double v = lineValue(s, m);
            const auto x = static_cast<double>(s.timeMs);
            if (!step || points.isEmpty()) {
                points.append(QPointF(x, v));
            } else {
                // A counter steps; a flat run needs only its two ends.
                const qsizetype n = points.size();
                if (n >= 2 && points[n - 2].y() == previous && points[n - 1].y() == previous)
                    points.last().setX(x);
                else
                    points.append(QPointF(x, previous));
                if (v != previous)
                    points.append(QPointF(x, v));
            }
            previous = v;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        t.minimum[m] = std::isfinite(lo) ? lo : 0.0;
        t.maximum[m] = hi;
        t.lines[m]->replace(points);
    }
    plotCircuit(t);
}

int DataHealthWindow::circuitLaneCount() const
{
    const auto sources = std::count_if(m_tracks.begin(), m_tracks.end(),
        [](const std::unique_ptr<Track> &t) { return t->hasCircuits; });
    return static_cast<int>(sources) * kChannels;
}

void DataHealthWindow::plotCircuit(Track &t)
{
    const int lanes = circuitLaneCount();
    QList<QPointF> points;
    for (int c = 0; c < kChannels; ++c) {
        if (!t.hasCircuits) {
            for (int level = 0; level < kLevels; ++level) {
                t.bandUpper[c][level]->clear();
                t.bandLower[c][level]->clear();
            }
            continue;
        }
        // Lanes from the top: first source's stream, its REST, the next source's stream, ...
        const double centre = lanes - (t.lane * kChannels + c) - 0.5;
        const double bottom = centre - kBandHalfHeight;
        const double top = centre + kBandHalfHeight;
        for (int level = 0; level < kLevels; ++level) {
            points.clear();
            if (!t.samples.empty()) {
                for (std::size_t i = 0; i < t.samples.size(); ++i) {
                    const int now = c == 0 ? t.samples[i].streamCircuit : t.samples[i].restCircuit;
                    const int before = i == 0
                        ? -1
                        : (c == 0 ? t.samples[i - 1].streamCircuit : t.samples[i - 1].restCircuit);
                    if (now == before)
                        continue;
                    const auto x = static_cast<double>(t.samples[i].timeMs);
                    if (i > 0)
                        points.append(QPointF(x, before == level ? top : bottom));
                    points.append(QPointF(x, now == level ? top : bottom));
                }
                // The newest state holds for the second it describes.
                const int last
                    = c == 0 ? t.samples.back().streamCircuit : t.samples.back().restCircuit;
                points.append(QPointF(static_cast<double>(t.samples.back().timeMs + kSampleMs),
                    last == level ? top : bottom));
            }
            t.bandUpper[c][level]->replace(points);
            QList<QPointF> base;
            if (!points.isEmpty())
                base = {QPointF(points.first().x(), bottom), QPointF(points.last().x(), bottom)};
            t.bandLower[c][level]->replace(base);
        }
    }
}

void DataHealthWindow::relayoutCircuitLanes()
{
    std::vector<const Track *> guarded;  // the sources with circuits, in lane order
    for (const std::unique_ptr<Track> &t : m_tracks) {
        if (t->hasCircuits) {
            t->lane = static_cast<int>(guarded.size());
            guarded.push_back(t.get());
        }
    }
    const int lanes = circuitLaneCount();
    for (const QString &label : m_laneAxis->categoriesLabels())
        m_laneAxis->remove(label);
    // Categories run bottom-up: the last source's REST lane first.
    for (int lane = lanes - 1; lane >= 0; --lane) {
        const Track *t = guarded[static_cast<std::size_t>(lane / kChannels)];
        const QString label
            = lane % kChannels == 0 ? tr("%1 WS").arg(t->source) : tr("%1 REST").arg(t->source);
        m_laneAxis->append(label, lanes - lane);
    }
    m_laneAxis->setStartValue(0);
    m_laneAxis->setRange(0, std::max(1, lanes));
    if (!isVisible()) {
        m_stale = true;  // every lane moved: replot on show
        return;
    }
    for (const std::unique_ptr<Track> &t : m_tracks)
        plotCircuit(*t);
}

void DataHealthWindow::updateSummary(const Track &t)
{
    auto set = [&](Column column, const QString &text) {
        m_summary->item(t.row, index(column))->setText(text);
    };
    set(Column::State, t.stateText.isEmpty() ? tr("\u2014") : t.stateText);
    if (t.samples.empty())
        return;
    const FeedHealthSample &s = t.samples.back();
    set(Column::MessagesPerSecond, formatRate(s.messagesPerSecond));
    set(Column::Reconnects, formatCount(s.reconnects));
    set(Column::RateLimitWaits, formatCount(s.rateLimitWaits));
    set(Column::Weight,
        s.weightLimit > 0 ? QStringLiteral("%1 / %2").arg(s.usedWeight).arg(s.weightLimit)
            : s.dailyRequestLimit > 0
            ? tr("%1 / %2 today").arg(s.requestsToday).arg(s.dailyRequestLimit)
            : tr("\u2014"));
    set(Column::RestFailures, formatCount(s.restFailures));
    set(Column::Quarantined, formatCount(s.quarantined));
    set(Column::Flagged, formatCount(s.flagged));
    set(Column::Circuit,
        s.hasCircuits ? QStringLiteral("%1 / %2").arg(
            circuitName(s.streamCircuit), circuitName(s.restCircuit))
                      : tr("\u2014"));

    const int worst = s.hasCircuits ? std::max(s.streamCircuit, s.restCircuit) : kCircuitClosed;
    QTableWidgetItem *circuit = m_summary->item(t.row, index(Column::Circuit));
    circuit->setForeground(worst == kCircuitOpen ? m_theme.down
            : worst == kCircuitHalfOpen          ? m_theme.demoBadge
                                                 : m_theme.text);
    QFont font = m_summary->font();
    font.setBold(worst != kCircuitClosed);
    circuit->setFont(font);
    m_summary->item(t.row, index(Column::Quarantined))
        ->setForeground(s.quarantined > 0 ? m_theme.demoBadge : m_theme.text);
}

void DataHealthWindow::updateAxes()
{
    const qint64 latest = m_latestMs > 0 ? m_latestMs : QDateTime::currentMSecsSinceEpoch();
    // The next whole minute: round ticks, and the range moves once a minute, not every second.
    const qint64 end = (latest / kMinuteMs + 1) * kMinuteMs;
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(end - kWindowMs);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(end);
    for (QDateTimeAxis *axis : m_timeAxes)
        axis->setRange(from, to);

    for (int m = 0; m < kLineMetrics; ++m) {
        double lo = std::numeric_limits<double>::infinity();
        double hi = 0.0;
        for (const std::unique_ptr<Track> &t : m_tracks) {
            if (t->samples.empty())
                continue;
            lo = std::min(lo, t->minimum[m]);
            hi = std::max(hi, t->maximum[m]);
        }
        if (!std::isfinite(lo))
            lo = 0.0;
        // A rate starts at zero; a counter shows its own range so one more step is visible.
        if (m == index(Metric::MessagesPerSecond))
            lo = 0.0;
        else if (hi - lo < 2.0)
            lo = std::max(0.0, hi - 2.0);
        // Whole-number steps everywhere: the labels have no decimals.
        const auto [from, upTo]
            = niceRange(lo, hi * (m == 0 ? 1.08 : 1.0), m_valueAxes[m]->tickCount());
        m_valueAxes[m]->setRange(from, upTo);
    }
}

void DataHealthWindow::alignWideCharts()
{
    QChart *rate = chart(Metric::MessagesPerSecond);
    QChart *circuit = chart(Metric::Circuit);
    // Where each plot would start with the base margin; both then start at the later one.
    const qreal rateNatural = rate->plotArea().left() - rate->margins().left();
    const qreal circuitNatural = circuit->plotArea().left() - circuit->margins().left();
    const qreal target = std::max(rateNatural, circuitNatural);
    for (const auto &[c, natural] : {std::pair {rate, rateNatural}, {circuit, circuitNatural}}) {
        QMargins margins = c->margins();
        margins.setLeft(kChartMarginLeft + static_cast<int>(std::lround(target - natural)));
        if (margins != c->margins())
            c->setMargins(margins);
    }
}

void DataHealthWindow::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_stale)
        return;
    m_stale = false;
    for (const std::unique_ptr<Track> &t : m_tracks) {
        plot(*t);
        updateSummary(*t);
    }
    updateAxes();
}

void DataHealthWindow::setTheme(const Theme &theme)
{
    m_theme = theme;
    applyTheme();
    for (const std::unique_ptr<Track> &t : m_tracks) {
        styleSeries(*t);
        updateSummary(*t);
    }
    updateLegends();
}

void DataHealthWindow::applyTheme()
{
    setPalette(m_theme.palette());
    setAutoFillBackground(true);
    m_summary->setPalette(m_theme.palette());
    m_summary->setStyleSheet(
        QStringLiteral("QTableWidget { border: 1px solid %1;"
                       " background: %4; color: %5; }"
                       "QTableWidget::item { padding: 0 6px; }"
                       "QHeaderView::section { background: %2; color: %3;"
                       " border: none; border-bottom: 1px solid %1;"
                       " padding: 3px 6px; }")
            .arg(m_theme.border.name(), m_theme.window.name(), m_theme.mutedText.name(),
                m_theme.base.name(), m_theme.text.name()));
    QPalette footer = m_theme.palette();
    footer.setColor(QPalette::WindowText, m_theme.mutedText);
    m_footer->setPalette(footer);

    QFont titleFont = font();
    titleFont.setBold(true);
    QFont labelFont = font();
    labelFont.setPointSizeF(std::max(7.0, labelFont.pointSizeF() * 0.85));
    for (int m = 0; m < kMetricCount; ++m) {
        QChart *chart = m_charts[static_cast<std::size_t>(m)];
        // The built-in theme first (it resets every colour), then the app's own.
        chart->setTheme(
            m_theme.kind == Theme::Kind::Light ? QChart::ChartThemeLight : QChart::ChartThemeDark);
        chart->setBackgroundBrush(m_theme.chartBackground);
        chart->setBackgroundPen(QPen(m_theme.border));
        chart->setTitleBrush(m_theme.text);
        chart->setTitleFont(titleFont);
        chart->legend()->setLabelColor(m_theme.text);
        chart->legend()->setFont(labelFont);
        QList<QAbstractAxis *> axes {m_timeAxes[static_cast<std::size_t>(m)]};
        if (m == index(Metric::Circuit))
            axes.append(m_laneAxis);
        else
            axes.append(m_valueAxes[static_cast<std::size_t>(m)]);
        for (QAbstractAxis *axis : axes) {
            axis->setLabelsColor(m_theme.mutedText);
            axis->setLabelsFont(labelFont);
            axis->setGridLineColor(m_theme.grid);
            axis->setLinePenColor(m_theme.axis);
            axis->setShadesVisible(false);
        }
        m_laneAxis->setGridLineVisible(false);
        m_views[static_cast<std::size_t>(m)]->setBackgroundBrush(m_theme.chartBackground);
    }
}

void DataHealthWindow::styleSeries(Track &t)
{
    // Known sources keep their colour whatever order they appear in.
    const bool light = m_theme.kind == Theme::Kind::Light;
    if (t.source == QLatin1String("binance"))
        t.color = light ? QColor(0xc9, 0x8f, 0x00) : QColor(0xf0, 0xb9, 0x0b);
    else if (t.source == QLatin1String("demo"))
        t.color = light ? QColor(0x6a, 0x4c, 0xb0) : QColor(0x95, 0x75, 0xcd);
    else {
        static const std::array<QColor, 4> palette {QColor(0x42, 0xa5, 0xf5),
            QColor(0x26, 0xa6, 0x9a), QColor(0xec, 0x40, 0x7a), QColor(0x8d, 0x6e, 0x63)};
        t.color = palette[static_cast<std::size_t>(t.row) % palette.size()];
    }
    for (QLineSeries *line : t.lines) {
        QPen pen(t.color);
        pen.setWidthF(1.0);  // wider lines leave the raster fast path
        line->setPen(pen);
    }
    // Closed is the normal case: present but quiet; open shouts.
    const std::array<QColor, kLevels> levelColors {
        Theme::blend(m_theme.chartBackground, m_theme.up, 0.3), m_theme.demoBadge, m_theme.down};
    for (auto &lane : t.bands) {
        for (int level = 0; level < kLevels; ++level) {
            lane[level]->setBrush(levelColors[level]);
            lane[level]->setPen(Qt::NoPen);
        }
    }
    m_summary->item(t.row, index(Column::Source))->setForeground(t.color);
}

QStringList DataHealthWindow::sources() const
{
    QStringList names;
    for (const std::unique_ptr<Track> &t : m_tracks)
        names.append(t->source);
    return names;
}

int DataHealthWindow::sampleCount(const QString &source) const
{
    const Track *t = findTrack(source);
    return t ? static_cast<int>(t->samples.size()) : 0;
}

double DataHealthWindow::lastMessagesPerSecond(const QString &source) const
{
    const Track *t = findTrack(source);
    if (!t || t->samples.empty())
        return std::numeric_limits<double>::quiet_NaN();
    return t->samples.back().messagesPerSecond;
}

QString DataHealthWindow::summaryText(const QString &source, Column column) const
{
    const Track *t = findTrack(source);
    return t ? m_summary->item(t->row, index(column))->text() : QString();
}

QChart *DataHealthWindow::chart(Metric metric) const
{
    return m_charts[static_cast<std::size_t>(index(metric))];
}

int DataHealthWindow::plottedPointCount(const QString &source, Metric metric) const
{
    const Track *t = findTrack(source);
    if (!t)
        return 0;
    if (metric == Metric::Circuit)
        return static_cast<int>(t->bandUpper[0][kCircuitClosed]->count());
    return static_cast<int>(t->lines[static_cast<std::size_t>(index(metric))]->count());
}

}  // namespace wick
