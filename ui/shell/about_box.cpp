#include "shell/about_box.h"

#include <QApplication>
#include <QMessageBox>

namespace graphs::ui {

namespace {

// The strings of this file, under one context for lupdate and the translators.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(graphs::ui::AboutBox)
};

} // namespace

void showAboutBox(QWidget* parent)
{
    auto* box = new QMessageBox(QMessageBox::Information, Tr::tr("About graphs-studio"),
        Tr::tr("<h3>graphs-studio %1</h3>"
               "<p>Latency, memory and energy estimates of neural networks on hardware.</p>"
               "<p>Counts MACs, FLOPs and bytes moved per node of an ONNX model, partitions it into the kernels a "
               "runtime would run, and estimates each on the hardware chosen. Estimates are THEORETICAL until the "
               "hardware is calibrated.</p>")
            .arg(QApplication::applicationVersion()),
        QMessageBox::Ok, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace graphs::ui
