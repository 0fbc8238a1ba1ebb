"""Throughput of the analyser, cold (empty caches) and warm.  Not a test: run it by hand.

    python3 tests/text/bench_analyzer.py [repeat]

It reads the Swedish texts of the shared corpus (text files, the seed study and four
Swedish PDFs; ``shared/`` beside the repository, or ``$STYRSIGNAL_SHARED``), splits them
into passages and analyses every passage.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from styrsignal.ingest.pdf import read_pdf
from styrsignal.text import analyze, analyze_word, index_text, passages_from
from styrsignal.text.compounds import split_compound

SHARED = Path(os.environ.get("STYRSIGNAL_SHARED", Path(__file__).resolve().parents[3] / "shared"))
PDFS = [
    "se_prop-2013-14-104_nyanlandas-etablering.pdf",
    "se_prop-2012-13-187_vissa-skolfragor.pdf",
    "se_prop-2008-09-5_byggplatsdirektiv.pdf",
    "se_dir-2016-15_dataskyddsforordningen.pdf",
]


def corpus() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "corpus" / "text").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seed").glob("*.txt"))]
    passages: list[str] = []
    for text in texts:
        passages += [p for p in text.split("\n\n") if p.strip()]
    for name in PDFS:
        extracted = read_pdf(SHARED / "corpus" / "pdf" / name)
        passages += [p.text for p in passages_from(extracted.text, extracted.blocks, extracted.pages)]
    return passages


def main(repeat: int) -> None:
    passages = corpus()
    started = time.perf_counter()
    analyze_word("kommunen")  # load simplemma, Hunspell and wordfreq
    print(f"dictionaries loaded in {time.perf_counter() - started:.2f} s")

    started = time.perf_counter()
    tokens = sum(len(analyze(p)) for p in passages)
    elapsed = time.perf_counter() - started
    forms = analyze_word.cache_info().currsize
    print(f"cold analyze:   {tokens:,} tokens, {forms:,} distinct forms, {tokens / elapsed:,.0f} tokens/s")
    split = split_compound.cache_info().currsize
    print(f"                ({elapsed / forms * 1e6:,.0f} µs per new form; {split:,} words looked up for compounds)")

    for name, run in (("warm analyze:", analyze), ("warm index_text:", index_text)):
        started = time.perf_counter()
        for _ in range(repeat):
            for passage in passages:
                run(passage)
        elapsed = time.perf_counter() - started
        print(
            f"{name:<16}{tokens * repeat / elapsed:,.0f} tokens/s ({len(passages) * repeat / elapsed:,.0f} passages/s)"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
