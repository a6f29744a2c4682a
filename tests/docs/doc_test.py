#!/usr/bin/env python3
"""Runs every shell command shown in README.md and docs/**/*.md and fails when one fails.

Which commands: the lines of fenced blocks marked ```sh, ```bash, ```shell or ```console. In a console block only
lines starting with "$ " are commands (the rest is output). A line ending in "\\" continues on the next one; a
here-document (<<'EOF' ... EOF) belongs to the command that opens it; lines that are only a comment are ignored.

How they run: each Markdown file gets a fresh scratch folder holding
  checkout/   the working folder: links to the source tree's top-level entries, and build/app/ holding links to
              the graphs (and graphs-studio) being tested, so "build/app/graphs" in a doc runs them;
  shared/     a link to the shared models folder, so "../shared/models" resolves (when that folder exists);
  home/       HOME, with XDG_DATA_HOME, XDG_CONFIG_HOME and XDG_CACHE_HOME beneath it: the user registry is scratch;
  tmp/        where "/tmp/" in a command points instead of the real /tmp.
The commands of a file run in order, each in its own "bash -c" from checkout/ (so "cd" and "export" do not carry
over), with build/app first on PATH and QT_QPA_PLATFORM=offscreen.

Conventions in the documentation source:
  cmd ...   # exit N              the command is expected to exit with status N (default 0); the comment is read
                                  from the command's last line and may go on ("# exit 1: refused because ...").
  <!-- doc-test: skip (reason) -->             before a fenced block: none of its commands run.
  <!-- doc-test: skip "TEXT" (reason) -->      before a fenced block: its commands containing TEXT do not run.
                                               Several markers may precede one block.
  <!-- doc-test: write PATH -->                before a fenced block of any language: its text is written to PATH
                                               (relative to checkout/, "~/" meaning the scratch HOME) instead of
                                               being run, e.g. a YAML file that the next commands read.
Commands are also skipped, with the reason printed, when they mention ../shared and the shared folder is absent
(and so are the commands after them in the same file, which may use what they would have made), when they start
graphs-studio and it was not built, and when they measure with the onnxruntime runtime (benchmark, validate
--measure) and ONNX Runtime for Node.js is not installed. A graphs-studio command that opens
a window (no --screenshot, --help or --version) passes when it is still running after a few seconds; it is then
stopped. Skip markers are for what cannot run here: installing packages, system paths, minute-long suites, GPUs.
Unmarked commands calling sudo, apt(-get), dpkg, npm, cmake, cpack, ctest, make, ninja or the setup and test
scripts are not run but fail at once, asking for a marker.

Usage: doc_test.py --source DIR --graphs FILE [--studio FILE] [--shared DIR] [--keep] [--list] [FILE.md ...]
Exit status: 0 when every command that ran gave its expected status, 1 otherwise, 2 for a wrong command line. When
commands were skipped for want of ../shared, graphs-studio or ONNX Runtime and none failed, the last line starts
"doc-test: incomplete:" (ctest shows the test as skipped).
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SHELL_LANGUAGES = {"sh", "bash", "shell", "console"}
COMMAND_TIMEOUT_S = 120
WINDOW_GRACE_S = 4
MARKER = re.compile(r"<!--\s*doc-test:\s*(?P<body>.*?)\s*-->")
SKIP_BODY = re.compile(r'^skip(?:\s+"(?P<text>[^"]+)")?\s*(?:\((?P<reason>.*)\))?$')
WRITE_BODY = re.compile(r"^write\s+(?P<path>\S+)$")
EXPECTED_EXIT = re.compile(r"(?:^|\s)#\s*exit\s+(?P<status>\d+)\b")
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`\s]*)")
HEREDOC = re.compile(r"<<-?\s*(['\"]?)(?P<word>[A-Za-z_][A-Za-z0-9_]*)\1")
STUDIO_BATCH_OPTIONS = ("--screenshot", "--help", "--version", "-h", "-v")
SHARED_ABSENT = "the shared models folder is absent"
AFTER_SHARED_ABSENT = "follows a command that needs the absent shared models folder"
STUDIO_ABSENT = "graphs-studio is not built"
ORT_ABSENT = "ONNX Runtime for Node.js is not installed"
# Skips for an optional thing that is absent, unlike the documentation's own skip markers: when there were any and
# nothing failed, the summary ends with "doc-test: incomplete: ...", which ctest reports as a skipped test.
OPTIONAL_ABSENT = {SHARED_ABSENT, AFTER_SHARED_ABSENT, STUDIO_ABSENT, ORT_ABSENT}
# Programs that install, build or run the test suite: never run unmarked, so that a new page cannot make the test
# call apt-get or start a ten-minute build. Such commands fail at once, asking for a skip marker.
SHELL_KEYWORDS = {"do", "then", "else", "time", "!", "{", "exec", "env"}
REFUSED_PROGRAMS = re.compile(r"^(sudo|apt|apt-get|dpkg|npm|cmake|cpack|ctest|make|ninja|\S*scripts/"
                              r"(setup|test|test-package|sanitize|install-onnxruntime)\.sh)$")


@dataclass
class Command:
    doc: Path
    line: int
    text: str
    expected: int = 0
    skip_reason: str = ""


@dataclass
class FileWrite:
    doc: Path
    line: int
    path: str
    text: str


@dataclass
class Block:
    line: int
    info: str
    lines: list = field(default_factory=list)
    markers: list = field(default_factory=list)


def parse_blocks(doc: Path):
    """Fenced blocks of a Markdown file with the doc-test markers that precede each."""
    blocks, pending = [], []
    lines = doc.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        marker = MARKER.search(line)
        if marker and not line.strip().startswith(("```", "~~~")):
            pending.append((i + 1, marker.group("body")))
            i += 1
            continue
        fence = FENCE.match(line)
        if fence and fence.group("fence")[0] == "`" and "`" in line[fence.end("fence"):]:
            fence = None  # a backtick fence's info string holds no backticks: this is inline code
        if not fence:
            if line.strip():
                pending = []
            i += 1
            continue
        indent, token = len(fence.group("indent")), fence.group("fence")
        block = Block(line=i + 1, info=fence.group("info").lower(), markers=pending)
        pending = []
        i += 1
        while i < len(lines):
            stripped = lines[i].strip()
            if stripped.startswith(token[0] * len(token)) and stripped.strip(token[0]) == "":
                break
            text = lines[i]
            block.lines.append((i + 1, text[indent:] if text[:indent].strip() == "" else text.lstrip()))
            i += 1
        blocks.append(block)
        i += 1
    return blocks


def split_commands(block: Block):
    """(line number, command text) for each command of a shell or console block."""
    console = block.info == "console"
    commands, i = [], 0
    rows = block.lines
    while i < len(rows):
        number, text = rows[i]
        if console:
            if not text.startswith("$ "):
                i += 1
                continue
            text = text[2:]
        elif not text.strip() or text.lstrip().startswith("#"):
            i += 1
            continue
        parts = [text]
        while parts[-1].rstrip().endswith("\\") and i + 1 < len(rows):
            i += 1
            continuation = rows[i][1]
            if console and continuation.startswith("> "):
                continuation = continuation[2:]
            parts.append(continuation)
        heredoc = HEREDOC.search("\n".join(parts))
        if heredoc:
            word = heredoc.group("word")
            while i + 1 < len(rows):
                i += 1
                parts.append(rows[i][1])
                if rows[i][1].strip() == word:
                    break
        commands.append((number, "\n".join(parts)))
        i += 1
    return commands


def collect(docs, shared_present: bool, studio_present: bool, ort_present: bool):
    """Every command and file write of the given documents, in order, with skip reasons filled in."""
    items = []
    for doc in docs:
        without_shared = False  # a command of this file was skipped for want of ../shared: later ones may need it
        for block in parse_blocks(doc):
            skips, write_path = [], None
            for line, body in block.markers:
                skip, write = SKIP_BODY.match(body), WRITE_BODY.match(body)
                if skip:
                    skips.append((skip.group("text"), skip.group("reason") or "marked skip"))
                elif write:
                    write_path = write.group("path")
                else:
                    raise SystemExit(f"doc-test: {doc}:{line}: unknown marker '{body}'")
            if write_path:
                items.append(FileWrite(doc, block.line, write_path, "\n".join(t for _, t in block.lines) + "\n"))
                continue
            if block.info not in SHELL_LANGUAGES:
                continue
            for number, text in split_commands(block):
                command = Command(doc, number, text)
                last_line = text.rsplit("\n", 1)[-1]
                expected = EXPECTED_EXIT.search(last_line)
                if expected:
                    command.expected = int(expected.group("status"))
                for needle, reason in skips:
                    if needle is None or needle in text:
                        command.skip_reason = reason
                        break
                if not command.skip_reason and without_shared:
                    command.skip_reason = AFTER_SHARED_ABSENT
                if not command.skip_reason:
                    command.skip_reason = automatic_skip(text, shared_present, studio_present, ort_present)
                    without_shared = command.skip_reason == SHARED_ABSENT
                items.append(command)
    return items


def automatic_skip(text: str, shared_present: bool, studio_present: bool, ort_present: bool) -> str:
    if "../shared" in text and not shared_present:
        return SHARED_ABSENT
    if "graphs-studio" in text and not studio_present:
        return STUDIO_ABSENT
    measures = re.search(r"\bbenchmark\b(?!\s+import)|--measure\b", text)
    if measures and re.search(r"(--runtime|-r)[ =]onnxruntime\b", text) and not ort_present:
        return ORT_ABSENT
    return ""


def onnxruntime_present(source: Path) -> bool:
    if shutil.which("node") is None:
        return False
    folders = [source / "third_party/onnxruntime-node/node_modules"]
    if os.environ.get("GRAPHS_ORT_NODE_MODULES"):
        folders.append(Path(os.environ["GRAPHS_ORT_NODE_MODULES"]))
    return any((f / "onnxruntime-node/package.json").is_file() for f in folders)


def make_scratch(root: Path, source: Path, graphs: Path, studio, shared):
    checkout = root / "checkout"
    (checkout / "build/app").mkdir(parents=True)
    for entry in source.iterdir():
        if entry.name.startswith(".") or entry.name.startswith("build"):
            continue
        (checkout / entry.name).symlink_to(entry)
    (checkout / "build/app/graphs").symlink_to(graphs)
    if studio:
        (checkout / "build/app/graphs-studio").symlink_to(studio)
    if shared:
        (root / "shared").symlink_to(shared)
    home = root / "home"
    for sub in (".local/share", ".config", ".cache", "runtime"):
        (home / sub).mkdir(parents=True)
    (home / "runtime").chmod(0o700)
    (root / "tmp").mkdir()
    env = dict(os.environ)
    env.update({
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "TMPDIR": str(root / "tmp"),
        "PATH": f"{checkout / 'build/app'}{os.pathsep}{os.environ.get('PATH', '')}",
        "QT_QPA_PLATFORM": "offscreen",
        "LC_ALL": "C.UTF-8",
    })
    env.pop("GRAPHS_DATA_DIR", None)
    return checkout, env


def opens_window(text: str) -> bool:
    words = text.split()
    while words and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]):
        words = words[1:]  # environment assignments before the program
    return bool(words) and words[0].endswith("graphs-studio") and not any(
        w in STUDIO_BATCH_OPTIONS or w.startswith("--screenshot") for w in words)


def refused_program(text: str) -> str:
    for part in re.split(r"&&|\|\||[;|\n(]", text):
        words = part.split()
        while words and (re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]) or words[0] in SHELL_KEYWORDS):
            words = words[1:]
        if words and REFUSED_PROGRAMS.match(words[0]):
            return words[0]
    return ""


def run_command(command: Command, checkout: Path, env: dict, scratch_tmp: Path):
    """(passed, status text, output tail)."""
    refused = refused_program(command.text)
    if refused:
        return False, f"not run: '{refused}' installs, builds or tests; mark the block <!-- doc-test: skip (why) -->", ""
    text = command.text.replace("/tmp/", f"{scratch_tmp}/")
    process = subprocess.Popen(["bash", "-c", text], cwd=checkout, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, start_new_session=True)
    window = opens_window(command.text)
    try:
        output, _ = process.communicate(timeout=WINDOW_GRACE_S if window else COMMAND_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            output, _ = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output, _ = process.communicate()
        if window:
            return True, f"still running after {WINDOW_GRACE_S} s (window open), stopped", ""
        return False, f"timed out after {COMMAND_TIMEOUT_S} s", tail(output)
    status = process.returncode
    if status == command.expected:
        return True, f"exit {status}", ""
    return False, f"exit {status}, expected {command.expected}", tail(output)


def tail(output: bytes, lines: int = 15) -> str:
    text = output.decode("utf-8", "replace").rstrip("\n").splitlines()
    return "\n".join("    | " + line for line in text[-lines:])


def one_line(text: str, width: int = 100) -> str:
    flat = " ".join(text.replace("\\\n", " ").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--source", type=Path, required=True, help="source tree (README.md and docs/)")
    parser.add_argument("--graphs", type=Path, required=True, help="the graphs executable to test")
    parser.add_argument("--studio", type=Path, help="the graphs-studio executable, where it is built")
    parser.add_argument("--shared", type=Path, help="the shared models folder (default: SOURCE/../shared)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folders and print where they are")
    parser.add_argument("--list", action="store_true", help="list the commands and what would happen; run nothing")
    parser.add_argument("docs", nargs="*", type=Path, help="Markdown files (default: README.md and docs/**/*.md)")
    args = parser.parse_args()

    source = args.source.resolve()
    graphs = args.graphs.resolve()
    if not graphs.is_file():
        print(f"doc-test: {graphs}: no such program", file=sys.stderr)
        return 2
    studio = args.studio.resolve() if args.studio and args.studio.is_file() else None
    shared = (args.shared or source.parent / "shared").resolve()
    shared = shared if shared.is_dir() else None
    docs = [d.resolve() for d in args.docs] or [source / "README.md"] + sorted((source / "docs").rglob("*.md"))
    items = collect(docs, shared is not None, studio is not None, onnxruntime_present(source))

    started = time.monotonic()
    run = passed = skipped = 0
    reasons, failures = {}, []
    scratch_parent = Path(tempfile.mkdtemp(prefix="graphs-doc-test-"))
    try:
        current_doc, checkout, env = None, None, None
        for item in items:
            where = f"{os.path.relpath(item.doc, source)}:{item.line}"
            if isinstance(item, Command) and item.skip_reason:
                skipped += 1
                reasons[item.skip_reason] = reasons.get(item.skip_reason, 0) + 1
                print(f"SKIP {where}: {one_line(item.text)} -- {item.skip_reason}")
                continue
            if args.list:
                if isinstance(item, Command):
                    print(f"RUN  {where}: {one_line(item.text)} -- expects exit {item.expected}")
                continue
            if item.doc != current_doc:
                current_doc = item.doc
                root = scratch_parent / str(len(list(scratch_parent.iterdir())))
                root.mkdir()
                checkout, env = make_scratch(root, source, graphs, studio, shared)
            if isinstance(item, FileWrite):
                target = Path(item.path.replace("~/", env["HOME"] + "/", 1))
                target = target if target.is_absolute() else checkout / target
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(item.text, encoding="utf-8")
                print(f"WRITE {where}: {item.path}")
                continue
            run += 1
            t0 = time.monotonic()
            ok, state, output = run_command(item, checkout, env, checkout.parent / "tmp")
            took = time.monotonic() - t0
            print(f"{'PASS' if ok else 'FAIL'} {where}: {one_line(item.text)} -- {state} ({took:.1f} s)", flush=True)
            if ok:
                passed += 1
            else:
                failures.append(where)
                if output:
                    print(output, flush=True)
    finally:
        if args.keep:
            print(f"doc-test: scratch folders kept in {scratch_parent}")
        else:
            shutil.rmtree(scratch_parent, ignore_errors=True)

    if args.list:
        return 0
    print(f"\ndoc-test: {run} run, {passed} passed, {run - passed} failed, {skipped} skipped "
          f"({len(docs)} files, {time.monotonic() - started:.0f} s)")
    for reason, count in sorted(reasons.items(), key=lambda r: -r[1]):
        print(f"  skipped {count}: {reason}")
    for where in failures:
        print(f"  failed: {where}")
    absent = sum(count for reason, count in reasons.items() if reason in OPTIONAL_ABSENT)
    if absent and not failures:
        print(f"doc-test: incomplete: {absent} commands skipped because an optional thing is absent")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
