"""Find the input files under a corpus directory and read their bytes.

Every file read is returned with its bytes (gunzipped when named ``*.gz``), so that the
raw layer keeps exactly what it was given. Failures are ``InputFileError`` at stage ``read``.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import io
import os
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import InputFileError

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
JSON_SUFFIXES = {".jsonl", ".json", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
MAX_FILE_BYTES = 64 * 1024 * 1024
# A file to read: its path, its path under the corpus, and its (size, mtime_ns) when known.
Todo = tuple[Path, str, tuple[int | None, int | None]]



@dataclass
class InputFile:
    """One file found under the corpus directory, with its bytes."""

    path: Path
    rel_path: str
    data: bytes
    sha256: str
    compressed: bool = False

    @property
    def size_bytes(self) -> int:
        return len(self.data)



def iter_files(corpus: Path) -> Iterator[tuple[Path, str]]:
    """Yield (path, path relative to corpus) for every entry under corpus to read, sorted.

    Directories are walked without following symbolic links, so a link loop cannot trap
    the walk; a link to a directory is yielded like a file, for ``read_file`` to reject
    and record. Links to files are yielded too (``read_file`` follows them only inside the
    corpus folder, see ``leaves_corpus``). Hidden files and folders (starting with a dot)
    are skipped. A folder that cannot be listed is yielded for the same reason. A name
    that is not valid UTF-8 comes as Python's surrogate escapes (see ``shown_name``).
    """
    corpus = corpus.resolve()
    unlistable: list[str] = []

    def drain() -> Iterator[tuple[Path, str]]:
        while unlistable:
            path = Path(unlistable.pop())
            if path != corpus:
                yield path, path.relative_to(corpus).as_posix()

    for root, dirs, files in os.walk(corpus, followlinks=False,
                                     onerror=lambda exc: unlistable.append(exc.filename)):
        yield from drain()
        links = [d for d in dirs if os.path.islink(os.path.join(root, d))]
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in links)
        for name in sorted(files + links):
            if name.startswith("."):
                continue
            path = Path(root) / name
            yield path, path.relative_to(corpus).as_posix()
    yield from drain()


def corpus_root(path: Path, rel_path: str) -> Path:
    """The corpus folder of a file found by ``iter_files``.

    >>> corpus_root(Path("/data/corpus/2024/a.txt"), "2024/a.txt").as_posix()
    '/data/corpus'
    """
    return path.parents[rel_path.count("/")]


def leaves_corpus(path: Path, rel_path: str) -> bool:
    """True when ``path`` is a symbolic link whose target (followed to the end) is outside the corpus folder."""
    if not path.is_symlink():
        return False
    return not Path(os.path.realpath(path)).is_relative_to(corpus_root(path, rel_path))


def is_utf8_name(rel_path: str) -> bool:
    """False for a name whose bytes are not UTF-8 (it holds surrogate escapes and no column can store it)."""
    try:
        rel_path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_name(rel_path: str) -> str:
    """A name that is not UTF-8, with its undecodable bytes written as ``\\xff``.

    >>> shown_name(os.fsdecode(b"bad\\xff\\xfe.txt"))
    'bad\\\\xff\\\\xfe.txt'
    """
    return os.fsencode(rel_path).decode("utf-8", errors="backslashreplace")


def _stat_error(exc: OSError, rel_path: str) -> InputFileError:
    """What an OSError from stat/open/read means for an input file, and what to do."""
    if exc.errno == errno.ELOOP:
        return InputFileError(rel_path, "read", "symbolic link loop (the link points back to itself)",
                              "remove the link or point it at a real file")
    if exc.errno == errno.ENOENT:
        return InputFileError(rel_path, "read", "broken symbolic link (or the file vanished while reading)",
                              "fix or remove the link")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputFileError(rel_path, "read", f"cannot be read ({exc.strerror})",
                              "check its permissions (chmod a+r) or remove it")
    if exc.errno == errno.EISDIR:
        return InputFileError(rel_path, "read", "is a directory that cannot be listed",
                              "check its permissions (chmod a+rx) or remove it")
    return InputFileError(rel_path, "read", f"cannot be read ({exc.strerror or exc})",
                          "check that the file exists and is a regular file")


def _not_regular(mode: int) -> str | None:
    """Why a file of this stat mode cannot be read as an article, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, or a link to one that cannot be listed or is not followed"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is a device or other special file, not a regular file"


def _read_capped(fd: int, limit: int) -> tuple[bytes, str, int]:
    """Read at most ``limit`` bytes; also return the sha256 and size of the whole file."""
    digest = hashlib.sha256()
    chunks: list[bytes] = []
    size = 0
    while chunk := os.read(fd, 1 << 20):
        digest.update(chunk)
        size += len(chunk)
        if size <= limit:
            chunks.append(chunk)
    return (b"".join(chunks) if size <= limit else b""), digest.hexdigest(), size


def read_file(path: Path, rel_path: str, follow_links: bool = False) -> InputFile:
    """Read one file's bytes (gunzipping ``*.gz``) or raise InputFileError.

    Only regular files are opened (a FIFO would block, a device never end); the file is
    opened non-blocking and re-checked after opening, so a swap after the check cannot
    slip one in. Files over MAX_FILE_BYTES (on disk or after gunzip) are not kept. A
    symbolic link is followed only when its target lies inside the corpus folder, or
    when ``follow_links`` is set; the target's resolved path is what gets opened.
    """
    try:
        if path.is_symlink() and stat.S_ISDIR(os.stat(path).st_mode):
            raise InputFileError(rel_path, "read", "symbolic link to a directory; links to folders are not followed",
                                 "copy or move the folder into the corpus instead of linking it")
        no_follow = 0
        if path.is_symlink() and not follow_links:
            if leaves_corpus(path, rel_path):
                raise InputFileError(rel_path, "read", "symbolic link to a file outside the corpus folder; "
                                     "links out of the corpus are not followed",
                                     f"it points to {os.path.realpath(path)}: copy that file into the corpus, "
                                     "or pass --follow-links to read it")
            path = Path(os.path.realpath(path))  # open the checked target, not a link swapped since
            no_follow = getattr(os, "O_NOFOLLOW", 0)
        reason = _not_regular(os.stat(path).st_mode)
        if reason:
            raise InputFileError(rel_path, "read", reason, "remove it from the corpus")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | no_follow)
        try:
            info = os.fstat(fd)
            reason = _not_regular(info.st_mode)
            if reason:
                raise InputFileError(rel_path, "read", reason, "remove it from the corpus")
            data, sha, size = _read_capped(fd, MAX_FILE_BYTES)
        finally:
            os.close(fd)
    except OSError as exc:
        raise _stat_error(exc, rel_path) from exc
    if size > MAX_FILE_BYTES:
        raise InputFileError(rel_path, "read", f"file is {size} bytes, over the {MAX_FILE_BYTES} byte limit",
                             "split it into one file per article (or JSONL files under the limit)", sha, size)
    compressed = False
    if rel_path.lower().endswith(".gz"):
        data = _gunzip(data, rel_path, sha, size)
        compressed = True
    return InputFile(path, rel_path, data, sha, compressed)


def _gunzip(data: bytes, rel_path: str, sha: str, size: int) -> bytes:
    """Decompress gzip bytes, refusing output over MAX_FILE_BYTES (a gzip bomb)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(MAX_FILE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputFileError(rel_path, "read", f"not a valid gzip file ({exc})",
                             "re-download it or remove the .gz suffix", sha, size) from exc
    if len(out) > MAX_FILE_BYTES:
        raise InputFileError(rel_path, "read", f"decompresses to over {MAX_FILE_BYTES} bytes",
                             "split it into smaller files", sha, size)
    return out


def content_suffix(rel_path: str) -> str:
    """The suffix that says how to read a file, looking through ``.gz``.

    >>> content_suffix("a/b.JSONL.gz")
    '.jsonl'
    """
    name = rel_path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return os.path.splitext(name)[1]

