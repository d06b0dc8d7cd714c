"""Words related to an answer, for wrong choices of the same kind and the same topic: the
nearest whole words in a sentence-embedding model's vocabulary (the static model2vec model the
search app ships), filtered so that none is the answer in another form."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from bitewise.engines.drafting.lexicon import forms, is_known
from bitewise.engines.drafting.phrases import fold, is_content

Embed = Callable[[Sequence[str]], npt.ArrayLike]
MIN_SIMILARITY = 0.5  # below this a neighbour is rarely the same kind of thing
# above this a neighbour is often a synonym, a wrong choice that is secretly right ("easy" for
# "simple", "sanitation" for "hygiene", "cash" for "money" all measure 0.70-0.74)
MAX_SIMILARITY = 0.68
MIN_TOPIC_SIMILARITY = 0.3  # and below this, rarely on the segment's topic
_ADJECTIVE_ENDINGS = ("al", "ic", "ous", "ive", "ful", "less", "able", "ible", "ish", "ed", "ing")


class StaticModel(Protocol):
    """The parts of ``model2vec.StaticModel`` read here."""

    @property
    def tokens(self) -> Sequence[str]: ...
    @property
    def embedding(self) -> npt.ArrayLike: ...
    def encode(self, sentences: list[str], **kwargs: Any) -> npt.ArrayLike: ...


@dataclass(frozen=True)
class Related:
    """A vocabulary (lowercase whole words) with one unit-length vector per word, and the
    function that embeds an answer in the same space."""

    words: tuple[str, ...]
    vectors: npt.NDArray[np.float32] = field(repr=False)
    embed: Embed = field(repr=False)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_static_model(cls, model: StaticModel) -> Related:
        """From a ``model2vec.StaticModel``: its whole-word tokens of four letters or more."""
        tokens = list(model.tokens)
        matrix = np.asarray(model.embedding, dtype=np.float32)
        keep = [i for i, t in enumerate(tokens) if t.isalpha() and t.islower() and len(t) >= 4]
        vectors = matrix[keep]
        norms = np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        vectors = (vectors / norms).astype(np.float32)
        encode = model.encode
        return cls(tuple(tokens[i] for i in keep), vectors, lambda t: encode(list(t)))

    def similar(self, answer: str, count: int, *, context: str = "") -> list[tuple[str, float]]:
        """Up to ``count`` content words nearest to ``answer`` (similarity from MIN_SIMILARITY
        to MAX_SIMILARITY: no synonym), none of them a form of the answer or of one of its
        words. With a ``context`` (the segment's text) only words on its topic count, best
        first by closeness to both."""
        vector = self._unit(answer)
        if vector is None or not self.words:
            return []
        scores = self.vectors @ vector
        topic = self._topic(context) if context else None
        own = {fold(w)[:4] for w in answer.lower().split()}
        found: list[tuple[str, float]] = []
        nearest = np.argpartition(-scores, min(count * 10, len(scores) - 1))[: count * 10]
        for index in sorted(nearest, key=lambda i: (-scores[i], i)):
            score = float(scores[index])
            if score < MIN_SIMILARITY:
                break
            if score > MAX_SIMILARITY:
                continue
            word = self.words[int(index)]
            if fold(word)[:4] in own or not is_content(word):
                continue
            on_topic = float(self.vectors[index] @ topic) if topic is not None else 0.0
            if topic is not None and on_topic < MIN_TOPIC_SIMILARITY:
                continue
            found.append((word, score + on_topic))
        found.sort(key=lambda pair: -pair[1])
        return found[:count]

    def knows(self, word: str) -> bool:
        """Whether ``word`` is in the vocabulary (whole words the model knows are common)."""
        if "known" not in self._cache:
            self._cache["known"] = frozenset(self.words)
        return word.lower() in self._cache["known"]

    def _topic(self, context: str) -> npt.NDArray[np.float32] | None:
        """The context's vector, embedded once for all the answers asked about it."""
        if self._cache.get("context") != context:
            self._cache["context"], self._cache["vector"] = context, self._unit(context)
        vector: npt.NDArray[np.float32] | None = self._cache["vector"]
        return vector

    def _unit(self, text: str) -> npt.NDArray[np.float32] | None:
        vector = np.asarray(self.embed([text]), dtype=np.float32)[0]
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm > 0 else None


def same_kind(candidate: str, answer: str) -> bool:
    """Whether ``candidate`` is the same kind of word as ``answer`` (their last words, the head
    of a noun phrase): the same part of speech in the same form by the lexicon, and as nouns
    neither an adjective-looking word ("atmospheric", "blowing") where the other is not; for a
    word the lexicon does not know (a name, a term of art), both plural or both not and
    neither adjective-looking where the other is not."""
    last, other = answer.lower().split()[-1], candidate.lower().split()[-1]
    looks_alike = last.endswith(_ADJECTIVE_ENDINGS) == other.endswith(_ADJECTIVE_ENDINGS)
    if is_known(last) and is_known(other):
        shared = forms(last) & forms(other)
        # the lexicon lists rare nouns too ("atmospherics"): as nouns, spelling must agree
        return any(kind == "ADJ" for kind, _ in shared) or (bool(shared) and looks_alike)
    return looks_alike and (fold(last) != last) == (fold(other) != other)
