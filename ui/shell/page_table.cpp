#include "shell/page_table.h"

#include "estimated_model.h"
#include "graph/graph_view_page.h"
#include "hardware_catalog.h"
#include "pages/benchmarks_page.h"
#include "pages/calibration_page.h"
#include "pages/compare_page.h"
#include "pages/energy_page.h"
#include "pages/generation_page.h"
#include "pages/memory_page.h"
#include "pages/model_summary_page.h"
#include "pages/nodes_page.h"
#include "pages/roofline_page.h"
#include "pages/subgraphs_page.h"
#include "pages/validation_page.h"

#include <QAction>
#include <QCoreApplication>
#include <QMenu>
#include <QStackedWidget>
#include <QTabWidget>
#include <iterator>

namespace graphs::ui {

namespace {

using AnalysisPtr = std::shared_ptr<const GraphAnalysis>;
using EstimatePtr = std::shared_ptr<const EstimatedModel>;
using CatalogPtr = std::shared_ptr<const HardwareCatalog>;

/// Connects `page` to what the feed carries that it has a setter for, and hands it back.
template <typename Page> QWidget* fed(const PageContext& context, Page* page)
{
    PageFeed* feed = context.feed;
    if constexpr (requires(Page* p, const AnalysisPtr& a) { p->setAnalysis(a); })
        QObject::connect(feed, &PageFeed::analysisChanged, page, [page](const AnalysisPtr& a) { page->setAnalysis(a); });
    if constexpr (requires(Page* p, const EstimatePtr& e) { p->setEstimate(e); })
        QObject::connect(feed, &PageFeed::estimateChanged, page, [page](const EstimatePtr& e) { page->setEstimate(e); });
    if constexpr (requires(Page* p, const QString& path) { p->setOpenModel(path); })
        QObject::connect(feed, &PageFeed::modelOpened, page, [page](const QString& path) { page->setOpenModel(path); });
    if constexpr (requires(Page* p, const CatalogPtr& c) { p->setCatalog(c); })
        QObject::connect(feed, &PageFeed::catalogLoaded, page, [page](const CatalogPtr& c) { page->setCatalog(c); });
    return page;
}

constexpr bool NeedsModel = true;
constexpr bool NeedsNoModel = false; // they work on the registries: measurements, calibrations, published results

// clang-format off
constexpr PageSpec Pages[] = {
    { "Summary", QT_TRANSLATE_NOOP("graphs::ui::MainWindow", "Summary"), NeedsModel,
        [](const PageContext& c) { return fed(c, c.pages->summary = new ModelSummaryPage); } },
    { "Graph", QT_TRANSLATE_NOOP("graphs::ui::MainWindow", "Graph"), NeedsModel,
        [](const PageContext& c) { return fed(c, c.pages->graph = new GraphViewPage(c.selection)); } },
    { "Nodes", QT_TRANSLATE_NOOP("graphs::ui::MainWindow", "Nodes"), NeedsModel,
        [](const PageContext& c) { return fed(c, c.pages->nodes = new NodesPage); } },
    { "Subgraphs", QT_TRANSLATE_NOOP("graphs::ui::MainWindow", "Subgraphs"), NeedsModel,
        [](const PageContext& c) { return fed(c, c.pages->subgraphs = new SubgraphsPage(c.selection)); } },
    { "Roofline", QT_TRANSLATE_NOOP("graphs::ui::MainWindow", "Roofline"), NeedsModel,
        [](const PageContext& c) { return fed(c, c.pages->roofline = new RooflinePage(c.selection)); } },
    { "Energy", QT_TRANSLATE_NOOP("graphs::ui::MainWindow", "Energy"), NeedsModel,
        [](const PageContext& c) { return fed(c, c.pages->energy = new EnergyPage(c.selection)); } },
    { "Memory", QT_TRANSLATE_NOOP("graphs::ui::MainWindow", "Memory"), NeedsModel,
        [](const PageContext& c) { return fed(c, c.pages->memory = new MemoryPage); } },
    { "Compare", QT_TRANSLATE_NOOP("graphs::ui::MainWindow", "Compare"), NeedsNoModel,
        [](const PageContext& c) { return fed(c, c.pages->compare = new ComparePage); } },
    { "Generation", QT_TRANSLATE_NOOP("graphs::ui::MainWindow", "Generation"), NeedsNoModel,
        [](const PageContext& c) { return fed(c, c.pages->generation = new GenerationPage); } },
    { "Calibration", QT_TRANSLATE_NOOP("graphs::ui::MainWindow", "Calibration"), NeedsNoModel,
        [](const PageContext& c) { return fed(c, c.pages->calibration = new CalibrationPage(c.calibration)); } },
    { "Validation", QT_TRANSLATE_NOOP("graphs::ui::MainWindow", "Validation"), NeedsNoModel,
        [](const PageContext& c) { return fed(c, c.pages->validation = new ValidationPage(c.calibration)); } },
    { "Benchmarks", QT_TRANSLATE_NOOP("graphs::ui::MainWindow", "Benchmarks"), NeedsNoModel,
        [](const PageContext& c) { return fed(c, c.pages->benchmarks = new BenchmarksPage); } },
};
// clang-format on

/// Alt+1… as in tabbed browsers and terminals; Ctrl+digit is taken by the graph's zoom (Ctrl+0: fit).
constexpr Qt::Key ShortcutDigits[]
    = { Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4, Qt::Key_5, Qt::Key_6, Qt::Key_7, Qt::Key_8, Qt::Key_9, Qt::Key_0 };

QString titleOf(const PageSpec& spec)
{
    return QCoreApplication::translate("graphs::ui::MainWindow", spec.title);
}

} // namespace

std::span<const PageSpec> pageTable()
{
    return Pages;
}

void addPages(QTabWidget* tabs, const PageContext& context)
{
    for (const PageSpec& spec : pageTable())
        tabs->addTab(spec.create(context), titleOf(spec));
}

QList<QAction*> addPageActions(QMenu* menu, QStackedWidget* stack, QTabWidget* tabs)
{
    QList<QAction*> needModel;
    const std::span<const PageSpec> specs = pageTable();
    for (int i = 0; i < tabs->count() && i < static_cast<int>(specs.size()); ++i) {
        QWidget* page = tabs->widget(i);
        QAction* show = menu->addAction(tabs->tabText(i), tabs, [stack, tabs, page] {
            stack->setCurrentWidget(tabs);
            tabs->setCurrentWidget(page);
        });
        show->setObjectName(QStringLiteral("show") + QLatin1String(specs[i].id));
        if (i < static_cast<int>(std::size(ShortcutDigits)))
            show->setShortcut(QKeySequence(Qt::ALT | ShortcutDigits[i]));
        if (specs[i].needsModel) {
            show->setEnabled(false); // until a model is open
            needModel << show;
        }
    }
    return needModel;
}

} // namespace graphs::ui
