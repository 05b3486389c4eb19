"""Benchmark: bytes a phone downloads for the results page with 20 offers.

    .venv/bin/python bench/page_weight.py

Serves the portal exactly as bench/throughput.py does (gunicorn, collectstatic with the
compressed manifest storage, DEBUG off, 127.0.0.1 on a port from 8300-8399, the Compact's
data topped up so the person sees 20 offers) and opens the results page in Debian's
Chromium at 360×740 through Playwright. Chromium's own network log (DevTools protocol,
Network.loadingFinished's encodedDataLength) gives every byte each response took on the
wire: headers plus the compressed body, for the HTML, CSS, JavaScript, fonts, images and
icon alike.

- First visit: an empty cache. Target ≤ 40 KB.
- Repeat visit: the same page opened again in the same browser; hashed static files are
  cached for a year, so only the page itself travels. Target ≤ 12 KB.
"""
# ruff: noqa: T201 (a command-line tool: it prints its results)

from __future__ import annotations

from playwright.sync_api import sync_playwright
from throughput import Site

from tests.chromium import CHROMIUM, CHROMIUM_ARGS  # throughput put the project on the path

FIRST_VISIT_BUDGET = 40 * 1024
REPEAT_VISIT_BUDGET = 12 * 1024


class NetworkLog:
    """Bytes on the wire per response, from Chromium's DevTools protocol."""

    def __init__(self, cdp):
        self.urls, self.kinds, self.cached, self.sizes = {}, {}, set(), {}
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))
        cdp.on("Network.loadingFinished", self._finished)
        cdp.send("Network.enable")

    def _response(self, event):
        response = event["response"]
        self.urls[event["requestId"]] = response["url"]
        self.kinds[event["requestId"]] = event.get("type", "")
        if response.get("fromDiskCache") or response.get("fromServiceWorker"):
            self.cached.add(event["requestId"])

    def _finished(self, event):
        self.sizes[event["requestId"]] = event["encodedDataLength"]

    def take(self) -> list[tuple[str, str, int, bool]]:
        """(kind, url, bytes on the wire, from cache) since the last take()."""
        rows = [
            (self.kinds.get(rid, ""), self.urls.get(rid, "?"), size, rid in self.cached)
            for rid, size in self.sizes.items()
            if rid in self.urls or size  # not the empty entries for in-page fetches
        ]
        self.urls, self.kinds, self.cached, self.sizes = {}, {}, set(), {}
        return rows


def report(title: str, rows, budget: int) -> int:
    total = sum(size for _kind, _url, size, cached in rows if not cached)
    print(f"\n{title}: {total:,} bytes ({total / 1024:.1f} KB; budget {budget / 1024:.0f} KB)")
    for kind, url, size, cached in sorted(rows, key=lambda r: -r[2]):
        where = "cache" if cached else f"{size:,} B"
        print(f"  {kind:<11} {where:>9}  {url.split('//', 1)[-1].split('/', 1)[-1][:80]}")
    return total


def main():
    site = Site(database_url=None, redis=False, workers=2)
    site.prepare()
    with site, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-GB")
        page = context.new_page()
        log = NetworkLog(context.new_cdp_session(page))
        url = site.url + site.results_path

        page.goto(url, wait_until="load")
        page.wait_for_timeout(500)  # the icon is fetched after load
        offers = page.locator(".app-offer-card").count()
        first = report(f"First visit, {offers} offers", log.take(), FIRST_VISIT_BUDGET)

        page.goto(site.url + "/")  # elsewhere, then back: a later visit in the same browser
        log.take()
        page.goto(url, wait_until="load")
        page.wait_for_timeout(500)
        repeat = report("Repeat visit", log.take(), REPEAT_VISIT_BUDGET)
        browser.close()

    ok = first <= FIRST_VISIT_BUDGET and repeat <= REPEAT_VISIT_BUDGET
    print(
        f"\nfirst visit {first / 1024:.1f} KB, repeat visit {repeat / 1024:.1f} KB: "
        f"{'within' if ok else 'OVER'} budget"
    )
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
