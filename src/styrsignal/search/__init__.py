"""Searching the corpus: the query language (:mod:`.query`), keyword-in-context snippets
(:mod:`.snippets`) and the search itself (:mod:`.engine`)."""
