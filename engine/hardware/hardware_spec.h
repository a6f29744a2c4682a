#pragma once

#include "hardware/precision.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace graphs {

enum class HardwareCategory { Cpu, Gpu, Accelerator };
enum class MapperKind { Cpu, Gpu, Systolic };
enum class Datapath { Vector, Matrix };

std::string_view categoryName(HardwareCategory c);
std::string_view mapperName(MapperKind m);

/// A group of identical compute units (P-cores, E-cores, SMs, TensorCores).
struct ComputeCluster
{
    std::string name;
    int64_t units = 0;
    std::optional<double> baseClockMhz;
    double boostClockMhz = 0; ///< the clock peaks derive from
    int simdBits = 0;         ///< widest vector ISA (CPUs), 0 when not stated
    std::map<Precision, double> vectorOpsPerClock; ///< dense FLOPs per clock per unit
    std::map<Precision, double> matrixOpsPerClock;
    int arrayRows = 0;        ///< systolic arrays: rows × columns, arrays per unit
    int arrayCols = 0;
    int arraysPerUnit = 0;
    std::map<Precision, double> publishedPeakOpsPerSecond; ///< whole cluster, where no per-clock figure exists
    /// The published peak is a matrix engine's (an accelerator's arrays) even without per-clock matrix figures.
    bool publishedPeakIsMatrix = false;

    /// Derived: units × ops per clock × clock (or the published peak); 0 when the datapath lacks the precision.
    double peakOpsPerSecond(Precision p, Datapath d) const;
    /// The faster datapath for this precision.
    double peakOpsPerSecond(Precision p) const;
};

/// One level of the memory hierarchy; capacities per instance, bandwidth aggregate over instances.
struct MemoryLevel
{
    std::string name;       ///< L1, L2, L3, SLC, SRAM, DRAM, …
    std::string technology; ///< DRAM only: DDR5, LPDDR5, HBM3, …
    int64_t instances = 1;
    double capacityBytes = 0; ///< per instance
    double bandwidthBytesPerSecond = 0;
    std::optional<double> latencyNs;
    double energyPjPerByte = 0;
    bool energyDerived = false; ///< energyPjPerByte from rule E3/E5 (docs/hardware/energy.md), not typed
    /// On-chip levels of SRAM-only accelerators whose compiler keeps the model's weights resident across inferences
    /// (the vendor says so): weights that fit are not re-read from off-chip memory.
    bool holdsWeights = false;

    double totalCapacityBytes() const { return capacityBytes * static_cast<double>(instances); }
};

struct SourceReference
{
    std::string title;
    std::string publisher;
    int year = 0;
    std::string url;
    bool estimate = false;
    std::vector<std::string> covers;
};

/// The core that runs a framework's host code for a device: a CPU entry's own core, a Jetson's Arm cores, the typical
/// host of a datacenter part. Its speed is relative to the reference core a runtime profile's host costs were
/// measured on (HostCosts in transform/fusion_rules.h): a framework's cost per operator is the reference cost
/// divided by it.
struct HostCore
{
    std::string core = "the reference core (assumed)";
    double relativeSpeed = 1; ///< single-thread integer speed / the reference core's
    bool stated = false;      ///< the entry states it (with a source); otherwise the reference core is assumed
};

/// A vendor specification of one SKU, as the registry holds it; figures that follow from others are derived.
struct HardwareSpec
{
    std::string id;
    std::string name;
    std::string vendor;
    HardwareCategory category = HardwareCategory::Cpu;
    MapperKind mapper = MapperKind::Cpu;
    std::string architecture;
    double processNm = 0;
    int releaseYear = 0;
    std::string formFactor;
    /// Entries that are parts of one module (a Jetson's CPU, GPU and DLAs) name it: they share its power envelope
    /// (the TDP they all state) and its off-chip memory.
    std::string module;

    std::vector<ComputeCluster> clusters;
    std::vector<MemoryLevel> memory; ///< closest first; the last is the off-chip level
    double tdpWatts = 0;
    double idleWatts = 0;
    double staticWatts = 0; ///< drawn under load before any work (leakage, clocks, uncore): typed, or rule P2
    std::map<Precision, double> energyPjPerOp;       ///< on the fastest datapath of the precision (typed or rule E4)
    std::map<Precision, double> vectorEnergyPjPerOp; ///< on the vector datapath (rule E4)
    bool energyPerOpDerived = false; ///< energyPjPerOp comes from rule E4, not from a source
    double launchOverheadUs = 0;
    HostCore host;
    std::vector<SourceReference> sources;

    std::string file;         ///< where it was loaded from ("" for generated entries)
    bool generated = false;   ///< the `local` entry, detected at run time

    /// Sum over clusters of each cluster's faster datapath; 0 when no cluster supports the precision.
    double peakOpsPerSecond(Precision p) const;
    double peakOpsPerSecond(Precision p, Datapath d) const;
    /// Precisions with a non-zero peak.
    std::vector<Precision> supportedPrecisions() const;
    int64_t totalUnits() const;
    const MemoryLevel& offChipMemory() const { return memory.back(); }
    /// Index of the last on-chip level (the one before the off-chip level); -1 when there is none.
    int lastOnChipLevel() const { return static_cast<int>(memory.size()) - 2; }
    /// Ridge point of the roofline (FLOP per byte) against a memory level.
    double ridgePoint(Precision p, const MemoryLevel& level) const;
};

} // namespace graphs
