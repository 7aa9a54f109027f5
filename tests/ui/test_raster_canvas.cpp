// RasterCanvas against QPainter on the same image: rectangles exactly as
// QPainter::fillRect fills them (clipped, at a device pixel ratio of 2), 1 px
// polylines and channel fills within a pixel of QPainter's aliased drawing,
// gaps at non-finite points, and no canvas where QPainter must draw (a
// pixmap, antialiasing, a rotation or shift, a translucent opacity, another
// composition mode); a copy of the image keeps its pixels.
#include <algorithm>
#include <cmath>
#include <limits>

#include <QImage>
#include <QPainter>
#include <QPixmap>
#include <QRandomGenerator>
#include <QTest>

#include "chart/RasterCanvas.h"

using namespace wick;

namespace {

const QColor kBackground(0x13, 0x17, 0x22);
const QColor kInk(0xe0, 0x40, 0x80);

QImage blank(QSize size, QImage::Format format = QImage::Format_RGB32, qreal ratio = 1.0)
{
    QImage image(size, format);
    image.setDevicePixelRatio(ratio);
    image.fill(kBackground);
    return image;
}

int inked(const QImage &image)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            n += image.pixelColor(x, y) == kInk ? 1 : 0;
    return n;
}

// The inked pixels of `image` that have no inked pixel of `other` within one
// pixel (in x and y).
int strays(const QImage &image, const QImage &other)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (image.pixelColor(x, y) != kInk)
                continue;
            bool near = false;
            for (int dy = -1; dy <= 1 && !near; ++dy)
                for (int dx = -1; dx <= 1 && !near; ++dx)
                    near = other.rect().contains(x + dx, y + dy)
                        && other.pixelColor(x + dx, y + dy) == kInk;
            n += near ? 0 : 1;
        }
    }
    return n;
}

// A random walk with steep and shallow segments, one point per `step` pixels.
QVector<QPointF> walk(int count, double step, double y0, quint32 seed)
{
    QRandomGenerator rng(seed);
    QVector<QPointF> points;
    double y = y0;
    for (int i = 0; i < count; ++i) {
        points.append(QPointF(3.3 + i * step, y));
        y += (rng.generateDouble() - 0.5) * (i % 3 == 0 ? 40.0 : 3.0);
        y = std::clamp(y, 5.0, 195.0);
    }
    return points;
}

}  // namespace

class TestRasterCanvas : public QObject
{
    Q_OBJECT

private slots:
    void fillsRectanglesAsQPainterDoes_data();
    void fillsRectanglesAsQPainterDoes();
    void drawsPolylinesWithinAPixelOfQPainter_data();
    void drawsPolylinesWithinAPixelOfQPainter();
    void breaksALineAtANonFinitePoint();
    void fillsBetweenTwoLinesWithinAPixelOfAPolygonFill();
    void leavesToQPainterWhatItCannotDrawTheSame();
    void strokesOnlySolidThinOpaquePens();
};

void TestRasterCanvas::fillsRectanglesAsQPainterDoes_data()
{
    QTest::addColumn<qreal>("ratio");
    QTest::addColumn<bool>("clipped");
    QTest::newRow("1x") << 1.0 << false;
    QTest::newRow("1x clipped") << 1.0 << true;
    QTest::newRow("2x") << 2.0 << false;
    QTest::newRow("2x clipped") << 2.0 << true;
}

void TestRasterCanvas::fillsRectanglesAsQPainterDoes()
{
    QFETCH(qreal, ratio);
    QFETCH(bool, clipped);
    const QSize size(qRound(160 * ratio), qRound(120 * ratio));
    const QList<QRect> rects = {QRect(10, 10, 30, 20), QRect(-5, 50, 20, 90),
        QRect(150, 100, 40, 40), QRect(60, 5, 1, 100), QRect(70, 70, 0, 10), QRect(80, 30, 12, 1)};
    QImage expected = blank(size, QImage::Format_RGB32, ratio);
    QImage actual = blank(size, QImage::Format_RGB32, ratio);
    {
        QPainter q(&expected);
        QPainter r(&actual);
        if (clipped) {
            q.setClipRect(QRect(20, 15, 100, 80));
            r.setClipRect(QRect(20, 15, 100, 80));
        }
        const RasterCanvas canvas(&r);
        QVERIFY(canvas.isValid());
        for (const QRect &rect : rects) {
            q.fillRect(rect, kInk);
            canvas.fillRect(rect, kInk);
        }
    }
    QVERIFY(inked(expected) > 0);
    QCOMPARE(actual, expected);
}

void TestRasterCanvas::drawsPolylinesWithinAPixelOfQPainter_data()
{
    QTest::addColumn<double>("step");
    QTest::addColumn<bool>("reversed");
    QTest::newRow("zigzag, one point per pixel") << 1.0 << false;
    QTest::newRow("sparse points") << 7.25 << false;
    QTest::newRow("sparse points, right to left") << 7.25 << true;
    QTest::newRow("half-pixel steps") << 0.5 << false;
}

void TestRasterCanvas::drawsPolylinesWithinAPixelOfQPainter()
{
    QFETCH(double, step);
    QFETCH(bool, reversed);
    QVector<QPointF> points = walk(static_cast<int>(280 / step), step, 100.0, 15);
    if (reversed)
        std::reverse(points.begin(), points.end());
    // The pane is clipped on the right and at the top, as a plot's axis rect.
    QImage expected = blank(QSize(300, 200));
    QImage actual = blank(QSize(300, 200));
    {
        QPainter q(&expected);
        QPainter r(&actual);
        q.setClipRect(QRect(0, 20, 250, 180));
        r.setClipRect(QRect(0, 20, 250, 180));
        q.setPen(QPen(kInk, 0));
        q.drawPolyline(points.constData(), static_cast<int>(points.size()));
        const RasterCanvas canvas(&r);
        QVERIFY(canvas.isValid());
        canvas.polyline(points, kInk);
    }
    const int drawn = inked(expected);
    QVERIFY2(drawn > 250, qPrintable(QString::number(drawn)));
    QCOMPARE(strays(actual, expected), 0);
    QCOMPARE(strays(expected, actual), 0);
    // Neither draws a line much thicker than the other.
    QVERIFY2(std::abs(inked(actual) - drawn) < drawn / 10,
        qPrintable(QStringLiteral("%1 against %2").arg(inked(actual)).arg(drawn)));
    for (int y = 0; y < 20; ++y)
        for (int x = 0; x < 300; ++x)
            QVERIFY(actual.pixelColor(x, y) != kInk);
    for (int y = 0; y < 200; ++y)
        for (int x = 250; x < 300; ++x)
            QVERIFY(actual.pixelColor(x, y) != kInk);
}

void TestRasterCanvas::breaksALineAtANonFinitePoint()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const QVector<QPointF> points = {QPointF(10.5, 50.5), QPointF(40.5, 50.5), QPointF(60.5, nan),
        QPointF(80.5, 50.5), QPointF(110.5, 50.5)};
    QImage image = blank(QSize(120, 100));
    {
        QPainter painter(&image);
        const RasterCanvas canvas(&painter);
        canvas.polyline(points, kInk);
    }
    QCOMPARE(image.pixelColor(10, 50), kInk);
    QCOMPARE(image.pixelColor(40, 50), kInk);
    QCOMPARE(image.pixelColor(80, 50), kInk);
    QCOMPARE(image.pixelColor(110, 50), kInk);
    for (int x = 41; x < 80; ++x)
        QVERIFY2(image.pixelColor(x, 50) != kInk, qPrintable(QString::number(x)));
    QCOMPARE(inked(image), 31 + 31);
}

void TestRasterCanvas::fillsBetweenTwoLinesWithinAPixelOfAPolygonFill()
{
    const QVector<QPointF> upper = walk(120, 2.1, 60.0, 7);
    QVector<QPointF> lower = upper;
    for (QPointF &p : lower)
        p.ry() += 25.0 + 10.0 * std::sin(p.x() / 17.0);
    QImage expected = blank(QSize(300, 220), QImage::Format_ARGB32_Premultiplied);
    QImage actual = blank(QSize(300, 220), QImage::Format_ARGB32_Premultiplied);
    {
        QPainter q(&expected);
        QPolygonF polygon(upper);
        for (qsizetype i = lower.size() - 1; i >= 0; --i)
            polygon.append(lower.at(i));
        q.setPen(Qt::NoPen);
        q.setBrush(kInk);
        q.drawPolygon(polygon);
        QPainter r(&actual);
        const RasterCanvas canvas(&r);
        QVERIFY(canvas.isValid());
        canvas.fillBetween(upper, lower, kInk);
    }
    const int area = inked(expected);
    QVERIFY2(area > 120 * 2 * 20, qPrintable(QString::number(area)));
    QCOMPARE(strays(actual, expected), 0);
    QCOMPARE(strays(expected, actual), 0);
    QVERIFY2(std::abs(inked(actual) - area) < area / 50,
        qPrintable(QStringLiteral("%1 against %2").arg(inked(actual)).arg(area)));
}

void TestRasterCanvas::leavesToQPainterWhatItCannotDrawTheSame()
{
    QImage image = blank(QSize(50, 50));
    {
        QPainter painter(&image);
        QVERIFY(RasterCanvas(&painter).isValid());
        painter.setRenderHint(QPainter::Antialiasing);
        QVERIFY(!RasterCanvas(&painter).isValid());
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.rotate(10);
        QVERIFY(!RasterCanvas(&painter).isValid());
        painter.resetTransform();
        painter.translate(3, 0);
        QVERIFY(!RasterCanvas(&painter).isValid());
        painter.resetTransform();
        painter.setOpacity(0.5);
        QVERIFY(!RasterCanvas(&painter).isValid());
        painter.setOpacity(1.0);
        painter.setCompositionMode(QPainter::CompositionMode_Source);
        QVERIFY(!RasterCanvas(&painter).isValid());
    }
    // A copy shares the pixels until the painter detaches the image: the
    // canvas's writes reach the painted image only.
    const QImage copy = image;
    {
        QPainter painter(&image);
        const RasterCanvas canvas(&painter);
        QVERIFY(canvas.isValid());
        canvas.fillRect(QRect(0, 0, 10, 10), kInk);
    }
    QCOMPARE(image.pixelColor(5, 5), kInk);
    QCOMPARE(copy.pixelColor(5, 5), kBackground);
    QImage argb(QSize(10, 10), QImage::Format_ARGB32);
    {
        QPainter painter(&argb);
        QVERIFY(!RasterCanvas(&painter).isValid());
    }
    QPixmap pixmap(20, 20);
    {
        QPainter painter(&pixmap);
        QVERIFY(!RasterCanvas(&painter).isValid());
    }
    QVERIFY(!RasterCanvas(nullptr).isValid());
    QVERIFY(RasterCanvas::paints(kInk));
    QVERIFY(!RasterCanvas::paints(QColor(255, 0, 0, 128)));
    QVERIFY(!RasterCanvas::paints(QColor()));
}

void TestRasterCanvas::strokesOnlySolidThinOpaquePens()
{
    QImage image = blank(QSize(20, 20), QImage::Format_RGB32, 2.0);
    QPainter painter(&image);
    const RasterCanvas canvas(&painter);
    QVERIFY(canvas.isValid());
    QVERIFY(canvas.strokes(QPen(kInk, 0)));  // cosmetic: one device pixel
    QVERIFY(!canvas.strokes(QPen(kInk, 1)));  // two device pixels at 2x
    QVERIFY(canvas.strokes(QPen(kInk, 0.5)));
    QVERIFY(!canvas.strokes(QPen(kInk, 0, Qt::DashLine)));
    QVERIFY(!canvas.strokes(QPen(QColor(224, 64, 128, 100), 0)));
    QPen patterned(QBrush(Qt::red, Qt::Dense4Pattern), 0);
    QVERIFY(!canvas.strokes(patterned));
}

QTEST_MAIN(TestRasterCanvas)
#include "test_raster_canvas.moc"
