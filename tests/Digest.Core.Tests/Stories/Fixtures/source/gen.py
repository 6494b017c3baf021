# Regenerates the story fixtures (JSONL inputs and gold files) from the invented articles in stories_*.py.
# Gold novelty labels are derived from fact tags: a sentence is "repeated" when every fact it states appeared in an
# earlier article of its story. Run: python3 gen.py [output-folder]
import json, sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stories_a import QUAKE, ORLOV
from stories_b import STRIKE, CEASE, FLOOD, BREACH, EARN
from stories_c import FIRE, SINGLES, REFS
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
os.makedirs(out, exist_ok=True)
stories = {"QUAKE": QUAKE, "ORLOV": ORLOV, "STRIKE": STRIKE, "CEASE": CEASE, "FLOOD": FLOOD, "BREACH": BREACH, "EARN": EARN, "FIRE": FIRE}
for s in SINGLES:
    stories["SINGLE-" + s["id"]] = [s]

def text(a):
    sents = [t for t, _ in a["s"]]
    paras = [" ".join(sents[i:i+2]) for i in range(0, len(sents), 2)]
    return "\n\n".join(paras)

def dump(name, rows):
    with open(os.path.join(out, name), "w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

all_articles = []
for name, arts in stories.items():
    for a in arts:
        all_articles.append((a["published"], a["id"], name, a))
# interleave deterministically: by date, then by a scrambled id order so stories mix
all_articles.sort(key=lambda x: (x[0], x[1][::-1]))
dump("cluster.jsonl", [{"id": a["id"], "title": a["title"], "text": text(a), "published": a["published"], "source": a["source"]} for _, _, _, a in all_articles])
dump("cluster.gold.jsonl", [{"id": a["id"], "story": name} for _, _, name, a in all_articles])

nov_in, nov_gold = [], []
for name, arts in stories.items():
    for k in range(1, len(arts)):
        a = arts[k]
        seen = set(f for e in arts[:k] for _, fs in e["s"] for f in fs)
        item = f"{name}/{a['id']}"
        nov_in.append({"item": item, "story": name,
            "earlier": [{"id": e["id"], "published": e["published"], "title": e["title"], "text": text(e)} for e in arts[:k]],
            "article": {"id": a["id"], "published": a["published"], "text": text(a),
                        "sentences": [{"sid": f"{a['id']}-{i}", "text": t} for i, (t, _) in enumerate(a["s"])]}})
        nov_gold.append({"item": item, "sentences": [{"sid": f"{a['id']}-{i}", "label": "repeated" if all(f in seen for f in fs) else "new"} for i, (_, fs) in enumerate(a["s"])]})
dump("novelty.jsonl", nov_in)
dump("novelty.gold.jsonl", nov_gold)

sum_in, sum_gold = [], []
for name, ref in REFS.items():
    arts = stories[name]
    sum_in.append({"story": name, "max_words": 70, "articles": [{"id": a["id"], "title": a["title"], "text": text(a), "published": a["published"], "source": a["source"]} for a in arts]})
    sum_gold.append({"story": name, "summary": ref})
dump("summarize.jsonl", sum_in)
dump("summarize.gold.jsonl", sum_gold)
labels = [l["label"] for g in nov_gold for l in g["sentences"]]
print(len(all_articles), "articles;", len(labels), "novelty sentences;", labels.count("new"), "new;", len(sum_in), "summaries")
for name, ref in REFS.items(): print(name, len(ref.split()))
