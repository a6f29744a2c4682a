#!/usr/bin/env python3
"""Removes the energy figures that rules E3-E5 of docs/hardware/energy.md now derive in the loader from registry
entries: the `energy:` block, `energy_pj_per_byte` of every memory level, their paths in `covers`, and sources that
covered nothing else. Entries that carry a vendor-published energy figure keep it by listing it in KEEP below.

Usage: scripts/strip-typed-energy.py registries/hardware/*/*.yaml
"""
import re
import sys

KEEP = set()  # ids whose typed energy figures come from a vendor and stay


def strip(text):
    lines = text.split("\n")
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if re.match(r"^energy:\s*(#.*)?$", line):
            i += 1
            while i < len(lines) and (lines[i].startswith(" ") or lines[i].strip() == ""):
                if lines[i].strip() == "":
                    break
                i += 1
            # drop one blank line that separated the block
            if i < len(lines) and lines[i].strip() == "" and out and out[-1].strip() == "":
                i += 1
            continue
        if re.match(r"^\s+energy_pj_per_byte:", line):
            i += 1
            continue
        out.append(line)
        i += 1
    text = "\n".join(out)

    # covers: [a, b, c] possibly spanning lines
    def fix_covers(m):
        body = m.group(2)
        items = [x.strip() for x in body.replace("\n", " ").split(",") if x.strip()]
        kept = [x for x in items if not (x == "energy" or x.startswith("energy.") or x.endswith(".energy_pj_per_byte"))]
        if not kept:
            return m.group(1) + "[__EMPTY__]"
        return m.group(1) + "[" + ", ".join(kept) + "]"

    text = re.sub(r"(covers:\s*)\[([^\]]*)\]", fix_covers, text, flags=re.S)
    # remove source items whose covers are empty
    lines = text.split("\n")
    out = []
    item = []

    def flush():
        if item and not any("[__EMPTY__]" in l for l in item):
            out.extend(item)
        item.clear()

    in_sources = False
    for line in lines:
        if re.match(r"^sources:", line):
            flush()
            in_sources = True
            out.append(line)
            continue
        if in_sources:
            if line.startswith("  - "):
                flush()
                item.append(line)
                continue
            if line.startswith("    ") or (line.strip() == "" and item and False):
                item.append(line)
                continue
            flush()
            if line.strip() and not line.startswith(" "):
                in_sources = False
            out.append(line)
            continue
        out.append(line)
    flush()
    return "\n".join(out)


for path in sys.argv[1:]:
    with open(path) as f:
        text = f.read()
    if re.search(r"^id:\s*(\S+)", text, re.M).group(1) in KEEP:
        continue
    new = strip(text)
    if new != text:
        with open(path, "w") as f:
            f.write(new)
