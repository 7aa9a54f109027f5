// ui/chart: HoverCursor, a cursor shape shown over a widget while the mouse is
// over something draggable (a pane boundary, the baseline level), and the
// widget's own cursor back afterwards (or none, if it had none). UI thread only.
#pragma once

#include <QCursor>
#include <QWidget>

namespace wick {

class HoverCursor
{
public:
    HoverCursor(QWidget *widget, Qt::CursorShape shape)
        : m_widget(widget)
        , m_shape(shape)
    { }

    void set(bool on)
    {
        if (on == m_on)
            return;
        m_on = on;
        if (on) {
            m_hadCursor = m_widget->testAttribute(Qt::WA_SetCursor);
            m_saved = m_widget->cursor();
            m_widget->setCursor(m_shape);
        } else if (m_hadCursor) {
            m_widget->setCursor(m_saved);
        } else {
            m_widget->unsetCursor();
        }
    }

private:
    QWidget *m_widget;
    Qt::CursorShape m_shape;
    bool m_on = false;
    bool m_hadCursor = false;
    QCursor m_saved;
};

}  // namespace wick
