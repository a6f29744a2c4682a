#pragma once

#include <QGroupBox>
#include <memory>

class QFormLayout;
class QLabel;

namespace graphs::ui {

struct EstimatedModel;

/// The headline figures of an estimate, each with its error band and confidence: latency, throughput, energy in its
/// three parts, peak memory and what bounds the model. Without an estimate it says how to get one.
class EstimateSummaryBox : public QGroupBox
{
    Q_OBJECT

public:
    explicit EstimateSummaryBox(QWidget* parent = nullptr);

    /// Shows `estimate`; nullptr shows the hint.
    void setEstimate(const std::shared_ptr<const EstimatedModel>& estimate);

private:
    QLabel* addFigure(const QString& label, const QString& name);

    QFormLayout* m_form;
    QLabel* m_hint;
};

} // namespace graphs::ui
