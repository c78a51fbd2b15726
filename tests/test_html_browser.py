"""The network page in a real browser: Debian's headless Chromium, networking blocked,
driven through Playwright's Python package (which speaks the DevTools protocol).

Checked from inside the page: vis-network drew every node and edge, no request
left the page, a name made of HTML does not run on load or on hover, and the
legend filter, the click highlight and the search work.

Without Chromium (or Playwright) these tests are skipped, except on CI (``CI``
set), where they fail: `.ci/run` installs both.
"""
from __future__ import annotations

import os
import shutil

import networkx as nx
import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.exports.html import write_html

from test_network import build_store

pytestmark = pytest.mark.slow

ON_CI = bool(os.environ.get("CI"))
CHROMIUM = os.environ.get("NEWSGRAPH_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps",
        "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
        "--host-resolver-rules=MAP * ~NOTFOUND"]
EVIL = '<img src=x onerror="window.__pwned=1;alert(1)">'
EVIL_ALIAS = "<script>window.__pwned=2</script>"
EVIL_EVIDENCE = 'see <a href="javascript:window.__pwned=3">here</a> <svg onload="window.__pwned=4">'
EVIL_HEADING = '</title></script><script>window.__pwned=5</script><b onmouseover="window.__pwned=6">h</b>'
# Runs before the page's own scripts: records CSP violations, dialogs would be caught by Playwright.
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        if ON_CI:
            pytest.fail("chromium is not installed (CI must run the browser tests: see .ci/run)")
        pytest.skip("chromium is not installed (apt-get install chromium); the browser tests need it")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if ON_CI:
            pytest.fail("the playwright package is missing (pip install -e '.[test]')")
        pytest.skip("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


class Page:
    """One page opened from a file, with every request, dialog and error it caused."""

    def __init__(self, browser, path):
        self.context = browser.new_context(viewport={"width": 1200, "height": 800}, service_workers="block")
        self.page = self.context.new_page()
        self.url = path.resolve().as_uri()
        self.requests, self.dialogs, self.errors = [], [], []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.add_init_script(WATCH)
        self.page.goto(self.url)
        self.page.wait_for_function("() => window.newsgraph && window.newsgraph.ready === true",
                                    timeout=60_000)

    def js(self, expression, arg=None):
        return self.page.evaluate(expression, arg)

    def node_point(self, node_id):
        """Where node ``node_id`` is on screen (page coordinates)."""
        return self.js("""id => {
            const net = window.newsgraph.network;
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            const r = document.getElementById('mynetwork').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""", node_id)

    def offline_and_clean(self):
        """Nothing but the page itself was requested; nothing ran that should not have."""
        assert [u for u in self.requests if u != self.url and not u.startswith("data:")] == []
        assert self.js("window.__pwned") is None
        assert self.dialogs == [] and self.errors == []
        assert self.js("window.__violations") == []
        assert self.js("document.querySelectorAll('img, iframe, object, embed, a, link[href]').length") == 0

    def close(self):
        self.context.close()


def _graph(n_people=24, n_orgs=8):
    g = nx.Graph(kind="cooccurrence")
    for i in range(n_people):
        g.add_node(f"p{i}", label=f"Person {i}", type="Person", category="Person", aliases=f"P{i}",
                   articles=1 + i % 3, evidence=f"Sentence about person {i}.")
    for j in range(n_orgs):
        g.add_node(f"o{j}", label=f"Organization {j}", type="Organization", category="Organization",
                   aliases="", articles=1, evidence="")
    for i in range(n_people):
        g.add_edge(f"p{i}", f"p{(i + 1) % n_people}", weight=1 + i % 4, evidence="together", kind="cooccurrence")
        g.add_edge(f"p{i}", f"o{i % n_orgs}", weight=1, evidence="member", kind="cooccurrence")
    for node, degree in g.degree():
        g.nodes[node]["degree"] = degree
    return g


def test_html_browser_draws_every_node_and_edge_offline(browser, tmp_path):
    g = _graph()
    write_html(g, tmp_path / "g.html")
    page = Page(browser, tmp_path / "g.html")
    try:
        assert page.js("window.newsgraph.drawn()") == {"nodes": 32, "edges": 48}
        assert page.js("document.getElementById('status').textContent") == "32 nodes, 48 edges"
        assert page.js("window.newsgraph.network.physics.physicsEnabled") is False  # still after layout
        assert page.js("document.querySelector('#mynetwork canvas').width") > 0
        page.offline_and_clean()
    finally:
        page.close()


def test_html_browser_empty_graph_settles(browser, tmp_path):
    write_html(nx.Graph(kind="affiliation"), tmp_path / "empty.html")
    page = Page(browser, tmp_path / "empty.html")
    try:
        assert page.js("window.newsgraph.drawn()") == {"nodes": 0, "edges": 0}
        page.offline_and_clean()
    finally:
        page.close()


def test_html_browser_html_in_names_never_runs_on_load_or_hover(browser, tmp_path):
    g = _graph(6, 2)
    g.add_node("evil", label=EVIL, type="Person", category="Person", aliases=EVIL_ALIAS, articles=1,
               evidence=EVIL_EVIDENCE, degree=1)
    g.add_edge("evil", "p0", weight=2, evidence=EVIL_EVIDENCE, kind="cooccurrence")
    write_html(g, tmp_path / "evil.html", heading=EVIL_HEADING)
    page = Page(browser, tmp_path / "evil.html")
    try:
        page.offline_and_clean()
        assert page.js("document.querySelector('h1').textContent") == EVIL_HEADING
        assert page.js("document.title") == EVIL_HEADING
        assert page.js("document.querySelectorAll('b').length") == 0
        assert page.js("document.querySelectorAll('script').length") == 3  # data, vis-network, ours
        x, y = page.node_point(8)  # the evil node came 9th: pyvis ids count from 0
        page.page.mouse.move(x - 40, y - 40)
        page.page.mouse.move(x, y, steps=5)
        page.page.wait_for_function(
            "() => document.querySelector('div.vis-tooltip') && "
            "getComputedStyle(document.querySelector('div.vis-tooltip')).visibility === 'visible'", timeout=10_000)
        tip = page.js("(() => { const t = document.querySelector('div.vis-tooltip');"
                      " return {text: t.innerText, tags: Array.from(t.querySelectorAll('*'), e => e.tagName)};"
                      " })()")
        assert set(tip["tags"]) <= {"BR"}  # text only (innerText makes line breaks <br>): nothing parsed
        assert tip["text"].startswith(EVIL + "\n")
        assert EVIL_ALIAS in tip["text"] and "javascript:window.__pwned=3" in tip["text"]
        page.page.mouse.click(x, y)  # and clicking it (highlight) changes nothing either
        page.page.wait_for_timeout(300)
        page.offline_and_clean()
    finally:
        page.close()


def test_html_browser_filter_highlight_and_search(browser, tmp_path):
    g = _graph()
    write_html(g, tmp_path / "g.html")
    page = Page(browser, tmp_path / "g.html")
    try:
        page.page.uncheck("input[data-type=Organization]")
        assert page.js("window.newsgraph.drawn()") == {"nodes": 24, "edges": 24}
        page.page.check("input[data-type=Organization]")
        assert page.js("window.newsgraph.drawn()") == {"nodes": 32, "edges": 48}

        x, y = page.node_point(24)  # "Organization 0": persons 0, 8 and 16 are its neighbours
        page.page.mouse.click(x, y)
        bright = page.js("window.newsgraph.nodes.get().filter(n => n.color !== 'rgba(190,196,202,0.45)')"
                         ".map(n => n.label).sort()")
        assert bright == ["Organization 0", "Person 0", "Person 16", "Person 8"]

        page.page.fill("#search", "p17")  # an alias, any case
        page.page.press("#search", "Enter")
        assert page.js("window.newsgraph.network.getSelectedNodes()") == [17]
        page.page.click("#reset")
        assert page.js("window.newsgraph.nodes.get().every(n => n.color !== 'rgba(190,196,202,0.45)')")
        page.offline_and_clean()
    finally:
        page.close()


def test_html_browser_viz_command_page(browser, store_path, tmp_path):
    build_store(store_path)
    out = tmp_path / "people.html"
    result = CliRunner().invoke(cli, ["--store", str(store_path), "viz", "--communities", "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = Page(browser, out)
    try:
        assert page.js("window.newsgraph.drawn()") == {"nodes": 5, "edges": 5}
        labels = page.js("window.newsgraph.nodes.get().map(n => n.label).sort()")
        assert labels == ["Brenmoor Court", "Green Lantern Party", "Mara Quell", "Ostravel Police", "Teodor Vasko"]
        page.offline_and_clean()
    finally:
        page.close()
