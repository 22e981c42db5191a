"""The action server: Rasa SDK's, on loopback by default, answering only the Rasa server.

    python -m actions.server [--port 5055]

Anyone who can post to the stock action server can send it a made-up tracker (any sender id,
any slots) and have it read or delete that person's profile. So here:

* it listens on ACTIONS_HOST, 127.0.0.1 unless set (for example to 0.0.0.0 in a container
  network, behind the shared secret);
* every request except `GET /health` must carry `Authorization: Bearer <secret>`, the secret
  being PATHFINDER_ACTIONS_SECRET (at least 32 characters); others get 401 and run nothing.

Rasa sends the header from endpoints.yml (`action_endpoint.headers`, which Rasa 3.6's
EndpointConfig adds to every request); `python -m bot.addons.endpoints` writes it.
"""

from __future__ import annotations

import argparse
import logging
import os
from collections.abc import Sequence

from rasa_sdk import utils
from rasa_sdk.constants import DEFAULT_SERVER_PORT
from rasa_sdk.endpoint import create_app
from rasa_sdk.plugin import plugin_manager
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from actions.common.secret import authorised, secret_from_env
from bot.contract import ACTIONS_HOST_ENV, ACTIONS_PORT_ENV

logger = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
OPEN_PATHS = ("/health",)


def guarded_app(secret: bytes, actions: str = "actions") -> Sanic:
    """Rasa SDK's app with the secret required on every call but the health check."""
    app = create_app(actions, cors_origins=None)

    @app.middleware("request")
    async def require_secret(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS or authorised(request.headers.get("authorization"),
                                                    secret):
            return None
        logger.warning("Action server call to %s refused: no valid secret.", request.path)
        return response.json(
            {"error": "unauthorised", "message": "This server answers only its Rasa server."},
            status=401,
        )

    return app


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int,
                        default=int(os.environ.get(ACTIONS_PORT_ENV) or DEFAULT_SERVER_PORT))
    parser.add_argument("--actions", default="actions")
    parser.add_argument("--loglevel", default=logging.INFO)
    args = parser.parse_args(argv)
    try:
        secret = secret_from_env()
    except ValueError as err:  # also a key that is too short
        print(f"error: {err}", flush=True)
        return 2
    utils.configure_colored_logging(args.loglevel)
    utils.update_sanic_log_level()
    app = guarded_app(secret, args.actions)
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    host = os.environ.get(ACTIONS_HOST_ENV) or DEFAULT_HOST
    logger.info("Action server on http://%s:%d (secret required).", host, args.port)
    app.run(host, args.port, workers=utils.number_of_sanic_workers())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
