"""A synthetic corpus of Swedish policy documents, grouped into analysis objects.

    python bench/make_synthetic_corpus.py [--documents 10000] [--objects 300] [--seed 1] [--out DIR] [--force]

The analysis benchmark ingests and analyses it; other benchmarks (the web benchmark) load
the same folder.  Call :func:`ensure` to get it: it generates the corpus only when the
folder does not already hold one made with the same parameters.

Sentences are harvested from the real Swedish documents of the shared corpus with
``generate_passages.harvest`` (styrsignal's own readers, sentence splitter and language
identification) and recombined with a seeded RNG:

* **objects**: ``--objects`` analysis objects.  A third hold one document, the rest share
  the other documents with a skewed spread of sizes (a few hold a few hundred).  Each
  object has a *home* (one real document, or the short documents of one corpus folder
  pooled), a kind and topic that make its name, an issuer and a start year.  About
  ``--si-share`` of the objects are *about social innovation*: half of them take the pooled
  social-innovation texts as home, and every one gets sentences with the vocabulary of the
  default framework (social innovation, social enterprises, civil society, partnership,
  collaboration …) mixed into its paragraphs, so coding and classification find evidence
  in them and not in the others;
* **documents**: 3-40 paragraphs (half of them 9-21), each 1-6 sentences, mostly runs of
  consecutive sentences from the home, now and then a sentence from anywhere.  A ``#``
  title, ``##``/``###`` headings every few paragraphs, a bullet list now and then.  Three
  in four are Markdown (``.md``, YAML-style front matter), the rest plain text (``.txt``,
  the ``key: value`` header closed by ``---`` that exported page texts carry).  The front
  matter gives ``source_title``, ``publisher`` and ``date``; an object's documents are
  dated over a few years from its start year, so the dates spread over 2010-2026 and
  trends have data.

Written to the output folder (default ``bench/out/synthetic-10k``; ``/bench/out/`` is
git-ignored):

* ``documents/<object id>/<number>.md|.txt``: the documents, one folder per object;
* ``objects.yaml``: one entry per object, ``path: documents/<object id>/*``;
* ``meta.json``: the parameters and counts (documents, objects, paragraphs, characters,
  social-innovation objects and documents, years).

The result depends only on the corpus, the seed and styrsignal's readers, sentence
splitter and language identification: the same command gives the same files.  With the
defaults it takes under a minute and about 100 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_passages import DEFAULT_CORPUS, Source, harvest  # a script beside this one

FORMAT_VERSION = 1
DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "synthetic-10k"
YEARS = (2010, 2026)
PARAGRAPHS = (3, 40)
SENTENCES = (1, 6)
FOREIGN_SENTENCE = 0.06
"""Chance that the next sentence of a paragraph comes from anywhere, not from the home."""
SI_SENTENCE = 0.3
"""In a social-innovation object: chance that a paragraph gets a social-innovation sentence."""
SMALL_SOURCE = 50
"""A source with fewer sentences than this shares a home pool with the other short ones of its folder."""

SOCIAL_INNOVATION = re.compile(
    r"social(?:a|t)? (?:innovation|företag|entreprenör)|samhällsinnovation|idébure?n|idéburet|idéburna"
    r"|civilsamhälle|ideell|partnerskap|samverka|sociala investering|socialt hållbar|arbetsintegrerande"
    r"|innovationsupphandling|innovationsråd|vinnova|tillväxtverket|\besf\b", re.I)
"""Sentences with this vocabulary form the pool mixed into social-innovation objects."""

KINDS = ["Regeringsuppdrag", "Strategi", "Nationellt program", "Utredning", "Förordning", "Satsning",
         "Överenskommelse", "Handlingsplan", "Statsbidrag", "Utvecklingsprogram", "Proposition", "Regional plan"]
TOPICS = ["arbetsmarknadsinsatser", "äldreomsorg", "skolans likvärdighet", "integration av nyanlända",
          "psykisk hälsa", "digital förvaltning", "hållbart byggande", "kompetensförsörjning", "folkhälsa",
          "arbetsmiljö", "dataskydd", "kollektivtrafik", "landsbygdsutveckling", "funktionshinderspolitik",
          "barn och unga", "bostadsförsörjning", "klimatomställning", "kulturverksamhet", "forskningsdata",
          "livsmedelskontroll", "sjöfart", "krisberedskap", "tillgänglighet", "vård och omsorg"]
SI_TOPICS = ["social innovation", "sociala företag", "socialt entreprenörskap", "idéburet offentligt partnerskap",
             "civilsamhällets villkor", "arbetsintegrerande sociala företag", "sociala investeringar",
             "innovation i offentlig verksamhet", "samverkan med civilsamhället", "idéburen välfärd"]
ISSUERS = ["Regeringen", "Socialdepartementet", "Arbetsmarknadsdepartementet", "Näringsdepartementet",
           "Finansdepartementet", "Utbildningsdepartementet", "Kulturdepartementet", "Infrastrukturdepartementet",
           "Vinnova", "Tillväxtverket", "Socialstyrelsen", "Arbetsförmedlingen", "Svenska ESF-rådet",
           "Boverket", "Folkhälsomyndigheten", "Myndigheten för ungdoms- och civilsamhällesfrågor",
           "Region Skåne", "Västra Götalandsregionen", "Region Stockholm", "Malmö stad", "Göteborgs stad",
           "Umeå kommun", "Sveriges Kommuner och Regioner"]
DOC_LABELS = ["Rapport", "Promemoria", "Beslut", "Redovisning", "Delrapport", "Slutrapport", "Vägledning",
              "Uppdragsbeskrivning", "Remissvar", "Lägesrapport", "Utvärdering", "Informationsblad"]
HEADINGS = ["Sammanfattning", "Bakgrund", "Uppdraget", "Syfte och mål", "Nuläge", "Överväganden",
            "Förslag", "Genomförande", "Ekonomiska konsekvenser", "Konsekvenser för kommuner och regioner",
            "Uppföljning och utvärdering", "Målgrupper", "Finansiering", "Samråd", "Tidplan", "Ansvar",
            "Författningskommentar", "Erfarenheter", "Behov av fortsatt arbete", "Definitioner",
            "Internationella utblickar", "Slutsatser", "Risker", "Metod", "Resultat", "Rekommendationer"]
SI_HEADINGS = ["Samverkan med civilsamhället", "Sociala företag", "Idéburet offentligt partnerskap",
               "Social innovation", "Stöd till sociala innovationer", "Partnerskap och samskapande"]


@dataclass
class Home:
    name: str
    sentences: list[int]


@dataclass
class AnalysisObject:
    id: str
    name: str
    home: Home
    issuer: str
    start_year: int
    social_innovation: bool
    documents: int


# -- building blocks -------------------------------------------------------------------------------
def homes(sources: list[Source]) -> list[Home]:
    """Each large source on its own; the short ones of a folder pooled (the social-innovation texts
    of ``text/`` become one pool)."""
    result = [Home(f"{s.folder}/{s.name}", s.sentences) for s in sources if len(s.sentences) >= SMALL_SOURCE]
    pooled: dict[str, list[int]] = {}
    for source in sources:
        if len(source.sentences) < SMALL_SOURCE:
            pooled.setdefault(source.folder, []).extend(source.sentences)
    result += [Home(f"{folder}/* (short documents)", ids) for folder, ids in sorted(pooled.items())]
    return result


def object_sizes(rng: random.Random, documents: int, objects: int) -> list[int]:
    """Documents per object: a third single documents, the rest a skewed (log-normal) spread."""
    if objects < 1 or documents < objects:
        raise ValueError(f"cannot spread {documents} documents over {objects} objects")
    single = objects // 3
    multi = objects - single
    if multi == 0:
        return [1] * single
    rest = documents - single
    if rest < 2 * multi:  # too few documents for the skew: spread them evenly
        sizes = [1] * single + [rest // multi] * multi
        for i in range(rest % multi):
            sizes[single + i] += 1
        return sizes
    weights = [rng.lognormvariate(0, 1.1) for _ in range(multi)]
    total = sum(weights)
    sizes = [2 + int((rest - 2 * multi) * w / total) for w in weights]
    largest = sorted(range(multi), key=lambda j: -weights[j])
    for i in range(rest - sum(sizes)):  # rounding leftovers go to the largest
        sizes[largest[i % multi]] += 1
    return [1] * single + sizes


def make_objects(rng: random.Random, documents: int, count: int, pools: list[Home], si_home: Home | None,
                 si_share: float) -> list[AnalysisObject]:
    cumulative = list(accumulate(len(h.sentences) for h in pools))
    objects = []
    for number, size in enumerate(object_sizes(rng, documents, count), start=1):
        social = rng.random() < si_share
        if social and si_home is not None and rng.random() < 0.5:
            home = si_home
        else:
            home = pools[bisect_right(cumulative, rng.random() * cumulative[-1])]
        topic = rng.choice(SI_TOPICS if social else TOPICS)
        name = f"{rng.choice(KINDS)} för {topic}" if rng.random() < 0.5 else f"{rng.choice(KINDS)}: {topic}"
        slug = re.sub(r"[^a-z0-9]+", "-", topic.translate(str.maketrans("åäöé", "aaoe"))).strip("-")
        objects.append(AnalysisObject(f"obj-{number:03d}-{slug}", name, home, rng.choice(ISSUERS),
                                      rng.randint(YEARS[0], YEARS[1] - 1), social, size))
    rng.shuffle(objects)  # sizes were drawn in order; ids keep their numbers
    return objects


def paragraph(rng: random.Random, home: list[int], everything: int, si_pool: list[int], social: bool) -> list[int]:
    target = min(rng.randint(*SENTENCES), rng.randint(*SENTENCES)) + rng.randint(0, 2)  # mostly 2-4
    target = max(SENTENCES[0], min(SENTENCES[1], target))
    position = rng.randrange(len(home))
    chosen: list[int] = []
    for _ in range(target):
        if rng.random() < FOREIGN_SENTENCE:
            chosen.append(rng.randrange(everything))
        else:
            chosen.append(home[position % len(home)])
            position += 1
    if social and si_pool and rng.random() < SI_SENTENCE:
        chosen.insert(rng.randint(0, len(chosen)), rng.choice(si_pool))
    return chosen


def document_text(rng: random.Random, obj: AnalysisObject, sentences: list[str], si_pool: list[int],
                  markdown: bool, title: str, date: str) -> tuple[str, int, bool]:
    """The file content, its paragraph count, and whether it holds social-innovation vocabulary."""
    count = int(PARAGRAPHS[0] + (PARAGRAPHS[1] - PARAGRAPHS[0]) * rng.betavariate(1.6, 3.0))
    if markdown:
        lines = ["---", f'source_title: "{title}"', f"publisher: {obj.issuer}", f"date: {date}", "---", "",
                 f"# {title}", ""]
    else:
        lines = [f"source_title: {title}", f"publisher: {obj.issuer}", f"date: {date}", "---", title, ""]
    headings = SI_HEADINGS + HEADINGS if obj.social_innovation else HEADINGS
    section = 0
    until_heading = rng.randint(1, 3)
    for _ in range(count):
        if until_heading == 0:
            section += 1
            sub = rng.random() < 0.3
            text = rng.choice(headings)
            lines += [f"{'###' if sub else '##'} {section}{'.1' if sub else ''} {text}" if markdown
                      else f"{section}. {text}", ""]
            until_heading = rng.randint(2, 6)
        until_heading -= 1
        ids = paragraph(rng, obj.home.sentences, len(sentences), si_pool, obj.social_innovation)
        if rng.random() < 0.07 and len(ids) >= 3:  # a bullet list
            lines += [f"- {sentences[i]}" for i in ids]
        else:
            lines.append(" ".join(sentences[i] for i in ids))
        lines.append("")
    text = "\n".join(lines)
    return text, count, bool(SOCIAL_INNOVATION.search(text.split("\n---", 1)[-1]))


def document_date(rng: random.Random, obj: AnalysisObject) -> str:
    year = min(YEARS[1], obj.start_year + int(rng.expovariate(0.6)))
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


# -- files -----------------------------------------------------------------------------------------
def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def generate(out: Path, documents: int = 10_000, objects: int = 300, seed: int = 1, si_share: float = 0.35,
             corpus: Path = DEFAULT_CORPUS) -> dict[str, object]:
    """Write the corpus to ``out`` (replacing what a previous run wrote there) and return its meta."""
    started = time.perf_counter()
    sentences, sources, _skipped = harvest(corpus)
    if not sentences:
        sys.exit(f"{corpus}: no Swedish sentences found (give the corpus folder with --corpus)")
    pools = homes(sources)
    si_pool = [i for i, s in enumerate(sentences) if SOCIAL_INNOVATION.search(s)]
    si_home = next((h for h in pools if h.name == "text/* (short documents)"), None)
    rng = random.Random(seed)
    planned = make_objects(rng, documents, objects, pools, si_home, si_share)

    for stale in ("documents", "objects.yaml", "meta.json"):
        target = out / stale
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    out.mkdir(parents=True, exist_ok=True)
    number = 0
    paragraphs = chars = si_documents = markdown_files = 0
    years: dict[int, int] = {}
    yaml = ["# Synthetic analysis objects for the analysis benchmark (bench/make_synthetic_corpus.py).",
            f"# seed {seed}, {documents} documents, {objects} objects", "objects:"]
    for obj in planned:
        folder = out / "documents" / obj.id
        folder.mkdir(parents=True)
        for _ in range(obj.documents):
            number += 1
            markdown = rng.random() < 0.75
            date = document_date(rng, obj)
            years[int(date[:4])] = years.get(int(date[:4]), 0) + 1
            title = f"{rng.choice(DOC_LABELS)}: {obj.name} ({date[:4]}:{rng.randint(1, 120)})"
            text, count, social = document_text(rng, obj, sentences, si_pool, markdown, title, date)
            (folder / f"{number:05d}{'.md' if markdown else '.txt'}").write_text(text, encoding="utf-8")
            paragraphs += count
            chars += len(text)
            si_documents += social
            markdown_files += markdown
        yaml += [f"  - id: {obj.id}", f"    name: {_yaml_string(obj.name)}", "    documents:",
                 f"      - path: documents/{obj.id}/*"]
    (out / "objects.yaml").write_text("\n".join(yaml) + "\n", encoding="utf-8")
    sizes = sorted((o.documents for o in planned), reverse=True)
    meta: dict[str, object] = {
        "format": FORMAT_VERSION, "seed": seed, "documents": documents, "objects": objects, "si_share": si_share,
        "single_document_objects": sum(1 for s in sizes if s == 1), "largest_objects": sizes[:5],
        "social_innovation_objects": sum(o.social_innovation for o in planned),
        "documents_with_social_innovation_vocabulary": si_documents,
        "markdown_files": markdown_files, "text_files": documents - markdown_files,
        "paragraphs": paragraphs, "characters": chars, "years": dict(sorted(years.items())),
        "sentences": len(sentences), "social_innovation_sentences": len(si_pool), "corpus": str(corpus),
        "seconds": round(time.perf_counter() - started, 1),
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return meta


def ensure(out: Path = DEFAULT_OUT, documents: int = 10_000, objects: int = 300, seed: int = 1,
           si_share: float = 0.35, corpus: Path = DEFAULT_CORPUS) -> dict[str, object]:
    """The meta of the corpus in ``out``, generating it first unless it was made with these parameters."""
    try:
        meta: dict[str, object] = json.loads((out / "meta.json").read_text(encoding="utf-8"))
        wanted = (FORMAT_VERSION, seed, documents, objects, si_share)
        if (meta.get("format"), meta.get("seed"), meta.get("documents"), meta.get("objects"),
                meta.get("si_share")) == wanted and (out / "objects.yaml").is_file():
            return meta
    except (OSError, ValueError):
        pass
    return generate(out, documents, objects, seed, si_share, corpus)


def default_objects(documents: int) -> int:
    """300 objects for 10,000 documents, in proportion for other sizes."""
    return max(1, min(documents, round(documents * 0.03)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000, help="documents to write (default 10,000)")
    parser.add_argument("--objects", type=int, default=None,
                        help="analysis objects (default 3%% of the documents: 300 for 10,000)")
    parser.add_argument("--si-share", type=float, default=0.35,
                        help="share of objects about social innovation (default 0.35)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random generator (default 1)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default bench/out/synthetic-10k)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the shared corpus folder")
    parser.add_argument("--force", action="store_true", help="generate even if the folder holds the same corpus")
    args = parser.parse_args()
    objects = args.objects if args.objects is not None else default_objects(args.documents)
    make = generate if args.force else ensure
    meta = make(args.out, args.documents, objects, args.seed, args.si_share, args.corpus)
    print(f"{meta['documents']:,} documents in {meta['objects']} objects "  # type: ignore[str-format]
          f"({meta['single_document_objects']} of one document, largest {meta['largest_objects']}); "
          f"{meta['paragraphs']:,} paragraphs, {meta['characters']:,} characters; "  # type: ignore[str-format]
          f"{meta['social_innovation_objects']} objects and {meta['documents_with_social_innovation_vocabulary']:,} "
          f"documents with social-innovation vocabulary; {meta['seconds']}s -> {args.out}")


if __name__ == "__main__":
    main()
