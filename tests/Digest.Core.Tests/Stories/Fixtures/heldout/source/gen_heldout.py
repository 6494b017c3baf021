# Regenerates the held-out fixtures (same formats as ../../source/gen.py). Run: python3 gen_heldout.py
import json, os, sys
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from stories_heldout import TRAIN, FARES, VOTE, HELDOUT_REFS
out = os.path.join(here, "..")
stories = {"TRAIN": TRAIN, "FARES": FARES, "VOTE": VOTE}

def text(a):
    sents = [t for t, _ in a["s"]]
    return "\n\n".join(" ".join(sents[i:i+2]) for i in range(0, len(sents), 2))

def dump(name, rows):
    with open(os.path.join(out, name), "w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

arts = sorted(((a["published"], a["id"], n, a) for n, l in stories.items() for a in l), key=lambda x: (x[0], x[1][::-1]))
dump("cluster.jsonl", [{"id": a["id"], "title": a["title"], "text": text(a), "published": a["published"], "source": a["source"]} for *_, a in arts])
dump("cluster.gold.jsonl", [{"id": a["id"], "story": n} for _, _, n, a in arts])
nin, ngold = [], []
for n, l in stories.items():
    for k in range(1, len(l)):
        a = l[k]
        seen = set(f for e in l[:k] for _, fs in e["s"] for f in fs)
        item = f"{n}/{a['id']}"
        nin.append({"item": item, "story": n, "earlier": [{"id": e["id"], "published": e["published"], "title": e["title"], "text": text(e)} for e in l[:k]],
                    "article": {"id": a["id"], "published": a["published"], "text": text(a), "sentences": [{"sid": f"{a['id']}-{i}", "text": t} for i, (t, _) in enumerate(a["s"])]}})
        ngold.append({"item": item, "sentences": [{"sid": f"{a['id']}-{i}", "label": "repeated" if all(f in seen for f in fs) else "new"} for i, (_, fs) in enumerate(a["s"])]})
dump("novelty.jsonl", nin)
dump("novelty.gold.jsonl", ngold)
dump("summarize.jsonl", [{"story": n, "max_words": 70, "articles": [{"id": a["id"], "title": a["title"], "text": text(a), "published": a["published"], "source": a["source"]} for a in stories[n]]} for n in HELDOUT_REFS])
dump("summarize.gold.jsonl", [{"story": n, "summary": r} for n, r in HELDOUT_REFS.items()])
print(len(arts), "articles")
