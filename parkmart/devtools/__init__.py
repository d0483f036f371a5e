"""Developer tools: ``evaluate`` (precision/recall against gold files), ``synth`` (a
deterministic synthetic corpus with gold), ``bench`` (throughput, memory and F1 per corpus
size) and ``refdata`` (regenerates ``seeds/`` from packaged reference data)."""
