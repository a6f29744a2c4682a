#pragma once

// Internal to the native executor: the sliding-window geometry that Conv and the pooling operators share
// (kernel, strides, dilations, explicit or automatic pads, floor or ceil output sizes). 1-D windows are 2-D windows
// of height 1.

#include "native/kernel.h"

namespace graphs::native {

struct Window2d
{
    int64_t batch = 1, channels = 1;
    int64_t h = 1, w = 1; ///< input plane
    int64_t kh = 1, kw = 1;
    int64_t sh = 1, sw = 1;
    int64_t dh = 1, dw = 1;
    int64_t padTop = 0, padLeft = 0, padBottom = 0, padRight = 0;
    int64_t oh = 1, ow = 1; ///< output plane
    bool oneDimensional = false;

    /// Output dimensions [N, C, Ho, Wo] (or [N, C, Wo] for 1-D) for `outChannels`.
    Dims outputShape(int64_t outChannels) const;
    /// Output columns [first, last) whose input column ow·sw − padLeft + kx·dw lies inside the row.
    void validColumns(int64_t kx, int64_t& first, int64_t& last) const;
};

/// The input plane re-laid as stride phases: phase (py, px) holds padded-input pixel (r·sh + py, c·sw + px) at
/// (r, c). Every tap of a strided window then reads a unit-stride run, and one output row block is a contiguous run
/// at the phase width `wq` (columns past the output width are computed and dropped).
struct PhaseLayout
{
    int64_t hq = 1, wq = 1; ///< rows (one of slack) and columns of a phase plane
    int64_t planes = 1; ///< sh · sw
    int64_t plane() const { return hq * wq; }
    /// Floats for the phases, with slack for whole-vector reads past the end.
    int64_t floats() const { return planes * plane() + 64; }
    /// Where tap (ky, kx) of output (0, 0) reads, relative to the first phase.
    int64_t tapOffset(const Window2d& w, int64_t ky, int64_t kx) const;
};

PhaseLayout phaseLayout(const Window2d& w);
/// Writes the phases of one input plane; positions outside the input hold `pad`.
void fillPhases(const Window2d& w, const PhaseLayout& layout, const float* in, float pad, float* phases);

/// Reads kernel_shape (or `kernel` when the attribute is absent), strides, dilations, pads, auto_pad and
/// ceil_mode of `node` for an input of shape `input` ([N, C, H, W] or [N, C, W]).
Result<Window2d> makeWindow(const NodeDesc& node, const Dims& input, const Dims& kernel, bool allowCeil);

} // namespace graphs::native
