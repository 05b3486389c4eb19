"""The journey in every language, in Debian's Chromium at 360 x 740: right-to-left languages
lay out right to left, nothing is clipped or sticks out, nothing scrolls sideways, axe finds
no WCAG 2.2 AA violation, and every script renders with a real font (no empty boxes)."""

import pytest
from django.conf import settings
from django.utils import timezone

from offers.models import Offer
from tests.browser.conftest import axe_violations, scrolls_sideways

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = [code for code, _name in settings.LANGUAGES]
RIGHT_TO_LEFT = set(settings.LANGUAGES_BIDI)
HACKNEY, ISLINGTON = "E09000012", "E09000019"
ANSWERS = f"lives_in={HACKNEY}&looked_after_by={ISLINGTON}&age=20"

# Elements that stick out of the page or are cut off, outside the regions that scroll
# sideways on purpose (the coverage tables). Visually hidden text is 1 px by design.
LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const hidden = '.govuk-visually-hidden, .govuk-skip-link, [hidden], title, desc';
  const scrolls = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll') return true;
    }
    return false;
  };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.className && el.className.baseVal === undefined && el.className
       ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
    + ' "' + (el.textContent || '').trim().slice(0, 30) + '"';
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest(hidden) || scrolls(el)) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.left < -1 || box.right > width + 1) {
      problems.push(`sticks out (${Math.round(box.left)}..${Math.round(box.right)}): ${name(el)}`);
    }
    if (['hidden', 'clip'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`cut off: ${name(el)}`);
    }
  }
  return problems;
}"""

# Which way the page runs, measured: where the heading's text, the back link and its
# chevron, and the radios sit. Each value is "start-right" or "start-left".
DIRECTION = """() => {
  const side = (inner, outer) =>
    Math.abs(outer.right - inner.right) < Math.abs(inner.left - outer.left)
      ? 'start-right' : 'start-left';
  const found = {};
  // The heading's last line of text (a full first line would not tell).
  const heading = document.querySelector('main h1');
  if (heading) {
    const rects = [];
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(text);
      rects.push(...[...range.getClientRects()].filter(r => r.width > 0));
    }
    const last = Math.max(...rects.map(r => r.top));
    const line = rects.filter(r => r.top > last - 2);
    const box = heading.getBoundingClientRect();
    const extent = {
      left: Math.min(...line.map(r => r.left)), right: Math.max(...line.map(r => r.right))};
    if (extent.right - extent.left < box.width - 20) found.heading = side(extent, box);
  }
  const main = document.querySelector('main').getBoundingClientRect();
  const back = document.querySelector('.govuk-back-link');
  if (back) {
    found.back_link = side(back.getBoundingClientRect(), main);
    const chevron = getComputedStyle(back, '::before');
    found.back_chevron =
      parseFloat(chevron.right) < parseFloat(chevron.left) ? 'start-right' : 'start-left';
  }
  const radio = document.querySelector('.govuk-radios__item');
  if (radio) {
    const input = radio.querySelector('input').getBoundingClientRect();
    const label = radio.querySelector('label').getBoundingClientRect();
    found.radios = input.left > label.left ? 'start-right' : 'start-left';
    const circle = getComputedStyle(radio.querySelector('label'), '::before');
    found.radio_circle =
      parseFloat(circle.right) < parseFloat(circle.left) ? 'start-right' : 'start-left';
  }
  const items = document.querySelectorAll('.govuk-language-navigation__list-item');
  found.languages = items[0].getBoundingClientRect().left > items[1].getBoundingClientRect().left
    ? 'start-right' : 'start-left';
  return found;
}"""


def journey(offer_id: str) -> dict[str, str]:
    """The care leaver's pages, by name: path after the language prefix."""
    return {
        "start": "",
        "where you live": "where-you-live/",
        "borough list": "where-you-live/borough/",
        "looked after by": f"who-looked-after-you/?lives_in={HACKNEY}",
        "age": f"how-old-are-you/?lives_in={HACKNEY}&looked_after_by={ISLINGTON}",
        "results": f"your-offers/?{ANSWERS}",
        "offer": f"offers/{offer_id}/?{ANSWERS}",
        "coverage": "coverage/",
    }


def prefix(code: str) -> str:
    return "/" if code == settings.LANGUAGE_CODE else f"/{code}/"


# axe takes seconds on the coverage page's tables: it runs there in one right-to-left
# language (tests/board/test_browser.py runs it in English and Arabic), and on the long
# borough list in English and Arabic; every other page in every language.
AXE_ONLY_IN = {"coverage": {"fa"}, "borough list": {"en", "ar"}}
# Errors: both directions, and each script.
ERRORS_IN = {"en", "ar", "fa", "ti"}


def test_the_journey_in_every_language(page, live_server, compact_data):
    offer = Offer.objects.public(timezone.localdate()).order_by("title").first()
    pages = journey(str(offer.pk))
    problems = []
    for code in LANGUAGES:
        expected = "start-right" if code in RIGHT_TO_LEFT else "start-left"
        for name, path in pages.items():
            where = f"{code} {name}"
            response = page.goto(live_server.url + prefix(code) + path)
            if response.status != 200:
                problems.append(f"{where}: status {response.status}")
                continue
            html = page.locator("html")
            if html.get_attribute("lang") != code:
                problems.append(f"{where}: lang={html.get_attribute('lang')}")
            if html.get_attribute("dir") != ("rtl" if code in RIGHT_TO_LEFT else "ltr"):
                problems.append(f"{where}: dir={html.get_attribute('dir')}")
            for part, side in page.evaluate(DIRECTION).items():
                if side != expected:
                    problems.append(f"{where}: {part} lays out {side}")
            problems += [f"{where}: {p}" for p in page.evaluate(LAYOUT_PROBLEMS)]
            if scrolls_sideways(page):
                problems.append(f"{where}: scrolls sideways")
            if code in AXE_ONLY_IN.get(name, {code}):
                problems += [f"{where}: axe {v}" for v in axe_violations(page)]
        if code in ERRORS_IN:
            problems += error_problems(page, live_server.url + prefix(code), code)
    assert problems == []


def error_problems(page, site: str, code: str) -> list[str]:
    """A question answered with nothing: the error summary and the field in error, with
    its red bar on the side the lines start."""
    page.goto(site + f"who-looked-after-you/?lives_in={HACKNEY}")
    page.locator("form button[type=submit]").click()
    where = f"{code} error"
    group = page.locator(".govuk-form-group--error")
    if not group.is_visible() or not page.locator(".govuk-error-summary").is_visible():
        return [f"{where}: no error shown"]
    bar = group.evaluate(
        """el => {
          const s = getComputedStyle(el);
          return parseFloat(s.borderRightWidth) > 0 ? 'start-right'
            : parseFloat(s.borderLeftWidth) > 0 ? 'start-left' : 'none';
        }"""
    )
    problems = []
    if bar != ("start-right" if code in RIGHT_TO_LEFT else "start-left"):
        problems.append(f"{where}: error bar {bar}")
    problems += [f"{where}: {p}" for p in page.evaluate(LAYOUT_PROBLEMS)]
    if scrolls_sideways(page):
        problems.append(f"{where}: scrolls sideways")
    problems += [f"{where}: axe {v}" for v in axe_violations(page)]
    return problems


# Text in each language's script, with the letters particular to it (Pashto's ښ ټ ډ ړ ږ ګ ڼ
# ۍ ې, Sorani's ڕ ڵ ۆ ێ ە, Persian's پ چ ژ گ, Ethiopic syllables, Vietnamese stacked marks).
SAMPLES = {
    "en": "Every offer a London care leaver can get",
    "ar": "كل عرض يمكن أن يحصل عليه من غادر الرعاية في لندن",
    "fa": "فارسی / دری: پول، چای، ژاله، گزارش، کمک",
    "ps": "پښتو: ټول، ډېر، ړوند، ږغ، ښار، ګټه، ڼ، ۍ، ې",
    "ti": "ትግርኛ: ኩሉ ሓገዝ ንዝወጹ መንእሰያት",
    "ckb": "کوردیی ناوەندی: ڕێگە، باڵ، خۆ، ێ، ە",
    "vi": "Tiếng Việt: mọi ưu đãi, học bổng, nhà ở, sức khỏe",
    "sq": "Shqip: çdo ofertë për të rinjtë që lënë kujdesin",
    "am": "አማርኛ: ሁሉም እርዳታ ለወጣቶች",
}
ARABIC_SCRIPT_FONTS = {"Noto Sans Arabic", "Noto Naskh Arabic"}
ETHIOPIC_FONTS = {"Noto Sans Ethiopic"}


def script_of(text: str) -> str:
    if any("\u0600" <= ch <= "\u06ff" for ch in text):
        return "arabic"
    if any("\u1200" <= ch <= "\u137f" for ch in text):
        return "ethiopic"
    return "latin"


def test_every_script_renders_with_a_real_font(page, live_server, db):
    """Chromium's own account (DevTools CSS.getPlatformFontsForNode) of the fonts it drew
    each language's text with: the script's letters come from a font made for the script,
    and no letter falls through to the first font of the stack (where it would be an empty
    box). No web font is downloaded: the portal's stack names fonts phones already have."""
    page.goto(live_server.url + "/")
    page.evaluate(
        """samples => {
          for (const [code, text] of Object.entries(samples)) {
            const p = document.createElement('p');
            p.className = 'govuk-body';
            p.id = 'sample-' + code;
            p.lang = code;
            p.textContent = text;
            document.querySelector('main').append(p);
          }
        }""",
        SAMPLES,
    )
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    problems = []
    for code, text in SAMPLES.items():
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": f"#sample-{code}"})
        fonts = {
            f["familyName"]: f["glyphCount"]
            for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
        }
        script = script_of(text)
        wanted = {"arabic": ARABIC_SCRIPT_FONTS, "ethiopic": ETHIOPIC_FONTS}.get(script)
        if wanted is None:
            # Latin with Vietnamese and Albanian marks: one font draws it all.
            if len(fonts) != 1:
                problems.append(f"{code}: {fonts}")
            continue
        letters = sum(1 for ch in text if script_of(ch) == script)
        others = len(text) - letters
        in_script_font = sum(n for family, n in fonts.items() if family in wanted)
        elsewhere = {family: n for family, n in fonts.items() if family not in wanted}
        # Spaces and punctuation may come from the first font; letters may not.
        if not in_script_font or sum(elsewhere.values()) > others:
            problems.append(f"{code}: {fonts} for {letters} letters and {others} others")
    assert problems == []
