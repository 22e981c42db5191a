"""The screening policy: when to ask one more question, when to stop, and what to show then.

The bot's actions and the corpus evaluation both call `question_to_ask` and `settle`, so the
figures in docs/identification.md measure exactly the conversation staff have.
"""

from __future__ import annotations

from dataclasses import replace

from knowledge.engines.identify import HOLD
from knowledge.engines.views import ArchetypeProfile

MAX_QUESTIONS = 3  # screening questions in one assessment, at most


def question_to_ask(profile: ArchetypeProfile, asked: int) -> str | None:
    """The archetype whose screening question to ask next, or None to show the result now.

    Stop once the engine is confident, has nothing left worth asking, or the person has
    already answered the maximum number of questions.
    """
    if profile.confident or profile.next_question is None or asked >= MAX_QUESTIONS:
        return None
    return profile.next_question


def settle(profile: ArchetypeProfile) -> ArchetypeProfile:
    """The result to show once the questions stop.

    Nobody leaves unplaced: everyone in health and care is at least a User in waiting, so when
    nothing is held the result is Users, shown as a best guess rather than a confident answer.
    Someone who has said they don't use AI and won't soon is placed so only by the work they
    named ("healthcare assistant on a dementia ward"), which the result then says; with no job
    named either, they are asked to choose.
    """
    if profile.archetypes:
        return profile
    ruled_out = _ruled_out(profile, "users")
    if ruled_out and profile.staff_group is None:
        return profile
    settled = replace(profile, archetypes=("users",), confident=False, next_question=None)
    if not ruled_out:
        return settled
    # the "no" took Users' score to nothing; placed by the work, it holds as just enough
    ranked = sorted((replace(s, score=max(s.score, HOLD)) if s.key == "users" else s
                     for s in profile.ranked), key=lambda s: -s.score)
    return replace(settled, ranked=tuple(ranked), by_work=True)


def _ruled_out(profile: ArchetypeProfile, key: str) -> bool:
    return any(e.source == "answer" and e.quote == "no" for e in profile.score_of(key).evidence)
