"""The parkmart application around the ingest stage.

``cli`` (the ``parkmart`` command) is a thin layer over library functions: ``build``
(ingest -> dbt -> atomic swap of the warehouse, with ``dbt`` the dbt runner and ``state``
the fingerprints that let an unchanged build do nothing), ``query`` (read-only SQL),
``status``, ``docs`` (the dbt docs site) and ``report`` (the HTML report). ``project``
says where the checkout, corpus, warehouse and marts are; ``errors`` holds the exceptions.
The developer tools live in ``devtools``: ``evaluate`` (scores against gold labels),
``synth`` (synthetic corpora), ``bench`` (throughput and memory) and ``refdata``
(regenerates the reference seeds). ``api`` is what a notebook imports: ``parkmart.connect``
(a read-only SQLAlchemy engine) and ``parkmart.read_mart`` (a mart as a pandas DataFrame).
"""

from parkmart.api import connect, read_mart

__version__ = "0.1.0"
__all__ = ["connect", "read_mart"]
