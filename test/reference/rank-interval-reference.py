"""Independent reference values for src/stats/rank-interval.ts, used by
test/unit/rank-interval-sampler.test.ts. Run: python3 test/reference/rank-interval-reference.py
(Python 3 with SciPy; not needed by the test suite).

Written from the published algorithms, not from the TypeScript:
- Mulberry32 (Tommy Ettinger, 2017), whose C original is
    uint32_t z = (state += 0x6D2B79F5); z = (z ^ z >> 15) * (z | 1);
    z ^= z + (z ^ z >> 7) * (z | 61); return z ^ z >> 14;
  divided by 2^32;
- Poisson by inversion: the smallest k with F(k) >= u, F summed term by term;
- Hörmann (1993), "The transformed rejection method for generating Poisson random variables",
  Insurance: Mathematics and Economics 12:39-45, algorithm PTRS, with scipy.special.gammaln;
- competition ranks (1 + how many are strictly higher) on exact fractions, and the
  ceil(0.025 runs)-th and ceil(0.975 runs)-th smallest rank.
"""
import math
from fractions import Fraction

from scipy.special import gammaln
from scipy.stats import poisson

M = 0xFFFFFFFF


def mulberry32(seed):
    s = seed & M

    def nxt():
        nonlocal s
        s = (s + 0x6D2B79F5) & M
        z = s
        z = ((z ^ (z >> 15)) * (z | 1)) & M
        z = (z ^ ((z + ((z ^ (z >> 7)) * (z | 61))) & M)) & M
        return (z ^ (z >> 14)) / 4294967296

    return nxt


def inversion(mean, rnd):
    k = 0
    p = math.exp(-mean)
    cdf = p
    u = rnd()
    while u > cdf:
        k += 1
        p *= mean / k
        cdf += p
        if p == 0:
            break
    return k


TRACE = []


def ptrs(mean, rnd):
    slam = math.sqrt(mean)
    loglam = math.log(mean)
    b = 0.931 + 2.53 * slam
    a = -0.059 + 0.02483 * b
    invalpha = 1.1239 + 1.1328 / (b - 3.4)
    vr = 0.9277 - 3.6224 / (b - 2)
    while True:
        U = rnd() - 0.5
        V = rnd()
        us = 0.5 - abs(U)
        k = math.floor((2 * a / us + b) * U + mean + 0.43)
        if us >= 0.07 and V <= vr:  # step 1: quick acceptance
            TRACE.append("quick")
            return k
        if k < 0 or (us < 0.013 and V > us):  # step 2
            TRACE.append("reject in step 2")
            continue
        lhs = math.log(V) + math.log(invalpha) - math.log(a / (us * us) + b)
        if lhs <= -mean + k * loglam - gammaln(k + 1):  # step 3
            TRACE.append("accept in step 3")
            return k
        TRACE.append("reject in step 3")


def draw(mean, rnd):
    if mean == 0:
        return 0
    return inversion(mean, rnd) if mean < 30 else ptrs(mean, rnd)


def rank_intervals(units, runs=2000, seed=20140101):
    rnd = mulberry32(seed)
    ranks = [[] for _ in units]
    for _ in range(runs):
        drawn = [Fraction(draw(n, rnd)) / Fraction(d) for n, d in units]
        for i, x in enumerate(drawn):
            ranks[i].append(1 + sum(1 for y in drawn if y > x))
    lo = math.ceil(0.025 * runs) - 1
    hi = math.ceil(0.975 * runs) - 1
    return [(sorted(r)[lo], sorted(r)[hi]) for r in ranks]


def scripted(values):
    it = iter(values)
    return lambda: next(it)


if __name__ == "__main__":
    for seed in [0, 1, 20140101, 4294967295, -1]:
        g = mulberry32(seed)
        print("mulberry32", seed, [repr(g()) for _ in range(4)])
    for mean in [0.7, 5, 29.5, 30, 31.7, 480, 12000]:
        base = mulberry32(7)
        used = 0

        def rnd():
            global used
            used += 1
            return base()

        ks = [draw(mean, rnd) for _ in range(3000)]
        print("draws", mean, "sum", sum(ks), "sum of squares", sum(k * k for k in ks), "uniforms", used, "first", ks[:8])
    for mean, u in [(2, math.exp(-2)), (2, math.exp(-2) + 2**-55), (29.99, 0.5), (29.99, 0.47), (5, 0.999), (5, 0.0001), (29, 1 - 2**-53)]:
        print("inversion", mean, u, inversion(mean, scripted([u])), "scipy ppf", poisson.ppf(u, mean))
    for mean, values in [
        (30, [0.3, 0.5]),
        (30, [0.02, 0.5, 0.3, 0.5]),
        (30, [0.8, 0.99, 0.3, 0.5]),
        (30, [0.08, 0.6]),
        (30, [0.08, 0.71, 0.3, 0.5]),
        (30, [0.0135, 1e-16, 0.3, 0.5]),
        (30, [0.0135, 0.5, 0.3, 0.5]),
        (30, [0.013, 1e-12, 0.3, 0.5]),
        (30, [0.012, 1e-16, 0.3, 0.5]),
        (30, [0.012, 0, 0.3, 0.5]),
        (480, [0.995, 0.5, 0.3, 0.5]),
        (480, [0.995, 1e-40, 0.3, 0.5]),
        (480, [0.95, 0.3, 0.3, 0.5]),
    ]:
        TRACE.clear()
        print("ptrs", mean, values, ptrs(mean, scripted(values)), TRACE)
    units = [(200, 10000), (20, 1000), (215, 10000), (230, 10000), (24, 1000), (245, 10000), (260, 10000), (26, 1000), (280, 10000), (300, 10000), (0, 500), (35, 1200)]
    print("rank intervals, 41 runs, seed 3", rank_intervals(units, 41, 3))
    print("rank intervals, 123 runs, seed 99", rank_intervals(units, 123, 99))
    print("rank intervals, defaults", rank_intervals(units))
