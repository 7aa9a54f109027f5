#include "chart/IndicatorStyleDialog.h"

#include <algorithm>

#include <QColorDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QPixmap>
#include <QPushButton>
#include <QVBoxLayout>

namespace wick {

IndicatorStyleDialog::IndicatorStyleDialog(const QString &spec, const QString &label,
    const QStringList &outputs, const std::vector<QColor> &colors, double width, QWidget *parent)
    : QDialog(parent)
    , m_spec(spec)
    , m_colors(colors)
{
    setObjectName(QStringLiteral("indicatorStyleDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("%1 settings").arg(label));
    m_colors.resize(std::size_t(outputs.size()));
    auto *form = new QFormLayout;
    for (qsizetype k = 0; k < outputs.size(); ++k) {
        auto *button = new QPushButton(this);
        button->setObjectName(QStringLiteral("swatch_%1").arg(outputs[k]));
        button->setToolTip(tr("Colour of %1").arg(outputs[k]));
        m_swatches.push_back(button);
        const int output = int(k);
        connect(button, &QPushButton::clicked, this, [this, output] { pickColor(output); });
        form->addRow(outputs[k], button);
        paintSwatch(output);
    }
    m_width = new QDoubleSpinBox(this);
    m_width->setObjectName(QStringLiteral("lineWidth"));
    m_width->setRange(kMinWidth, kMaxWidth);
    m_width->setSingleStep(0.5);
    m_width->setDecimals(1);
    m_width->setSuffix(tr(" px"));
    m_width->setValue(std::clamp(width, kMinWidth, kMaxWidth));
    connect(m_width, &QDoubleSpinBox::valueChanged, this,
        [this] { emit styleChanged(m_spec, m_colors, lineWidth()); });
    form->addRow(tr("Line width"), m_width);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *parameters
        = buttons->addButton(tr("Parameters\u2026"), QDialogButtonBox::ActionRole);
    parameters->setObjectName(QStringLiteral("parameters"));
    connect(parameters, &QPushButton::clicked, this, [this] {
        emit parametersRequested(m_spec);
        close();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

double IndicatorStyleDialog::lineWidth() const
{
    return m_width->value();
}

void IndicatorStyleDialog::setColor(int output, const QColor &color)
{
    if (output < 0 || std::size_t(output) >= m_colors.size() || !color.isValid())
        return;
    m_colors[std::size_t(output)] = color;
    paintSwatch(output);
    emit styleChanged(m_spec, m_colors, lineWidth());
}

void IndicatorStyleDialog::setLineWidth(double width)
{
    m_width->setValue(std::clamp(width, kMinWidth, kMaxWidth));
}

QPushButton *IndicatorStyleDialog::swatch(int output) const
{
    return output >= 0 && std::size_t(output) < m_swatches.size() ? m_swatches[std::size_t(output)]
                                                                  : nullptr;
}

void IndicatorStyleDialog::paintSwatch(int output)
{
    QPixmap pixmap(28, 14);
    const QColor color = m_colors[std::size_t(output)];
    pixmap.fill(color.isValid() ? color : QColor(Qt::gray));
    m_swatches[std::size_t(output)]->setIcon(QIcon(pixmap));
    m_swatches[std::size_t(output)]->setIconSize(pixmap.size());
    m_swatches[std::size_t(output)]->setText(color.isValid() ? color.name() : tr("palette"));
}

void IndicatorStyleDialog::pickColor(int output)
{
    // Non-blocking: the colour applies when chosen.
    auto *dialog = new QColorDialog(m_colors[std::size_t(output)], this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QColorDialog::colorSelected, this,
        [this, output](const QColor &color) { setColor(output, color); });
    dialog->open();
}

}  // namespace wick
