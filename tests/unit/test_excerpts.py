"""Previews of Markdown in lists (boards, search, the queue): plain words, nothing of the marks left."""

from cocreate.markup import plain_excerpt


def test_marks_go_without_leaving_spaces_and_items_and_paragraphs_stay_apart():
    text = (
        "- **abrasion**: 92% of the cycles\n- **cost**: about 8% higher\n\n"
        "Is it good enough? See [the test](https://example.com/t) in *winter*, before `v2`."
    )
    assert plain_excerpt(text) == (
        "• abrasion: 92% of the cycles • cost: about 8% higher · "
        "Is it good enough? See the test in winter, before v2."
    )


def test_what_is_not_a_mark_stays():
    assert plain_excerpt("snake_case stays, 3 * 4 = 12, a - dash") == "snake_case stays, 3 * 4 = 12, a - dash"
    assert plain_excerpt("# Plans\n\n> quoted\n\nDone.") == "Plans · quoted · Done."


def test_long_text_is_cut_at_a_word_with_an_ellipsis():
    cut = plain_excerpt("word " * 100, limit=50)
    assert cut.endswith("word…") and len(cut) <= 50
    assert plain_excerpt("") == ""
