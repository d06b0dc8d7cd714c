"""Forms of the review screen's transcript: finding the lessons again with other bounds, and
correcting a lesson's words."""

from __future__ import annotations

from django import forms

from bitewise.catalog.models.lessons import MAX_LESSON_MINUTES

MAX_CORRECTION_CHARS = 400_000  # a lesson's words, a caption a line, with room to spare


class ResegmentForm(forms.Form):
    min_minutes = forms.FloatField(label="Shortest lesson (minutes)", min_value=0)
    max_minutes = forms.FloatField(
        label="Longest lesson (minutes)", min_value=0.5, max_value=MAX_LESSON_MINUTES
    )


class CorrectionForm(forms.Form):
    first = forms.IntegerField(min_value=0)
    stop = forms.IntegerField(min_value=1)
    text = forms.CharField(strip=False, max_length=MAX_CORRECTION_CHARS, widget=forms.Textarea)

    def lines(self) -> list[str]:
        """The text a caption a line; blank lines at the end (a last Enter) do not count."""
        lines = str(self.cleaned_data["text"]).splitlines()
        while lines and not lines[-1].strip():
            lines.pop()
        return lines
