"""A document that tries to run script in the browser: its title, text and issuer carry payloads
that set ``window.__xss`` if they ever execute.  Pages must show them as text."""

SCRIPT_PAYLOAD = "<script>window.__xss=1</script>"
ATTRIBUTE_PAYLOAD = '"><img src=x onerror="window.__xss=2">'
HOSTILE_TITLE = f"Fientlig rapport {SCRIPT_PAYLOAD} {ATTRIBUTE_PAYLOAD}"
HOSTILE_ISSUER = f"Myndigheten {SCRIPT_PAYLOAD}"
HOSTILE_MARKDOWN = f"""---
title: '{HOSTILE_TITLE}'
date: 2024-05-02
---

# {HOSTILE_TITLE}

Regeringen vill stärka den sociala innovationen och samverkan mellan kommuner och idéburna
organisationer. {SCRIPT_PAYLOAD} Arbetsintegrerande sociala företag ska få stöd. {ATTRIBUTE_PAYLOAD}

## Genomförande {SCRIPT_PAYLOAD}

Tillväxtverket får i uppdrag att fördela medel till sociala företag {ATTRIBUTE_PAYLOAD} under 2025.
"""
