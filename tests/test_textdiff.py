"""The changed sentences of `document_changed`: readable, in order, and bounded."""

from __future__ import annotations

from monitor.textdiff import MAX_CHARS, MAX_ITEMS, change_summary, changes, sentences

OLD = """# 3. Recommendations
Recommendation 1: refresh the medium term financial strategy to close the £4.2m gap.
Recommendation 2: strengthen the golden thread between the council plan and service plans.
# 4. Next steps
The LGA will publish the final report."""


def test_sentences_split_on_full_stops_but_not_after_numbers():
    assert sentences("1. Improve scrutiny. See section 2. Build reserves. Done") == [
        "1. Improve scrutiny.",
        "See section 2. Build reserves.",
        "Done",
    ]


def test_reworded_added_and_removed_sentences_and_sections():
    new = OLD.replace("£4.2m gap", "£6.8m gap set out in February").replace(
        "# 4. Next steps\nThe LGA will publish the final report.",
        "Recommendation 3: publish a plan to reduce temporary accommodation costs.",
    )
    assert changes(OLD, new) == [
        "~ Recommendation 1: refresh the medium term financial strategy to close the £4.2m gap."
        " → Recommendation 1: refresh the medium term financial strategy to close the £6.8m gap"
        " set out in February.",
        "section removed: # 4. Next steps",
        "- The LGA will publish the final report.",
        "+ Recommendation 3: publish a plan to reduce temporary accommodation costs.",
    ]


def test_same_text_rewrapped_is_no_change():
    assert change_summary(OLD, OLD.replace("\n", "\n\n")) == ""


def test_summary_is_bounded_and_counts_the_rest():
    old = "\n".join(f"Paragraph {i} says the council did thing number {i}." for i in range(200))
    new = "\n".join(
        f"Paragraph {i} now says something else entirely, item {i * 7}." for i in range(200)
    )
    summary = change_summary(old, new)
    lines = summary.splitlines()
    assert len(lines) <= MAX_ITEMS + 1 and len(summary) <= MAX_CHARS + 100
    assert lines[-1].startswith("… and ") and lines[-1].endswith("more changes")
