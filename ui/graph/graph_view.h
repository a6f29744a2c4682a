#pragma once

#include <QGraphicsView>

namespace graphs::ui {

class GraphScene;

/// The graph view's canvas: the wheel zooms about the cursor, dragging pans, a click (a press and release without
/// dragging) or a double-click reports the box under the cursor.
class GraphView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit GraphView(GraphScene* scene, QWidget* parent = nullptr);

    GraphScene* graphScene() const { return m_scene; }
    /// The scale of the view (1: 100 %).
    double zoom() const;
    void setZoom(double zoom);
    void zoomIn();
    void zoomOut();
    /// Shows the whole graph, at most at 100 %.
    void fitAll();
    /// Centres `rect`, zooming out until it fits (and never in), so that the user keeps their zoom where it can.
    void reveal(const QRectF& rect);

Q_SIGNALS:
    /// The diagram item clicked, or -1 for the background.
    void boxClicked(int item);
    void boxDoubleClicked(int item);
    void zoomChanged(double zoom);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void scaleBy(double factor);
    /// The scrollable area: the scene and half a viewport around it, so that any box can be brought to the centre.
    void updateScrollArea();

    GraphScene* m_scene;
    QPoint m_pressPos;
    bool m_pressed = false;
};

} // namespace graphs::ui
