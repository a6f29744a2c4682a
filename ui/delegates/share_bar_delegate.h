#pragma once

#include <QStyledItemDelegate>

namespace graphs::ui {

/// Draws a number in 0..1 (read from `role`) as a horizontal bar behind the cell's text.
class ShareBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ShareBarDelegate(int role, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int m_role;
};

} // namespace graphs::ui
