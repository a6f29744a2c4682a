#include "delegates/share_bar_delegate.h"

#include <QApplication>
#include <QPainter>
#include <algorithm>

namespace graphs::ui {

ShareBarDelegate::ShareBarDelegate(int role, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_role(role)
{
}

void ShareBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();

    // Background and selection first, then the bar, then the text on top.
    const QString text = opt.text;
    opt.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const double share = std::clamp(index.data(m_role).toDouble(), 0.0, 1.0);
    const QRect area = opt.rect.adjusted(2, 3, -2, -3);
    if (share > 0 && area.width() > 0) {
        QRect bar = area;
        bar.setWidth(std::max(1, static_cast<int>(area.width() * share)));
        QColor colour = opt.palette.color(QPalette::Highlight);
        colour.setAlpha(opt.state & QStyle::State_Selected ? 110 : 70);
        painter->fillRect(bar, colour);
    }

    const QPalette::ColorRole textRole
        = opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text;
    style->drawItemText(
        painter, opt.rect.adjusted(4, 0, -4, 0), int(opt.displayAlignment), opt.palette, true, text, textRole);
}

} // namespace graphs::ui
