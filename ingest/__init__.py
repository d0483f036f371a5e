"""The ingest stage: raw article files -> clean articles and mentions in DuckDB's ``raw`` schema.

One subpackage or module per stage, in the order a file goes through them:
``read`` (find files, read bytes, decode, split into documents, HTML main content),
``normalize`` (script, repairs, width), ``segment`` (title, date, body, boilerplate,
sentences), ``extract`` (one module per mention kind), ``dedupe`` (MinHash signatures),
``load`` (the raw tables), ``pipeline`` (the per-file function, the worker pool and the
writer) and ``plan`` (incremental runs). It never imports the application (``parkmart``).
"""

from pathlib import Path

__version__ = "0.1.0"

# Bump when extraction output changes, so incremental ingest re-extracts old articles.
EXTRACTOR_VERSION = "12"

# The checkout: the dbt project, its seeds/ (reference data ingest reads too) and corpus/.
PROJECT_DIR = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_DIR / "seeds"
