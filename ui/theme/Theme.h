// ui/theme: the colours of Wick's dark and light looks. A Theme is a plain value
// the widgets read when it changes (UI thread only); nothing here draws.
#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

namespace wick {

struct Theme {
    enum class Kind { Dark, Light };

    Kind kind = Kind::Dark;
    QColor window;  // chrome: menus, docks, status bar
    QColor base;  // tables and editors
    QColor alternateBase;
    QColor text;
    QColor mutedText;  // secondary labels, axis text
    QColor highlight;  // selection
    QColor border;

    QColor chartBackground;
    QColor grid;
    QColor axis;
    QColor crosshair;
    QColor up;  // rising candle / positive change
    QColor down;  // falling candle / negative change
    QColor upVolume;  // opaque, pre-blended with the background: translucent bars are slow
    QColor downVolume;
    QColor demoBadge;  // the "DEMO" tag: simulated data must never pass for real data

    static Theme dark();
    static Theme light();
    static Theme fromKind(Kind kind);

    // "dark" / "light", the names kept in settings.
    QString id() const;
    static Kind kindFromId(const QString &id);

    QPalette palette() const;

    // a*(1-t) + b*t, opaque.
    static QColor blend(const QColor &a, const QColor &b, double t);
};

}  // namespace wick
