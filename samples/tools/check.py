#!/usr/bin/env python3
"""Checks the generated sample corpus: feeds well-formed, links resolve to files, encodings as declared,
pages balanced, ground truth present on the pages, chrome never inside the article text.

Run:  python3 samples/tools/check.py   (exit code 0 when everything holds)
"""

import datetime as dt
import email.utils
import json
import os
import re
import sys
import xml.dom.minidom
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urljoin

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import ARTICLES, body_text_paragraphs, page_path, sentences  # noqa: E402

SAMPLES = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
NS = {
    "rss1": "http://purl.org/rss/1.0/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "atom": "http://www.w3.org/2005/Atom",
}
failures = []


def fail(message):
    failures.append(message)


class PageText(HTMLParser):
    """Collects visible text and checks that every non-void element is closed in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.text = []
        self.skip = 0
        self.errors = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag in ("script", "style"):
            self.skip += 1

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}>, open: {self.stack[-3:]}")
            return
        self.stack.pop()
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)


def norm(text):
    return re.sub(r"\s+", " ", text).strip()


def parse_time(value):
    value = value.strip()
    if re.match(r"^[A-Z][a-z]{2}, ", value):
        return email.utils.parsedate_to_datetime(value)
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def feed_items(outlet_dir, feed_file):
    """Returns [(guid, link, published)] read from the feed the way a reader would."""
    path = os.path.join(outlet_dir, feed_file)
    raw = open(path, "rb").read()
    items = []
    if feed_file.endswith(".json"):
        feed = json.loads(raw.decode("utf-8"))
        if feed.get("version") != "https://jsonfeed.org/version/1.1":
            fail(f"{path}: not JSON Feed 1.1")
        for item in feed["items"]:
            items.append((item.get("id"), item.get("url"), parse_time(item["date_published"])))
        return items
    xml.dom.minidom.parseString(raw)  # raises on malformed XML
    root = ET.fromstring(raw)
    if root.tag == "rss":
        if root.get("version") != "2.0":
            fail(f"{path}: not RSS 2.0")
        for item in root.iter("item"):
            guid = item.find("guid")
            items.append((guid.text if guid is not None else None, item.findtext("link"), parse_time(item.findtext("pubDate"))))
    elif root.tag == f"{{{NS['atom']}}}feed":
        for entry in root.findall("atom:entry", NS):
            link = entry.find("atom:link[@rel='alternate']", NS)
            items.append((entry.findtext("atom:id", namespaces=NS), link.get("href"), parse_time(entry.findtext("atom:published", namespaces=NS))))
    elif root.tag == f"{{{NS['rdf']}}}RDF":
        for item in root.findall("rss1:item", NS):
            items.append((item.get(f"{{{NS['rdf']}}}about"), item.findtext("rss1:link", namespaces=NS), parse_time(item.findtext("dc:date", namespaces=NS))))
    else:
        fail(f"{path}: unknown feed root {root.tag}")
    return items


def main():
    sources = json.load(open(os.path.join(SAMPLES, "sources.json"), encoding="utf-8"))
    expected = json.load(open(os.path.join(SAMPLES, "expected.json"), encoding="utf-8"))
    default_now = parse_time(sources["defaultNow"])
    by_page = {p["page"]: p for p in expected["pages"]}
    pages_seen = set()
    missing_guids = 0
    formats = set()

    for source in sources["sources"]:
        feed_path = os.path.join(SAMPLES, source["url"])
        if not os.path.isfile(feed_path):
            fail(f"source {source['name']}: {source['url']} missing")
            continue
        outlet_dir = os.path.dirname(feed_path)
        items = feed_items(outlet_dir, os.path.basename(feed_path))
        formats.add(os.path.basename(feed_path))
        for guid, link, published in items:
            if guid is None:
                missing_guids += 1
            if link is None or re.match(r"^[a-z]+:", link):
                fail(f"{source['url']}: link {link!r} is not relative")
                continue
            # Resolve exactly as the app does: relative to the feed document's own URL.
            resolved = urljoin("http://127.0.0.1/" + source["url"], link)
            page = resolved.removeprefix("http://127.0.0.1/")
            if not os.path.isfile(os.path.join(SAMPLES, page)):
                fail(f"{source['url']}: link {link} -> {page} missing")
                continue
            pages_seen.add(page)
            truth = by_page.get(page)
            if truth is None:
                fail(f"{page}: not in expected.json")
                continue
            if parse_time(truth["published"]) != published:
                fail(f"{page}: feed date {published} != expected {truth['published']}")
            if published >= default_now:
                fail(f"{page}: published after defaultNow")
            if truth["guid"] != guid:
                fail(f"{page}: feed guid {guid} != expected {truth['guid']}")

    if pages_seen != set(by_page):
        fail(f"pages in expected.json but in no feed: {sorted(set(by_page) - pages_seen)}")
    if missing_guids != 1:
        fail(f"expected exactly one feed item without guid, found {missing_guids}")

    bodies = {f"outlets/{a['outlet']}/{page_path(a)}": a for a in ARTICLES}
    for page, truth in by_page.items():
        raw = open(os.path.join(SAMPLES, page), "rb").read()
        declared = re.search(rb'<meta charset="?([\w-]+)"?', raw, re.IGNORECASE).group(1).decode("ascii").lower()
        if declared != truth["encoding"]:
            fail(f"{page}: declares {declared}, expected {truth['encoding']}")
        html_text = raw.decode("cp1252" if declared == "windows-1252" else "utf-8", errors="strict")
        if declared == "windows-1252":
            try:
                raw.decode("utf-8")
                fail(f"{page}: windows-1252 page is also valid UTF-8 (no telling bytes)")
            except UnicodeDecodeError:
                pass
            if not re.search(rb"[\x80-\x9f]", raw):
                fail(f"{page}: no bytes in 0x80-0x9F, so Latin-1 and windows-1252 would read it alike")
        parser = PageText()
        parser.feed(html_text)
        parser.close()
        for error in parser.errors:
            fail(f"{page}: {error}")
        if parser.stack:
            fail(f"{page}: unclosed {parser.stack}")
        text = norm(" ".join(parser.text))
        for key in ("title", "firstSentence", "lastSentence"):
            if norm(truth[key]) not in text:
                fail(f"{page}: {key} not on page: {truth[key]!r}")
        article_text = norm(" ".join(p.removeprefix("## ") for p in body_text_paragraphs(bodies[page])))
        for chrome in truth["mustNotContain"]:
            if norm(chrome) not in text:
                fail(f"{page}: chrome {chrome!r} is not on the page, so it tests nothing")
            if norm(chrome) in article_text:
                fail(f"{page}: chrome {chrome!r} is inside the article text")
        if not 250 <= truth["wordCount"] <= 600:
            fail(f"{page}: {truth['wordCount']} words")
        if not html_text.lower().startswith("<!doctype html") or "<html lang=" not in html_text.lower():
            fail(f"{page}: missing doctype or html lang")

    for kind in ("repeats", "new"):
        for claim in expected["novelty"][kind]:
            page = claim["page"]
            if page not in bodies:
                fail(f"novelty {kind}: unknown page {page}")
                continue
            own = [s for p in body_text_paragraphs(bodies[page]) if not p.startswith("## ") for s in sentences(p)]
            if claim["sentence"] not in own:
                fail(f"novelty {kind}: {claim['sentence']!r} is not a sentence of {page}")
            for earlier in claim.get("reportedBy", []):
                if by_page[earlier]["story"] != by_page[page]["story"] or by_page[earlier]["published"] >= by_page[page]["published"]:
                    fail(f"novelty: {earlier} is not earlier coverage of the same story as {page}")

    stories = {p["story"] for p in expected["pages"]}
    if len(stories) != expected["storiesExpected"]:
        fail(f"storiesExpected {expected['storiesExpected']} but pages name {sorted(stories)}")
    outlets_a = {p["outlet"] for p in expected["pages"] if p["story"] == "A"}
    if len(outlets_a) != len(sources["sources"]):
        fail(f"story A is told by {len(outlets_a)} outlets, not all")

    for message in failures:
        print("FAIL", message)
    print(f"{len(by_page)} pages, {len(sources['sources'])} feeds, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
