#!/usr/bin/env python3
"""Host cost of one PyTorch eager operator call, per operator class, on this machine's CPU.

PyTorch eager runs every module as a Python call, an ATen dispatch and a kernel, one after another on one host core.
On inputs of a handful of elements the kernel's own work is negligible, so the time of a call is the framework's
fixed cost. This script times such calls the way a per-subgraph harness does (time.perf_counter around the module
call, no autograd) and prints the median per call for each operator class, and for an empty call (the harness's own
timing cost). The figures feed registries/runtimes/pytorch.yaml (host.dispatch_us), with this machine's core as
the reference host.

Usage: /usr/bin/python3 scripts/measure-eager-dispatch.py [--repeats N] [--threads T] [--json]
Needs Debian's python3-torch (CPU build); nothing else.
"""
import argparse
import json
import statistics
import sys
import time

try:
    import torch
    from torch import nn
except ImportError:
    sys.exit("measure-eager-dispatch: PyTorch is not installed (apt-get install python3-torch)")


class Add(nn.Module):
    def forward(self, x):
        return x + x


class MatMul(nn.Module):
    def forward(self, x):
        return torch.matmul(x, x.transpose(-1, -2))


class Flatten(nn.Module):
    def forward(self, x):
        return torch.flatten(x, 1)


class Concat(nn.Module):
    def forward(self, x):
        return torch.cat([x, x], 1)


def cases():
    """(operator class as the estimator names it, label, module, input shape)."""
    x4 = (1, 8, 4, 4)
    return [
        ("view", "Identity (the harness's empty call)", nn.Identity(), x4),
        ("view", "Flatten", Flatten(), x4),
        ("elementwise", "ReLU", nn.ReLU(), x4),
        ("elementwise", "Hardswish", nn.Hardswish(), x4),
        ("elementwise", "SiLU", nn.SiLU(), x4),
        ("elementwise", "GELU", nn.GELU(), x4),
        ("elementwise", "add", Add(), x4),
        ("normalization", "BatchNorm2d (eval)", nn.BatchNorm2d(8), x4),
        ("normalization", "LayerNorm", nn.LayerNorm(4), x4),
        ("softmax", "Softmax", nn.Softmax(-1), x4),
        ("pooling", "MaxPool2d 2x2", nn.MaxPool2d(2), x4),
        ("pooling", "AdaptiveAvgPool2d 1", nn.AdaptiveAvgPool2d(1), x4),
        ("convolution", "Conv2d 3x3", nn.Conv2d(8, 8, 3, padding=1), x4),
        ("convolution", "Conv2d 1x1", nn.Conv2d(8, 8, 1), x4),
        ("convolution", "Conv2d 3x3 depthwise", nn.Conv2d(8, 8, 3, padding=1, groups=8), x4),
        ("matrix", "Linear", nn.Linear(4, 4), x4),
        ("matrix", "matmul", MatMul(), x4),
        ("data_movement", "cat", Concat(), x4),
    ]


def time_call(module, x, repeats):
    samples = []
    with torch.no_grad():
        for _ in range(max(20, repeats // 10)):
            module(x)
        for _ in range(repeats):
            t0 = time.perf_counter()
            module(x)
            samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1e6


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=20000)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    rows = []
    for cls, label, module, shape in cases():
        module.eval()
        x = torch.randn(*shape)
        rows.append({"class": cls, "operator": label, "us": time_call(module, x, args.repeats)})
    by_class = {}
    for r in rows:
        by_class.setdefault(r["class"], []).append(r["us"])
    summary = {c: statistics.median(v) for c, v in by_class.items()}
    if args.json:
        json.dump({"torch": torch.__version__, "threads": args.threads, "rows": rows, "classes": summary}, sys.stdout,
                  indent=1)
        print()
        return
    print(f"PyTorch {torch.__version__}, {args.threads} thread(s), median of {args.repeats} calls")
    for r in rows:
        print(f"  {r['class']:14s} {r['operator']:38s} {r['us']:7.2f} µs")
    print("per class (median of its operators):")
    for c, v in summary.items():
        print(f"  {c:14s} {v:7.2f} µs")


if __name__ == "__main__":
    main()
