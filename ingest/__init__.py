"""parkmart ingest: raw article files -> clean articles and mentions in DuckDB.

The package is one module per pipeline stage: ``read`` (find, decode, split files),
``normalize`` (script, repairs, width), ``segment`` (title, date, body, boilerplate,
sentences), ``extract`` (one module per mention kind), ``load`` (DuckDB tables),
``build`` (ingest -> dbt -> atomic swap) and ``cli``.
"""

__version__ = "0.1.0"

# Bump when extraction output changes, so incremental ingest re-extracts old articles.
EXTRACTOR_VERSION = "6"
