#include "search/SymbolSearch.h"

#include <algorithm>

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QScreen>
#include <QVBoxLayout>

#include "search/SymbolSearchDelegate.h"
#include "search/SymbolSearchModel.h"

namespace wick {

namespace {

constexpr int kWidth = 640;
constexpr int kHeight = 440;
constexpr int kPageRows = 10;

}  // namespace

SymbolSearch::SymbolSearch(QWidget *parent)
    : QFrame(parent, Qt::Popup)
    , m_model(new SymbolSearchModel(this))
    , m_delegate(new SymbolSearchDelegate(this))
    , m_query(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_hint(new QLabel(this))
    , m_count(new QLabel(this))
{
    setObjectName(QStringLiteral("symbolSearch"));
    setFrameShape(QFrame::NoFrame);
    resize(kWidth, kHeight);

    m_query->setObjectName(QStringLiteral("symbolSearchQuery"));
    m_query->setPlaceholderText(tr("Find a symbol: BTC, ETH/USDT, binance:SOL\u2026"));
    m_query->setClearButtonEnabled(true);
    m_query->installEventFilter(this);
    QFont queryFont = m_query->font();
    queryFont.setPointSizeF(queryFont.pointSizeF() * 1.15);
    m_query->setFont(queryFont);

    m_list->setModel(m_model);
    m_list->setItemDelegate(m_delegate);
    m_list->setUniformItemSizes(true);  // no per-row size queries on 200-row resets
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setFocusPolicy(Qt::NoFocus);  // typing stays in the query
    m_list->setFrameShape(QFrame::NoFrame);
    connect(m_list, &QListView::doubleClicked, this,
        [this](const QModelIndex &index) { choose(index.row()); });

    m_hint->setText(tr("\u2191\u2193 move \u00b7 Enter adds to the watchlist \u00b7 Esc closes"));

    auto *footer = new QHBoxLayout;
    footer->setContentsMargins(12, 0, 14, 0);
    footer->addWidget(m_hint, 1);
    footer->addWidget(m_count);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(1, 1, 1, 6);
    layout->setSpacing(6);
    auto *queryRow = new QHBoxLayout;
    queryRow->setContentsMargins(8, 8, 8, 0);
    queryRow->addWidget(m_query);
    layout->addLayout(queryRow);
    layout->addWidget(m_list, 1);
    layout->addLayout(footer);

    connect(m_query, &QLineEdit::textChanged, this, &SymbolSearch::queryChanged);
    setTheme(Theme::dark());
    m_model->setQuery(QString());
    updateFooter();
}

void SymbolSearch::setCandidates(const QString &source, std::vector<SearchCandidate> candidates)
{
    const QString current = currentKey();
    m_model->setCandidates(source, std::move(candidates));
    // Keep the highlighted symbol if it is still listed.
    const int row = static_cast<int>(m_model->visibleKeys().indexOf(current));
    if (current.isEmpty() || row < 0)
        selectFirst();
    else {
        for (int r = 0; r < m_model->rowCount(); ++r) {
            if (m_model->keyAt(r) == current)
                m_list->setCurrentIndex(m_model->index(r));
        }
    }
    updateFooter();
}

void SymbolSearch::setWatched(const QStringList &keys)
{
    m_model->setWatched(keys);
}

void SymbolSearch::setSimulatedSources(const QStringList &sources)
{
    m_model->setSimulatedSources(sources);
}

void SymbolSearch::setTheme(const Theme &theme)
{
    m_delegate->setTheme(theme);
    setPalette(theme.palette());
    setAutoFillBackground(true);
    setStyleSheet(
        QStringLiteral("#symbolSearch { background: %1; border: 1px solid %2; }"
                       "#symbolSearchQuery { background: %3; color: %4; border: 1px solid %2;"
                       " border-radius: 3px; padding: 5px 8px; selection-background-color: %5; }"
                       "#symbolSearchQuery:focus { border-color: %6; }")
            .arg(theme.window.name(), theme.border.name(), theme.base.name(), theme.text.name(),
                theme.highlight.name(), Theme::blend(theme.border, theme.text, 0.35).name()));
    QPalette list = theme.palette();
    list.setColor(QPalette::Base, theme.window);
    m_list->setPalette(list);
    QPalette muted = theme.palette();
    muted.setColor(QPalette::WindowText, theme.mutedText);
    m_hint->setPalette(muted);
    m_count->setPalette(muted);
    m_list->viewport()->update();
}

void SymbolSearch::popup()
{
    resize(kWidth, kHeight);
    QWidget *anchor = parentWidget() ? parentWidget()->window() : nullptr;
    QRect area = anchor ? anchor->frameGeometry()
                        : (screen() ? screen()->availableGeometry() : QRect(0, 0, 1280, 800));
    const int width = std::min(kWidth, std::max(360, area.width() - 40));
    const int height = std::min(kHeight, std::max(240, area.height() - 80));
    resize(width, height);
    move(area.left() + (area.width() - width) / 2, area.top() + std::max(40, area.height() / 7));

    m_model->setQuery(m_query->text());
    selectFirst();
    updateFooter();
    show();
    raise();
    activateWindow();
    m_query->setFocus(Qt::PopupFocusReason);
    m_query->selectAll();
}

QStringList SymbolSearch::visibleKeys() const
{
    return m_model->visibleKeys();
}

QStringList SymbolSearch::messages() const
{
    return m_model->messages();
}

QString SymbolSearch::currentKey() const
{
    return m_model->keyAt(m_list->currentIndex().row());
}

void SymbolSearch::queryChanged(const QString &text)
{
    m_model->setQuery(text);
    selectFirst();
    updateFooter();
}

void SymbolSearch::selectFirst()
{
    for (int r = 0; r < m_model->rowCount(); ++r) {
        if (!m_model->isMessage(r)) {
            m_list->setCurrentIndex(m_model->index(r));
            m_list->scrollToTop();
            return;
        }
    }
    m_list->setCurrentIndex(QModelIndex());
}

void SymbolSearch::moveCurrent(int delta)
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return;
    int row = m_list->currentIndex().isValid() ? m_list->currentIndex().row() : -1;
    const int step = delta > 0 ? 1 : -1;
    int target = row;
    // Walk |delta| selectable rows, stopping at either end; message lines are skipped.
    for (int moved = 0, r = row + step; r >= 0 && r < rows && moved < std::abs(delta); r += step) {
        if (!m_model->isMessage(r)) {
            target = r;
            ++moved;
        }
    }
    if (target >= 0 && target != row) {
        m_list->setCurrentIndex(m_model->index(target));
        m_list->scrollTo(m_model->index(target));
    }
}

void SymbolSearch::choose(int row)
{
    const QString key = m_model->keyAt(row);
    if (key.isEmpty())
        return;
    hide();
    emit symbolChosen(key);
}

void SymbolSearch::updateFooter()
{
    const QLocale locale;
    const int total = m_model->candidateCount();
    const int matches = m_model->matchCount();
    if (m_query->text().trimmed().isEmpty())
        m_count->setText(tr("%1 symbols").arg(locale.toString(total)));
    else if (matches > SymbolSearchModel::kMaxRows)
        m_count->setText(tr("first %1 of %2 matches")
                             .arg(SymbolSearchModel::kMaxRows)
                             .arg(locale.toString(matches)));
    else
        m_count->setText(matches == 1 ? tr("1 match") : tr("%1 matches").arg(matches));
}

bool SymbolSearch::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_query && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Down:
            moveCurrent(1);
            return true;
        case Qt::Key_Up:
            moveCurrent(-1);
            return true;
        case Qt::Key_PageDown:
            moveCurrent(kPageRows);
            return true;
        case Qt::Key_PageUp:
            moveCurrent(-kPageRows);
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            choose(m_list->currentIndex().row());
            return true;
        case Qt::Key_Escape:
            hide();
            return true;
        default:
            break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

}  // namespace wick
