#pragma once

#include "hardware/hardware_spec.h"

namespace graphs {

/// The registry's energy rules (docs/hardware/energy.md), applied identically to every entry that does not type a
/// sourced figure of its own. Vendors publish TDP but not energy per operation, so:
///
///  - E4, energy per operation on a datapath: the arithmetic of one multiply-add (Horowitz, ISSCC 2014, at 45 nm;
///    Jouppi et al., ISCA 2021, Table 2, at 7 nm; any other node by the power law through the two) plus the delivery
///    of its operands to the datapath (register files, operand networks, clocking), proportional to the bytes it
///    moves per operation: the input operand and the accumulator (32-bit for narrow inputs) it reads and writes. The delivery term per operand byte is anchored once per mapper × datapath on a part whose vendor power
///    figure is the design point of that datapath at its peak (kDeliveryAnchors below), and applied to every entry.
///  - E5, on-chip memory per byte: 2.5 pJ/B × √(instance capacity / 32 KiB) at 45 nm, node-scaled by the same law.
///  - E3, off-chip memory per byte: per technology, not node-scaled.
///  - P2, static power under load: leakage at operating temperature, clock tree, always-on uncore and memory
///    background power, taken as kStaticShareOfTdp of the TDP.
namespace energy {

/// Share of the TDP a part draws under load before it does any work (rule P2).
constexpr double kStaticShareOfTdp = 0.25;

/// Energy of the arithmetic of one operation (half a multiply-add) at precision `p` on a `processNm` node, pJ.
double arithmeticPjPerOp(Precision p, double processNm);
/// Operand-delivery energy per byte moved (input operand and accumulator) per operation at 7 nm, pJ, for a mapper's
/// datapath.
double deliveryPjPerByteAt7nm(MapperKind mapper, Datapath datapath);
/// Rule E4: arithmetic plus operand delivery, node-scaled.
double pjPerOp(MapperKind mapper, Datapath datapath, Precision p, double processNm);
/// Node scaling of an energy from 7 nm to `processNm` for work at precision `p` (the power law of its multiply-add).
double nodeScale(Precision p, double processNm);
/// Rule E5: an on-chip level of `instanceBytes` per instance on `processNm`, pJ/B.
double onChipPjPerByte(double instanceBytes, double processNm);
/// Rule E3: off-chip memory by technology ("HBM3", "GDDR6", "LPDDR5", "DDR5", …), pJ/B; 0 when unknown.
double offChipPjPerByte(const std::string& technology);
/// Rule P2.
double staticWattsUnderLoad(double tdpWatts);

/// Fills every energy figure `spec` does not type: energy per operation per precision and datapath, on-chip and
/// off-chip energy per byte, static power under load. Typed figures are kept.
void deriveEnergy(HardwareSpec& spec);

} // namespace energy

} // namespace graphs
