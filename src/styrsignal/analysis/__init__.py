"""Analysis of the corpus against a framework: what to look for (:mod:`.framework`), and —
built on it — coding of passages by theme, actors, impact classification and trends."""
