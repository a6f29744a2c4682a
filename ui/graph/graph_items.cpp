#include "graph/graph_items.h"

#include <QFontMetricsF>
#include <QLineF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <algorithm>

namespace graphs::ui {

namespace {

constexpr double HeaderHeight = 20;
constexpr double BodyHeight = 16;
constexpr double PadX = 8;
constexpr double MinWidth = 64;
constexpr double MaxWidth = 240;
constexpr double Radius = 4;
/// A collapsed subgraph shows a second box behind, offset by this much.
constexpr double StackOffset = 4;
constexpr double ArrowLength = 7;
constexpr double ArrowHalfWidth = 3.5;
/// Below this scale text would be unreadable: only coloured boxes are painted.
constexpr double TextLevelOfDetail = 0.35;

const QColor Border(90, 90, 90);
const QColor Body(255, 255, 255);
const QColor SubtitleText(90, 90, 90);
const QColor Selection(0, 140, 255);
const QColor EdgeColour(120, 120, 120);
const QColor EmphasisedEdge(20, 20, 20);

const QFont& titleFont()
{
    static const QFont font = [] {
        QFont f;
        f.setPointSizeF(8.5);
        f.setWeight(QFont::DemiBold);
        return f;
    }();
    return font;
}

const QFont& subtitleFont()
{
    static const QFont font = [] {
        QFont f;
        f.setPointSizeF(7.5);
        return f;
    }();
    return font;
}

bool isDark(const QColor& c)
{
    return 0.299 * c.redF() + 0.587 * c.greenF() + 0.114 * c.blueF() < 0.58;
}

/// The box for texts `titleWidth` and `subtitleWidth` wide.
QSizeF boxSize(const DiagramItem& data, double titleWidth, double subtitleWidth)
{
    const double text = std::max(titleWidth, subtitleWidth);
    const bool pill = data.kind == DiagramItem::Kind::Input || data.kind == DiagramItem::Kind::Output;
    const double width = std::clamp(text + 2 * PadX + (pill ? 8 : 0), MinWidth, MaxWidth);
    const double height = data.subtitle.isEmpty() ? HeaderHeight + 2 : HeaderHeight + BodyHeight;
    if (data.kind == DiagramItem::Kind::Subgraph)
        return { width + StackOffset, height + StackOffset };
    return { width, height };
}

} // namespace

DiagramBoxItem::DiagramBoxItem(int item, const DiagramItem& data)
    : DiagramBoxItem(item, data, sizeFor(data))
{
}

DiagramBoxItem::DiagramBoxItem(int item, const DiagramItem& data, const QSizeF& size)
    : m_item(item)
    , m_kind(data.kind)
    , m_title(data.title)
    , m_subtitle(data.subtitle)
    , m_size(size)
    , m_fill(QColor(225, 228, 232))
{
    setZValue(1);
    setAcceptHoverEvents(false);
}

QSizeF DiagramBoxItem::sizeFor(const DiagramItem& data)
{
    return boxSize(data, QFontMetricsF(titleFont()).horizontalAdvance(data.title),
        QFontMetricsF(subtitleFont()).horizontalAdvance(data.subtitle));
}

QSizeF BoxSizer::operator()(const DiagramItem& data)
{
    auto title = m_titles.constFind(data.title);
    if (title == m_titles.cend())
        title = m_titles.insert(data.title, QFontMetricsF(titleFont()).horizontalAdvance(data.title));
    auto subtitle = m_subtitles.constFind(data.subtitle);
    if (subtitle == m_subtitles.cend())
        subtitle = m_subtitles.insert(data.subtitle, QFontMetricsF(subtitleFont()).horizontalAdvance(data.subtitle));
    return boxSize(data, *title, *subtitle);
}

void DiagramBoxItem::setFill(const QColor& fill)
{
    if (fill == m_fill)
        return;
    m_fill = fill;
    update();
}

void DiagramBoxItem::setHighlight(Highlight highlight)
{
    if (highlight == m_highlight)
        return;
    m_highlight = highlight;
    update();
}

QRectF DiagramBoxItem::box() const
{
    // The item is centred on its position; a stack keeps its front box top-left.
    const QRectF all(-m_size.width() / 2, -m_size.height() / 2, m_size.width(), m_size.height());
    if (m_kind == DiagramItem::Kind::Subgraph)
        return all.adjusted(0, 0, -StackOffset, -StackOffset);
    return all;
}

QRectF DiagramBoxItem::boundingRect() const
{
    const double margin = 5; // the selection halo
    return QRectF(-m_size.width() / 2, -m_size.height() / 2, m_size.width(), m_size.height())
        .adjusted(-margin, -margin, margin, margin);
}

void DiagramBoxItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QRectF r = box();
    const bool pill = m_kind == DiagramItem::Kind::Input || m_kind == DiagramItem::Kind::Output;
    const double radius = pill ? r.height() / 2 : Radius;

    if (m_highlight != Highlight::None) {
        QColor halo = Selection;
        halo.setAlpha(m_highlight == Highlight::Focus ? 110 : 70);
        painter->setPen(QPen(halo, m_highlight == Highlight::Focus ? 9 : 6));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(r, radius, radius);
    }
    if (lod < TextLevelOfDetail) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(m_highlight != Highlight::None ? Selection : m_fill);
        painter->drawRect(r);
        return;
    }

    const QPen border(m_highlight != Highlight::None ? Selection : Border,
        m_highlight == Highlight::Focus        ? 2.5
            : m_highlight == Highlight::Member ? 2
                                               : 1);
    if (m_kind == DiagramItem::Kind::Subgraph) {
        painter->setPen(QPen(Border, 1));
        painter->setBrush(m_fill.lighter(115));
        painter->drawRoundedRect(r.translated(StackOffset, StackOffset), Radius, Radius);
    }

    const bool body = !m_subtitle.isEmpty() && !pill;
    QPainterPath outline;
    outline.addRoundedRect(r, radius, radius);
    painter->setPen(Qt::NoPen);
    painter->setBrush(body ? Body : m_fill);
    painter->drawPath(outline);
    if (body) {
        // The header: the top of the rounded box, square at its bottom edge.
        QPainterPath header;
        header.addRect(QRectF(r.left(), r.top(), r.width(), HeaderHeight));
        painter->setBrush(m_fill);
        painter->drawPath(outline.intersected(header));
    }
    painter->setPen(border);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(outline);

    const QColor text = isDark(m_fill) ? Qt::white : Qt::black;
    const double inset = PadX + (pill ? 4 : 0);
    const QRectF textArea = r.adjusted(inset, 0, -inset, 0);
    painter->setFont(titleFont());
    painter->setPen(text);
    if (pill) {
        // Name and shape on one line each, centred in the pill.
        const QFontMetricsF fm(titleFont());
        const QRectF titleRect(textArea.left(), r.top() + 1, textArea.width(), HeaderHeight - 2);
        painter->drawText(titleRect, Qt::AlignCenter, fm.elidedText(m_title, Qt::ElideMiddle, textArea.width()));
        if (!m_subtitle.isEmpty()) {
            painter->setFont(subtitleFont());
            painter->setPen(SubtitleText);
            const QFontMetricsF sm(subtitleFont());
            painter->drawText(QRectF(textArea.left(), r.top() + HeaderHeight - 3, textArea.width(), BodyHeight),
                Qt::AlignCenter, sm.elidedText(m_subtitle, Qt::ElideRight, textArea.width()));
        }
        return;
    }
    const QFontMetricsF fm(titleFont());
    painter->drawText(QRectF(textArea.left(), r.top(), textArea.width(), HeaderHeight), Qt::AlignCenter,
        fm.elidedText(m_title, Qt::ElideRight, textArea.width()));
    if (body) {
        painter->setFont(subtitleFont());
        painter->setPen(SubtitleText);
        const QFontMetricsF sm(subtitleFont());
        painter->drawText(QRectF(textArea.left(), r.top() + HeaderHeight, textArea.width(), BodyHeight - 1),
            Qt::AlignCenter, sm.elidedText(m_subtitle, Qt::ElideRight, textArea.width()));
    }
}

DiagramEdgeItem::DiagramEdgeItem(const std::vector<QPointF>& points)
{
    if (points.size() < 2)
        return;
    m_path.moveTo(points.front());
    size_t i = 1;
    for (; i + 2 < points.size(); i += 3)
        m_path.cubicTo(points[i], points[i + 1], points[i + 2]);
    for (; i < points.size(); ++i)
        m_path.lineTo(points[i]);

    // The arrowhead points along the path's last tangent: from the last point that differs from the tip.
    const QPointF tip = points.back();
    QPointF from = tip - QPointF(0, 1);
    for (auto it = points.rbegin() + 1; it != points.rend(); ++it) {
        if (QLineF(*it, tip).length() >= 0.5) {
            from = *it;
            break;
        }
    }
    QLineF axis(tip, from);
    axis.setLength(ArrowLength);
    const QPointF back = axis.p2();
    QLineF normal = axis.normalVector();
    normal.setLength(ArrowHalfWidth);
    const QPointF side = normal.p2() - normal.p1();
    m_arrow = QPolygonF({ tip, back + side, back - side });
    m_bounds = m_path.controlPointRect().united(m_arrow.boundingRect()).adjusted(-2, -2, 2, 2);
}

void DiagramEdgeItem::setEmphasised(bool emphasised)
{
    if (emphasised == m_emphasised)
        return;
    m_emphasised = emphasised;
    setZValue(emphasised ? 0.5 : 0);
    update();
}

QRectF DiagramEdgeItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath DiagramEdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(4);
    return stroker.createStroke(m_path);
}

void DiagramEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const QColor colour = m_emphasised ? EmphasisedEdge : EdgeColour;
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    QPen pen(colour, m_emphasised ? 2 : 1.1);
    if (lod < TextLevelOfDetail)
        pen.setCosmetic(true); // a hairline at any zoom, rather than vanishing
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    if (lod < TextLevelOfDetail)
        return;
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawPolygon(m_arrow);
}

} // namespace graphs::ui
