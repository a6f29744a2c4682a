#include "native/window.h"

#include <algorithm>

namespace graphs::native {

Dims Window2d::outputShape(int64_t outChannels) const
{
    if (oneDimensional)
        return { batch, outChannels, ow };
    return { batch, outChannels, oh, ow };
}

void Window2d::validColumns(int64_t kx, int64_t& first, int64_t& last) const
{
    // 0 <= ow·sw − padLeft + kx·dw < w
    const int64_t off = kx * dw - padLeft;
    first = off >= 0 ? 0 : (-off + sw - 1) / sw;
    last = w - off <= 0 ? 0 : (w - off - 1) / sw + 1;
    first = std::min(first, ow);
    last = std::clamp<int64_t>(last, first, ow);
}

namespace {

/// One spatial axis: pads and output size.
Status axis(const std::string& autoPad, bool ceil, int64_t in, int64_t k, int64_t s, int64_t d, int64_t& begin,
    int64_t& end, int64_t& out)
{
    if (k < 1 || s < 1 || d < 1)
        return invalid("kernel sizes, strides and dilations must be positive");
    const int64_t span = (k - 1) * d + 1;
    if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
        out = (in + s - 1) / s;
        const int64_t total = std::max<int64_t>(0, (out - 1) * s + span - in);
        begin = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
        end = total - begin;
        return Ok {};
    }
    if (autoPad == "VALID")
        begin = end = 0;
    else if (!autoPad.empty() && autoPad != "NOTSET")
        return invalid("unknown auto_pad '" + autoPad + "'");
    const int64_t padded = in + begin + end - span;
    if (padded < 0)
        return invalid("the window is larger than the padded input");
    out = (ceil ? (padded + s - 1) / s : padded / s) + 1;
    if (ceil && (out - 1) * s >= in + begin)
        --out; // the last window must start inside the input or its leading pad
    return Ok {};
}

} // namespace

PhaseLayout phaseLayout(const Window2d& w)
{
    PhaseLayout l;
    l.planes = w.sh * w.sw;
    // Enough rows and columns for every tap of every output (ceil_mode windows may reach past the padded input),
    // plus one slack row so that whole-vector runs stay inside the plane.
    const int64_t rows = std::max((w.h + w.padTop + w.padBottom + w.sh - 1) / w.sh, w.oh + (w.kh - 1) * w.dh / w.sh);
    l.wq = std::max((w.w + w.padLeft + w.padRight + w.sw - 1) / w.sw, w.ow + (w.kw - 1) * w.dw / w.sw);
    l.hq = rows + 1;
    return l;
}

int64_t PhaseLayout::tapOffset(const Window2d& w, int64_t ky, int64_t kx) const
{
    const int64_t dy = ky * w.dh, dx = kx * w.dw;
    return ((dy % w.sh) * w.sw + dx % w.sw) * plane() + (dy / w.sh) * wq + dx / w.sw;
}

void fillPhases(const Window2d& w, const PhaseLayout& layout, const float* in, float pad, float* phases)
{
    const int64_t wq = layout.wq;
    for (int64_t py = 0; py < w.sh; ++py) {
        for (int64_t px = 0; px < w.sw; ++px) {
            float* phase = phases + (py * w.sw + px) * layout.plane();
            // Columns c with 0 <= c·sw + px − padLeft < w.
            const int64_t c0 = std::min(wq, std::max<int64_t>(0, (w.padLeft - px + w.sw - 1) / w.sw));
            const int64_t c1 = std::clamp<int64_t>((w.w - 1 + w.padLeft - px) / w.sw + 1, c0, wq);
            for (int64_t r = 0; r < layout.hq; ++r) {
                float* row = phase + r * wq;
                const int64_t iy = r * w.sh + py - w.padTop;
                if (iy < 0 || iy >= w.h) {
                    std::fill(row, row + wq, pad);
                    continue;
                }
                const float* src = in + iy * w.w + px - w.padLeft;
                std::fill(row, row + c0, pad);
                if (w.sw == 1)
                    std::copy(src + c0, src + c1, row + c0);
                else if (w.sw == 2) // a constant stride lets the compiler vectorise the deinterleave
                    for (int64_t c = c0; c < c1; ++c)
                        row[c] = src[2 * c];
                else
                    for (int64_t c = c0; c < c1; ++c)
                        row[c] = src[c * w.sw];
                std::fill(row + c1, row + wq, pad);
            }
        }
    }
    std::fill(phases + layout.planes * layout.plane(), phases + layout.floats(), pad);
}

Result<Window2d> makeWindow(const NodeDesc& node, const Dims& input, const Dims& kernel, bool allowCeil)
{
    if (input.size() != 3 && input.size() != 4)
        return Error { ErrorCode::Unsupported,
            "only 1-D and 2-D windows are supported (input " + dimsToString(input) + ")", {} };
    const size_t spatial = input.size() - 2;
    Window2d w;
    w.oneDimensional = spatial == 1;
    w.batch = input[0];
    w.channels = input[1];
    Dims k = node.has("kernel_shape") ? node.attrInts("kernel_shape") : kernel;
    Dims strides = node.attrInts("strides"), dilations = node.attrInts("dilations"), pads = node.attrInts("pads");
    if (strides.empty())
        strides.assign(spatial, 1);
    if (dilations.empty())
        dilations.assign(spatial, 1);
    if (pads.empty())
        pads.assign(2 * spatial, 0);
    if (k.size() != spatial || strides.size() != spatial || dilations.size() != spatial || pads.size() != 2 * spatial)
        return invalid("kernel_shape, strides, dilations or pads do not match the input's " + std::to_string(spatial)
            + " spatial dimensions");
    const bool ceil = allowCeil && node.attrInt("ceil_mode", 0) != 0;
    const std::string autoPad = node.attrString("auto_pad", "NOTSET");
    if (spatial == 2) {
        w.h = input[2];
        w.w = input[3];
        w.kh = k[0];
        w.kw = k[1];
        w.sh = strides[0];
        w.sw = strides[1];
        w.dh = dilations[0];
        w.dw = dilations[1];
        w.padTop = pads[0];
        w.padLeft = pads[1];
        w.padBottom = pads[2];
        w.padRight = pads[3];
        if (auto s = axis(autoPad, ceil, w.h, w.kh, w.sh, w.dh, w.padTop, w.padBottom, w.oh); !s)
            return s.error();
    } else {
        w.w = input[2];
        w.kw = k[0];
        w.sw = strides[0];
        w.dw = dilations[0];
        w.padLeft = pads[0];
        w.padRight = pads[1];
    }
    if (auto s = axis(autoPad, ceil, w.w, w.kw, w.sw, w.dw, w.padLeft, w.padRight, w.ow); !s)
        return s.error();
    return w;
}

} // namespace graphs::native
