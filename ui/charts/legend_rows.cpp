#include "charts/legend_rows.h"

#include <algorithm>
#include <vector>

namespace graphs::ui {

namespace {

/// Room for a colour key and about thirty characters.
constexpr int ColumnWidth = 210;

/// A legend entry that takes no room and draws nothing.
class LegendGap : public QCPAbstractLegendItem
{
public:
    explicit LegendGap(QCPLegend* legend)
        : QCPAbstractLegendItem(legend)
    {
        setSelectable(false);
    }

protected:
    void draw(QCPPainter*) override { }
    QSize minimumOuterSizeHint() const override { return { 0, 0 }; }
};

} // namespace

void arrangeLegendInRows(QCPLegend& legend, int columns, int sectionStart)
{
    columns = std::max(1, columns);
    std::vector<QCPLayoutElement*> entries;
    for (int i = 0; i < legend.elementCount(); ++i) {
        QCPLayoutElement* element = legend.elementAt(i);
        if (!element)
            continue;
        legend.take(element);
        if (dynamic_cast<LegendGap*>(element))
            delete element;
        else
            entries.push_back(element);
    }
    legend.simplify();
    legend.setWrap(columns);
    legend.setFillOrder(QCPLayoutGrid::foColumnsFirst, false);
    int placed = 0;
    const auto closeRow = [&] {
        for (; placed % columns != 0; ++placed)
            legend.addElement(new LegendGap(&legend));
    };
    for (size_t i = 0; i < entries.size(); ++i) {
        if (static_cast<int>(i) == sectionStart)
            closeRow();
        legend.addElement(entries[i]);
        ++placed;
    }
    closeRow();
}

int legendColumnsFor(int width)
{
    return std::clamp(width / ColumnWidth, 1, 3);
}

QString legendText(const QString& text, int maxCharacters)
{
    if (text.size() <= maxCharacters)
        return text;
    return text.left(maxCharacters - 1).trimmed() + QChar(0x2026);
}

void placeLegendAbove(QCustomPlot& plot, QSize iconSize)
{
    QCPLegend* legend = plot.legend;
    plot.axisRect()->insetLayout()->take(legend);
    plot.plotLayout()->insertRow(0);
    plot.plotLayout()->addElement(0, 0, legend);
    plot.plotLayout()->setRowStretchFactor(0, 0.001);
    legend->setBorderPen(Qt::NoPen);
    legend->setIconSize(iconSize);
    legend->setRowSpacing(0);
    legend->setColumnSpacing(10);
    legend->setMargins(QMargins(4, 2, 4, 0));
}

} // namespace graphs::ui
