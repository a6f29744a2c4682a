#!/usr/bin/env python3
"""Checks docs/reference/cli.md against the programs' --help.

For every subcommand of graphs (found by walking the "Subcommands:" lists of --help), and for graphs-studio where it
is built, the reference must have a section: a "##" or "###" heading whose code span is exactly `graphs SUB`
(`graphs-studio`), running to the next heading of the same or a higher level. A subcommand without a section of its
own (`graphs hardware list`) is looked up in its parent's.

In that section, the options the reference documents for SUB are the long options (--name) on its synopsis lines
(lines of a fenced block starting with "graphs SUB", with their indented continuations) and in the first column of
its option tables (rows starting "| `-"). The check fails when
  - an option --help lists is documented nowhere in the section (a synopsis of SUB or of one of its subcommands, or
    a table),
  - an option the section documents for SUB is not in --help, or a short form (-x, --name) differs from --help's.
--help and --help-all need no documentation.

Usage: check_cli_reference.py --reference cli.md --graphs FILE [--studio FILE]
Exit status: 0 when the reference and --help agree, 1 when they do not, 2 for a wrong command line.
"""

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

IMPLICIT = {"help", "help-all"}
HELP_OPTION = re.compile(r"^  (?:-(?P<short>[A-Za-z0-9]),\s?)?--(?P<long>[A-Za-z0-9][A-Za-z0-9-]*)")
HEADING = re.compile(r"^(?P<level>#{2,3})\s+(?P<text>.*)$")
CODE_SPAN = re.compile(r"^`(?P<code>[^`]+)`$")
LONG_OPTION = re.compile(r"(?<![\w-])--(?P<long>[a-z0-9][a-z0-9-]*)")
SHORT_LONG_PAIR = re.compile(r"(?<![\w-])-(?P<short>[A-Za-z0-9]),\s*--(?P<long>[a-z0-9][a-z0-9-]*)")


def run_help(program: Path, words):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([str(program), *words, "--help"], capture_output=True, text=True, env=env, timeout=60)
    if done.returncode != 0:
        raise SystemExit(f"check-cli-reference: '{program.name} {' '.join(words)} --help' exited with "
                         f"{done.returncode}: {done.stderr.strip()}")
    return done.stdout


def parse_help(text: str):
    """({long: short or None}, [subcommand names]) from a CLI11 or QCommandLineParser --help."""
    options, subcommands, part = {}, [], None
    for line in text.splitlines():
        if re.match(r"^\S.*:\s*$", line):
            part = line.strip().rstrip(":").lower()
            continue
        if part == "options":
            match = HELP_OPTION.match(line)
            if match:
                options[match.group("long")] = match.group("short")
        elif part == "subcommands":
            match = re.match(r"^  ([a-z][a-z0-9-]*)\b", line)
            if match:
                subcommands.append(match.group(1))
    return options, subcommands


def walk(program: Path, words=()):
    """{"sub words": {long: short}} for the program and every subcommand below it."""
    options, subcommands = parse_help(run_help(program, list(words)))
    found = {" ".join(words): options}
    for sub in subcommands:
        found.update(walk(program, (*words, sub)))
    return found


def sections(reference: str):
    """{"graphs sub" or "graphs-studio": [lines]} for headings whose code span names a command."""
    found, current, level = {}, None, 0
    for line in reference.splitlines():
        heading = HEADING.match(line)
        if heading:
            depth = len(heading.group("level"))
            code = CODE_SPAN.match(heading.group("text").strip())
            if code and re.fullmatch(r"graphs(-studio)?( [a-z][a-z0-9-]*)*", code.group("code")):
                current, level = code.group("code"), depth
                found[current] = []
                continue
            if current and depth <= level:
                current = None
        if current:
            found[current].append(line)
    return found


def synopses(lines, known_commands):
    """[(command, text)] for the synopsis lines of a section: in fenced blocks, a line starting with a known
    command (the longest that matches) and the indented lines that continue it."""
    result, in_fence = [], False
    for line in lines:
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        if not in_fence:
            continue
        if line.startswith(("graphs ", "graphs-studio")) or line in ("graphs", "graphs-studio"):
            words = line.split()
            command = None
            for n in range(len(words), 0, -1):
                if " ".join(words[:n]) in known_commands:
                    command = " ".join(words[:n])
                    break
            result.append([command, line])
        elif line.startswith(" ") and result:
            result[-1][1] += " " + line.strip()
    return [(c, t) for c, t in result if c]


def table_cells(lines):
    return [line.split("|")[1] for line in lines if re.match(r"^\|\s*`-", line)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--reference", type=Path, required=True)
    parser.add_argument("--graphs", type=Path, required=True)
    parser.add_argument("--studio", type=Path)
    args = parser.parse_args()

    commands = {("graphs " + words).strip(): options for words, options in walk(args.graphs).items()}
    if args.studio and args.studio.is_file():
        commands["graphs-studio"] = parse_help(run_help(args.studio, []))[0]
    reference = args.reference.read_text(encoding="utf-8")
    by_section = sections(reference)

    problems = []
    for command, help_options in sorted(commands.items()):
        owner = command
        while owner not in by_section and " " in owner:
            owner = owner.rsplit(" ", 1)[0]
        if owner not in by_section:
            problems.append(f"{command}: no section headed `{command}` in {args.reference.name}")
            continue
        lines = by_section[owner]
        own_lines = [text for c, text in synopses(lines, commands) if c == command]
        family_lines = [text for c, text in synopses(lines, commands) if c == command or c.startswith(command + " ")]
        cells = table_cells(lines) if owner == command else []

        documented_anywhere = set()
        for text in family_lines + cells:
            documented_anywhere.update(m.group("long") for m in LONG_OPTION.finditer(text))
        for name in sorted(set(help_options) - IMPLICIT - documented_anywhere):
            problems.append(f"{command}: --{name} is in --help but not documented under `{owner}`")

        documented_here = set()
        pairs = []
        for text in own_lines + cells:
            documented_here.update(m.group("long") for m in LONG_OPTION.finditer(text))
            pairs.extend((m.group("short"), m.group("long")) for m in SHORT_LONG_PAIR.finditer(text))
        for name in sorted(documented_here - set(help_options)):
            problems.append(f"{command}: --{name} is documented under `{owner}` but not in --help")
        for short, name in pairs:
            if name in help_options and help_options[name] != short:
                actual = f"-{help_options[name]}" if help_options[name] else "no short form"
                problems.append(f"{command}: documented as -{short}, --{name}; --help has {actual}")

    for problem in problems:
        print(f"check-cli-reference: {problem}")
    checked = sum(len(set(o) - IMPLICIT) for o in commands.values())
    print(f"check-cli-reference: {len(commands)} commands, {checked} options, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
