"""Run the demo marketplace under uvicorn on one port."""

from __future__ import annotations

import asyncio

import uvicorn

from demo import settings
from demo.app import create_app
from demo.catalogue import generate_catalogue

STARTUP_POLL_SECONDS = 0.02
#: Stalled hostile requests must not hold up Ctrl+C for two minutes.
GRACEFUL_SHUTDOWN_SECONDS = 2


async def _serve_and_announce(server: uvicorn.Server, message: str) -> None:
    """Announce only once the socket is listening, so scripts can wait for the line."""
    task = asyncio.create_task(server.serve())
    while not server.started and not task.done():
        await asyncio.sleep(STARTUP_POLL_SECONDS)
    if server.started:
        print(message, flush=True)
    await task


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    size: int = 3000,
    seed: int = 7,
    suspect_share: float = settings.SUSPECT_SHARE,
) -> None:
    """Generate the catalogue and serve all demo sites until interrupted."""
    catalogue = generate_catalogue(seed=seed, size=size, suspect_share=suspect_share)
    config = uvicorn.Config(
        create_app(catalogue),
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
    )
    message = f"demo marketplace on http://{host}:{port}/ ({size} listings)"
    asyncio.run(_serve_and_announce(uvicorn.Server(config), message))
