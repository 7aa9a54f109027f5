#include "chart/ChartExport.h"

#include <cmath>
#include <utility>

#include <QAbstractButton>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QPainter>
#include <QPointer>
#include <QSpinBox>
#include <QThreadPool>
#include <QTimeZone>

#include <spdlog/spdlog.h>

#include "chart/CandleDataAdapter.h"
#include "chart/ChartView.h"
#include "storage/AtomicFile.h"
#include "storage/CsvFields.h"

namespace wick {

namespace {

constexpr int kMaxImageSide = 16384;

QByteArray number(double value)
{
    if (!std::isfinite(value))
        return {};
    return QByteArray::number(value, 'g', 15);
}

}  // namespace

QImage renderChartImage(ChartView &chart, const QSize &wanted)
{
    const QSize size(std::clamp(wanted.width(), 1, kMaxImageSide),
        std::clamp(wanted.height(), 1, kMaxImageSide));
    QCustomPlot *plot = chart.plot();
    QImage image(size, QImage::Format_RGB32);
    image.fill(chart.backgroundColor());
    // The legend and the pane labels are child widgets: where the layout at
    // this size puts them is known once it is done (the chart places them then).
    std::vector<std::pair<QPointer<QWidget>, QPoint>> overlays;
    const QMetaObject::Connection placed
        = QObject::connect(plot, &QCustomPlot::afterLayout, plot, [&overlays, plot] {
              overlays.clear();
              for (QWidget *child : plot->findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
                  if (child->isVisibleTo(plot) && qobject_cast<QAbstractButton *>(child) == nullptr)
                      overlays.emplace_back(child, child->pos());
              }
          });
    {
        QCPPainter painter(&image);
        plot->toPainter(&painter, size.width(), size.height());
        for (const auto &[widget, pos] : overlays) {
            if (widget)
                widget->render(&painter, pos, QRegion(), QWidget::DrawChildren);
        }
    }
    QObject::disconnect(placed);
    plot->replot();  // lays the chart out at its own size again (and its labels)
    return image;
}

QPixmap grabWithChart(QWidget &window, ChartView &chart)
{
    QPixmap picture = window.grab();
    QCustomPlot *plot = chart.plot();
    if (picture.isNull() || !plot->isVisible())
        return picture;
    const QImage image = renderChartImage(chart, plot->size() * plot->devicePixelRatioF());
    QPainter painter(&picture);
    const QPoint at = plot->mapTo(&window, QPoint(0, 0));
    painter.drawImage(QRect(at, plot->size()), image);
    return picture;
}

std::optional<ChartCsvData> visibleChartData(const ChartView &chart)
{
    const auto bars = chart.visibleBars();
    if (!bars)
        return std::nullopt;
    ChartCsvData data;
    data.bars = chart.candleData()->bars();
    data.first = bars->first;
    data.last = bars->second;
    data.columns = chart.indicatorPanes()->columns();
    return data;
}

QByteArray chartCsv(const ChartCsvData &data)
{
    QByteArray out;
    QList<QByteArray> header {"time", "open", "high", "low", "close", "volume"};
    for (const IndicatorPanes::Column &column : data.columns)
        header.append(column.name.toUtf8());
    out += csvRecord(header);
    QList<QByteArray> fields;
    for (std::size_t i = data.first; i <= data.last && i < data.bars.size(); ++i) {
        const Bar &bar = data.bars[i];
        fields.clear();
        fields.append(QDateTime::fromMSecsSinceEpoch(bar.time, QTimeZone::utc())
                          .toString(Qt::ISODateWithMs)
                          .toUtf8());
        for (double v : {bar.open, bar.high, bar.low, bar.close, bar.volume})
            fields.append(number(v));
        for (const IndicatorPanes::Column &column : data.columns)
            fields.append(i < column.values.size() ? number(column.values[i]) : QByteArray());
        out += csvRecord(fields);
    }
    return out;
}

void exportChartCsv(
    ChartView &chart, const QString &path, std::function<void(qint64, QString)> done)
{
    std::optional<ChartCsvData> data = visibleChartData(chart);
    if (!data) {
        done(0, QObject::tr("The chart shows no bars to export."));
        return;
    }
    QPointer<ChartView> context = &chart;
    QThreadPool::globalInstance()->start(
        [data = std::move(*data), path, context, done = std::move(done)]() mutable {
            const QByteArray csv = chartCsv(data);
            const auto rows = static_cast<qint64>(data.last - data.first + 1);
            QString error;
            if (QString why; !writeFileAtomically(path, csv, &why))
                error = QObject::tr("Export failed: %1").arg(why);
            if (error.isEmpty())
                spdlog::info("chart CSV: {} rows written to {}", rows, path.toStdString());
            else
                spdlog::error("chart CSV: {}", error.toStdString());
            if (!context)
                return;
            QMetaObject::invokeMethod(
                context.data(), [done = std::move(done), rows, error] { done(rows, error); },
                Qt::QueuedConnection);
        });
}

void openExportImageDialog(ChartView *chart, QWidget *parent, std::function<void(QString)> status)
{
    auto *dialog = new QDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("exportImageDialog"));
    dialog->setWindowTitle(QObject::tr("Export Chart Image"));
    auto *form = new QFormLayout(dialog);
    const auto spin = [dialog](int value) {
        auto *box = new QSpinBox(dialog);
        box->setRange(64, kMaxImageSide);
        box->setValue(value);
        box->setSuffix(QObject::tr(" px"));
        return box;
    };
    const QSize shown = chart->plot()->size();
    QSpinBox *width = spin(std::max(64, shown.width()));
    QSpinBox *height = spin(std::max(64, shown.height()));
    width->setObjectName(QStringLiteral("imageWidth"));
    height->setObjectName(QStringLiteral("imageHeight"));
    form->addRow(QObject::tr("Width"), width);
    form->addRow(QObject::tr("Height"), height);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    form->addRow(buttons);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    QPointer<ChartView> target = chart;
    QObject::connect(dialog, &QDialog::accepted, parent, [=] {
        if (!target)
            return;
        const QSize size(width->value(), height->value());  // before the file dialog's loop
        const QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export Chart Image"),
            QStringLiteral("chart.png"), QObject::tr("PNG images (*.png)"));
        if (path.isEmpty() || !target)
            return;
        const QImage image = renderChartImage(*target, size);
        if (!image.save(path, "PNG")) {
            spdlog::error("chart image: cannot write {}", path.toStdString());
            status(QObject::tr("Cannot write %1.").arg(QDir::toNativeSeparators(path)));
            return;
        }
        status(QObject::tr("Chart image %1x%2 written to %3.")
                   .arg(image.width())
                   .arg(image.height())
                   .arg(QDir::toNativeSeparators(path)));
    });
    dialog->open();
}

void openExportVisibleCsvDialog(
    ChartView *chart, QWidget *parent, std::function<void(QString)> status)
{
    const QString path
        = QFileDialog::getSaveFileName(parent, QObject::tr("Export Visible Bars to CSV"),
            QStringLiteral("chart-visible.csv"), QObject::tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    exportChartCsv(*chart, path, [status, path](qint64 rows, const QString &error) {
        status(error.isEmpty() ? QObject::tr("%1 visible bars with indicators written to %2.")
                                     .arg(QLocale().toString(rows), QDir::toNativeSeparators(path))
                               : error);
    });
}

}  // namespace wick
