"""Synthetic Swedish passages and search queries for the search latency benchmark.

    python bench/generate_passages.py [--passages 1000000] [--seed 1] [--out bench/out/passages]

Sentences are harvested from the real Swedish documents of the shared corpus (PDF, DOCX,
HTML and text files, and the HTML inside the Riksdagen ``dokumentstatus`` payloads), read
with styrsignal's own readers and sentence splitter.  A document counts when
``detect_language`` says Swedish; a sentence counts when it says so for the sentence too
and it looks like running text (a few words, mostly letters, ending in punctuation).

The sentences are then recombined with a seeded RNG into synthetic documents of 20-400
passages.  Each synthetic document has a *home*: one real document (or, for the short
ones, all short documents of a folder).  A passage is 2-8 sentences and 200-1,200
characters, mostly runs of consecutive sentences from the home (so the words that belong
together stay together, as in a real passage), and now and then a sentence from anywhere.

Written to the output folder:

* ``sentences.txt``: one sentence per line (line breaks inside a sentence become spaces);
* ``passages.txt``: one passage per line, ``<document number> <sentence index> ...``;
  passages of a document are consecutive, and the text of a passage is its sentences
  joined by a space;
* ``queries.tsv``: ``<category>\\t<query>``, at least 200 mixed queries over the same
  vocabulary (see :func:`make_queries` for the categories);
* ``meta.json``: the parameters, the counts and where the sentences came from.

The result depends only on the corpus, the seed and styrsignal's readers and sentence
splitter; the same command gives the same files.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

FORMAT_VERSION = 1
DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "passages"
FOLDERS = ("pdf", "docx", "html", "text")
MIN_CHARS, MAX_CHARS = 200, 1200
MIN_SENTENCES, MAX_SENTENCES = 2, 8
DOC_PASSAGES = (20, 400)
SMALL_SOURCE = 50
"""A source with fewer sentences than this shares a home pool with the other small ones of its folder."""
FOREIGN_SENTENCE = 0.08
"""Chance that the next sentence of a passage comes from anywhere, not from the home."""

_WORDLIKE = re.compile(r"[^\W\d_]{2,}")


@dataclass
class Source:
    name: str
    folder: str
    sentences: list[int]


# -- harvesting ------------------------------------------------------------------------------
def _riksdagen_html(path: Path) -> str | None:
    """The document HTML inside a Riksdagen dokumentstatus payload (JSON or XML)."""
    if path.suffix == ".json":
        html = json.loads(path.read_text(encoding="utf-8"))["dokumentstatus"]["dokument"].get("html")
    else:
        element = ET.parse(path).getroot().find("dokument/html")
        html = element.text if element is not None else None
    return f"<html><body>{html}</body></html>" if html else None


def _source_files(corpus: Path, tmp: Path) -> Iterator[tuple[str, Path]]:
    for folder in FOLDERS:
        for path in sorted((corpus / folder).glob("*")):
            if path.is_file():
                yield folder, path
    for path in sorted((corpus / "riksdagen").glob("dokumentstatus_*/*")):
        html = _riksdagen_html(path)
        if html:
            page = tmp / f"{path.stem}.html"
            page.write_text(html, encoding="utf-8")
            yield "riksdagen", page


def _running_text(sentence: str) -> bool:
    words = sentence.split()
    if not 4 <= len(words) <= 120 or not 25 <= len(sentence) <= 600:
        return False
    if sentence[-1] not in ".!?:":
        return False
    letters = sum(ch.isalpha() for ch in sentence)
    return letters >= 0.7 * sum(not ch.isspace() for ch in sentence)


def harvest(corpus: Path) -> tuple[list[str], list[Source], dict[str, int]]:
    """Swedish running-text sentences of the corpus, deduplicated, grouped by source."""
    from styrsignal.errors import IngestError
    from styrsignal.ingest.language import detect_language
    from styrsignal.ingest.readers import read_path
    from styrsignal.text import split_sentences

    sentences: list[str] = []
    seen: dict[str, int] = {}
    sources: list[Source] = []
    skipped: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="styrsignal-bench-") as tmp:
        for folder, path in _source_files(corpus, Path(tmp)):
            try:
                extracted = read_path(path)
            except IngestError as exc:
                print(f"  skipped {path.name}: {exc}", file=sys.stderr)
                continue
            if detect_language(extracted.text) != "sv":
                skipped["non-Swedish documents"] += 1
                continue
            own: list[int] = []
            for start, end in split_sentences(extracted.text):
                sentence = " ".join(extracted.text[start:end].split())
                if not _running_text(sentence):
                    skipped["sentences not running text"] += 1
                    continue
                if detect_language(sentence) != "sv":
                    skipped["sentences not Swedish"] += 1
                    continue
                index = seen.get(sentence)
                if index is None:
                    index = seen[sentence] = len(sentences)
                    sentences.append(sentence)
                else:
                    skipped["repeated sentences"] += 1
                own.append(index)
            if own:
                sources.append(Source(path.name, folder, own))
    return sentences, sources, dict(skipped)


def _homes(sources: list[Source]) -> list[Source]:
    """Home pools: each large source on its own, the small ones of a folder together."""
    homes = [s for s in sources if len(s.sentences) >= SMALL_SOURCE]
    small: dict[str, list[int]] = {}
    for source in sources:
        if len(source.sentences) < SMALL_SOURCE:
            small.setdefault(source.folder, []).extend(source.sentences)
    homes += [Source(f"{folder}/* (short documents)", folder, ids) for folder, ids in sorted(small.items())]
    return homes


# -- passages --------------------------------------------------------------------------------
def _passage(rng: random.Random, home: list[int], lengths: list[int], everything: int) -> list[int]:
    target = rng.randint(MIN_SENTENCES, MAX_SENTENCES)
    chosen: list[int] = []
    size = 0
    position = rng.randrange(len(home))
    while len(chosen) < MAX_SENTENCES and (len(chosen) < target or size < MIN_CHARS):
        if rng.random() < FOREIGN_SENTENCE:
            sentence = rng.randrange(everything)
        else:
            if rng.random() < 0.3:  # jump elsewhere in the home: a new run starts
                position = rng.randrange(len(home))
            sentence = home[position % len(home)]
            position += 1
        extra = lengths[sentence] + (1 if chosen else 0)
        if size + extra > MAX_CHARS:
            if size >= MIN_CHARS:
                break
            continue  # too long for what is left: try another
        chosen.append(sentence)
        size += extra
    return chosen


def make_passages(n: int, sentences: list[str], homes: list[Source],
                  rng: random.Random) -> Iterator[tuple[int, list[int]]]:
    """``n`` passages as (document number, sentence indices), documents in order."""
    lengths = [len(s) for s in sentences]
    weights = list(accumulate(len(h.sentences) for h in homes))
    made = 0
    document = 0
    while made < n:
        home = homes[bisect_right(weights, rng.random() * weights[-1])].sentences
        for _ in range(min(rng.randint(*DOC_PASSAGES), n - made)):
            yield document, _passage(rng, home, lengths, len(sentences))
            made += 1
        document += 1


# -- queries ---------------------------------------------------------------------------------
def make_queries(sentences: list[str], rng: random.Random) -> list[tuple[str, str]]:
    """Mixed queries over the vocabulary of ``sentences``, each known to parse.

    Categories: ``base-frequent`` / ``base-mid`` / ``base-rare`` (one word in base form,
    by how many sentences hold it), ``inflected`` (a word form that is not its lemma),
    ``compound``, ``and`` (two words of one sentence), ``phrase`` (two or three
    consecutive words, quoted), ``or``, ``prefix`` (3-8 letters and ``*``), ``not``
    (``a -b``) and ``nested`` (``(a OR b) c``).
    """
    from styrsignal.search.query import parse_query
    from styrsignal.text import analyze

    df: Counter[str] = Counter()
    lemma_of: dict[str, str] = {}
    inflected: set[str] = set()
    compounds: set[str] = set()
    token_lists: list[list[tuple[str, str, bool]]] = []
    for sentence in sentences:
        analysed = analyze(sentence)
        token_lists.append([(t.surface, t.stem, t.stop) for t in analysed])
        stems_here: set[str] = set()
        for token in analysed:
            word = token.word
            if word.stop or not _WORDLIKE.fullmatch(word.norm) or len(word.norm) < 3:
                continue
            stems_here.add(word.stem)
            if _WORDLIKE.fullmatch(word.lemma):
                lemma_of.setdefault(word.stem, word.lemma)
            if word.norm != word.lemma and len(word.norm) >= 5:
                inflected.add(word.norm)
            if len(word.parts) >= 2 and len(word.norm) >= 8:
                compounds.add(word.norm)
        df.update(stems_here)
    ranked = [stem for stem, _ in df.most_common() if stem in lemma_of]
    frequent = ranked[:150]
    mid = ranked[150:3000]
    rare = [stem for stem in ranked if 2 <= df[stem] <= 4]

    def word(band: list[str]) -> str:
        return lemma_of[rng.choice(band)]

    def content_words(tokens: list[tuple[str, str, bool]]) -> list[str]:
        return [s.lower() for s, _, stop in tokens if not stop and _WORDLIKE.fullmatch(s) and len(s) >= 3]

    def cooccurring() -> tuple[str, str]:
        while True:
            words = list(dict.fromkeys(content_words(rng.choice(token_lists))))
            if len(words) >= 2:
                first, second = rng.sample(words, 2)
                return first, second

    def phrase() -> str:
        while True:
            tokens = rng.choice(token_lists)
            length = rng.choice((2, 2, 3))
            if len(tokens) < length:
                continue
            start = rng.randrange(len(tokens) - length + 1)
            window = tokens[start:start + length]
            if window[0][2] or window[-1][2] or not all(_WORDLIKE.fullmatch(s) for s, _, _ in window):
                continue
            return '"' + " ".join(s.lower() for s, _, _ in window) + '"'

    def prefix() -> str:
        while True:
            norm = word(rng.choice((frequent, mid, mid)))
            size = rng.choice((3, 4, 5, 5, 6, 6, 7, 8))
            if len(norm) > size:
                return norm[:size] + "*"

    sorted_inflected = sorted(inflected)
    sorted_compounds = sorted(compounds)
    plan: list[tuple[str, int, object]] = [
        ("base-frequent", 12, lambda: word(frequent)),
        ("base-mid", 12, lambda: word(mid)),
        ("base-rare", 12, lambda: word(rare)),
        ("inflected", 24, lambda: rng.choice(sorted_inflected)),
        ("compound", 24, lambda: rng.choice(sorted_compounds)),
        ("and", 12, lambda: " ".join(cooccurring())),
        ("and", 12, lambda: f"{word(frequent)} {word(frequent)}"),
        ("and", 12, lambda: f"{word(frequent)} {word(rare)}"),
        ("phrase", 30, phrase),
        ("or", 12, lambda: f"{word(mid)} OR {word(mid)}"),
        ("or", 12, lambda: f"{word(frequent)} OR {word(rare)} OR {word(mid)}"),
        ("prefix", 24, prefix),
        ("not", 10, lambda: "{} -{}".format(*cooccurring())),
        ("nested", 12, lambda: f"({word(mid)} OR {word(mid)}) {cooccurring()[0]}"),
    ]
    queries: list[tuple[str, str]] = []
    seen: set[str] = set()
    for category, count, make in plan:
        made = 0
        while made < count:
            query = make()  # type: ignore[operator]
            if query in seen:
                continue
            try:
                parse_query(query)
            except Exception:  # only stopwords, say: draw another
                continue
            seen.add(query)
            queries.append((category, query))
            made += 1
    return queries


# -- files -----------------------------------------------------------------------------------
def generate(out: Path, passages: int, seed: int, corpus: Path = DEFAULT_CORPUS) -> dict[str, object]:
    started = time.perf_counter()
    sentences, sources, skipped = harvest(corpus)
    if not sentences:
        sys.exit(f"{corpus}: no Swedish sentences found (give the corpus folder with --corpus)")
    harvested = time.perf_counter()
    homes = _homes(sources)
    out.mkdir(parents=True, exist_ok=True)
    (out / "sentences.txt").write_text("".join(s + "\n" for s in sentences), encoding="utf-8")
    rng = random.Random(seed)
    chars = 0
    sentence_count = 0
    documents = 0
    with (out / "passages.txt").open("w", encoding="utf-8") as handle:
        for document, ids in make_passages(passages, sentences, homes, rng):
            handle.write(f"{document} {' '.join(map(str, ids))}\n")
            chars += sum(len(sentences[i]) for i in ids) + len(ids) - 1
            sentence_count += len(ids)
            documents = document + 1
    queries = make_queries(sentences, random.Random(seed))
    (out / "queries.tsv").write_text("".join(f"{c}\t{q}\n" for c, q in queries), encoding="utf-8")
    meta: dict[str, object] = {
        "format": FORMAT_VERSION, "seed": seed, "passages": passages, "documents": documents,
        "sentences": len(sentences), "characters": chars, "mean_passage_chars": round(chars / passages),
        "mean_passage_sentences": round(sentence_count / passages, 2), "queries": len(queries),
        "skipped": skipped, "corpus": str(corpus),
        "sources": {f"{s.folder}/{s.name}": len(s.sentences) for s in sources},
        "harvest_seconds": round(harvested - started, 1),
        "seconds": round(time.perf_counter() - started, 1),
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return meta


def ensure(out: Path, passages: int, seed: int, corpus: Path = DEFAULT_CORPUS) -> dict[str, object]:
    """The metadata of generated files for these parameters, generating them if needed."""
    try:
        meta: dict[str, object] = json.loads((out / "meta.json").read_text(encoding="utf-8"))
        if (meta.get("format"), meta.get("seed"), meta.get("passages")) == (FORMAT_VERSION, seed, passages):
            return meta
    except (OSError, ValueError):
        pass
    return generate(out, passages, seed, corpus)


def read_documents(out: Path) -> Iterator[tuple[int, list[str]]]:
    """The generated passages as (document number, passage texts), one document at a time."""
    sentences = (out / "sentences.txt").read_text(encoding="utf-8").split("\n")
    current = -1
    texts: list[str] = []
    with (out / "passages.txt").open(encoding="utf-8") as handle:
        for line in handle:
            document, *ids = line.split()
            number = int(document)
            if number != current and texts:
                yield current, texts
                texts = []
            current = number
            texts.append(" ".join(sentences[int(i)] for i in ids))
    if texts:
        yield current, texts


def read_queries(out: Path) -> list[tuple[str, str]]:
    lines = (out / "queries.tsv").read_text(encoding="utf-8").splitlines()
    return [(category, query) for category, query in (line.split("\t", 1) for line in lines)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passages", type=int, default=1_000_000, help="passages to generate (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random generator (default 1)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default bench/out/passages)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the shared corpus folder")
    args = parser.parse_args()
    meta = generate(args.out, args.passages, args.seed, args.corpus)
    print(f"{meta['passages']:,} passages in {meta['documents']:,} documents from {meta['sentences']:,} "
          f"sentences of {len(meta['sources'])} sources; mean {meta['mean_passage_chars']} chars, "  # type: ignore[arg-type]
          f"{meta['mean_passage_sentences']} sentences; {meta['queries']} queries; {meta['seconds']}s -> {args.out}")


if __name__ == "__main__":
    main()
