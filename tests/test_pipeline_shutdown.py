"""A crawl interrupted before its pipelines were closed still exits: the batch pipelines' worker
threads (not daemons) stop with the reactor. Before, a SIGINT a few seconds into a crawl could
leave the process waiting for them for ever (seen as a scheduler that could not stop)."""

from __future__ import annotations

import subprocess
import sys

from tests.crawl_helpers import ROOT

SCRIPT = """
from twisted.internet import asyncioreactor
asyncioreactor.install()
from twisted.internet import reactor
from twisted.internet.defer import succeed
from crawler.pipelines.worker import BatchWorkerPipeline

class Opened(BatchWorkerPipeline):
    def _flush(self):
        return succeed(None)

pipeline = Opened("never-closed")
reactor.callWhenRunning(pipeline.open_spider)  # opened, then the crawl ends without close_spider
reactor.callLater(0.2, reactor.stop)
reactor.run()
print("reactor stopped", flush=True)
"""


def test_a_pipeline_never_closed_does_not_keep_the_process_alive() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "reactor stopped" in done.stdout
