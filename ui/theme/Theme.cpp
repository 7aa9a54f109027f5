#include "theme/Theme.h"

namespace wick {

Theme Theme::dark()
{
    // TradingView's dark palette, which traders read as "terminal".
    Theme t;
    t.kind = Kind::Dark;
    t.window = QColor(0x1e, 0x22, 0x2d);
    t.base = QColor(0x13, 0x17, 0x22);
    t.alternateBase = QColor(0x17, 0x1b, 0x26);
    t.text = QColor(0xd1, 0xd4, 0xdc);
    t.mutedText = QColor(0x87, 0x8b, 0x96);
    t.highlight = QColor(0x2a, 0x3a, 0x5e);
    t.border = QColor(0x2a, 0x2e, 0x39);
    t.chartBackground = QColor(0x13, 0x17, 0x22);
    t.grid = QColor(0x1f, 0x23, 0x2e);
    t.axis = QColor(0x2a, 0x2e, 0x39);
    t.crosshair = QColor(0x75, 0x86, 0x96);
    t.up = QColor(0x26, 0xa6, 0x9a);
    t.down = QColor(0xef, 0x53, 0x50);
    t.upVolume = blend(t.chartBackground, t.up, 0.45);
    t.downVolume = blend(t.chartBackground, t.down, 0.45);
    t.demoBadge = QColor(0xf5, 0x9e, 0x0b);
    return t;
}

Theme Theme::light()
{
    Theme t;
    t.kind = Kind::Light;
    t.window = QColor(0xf0, 0xf3, 0xfa);
    t.base = QColor(0xff, 0xff, 0xff);
    t.alternateBase = QColor(0xf8, 0xf9, 0xfd);
    t.text = QColor(0x13, 0x17, 0x22);
    t.mutedText = QColor(0x6a, 0x6d, 0x78);
    t.highlight = QColor(0xbb, 0xd9, 0xfb);
    t.border = QColor(0xd1, 0xd4, 0xdc);
    t.chartBackground = QColor(0xff, 0xff, 0xff);
    t.grid = QColor(0xf0, 0xf3, 0xfa);
    t.axis = QColor(0xd1, 0xd4, 0xdc);
    t.crosshair = QColor(0x95, 0x98, 0xa1);
    t.up = QColor(0x08, 0x99, 0x81);
    t.down = QColor(0xf2, 0x36, 0x45);
    t.upVolume = blend(t.chartBackground, t.up, 0.4);
    t.downVolume = blend(t.chartBackground, t.down, 0.4);
    t.demoBadge = QColor(0xd9, 0x77, 0x06);
    return t;
}

Theme Theme::fromKind(Kind kind)
{
    return kind == Kind::Light ? light() : dark();
}

QString Theme::id() const
{
    return kind == Kind::Light ? QStringLiteral("light") : QStringLiteral("dark");
}

Theme::Kind Theme::kindFromId(const QString &id)
{
    return id == QLatin1String("light") ? Kind::Light : Kind::Dark;
}

QPalette Theme::palette() const
{
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, alternateBase);
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, mutedText);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, down);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, text);
    p.setColor(QPalette::Link, QColor(0x29, 0x62, 0xff));
    p.setColor(QPalette::Light, blend(window, text, 0.15));
    p.setColor(QPalette::Midlight, blend(window, text, 0.08));
    p.setColor(QPalette::Mid, border);
    p.setColor(QPalette::Dark, blend(window, base, 0.5));
    p.setColor(QPalette::Shadow, kind == Kind::Dark ? QColor(0, 0, 0) : border);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, mutedText);
    return p;
}

QColor Theme::blend(const QColor &a, const QColor &b, double t)
{
    const auto mix = [t](int x, int y) { return qRound(x * (1.0 - t) + y * t); };
    return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()));
}

}  // namespace wick
