// Responsiveness of graphs-studio: the real MainWindow, shown, with a hardware entry chosen, gets a model dropped on
// it (a QDropEvent carrying the file's URL, as a file manager sends it). Timed from the drop: the first estimate
// handed to the pages, and the first rendered graph (the Graph tab is current; the first paint of its viewport with
// boxes in the scene, up to the return to the event loop). Meanwhile a monitor thread pings the GUI thread every
// 5 ms through a queued call and records how long each ping waits: the longest wait is the longest the GUI thread
// was blocked, from the drop until import, layout, estimate and every page are done and the window is idle.
// Stalls over 100 ms are attributed to the step that ended them (markers on the window's signals) and to the
// slowest top-level event delivered meanwhile (timed in QApplication::notify), with the slowest event inside it.
//
// Run (a Release build; the models come from ../shared/models, plus a generated 5,000-node transformer):
//   QT_QPA_PLATFORM=offscreen build-bench/tests/benchmarks/bench_studio_responsiveness [--repeats 5]
//   xvfb-run -a build-bench/tests/benchmarks/bench_studio_responsiveness
// Options: --repeats N, --hardware ID (nvidia-h100-sxm5), --models resnet50,vit_b_16,transformer5k,
// --tabs (after idle, also visit every tab and report the longest stall of showing one), --verbose.
// Each repeat is a fresh window, so the first in the process also pays for first-use costs (fonts, caches).

#include "bench_support.h"
#include "estimation/graph_analysis.h"
#include "graph/graph_scene.h"
#include "graph/graph_view.h"
#include "graph/graph_view_page.h"
#include "hardware/hardware_spec.h"
#include "jobs/estimate_runner.h"
#include "jobs/model_loader.h"
#include "main_window.h"
#include "stall_monitor.h"
#include "synthetic_models.h"
#include "widgets/hardware_toolbar.h"

#include <QApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QMetaEnum>
#include <QMimeData>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

using Clock = std::chrono::steady_clock;
using graphs::bench::StallMonitor;
using graphs::ui::MainWindow;

namespace {

constexpr double StallLimitMs = 100;
/// Events longer than this are kept with their receiver, to name the culprit of a stall.
constexpr double SlowEventMs = 30;
constexpr int RunTimeoutMs = 180000;
/// After the last step, the window is watched this much longer: deferred work (timers, replots) counts too.
constexpr int SettleMs = 400;

double msBetween(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
}

struct SlowEvent
{
    Clock::time_point start;
    double ms = 0;
    QString what;
    QString inside; ///< the slowest event sent while it was handled, with its time; empty when none was slow
};

/// Times every top-level event of the GUI thread, and the slowest event sent while each was handled: when the
/// top-level one runs a nested loop of posted events (a repaint, say), that one tells what the time went on.
class TimedApplication : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject* receiver, QEvent* event) override
    {
        if (!m_recording || m_depth > 1 || QThread::currentThread() != thread()) {
            ++m_depth;
            const bool result = QApplication::notify(receiver, event);
            --m_depth;
            return result;
        }
        // Named before it is delivered: the event may delete its receiver.
        const Name name { receiver->metaObject()->className(), namedAncestor(receiver), event->type() };
        const int depth = m_depth++;
        if (depth == 0)
            m_slowestChild = {};
        const auto start = Clock::now();
        const bool result = QApplication::notify(receiver, event);
        const double ms = msBetween(start, Clock::now());
        --m_depth;
        if (depth == 1 && ms > m_slowestChild.ms)
            m_slowestChild = { name, ms };
        if (depth == 0 && ms >= SlowEventMs) {
            const QString inside = m_slowestChild.ms >= SlowEventMs
                ? QStringLiteral("%1 (%2 ms)").arg(m_slowestChild.name.text()).arg(m_slowestChild.ms, 0, 'f', 0)
                : QString();
            m_slow.push_back({ start, ms, name.text(), inside });
        }
        return result;
    }

    void setRecording(bool on)
    {
        m_recording = on;
        if (on)
            m_slow.clear();
    }
    const std::vector<SlowEvent>& slowEvents() const { return m_slow; }

private:
    struct Name
    {
        const char* className = "";
        QString owner;
        QEvent::Type type = QEvent::None;

        QString text() const
        {
            const char* typeName = QMetaEnum::fromType<QEvent::Type>().valueToKey(type);
            return QString::fromLatin1(className) + (owner.isEmpty() ? QString() : QLatin1Char(' ') + owner)
                + QLatin1Char(' ') + (typeName ? QString::fromLatin1(typeName) : QString::number(type));
        }
    };

    /// The object's name, or that of its nearest named ancestor ("in …"): watchers and scenes have none.
    static QString namedAncestor(const QObject* object)
    {
        if (!object->objectName().isEmpty())
            return object->objectName();
        for (const QObject* o = object->parent(); o; o = o->parent()) {
            if (!o->objectName().isEmpty())
                return QStringLiteral("in ") + o->objectName();
        }
        return {};
    }

    bool m_recording = false;
    int m_depth = 0;
    struct
    {
        Name name;
        double ms = 0;
    } m_slowestChild;
    std::vector<SlowEvent> m_slow;
};

/// Runs the event loop until `done` holds or `timeoutMs` passes (a real loop, as the application's: no
/// processEvents).
bool waitUntil(const std::function<bool()>& done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    poll.start(5);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}

void wait(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

/// Notes the first paint of the graph view's viewport with boxes in the scene, and when the loop is back after it.
class PaintWatcher : public QObject
{
public:
    explicit PaintWatcher(graphs::ui::GraphViewPage* page)
        : m_page(page)
    {
        page->view()->viewport()->installEventFilter(this);
    }
    bool painted() const { return m_painted; }
    Clock::time_point paintedAt() const { return m_paintedAt; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && !m_paintSeen && m_page->scene()->diagram()
            && !m_page->scene()->items().isEmpty()) {
            m_paintSeen = true;
            QMetaObject::invokeMethod(
                this,
                [this] {
                    m_paintedAt = Clock::now();
                    m_painted = true;
                },
                Qt::QueuedConnection);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    graphs::ui::GraphViewPage* m_page;
    bool m_paintSeen = false;
    bool m_painted = false;
    Clock::time_point m_paintedAt;
};

struct Marker
{
    Clock::time_point at;
    QString name;
    /// Set when the window's handler of a step has returned (the step ends here), rather than before the benchmark
    /// starts one (a drop, a tab switch).
    bool endsStep = false;
};

struct Stall
{
    double atMs = 0; ///< since the drop
    double ms = 0;
    QString phase;
    QString culprit;
};

struct RunResult
{
    bool ok = false;
    QString error;
    double loadedMs = 0;
    double estimateMs = 0;
    double graphMs = 0;
    double idleMs = 0;
    double maxStallMs = 0;
    double p99Ms = 0;
    int overLimit = 0;
    int pings = 0;
    double tabsMaxStallMs = -1;
    std::vector<Stall> stalls;
};

/// The step a stall belongs to: the one whose handler returned as it ended, else the last one started before it.
QString phaseOf(Clock::time_point start, Clock::time_point end, const std::vector<Marker>& markers)
{
    const Marker* before = nullptr;
    for (const Marker& m : markers) {
        if (m.endsStep && m.at >= start && m.at <= end + std::chrono::milliseconds(2))
            return m.name;
        if (m.at < start)
            before = &m;
    }
    return QStringLiteral("after %1").arg(before ? before->name : QStringLiteral("drop"));
}

QString describe(const SlowEvent& e)
{
    const QString text = QStringLiteral("%1 (%2 ms)").arg(e.what).arg(e.ms, 0, 'f', 0);
    return e.inside.isEmpty() ? text : text + QStringLiteral(", inside it ") + e.inside;
}

QString culpritOf(Clock::time_point start, Clock::time_point end, const std::vector<SlowEvent>& slow)
{
    const SlowEvent* worst = nullptr;
    for (const SlowEvent& e : slow) {
        const auto eventEnd = e.start + std::chrono::microseconds(static_cast<long long>(e.ms * 1000));
        if (eventEnd >= start && e.start <= end && (!worst || e.ms > worst->ms))
            worst = &e;
    }
    return worst ? describe(*worst) : QStringLiteral("?");
}

struct Options
{
    int repeats = 5;
    QString hardware = QStringLiteral("nvidia-h100-sxm5");
    QStringList models = { QStringLiteral("resnet50"), QStringLiteral("vit_b_16"), QStringLiteral("transformer5k") };
    bool tabs = false;
    bool verbose = false;
};

RunResult measureOnce(TimedApplication& app, const QString& path, const Options& options)
{
    RunResult r;
    auto window = std::make_unique<MainWindow>();
    graphs::ui::GraphViewPage* graphPage = window->graphPage();
    window->pages()->setCurrentWidget(graphPage);
    window->show();
    window->selectHardware(options.hardware);
    const bool chosen = waitUntil(
        [&] {
            const auto hw = window->hardwareToolBar()->settings().hardware;
            return hw && QString::fromStdString(hw->id) == options.hardware;
        },
        30000);
    if (!chosen) {
        r.error = QStringLiteral("hardware %1 not chosen").arg(options.hardware);
        return r;
    }
    wait(300); // the window painted and idle before the drop

    std::vector<Marker> markers;
    auto mark = [&markers](const QString& name, bool endsStep = true) {
        markers.push_back({ Clock::now(), name, endsStep });
    };
    // Connected after the window's own slots: a marker is set when the window's handler has returned.
    QObject::connect(window->loader(), &graphs::ui::ModelLoader::loaded, window.get(),
        [&] { mark(QStringLiteral("analysis shown (loaded)")); });
    QObject::connect(graphPage, &graphs::ui::GraphViewPage::layoutFinished, window.get(),
        [&] { mark(QStringLiteral("layout drawn into the scene")); });
    QObject::connect(window->estimator(), &graphs::ui::EstimateRunner::estimated, window.get(),
        [&](const std::shared_ptr<const graphs::ui::EstimatedModel>& estimate) {
            if (estimate)
                mark(QStringLiteral("estimate shown (pages updated)"));
        });
    PaintWatcher paint(graphPage);

    StallMonitor monitor;
    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(path) });
    const QPoint centre = window->rect().center();
    app.setRecording(true);
    monitor.start();
    const auto drop = Clock::now();
    markers.push_back({ drop, QStringLiteral("drop"), false });
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window.get(), &enter);
    QDropEvent dropEvent(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window.get(), &dropEvent);

    const auto& analysis = window->analysis();
    const bool idle = waitUntil(
        [&] {
            const auto& e = window->estimate();
            return analysis && e && e->analysis == analysis && !window->loader()->isLoading()
                && !window->estimator()->isRunning() && !graphPage->isLayoutPending() && paint.painted();
        },
        RunTimeoutMs);
    const auto idleAt = Clock::now();
    if (idle) {
        mark(QStringLiteral("idle"), false);
        wait(SettleMs);
    }
    if (idle && options.tabs) {
        for (int i = 0; i < window->pages()->count(); ++i) {
            mark(QStringLiteral("tab %1 shown").arg(window->pages()->tabText(i)), false);
            window->pages()->setCurrentIndex(i);
            wait(SettleMs);
        }
        mark(QStringLiteral("tabs done"), false);
    }
    monitor.stop();
    app.setRecording(false);
    if (!idle) {
        r.error = QStringLiteral("not idle after %1 s").arg(RunTimeoutMs / 1000);
        return r;
    }

    auto markerTime = [&markers](const QString& prefix) {
        for (const Marker& m : markers) {
            if (m.name.startsWith(prefix))
                return m.at;
        }
        return Clock::time_point {};
    };
    r.loadedMs = msBetween(drop, markerTime(QStringLiteral("analysis shown")));
    r.estimateMs = msBetween(drop, markerTime(QStringLiteral("estimate shown")));
    r.graphMs = msBetween(drop, paint.paintedAt());
    r.idleMs = msBetween(drop, idleAt);

    const auto tabsStart = options.tabs ? markerTime(QStringLiteral("tab ")) : Clock::time_point::max();
    std::vector<double> latencies;
    const auto pings = monitor.pings();
    for (const StallMonitor::Ping& p : pings) {
        const auto end = p.sent + std::chrono::microseconds(static_cast<long long>(p.ms * 1000));
        const bool tab = p.sent >= tabsStart;
        if (tab)
            r.tabsMaxStallMs = std::max(r.tabsMaxStallMs, p.ms);
        else
            latencies.push_back(p.ms);
        if (p.ms > StallLimitMs) {
            r.stalls.push_back({ msBetween(drop, p.sent), p.ms, phaseOf(p.sent, end, markers),
                culpritOf(p.sent, end, app.slowEvents()) });
        }
        if (!tab && p.ms > StallLimitMs)
            ++r.overLimit;
    }
    std::sort(latencies.begin(), latencies.end());
    r.pings = static_cast<int>(latencies.size());
    if (!latencies.empty()) {
        r.maxStallMs = latencies.back();
        r.p99Ms = latencies[static_cast<size_t>(std::max(0.0, std::ceil(0.99 * latencies.size()) - 1))];
    }
    if (options.verbose) {
        for (const SlowEvent& e : app.slowEvents())
            std::printf("    slow event at +%.0f ms: %s\n", msBetween(drop, e.start), qPrintable(describe(e)));
    }
    window->close();
    window.reset();
    wait(50); // deferred deletes of the window's children
    r.ok = true;
    return r;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n == 0 ? 0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readLine()).section(QLatin1Char(' '), 0, 2);
}

/// `../shared/models/<name>*.onnx`, the first in name order; empty when there is none.
QString sharedModel(const QString& name)
{
    const QFileInfo dir(QString::fromStdString(graphs::bench::sharedModel(std::string())));
    const QStringList files
        = QDir(dir.absolutePath()).entryList({ name + QStringLiteral("*.onnx") }, QDir::Files, QDir::Name);
    return files.isEmpty() ? QString() : QDir(dir.absolutePath()).filePath(files.first());
}

Options parseOptions(const QStringList& args)
{
    Options o;
    for (int i = 1; i < args.size(); ++i) {
        const QString& a = args[i];
        const QString next = i + 1 < args.size() ? args[i + 1] : QString();
        if (a == QLatin1String("--repeats") && !next.isEmpty()) {
            o.repeats = std::max(1, next.toInt());
            ++i;
        } else if (a == QLatin1String("--hardware") && !next.isEmpty()) {
            o.hardware = next;
            ++i;
        } else if (a == QLatin1String("--models") && !next.isEmpty()) {
            o.models = next.split(QLatin1Char(','), Qt::SkipEmptyParts);
            ++i;
        } else if (a == QLatin1String("--tabs")) {
            o.tabs = true;
        } else if (a == QLatin1String("--verbose")) {
            o.verbose = true;
        }
    }
    return o;
}

} // namespace

int main(int argc, char** argv)
{
    // The user's settings and calibrations stay out of it: QSettings under ~/.qttest, an empty user registry.
    QTemporaryDir userData;
    qputenv("XDG_DATA_HOME", QFile::encodeName(userData.path()));
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("graphs-bench"));
    QCoreApplication::setApplicationName(QStringLiteral("graphs-studio"));
    TimedApplication app(argc, argv);
    // Whole lines: Qt's warnings on stderr do not land in the middle of a result when both go to one pipe.
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const Options options = parseOptions(QCoreApplication::arguments());

    std::printf("platform: %s, Qt %s, load average: %s, repeats: %d, hardware: %s\n",
        qPrintable(QGuiApplication::platformName()), qVersion(), qPrintable(loadAverage()), options.repeats,
        qPrintable(options.hardware));

    std::unique_ptr<graphs::bench::ScratchModel> generated;
    struct Row
    {
        QString model;
        std::vector<RunResult> runs;
    };
    std::vector<Row> rows;
    for (const QString& model : options.models) {
        QString path;
        if (model == QLatin1String("transformer5k")) {
            generated = std::make_unique<graphs::bench::ScratchModel>(
                graphs::bench::transformerWithNodes(5000), "responsiveness-5k");
            path = QString::fromStdString(generated->path());
        } else {
            path = sharedModel(model);
        }
        if (path.isEmpty()) {
            std::printf("%s: skipped (no %s*.onnx in ../shared/models, or the file could not be written)\n",
                qPrintable(model), qPrintable(model));
            continue;
        }
        Row row { model, {} };
        for (int i = 0; i < options.repeats; ++i) {
            RunResult r = measureOnce(app, path, options);
            if (!r.ok) {
                std::printf("%s #%d: failed: %s\n", qPrintable(model), i + 1, qPrintable(r.error));
                continue;
            }
            std::printf("%s #%d: loaded %.0f ms, estimate %.0f ms, graph %.0f ms, idle %.0f ms, longest stall %.0f ms, "
                        "p99 %.1f ms, >100 ms: %d (%d pings)%s\n",
                qPrintable(model), i + 1, r.loadedMs, r.estimateMs, r.graphMs, r.idleMs, r.maxStallMs, r.p99Ms,
                r.overLimit, r.pings,
                r.tabsMaxStallMs >= 0
                    ? qPrintable(QStringLiteral(", tabs: longest stall %1 ms").arg(r.tabsMaxStallMs, 0, 'f', 0))
                    : "");
            for (const Stall& s : r.stalls)
                std::printf("    stall %.0f ms at +%.0f ms: %s; slowest event: %s\n", s.ms, s.atMs, qPrintable(s.phase),
                    qPrintable(s.culprit));
            row.runs.push_back(std::move(r));
        }
        rows.push_back(std::move(row));
    }

    std::printf("\nplatform %s, load average at the end: %s\n\n", qPrintable(QGuiApplication::platformName()),
        qPrintable(loadAverage()));
    std::printf("| Model | Runs | Drop → first estimate | Drop → first rendered graph | Longest GUI stall | p99 ping | "
                "Stalls > 100 ms |%s\n",
        options.tabs ? " Longest stall, tab switches |" : "");
    std::printf("|---|---:|---:|---:|---:|---:|---:|%s\n", options.tabs ? "---:|" : "");
    bool over = false;
    for (const Row& row : rows) {
        auto pick = [&row](double RunResult::*field) {
            std::vector<double> v;
            for (const RunResult& r : row.runs)
                v.push_back(r.*field);
            return std::make_pair(median(v), v.empty() ? 0 : *std::max_element(v.begin(), v.end()));
        };
        auto cell = [](std::pair<double, double> mm, int decimals = 0) {
            return QStringLiteral("%1 (max %2) ms").arg(mm.first, 0, 'f', decimals).arg(mm.second, 0, 'f', decimals);
        };
        int stalls = 0;
        for (const RunResult& r : row.runs)
            stalls += r.overLimit;
        const auto longest = pick(&RunResult::maxStallMs);
        over = over || longest.second > StallLimitMs;
        std::printf("| %s | %d | %s | %s | %s | %s | %d |%s\n", qPrintable(row.model), int(row.runs.size()),
            qPrintable(cell(pick(&RunResult::estimateMs))), qPrintable(cell(pick(&RunResult::graphMs))),
            qPrintable(cell(longest)), qPrintable(cell(pick(&RunResult::p99Ms), 1)), stalls,
            options.tabs ? qPrintable(QStringLiteral(" %1 |").arg(cell(pick(&RunResult::tabsMaxStallMs)))) : "");
    }
    std::printf("\nCells: median over the runs (max). %s\n",
        over ? "Some run blocked the GUI thread longer than 100 ms." : "No run blocked the GUI thread over 100 ms.");
    return 0;
}
