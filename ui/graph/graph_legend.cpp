#include "graph/graph_legend.h"

#include <QLinearGradient>
#include <QPainter>
#include <algorithm>

namespace graphs::ui {

namespace {

constexpr int Swatch = 12;
constexpr int Gap = 6;
constexpr int Spacing = 14;
constexpr int ScaleWidth = 120;

} // namespace

GraphLegend::GraphLegend(QWidget* parent)
    : QWidget(parent)
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void GraphLegend::setLegend(LegendData legend)
{
    m_legend = std::move(legend);
    updateGeometry();
    update();
}

std::vector<GraphLegend::Piece> GraphLegend::arrange(int width) const
{
    const QFontMetrics fm = fontMetrics();
    const int rowHeight = std::max(fm.height(), Swatch) + 4;
    std::vector<Piece> pieces;
    int x = 0;
    int y = 0;
    auto place = [&](int w, int entry) {
        if (x > 0 && x + w > width) {
            x = 0;
            y += rowHeight;
        }
        pieces.push_back({ QRect(x, y, w, rowHeight), entry });
        x += w + Spacing;
    };
    if (m_legend.heatScale) {
        place(fm.horizontalAdvance(m_legend.low) + ScaleWidth + fm.horizontalAdvance(m_legend.high) + 2 * Gap, -1);
    }
    for (size_t i = 0; i < m_legend.entries.size(); ++i)
        place(Swatch + Gap + fm.horizontalAdvance(m_legend.entries[i].label), static_cast<int>(i));
    if (!m_legend.note.isEmpty())
        place(std::min(fm.horizontalAdvance(m_legend.note), std::max(width, 1)), -2);
    return pieces;
}

int GraphLegend::heightForWidth(int width) const
{
    const auto pieces = arrange(width);
    return pieces.empty() ? 0 : pieces.back().rect.bottom() + 1;
}

QSize GraphLegend::sizeHint() const
{
    return { 400, heightForWidth(400) };
}

QSize GraphLegend::minimumSizeHint() const
{
    return { 100, fontMetrics().height() + 4 };
}

void GraphLegend::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm = fontMetrics();
    for (const Piece& piece : arrange(width())) {
        const QRect r = piece.rect;
        const int swatchTop = r.top() + (r.height() - Swatch) / 2;
        if (piece.entry >= 0) {
            const LegendEntry& e = m_legend.entries[piece.entry];
            painter.setPen(QColor(90, 90, 90));
            painter.setBrush(e.colour);
            painter.drawRoundedRect(QRect(r.left(), swatchTop, Swatch, Swatch), 2, 2);
            painter.setPen(palette().color(QPalette::WindowText));
            painter.drawText(r.adjusted(Swatch + Gap, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, e.label);
        } else if (piece.entry == -1) {
            painter.setPen(palette().color(QPalette::WindowText));
            const int lowWidth = fm.horizontalAdvance(m_legend.low);
            painter.drawText(QRect(r.left(), r.top(), lowWidth, r.height()), Qt::AlignVCenter, m_legend.low);
            const QRect bar(r.left() + lowWidth + Gap, swatchTop, ScaleWidth, Swatch);
            QLinearGradient gradient(bar.topLeft(), bar.topRight());
            for (int i = 0; i <= 10; ++i)
                gradient.setColorAt(i / 10.0, heatColour(i / 10.0));
            painter.setPen(QColor(90, 90, 90));
            painter.setBrush(gradient);
            painter.drawRect(bar);
            painter.setPen(palette().color(QPalette::WindowText));
            painter.drawText(QRect(bar.right() + Gap, r.top(), r.right() - bar.right(), r.height()), Qt::AlignVCenter,
                m_legend.high);
        } else {
            painter.setPen(palette().color(QPalette::PlaceholderText));
            painter.drawText(
                r, Qt::AlignVCenter | Qt::AlignLeft, fm.elidedText(m_legend.note, Qt::ElideRight, r.width()));
        }
    }
}

} // namespace graphs::ui
