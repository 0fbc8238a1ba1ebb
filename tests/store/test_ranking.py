"""The ranking index: it agrees with FTS5, holds only current passages, and is used only in step."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import tantivy

from styrsignal.ingest.pipeline import ingest
from styrsignal.search.query import parse_query
from styrsignal.store import sqlite_search
from styrsignal.store.ranking import RankingIndex
from styrsignal.store.sqlite import SqliteStore
from styrsignal.workspace import Workspace

CORPUS_FILES = ["pdf/se_prop-2013-14-104_nyanlandas-etablering.pdf", "pdf/se_prop-2008-09-5_byggplatsdirektiv.pdf",
                "pdf/se_sfs-2025-491_statsbidrag-meningsfull-sysselsattning.pdf", "text"]


@pytest.fixture(scope="module")
def corpus_ws(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path):
    workspace = Workspace.open(tmp_path_factory.mktemp("ranking") / "ws")
    report = ingest(workspace, [corpus_dir / name for name in CORPUS_FILES], jobs=2)
    assert report.count("failed") == 0
    yield workspace
    workspace.close()


def sqlite_store(workspace: Workspace) -> SqliteStore:
    store = workspace.store
    assert isinstance(store, SqliteStore)
    return store


def ids(hits) -> list[int]:
    return [hit.passage.id for hit in hits]


@pytest.mark.parametrize("query", [
    "etableringsplan",  # inflections: etableringsplanen, etableringsplaner
    "socialtjänstlag",  # the compound itself, not every "lag"
    "tjänst",  # compound heads: välfärdstjänster, socialtjänsten
    "arbetsintegrerande sociala företag",
    '"arbetsintegrerande sociala företag"',
    '"idéburet offentligt partnerskap" OR IOP',
    "innovation*",
    "sfi-bonus",  # a hyphenated word: two tokens in both indexes
    "eu-blåkort*",
    "2013/14:104",
    "samverkan -kommun",
    "(statsbidrag OR bidrag) sysselsättning",
    "år",
    "många",
])
@pytest.mark.parametrize("broad", [False, True])
def test_ranked_search_matches_what_fts5_matches(corpus_ws: Workspace, query: str, broad: bool) -> None:
    store = sqlite_store(corpus_ws)
    assert store.ranking.in_step()
    node = parse_query(query)
    before = store.ranking.ranked
    everything = store.search_passages(node, limit=100_000, broad=broad)
    assert store.ranking.ranked == before + 1
    reference = sqlite_search.search(store.db, node, limit=100_000, broad=broad)
    assert reference, "the query should find something in the corpus"
    assert sorted(ids(everything)) == sorted(ids(reference))
    scores = [hit.score for hit in everything]
    assert scores == sorted(scores, reverse=True)  # higher is better
    top, top_reference = ids(store.search_passages(node, limit=10, broad=broad)), ids(reference[:10])
    assert top == ids(everything[:10])
    if "*" not in query:  # a prefix ranks every match alike here; FTS5 ranks by the expanded words
        assert len(set(top) & set(top_reference)) >= min(6, len(top_reference))


def test_filtered_search_goes_through_the_ranking_index(corpus_ws: Workspace) -> None:
    store = sqlite_store(corpus_ws)
    documents = [d.id for d in store.documents()][:3]
    node = parse_query("kommun")
    before = store.ranking.ranked
    hits = store.search_passages(node, document_ids=documents, limit=100_000)
    assert store.ranking.ranked == before + 1
    assert {h.passage.document_id for h in hits} <= set(documents)
    reference = sqlite_search.search(store.db, node, document_ids=documents, limit=100_000)
    assert sorted(ids(hits)) == sorted(ids(reference))
    assert store.search_passages(node, document_ids=[], limit=10) == []


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


OLD = ("Kommunen ansvarar för äldreomsorgen och hemtjänsten.\n\n"
       "Vattenfallet vid bruket drev kvarnen under hela artonhundratalet.\n")
NEW = ("Kommunen ansvarar för äldreomsorgen och hemtjänsten.\n\n"
       "Solpanelerna på taket ger el till skolan under sommaren.\n")


def _ranked(store: SqliteStore, query: str) -> list[int]:
    before = store.ranking.ranked
    hits = store.search_passages(parse_query(query), limit=100)
    assert store.ranking.ranked == before + 1, "the search should have gone through the ranking index"
    return ids(hits)


def test_superseded_versions_never_appear_and_a_restored_version_comes_back(workspace: Workspace,
                                                                             tmp_path: Path) -> None:
    store = sqlite_store(workspace)
    doc = _write(tmp_path / "doc.txt", OLD)
    ingest(workspace, [doc], jobs=1)
    assert _ranked(store, "vattenfall") and not _ranked(store, "solpanel")

    _write(doc, NEW)
    assert ingest(workspace, [doc], jobs=1).summary()["new_version"] == 1
    assert store.ranking.in_step()
    assert not _ranked(store, "vattenfall")
    assert _ranked(store, "solpanel")
    assert len(_ranked(store, "hemtjänst")) == 1  # the unchanged paragraph once, from the current version

    _write(doc, OLD)  # back to the first content: the first version is current again
    ingest(workspace, [doc], jobs=1)
    assert store.ranking.in_step()
    assert _ranked(store, "vattenfall") and not _ranked(store, "solpanel")
    assert len(_ranked(store, "hemtjänst")) == 1
    held = store.ranking.index.passage_ids()
    current = [p.id for d in store.documents() for p in store.passages(d.id)]
    assert held == sorted(current)


@pytest.mark.parametrize("damage", ["deleted", "unreadable"])
def test_a_deleted_or_unreadable_ranking_folder_is_rebuilt(workspace: Workspace, tmp_path: Path,
                                                          damage: str) -> None:
    ingest(workspace, [_write(tmp_path / "a.txt", OLD), _write(tmp_path / "b.txt", NEW)], jobs=1)
    store = sqlite_store(workspace)
    expected = ids(store.search_passages(parse_query("kommun"), limit=100))
    folder = store.ranking.index.folder
    assert folder.is_dir() and folder.parent == workspace.root
    workspace.close()
    if damage == "deleted":
        shutil.rmtree(folder)
    else:
        (folder / "meta.json").write_text("{not json", encoding="utf-8")

    store = sqlite_store(workspace)
    assert not store.ranking.in_step()
    before = store.ranking.fell_back
    assert sorted(ids(store.search_passages(parse_query("kommun"), limit=100))) == sorted(expected)
    assert store.ranking.fell_back == before + 1  # answered by FTS5, and nothing waited for a rebuild

    store.flush()  # what the end of every ingest does
    assert store.ranking.in_step()
    assert sorted(_ranked(store, "kommun")) == sorted(expected)
    assert len(store.ranking.index.passage_ids()) == sum(store.passage_counts().values())


def test_an_index_from_elsewhere_is_not_trusted(workspace: Workspace, tmp_path: Path) -> None:
    doc = _write(tmp_path / "doc.txt", OLD)
    ingest(workspace, [doc], jobs=1)
    store = sqlite_store(workspace)
    folder = store.ranking.index.folder
    shutil.copytree(folder, tmp_path / "saved")
    _write(doc, NEW)
    ingest(workspace, [doc], jobs=1)
    workspace.close()
    shutil.rmtree(folder)
    shutil.copytree(tmp_path / "saved", folder)  # an older copy of the folder, say from a backup

    store = sqlite_store(workspace)
    assert not store.ranking.in_step()
    assert not ids(store.search_passages(parse_query("vattenfall"), limit=10))  # FTS5: correct
    store.flush()
    assert store.ranking.in_step()
    assert not _ranked(store, "vattenfall") and _ranked(store, "solpanel")


def test_a_busy_writer_leaves_the_index_behind_and_search_falls_back(workspace: Workspace, tmp_path: Path) -> None:
    ingest(workspace, [_write(tmp_path / "a.txt", OLD)], jobs=1)
    store = sqlite_store(workspace)
    other = RankingIndex(store.ranking.index.folder)  # another process's writer
    assert other.open(create=False) and other.open_writer()
    try:
        ingest(workspace, [_write(tmp_path / "b.txt", NEW)], jobs=1)  # does not wait for the writer
        assert not store.ranking.in_step()
        before = store.ranking.fell_back
        assert len(ids(store.search_passages(parse_query("kommun"), limit=10))) == 2
        assert store.ranking.fell_back == before + 1
    finally:
        other.release()
    assert len(_ranked(store, "kommun")) == 2  # a small gap: the search caught up first
    assert store.ranking.in_step()


def _commit_records(store: SqliteStore) -> int:
    index = store.ranking.index
    return int(index._searcher.search(tantivy.Query.term_query(index.schema, "id", 0), limit=10).count)


class Crash(BaseException):
    pass


def test_a_crash_between_the_index_commit_and_the_watermark_duplicates_nothing(
        workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _write(tmp_path / "doc.txt", OLD)
    ingest(workspace, [doc], jobs=1)
    store = sqlite_store(workspace)
    real_commit = store.ranking.index.commit

    def commit_then_crash(token: int) -> None:
        real_commit(token)
        raise Crash

    monkeypatch.setattr(store.ranking.index, "commit", commit_then_crash)
    _write(doc, NEW)  # a new version: its passages added, the old version retired
    with pytest.raises(Crash):
        ingest(workspace, [doc], jobs=1, objects_file=None)
    watermark, pending = store.db.execute("SELECT watermark, pending FROM ranking_state").fetchone()
    assert pending is not None and watermark < store.db.execute("SELECT MAX(id) FROM passages").fetchone()[0]
    store.ranking.index.release(wait=False)  # the process is gone: its writer with it
    store.ranking._session = None
    store.db.close()
    workspace._store = None

    store = sqlite_store(workspace)
    assert not store.ranking.in_step()
    store.flush()
    assert store.ranking.in_step()
    held = store.ranking.index.passage_ids()
    current = [p.id for d in store.documents() for p in store.passages(d.id)]
    assert held == sorted(current)  # each current passage once; the retired version's are gone
    assert _commit_records(store) == 1  # the token of the last commit, not one per commit
    assert not _ranked(store, "vattenfall") and len(_ranked(store, "solpanel")) == 1


def test_a_workspace_from_before_the_ranking_index_gets_one_at_the_next_ingest(workspace: Workspace,
                                                                             tmp_path: Path) -> None:
    doc = _write(tmp_path / "doc.txt", OLD)
    ingest(workspace, [doc], jobs=1)
    store = sqlite_store(workspace)
    folder = store.ranking.index.folder
    for statement in ("DROP TRIGGER ranking_current_version", "DROP TRIGGER ranking_document_added",
                      "DROP TRIGGER ranking_document_deleted", "DROP TABLE ranking_queue", "DROP TABLE ranking_state",
                      "PRAGMA user_version = 6"):
        store.db.execute(statement)
    workspace.close()
    shutil.rmtree(folder)

    store = sqlite_store(workspace)  # migrated to the current schema on opening
    assert not store.ranking.in_step()
    assert ids(store.search_passages(parse_query("vattenfall"), limit=10))  # FTS5 meanwhile
    ingest(workspace, [doc], jobs=1)  # nothing new to read, but the ingest brings the index up to date
    assert store.ranking.in_step()
    assert _ranked(store, "vattenfall")
