"""Highlighting shared by both backends: stems match, stop words never do, passages are cut at spaces."""

from cocreate.search.backend import marked_to_html
from cocreate.search.highlight import highlight, stems, title_and_snippet


def test_stems_match_inflected_words_and_ignore_stop_words():
    words = stems("the Hiking maps")
    assert words == {"hike", "map"}
    title, snippet = title_and_snippet("Offline map for hikes", "We hiked; the MAPS failed.", words)
    assert str(marked_to_html(title)) == "Offline <mark>map</mark> for <mark>hikes</mark>"
    assert str(marked_to_html(snippet)) == "We <mark>hiked</mark>; the <mark>MAPS</mark> failed."


def test_long_bodies_keep_the_passages_with_most_matches_in_text_order():
    body = "filler " * 100 + "offline maps please " + "filler " * 100 + "maps only " + "filler " * 100
    out = highlight(body, stems("offline maps"), width=60)
    first, second = out.split(" … ")
    assert out.startswith("…") and out.endswith("…")
    assert "\x02offline\x03 \x02maps\x03" in first and "\x02maps\x03 only" in second
    assert len(first) < 80 and len(second) < 80
    assert first.startswith("…filler ") and second.endswith(" filler…")  # cut between whole words


def test_no_match_and_empty_input_fall_back_to_the_start_of_the_text():
    assert highlight("", stems("maps")) == ""
    assert highlight("nothing here", frozenset()) == ""
    assert title_and_snippet("Title", "x" * 500, stems("maps")) == ("Title", "x" * 200 + " …")
    words = "alpine meadow " * 30  # cut at a space, not in a word, and said to be cut
    assert title_and_snippet("Title", words, stems("maps"))[1] == ("alpine meadow " * 14).rstrip() + " …"
    assert title_and_snippet("Title", "body", stems("the and of")) == ("Title", "body")
    # Marker characters cannot come from users (documents are stripped of them), and HTML stays escaped.
    title, _ = title_and_snippet("<b>maps</b>", "", stems("maps"))
    assert str(marked_to_html(title)) == "&lt;b&gt;<mark>maps</mark>&lt;/b&gt;"
