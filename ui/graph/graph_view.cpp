#include "graph/graph_view.h"

#include "graph/graph_scene.h"

#include <QApplication>
#include <QMouseEvent>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace graphs::ui {

namespace {

constexpr double MinZoom = 0.01;
constexpr double MaxZoom = 4;
constexpr double ZoomStep = 1.25;
/// Room left around what fitAll() and reveal() show, in pixels.
constexpr int FitMargin = 16;

} // namespace

GraphView::GraphView(GraphScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setOptimizationFlag(QGraphicsView::DontSavePainterState);
    setFrameShape(QFrame::NoFrame);
    connect(m_scene, &QGraphicsScene::sceneRectChanged, this, &GraphView::updateScrollArea);
    connect(this, &GraphView::zoomChanged, this, &GraphView::updateScrollArea);
}

void GraphView::updateScrollArea()
{
    const QRectF scene = m_scene->sceneRect();
    if (scene.isEmpty() || zoom() <= 0) {
        setSceneRect(scene);
        return;
    }
    const double dx = viewport()->width() / 2.0 / zoom();
    const double dy = viewport()->height() / 2.0 / zoom();
    // Changing the scrollable area moves the view unless it is centred again where it was.
    const QPointF centre = mapToScene(viewport()->rect().center());
    setSceneRect(scene.adjusted(-dx, -dy, dx, dy));
    centerOn(centre);
}

void GraphView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    updateScrollArea();
}

double GraphView::zoom() const
{
    return transform().m11();
}

void GraphView::setZoom(double zoom)
{
    zoom = std::clamp(zoom, MinZoom, MaxZoom);
    const QPointF centre = mapToScene(viewport()->rect().center());
    setTransform(QTransform::fromScale(zoom, zoom));
    centerOn(centre);
    Q_EMIT zoomChanged(zoom);
}

void GraphView::scaleBy(double factor)
{
    const double target = std::clamp(zoom() * factor, MinZoom, MaxZoom);
    if (zoom() <= 0 || std::abs(target - zoom()) < 1e-9)
        return;
    scale(target / zoom(), target / zoom());
    Q_EMIT zoomChanged(zoom());
}

void GraphView::zoomIn()
{
    const auto anchor = transformationAnchor();
    setTransformationAnchor(QGraphicsView::AnchorViewCenter);
    scaleBy(ZoomStep);
    setTransformationAnchor(anchor);
}

void GraphView::zoomOut()
{
    const auto anchor = transformationAnchor();
    setTransformationAnchor(QGraphicsView::AnchorViewCenter);
    scaleBy(1 / ZoomStep);
    setTransformationAnchor(anchor);
}

void GraphView::fitAll()
{
    const QRectF all = m_scene->sceneRect();
    if (all.isEmpty())
        return;
    const QRectF room = viewport()->rect().adjusted(FitMargin, FitMargin, -FitMargin, -FitMargin);
    const double fit = std::min(room.width() / all.width(), room.height() / all.height());
    setTransform(QTransform::fromScale(std::clamp(fit, MinZoom, 1.0), std::clamp(fit, MinZoom, 1.0)));
    centerOn(all.center());
    Q_EMIT zoomChanged(zoom());
}

void GraphView::reveal(const QRectF& rect)
{
    if (rect.isEmpty())
        return;
    const QRectF room = viewport()->rect().adjusted(FitMargin, FitMargin, -FitMargin, -FitMargin);
    const double fit = std::min(room.width() / rect.width(), room.height() / rect.height());
    if (fit < zoom())
        setTransform(QTransform::fromScale(std::max(fit, MinZoom), std::max(fit, MinZoom)));
    centerOn(rect.center());
    Q_EMIT zoomChanged(zoom());
}

void GraphView::wheelEvent(QWheelEvent* event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        QGraphicsView::wheelEvent(event); // horizontal scrolling
        return;
    }
    // 120 units a notch: about 20 % a notch, smooth for high-resolution wheels and touchpads.
    scaleBy(std::pow(1.0015, delta));
    event->accept();
}

void GraphView::mousePressEvent(QMouseEvent* event)
{
    m_pressed = event->button() == Qt::LeftButton;
    m_pressPos = event->position().toPoint();
    QGraphicsView::mousePressEvent(event);
}

void GraphView::mouseReleaseEvent(QMouseEvent* event)
{
    QGraphicsView::mouseReleaseEvent(event);
    if (!m_pressed || event->button() != Qt::LeftButton)
        return;
    m_pressed = false;
    const QPoint pos = event->position().toPoint();
    if ((pos - m_pressPos).manhattanLength() < QApplication::startDragDistance())
        Q_EMIT boxClicked(m_scene->boxAt(mapToScene(pos)));
}

void GraphView::mouseDoubleClickEvent(QMouseEvent* event)
{
    QGraphicsView::mouseDoubleClickEvent(event);
    if (event->button() == Qt::LeftButton)
        Q_EMIT boxDoubleClicked(m_scene->boxAt(mapToScene(event->position().toPoint())));
}

} // namespace graphs::ui
