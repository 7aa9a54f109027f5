// ui/chart: IndicatorStyleDialog, the legend's Settings for one indicator: a
// colour per output (a swatch button opening QColorDialog) and the line width
// (a spin box), applied as they change (styleChanged), and a Parameters button
// for the indicator dialog. Non-modal, deletes itself on close. UI thread only.
#pragma once

#include <vector>

#include <QColor>
#include <QDialog>
#include <QString>
#include <QStringList>

class QDoubleSpinBox;
class QPushButton;

namespace wick {

class IndicatorStyleDialog : public QDialog
{
    Q_OBJECT

public:
    // outputs and colors: one each per output, as drawn now; width: the line width (px).
    IndicatorStyleDialog(const QString &spec, const QString &label, const QStringList &outputs,
        const std::vector<QColor> &colors, double width, QWidget *parent = nullptr);

    const QString &spec() const { return m_spec; }
    const std::vector<QColor> &colors() const { return m_colors; }
    double lineWidth() const;
    // What the swatch of an output and the QColorDialog it opens set (tests call it).
    void setColor(int output, const QColor &color);
    void setLineWidth(double width);
    QPushButton *swatch(int output) const;
    QDoubleSpinBox *widthBox() const { return m_width; }

    static constexpr double kMinWidth = 0.5;
    static constexpr double kMaxWidth = 6.0;

signals:
    void styleChanged(const QString &spec, const std::vector<QColor> &colors, double width);
    void parametersRequested(const QString &spec);

private:
    void paintSwatch(int output);
    void pickColor(int output);

    QString m_spec;
    std::vector<QColor> m_colors;
    std::vector<QPushButton *> m_swatches;
    QDoubleSpinBox *m_width = nullptr;
};

}  // namespace wick
