"""The loader: every kind of bad content is reported as `file: item: problem`, exit code 2,
and the database is left exactly as it was; loading twice gives the same database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from knowledge.catalogue import tables as m
from knowledge.catalogue.loader import load
from knowledge.catalogue.offline import memory_store
from knowledge.catalogue.snapshot import CatalogueSnapshot
from knowledge.catalogue.validate import DEFAULT_CONTENT_DIR, ContentError, read_catalogue
from knowledge.cli import main
from knowledge.engines.advisor import identify
from knowledge.storage.db import make_engine


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, target)
    return target


@pytest.fixture
def loaded_db(tmp_path: Path) -> tuple[str, Engine]:
    url = f"sqlite:///{tmp_path / 'knowledge.db'}"
    engine = make_engine(url)
    load(engine)
    return url, engine


def snapshot(engine: Engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {
            table.__tablename__: sorted(
                tuple(str(v) for v in row) for row in conn.execute(select(table.__table__))
            )
            for table in m.CATALOGUE_TABLES
        }


def edit(content: Path, name: str, change) -> None:  # noqa: ANN001
    path = content / name
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def offering(data: list[dict], key: str) -> dict:
    return next(o for o in data if o["key"] == key)


def first_key(content: Path, name: str) -> str:
    return yaml.safe_load((content / name).read_text())[0]["key"]


def test_shipped_content_is_valid() -> None:
    catalogue = read_catalogue()
    assert len(catalogue.archetypes) == 5
    assert len(catalogue.offerings) >= 20
    assert len(catalogue.glossary) >= 30


def test_loading_twice_gives_the_same_database(loaded_db: tuple[str, Engine]) -> None:
    _, engine = loaded_db
    before = snapshot(engine)
    load(engine)
    assert snapshot(engine) == before
    assert before["offerings"]


def test_cli_load_builds_the_database(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["load", "--db", url]) == 0
    assert "Loaded 5 archetypes" in capsys.readouterr().out
    with make_engine(url).connect() as conn:
        assert conn.execute(select(func.count()).select_from(m.OfferingRow)).scalar() >= 20


def test_cli_check_passes_on_shipped_content(capsys: pytest.CaptureFixture) -> None:
    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith("Content OK")


BROKEN = {
    "yaml syntax error": lambda c: (c / "tiers.yml").write_text("- key: [unclosed\n"),
    "missing field": lambda c: edit(
        c, "offerings.yml", lambda d: d[0].pop("provider")
    ),
    "unknown field": lambda c: edit(c, "offerings.yml", lambda d: d[0].update(providr="x")),
    "duplicate key": lambda c: edit(c, "offerings.yml", lambda d: d.append(dict(d[0]))),
    "unknown reference": lambda c: edit(
        c, "offerings.yml", lambda d: d[0].update(areas=["no_such_area"])
    ),
    "bad url": lambda c: edit(c, "offerings.yml", lambda d: d[0].update(url="not a url")),
    "bad level": lambda c: edit(c, "offerings.yml", lambda d: d[0].update(level=7)),
    "bad depth": lambda c: edit(
        c, "needs.yml", lambda d: d[0]["needs"][next(iter(d[0]["needs"]))].update(depth="deep")
    ),
    "bad date": lambda c: edit(c, "offerings.yml", lambda d: d[0].update(last_reviewed="soon")),
    "missing file": lambda c: (c / "glossary.yml").unlink(),
    "not utf-8": lambda c: (c / "tiers.yml").write_bytes(b"- key: \xff\xfe\n"),
    "unknown archetype in lexicon": lambda c: edit(
        c, "lexicon.yml", lambda d: d["roles"][0].update(weights={"wizards": 0.5})
    ),
    "link to a copy site": lambda c: edit(
        c, "offerings.yml", lambda d: d[0].update(url="https://medium.com/some-blog/a-course")
    ),
    "competitive free place": lambda c: edit(
        c, "offerings.yml", lambda d: d[0].update(cost="free", competitive=True)
    ),
    "unknown staff group": lambda c: edit(
        c, "archetypes.yml", lambda d: d[0]["personas"][1].update(staff_groups=["wizards"])
    ),
    "two general personas": lambda c: edit(
        c, "archetypes.yml", lambda d: d[0]["personas"][1].pop("staff_groups")
    ),
    "our persona marked verified": lambda c: edit(
        c, "archetypes.yml", lambda d: d[0]["personas"][0].update(verified=True)
    ),
    "unknown staff group in lexicon": lambda c: edit(
        c, "lexicon.yml", lambda d: d["roles"][0].update(group="wizardry")
    ),
    "job title without a staff group": lambda c: edit(
        c, "lexicon.yml", lambda d: d["roles"][0].pop("group")
    ),
    "source on a copy site": lambda c: edit(
        c, "glossary.yml", lambda d: d[0]["sources"].append("https://web.archive.org/web/x")
    ),
    "prior out of range": lambda c: edit(c, "archetypes.yml", lambda d: d[0].update(prior=2)),
    "two archetypes in one place": lambda c: edit(
        c, "archetypes.yml", lambda d: d[1].update(order=d[0]["order"])
    ),
    "question without its topic": lambda c: edit(
        c, "archetypes.yml", lambda d: d[0]["question"].pop("topic_no")
    ),
    "empty file": lambda c: (c / "needs.yml").write_text("# nothing yet\n"),
    "entry that is plain text": lambda c: edit(
        c, "offerings.yml", lambda d: d.insert(0, "an AI course")
    ),
    "duplicate phrase": lambda c: edit(
        c, "lexicon.yml", lambda d: d["roles"].append(dict(d["roles"][0], variants=[]))
    ),
    "unknown parent area": lambda c: edit(
        c, "capability_areas.yml",
        lambda d: next(a for a in d if a.get("parent")).update(parent="no_such_domain"),
    ),
}
EXPECTED = {
    "yaml syntax error": ("tiers.yml", "YAML syntax error"),
    "missing field": ("offerings.yml", "provider: required, but missing"),
    "unknown field": ("offerings.yml", "providr: unknown field; did you mean 'provider'?"),
    "duplicate key": ("offerings.yml", "duplicate offering key"),
    "unknown reference": (
        "offerings.yml", "areas[1]: names unknown capability area 'no_such_area'"
    ),
    "bad url": ("offerings.yml", "url: 'not a url' is not a web address"),
    "bad level": ("offerings.yml", "level: 7 is not a whole number from 1 to 4"),
    "bad depth": ("needs.yml", ".depth: 'deep' is not one of: core, recommended, awareness"),
    "bad date": ("offerings.yml", "last_reviewed: 'soon' is not a date"),
    "missing file": ("glossary.yml", "missing"),
    "not utf-8": ("tiers.yml", "not UTF-8"),
    "unknown archetype in lexicon": (
        "lexicon.yml", "weights: names unknown archetype 'wizards'"
    ),
    "link to a copy site": ("offerings.yml", "url: must be the provider's own page"),
    "competitive free place": ("offerings.yml", "'competitive' places are funded or paid"),
    "unknown staff group": ("archetypes.yml", "staff_groups[1]: 'wizards' is not one of"),
    "two general personas": ("archetypes.yml", "needs one general persona"),
    "our persona marked verified": ("archetypes.yml", "only a persona taken from the research"),
    "unknown staff group in lexicon": ("lexicon.yml", "group: 'wizardry' is not one of"),
    "job title without a staff group": ("lexicon.yml", "group: required, but missing"),
    "source on a copy site": ("glossary.yml", "sources[2]: must be the provider's own page"),
    "prior out of range": ("archetypes.yml", "prior: 2 is not a number above 0 and at most 1"),
    "two archetypes in one place": ("archetypes.yml", "order: shares 'order' 1 with another"),
    "question without its topic": ("archetypes.yml", "question.topic_no: required, but missing"),
    "empty file": ("needs.yml", "file: is empty"),
    "entry that is plain text": ("offerings.yml", "item 1: must be a mapping"),
    "duplicate phrase": ("lexicon.yml", "duplicate lexicon phrase"),
    "unknown parent area": ("capability_areas.yml", "parent: names unknown area 'no_such_domain'"),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_each_error_kind_is_reported_and_changes_nothing(
    kind: str,
    content: Path,
    loaded_db: tuple[str, Engine],
    capsys: pytest.CaptureFixture,
) -> None:
    url, engine = loaded_db
    before = snapshot(engine)
    BROKEN[kind](content)

    code = main(["load", "--db", url, "--content", str(content)])

    err = capsys.readouterr().err
    file, message = EXPECTED[kind]
    assert code == 2
    problem_lines = [line for line in err.splitlines() if line.startswith(f"{file}: ")]
    assert any(message in line for line in problem_lines), err
    assert all(line.count(": ") >= 2 for line in problem_lines)
    assert "nothing was loaded" in err
    assert snapshot(engine) == before


def test_problems_name_the_item(content: Path) -> None:
    key = first_key(content, "offerings.yml")
    edit(content, "offerings.yml", lambda d: d[0].update(level=0))
    with pytest.raises(ContentError) as raised:
        read_catalogue(content)
    assert any(str(p).startswith(f"offerings.yml: {key}: ") for p in raised.value.problems)


def test_three_mistakes_in_one_file_are_all_reported_where_they_are(content: Path) -> None:
    keys = [o["key"] for o in yaml.safe_load((content / "offerings.yml").read_text())[:3]]

    def three_mistakes(d: list[dict]) -> None:
        d[0].update(level="two")  # a type
        d[1]["areas"].append("quantum_ethics")  # a reference to nothing
        d[2].pop("summary")  # a missing field

    edit(content, "offerings.yml", three_mistakes)
    with pytest.raises(ContentError) as raised:
        read_catalogue(content)

    assert [str(p) for p in raised.value.problems] == [
        f"offerings.yml: {keys[0]}: level: 'two' is not a whole number from 1 to 4",
        f"offerings.yml: {keys[2]}: summary: required, but missing",
        f"offerings.yml: {keys[1]}: areas[{len(offering_areas(content, 1))}]: "
        "names unknown capability area 'quantum_ethics'",
    ]
    located = [(p.file, p.item, p.field) for p in raised.value.problems]
    assert located == [
        ("offerings.yml", keys[0], "level"),
        ("offerings.yml", keys[2], "summary"),
        ("offerings.yml", keys[1], f"areas[{len(offering_areas(content, 1))}]"),
    ]


def test_check_lists_all_three_mistakes_and_fails(
    content: Path, capsys: pytest.CaptureFixture
) -> None:
    edit(content, "offerings.yml", lambda d: (d[0].update(level="two"), d[1].pop("summary"),
                                              d[2].update(tier="masterclass")))
    assert main(["check", "--content", str(content)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len([line for line in err if line.startswith("offerings.yml: ")]) == 3
    assert "tier: names unknown tier 'masterclass'" in err[2]
    assert err[-1] == "3 problem(s); nothing was loaded."


def offering_areas(content: Path, index: int) -> list[str]:
    return yaml.safe_load((content / "offerings.yml").read_text())[index]["areas"]


def test_mistakes_in_nested_fields_name_the_path(content: Path) -> None:
    def two_mistakes(d: list[dict]) -> None:
        d[0]["personas"][1]["titel"] = d[0]["personas"][1].pop("title")
        d[0]["question"]["why"] = ["not", "text"]

    edit(content, "archetypes.yml", two_mistakes)
    with pytest.raises(ContentError) as raised:
        read_catalogue(content)
    shown = [str(p) for p in raised.value.problems]
    assert "archetypes.yml: shapers: personas[2].title: required, but missing" in shown
    assert ("archetypes.yml: shapers: personas[2].titel: unknown field; did you mean 'title'?"
            in shown)
    assert "archetypes.yml: shapers: question.why: must be text, not ['not', 'text']" in shown


def test_an_unreadable_file_is_not_blamed_on_the_files_that_refer_to_it(content: Path) -> None:
    (content / "tiers.yml").write_text("- key: [unclosed\n")
    with pytest.raises(ContentError) as raised:
        read_catalogue(content)
    assert [p.file for p in raised.value.problems] == ["tiers.yml"]


def test_every_problem_is_reported_not_just_the_first(content: Path) -> None:
    edit(content, "offerings.yml", lambda d: (d[0].update(level=9), d[1].update(url="ftp:/x")))
    with pytest.raises(ContentError) as raised:
        read_catalogue(content)
    assert len(raised.value.problems) >= 2


def test_archetype_numbers_and_topics_come_from_the_content(
    content: Path, store: CatalogueSnapshot
) -> None:
    assert identify(store, "I work in the NHS").next_question == "users"
    assert [a.key for a in store.archetypes()][0] == "shapers"

    def rewritten(d: list[dict]) -> None:
        for archetype in d:
            archetype["prior"] = 0.9 if archetype["key"] == "creators" else 0.05
            archetype["order"] = 6 - archetype["order"]
        creators = next(a for a in d if a["key"] == "creators")
        creators["question"]["topic_no"] = "never write code"

    edit(content, "archetypes.yml", rewritten)
    edited = memory_store(content).snapshot()
    assert identify(edited, "I work in the NHS").next_question == "creators"
    assert [a.key for a in edited.archetypes()] == [
        "users", "embedders", "creators", "drivers", "shapers"
    ]
    profile = identify(edited, "I work in the NHS", {"creators": "no"})
    assert "you told me you never write code" in [
        e.reason for e in profile.score_of("creators").evidence
    ]


def test_unknown_option_is_a_clear_usage_error(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["load", "--colour", "blue"])
    assert raised.value.code == 2
    assert "unrecognized arguments: --colour" in capsys.readouterr().err


def test_unreachable_database_is_reported(capsys: pytest.CaptureFixture) -> None:
    code = main(["load", "--db", "postgresql://nobody:secret@127.0.0.1:9/none"])
    err = capsys.readouterr().err
    assert code == 3
    assert "Cannot write to the knowledge database" in err
    assert "secret" not in err
