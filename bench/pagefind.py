"""Pagefind beside our search, on one built site: what a query downloads, how long it takes, what it finds.

Pagefind is not a dependency of the project; this script is how the
comparison in the README was measured. Install it apart (``pip install
'pagefind[extended]'``, the extended build segments Chinese), build a site
(for 1,000 reports, ``python bench/run.py --sizes 1000`` keeps none, so build
one as its ``ours()`` does), then::

    python bench/pagefind.py SITE [--pagefind PYTHON_WITH_PAGEFIND]

The site is copied, Pagefind indexes the copy (time and peak memory
recorded), and each query runs in a fresh chromium profile against a
loopback server that counts the bytes it sends.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import _CountingHandler  # noqa: E402

QUERIES = ["六个百分百", "百分百", "两闲一空", "闲一空", "营商环境"]
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><script type="module">
const pagefind = await import("/pagefind/pagefind.js");
window.run = async query => {
  const start = performance.now();
  const found = await pagefind.search(query);
  const shown = await Promise.all(found.results.slice(0, 10).map(result => result.data()));
  return {results: found.results.length, seconds: (performance.now() - start) / 1000,
          first: shown.map(data => data.url).slice(0, 3)};
};
window.ready = true;
</script></body></html>
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--pagefind", default=sys.executable, help="a Python with pagefind[extended] installed")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        shutil.copytree(args.site, site, ignore=shutil.ignore_patterns("search"))
        wrapper = ("import resource, subprocess, sys, time; t = time.perf_counter(); r = subprocess.run(sys.argv[1:], "
                   "capture_output=True); print(time.perf_counter() - t, "
                   "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")
        out = subprocess.run([sys.executable, "-c", wrapper, args.pagefind, "-m", "pagefind", "--site", str(site)],
                             capture_output=True, text=True, check=True).stdout.split()
        index = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
        figures = {"index_seconds": float(out[0]), "peak_memory_kib": int(out[1]), "index_bytes": index, "queries": {}}
        (site / "pagefind-measure.html").write_text(PAGE, encoding="utf-8")
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_CountingHandler, directory=str(site)))
        server.served = []  # type: ignore[attr-defined]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        address = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            for query in QUERIES:
                context = browser.new_context()
                page = context.new_page()
                page.goto(address + "pagefind-measure.html")
                page.wait_for_function("window.ready === true")
                server.served.clear()  # type: ignore[attr-defined]
                start = time.perf_counter()
                found = page.evaluate("query => run(query)", query)
                found["wall_seconds"] = round(time.perf_counter() - start, 3)
                found["bytes"] = sum(size for _, size in server.served)  # type: ignore[attr-defined]
                figures["queries"][query] = found
                context.close()
            browser.close()
        server.shutdown()
    print(json.dumps(figures, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
