#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <memory>
#include <span>

class QAction;
class QMenu;
class QStackedWidget;
class QTabWidget;
class QWidget;

namespace graphs {
struct GraphAnalysis;
}

namespace graphs::ui {

struct EstimatedModel;
struct HardwareCatalog;
class BenchmarksPage;
class CalibrationPage;
class CalibrationRunner;
class ComparePage;
class EnergyPage;
class GenerationPage;
class GraphViewPage;
class MemoryPage;
class ModelSummaryPage;
class NodesPage;
class RooflinePage;
class SubgraphSelection;
class SubgraphsPage;
class ValidationPage;

/// What the window hands its pages: the model open, its estimate, the hardware catalog. MainWindow emits; every
/// page receives what it has a setter for (setAnalysis, setEstimate, setOpenModel, setCatalog).
class PageFeed : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

Q_SIGNALS:
    void analysisChanged(const std::shared_ptr<const graphs::GraphAnalysis>& analysis);
    /// nullptr: no estimate (no hardware chosen, or it failed).
    void estimateChanged(const std::shared_ptr<const graphs::ui::EstimatedModel>& estimate);
    /// The file of the model just opened.
    void modelOpened(const QString& path);
    void catalogLoaded(const std::shared_ptr<const graphs::ui::HardwareCatalog>& catalog);
};

/// The pages, typed, for the window's menus and for tests; each factory fills in its own.
struct StudioPages
{
    ModelSummaryPage* summary = nullptr;
    GraphViewPage* graph = nullptr;
    NodesPage* nodes = nullptr;
    SubgraphsPage* subgraphs = nullptr;
    RooflinePage* roofline = nullptr;
    EnergyPage* energy = nullptr;
    MemoryPage* memory = nullptr;
    ComparePage* compare = nullptr;
    GenerationPage* generation = nullptr;
    CalibrationPage* calibration = nullptr;
    ValidationPage* validation = nullptr;
    BenchmarksPage* benchmarks = nullptr;
};

/// What a page factory may build its page with.
struct PageContext
{
    PageFeed* feed;
    SubgraphSelection* selection; ///< the subgraph singled out, shared by the pages that show subgraphs
    CalibrationRunner* calibration; ///< shared by the Calibration and Validation pages
    StudioPages* pages;
};

/// One tab of the window. Its View-menu action is "show<id>", with Alt+1… in table order; a page that needs a model
/// can be shown once one is open.
struct PageSpec
{
    const char* id;
    const char* title; ///< translated in the context graphs::ui::MainWindow
    bool needsModel;
    QWidget* (*create)(const PageContext& context);
};

/// The pages of graphs-studio in tab order: adding a page is adding a row here.
std::span<const PageSpec> pageTable();

/// Creates every page of pageTable() as a tab of `tabs`.
void addPages(QTabWidget* tabs, const PageContext& context);

/// Adds a "show<id>" action per tab of `tabs` (made by addPages()) to `menu`: it brings `tabs` up in `stack` and
/// switches to the page. Returns the actions of the pages that need a model, disabled until one is open.
QList<QAction*> addPageActions(QMenu* menu, QStackedWidget* stack, QTabWidget* tabs);

} // namespace graphs::ui
