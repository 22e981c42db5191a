"""Custom actions that fail politely when the action server is down, slow or broken, and that
check the action server's answer without re-validating Rasa's schema every time.

Rasa 3.6 runs every custom action through `RemoteAction`. If the action server cannot be
reached (or answers 5xx, or takes up to Rasa's five-minute request timeout), the processor logs
the exception, drops the action's events and sends nothing: the person sees no reply at all.
Rasa offers no setting or hook for this, so `install()` makes Rasa build `ResilientRemoteAction`
instead, which answers with the domain's `utter_service_unavailable` and lets the turn finish
normally. The conversation (slots, history) is untouched, so the person carries on when the
action server is back.

An action the server *rejects* (HTTP 400, `ActionExecutionRejection`) still goes to Rasa's
own handling, which lets the policies choose another action.

A form may call the action server more than once in one step (its validation action, then an
action that asks for the next slot, where the domain has one). If one of those calls fails, or
the validation action rejects itself (as Pathfinder's does when the knowledge store is down,
after saying so and recording what the person said), the whole step fails once: the person gets
one reply and the form keeps its open question, rather than Rasa going on without the validation
action's choice of what to ask next; the slots the rejecting validation action set are kept.

Rasa checks every action server response with `jsonschema.validate`, which first validates
the large events schema itself against the JSON Schema meta-schema and builds a new validator:
measured, about 80 ms of a 130 ms Pathfinder turn (docs/benchmarks.md). The same schema is
checked once here and its validator reused; the answer is validated exactly as before, each
event against the sub-schemas for its own type only (`response_check`).

Rasa also opens a new HTTP session, and so a new TCP connection, for every action call
(`EndpointConfig.request`). Here every call to one action endpoint goes over one kept-alive
session (`KeptAliveEndpoint`); a call whose kept connection the action server had already
closed (it drops idle ones after 5 s) is sent once more on a new connection. That session
writes the call body with ujson (the encoder the action server's Sanic reads it with) rather
than the standard library's: the same JSON document, written in less than half the time.

What crosses to the action server leaves out what no action reads (`action_payload`).

Activated by `python -m bot.addons.rasa_run`, the Pathfinder launcher for `rasa run`.
Environment: PATHFINDER_ACTION_TIMEOUT (bot.contract), seconds to wait for one action (default 20).
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import os
from typing import Any

import aiohttp
import rasa.core.actions.action as rasa_actions
import rasa.core.actions.forms as rasa_forms
import ujson
from jsonschema.exceptions import best_match
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction, create_bot_utterance
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import (
    ActionExecutionRejected,
    ActiveLoop,
    BotUttered,
    Event,
    SlotSet,
)
from rasa.utils.endpoints import EndpointConfig

from bot.addons.action_payload import lean_call
from bot.addons.response_check import certainly_valid, response_validator
from bot.contract import ACTION_TIMEOUT_ENV

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 20.0
KEEP_ALIVE_SECONDS = 4.0  # below the action server's (Sanic's) 5 s, so it rarely closes first


def encode_body(body: Any) -> str:
    """A call body as JSON, written by ujson; `/` is left as it is, as json.dumps leaves it."""
    return ujson.dumps(body, escape_forward_slashes=False)

UNAVAILABLE_RESPONSE = "utter_service_unavailable"  # bot/domain/responses_service.yml


def action_timeout() -> float:
    """Seconds to wait for one action; a bad value falls back to the default, loudly."""
    raw = os.environ.get(ACTION_TIMEOUT_ENV, "")
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if value <= 0:
        logger.warning("%s=%r is not a positive number; using %s s", ACTION_TIMEOUT_ENV, raw,
                       DEFAULT_TIMEOUT)
        return DEFAULT_TIMEOUT
    return value


_IN_FORM: contextvars.ContextVar[bool] = contextvars.ContextVar("in_form", default=False)


async def unavailable(output_channel: Any, nlg: Any, tracker: Any) -> list[Event]:
    """The polite reply, in the domain's words for the person's channel."""
    message = await nlg.generate(UNAVAILABLE_RESPONSE, tracker, output_channel.name())
    if message is None:
        logger.error("The domain has no response '%s': nothing was said.", UNAVAILABLE_RESPONSE)
        return []
    return [create_bot_utterance(message)]


class FormStepFailed(Exception):
    """A custom action that a form step depends on failed; the step as a whole fails, keeping
    only `kept` (what the validation action said and recorded); with nothing said in it, the
    person hears the polite reply."""

    def __init__(self, action: str, kept: list[Event] | None = None):
        super().__init__(action)
        self.kept = kept or []


class _Borrowed:
    """A kept session lent to one `async with`: leaving the block does not close it."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self._session

    async def __aexit__(self, *_: object) -> None:
        return None


class KeptAliveEndpoint(EndpointConfig):
    """An endpoint whose requests share one HTTP session (and its kept-alive connections)."""

    def __init__(self, endpoint: EndpointConfig) -> None:
        super().__init__(endpoint.url, endpoint.params, endpoint.headers, endpoint.basic_auth,
                         endpoint.token, endpoint.token_name, endpoint.cafile,
                         **endpoint.kwargs)
        self.type = endpoint.type
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def session(self) -> aiohttp.ClientSession:  # an async context manager, as Rasa uses it
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            auth = (aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
                    if self.basic_auth else None)
            self._session = aiohttp.ClientSession(
                headers=self.headers, auth=auth,
                timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=KEEP_ALIVE_SECONDS),
                json_serialize=encode_body,
            )
            self._loop = loop
        return _Borrowed(self._session)  # type: ignore[return-value]

    async def request(self, *args: Any, **kwargs: Any) -> Any:
        """Rasa's request; sent once more if the kept connection turns out to be closed."""
        try:
            return await super().request(*args, **kwargs)
        except aiohttp.ServerDisconnectedError:
            return await super().request(*args, **kwargs)


_kept: dict[int, tuple[EndpointConfig, KeptAliveEndpoint]] = {}


def kept_alive(endpoint: EndpointConfig | None) -> EndpointConfig | None:
    """The kept-alive twin of Rasa's action endpoint, one per endpoint for the process."""
    if endpoint is None or isinstance(endpoint, KeptAliveEndpoint):
        return endpoint
    known = _kept.get(id(endpoint))
    if known is None or known[0] is not endpoint:
        known = _kept[id(endpoint)] = (endpoint, KeptAliveEndpoint(endpoint))
    return known[1]


class ResilientRemoteAction(RemoteAction):
    """A remote action whose failure becomes a polite reply instead of silence."""

    def __init__(self, name: str, action_endpoint: EndpointConfig | None) -> None:
        super().__init__(name, kept_alive(action_endpoint))

    def _action_call_format(self, tracker: Any, domain: Any) -> dict[str, Any]:
        with_domain = (not self._is_selective_domain_enabled()
                       or domain.does_custom_action_explicitly_need_domain(self.name()))
        return lean_call(self.name(), tracker, domain, with_domain)  # as Rasa's, leaner

    def _validate_action_result(self, result: dict[str, Any]) -> bool:
        if certainly_valid(result):
            return True
        error = best_match(response_validator().iter_errors(result))
        if error is not None:
            error.message += (
                ". Failed to validate Action server response from API, make sure your response "
                f"from the Action endpoint is valid. For more information about the format "
                f"visit {DOCS_BASE_URL}/custom-actions"
            )
            raise error
        return True

    async def run(self, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> list[Event]:
        try:
            return await asyncio.wait_for(
                super().run(output_channel, nlg, tracker, domain), timeout=action_timeout()
            )
        except ActionExecutionRejection:
            raise
        except asyncio.TimeoutError as err:
            logger.warning("Custom action '%s' took longer than %s s; told the person to retry.",
                           self.name(), action_timeout())
            failure: Exception = err
        except Exception as err:  # noqa: BLE001 - any failure of the hop gets the same reply
            logger.warning("Custom action '%s' failed (%s); told the person to retry.",
                           self.name(), err)
            failure = err
        if _IN_FORM.get():
            raise FormStepFailed(self.name()) from failure
        return await unavailable(output_channel, nlg, tracker)


class ResilientFormAction(rasa_forms.FormAction):
    """A form whose step fails as a whole, once and politely, when a custom action it calls
    fails, or when its validation action rejects itself (how the action server says "I can't
    decide this now", having told the person why); slots and open question stay as they were."""

    async def validate_slots(self, slot_candidates: Any, tracker: Any, domain: Any,
                             output_channel: Any, nlg: Any) -> list[Event]:
        events = await super().validate_slots(slot_candidates, tracker, domain, output_channel,
                                              nlg)
        validation = f"validate_{self.name()}"
        if any(isinstance(e, ActionExecutionRejected) and e.action_name == validation
               for e in events):
            raise FormStepFailed(validation,
                                 [e for e in events if isinstance(e, (BotUttered, SlotSet))])
        return events

    async def run(self, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> list[Event]:
        token = _IN_FORM.set(True)
        try:
            return await super().run(output_channel, nlg, tracker, domain)
        except FormStepFailed as failed:
            reply = failed.kept
            if not any(isinstance(e, BotUttered) for e in reply):
                reply += await unavailable(output_channel, nlg, tracker)
            if tracker.active_loop_name == self.name():
                return reply
            return [ActiveLoop(self.name()), *reply]  # open, so the next turn retries
        finally:
            _IN_FORM.reset(token)


def install() -> None:
    """Make Rasa create `ResilientRemoteAction` for every custom action (including a form's
    validation action) and `ResilientFormAction` for every form from now on."""
    rasa_actions.RemoteAction = ResilientRemoteAction
    rasa_forms.RemoteAction = ResilientRemoteAction
    rasa_forms.FormAction = ResilientFormAction
