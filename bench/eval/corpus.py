"""Build the wide evaluation corpus: the seeds plus over 300 real documents from Debian's packages.

    apt-get install python3.11-doc postgresql-doc-15 debian-reference-en debian-history \
        debian-handbook debian-faq
    .venv/bin/python -m bench.eval.corpus            # -> bench/work/eval-corpus/

Documents are copied as they are shipped (HTML stays HTML), under a folder per collection, so
citations name them as ``python/whatsnew/3.11.html``. The selection is fixed: the same packages
give the same corpus.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "bench" / "work" / "eval-corpus"
PYTHON = Path("/usr/share/doc/python3.11/html")
POSTGRES = Path("/usr/share/doc/postgresql-doc-15/html")

# (collection folder, source folder, glob); every match is taken.
COLLECTIONS = [
    ("python/whatsnew", PYTHON / "whatsnew", "[23].*.html"),
    ("python/howto", PYTHON / "howto", "*.html"),
    ("python/tutorial", PYTHON / "tutorial", "*.html"),
    ("python/faq", PYTHON / "faq", "*.html"),
    ("postgresql", POSTGRES, "release-*.html"),
    ("postgresql", POSTGRES, "tutorial-*.html"),
    ("postgresql", POSTGRES, "history.html"),
    ("postgresql", POSTGRES, "intro-whatis.html"),
    ("debian-reference", Path("/usr/share/debian-reference"), "*.en.html"),
    ("debian-history", Path("/usr/share/doc/debian-history/docs"), "*.en.html"),
    ("debian-handbook", Path("/usr/share/doc/debian-handbook/html/en-US"), "*.html"),
    ("debian-faq", Path("/usr/share/doc/debian/FAQ"), "*.en.html"),
]
LIBRARY_PAGES = 40  # Python library reference pages, drawn with a fixed seed
SEED = 20261126


def build(target: Path = CORPUS) -> list[Path]:
    """Copy the corpus into ``target`` (emptied first) and return the files, sorted."""
    if target.exists():
        shutil.rmtree(target)
    (target / "seeds").mkdir(parents=True)
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(seed, target / "seeds" / seed.name)
    for folder, source, pattern in COLLECTIONS:
        files = sorted(p for p in source.glob(pattern) if p.name != "index.html")
        if not files:
            raise SystemExit(f"{source}/{pattern}: nothing found; install the packages above")
        (target / folder).mkdir(parents=True, exist_ok=True)
        for file in files:
            shutil.copy(file, target / folder / file.name)
    library = sorted((PYTHON / "library").glob("*.html"))
    (target / "python/library").mkdir(parents=True)
    for file in random.Random(SEED).sample(library, LIBRARY_PAGES):
        shutil.copy(file, target / "python/library" / file.name)
    return sorted(p for p in target.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=Path, default=CORPUS)
    files = build(parser.parse_args().target)
    print(f"{len(files)} documents, {sum(f.stat().st_size for f in files):,} bytes")


if __name__ == "__main__":
    main()
