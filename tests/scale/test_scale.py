"""Scale-out on one machine: 2 Rasa servers + 2 action servers behind nginx, sharing
PostgreSQL (conversations, catalogue, profiles) and Redis (the lock store).

Run alone with `make test-scale` (scripts/test-scale.sh); `make test` runs it the same way.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.addons.endpoints import store_sections
from bot.addons.tracker_store import ForgettingSQLTrackerStore
from bot.channels.enabled import REST_CHANNEL
from knowledge.catalogue.loader import load
from knowledge.people import profiles as people
from knowledge.people.identity import rest_conversation
from knowledge.storage.db import make_engine
from tests.people.forget_walk import forget_and_check
from tests.scale.driver import (
    TURNS,
    Tally,
    conversation_problems,
    deliver,
    run_all,
)
from tests.scale.nginx import start_nginx
from tests.support.postgres import shared_postgres
from tests.support.redis import shared_redis
from tests.support.servers import (
    Server,
    free_port,
    start_action_server,
    start_rasa_server,
    write_endpoints,
)

CONVERSATIONS = 50
SAME_PERSON_MESSAGES = 20
KEY = "scale-person-key-of-at-least-32-characters"
# a server killed mid-turn leaves its lock ticket behind; the survivor waits this long for it
TICKET_LIFETIME = "30"

pytestmark = pytest.mark.server


@dataclass
class Cluster:
    a: Server
    b: Server
    balancer: str
    db: Engine
    actions: list[Server]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    root = tmp_path_factory.mktemp("scale")
    url = shared_postgres().create_database("scale")
    load(make_engine(url))  # catalogue + profile tables, as `make db` does
    ForgettingSQLTrackerStore(host=url).engine.dispose()  # events table, before 2 servers race
    env = {
        "KNOWLEDGE_DB_URL": url,
        "TRACKER_DB_URL": url,
        "LOCK_STORE_URL": shared_redis().fresh_url(),
        "PATHFINDER_PERSON_KEY": KEY,
        "TICKET_LOCK_LIFETIME": TICKET_LIFETIME,
    }
    # every port is chosen first, so nginx and all four servers can start at once
    action_ports, ports = [free_port(), free_port()], [free_port(), free_port()]
    with contextlib.ExitStack() as stack, ThreadPoolExecutor(4) as pool:
        nginx = start_nginx({"rasa": ports, "actions": action_ports})
        stack.callback(nginx.stop)
        endpoints = write_endpoints(
            root / "endpoints.yml", nginx.urls["actions"], store_sections(env)
        )
        credentials = root / "credentials.yml"
        credentials.write_text(f"{REST_CHANNEL}:\n")
        *actions, a, b = start_in_parallel(stack, pool, [
            *(lambda p=p: start_action_server(p, **env) for p in action_ports),
            *(lambda p=p: start_rasa_server(endpoints, credentials, port=p, **env)
              for p in ports),
        ])
        engine = make_engine(url)
        stack.callback(engine.dispose)
        yield Cluster(a, b, nginx.urls["rasa"], engine, actions)


def start_in_parallel(
    stack: contextlib.ExitStack, pool: ThreadPoolExecutor, starters: list[Callable[[], Server]]
) -> list[Server]:
    """Start servers side by side; each one that comes up is stopped when `stack` closes, even
    if this thread is interrupted while they start (the pool is shut down before the stack)."""

    def stop_later(future: Future) -> None:
        if future.exception() is None:
            stack.callback(future.result().stop)

    futures = [pool.submit(start) for start in starters]
    for future in futures:
        future.add_done_callback(stop_later)
    return [future.result() for future in futures]  # raises the first start-up failure


def test_one_person_on_both_servers_at_once_loses_nothing(cluster: Cluster) -> None:
    """20 simultaneous messages for one person, split over both servers: every turn is kept,
    whole, in sequence (the stock Redis lock store lost 3-7 of 21 here)."""
    sender = f"same-person-{os.urandom(4).hex()}"
    tally = Tally()
    targets = [cluster.a.url, cluster.b.url]
    started = time.monotonic()
    errors = run_all([
        (lambda n=n: deliver(cluster.db, [targets[n % 2]], sender, 0, "/greet", tally))
        for n in range(SAME_PERSON_MESSAGES)
    ], timeout=120)
    elapsed = time.monotonic() - started
    assert not errors
    assert tally.resent == tally.answered_elsewhere == 0
    expected = ["/greet"] * SAME_PERSON_MESSAGES
    assert conversation_problems(cluster.db, sender, expected) == []
    print(f"\n{SAME_PERSON_MESSAGES} simultaneous messages for one person: {elapsed:.1f} s")


def test_forget_me_on_postgresql_leaves_no_row(cluster: Cluster) -> None:
    sender = f"forget-{os.urandom(4).hex()}"
    pid = people.person_id(rest_conversation(sender), KEY.encode())
    forget_and_check(cluster.balancer, sender, pid, cluster.db, cluster.db)


def test_fifty_conversations_survive_losing_a_server(cluster: Cluster) -> None:
    """Turns alternate between server A, server B and nginx; A is killed (SIGKILL) halfway.
    Every conversation must end complete, in order, with no turn lost or doubled."""
    senders = [f"conv-{i}-{os.urandom(3).hex()}" for i in range(CONVERSATIONS)]
    routes = [cluster.a.url, cluster.b.url, cluster.balancer]
    tally = Tally()
    halfway = CONVERSATIONS * len(TURNS) // 2

    def converse(i: int) -> None:
        for turn, message in enumerate(TURNS):
            first = routes[(i + turn) % len(routes)]
            fallback = cluster.b.url if first == cluster.a.url else first
            deliver(cluster.db, [first, fallback, cluster.balancer], senders[i], turn,
                    message, tally)

    def kill_a_halfway() -> None:
        while tally.sent < halfway:
            time.sleep(0.01)
        os.killpg(cluster.a.process.pid, signal.SIGKILL)
        cluster.a.process.wait(timeout=10)

    started = time.monotonic()
    errors = run_all([*(lambda i=i: converse(i) for i in range(CONVERSATIONS)), kill_a_halfway],
                     timeout=180)
    elapsed = time.monotonic() - started
    assert not errors, errors[:3]
    assert cluster.a.process.poll() is not None  # A really died mid-run
    assert tally.resent + tally.answered_elsewhere > 0  # and the clients noticed
    problems = [p for s in senders for p in conversation_problems(cluster.db, s, TURNS)]
    assert problems == []
    assert requests.get(cluster.b.url, timeout=5).status_code == 200
    with cluster.db.connect() as conn:
        events, size = conn.execute(text(
            "SELECT count(*), avg(length(data)) FROM events WHERE sender_id LIKE 'rest:conv-%'"
        )).one()
    print(
        f"\n{CONVERSATIONS} conversations x {len(TURNS)} turns with a server killed: "
        f"{elapsed:.1f} s, {tally.resent} resent, {tally.answered_elsewhere} answered before "
        f"the kill; {events / (CONVERSATIONS * len(TURNS)):.1f} events per turn, "
        f"{size:.0f} bytes per event; RSS: Rasa {rss_mb(cluster.b):.0f} MB, "
        f"actions {rss_mb(cluster.actions[0]):.0f} MB"
    )


def rss_mb(server: Server) -> float:
    """Resident memory of a server process, from /proc (Linux)."""
    status = Path(f"/proc/{server.process.pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines()
                    if line.startswith("VmRSS:"))) / 1024
