"""Index keys must not depend on the process: ingest and search run in different processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
from pathlib import Path
from styrsignal.text.analyzer import index_text
# "studentbostäder": its head's lemma candidates tie in frequency (bostad/bostäder)
text = Path(sys.argv[1]).read_text(encoding="utf-8") + " Kommunen bygger studentbostäder och trygghetsbostäder."
terms = index_text(text, "sv")
print(" ".join(terms.words), "|", " ".join(terms.heads), "|", " ".join(terms.prefixes))
"""


def test_index_terms_are_the_same_under_any_hash_seed(corpus_dir: Path) -> None:
    sample = corpus_dir / "text/si_arbetsintegrerande-sociala-foretag-2018__01.txt"
    outputs = set()
    for seed in ("0", "1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", SCRIPT, str(sample)], capture_output=True, text=True,
                                env=env, check=True)
        outputs.add(result.stdout)
    assert len(outputs) == 1
