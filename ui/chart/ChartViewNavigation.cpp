// ChartView's navigation: go to a date (and its dialog), reset the view, jump
// to the live bar. Wheel zoom around the mouse and drag to pan are
// QCustomPlot's (set up in buildPlot); double-clicks on the axes are ChartScales'.
#include <algorithm>
#include <cmath>

#include <QDateTimeEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QTimeZone>

#include "chart/CandleDataAdapter.h"
#include "chart/ChartScales.h"
#include "chart/ChartView.h"

namespace wick {

bool ChartView::goToTime(TimeMs time)
{
    const std::size_t count = m_data->size();
    if (count == 0)
        return false;
    // The first bar opening at or after time (bars are in time order).
    std::size_t lo = 0;
    std::size_t hi = count;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (m_data->bar(mid).time < time)
            lo = mid + 1;
        else
            hi = mid;
    }
    const auto index = static_cast<double>(std::min(lo, count - 1));
    const QCPRange now = visibleRange();
    const double half = now.size() / 2.0;
    m_priceRect->axis(QCPAxis::atBottom)->setRange(index - half, index + half);
    scheduleReplot();
    return true;
}

void ChartView::openGoToDate()
{
    if (m_data->size() == 0)
        return;
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("goToDateDialog"));
    dialog->setWindowTitle(tr("Go to Date"));
    auto *form = new QFormLayout(dialog);
    const QTimeZone zone = m_symbolInfo.timeZone();
    auto *edit = new QDateTimeEdit(dialog);
    edit->setObjectName(QStringLiteral("goToDateEdit"));
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    edit->setCalendarPopup(true);
    // The edit shows the zone's wall time (held as UTC fields, so no local
    // zone shifts it); accepting reads it back in the zone.
    edit->setTimeSpec(Qt::UTC);
    const QCPRange range = visibleRange();
    const auto centre = static_cast<std::size_t>(
        std::clamp(std::round(range.center()), 0.0, static_cast<double>(m_data->size() - 1)));
    const QDateTime shown = QDateTime::fromMSecsSinceEpoch(m_data->bar(centre).time, zone);
    edit->setDateTime(QDateTime(shown.date(), shown.time(), Qt::UTC));
    form->addRow(tr("Date and time (%1)").arg(QString::fromUtf8(zone.id())), edit);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(dialog, &QDialog::accepted, this, [this, edit, zone] {
        const QDateTime wall = edit->dateTime();
        goToTime(QDateTime(wall.date(), wall.time(), zone).toMSecsSinceEpoch());
    });
    dialog->open();
    edit->setFocus();
}

void ChartView::resetView()
{
    if (m_data->size() > 0)
        showLatestBars();
    m_scales->resetAll();
    updateLiveButton();
    scheduleReplot();
}

void ChartView::jumpToLive()
{
    const std::size_t count = m_data->size();
    if (count == 0)
        return;
    const double size = visibleRange().size();
    const double upper = static_cast<double>(count) - 1.0 + kRightMarginBars;
    m_priceRect->axis(QCPAxis::atBottom)->setRange(upper - size, upper);
    updateLiveButton();
    scheduleReplot();
}

bool ChartView::followingLive() const
{
    return visibleRange().upper >= static_cast<double>(m_data->size()) - 0.5;
}

std::optional<std::pair<std::size_t, std::size_t>> ChartView::visibleBars() const
{
    const std::size_t count = m_data->size();
    if (count == 0)
        return std::nullopt;
    const QCPRange range = visibleRange();
    const double first = std::clamp(std::ceil(range.lower - 0.5), 0.0, double(count - 1));
    const double last = std::clamp(std::floor(range.upper + 0.5), 0.0, double(count - 1));
    if (first > last)
        return std::nullopt;
    return std::make_pair(static_cast<std::size_t>(first), static_cast<std::size_t>(last));
}

}  // namespace wick
