#!/usr/bin/env python3
"""Every user-visible string of the app has a translation in every language.

Runs lupdate over the sources the app's translations are made from (ui/ and
app/*.cpp, app/*.h, as app/CMakeLists.txt's qt_add_translations) into a copy
of each translations/wick_<lang>.ts (English, the source language, excepted)
and fails, naming each string, when the copy holds an entry without a finished
translation: a string added to the sources since the .ts was updated, or one
left unfinished. Also fails when the committed .ts holds unfinished or
vanished entries (run `cmake --build build/ci --target update_translations`,
then translate).

usage: check_translations.py LUPDATE SOURCE_DIR WORK_DIR
"""
import glob
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET


def untranslated(ts_path):
    """(context, source, why) of every entry without a finished translation."""
    missing = []
    root = ET.parse(ts_path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            if translation is None:
                missing.append((name, source, "no translation element"))
                continue
            kind = translation.get("type", "")
            if kind in ("vanished", "obsolete"):
                missing.append((name, source, "no longer in the sources (" + kind + ")"))
                continue
            if kind == "unfinished":
                missing.append((name, source, "unfinished"))
                continue
            forms = translation.findall("numerusform")
            texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
            if any(not t.strip() for t in texts) and source.strip():
                missing.append((name, source, "empty"))
    return missing


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    lupdate, source_dir, work_dir = sys.argv[1:]
    os.makedirs(work_dir, exist_ok=True)
    sources = sorted(glob.glob(os.path.join(source_dir, "ui", "**", "*.cpp"), recursive=True))
    sources += sorted(glob.glob(os.path.join(source_dir, "ui", "**", "*.h"), recursive=True))
    sources += sorted(glob.glob(os.path.join(source_dir, "app", "*.cpp")))
    sources += sorted(glob.glob(os.path.join(source_dir, "app", "*.h")))
    if not sources:
        print("no sources under " + source_dir, file=sys.stderr)
        return 2
    list_file = os.path.join(work_dir, "sources.lst")
    with open(list_file, "w", encoding="utf-8") as out:
        out.write("\n".join(sources) + "\n")

    failures = 0
    catalogues = sorted(glob.glob(os.path.join(source_dir, "translations", "wick_*.ts")))
    for ts in catalogues:
        lang = os.path.basename(ts)[len("wick_"):-len(".ts")]
        if lang == "en":
            continue  # the source language: its entries are the source texts
        committed = untranslated(ts)
        for context, source, why in committed:
            print(f"{os.path.basename(ts)}: {context}: {source!r}: {why}")
        failures += len(committed)

        copy = os.path.join(work_dir, os.path.basename(ts))
        shutil.copyfile(ts, copy)
        run = subprocess.run(
            [lupdate, "-no-obsolete", "-locations", "none",
             "-I", os.path.join(source_dir, "ui"), "-I", os.path.join(source_dir, "core"),
             "@" + list_file, "-ts", copy],
            capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stdout + run.stderr, file=sys.stderr)
            print(f"lupdate failed on {ts} (exit {run.returncode})", file=sys.stderr)
            return 1
        fresh = untranslated(copy)
        for context, source, why in fresh:
            if (context, source, why) not in committed:
                print(f"{os.path.basename(ts)}: {context}: {source!r}: "
                      "in the sources, not translated")
                failures += 1
        print(f"{os.path.basename(ts)}: {len(fresh)} of "
              f"{sum(1 for _ in ET.parse(copy).getroot().iter('message'))} "
              "source strings without a translation")
    if not catalogues:
        print("no translations/wick_*.ts under " + source_dir, file=sys.stderr)
        return 2
    if failures:
        print(f"{failures} string(s) without a translation: run the update_translations "
              "target and translate them", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
