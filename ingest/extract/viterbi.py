"""jieba's POS Viterbi (``jieba.posseg.viterbi``) computed with numpy: the same result.

jieba tags an unknown-word run with a Viterbi pass over its 256 (position, tag) states in
pure Python, which is the costliest step of name-boundary search. This version keeps
jieba's algorithm step for step: the same candidate states per character, the same
floating-point sums in the same order ((V + trans) + emit), and the same tie-breaking
(Python's ``max`` over ``(prob, state)`` tuples picks the greatest state among equal
probabilities), so its route is identical.

jieba's HMM tables (``jieba.posseg``, about 50 MB) are imported on the first call, in the
processes that tag, not by every process that imports the pipeline.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

MIN_FLOAT = -3.14e100  # jieba's log-probability of an unseen emission
State = tuple[str, str]


@lru_cache(maxsize=1)
def _tables() -> tuple[list[State], dict[State, int], np.ndarray, np.ndarray, tuple[frozenset[int], ...]]:
    """States in ascending order, their indices, the transition matrix (-inf where jieba has
    none), a mask of states with any transition, and each state's possible successors."""
    from jieba.posseg import trans_P

    states = sorted(trans_P)
    index = {s: i for i, s in enumerate(states)}
    trans = np.full((len(states), len(states)), float("-inf"))
    for y0, row in trans_P.items():
        for y, p in row.items():
            trans[index[y0], index[y]] = p
    has_next = np.array([len(trans_P[s]) > 0 for s in states])
    successors = tuple(frozenset(index[y] for y in trans_P[s]) for s in states)
    return states, index, trans, has_next, successors


def viterbi(obs: str) -> tuple[float, list[State]]:
    """(log-probability, state per character) of ``obs``, exactly as jieba computes them.

    >>> from jieba.posseg.viterbi import viterbi as jieba_viterbi
    >>> from jieba.posseg import char_state_tab_P, start_P, trans_P, emit_P
    >>> viterbi("湖畔盛锐") == jieba_viterbi("湖畔盛锐", char_state_tab_P, start_P, trans_P, emit_P)
    True
    """
    from jieba.posseg import char_state_tab_P, emit_P, start_P

    states, index, trans, has_next, successors = _tables()
    all_states = range(len(states))
    first = char_state_tab_P.get(obs[0])
    current = sorted(index[y] for y in first) if first is not None else list(all_states)
    values = np.array([start_P[states[i]] + emit_P[states[i]].get(obs[0], MIN_FLOAT) for i in current])
    back: list[dict[int, int]] = [dict.fromkeys(current, -1)]
    for t in range(1, len(obs)):
        keep = has_next[current]
        prev = np.array(current)[keep]
        prev_values = values[keep]
        expect_next = set().union(*(successors[i] for i in prev.tolist()))
        allowed = char_state_tab_P.get(obs[t])
        candidates = {index[y] for y in allowed} & expect_next if allowed is not None else set(expect_next)
        if not candidates:
            candidates = expect_next or set(all_states)
        cols = sorted(candidates)
        char = obs[t]
        emit = np.array([emit_P[states[y]].get(char, MIN_FLOAT) for y in cols])
        scores = (prev_values[:, None] + trans[np.ix_(prev, cols)]) + emit[None, :]
        # greatest previous state among equal scores: last maximum in ascending state order
        last = len(prev) - 1 - np.argmax(scores[::-1], axis=0)
        values = scores[last, np.arange(len(cols))]
        back.append(dict(zip(cols, prev[last].tolist(), strict=True)))
        current = cols
    best = max(zip(values.tolist(), current, strict=True))
    prob, state = best
    route: list[State] = [states[0]] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = states[state]
        state = back[i][state]
    return prob, route
