#include "widgets/hardware_picker.h"

#include "hardware/hardware_spec.h"
#include "models/hardware_list_model.h"

#include <QCompleter>
#include <QHeaderView>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTreeView>

namespace graphs::ui {

namespace {

/// Matches on the search text (name, id, vendor) but shows and inserts the entry's name.
class NameCompleter : public QCompleter
{
public:
    using QCompleter::QCompleter;

    QString pathFromIndex(const QModelIndex& index) const override { return index.data(Qt::DisplayRole).toString(); }
};

} // namespace

HardwarePicker::HardwarePicker(QWidget* parent)
    : QComboBox(parent)
    , m_model(new HardwareListModel(this))
    , m_completionModel(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("hardwarePicker"));
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(26);
    setMaxVisibleItems(24);
    setToolTip(tr("Hardware to estimate on: type part of a name, id or vendor"));

    // The list shows every column; the field shows the name.
    auto* view = new QTreeView;
    view->setRootIsDecorated(false);
    view->setItemsExpandable(false);
    view->setHeaderHidden(true);
    view->setAllColumnsShowFocus(true);
    view->setUniformRowHeights(true);
    view->header()->setStretchLastSection(false);
    view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setModel(m_model);
    setView(view);
    setModelColumn(HardwareListModel::Name);

    // The completer sees entries only (a heading has no id), matched anywhere in the search text.
    m_completionModel->setSourceModel(m_model);
    m_completionModel->setFilterRole(HardwareListModel::IdRole);
    m_completionModel->setFilterRegularExpression(QRegularExpression(QStringLiteral(".")));
    auto* completer = new NameCompleter(m_completionModel, this);
    completer->setCompletionRole(HardwareListModel::SearchRole);
    completer->setCompletionColumn(HardwareListModel::Name);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    completer->setMaxVisibleItems(12);
    setCompleter(completer);

    lineEdit()->setPlaceholderText(tr("Search hardware…"));
    lineEdit()->setClearButtonEnabled(true);
    // Files dropped here open a model (the main window takes the drop) rather than landing as text.
    lineEdit()->setAcceptDrops(false);
    setCurrentIndex(-1);

    connect(this, &QComboBox::currentIndexChanged, this, &HardwarePicker::onCurrentIndexChanged);
    // An empty field (the clear button, or everything deleted) means no hardware: counts only.
    connect(lineEdit(), &QLineEdit::textEdited, this, &HardwarePicker::onTextEdited);
    // A search left without choosing shows the chosen entry again.
    connect(lineEdit(), &QLineEdit::editingFinished, this, [this] {
        const QString chosen = currentIndex() >= 0 ? itemText(currentIndex()) : QString();
        if (lineEdit()->text() != chosen)
            lineEdit()->setText(chosen);
    });
}

void HardwarePicker::setEntries(const std::vector<std::shared_ptr<const HardwareSpec>>& entries)
{
    const QString previous = m_current ? QString::fromStdString(m_current->id) : QString();
    {
        const QSignalBlocker blocker(this);
        m_model->setEntries(entries);
        setCurrentIndex(m_model->rowOf(previous));
    }
    // The popup is as wide as its columns, not as the field.
    auto* tree = static_cast<QTreeView*>(view());
    int width = 0;
    for (int column = 0; column < HardwareListModel::NumColumns; ++column) {
        tree->resizeColumnToContents(column);
        width += tree->columnWidth(column);
    }
    tree->setMinimumWidth(width + tree->verticalScrollBar()->sizeHint().width() + 8);
    // The completions show whole names, wider than the field.
    completer()->popup()->setMinimumWidth(tree->columnWidth(HardwareListModel::Name) + 24);
    onCurrentIndexChanged(currentIndex());
}

bool HardwarePicker::selectId(const QString& id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return false;
    setCurrentIndex(row);
    return true;
}

std::shared_ptr<const HardwareSpec> HardwarePicker::hardware() const
{
    return m_current;
}

void HardwarePicker::onCurrentIndexChanged(int row)
{
    auto spec = m_model->entry(row);
    if (row >= 0 && !spec) {
        // A heading cannot be chosen: keep what was chosen before.
        const QSignalBlocker blocker(this);
        setCurrentIndex(m_current ? m_model->rowOf(QString::fromStdString(m_current->id)) : -1);
        return;
    }
    if (spec == m_current)
        return;
    m_current = std::move(spec);
    Q_EMIT hardwareChanged(m_current);
}

void HardwarePicker::onTextEdited(const QString& text)
{
    if (text.isEmpty())
        setCurrentIndex(-1);
}

} // namespace graphs::ui
