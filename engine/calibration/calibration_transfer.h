#pragma once

#include "calibration/calibration_profile.h"
#include "hardware/hardware_spec.h"

#include "transform/fusion_rules.h"

#include <memory>
#include <string>
#include <vector>

namespace graphs {

/// The family a calibration may be carried across (INTERPOLATED estimates): devices that run the same kernels the
/// same way, so that a fit's efficiencies on one say what they are on another. Entries of one family share the
/// mapper and:
/// - CPUs: the instruction set (x86-64 or Arm), whatever the vendor or core ("x86 desktop/server CPU → another");
/// - GPUs and accelerators: the vendor, the architecture's name without its chip in brackets ("Ampere (GA10B)" →
///   "Ampere"), and whether the entry is part of an embedded module (a Jetson's GPU is no datacenter part).
///
///     hardwareFamily(orinAgx) == hardwareFamily(orinNano)   // "gpu/NVIDIA/Ampere/module"
std::string hardwareFamily(const HardwareSpec& spec);

/// How much wider the bound of a transferred calibration is than the source's cross-validated one. A single
/// measured device gives no leave-one-device-out error, so the bound is the source's, doubled (the factor an
/// EXTRAPOLATED estimate gets).
constexpr double kTransferBoundFactor = 2.0;

/// Carries a calibration fitted on `sourceSpec` over to `target`, a device of the same family. The fitted model's
/// terms are kept in their own units where those are relative to the roofs, and scaled by the specifications where
/// they are absolute:
///
/// - roofs: the target's specification roofs times what the source achieved against its own specification
///   (vector peak, matrix peak, and each memory level's bandwidth, level by level; the off-chip ratio for every
///   level when the two have different numbers of levels);
/// - `<class>:compute` and `<class>:memory` (× roof), `<class>:host` and `run:host` (× the framework's modelled host
///   cost, which the features compute with the target's own host core): unchanged;
/// - `<class>:kernels` (s/kernel, the fixed cost of a kernel): × target launch overhead / source launch overhead
///   from the specifications (unchanged when either is unknown);
/// - per-element terms (s/element, epilogue and packing work on the vector units): × source / target vector roof;
/// - `run:io` (s/byte of the call's inputs and outputs): × source / target off-chip bandwidth.
///
/// The result's latencies are INTERPOLATED with kTransferBoundFactor × the source's bound; energy fits are not
/// carried over (static power and per-operation energies are the device's own), so energy stays THEORETICAL.
/// Fails when the two are not of one family, or the source has no latency fit.
Result<Calibration> transferCalibration(const Calibration& source, const HardwareSpec& sourceSpec,
    const std::shared_ptr<const HardwareSpec>& target);

/// One measured item of the target device estimated with a carried-over calibration: a whole model (its kernels
/// summed, as the harness defines it) or an operator row.
struct TransferItem
{
    std::string name;        ///< the model (group) or the operator's benchmark name
    std::string kind;        ///< "model" or the operator's calibration class ("matrix", "elementwise", …)
    double measuredSeconds = 0;
    double predictedSeconds = 0;
    double errorPct = 0;     ///< (predicted − measured) / measured × 100
    bool insideBound = false;
    /// The same item from the roofs alone (every term at its prior: compute and memory × 1, no fixed costs), for
    /// comparison: what the transfer adds over the specification.
    double rooflineSeconds = 0;
};

/// How a calibration carried over from one device estimates another device's own measurements, which the fit never
/// saw: the evidence an INTERPOLATED bound is checked against.
struct TransferCheck
{
    Calibration transferred;
    std::vector<TransferItem> items;
    double boundPct = 0;     ///< the bound the transferred calibration states
};

/// Carries `source` (fitted on `sourceSpec`) to `target` and estimates every row of `targetProfile`'s measurements
/// (the target's own, read as buildCalibration reads them) with it: whole models by group, operator rows one by one.
/// Fails as transferCalibration() does, or when the target's measurements cannot be read or give no point.
/// The errors of a transfer check per kind of item ("model", "matrix", …), in the order of their names.
struct TransferKindErrors
{
    std::string kind;
    size_t count = 0;
    double mapePct = 0;         ///< mean |error| of the carried calibration
    double rooflineMapePct = 0; ///< mean |error| of the roofs alone (TransferItem::rooflineSeconds)
};

std::vector<TransferKindErrors> transferErrorsByKind(const TransferCheck& check);

/// How many of the check's items the stated bound covers.
size_t transferItemsInsideBound(const TransferCheck& check);

Result<TransferCheck> checkTransfer(const Calibration& source, const HardwareSpec& sourceSpec,
    const std::shared_ptr<const HardwareSpec>& target, const CalibrationProfile& targetProfile,
    const FusionRules& fusion, const std::string& registryDir);

} // namespace graphs
