#!/usr/bin/env python3
"""Renders the sample corpus (samples/outlets/**, samples/sources.json, samples/expected.json) from articles.py.

Run from anywhere:  python3 samples/tools/generate.py
The output is committed; this script only exists so that text, pages, feeds and ground truth stay consistent.
Each outlet gets its own page template on purpose: an extractor must not be able to rely on one layout.
"""

import datetime as dt
import html
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from articles import ARTICLES, WIRE_PARAGRAPHS, WIRE_VC_EXTRA  # noqa: E402

SAMPLES = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CET = dt.timezone(dt.timedelta(hours=1))
UTC = dt.timezone.utc

OUTLETS = {
    "harbour-gazette": {"name": "Harbour Gazette", "feed": "feed.xml", "format": "RSS 2.0", "encoding": "utf-8"},
    "vellmar-courier": {"name": "Vellmar Courier", "feed": "atom.xml", "format": "Atom 1.0", "encoding": "utf-8"},
    "ostrand-tribune": {"name": "Ostrand Tribune", "feed": "rss.xml", "format": "RSS 2.0", "encoding": "utf-8"},
    "eastmark-ledger": {"name": "The Eastmark Ledger", "feed": "feed.json", "format": "JSON Feed 1.1", "encoding": "utf-8"},
    "kalder-herald": {"name": "Kalder Valley Herald", "feed": "index.rdf", "format": "RSS 1.0 (RDF)", "encoding": "windows-1252"},
}

# Chrome sentences per outlet that appear on every page of that outlet and must never reach an extracted body.
HG_COOKIE = "We use cookies to improve your experience on Harbour Gazette and to show you relevant advertising."
HG_METER = "You have used 3 of your 5 free stories this month."
HG_NEWSLETTER = "Get the Morning Tide newsletter: the day’s Vellmar news in your inbox by 7am."
HG_CORRECTION = "Spotted an error? Write to our readers’ editor at corrections@harbour-gazette.example."
HG_COPYRIGHT = "© 2026 Harbour Gazette Media Ltd. All rights reserved."
VC_COMMENT_NOTES = "Your email address will not be published. Required fields are marked *"
VC_COPYRIGHT = "Copyright 2026 Vellmar Courier Publishing. All rights reserved."
OT_CONSENT = "We and our 143 partners store and access information on your device, such as cookies, to personalise content and ads and to measure audiences."
OT_METER = "You have read 2 of 4 free articles this month."
OT_NEWSLETTER = "Sign up for Tribune Briefing, our free weekday newsletter."
OT_COPYRIGHT = "© Ostrand Tribune 2026. Reproduction without permission is prohibited."
EL_APPEAL = "The Ledger has no paywall and no owner to answer to. If you value reporting like this, a contribution of any size keeps it that way."
EL_REGISTER = "Register for free to comment and save articles."
EL_COPYRIGHT = "The Eastmark Ledger is published by the Eastmark Ledger Trust, a registered charity."
KH_SUBSCRIBE = "Subscribe to the printed Herald from €19.90 a month and read every page on Friday morning."
KH_NOTICE = "Our offices in Brenholt are closed until further notice because of the flood. Call 0471 20 30 40."
KH_WEATHER = "Brenholt today: 6°C, rain, river warning in force."
KH_COPYRIGHT = "© Kalder Valley Herald Verlag 2026 – All rights reserved."


def esc(text):
    return html.escape(text, quote=False)


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("&", "and").replace("'", "")).strip("-")


def attr(text):
    return html.escape(text, quote=True)


def when(article, key="published"):
    return dt.datetime.fromisoformat(article[key])


def utc_iso(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def rfc822(moment):
    return moment.strftime("%a, %d %b %Y %H:%M:%S ") + moment.strftime("%z")


def long_date(moment):
    return f"{moment.strftime('%A')} {moment.day} {moment.strftime('%B %Y')}"


def body_paragraphs(article):
    body = article["body"]
    if body == "WIRE_OT":
        return list(WIRE_PARAGRAPHS)
    if body == "WIRE_VC":
        straight = [p.replace("“", '"').replace("”", '"').replace("’", "'") for p in WIRE_PARAGRAPHS]
        straight[0] = straight[0].replace("(Nordwire) –", "(Nordwire) -")
        straight[-1] = straight[-1] + " " + WIRE_VC_EXTRA
        return straight
    return list(body)


def render_paragraphs(paragraphs, indent, heading_tag="h2", p_open="<p>", inserts=None):
    inserts = inserts or {}
    lines = []
    count = 0
    for paragraph in paragraphs:
        if paragraph.startswith("## "):
            lines.append(f"{indent}<{heading_tag}>{esc(paragraph[3:])}</{heading_tag}>")
            continue
        lines.append(f"{indent}{p_open}{esc(paragraph)}</p>")
        count += 1
        if count in inserts:
            lines.append(inserts[count])
    return "\n".join(lines)


def nav_links(items, fmt):
    return "\n".join(fmt.format(href=href, text=esc(text)) for text, href in items)


# ---------------------------------------------------------------------------------------------- Harbour Gazette

HG_NAV = [("News", "/news/"), ("Port & Shipping", "/port/"), ("Business", "/business/"), ("Politics", "/politics/"),
          ("Skerry Islands", "/skerries/"), ("Sport", "/sport/"), ("Culture", "/culture/"), ("Books", "/books/"),
          ("Opinion", "/opinion/"), ("Weather", "/weather/"), ("Puzzles", "/puzzles/"), ("Obituaries", "/obituaries/"),
          ("Jobs", "/jobs/"), ("Property", "/property/"), ("Subscribe", "/subscribe/")]
HG_FOOTER = [("About us", "/about/"), ("Contact", "/contact/"), ("Advertise", "/advertise/"), ("Careers", "/careers/"),
             ("Readers’ editor", "/readers-editor/"), ("Privacy policy", "/privacy/"), ("Cookie settings", "/cookies/"),
             ("Terms of use", "/terms/"), ("Accessibility", "/accessibility/"), ("Archive", "/archive/"),
             ("E-paper", "/epaper/"), ("RSS feeds", "/rss/"), ("Sitemap", "/sitemap/")]


def hg_page(a):
    published = when(a)
    local = published.astimezone(CET)
    canonical = f"https://harbour-gazette.example/news/{local:%Y/%m/%d}/{a['slug']}"
    photo = ""
    if a.get("photo"):
        caption, credit = a["photo"]
        photo = f"""      <figure class="lead-image">
        <img src="https://img.harbour-gazette.example/{a['slug']}.jpg" alt="{attr(caption)}" width="1200" height="800">
        <figcaption>{esc(caption)} <span class="credit">{esc(credit)}</span></figcaption>
      </figure>"""
    newsletter = f"""        <aside class="newsletter-inline" aria-label="Newsletter">
          <h3>Morning Tide</h3>
          <p>{esc(HG_NEWSLETTER)}</p>
          <form action="/newsletters/morning-tide" method="post"><input type="email" name="email" placeholder="Your email address"> <button type="submit">Sign up</button></form>
        </aside>"""
    byline = f'<a rel="author" href="/authors/{a["author"].lower().replace(" ", "-")}">{esc(a["author"])}</a>'
    if a.get("coauthor"):
        byline += f' and <a rel="author" href="/authors/{a["coauthor"].lower().replace(" ", "-")}">{esc(a["coauthor"])}</a>'
    if a.get("live"):
        modified = when(a, "modified").astimezone(CET)
        entries = []
        for stamp, heading, paragraphs in reversed(a["entries"]):
            hh, mm = stamp.split(":")
            moment = local.replace(hour=int(hh), minute=int(mm))
            body = "\n".join(f"            <p>{esc(p)}</p>" for p in paragraphs)
            entries.append(f"""          <div class="live-entry" id="update-{hh}{mm}">
            <time class="live-entry__time" datetime="{moment.isoformat()}">{stamp}</time>
            <h2 class="live-entry__title">{esc(heading)}</h2>
{body}
            <a class="live-entry__share" href="#update-{hh}{mm}">Share this update</a>
          </div>""")
        intro = "\n".join(f"          <p>{esc(p)}</p>" for p in a["intro"])
        body_html = f"""{intro}
{chr(10).join(entries)}"""
        live_note = f"""
        <p class="live-order">Latest updates appear first. All times are CET. Last updated <time datetime="{modified.isoformat()}">{modified:%H:%M}</time>.</p>"""
        modified_meta = f'\n<meta property="article:modified_time" content="{modified.isoformat()}">'
    else:
        body_html = render_paragraphs(body_paragraphs(a), "        ", inserts={a.get("newsletter_after", 99): newsletter})
        modified_meta = ""
        live_note = ""
    related = "\n".join(f'          <li><a href="/news/related-{i}">{esc(t)}</a></li>' for i, t in enumerate(a["related"], 1))
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(a['title'])} | Harbour Gazette</title>
<meta name="description" content="{attr(a['summary'])}">
<link rel="canonical" href="{canonical}">
<meta property="og:type" content="article">
<meta property="og:title" content="{attr(a['title'])}">
<meta property="og:site_name" content="Harbour Gazette">
<meta property="og:url" content="{canonical}">
<meta property="article:published_time" content="{local.isoformat()}">{modified_meta}
<style>.skip-link{{position:absolute;left:-999px}}.skip-link:focus{{left:8px}}.cookie-banner{{position:fixed;bottom:0}}</style>
</head>
<body class="article-page">
  <a class="skip-link" href="#content">Skip to content</a>
  <div id="cookie-banner" class="cookie-banner" role="dialog" aria-label="Cookies">
    <p>{esc(HG_COOKIE)} By continuing to browse you agree to our use of cookies.</p>
    <button type="button">Accept all</button> <button type="button">Manage preferences</button>
  </div>
  <header class="site-header">
    <div class="masthead"><a href="/" class="logo">Harbour Gazette</a> <span class="tagline">Vellmar’s paper since 1874</span></div>
    <nav class="primary-nav" aria-label="Sections">
      <ul>
{nav_links(HG_NAV, '        <li><a href="{href}">{text}</a></li>')}
      </ul>
    </nav>
  </header>
  <div class="meter-banner" role="status">{esc(HG_METER)} <a href="/subscribe/">Subscribe from €4.99 a month</a> or <a href="/login/">log in</a>.</div>
  <main id="content">
    <article class="story">
      <header class="story-head">
        <p class="kicker">{esc(a['kicker'])}</p>
        <h1>{esc(a['title'])}</h1>
        <p class="byline">By {byline}, {esc(a['author_role'])} · <time datetime="{local.isoformat()}">{long_date(local)}, {local:%H:%M} CET</time></p>{live_note}
      </header>
      <div class="share-bar"><span>Share this story</span> <a href="#">Facebook</a> <a href="#">Email</a> <a href="#">Copy link</a></div>
{photo}
      <div class="article-body">
{body_html}
      </div>
      <p class="corrections">{esc(HG_CORRECTION)}</p>
    </article>
    <aside class="related">
      <h2>More from the Gazette</h2>
      <ul>
{related}
      </ul>
    </aside>
  </main>
  <footer class="site-footer">
    <ul>
{nav_links(HG_FOOTER, '      <li><a href="{href}">{text}</a></li>')}
    </ul>
    <p>{esc(HG_COPYRIGHT)}</p>
  </footer>
</body>
</html>
"""


def hg_chrome(a):
    items = [HG_COOKIE, HG_METER, "Share this story", HG_CORRECTION, HG_COPYRIGHT, "More from the Gazette", a["related"][0]]
    if not a.get("live"):
        items.insert(2, HG_NEWSLETTER)
    else:
        items.append("Share this update")
        items.append("Latest updates appear first.")
    if a.get("photo"):
        items.append(a["photo"][1])
    return items


# ---------------------------------------------------------------------------------------------- Vellmar Courier

VC_MENU = ["Local", "Harbour", "Business", "Politics", "Schools", "Sport", "What's on", "Food & drink", "Letters",
           "Announcements", "Deaths", "Classifieds", "Weather"]
VC_FOOTER = ["About the Courier", "Contact the newsroom", "Send us a tip", "Advertise with us", "Subscriptions",
             "Manage my account", "Privacy notice", "Cookie policy", "Terms and conditions", "Complaints",
             "Newsletters", "Archive"]


def vc_page(a):
    published = when(a).astimezone(CET)
    canonical = f"https://vellmar-courier.example/{published:%Y/%m/%d}/{a['slug'].split('-', 3)[3]}/"
    paragraphs = body_paragraphs(a)
    photo = ""
    if a.get("photo"):
        caption, credit = a["photo"]
        photo = f"""<div class="story-image">
<img src="https://media.vellmar-courier.example/{a['slug']}.jpg" alt="">
<div class="caption">{esc(caption)} ({esc(credit)})</div>
<div class="photo-credit">Photo: {esc(credit)}</div>
</div>"""
    if a["author"] == "Nordwire":
        byline = '<span class="byline">from <span class="byline__name">Nordwire</span></span>'
        bio = ""
    else:
        byline = f'<span class="byline">by <span class="byline__name">{esc(a["author"])}</span></span>'
        bio = f"""<div class="author-box">
<img class="author-box__photo" src="https://media.vellmar-courier.example/staff/mira-tallen.jpg" alt="">
<div class="author-box__text"><strong>Mira Tallen</strong>
<p>Mira Tallen has reported on Vellmar's waterfront for eleven years. She previously covered the 2019 storm closure of the port.</p>
<a href="/author/mira-tallen/">More by Mira Tallen</a></div>
</div>"""
    comments = "\n".join(f"""<div class="comment">
<div class="comment-author">{esc(who)}</div>
<div class="comment-date">{esc(stamp)}</div>
<div class="comment-text"><p>{esc(text)}</p></div>
<div class="reply"><a href="#respond">Reply</a></div>
</div>""" for who, stamp, text in a["comments"])
    menu = "\n".join(f'<div class="menu-item"><a href="/{slugify(m)}/">{esc(m)}</a></div>' for m in VC_MENU)
    footer = " | ".join(f'<a href="/{f.lower().replace(" ", "-")}/">{esc(f)}</a>' for f in VC_FOOTER)
    most_read = "\n".join(f'<li><a href="/most-read/{i}/">{esc(t)}</a></li>' for i, t in enumerate(a["most_read"], 1))
    tags = ", ".join(f'<a href="/tag/{t.lower().replace(" ", "-")}/">{esc(t)}</a>' for t in a["tags"])
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(a['title'])} - Vellmar Courier</title>
<meta name="author" content="{attr(a['author'])}">
<meta name="description" content="{attr(a['summary'])}">
<link rel="canonical" href="{canonical}">
<meta property="og:title" content="{attr(a['title'])}">
<meta property="og:site_name" content="Vellmar Courier">
<meta property="og:description" content="{attr(a['summary'])}">
</head>
<body class="single single-post">
<div id="page">
<div class="top-bar"><div class="top-bar__links"><a href="/login/">Log in</a> | <a href="/subscribe/">Subscribe</a> | <a href="/e-edition/">Today's paper</a></div></div>
<div class="header">
<div class="logo"><a href="/">The Vellmar Courier</a></div>
<div class="menu">
{menu}
</div>
</div>
<div class="wrap">
<div class="col-main">
<div class="story">
<div class="story-header">
<div class="section-label">{esc(a['section'])}</div>
<h1 class="story-title">{esc(a['title'])}</h1>
<div class="story-meta">{byline} <span class="dateline">{published.day} {published:%B %Y}, {published:%H:%M}</span></div>
</div>
<div class="share-buttons"><a href="#">Share</a> <a href="#">Post</a> <a href="#">WhatsApp</a> <a href="#">Email</a></div>
{photo}
<div class="story-body">
{body}
</div>
<div class="story-tags">Tags: {tags}</div>
{bio}
<div class="comments-inline">
<div class="comments-title">{len(a['comments'])} {'comment' if len(a['comments']) == 1 else 'comments'}</div>
{comments}
</div>
<div id="respond" class="comment-respond">
<h3 class="comment-reply-title">Leave a Reply</h3>
<form action="/wp-comments-post.php" method="post" class="comment-form">
<p class="comment-notes">{esc(VC_COMMENT_NOTES)}</p>
<p class="comment-form-comment"><label for="comment">Comment *</label> <textarea id="comment" name="comment" rows="6"></textarea></p>
<p class="comment-form-author"><label for="author">Name *</label> <input id="author" name="author" type="text"></p>
<p class="comment-form-email"><label for="email">Email *</label> <input id="email" name="email" type="email"></p>
<p class="form-submit"><input type="submit" value="Post Comment"></p>
</form>
</div>
</div>
</div>
<div class="col-side">
<div class="widget"><div class="widget-title">Most read</div><ol>
{most_read}
</ol></div>
<div class="widget"><div class="widget-title">Advertisement</div><div class="ad-slot" data-slot="side-1"></div></div>
</div>
</div>
<div class="footer">
<div class="footer-links">{footer}</div>
<div class="copyright">{esc(VC_COPYRIGHT)}</div>
</div>
</div>
</body>
</html>
"""


def vc_chrome(a):
    items = [text for _, _, text in a["comments"]] + ["Leave a Reply", VC_COMMENT_NOTES, VC_COPYRIGHT, "Most read", a["most_read"][0]]
    if a["author"] != "Nordwire":
        items.append("Mira Tallen has reported on Vellmar's waterfront for eleven years.")
    if a.get("photo"):
        items.append("Photo: " + a["photo"][1])
    return items


# ---------------------------------------------------------------------------------------------- Ostrand Tribune

OT_NAV = ["Home", "National", "Politics", "Economy", "Business", "World", "Regions", "Science", "Sport", "Culture",
          "Opinion", "Podcasts"]
OT_FOOTER = ["About the Tribune", "Editorial standards", "Corrections", "Contact", "Advertising", "Subscribe",
             "Gift a subscription", "Newsletters", "Privacy", "Consent settings", "Terms", "Jobs at the Tribune"]


def ot_page(a):
    published = when(a).astimezone(CET)
    canonical = f"https://ostrand-tribune.example/{a['section']}/{a['slug']}-{a['article_id']}"
    newsletter = f"""        <div class="nl-signup">
          <strong>Tribune Briefing</strong>
          <p>{esc(OT_NEWSLETTER)} The five stories you need, every morning at six.</p>
          <input type="email" placeholder="you@example.org" aria-label="Email"> <button>Sign up</button>
        </div>"""
    body = render_paragraphs(body_paragraphs(a), "        ", heading_tag="h3", inserts={a["newsletter_after"]: newsletter})
    if a["author"] == "Nordwire":
        author = '<span itemprop="author" itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Nordwire</span></span>'
        role = ""
    else:
        author = f'<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">{esc(a["author"])}</span></span>'
        role = ", Ostrand Tribune"
    bio = ""
    if a.get("author_bio"):
        bio = f"""      <div class="author-bio">
        <h4>About the author</h4>
        <p>{esc(a['author_bio'])}</p>
      </div>"""
    nav = "\n".join(f'        <li><a href="/{n.lower()}/">{esc(n)}</a></li>' for n in OT_NAV)
    footer = "\n".join(f'      <li><a href="/{f.lower().replace(" ", "-")}/">{esc(f)}</a></li>' for f in OT_FOOTER)
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{esc(a['title'])} – Ostrand Tribune</title>
  <link rel="canonical" href="{canonical}">
  <meta property="og:title" content="{attr(a['title'])}">
  <meta property="og:site_name" content="Ostrand Tribune">
  <meta property="og:type" content="article">
  <meta property="article:published_time" content="{published.isoformat()}">
  <meta property="article:section" content="{attr(a['section'].capitalize())}">
</head>
<body>
  <div class="consent-overlay" id="consent" role="dialog" aria-modal="true">
    <div class="consent-box">
      <h2>Your privacy matters to us</h2>
      <p>{esc(OT_CONSENT)} You can change your choices at any time.</p>
      <button>Agree and continue</button> <button>Reject all</button> <a href="/consent-settings/">Settings</a>
    </div>
  </div>
  <header id="masthead">
    <a class="brand" href="/">Ostrand Tribune</a>
    <nav>
      <ul class="menu">
{nav}
      </ul>
    </nav>
    <a class="btn-subscribe" href="/subscribe/">Subscribe</a>
  </header>
  <div class="paywall-meter" role="status">{esc(OT_METER)} <a href="/subscribe/">Subscribe</a> for unlimited access from €9 a month.</div>
  <div class="page" itemscope itemtype="https://schema.org/NewsArticle">
    <div class="article-top">
      <a class="section-link" href="/{a['section']}/">{esc(a['section'].capitalize())}</a>
      <h1 itemprop="headline">{esc(a['title'])}</h1>
      <p class="dek" itemprop="description">{esc(a['summary'])}</p>
      <div class="meta">By {author}{role} · <time itemprop="datePublished" datetime="{published.isoformat()}">{published.day} March 2026 at {published:%H:%M}</time></div>
      <ul class="share">
        <li><a href="#">Share on Facebook</a></li>
        <li><a href="#">Share on LinkedIn</a></li>
        <li><a href="#">Share by email</a></li>
        <li><a href="#">Print</a></li>
      </ul>
    </div>
    <div class="grid">
      <div class="body-copy" itemprop="articleBody">
{body}
      </div>
{bio}
    </div>
  </div>
  <footer class="site-footer">
    <ul>
{footer}
    </ul>
    <p>{esc(OT_COPYRIGHT)}</p>
  </footer>
</body>
</html>
"""


def ot_chrome(a):
    items = [OT_CONSENT, OT_METER, OT_NEWSLETTER, "Share on Facebook", OT_COPYRIGHT, "The five stories you need, every morning at six."]
    if a.get("author_bio"):
        items.append(a["author_bio"])
    return items


# ---------------------------------------------------------------------------------------------- The Eastmark Ledger

EL_NAV = ["Front page", "Eastmark", "Halvorsund", "Kalder Valley", "Ostrand", "Business", "Transport", "Environment",
          "Health", "Sport", "Arts", "Food", "Opinion", "Letters", "Puzzles", "Support us"]
EL_FOOTER = ["Who we are", "Our journalism", "How we are funded", "Contact", "Complaints", "Privacy", "Cookies",
             "Accessibility", "Syndication", "Jobs", "RSS", "Newsletters", "Donate"]


def el_page(a):
    published = when(a).astimezone(CET)
    canonical = f"https://eastmark-ledger.example/stories/{a['guid'].split('-')[-1]}/{a['slug']}"
    paragraphs = body_paragraphs(a)
    json_ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a["title"],
        "description": a["summary"],
        "datePublished": published.isoformat(),
        "dateModified": published.isoformat(),
        "author": [{"@type": "Person", "name": a["author"], "url": f"https://eastmark-ledger.example/people/{a['author'].lower().replace(' ', '-')}"}],
        "publisher": {"@type": "Organization", "name": "The Eastmark Ledger", "logo": {"@type": "ImageObject", "url": "https://eastmark-ledger.example/logo.png"}},
        "mainEntityOfPage": canonical,
        "articleBody": "\n\n".join(paragraphs),
        "inLanguage": "en",
    }
    # Split the body into two text blocks with an advertisement between them, as the outlet's CMS does.
    half = (len(paragraphs) + 1) // 2
    first = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs[:half])
    second = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs[half:])
    nav = "\n".join(f'<a href="/{n.lower().replace(" ", "-")}">{esc(n)}</a>' for n in EL_NAV)
    footer = "\n".join(f'<a href="/{f.lower().replace(" ", "-")}">{esc(f)}</a>' for f in EL_FOOTER)
    recommended = "\n".join(f'<li><a href="/stories/rec-{i}">{esc(t)}</a></li>' for i, t in enumerate(a["recommended"], 1))
    comments = "\n".join(f"""<li class="comment-item">
<div class="comment-head"><b class="comment-name">{esc(who)}</b> <span class="comment-time">{esc(stamp)}</span></div>
<p>{esc(text)}</p>
</li>""" for who, stamp, text in a["comments"])
    script = json.dumps(json_ld, ensure_ascii=False, indent=2).replace("</", "<\\/")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width">
<title>{esc(a['title'])} — The Eastmark Ledger</title>
<link rel="canonical" href="{canonical}">
<meta property="og:title" content="{attr(a['title'])}">
<meta property="og:site_name" content="The Eastmark Ledger">
<meta property="og:url" content="{canonical}">
<script type="application/ld+json">
{script}
</script>
</head>
<body>
<a href="#main" class="sr-only">Skip to main content</a>
<div class="topnav">
<a class="brand" href="/">The Eastmark Ledger</a>
{nav}
</div>
<div class="container">
<section class="content" id="main">
<div class="headline-wrap">
<h1 class="headline">{esc(a['title'])}</h1>
<div class="author-line">{esc(a['author'])} · {published:%A}, {published:%B} {published.day}, 2026</div>
</div>
<div class="text-block">
{first}
</div>
<div class="ad-slot"><span class="ad-label">Advertisement</span></div>
<div class="text-block">
{second}
</div>
<div class="support-appeal">
<h3>Before you go</h3>
<p>{esc(EL_APPEAL)}</p>
<a class="button" href="/support">Support the Ledger</a>
</div>
<div class="recommended">
<h4>Recommended for you</h4>
<ul>
{recommended}
</ul>
</div>
</section>
<section class="comments" id="comments">
<h2>Comments ({len(a['comments'])})</h2>
<div class="register-prompt">{esc(EL_REGISTER)} <a href="/register">Register</a> or <a href="/login">sign in</a>.</div>
<ol class="comment-list">
{comments}
</ol>
<div class="reply-form">
<h3>Leave a Reply</h3>
<form action="/comments" method="post">
<label>Your comment<br><textarea name="body" rows="5"></textarea></label><br>
<label>Display name <input name="name"></label>
<button type="submit">Publish comment</button>
</form>
</div>
</section>
</div>
<footer class="footer">
{footer}
<p>{esc(EL_COPYRIGHT)}</p>
</footer>
</body>
</html>
"""


def el_chrome(a):
    return [text for _, _, text in a["comments"]] + [EL_APPEAL, EL_REGISTER, "Recommended for you", a["recommended"][0],
                                                     "Leave a Reply", "Advertisement", EL_COPYRIGHT, "Skip to main content"]


# ---------------------------------------------------------------------------------------------- Kalder Valley Herald

KH_NAV = ["Front Page", "Brenholt", "Össby", "Lindgarde", "Kalder Town", "Valley", "Region", "Economy", "Farming",
          "Sport", "Clubs & Societies", "Church Notices", "Family Notices", "Letters", "Archive", "Contact"]
KH_FOOTER = ["Imprint", "Contact", "Advertising rates", "Subscriptions", "Delivery problems", "Data protection",
             "Terms", "Archive 1902–2025"]


def kh_page(a):
    published = when(a).astimezone(CET)
    paragraphs = body_paragraphs(a)
    nav = " |\n".join(f'<A HREF="/rubrik/{i}.html"><FONT COLOR="#FFFFFF">{esc(n)}</FONT></A>' for i, n in enumerate(KH_NAV, 1))
    footer = " &middot;\n".join(f'<A HREF="/info/{i}.html">{esc(f)}</A>' for i, f in enumerate(KH_FOOTER, 1))
    also = "\n".join(f'<LI><A HREF="/artikel/{1190 + i}.html">{esc(t)}</A></LI>' for i, t in enumerate(a["also"], 1))
    photo = ""
    if a.get("photo"):
        caption, credit = a["photo"]
        photo = f"""<TR><TD CLASS="artphoto"><IMG SRC="/bilder/{a['slug']}.jpg" WIDTH="560" HEIGHT="340" ALT=""><BR>
<FONT SIZE="1">{esc(caption)} {esc(credit)}</FONT></TD></TR>
"""
    body = "\n".join(f"<P>{esc(p)}</P>" for p in paragraphs)
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<HTML LANG="en">
<HEAD>
<meta charset="windows-1252">
<TITLE>Kalder Valley Herald – {esc(a['title'])}</TITLE>
<META NAME="author" CONTENT="{attr(a['author'])}">
<META NAME="keywords" CONTENT="Kalder, Brenholt, Össby, news">
</HEAD>
<BODY BGCOLOR="#FFFFFF" TEXT="#000000" LINK="#003366" VLINK="#663366" TOPMARGIN="0" LEFTMARGIN="0">
<TABLE WIDTH="960" BORDER="0" CELLPADDING="0" CELLSPACING="0" ALIGN="center">
<TR><TD COLSPAN="3" CLASS="masthead" ALIGN="center"><FONT FACE="Georgia" SIZE="7"><B>Kalder Valley Herald</B></FONT><BR>
<FONT SIZE="2">«Your valley, your paper» · Brenholt · Est. 1902</FONT></TD></TR>
<TR><TD COLSPAN="3" BGCOLOR="#003366" CLASS="navbar"><FONT FACE="Verdana" SIZE="1">
{nav}
</FONT></TD></TR>
<TR>
<TD WIDTH="170" VALIGN="top" CLASS="leftcol"><FONT FACE="Verdana" SIZE="1">
<B>Weather</B><BR>{esc(KH_WEATHER)}<BR><BR>
<B>Notice</B><BR>{esc(KH_NOTICE)}<BR><BR>
<B>Search the archive</B><BR><FORM ACTION="/suche"><INPUT NAME="q" SIZE="14"> <INPUT TYPE="submit" VALUE="Go"></FORM>
</FONT></TD>
<TD WIDTH="590" VALIGN="top" CLASS="maincol">
<TABLE WIDTH="100%" BORDER="0" CELLPADDING="6">
<TR><TD CLASS="arttitle"><H1><FONT FACE="Georgia">{esc(a['title'])}</FONT></H1></TD></TR>
<TR><TD CLASS="artmeta"><FONT SIZE="2" COLOR="#666666">By {esc(a['author'])} · {published:%d.%m.%Y}, {published:%H:%M}</FONT></TD></TR>
{photo}<TR><TD CLASS="arttext"><FONT FACE="Georgia" SIZE="3">
{body}
</FONT></TD></TR>
<TR><TD CLASS="arttools"><FONT SIZE="1"><A HREF="javascript:window.print()">Print this article</A> | <A HREF="/empfehlen.html">Send to a friend</A> | <A HREF="#top">Back to top</A></FONT></TD></TR>
</TABLE>
</TD>
<TD WIDTH="200" VALIGN="top" CLASS="rightcol"><FONT FACE="Verdana" SIZE="1">
<B>The Herald in print</B><BR>{esc(KH_SUBSCRIBE)}<BR><A HREF="/abo.html">Order now »</A><BR><BR>
<B>Advertisement</B><BR><IMG SRC="/werbung/banner-200.gif" WIDTH="200" HEIGHT="200" ALT="Advertisement"><BR><BR>
<B>Also in the Herald</B>
<UL>
{also}
</UL>
</FONT></TD>
</TR>
<TR><TD COLSPAN="3" CLASS="footer" ALIGN="center"><FONT SIZE="1">
{footer}<BR>
{esc(KH_COPYRIGHT)}
</FONT></TD></TR>
</TABLE>
</BODY>
</HTML>
"""


def kh_chrome(a):
    items = [KH_SUBSCRIBE, KH_NOTICE, KH_WEATHER, "Print this article", "Send to a friend", KH_COPYRIGHT, a["also"][0],
             "Your valley, your paper"]
    if a.get("photo"):
        items.append(a["photo"][1])
    return items


RENDERERS = {
    "harbour-gazette": (hg_page, hg_chrome),
    "vellmar-courier": (vc_page, vc_chrome),
    "ostrand-tribune": (ot_page, ot_chrome),
    "eastmark-ledger": (el_page, el_chrome),
    "kalder-herald": (kh_page, kh_chrome),
}


# ---------------------------------------------------------------------------------------------- feeds

def page_path(a):
    return f"articles/{a['slug']}.html"


def outlet_articles(outlet):
    # Feeds list newest first, as real feeds do.
    return sorted((a for a in ARTICLES if a["outlet"] == outlet), key=when, reverse=True)


def xml(text):
    return html.escape(text, quote=True)


def rss2_feed(outlet, title, description, use_utc):
    items = []
    for a in outlet_articles(outlet):
        moment = when(a).astimezone(UTC if use_utc else CET)
        guid = f'\n      <guid isPermaLink="false">{xml(a["guid"])}</guid>' if a["guid"] else ""
        items.append(f"""    <item>
      <title>{xml(a['title'])}</title>
      <link>{page_path(a)}</link>{guid}
      <pubDate>{rfc822(moment)}</pubDate>
      <dc:creator>{xml(a['author'])}</dc:creator>
      <description>{xml(a['summary'])}</description>
    </item>""")
    newest = when(outlet_articles(outlet)[0]).astimezone(UTC if use_utc else CET)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>{xml(title)}</title>
    <link>https://{outlet}.example/</link>
    <description>{xml(description)}</description>
    <language>en</language>
    <lastBuildDate>{rfc822(newest)}</lastBuildDate>
{chr(10).join(items)}
  </channel>
</rss>
"""


def atom_feed():
    entries = []
    articles = outlet_articles("vellmar-courier")
    for a in articles:
        moment = when(a).astimezone(CET).isoformat()
        entries.append(f"""  <entry>
    <title>{xml(a['title'])}</title>
    <link rel="alternate" type="text/html" href="{page_path(a)}"/>
    <id>{xml(a['guid'])}</id>
    <published>{moment}</published>
    <updated>{moment}</updated>
    <author><name>{xml(a['author'])}</name></author>
    <summary type="text">{xml(a['summary'])}</summary>
  </entry>""")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Vellmar Courier</title>
  <subtitle>News from Vellmar and the coast</subtitle>
  <id>tag:vellmar-courier.example,2026:feed</id>
  <updated>{when(articles[0]).astimezone(CET).isoformat()}</updated>
{chr(10).join(entries)}
</feed>
"""


def json_feed():
    items = []
    for a in outlet_articles("eastmark-ledger"):
        items.append({
            "id": a["guid"],
            "url": page_path(a),
            "title": a["title"],
            "summary": a["summary"],
            "date_published": when(a).astimezone(CET).isoformat(),
            "authors": [{"name": a["author"]}],
            "language": "en",
        })
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "The Eastmark Ledger",
        "home_page_url": "https://eastmark-ledger.example/",
        "description": "Independent news for Eastmark, Halvorsund and the Kalder Valley.",
        "language": "en",
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


def rdf_feed():
    articles = outlet_articles("kalder-herald")
    seq = "\n".join(f'        <rdf:li rdf:resource="{xml(a["guid"])}"/>' for a in articles)
    items = "\n".join(f"""  <item rdf:about="{xml(a['guid'])}">
    <title>{xml(a['title'])}</title>
    <link>{page_path(a)}</link>
    <description>{xml(a['summary'])}</description>
    <dc:date>{when(a).astimezone(CET).isoformat()}</dc:date>
    <dc:creator>{xml(a['author'])}</dc:creator>
  </item>""" for a in articles)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://kalder-herald.example/index.rdf">
    <title>Kalder Valley Herald</title>
    <link>https://kalder-herald.example/</link>
    <description>News from Brenholt, Össby, Lindgarde and the whole Kalder Valley.</description>
    <dc:language>en</dc:language>
    <items>
      <rdf:Seq>
{seq}
      </rdf:Seq>
    </items>
  </channel>
{items}
</rdf:RDF>
"""


# ---------------------------------------------------------------------------------------------- ground truth

def sentences(paragraph):
    # Split after . ! ? (optionally followed by a closing quote) when the next sentence starts with a capital,
    # a digit or an opening quote. The corpus avoids abbreviations with full stops so this is exact here.
    parts = []
    start = 0
    for match in re.finditer(r"[.!?][”\"]?\s+(?=[“\"A-Z0-9])", paragraph):
        end = match.end()
        parts.append(paragraph[start:end].strip())
        start = end
    parts.append(paragraph[start:].strip())
    return [p for p in parts if p]


def body_text_paragraphs(a):
    if a.get("live"):
        # Reading order of the page: intro, then entries newest first (heading, then its paragraphs).
        out = list(a["intro"])
        for _, heading, paragraphs in reversed(a["entries"]):
            out.append("## " + heading)
            out.extend(paragraphs)
        return out
    return body_paragraphs(a)


def word_count(a):
    return sum(len(p.split()) for p in body_text_paragraphs(a) if not p.startswith("## "))


def expected_entry(a):
    paragraphs = [p for p in body_text_paragraphs(a) if not p.startswith("## ")]
    chrome = RENDERERS[a["outlet"]][1](a)
    entry = {
        "page": f"outlets/{a['outlet']}/{page_path(a)}",
        "feed": f"outlets/{a['outlet']}/{OUTLETS[a['outlet']]['feed']}",
        "outlet": OUTLETS[a["outlet"]]["name"],
        "story": a["story"],
        "title": a["title"],
        "author": a["author"] + (" and " + a["coauthor"] if a.get("coauthor") else ""),
        "published": utc_iso(when(a)),
        "guid": a["guid"],
        "encoding": OUTLETS[a["outlet"]]["encoding"],
        "wordCount": word_count(a),
        "firstSentence": sentences(paragraphs[0])[0],
        "lastSentence": sentences(paragraphs[-1])[-1],
        "mustNotContain": chrome,
    }
    if a.get("live"):
        entry["liveBlog"] = {"order": "newest-first", "entries": len(a["entries"]),
                             "headings": [h for _, h, _ in reversed(a["entries"])]}
    return entry


# Figures that change from day to day, so a summary or diff can be checked against the latest value.
STORY_FACTS = {
    "A": [
        {"fact": "ships waiting at anchor off Vellmar", "values": [
            {"date": "2026-03-10", "value": "14"}, {"date": "2026-03-11", "value": "23"}, {"date": "2026-03-12", "value": "31"}]},
        {"fact": "port authority pay offer", "values": [
            {"date": "2026-03-10", "value": "4 per cent"}, {"date": "2026-03-11", "value": "5.5 per cent"},
            {"date": "2026-03-12", "value": "6.2 per cent agreed, plus 3 per cent in 2027 and a one-off 1,200 euros"}]},
        {"fact": "guaranteed operator jobs at North Quay", "values": [
            {"date": "2026-03-10", "value": "union asks 310 until 2030"}, {"date": "2026-03-11", "value": "authority offers fewer than 250 until 2028"},
            {"date": "2026-03-12", "value": "290 until the end of 2029"}]},
    ],
    "B": [
        {"fact": "people evacuated in the Kalder Valley", "values": [
            {"date": "2026-03-10T08:15Z", "value": "340"}, {"date": "2026-03-10T18:30Z", "value": "620"}, {"date": "2026-03-11", "value": "1,150"}]},
        {"fact": "river gauge at the Brenholt bridge", "values": [
            {"date": "2026-03-10T08:15Z", "value": "4.62 metres"}, {"date": "2026-03-10T18:30Z", "value": "4.95 metres"}, {"date": "2026-03-11", "value": "5.31 metres (crest)"}]},
    ],
}

# Sentences whose novelty is unambiguous, judged against every page of the same story published earlier.
# "repeats" restate something an earlier page already reported (possibly in other words); "new" adds a fact
# that no earlier page has. Each sentence is quoted exactly as it appears on its page.
NOVELTY = {
    "repeats": [
        {"page": "outlets/eastmark-ledger/articles/vellmar-talks-as-close-as-ever.html",
         "sentence": "The leader of Vellmar's striking dock workers said on Wednesday that the two sides in the port dispute were as close as they have ever been, after the port authority improved its pay offer to 5.5 per cent.",
         "reportedBy": ["outlets/ostrand-tribune/articles/port-offer-5-5-percent.html"], "kind": "paraphrase of a quote"},
        {"page": "outlets/kalder-herald/articles/exporters-stuck-vellmar.html",
         "sentence": "The harbour master counted 23 ships at anchor in the outer roads on Wednesday, up from 14 on Tuesday.",
         "reportedBy": ["outlets/ostrand-tribune/articles/port-offer-5-5-percent.html"], "kind": "same figures"},
        {"page": "outlets/vellmar-courier/articles/2026-03-12-deal-ends-strike.html",
         "sentence": "\"Nobody in that room got everything they wanted, which is usually how you know a settlement is fair,\" Renquist said.",
         "reportedBy": ["outlets/harbour-gazette/articles/live-port-strike-day5.html"], "kind": "same quote, other quotation marks"},
        {"page": "outlets/vellmar-courier/articles/2026-03-12-deal-ends-strike.html",
         "sentence": "\"This agreement protects the people who actually move the boxes,\" she said.",
         "reportedBy": ["outlets/harbour-gazette/articles/live-port-strike-day5.html"], "kind": "same quote"},
        {"page": "outlets/eastmark-ledger/articles/what-the-deal-means.html",
         "sentence": "Under the deal, dock workers will get a 6.2 per cent pay rise this year and 3 per cent next year, plus a one-off payment of 1,200 euros.",
         "reportedBy": ["outlets/harbour-gazette/articles/live-port-strike-day5.html", "outlets/vellmar-courier/articles/2026-03-12-deal-ends-strike.html"], "kind": "same figures, other words"},
        {"page": "outlets/vellmar-courier/articles/2026-03-11-inflation-eases.html",
         "sentence": "Core inflation, which excludes energy, food, alcohol and tobacco, slowed to 2.7% from 3.0%.",
         "reportedBy": ["outlets/ostrand-tribune/articles/inflation-february.html"], "kind": "wire copy, verbatim"},
    ],
    "new": [
        {"page": "outlets/ostrand-tribune/articles/ambra-evacuations-widen.html",
         "sentence": "About 120 soldiers from the army’s engineer battalion at Kalder arrived in the afternoon with sandbag-filling machines."},
        {"page": "outlets/eastmark-ledger/articles/ambra-crest-brenholt.html",
         "sentence": "Firefighters rescued a 67-year-old man from the roof of his car on the Lindgarde road at about three o'clock."},
        {"page": "outlets/harbour-gazette/articles/live-port-strike-day5.html",
         "sentence": "Every member will also receive a one-off payment of €1,200."},
        {"page": "outlets/vellmar-courier/articles/2026-03-12-deal-ends-strike.html",
         "sentence": "Henrik Olvebrand, chief executive of the Port of Vellmar Authority, said the deal would cost the port about 14 million euros over two years, and that the money would be found without raising charges for shipping lines before 2027."},
        {"page": "outlets/vellmar-courier/articles/2026-03-12-deal-ends-strike.html",
         "sentence": "The first vessel to berth on Friday will be the Skerry Islands supply ship Maren Tide, followed by the container ships in order of arrival."},
        {"page": "outlets/eastmark-ledger/articles/what-the-deal-means.html",
         "sentence": "The Eastmark Chamber of Commerce now puts the total cost of the strike to the region at 55 million euros, taking into account goods that will arrive spoiled or too late for their contracts."},
        {"page": "outlets/vellmar-courier/articles/2026-03-11-inflation-eases.html",
         "sentence": "The statistics office will publish its figures for March on 14 April."},
    ],
}


def expected_json():
    pages = [expected_entry(a) for a in sorted(ARTICLES, key=lambda a: (when(a), a["outlet"]))]
    stories = {
        "A": "Dock strike and wage talks at the port of Vellmar (all five outlets, 10-12 March; deal on 12 March).",
        "B": "The river Ambra floods Brenholt in the Kalder Valley; evacuations rise from 340 to 620 to 1,150 (three outlets, 10-11 March).",
        "C": "Court voids the award of the Eastmark regional rail contract; the authority appeals (two outlets, 10 and 12 March).",
        "wire": "Nordwire agency copy on February inflation, republished nearly verbatim by two outlets (11 March).",
        "distractor": "Union leader Dagny Rask (of story A) publishes a memoir: same person, different event (11 March).",
    }
    return {
        "description": "Ground truth for the sample corpus. Times are UTC; pages and feeds state them in CET (+01:00) or UTC.",
        "storiesExpected": len(stories),
        "stories": stories,
        "storyFacts": STORY_FACTS,
        "novelty": NOVELTY,
        "pages": pages,
    }


def main():
    for outlet in OUTLETS:
        os.makedirs(os.path.join(SAMPLES, "outlets", outlet, "articles"), exist_ok=True)
    for a in ARTICLES:
        render = RENDERERS[a["outlet"]][0]
        path = os.path.join(SAMPLES, "outlets", a["outlet"], page_path(a))
        encoding = "cp1252" if OUTLETS[a["outlet"]]["encoding"] == "windows-1252" else "utf-8"
        with open(path, "w", encoding=encoding, newline="\n") as handle:
            handle.write(render(a))
    feeds = {
        "harbour-gazette": rss2_feed("harbour-gazette", "Harbour Gazette – Latest news", "Vellmar’s paper since 1874.", use_utc=True),
        "vellmar-courier": atom_feed(),
        "ostrand-tribune": rss2_feed("ostrand-tribune", "Ostrand Tribune", "National news from the Ostrand Tribune.", use_utc=False),
        "eastmark-ledger": json_feed(),
        "kalder-herald": rdf_feed(),
    }
    for outlet, text in feeds.items():
        with open(os.path.join(SAMPLES, "outlets", outlet, OUTLETS[outlet]["feed"]), "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    sources = {
        "sources": [{"name": OUTLETS[o]["name"], "url": f"outlets/{o}/{OUTLETS[o]['feed']}"} for o in OUTLETS],
        "subscribers": ["reader@example.org"],
        "from": "Digest <digest@example.org>",
        "defaultNow": "2026-03-12T18:00:00Z",
    }
    with open(os.path.join(SAMPLES, "sources.json"), "w", encoding="utf-8", newline="\n") as handle:
        handle.write(json.dumps(sources, ensure_ascii=False, indent=2) + "\n")
    with open(os.path.join(SAMPLES, "expected.json"), "w", encoding="utf-8", newline="\n") as handle:
        handle.write(json.dumps(expected_json(), ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
