"""Check the stores named in endpoints.yml before Rasa starts, and say which setting is wrong.

Rasa 3.6 handles a bad conversation-store URL badly. With PostgreSQL unreachable it logs
"Could not create tables: ... Connection refused" (naming neither the setting nor the variable),
starts anyway, and then keeps every conversation in memory only, logging an error per turn: a
restart loses them and other server instances never see them. An unusable URL (such as the
`postgres://` scheme) ends in a traceback; an unreachable Redis lock store is only noticed
when the first message fails. This check connects to each store once, with a short timeout,
and names the setting and the environment variable it came from.

    python -m bot.addons.preflight ENDPOINTS.yml     # exit 0 when fine, 2 with a report
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import redis
import yaml
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from bot.addons.endpoints import LOCK_STORE, TRACKER_STORE
from bot.contract import DEFAULT_TRACKER_DB, LOCK_URL_ENV, TRACKER_DB_URL_ENV
from knowledge.storage.db import safe_url

TIMEOUT_SECONDS = 5
_VARIABLE = re.compile(r"\$\{([^}]+)\}")


@dataclass(frozen=True)
class Problem:
    setting: str
    value: str
    error: str
    hint: str

    def __str__(self) -> str:
        return (
            f"  setting: {self.setting}\n  value:   {self.value}\n  error:   {self.error}\n"
            f"  fix:     {self.hint}"
        )


def _first_line(err: BaseException) -> str:
    cause = err.orig if isinstance(err, DBAPIError) and err.orig is not None else err
    lines = str(cause).strip().splitlines()
    return f"{lines[0] if lines else ''} ({type(cause).__name__})"


def check_sql(url: str, setting: str, hint: str) -> Problem | None:
    """Connect once to the SQL database at `url`; a Problem if that fails."""
    try:
        parsed = make_url(url)
        connect_args = (
            {"connect_timeout": TIMEOUT_SECONDS} if parsed.get_backend_name() == "postgresql"
            else {}
        )
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, future=True, connect_args=connect_args)
    except (ArgumentError, NoSuchModuleError, ValueError) as err:
        return Problem(setting, safe_url(url), f"not a usable database URL: {err}", hint)
    except OSError as err:
        return Problem(setting, safe_url(url), f"cannot create the database folder: {err}",
                       hint)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as err:
        return Problem(setting, safe_url(url), _first_line(err), hint)
    finally:
        engine.dispose()
    return None


def check_redis(url: str, setting: str, hint: str) -> Problem | None:
    """PING the Redis server at `url`; a Problem if that fails."""
    try:
        client = redis.Redis.from_url(
            url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS
        )
    except ValueError as err:
        return Problem(setting, safe_url(url), f"not a usable Redis URL: {err}", hint)
    try:
        client.ping()
    except redis.RedisError as err:
        return Problem(setting, safe_url(url), _first_line(err), hint)
    finally:
        client.close()
    return None


def _describe(path: Path, key: str, raw: Any) -> str:
    named = _VARIABLE.findall(raw) if isinstance(raw, str) else []
    source = f" (set from {', '.join(named)})" if named else ""
    return f"{key} in {path}{source}"


def _expand(raw: Any, env: Mapping[str, str]) -> str | None:
    """The value with ${NAME} replaced as Rasa does; None if a variable is unset."""
    if raw is None:
        return None
    missing = [n for n in _VARIABLE.findall(str(raw)) if not env.get(n)]
    if missing:
        return None
    return _VARIABLE.sub(lambda m: env[m.group(1)], str(raw))


def check_endpoints(path: Path, env: Mapping[str, str] | None = None) -> list[Problem]:
    """Every problem with the tracker store and lock store that `path` configures."""
    env = os.environ if env is None else env
    if not path.is_file():
        return []
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        return [Problem(str(path), "(file)", f"not valid YAML: {err}", "fix the file")]
    if not isinstance(config, dict):
        return [Problem(str(path), "(file)", "expected a mapping of sections", "fix the file")]
    problems = [*_tracker_problems(path, config.get("tracker_store"), env),
                *_lock_problems(path, config.get("lock_store"), env)]
    return problems


def _unset(path: Path, key: str, raw: Any, env: Mapping[str, str]) -> Problem:
    names = [n for n in _VARIABLE.findall(str(raw)) if not env.get(n)]
    return Problem(_describe(path, key, raw), str(raw), f"{', '.join(names)} is not set",
                   f"set {', '.join(names)} in the environment")


def _tracker_problems(path: Path, section: Any, env: Mapping[str, str]) -> list[Problem]:
    if not isinstance(section, dict) or section.get("type") != TRACKER_STORE:
        return []
    raw = section.get("url")
    hint = f"fix {TRACKER_DB_URL_ENV} or start the conversation database, then try again"
    if raw is None:
        url = env.get(TRACKER_DB_URL_ENV) or f"sqlite:///{DEFAULT_TRACKER_DB}"
        setting = f"{TRACKER_DB_URL_ENV} (tracker_store in {path} has no url)"
    else:
        url = _expand(raw, env)
        if url is None:
            return [_unset(path, "tracker_store.url", raw, env)]
        setting = _describe(path, "tracker_store.url", raw)
    problem = check_sql(url, setting, hint)
    return [problem] if problem else []


def _lock_problems(path: Path, section: Any, env: Mapping[str, str]) -> list[Problem]:
    if not isinstance(section, dict) or section.get("type") != LOCK_STORE:
        return []
    raw = section.get("url")
    url = _expand(raw, env)
    if url is None:
        return [_unset(path, "lock_store.url", raw, env)]
    hint = f"fix {LOCK_URL_ENV} or start Redis, then try again"
    problem = check_redis(url, _describe(path, "lock_store.url", raw), hint)
    return [problem] if problem else []


def report(problems: Sequence[Problem]) -> str:
    lines = ["Pathfinder cannot start: a store in the endpoints file is unusable."]
    lines += [str(p) for p in problems]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m bot.addons.preflight ENDPOINTS.yml", file=sys.stderr)
        return 2
    problems = check_endpoints(Path(args[0]))
    if problems:
        print(report(problems), file=sys.stderr)
        return 2
    print(f"Stores in {args[0]} are reachable.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
