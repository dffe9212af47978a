"""How our Whoosh segments are written: Whoosh's W3 codec with three changes for speed.

- Blocks of 1,024 postings without zlib (Whoosh: 128, zlib level 3). A cold two-word query at 100k ideas
  spends most of its time reading posting lists; eight times fewer blocks, not inflated, read about twice as
  fast (whoosh_fast.py). The index is about a third larger. Readers take any block size and compression, so
  segments written before still read, and merging rewrites them this way.
- Writing a segment asks each posting's field length to record per block the shortest and longest document.
  Whoosh reads it back from the lengths column one posting at a time, and checks on disk for each posting of
  a field that has no lengths (our ID fields) whether the column exists; here each field's lengths are read
  once. That was about half of writing a segment.
- The content field counts its terms from ContentAnalyzer.terms() (a regular expression and a cached stem
  per word) instead of through Whoosh's chain of token generators: the same terms, a fraction of the time.
- Postings are appended without Whoosh's per-posting type assertions (the values come from Whoosh's own
  pool, already typed).

The codec (with each segment) and the format (in the schema) are stored in the index, so these classes must
stay importable by these names; an index that cannot be read is rebuilt (service.ensure_ready).

Same results as Whoosh's own codec: tests/unit/search/test_whoosh_codec.py.
"""

from __future__ import annotations

from collections import Counter

from whoosh import formats
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    W3Codec,
    W3FieldWriter,
    W3PostingsWriter,
    _lenfield,
)
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length

from cocreate import speed

BLOCK = 1024
COMPRESSION = 0
_BYTE_LENGTHS = [byte_to_length(b) for b in range(256)]


def writing_codec() -> W3Codec | None:
    """The codec new segments are written with: ours; None (Whoosh's default) when switched off."""
    return Codec() if speed.on("whoosh_codec") else None


class Codec(W3Codec):
    def __init__(self, blocklimit: int = BLOCK, compression: int = COMPRESSION, inlinelimit: int = 1) -> None:
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def field_writer(self, storage, segment):
        return _FieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return _PostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


class _Lengths:
    """doc_field_length() of a segment's per-document reader, with each field's length bytes loaded once."""

    def __init__(self, perdoc) -> None:
        self._perdoc = perdoc
        self._loaded: dict[str, object] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default=0):
        found = self._loaded.get(fieldname)
        if found is None:
            reader = self._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            found = self._loaded[fieldname] = reader.load() if reader is not None else False
        if found is False:
            return default
        lbyte = found[docnum]
        return _BYTE_LENGTHS[lbyte] if lbyte else None  # None as Whoosh's own: no length recorded


class _FieldWriter(W3FieldWriter):
    def add_postings(self, schema, lengths, items):
        super().add_postings(schema, _Lengths(lengths) if lengths else lengths, items)


class _PostingsWriter(W3PostingsWriter):
    def add_posting(self, id_, weight, vbytes, length=None):
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:
            self._maxweight = weight
        if vbytes:
            self._values.append(vbytes)
        if length:
            if self._minlength is None or length < self._minlength:
                self._minlength = length
            if length > self._maxlength:
                self._maxlength = length


class Frequency(formats.Frequency):
    """Whoosh's Frequency format; for an analyzer with terms() it counts those instead of Token objects."""

    def word_values(self, value, analyzer, **kwargs):
        terms = getattr(analyzer, "terms", None) if speed.on("whoosh_codec") else None
        if terms is None or not isinstance(value, str) or kwargs.get("mode", "index") != "index":
            return super().word_values(value, analyzer, **kwargs)
        boost = self.field_boost
        return ((term, n, n * boost, pack_uint(n)) for term, n in Counter(terms(value)).items())
