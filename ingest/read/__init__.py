"""The read stage: files -> bytes -> text -> documents.

``files`` finds the corpus's files and reads their bytes, ``decode`` turns bytes into text
(UTF-8, GB18030 or Big5), ``split`` turns a file's text into documents (one per JSON line),
and ``html`` finds the article inside a saved page. The module names are the stages that
``raw.rejected_files.stage`` records (read, decode, split).
"""
