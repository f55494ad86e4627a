"""Writes the seed inputs of one fuzz target into a folder: spec block bodies, whole notes,
or formulas, taken from notes/ and from the differential test specs."""

import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def notes():
    return sorted((ROOT / "notes").rglob("*.md"))


def spec_bodies():
    for note in notes():
        for body in re.findall(r"```conv[^\n]*\n(.*?)```", note.read_text(), re.S):
            yield body
    differential = ROOT / "Tests/NoteSpecTests/Differential/differential.json"
    cases = json.loads(differential.read_text())
    for case in cases["cases"][:200] + cases["float_cases"]:
        yield case["spec"]


def formulas():
    for note in notes():
        text = note.read_text()
        yield from re.findall(r"\$\$(.+?)\$\$", text, re.S)
        yield from re.findall(r"(?<!\$)\$([^$\n]+)\$(?!\$)", text)


def main(target, folder):
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if target == "spec-parser":
        seeds = list(spec_bodies())
    elif target == "tex-converter":
        seeds = list(formulas())
    else:
        seeds = [note.read_text() for note in notes()]
    for index, seed in enumerate(seeds):
        (folder / f"seed-{index:04d}").write_text(seed)
    print(f"fuzz-seeds: {len(seeds)} seeds for {target}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
