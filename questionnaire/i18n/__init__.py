"""Languages (issue 15): the catalogues' compilation and the Act's terminology table.

Pure Python (polib, no Django), so the test suite's setup and checks can use it before or
without Django: ``catalogues`` compiles ``.po`` to ``.mo``; ``terminology`` reads
docs/terminology.md and checks translations against it."""
