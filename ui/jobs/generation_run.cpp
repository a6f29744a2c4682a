#include "jobs/generation_run.h"

#include "core/data_paths.h"
#include "jobs/job_tracker.h"
#include "qt_strings.h"
#include "transform/fusion_rules.h"
#include "workflows/calibration_store.h"

#include <QCoreApplication>
#include <set>

namespace graphs::ui {

namespace {

// The strings of this file, under one context for lupdate and the translators.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(graphs::ui::GenerationRun)
};

} // namespace

GenerationRun runGenerationJob(const JobControl& control, const GenerationInputs& inputs)
{
    GenerationRun run;
    // One store for the run: a profile is found and refitted once, whichever pass asks first.
    CalibrationStore store(userRegistryDir());
    const auto count = static_cast<double>(inputs.hardware.size());
    for (size_t i = 0; i < inputs.hardware.size(); ++i) {
        if (control.isCancelled())
            break;
        const auto& hardware = inputs.hardware[i];
        GenerationRequest request;
        request.modelPath = inputs.model.toStdString();
        request.hardware = hardware;
        request.fusion = *inputs.runtime;
        request.precision = inputs.precision;
        request.weights.format = inputs.weights;
        request.promptTokens = inputs.promptTokens;
        request.generatedTokens = inputs.generatedTokens;
        request.batch = inputs.batch;
        request.decodeSamples = inputs.decodeSamples;
        bool told = false;
        if (inputs.calibrate) {
            request.refine = [&](const GraphAnalysis& analysis, const Partition& partition, ModelEstimate& estimate) {
                auto calibration = store.apply(analysis, partition, estimate, request.fusion);
                if (told)
                    return; // every pass of one device finds the same profile
                told = true;
                if (!calibration)
                    run.notes << Tr::tr("%1 not calibrated: %2")
                                     .arg(fromStd(hardware->id), fromStd(calibration.error().toString()));
                else if (*calibration)
                    run.notes << Tr::tr("%1 calibrated with %2")
                                     .arg(fromStd(hardware->id), fromStd((*calibration)->profile.file));
            };
        }
        const double from = static_cast<double>(i) / count;
        auto result = runGeneration(request, control.progress(from, from + 1.0 / count));
        if (result)
            run.results.push_back(std::move(*result));
        else if (result.error().code == ErrorCode::Cancelled)
            break;
        else
            run.errors << fromStd(hardware->id) + QStringLiteral(": ") + fromStd(result.error().toString());
    }
    return run;
}

} // namespace graphs::ui
