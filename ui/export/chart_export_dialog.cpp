#include "export/chart_export_dialog.h"

#include "dialogs.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace graphs::ui {

namespace {

constexpr int MinSide = 100;
constexpr int MaxSide = 10000;

QSpinBox* sideSpin(int value)
{
    auto* spin = new QSpinBox;
    spin->setRange(MinSide, MaxSide);
    spin->setSuffix(QStringLiteral(" px"));
    spin->setValue(value);
    return spin;
}

} // namespace

ChartExportDialog::ChartExportDialog(QWidget* parent, const QString& title, const QString& path, QSize size)
    : QDialog(parent)
    , m_path(new QLineEdit(path))
    , m_width(sideSpin(size.width()))
    , m_height(sideSpin(size.height()))
{
    setObjectName(QStringLiteral("chartExportDialog"));
    setWindowTitle(title);
    m_path->setObjectName(QStringLiteral("chartExportPath"));
    m_path->setMinimumWidth(360);
    m_width->setObjectName(QStringLiteral("chartExportWidth"));
    m_height->setObjectName(QStringLiteral("chartExportHeight"));

    auto* browse = new QPushButton(tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, &ChartExportDialog::browse);
    auto* file = new QHBoxLayout;
    file->addWidget(m_path, 1);
    file->addWidget(browse);
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel(QStringLiteral("×")));
    sizeRow->addWidget(m_height);
    sizeRow->addStretch(1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_path, &QLineEdit::textChanged, this,
        [this, buttons] { buttons->button(QDialogButtonBox::Save)->setEnabled(!m_path->text().trimmed().isEmpty()); });

    auto* form = new QFormLayout(this);
    form->addRow(tr("&File:"), file);
    form->addRow(tr("&Size:"), sizeRow);
    form->addRow(new QLabel(tr("A name ending in .svg saves a vector picture (SVG); any other, a PNG.")));
    form->addRow(buttons);
}

ChartExportChoice ChartExportDialog::choice() const
{
    return { m_path->text().trimmed(), QSize(m_width->value(), m_height->value()) };
}

void ChartExportDialog::browse()
{
    const QString filters = tr("PNG images (*.png);;SVG images (*.svg)");
    QString selected = m_path->text().endsWith(QLatin1String(".svg"), Qt::CaseInsensitive) ? tr("SVG images (*.svg)")
                                                                                           : tr("PNG images (*.png)");
    QString path = QFileDialog::getSaveFileName(this, windowTitle(), m_path->text(), filters, &selected);
    if (path.isEmpty())
        return;
    // The filter chosen decides the type when the name has no suffix of its own.
    if (QFileInfo(path).suffix().isEmpty())
        path += selected.contains(QLatin1String("*.svg")) ? QStringLiteral(".svg") : QStringLiteral(".png");
    m_path->setText(QDir::toNativeSeparators(path));
}

std::optional<ChartExportChoice> askChartExport(
    QWidget* parent, const QString& title, const QString& fileName, QSize size, const QString& fallbackDirectory)
{
    ChartExportDialog dialog(parent, title,
        QDir::toNativeSeparators(QDir(lastExportDirectory(fallbackDirectory)).filePath(fileName)),
        size.isValid() ? size : QSize(1200, 800));
    if (dialog.exec() != QDialog::Accepted || dialog.choice().path.isEmpty())
        return std::nullopt;
    const ChartExportChoice choice = dialog.choice();
    rememberExportDirectory(choice.path);
    return choice;
}

} // namespace graphs::ui
