#include "widgets/import_progress.h"

#include "jobs/model_loader.h"

#include <QHBoxLayout>
#include <QProgressBar>
#include <QPushButton>

namespace graphs::ui {

ImportProgress::ImportProgress(ModelLoader* loader, QWidget* parent)
    : QWidget(parent)
    , m_bar(new QProgressBar)
{
    m_bar->setObjectName(QStringLiteral("importProgress"));
    m_bar->setRange(0, 100);
    m_bar->setMaximumWidth(200);
    auto* cancel = new QPushButton(tr("Cancel"));
    cancel->setObjectName(QStringLiteral("cancelImport"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar);
    layout->addWidget(cancel);
    hide();

    connect(loader, &ModelLoader::progressChanged, m_bar, &QProgressBar::setValue);
    connect(cancel, &QPushButton::clicked, loader, &ModelLoader::cancel);
}

void ImportProgress::setLoading(bool loading)
{
    m_bar->setValue(0);
    setVisible(loading);
}

} // namespace graphs::ui
