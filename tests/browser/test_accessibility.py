"""axe-core (the npm package, injected into Debian chromium) on every page type of the sample at a phone's and a
desktop's size: no serious or critical violation. Which rules ran is part of the result: a rule axe skipped (or a
future axe that drops one) shows in the failure message and in the test's report properties."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.helpers import REPO

from .conftest import TIMEOUT_MS, WECHAT_IPHONE_UA
from .page_types import existing

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
# Rules the site once failed: each must be among those axe ran, so a passing run means they were checked.
MUST_RUN = {
    "aria-dialog-name",
    "color-contrast",
    "link-in-text-block",
    "scrollable-region-focusable",
    "landmark-one-main",
    "region",
    "heading-order",
}
VIEWPORTS = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "user_agent": WECHAT_IPHONE_UA,
    },
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
VIEWPORTS["phone, 大字"] = VIEWPORTS["phone"]
# 大字模式 as a reader who switched it on earlier: remembered on the phone (overrides/assets/javascripts/large-text.js).
LARGE_TEXT_JS = "localStorage.setItem('lx.largeText', '1')"
# Default rule set: WCAG 2.0/2.1/2.2 A and AA and axe's best practices. Every outcome kind is listed so that the
# rules that passed or did not apply are named too.
RUN_AXE_JS = """async () => {
  const r = await axe.run(document, { resultTypes: ["violations"] });
  const ran = [...r.violations, ...r.passes, ...r.incomplete, ...r.inapplicable].map(rule => rule.id);
  const violations = r.violations.map(v => ({ id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " — " + n.failureSummary.split("\\n")[1]) }));
  return { ran: [...new Set(ran)].sort(), violations };
}"""


def axe_results(browser: Browser, base_url: str, site: Path, device: str) -> dict[str, dict]:
    """{page type: axe's result} for every page type, in one browser context at the device's size."""
    context = browser.new_context(locale="zh-CN", **VIEWPORTS[device])
    context.set_default_timeout(TIMEOUT_MS)
    if "大字" in device:
        context.add_init_script(LARGE_TEXT_JS)
    page = context.new_page()
    results = {}
    try:
        for name, path in existing(site).items():
            page.goto(base_url + path, wait_until="load")
            page.wait_for_timeout(250)  # Material mounts its components (search, tabs, code blocks) after load
            page.add_script_tag(path=str(AXE))
            results[name] = page.evaluate(RUN_AXE_JS)
    finally:
        context.close()
    return results


def assert_no_violation(browser: Browser, base_url: str, built_site: Path, device: str, record_property) -> None:
    results = axe_results(browser, base_url, built_site, device)
    ran = sorted(set().union(*(r["ran"] for r in results.values())))
    record_property("axe_rules_run", " ".join(ran))
    assert set(ran) >= MUST_RUN, f"axe did not run {sorted(MUST_RUN - set(ran))}; it ran {len(ran)} rules: {ran}"
    blocking = {name: [v for v in r["violations"] if v["impact"] in BLOCKING] for name, r in results.items()}
    blocking = {name: found for name, found in blocking.items() if found}
    assert not blocking, f"{device}: serious or critical violations (of {len(ran)} rules run: {ran}):\n{blocking}"
    # Moderate and minor ones are not allowed to creep in either: the site has none today.
    others = {name: [v["id"] for v in r["violations"]] for name, r in results.items() if r["violations"]}
    assert not others, f"{device}: other violations: {others}"


# One class per device, so that pytest-xdist (--dist loadscope) may run them on different workers.
class TestPhone:
    def test_no_serious_or_critical_violation_on_any_page_type(self, browser, base_url, built_site, record_property):
        assert_no_violation(browser, base_url, built_site, "phone", record_property)


class TestDesktop:
    def test_no_serious_or_critical_violation_on_any_page_type(self, browser, base_url, built_site, record_property):
        assert_no_violation(browser, base_url, built_site, "desktop", record_property)


class TestPhoneLargeText:
    def test_no_serious_or_critical_violation_on_any_page_type(self, browser, base_url, built_site, record_property):
        assert_no_violation(browser, base_url, built_site, "phone, 大字", record_property)
