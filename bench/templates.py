"""Text templates (networks.templates) on real listings and on a synthetic 100,000-listing run.

Real: ../shared/data/real-posts/painted-bats-dev.csv, 261 eBay/Etsy/Amazon listings of 65 sellers.
Listings are added by description and site (the `shop` column); the `seller` column only scores:
of the pairs of listings in one template group, the share that are the same seller (precision of
"same template => same seller"), and of the same-seller pairs, the share in one group (recall).
A cross-seller group is not necessarily wrong: a template shared across sellers is what item 3 is
for (an association signal), so precision here is a lower bound of the grouping's correctness.

Sections: (1) shingle size x threshold, boilerplate cut off and on; (2) the exact all-pairs
baseline against the LSH, by number of permutations and LSH tuning point; (3) what the cut removes
on this set; (4) one group as an analyst sees it; (5) 100,000 synthetic listings planted from
templates with variations (prices, phones, species, word swaps, added and dropped lines) on sites
with their own chrome: time, memory, pairwise precision/recall against the planted templates.

    python bench/templates.py [--synthetic N] [--skip-synthetic]

Figures of the run that set the defaults (2-core machine, 6 minutes in all):
- real, defaults (3-grams, t 0.5, 64 permutations, LSH at 0.4, cut >50 % of a site of >=100):
  P 0.955 R 0.475; t 0.3: P 0.890 R 0.643; t 0.7: P 0.959 R 0.248. The default cut never engages
  here (no line is on half of a site), so it equals no cut; a 10 % cut (site >= 20) gives
  P 0.934 R 0.321 at t 0.5, because what it removes is single shops' own text (section 3).
- LSH at the threshold keeps 77-97 % of the exact all-pairs pairs (t 0.5); 0.1 lower, 97.6 %.
- synthetic 100,000: 153 s with identifier masking (80 s without), index 466 MiB RSS, P 1.000
  R 0.974, largest group 3,632 (largest planted template 3,633); without the cut P 0.095 and a
  10,817-listing group of one site's chrome. Rendering the 100 largest groups: 7.8 s.
"""

from __future__ import annotations

import argparse
import csv
import gc
import itertools
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from networks.templates import TemplateConfig, TemplateIndex  # noqa: E402
from networks.templates_text import jaccard, line_keys, shingle_hashes, tokenize  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "real-posts" / "painted-bats-dev.csv"


# -- scoring ------------------------------------------------------------------------------------


def pair_count(n: int) -> int:
    return n * (n - 1) // 2


def pair_scores(groups: Iterable[Sequence[str]], truth: dict[str, str]) -> tuple[int, int, int, float, float]:
    """(group pairs, of them same-truth, truth pairs, precision, recall) over listing pairs."""
    truth_pairs = sum(pair_count(c) for c in Counter(truth.values()).values())
    pairs = same = 0
    for members in groups:
        pairs += pair_count(len(members))
        same += sum(pair_count(c) for c in Counter(truth[m] for m in members).values())
    precision = same / pairs if pairs else float("nan")
    return pairs, same, truth_pairs, precision, same / truth_pairs if truth_pairs else float("nan")


def components(n: int, edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    out: dict[int, list[int]] = {}
    for x in range(n):
        out.setdefault(root(x), []).append(x)
    return [m for m in out.values() if len(m) > 1]


# -- real listings ------------------------------------------------------------------------------


def load_real() -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def run_real(rows: list[dict[str, str]], config: TemplateConfig) -> TemplateIndex:
    index = TemplateIndex(config)
    for row in rows:
        index.add(row["ID"], row["description"], row["shop"])
    index.flush()
    return index


def str_groups(index: TemplateIndex) -> list[list[str]]:
    return [[str(m) for m in members] for members in index.components()]


def fmt(scores: tuple[int, int, int, float, float]) -> str:
    pairs, same, _, precision, recall = scores
    return f"P {precision:5.3f} R {recall:5.3f} ({same}/{pairs} pairs)"


def section_sweep(rows: list[dict[str, str]], seller: dict[str, str]) -> None:
    cuts: list[tuple[str, float | None, int]] = [
        ("no cut", None, 1),
        ("default cut (line in >50% of a site, site >=100 listings)", 0.5, 100),
        ("aggressive cut (>10%, site >=20 listings)", 0.1, 20),
    ]
    print("(1) template groups on the real listings: shingle size n x threshold t")
    for name, share, minimum in cuts:
        print(f"  {name}")
        for n in (1, 2, 3, 4, 5):
            cells = []
            for t in (0.3, 0.5, 0.7):
                config = TemplateConfig(
                    threshold=t, shingle_size=n, boilerplate_share=share, boilerplate_min_listings=minimum
                )
                scores = pair_scores(str_groups(run_real(rows, config)), seller)
                cells.append(f"t {t}: P {scores[3]:.3f} R {scores[4]:.3f}")
            print(f"    n {n}  " + "   ".join(cells))
    print()


def section_lsh(rows: list[dict[str, str]], seller: dict[str, str], n: int) -> None:
    print(f"(2) LSH against the exact all-pairs baseline (n {n}, no cut)")
    texts = [row["description"] for row in rows]
    sets = [shingle_hashes(tokenize(t, max_chars=20_000, max_tokens=2_000).norms, n) for t in texts]
    ids = [row["ID"] for row in rows]
    sims = {(i, j): jaccard(sets[i], sets[j]) for i, j in itertools.combinations(range(len(rows)), 2)}
    for t in (0.3, 0.5, 0.7):
        exact_groups = components(len(rows), (pair for pair, s in sims.items() if s >= t))
        exact = pair_scores([[ids[m] for m in g] for g in exact_groups], seller)
        exact_pairs = {
            (ids[a], ids[b]) for g in exact_groups for a, b in itertools.combinations(sorted(g), 2)
        }
        print(f"  t {t}: exact all pairs {fmt(exact)}")
        for num_perm in (32, 64, 128, 256):
            for lsh_t in (t, round(t - 0.1, 2)):
                config = TemplateConfig(
                    threshold=t,
                    lsh_threshold=lsh_t,
                    shingle_size=n,
                    num_perm=num_perm,
                    boilerplate_share=None,
                )
                start = time.perf_counter()
                index = run_real(rows, config)
                took = time.perf_counter() - start
                groups = str_groups(index)
                order = {lid: i for i, lid in enumerate(ids)}
                found = {
                    tuple(sorted(p, key=order.__getitem__))
                    for g in groups
                    for p in itertools.combinations(g, 2)
                }
                kept = len(found & exact_pairs) / len(exact_pairs) if exact_pairs else 1.0
                print(
                    f"    num_perm {num_perm:3d} lsh_t {lsh_t:.1f}: {fmt(pair_scores(groups, seller))}; "
                    f"exact pairs kept {kept:.3f}; candidates verified {index.stats.candidates_verified}; "
                    f"{took * 1000:.0f} ms"
                )
    print()


def section_cut(rows: list[dict[str, str]]) -> None:
    print("(3) what a per-site line cut would remove here (top lines by share of their site)")
    counts: dict[str, Counter[int]] = {}
    sellers: dict[tuple[str, int], set[str]] = {}
    sample: dict[int, str] = {}
    listings = Counter(row["shop"] for row in rows)
    for row in rows:
        tokens = tokenize(row["description"], max_chars=20_000, max_tokens=2_000)
        for line, key in set(line_keys(tokens)):
            counts.setdefault(row["shop"], Counter())[key] += 1
            sellers.setdefault((row["shop"], key), set()).add(row["seller"])
            if key not in sample:
                words = [w for w, ln in zip(tokens.norms, tokens.lines, strict=True) if ln == line]
                sample[key] = " ".join(words).replace("\x00", "")[:60]
    for shop, counter in counts.items():
        print(f"  {shop} ({listings[shop]} listings)")
        for key, count in counter.most_common(4):
            share = count / listings[shop]
            n_sellers = len(sellers[(shop, key)])
            print(f"    {share:4.0%} of listings, {n_sellers} seller(s): {sample[key]!r}")
    print()


def section_example(rows: list[dict[str, str]], seller: dict[str, str]) -> None:
    index = run_real(rows, TemplateConfig())
    texts = {row["ID"]: row["description"] for row in rows}
    groups = index.groups(texts)
    mixed = [g for g in groups if len({seller[str(m)] for m in g.members}) > 1]
    print(f"(4) default settings: {len(groups)} groups, {len(mixed)} spanning more than one seller id")
    if mixed:
        group = mixed[0]
        print("  sellers: " + ", ".join(seller[str(m)] for m in group.members))
        text = group.describe(max_changes=4)
        print("  " + "\n  ".join(line[:160] for line in text.splitlines()[:40]))
    print()


# -- synthetic ----------------------------------------------------------------------------------

SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"] + ["an", "el", "is", "or", "um"]


def make_vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


class Synthetic:
    """Listings drawn from planted templates; ``truth`` names each listing's template."""

    def __init__(self, n: int, seed: int = 17) -> None:
        rng = random.Random(seed)
        self.rng = rng
        vocab = make_vocabulary(rng, 6_000)
        weights = [1.0 / (rank + 1) for rank in range(len(vocab))]  # Zipf: unrelated texts share words
        self.vocab = vocab
        self.cum = list(itertools.accumulate(weights))
        self.species = [" ".join(rng.sample(vocab[2000:], 2)).title() for _ in range(60)]
        self.sites = [f"site{i}" for i in range(12)]
        # site chrome as scraped pages carry it: navigation lines above, a legal footer below, about
        # as long as a description, so that without the cut a site's unrelated listings look alike
        self.chrome = {
            s: (
                "\n".join(self.sentence(rng.randint(10, 16)) for _ in range(3)),
                "\n".join(self.sentence(rng.randint(12, 20)) for _ in range(2)),
            )
            for s in self.sites
        }
        n_templates = n // 40
        self.templates = [self.template() for _ in range(n_templates)]
        popularity = [1.0 / (i + 1) ** 0.8 for i in range(n_templates)]
        pop_cum = list(itertools.accumulate(popularity))
        self.ids: list[str] = []
        self.texts: list[str] = []
        self.site_of: list[str] = []
        self.truth: dict[str, str] = {}
        for i in range(n):
            lid = f"L{i}"
            site = rng.choice(self.sites)
            if rng.random() < 0.3:
                body = "\n".join(self.sentence(rng.randint(8, 30)) for _ in range(rng.randint(1, 5)))
                truth = f"unique{i}"
            else:
                t = rng.choices(range(n_templates), cum_weights=pop_cum)[0]
                body = self.vary(self.templates[t])
                truth = f"T{t}"
            header, footer = self.chrome[site]
            text = f"{header}\n{body}\n{footer}" if rng.random() < 0.9 else body
            self.ids.append(lid)
            self.texts.append(text)
            self.site_of.append(site)
            self.truth[lid] = truth

    def sentence(self, k: int) -> str:
        words = self.rng.choices(self.vocab, cum_weights=self.cum, k=k)
        return " ".join(words).capitalize() + "."

    def template(self) -> list[str]:
        rng = self.rng
        lines = [self.sentence(rng.randint(6, 25)) for _ in range(rng.randint(2, 6))]
        lines.insert(rng.randrange(len(lines) + 1), "Species: {species}. Size {size} cm.")
        lines.append(rng.choice(["Price {price} USD, call {phone}", "Only {price} EUR. WhatsApp {phone}"]))
        return lines

    def vary(self, lines: list[str]) -> str:
        rng = self.rng
        out = list(lines)
        if len(out) > 3 and rng.random() < 0.2:
            out.pop(rng.randrange(len(out) - 1))
        if rng.random() < 0.3:
            out.insert(rng.randrange(len(out) + 1), self.sentence(rng.randint(5, 15)))
        text = "\n".join(out)
        words = text.split(" ")
        for _ in range(rng.choice([0, 0, 1, 2, 3])):
            words[rng.randrange(len(words))] = rng.choice(self.vocab)
        phone = f"+1 {rng.randint(200, 999)} {rng.randint(200, 999)} {rng.randint(1000, 9999)}"
        return (
            " ".join(words)
            .replace("{species}", rng.choice(self.species))
            .replace("{size}", str(rng.randint(5, 40)))
            .replace("{price}", f"{rng.randint(10, 900)}.{rng.randint(0, 99):02d}")
            .replace("{phone}", phone)
        )


def rss_mib() -> float:
    """Resident memory now (Linux), so that an index built after another is measured alone."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def section_synthetic(n: int) -> None:
    print(f"(5) synthetic: {n:,} listings from {n // 40:,} planted templates (30 % unique texts), 12 sites")
    start = time.perf_counter()
    synthetic = Synthetic(n)
    print(f"  generated in {time.perf_counter() - start:.1f} s")
    gc.collect()
    for name, config in (
        ("default (identifiers masked)", TemplateConfig()),
        ("identifier masking off (regex masks only)", TemplateConfig(mask_identifiers=False)),
        ("no boilerplate cut", TemplateConfig(boilerplate_share=None, mask_identifiers=False)),
    ):
        before = rss_mib()
        start = time.perf_counter()
        index = TemplateIndex(config)
        for lid, text, site in zip(synthetic.ids, synthetic.texts, synthetic.site_of, strict=True):
            index.add(lid, text, site)
        index.flush()
        took = time.perf_counter() - start
        held = rss_mib() - before
        groups = index.components()
        pairs, same, truth_pairs, precision, recall = pair_scores(
            [[str(m) for m in g] for g in groups], synthetic.truth
        )
        largest = len(groups[0]) if groups else 0
        planted = max(Counter(synthetic.truth.values()).values())
        s = index.stats
        print(f"  {name}")
        print(
            f"    {took:.1f} s ({n / took:,.0f} listings/s); index holds {held:.0f} MiB RSS "
            f"(process peak {peak_mib():.0f} MiB); "
            f"indexed {s.indexed:,}, absorbed {s.absorbed:,}, too short {s.too_short:,}; "
            f"candidates verified {s.candidates_verified:,} ({s.candidate_lists_capped} lists capped)"
        )
        print(
            f"    P {precision:.3f} R {recall:.3f} ({same:,}/{pairs:,} group pairs, "
            f"{truth_pairs:,} planted); "
            f"{len(groups):,} groups, largest {largest} (largest planted template {planted})"
        )
        if name.startswith("default"):
            texts = dict(zip(synthetic.ids, synthetic.texts, strict=True))
            start = time.perf_counter()
            shown = index.groups(texts, limit=100)
            took = time.perf_counter() - start
            members = sum(len(g.members) for g in shown)
            print(f"    rendering the 100 largest groups ({members:,} members shown): {took:.1f} s")
        del index
        gc.collect()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=100_000)
    parser.add_argument("--skip-synthetic", action="store_true")
    args = parser.parse_args()
    rows = load_real()
    seller = {row["ID"]: row["seller"] for row in rows}
    print(f"{len(rows)} real listings, {len(set(seller.values()))} sellers\n")
    section_sweep(rows, seller)
    section_lsh(rows, seller, TemplateConfig().shingle_size)
    section_cut(rows)
    section_example(rows, seller)
    if not args.skip_synthetic:
        section_synthetic(args.synthetic)


if __name__ == "__main__":
    main()
