<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>graphs::ui::BenchmarksPage</name>
    <message numerus="yes">
        <source>Cancelled: %1 measurement(s) stored, of a suite of %n benchmark(s).</source>
        <translation>
            <numerusform>Cancelled: %1 measurement(s) stored, of a suite of %n benchmark.</numerusform>
            <numerusform>Cancelled: %1 measurement(s) stored, of a suite of %n benchmarks.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n benchmark(s), %1 measurement(s) stored.</source>
        <translation>
            <numerusform>Done: %n benchmark, %1 measurement(s) stored.</numerusform>
            <numerusform>Done: %n benchmarks, %1 measurement(s) stored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n model(s): %1</source>
        <translation>
            <numerusform>%n model: %1</numerusform>
            <numerusform>%n models: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Continued the run of %1: %n model(s) it stored were skipped.</source>
        <translation>
            <numerusform>Continued the run of %1: %n model it stored was skipped.</numerusform>
            <numerusform>Continued the run of %1: %n models it stored were skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: %1 of %n model(s) measured and stored.</source>
        <translation>
            <numerusform>Cancelled: %1 of %n model measured and stored.</numerusform>
            <numerusform>Cancelled: %1 of %n models measured and stored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %1 of %n model(s) measured and stored.</source>
        <translation>
            <numerusform>Done: %1 of %n model measured and stored.</numerusform>
            <numerusform>Done: %1 of %n models measured and stored.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>graphs::ui::CalibrationPage</name>
    <message numerus="yes">
        <source>%n results file(s) in %1: Fit to calibrate %2.</source>
        <translation>
            <numerusform>%n results file in %1: Fit to calibrate %2.</numerusform>
            <numerusform>%n results files in %1: Fit to calibrate %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Calibrated %1 × %2 (%3) from %4 measurements in %n file(s).</source>
        <translation>
            <numerusform>Calibrated %1 × %2 (%3) from %4 measurements in %n file.</numerusform>
            <numerusform>Calibrated %1 × %2 (%3) from %4 measurements in %n files.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s), the first: %1</source>
        <translation>
            <numerusform>%n note: %1</numerusform>
            <numerusform>%n notes, the first: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>graphs::ui::ComparePage</name>
    <message numerus="yes">
        <source>Estimating %n combination(s)…</source>
        <translation>
            <numerusform>Estimating %n combination…</numerusform>
            <numerusform>Estimating %n combinations…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s); the Pareto front marks, per model and batch, the hardware no other beats on both latency and energy.</source>
        <translation>
            <numerusform>%n row; the Pareto front marks, per model and batch, the hardware no other beats on both latency and energy.</numerusform>
            <numerusform>%n rows; the Pareto front marks, per model and batch, the hardware no other beats on both latency and energy.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n checked</source>
        <translation>
            <numerusform>%n checked</numerusform>
            <numerusform>%n checked</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>graphs::ui::Diagram</name>
    <message numerus="yes">
        <source>%n nodes</source>
        <translation>
            <numerusform>%n node</numerusform>
            <numerusform>%n nodes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>graphs::ui::FewShotErrorsModel</name>
    <message numerus="yes">
        <source>Mean |error| of the model over the fits on %n of the other models</source>
        <translation>
            <numerusform>Mean |error| of the model over the fits on %n of the other models</numerusform>
            <numerusform>Mean |error| of the model over the fits on %n of the other models</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>graphs::ui::FewShotPanel</name>
    <message numerus="yes">
        <source>%1 × %2 (%3) fitted towards the calibration of %4 (%5), carried over (stated bound ±%6 %). %n model(s) of %1 measured: each left out in turn and estimated by fits on every set of k of the others (k = 0: the carried-over calibration alone), beside the same fits pulled towards the roofline. Save profile stores the adapted fit, which names its prior.</source>
        <translation>
            <numerusform>%1 × %2 (%3) fitted towards the calibration of %4 (%5), carried over (stated bound ±%6 %). %n model of %1 measured: each left out in turn and estimated by fits on every set of k of the others (k = 0: the carried-over calibration alone), beside the same fits pulled towards the roofline. Save profile stores the adapted fit, which names its prior.</numerusform>
            <numerusform>%1 × %2 (%3) fitted towards the calibration of %4 (%5), carried over (stated bound ±%6 %). %n models of %1 measured: each left out in turn and estimated by fits on every set of k of the others (k = 0: the carried-over calibration alone), beside the same fits pulled towards the roofline. Save profile stores the adapted fit, which names its prior.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>graphs::ui::GenerationPage</name>
    <message numerus="yes">
        <source>Estimating the prefill and %1 decode steps on %n device(s)…</source>
        <translation>
            <numerusform>Estimating the prefill and %1 decode steps on %n device…</numerusform>
            <numerusform>Estimating the prefill and %1 decode steps on %n devices…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n checked</source>
        <translation>
            <numerusform>%n checked</numerusform>
            <numerusform>%n checked</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>graphs::ui::GenerationTableModel</name>
    <message numerus="yes">
        <source>The prefill of %n prompt token(s), batch %1: </source>
        <translation>
            <numerusform>The prefill of %n prompt token, batch %1: </numerusform>
            <numerusform>The prefill of %n prompt tokens, batch %1: </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>graphs::ui::GraphViewPage</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>graphs::ui::MainWindow</name>
    <message numerus="yes">
        <source>Opened %1: %n node(s)</source>
        <translation>
            <numerusform>Opened %1: %n node</numerusform>
            <numerusform>Opened %1: %n nodes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>graphs::ui::NodesPage</name>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n node</numerusform>
            <numerusform>%n nodes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>graphs::ui::PublishedValidationView</name>
    <message numerus="yes">
        <source>%n row(s) estimated, %1 skipped</source>
        <translation>
            <numerusform>%n row estimated, %1 skipped</numerusform>
            <numerusform>%n rows estimated, %1 skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Energy per sample: %n row(s) compared, MAPE %1, within ±25 %: %2</source>
        <translation>
            <numerusform>Energy per sample: %n row compared, MAPE %1, within ±25 %: %2</numerusform>
            <numerusform>Energy per sample: %n rows compared, MAPE %1, within ±25 %: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>graphs::ui::RooflinePage</name>
    <message numerus="yes">
        <source>%n subgraph(s) only move data (no FLOPs) and have no place on these axes.</source>
        <translation>
            <numerusform>%n subgraph only moves data (no FLOPs) and has no place on these axes.</numerusform>
            <numerusform>%n subgraphs only move data (no FLOPs) and have no place on these axes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n subgraph(s) run no kernel (views, shape arithmetic).</source>
        <translation>
            <numerusform>%n subgraph runs no kernel (views, shape arithmetic).</numerusform>
            <numerusform>%n subgraphs run no kernel (views, shape arithmetic).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>graphs::ui::SubgraphsPage</name>
    <message numerus="yes">
        <source>%n subgraph(s)</source>
        <translation>
            <numerusform>%n subgraph</numerusform>
            <numerusform>%n subgraphs</numerusform>
        </translation>
    </message>
</context>
</TS>
