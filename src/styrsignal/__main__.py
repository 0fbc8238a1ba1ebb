"""``python -m styrsignal``: the same as the ``styrsignal`` console script."""

from styrsignal.cli import main

main()
