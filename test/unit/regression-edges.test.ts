import { describe, expect, it } from 'vitest';
import { invertSymmetric } from '../../src/stats/invert-symmetric.js';
import { poissonRegression } from '../../src/stats/poisson-regression.js';
import { segmentedPoisson } from '../../src/stats/segmented-poisson.js';
import { segmentedPoissonVsRest } from '../../src/stats/segmented-poisson-vs-rest.js';
import { quantile7, spread } from '../../src/stats/spread.js';

/*
 * Every field of a Poisson fit, the refusals of the regression pieces, and the edges of spread.
 * Reference values from R 4.2.2 (Debian bookworm r-base-core), options(digits = 17):
 *   y <- c(3, 7, 4, 12, 9); x <- 0:4; pop <- c(100, 120, 110, 130, 125)
 *   m <- glm(y ~ x, family = poisson, offset = log(pop))
 *   coef(m); deviance(m); sum(residuals(m, type = "pearson")^2); df.residual(m); m$iter; fitted(m)
 *   summary(m)$cov.unscaled; summary(glm(y ~ x, family = quasipoisson, offset = log(pop)))$dispersion
 */
function close(actual: number, expected: number, rel = 1e-7) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe('poissonRegression: every field as R glm reports it', () => {
  it('with an offset', () => {
    const pop = [100, 120, 110, 130, 125];
    const fit = poissonRegression(
      [0, 1, 2, 3, 4].map((x) => [1, x]),
      [3, 7, 4, 12, 9],
      pop.map(Math.log),
    );
    close(fit.coefficients[0]!, -3.2796068737678001);
    close(fit.coefficients[1]!, 0.2017570169241481);
    close(fit.deviance, 2.5891103900608035);
    close(fit.pearsonChi2, 2.5828124487813757, 1e-6);
    expect(fit.dfResidual).toBe(3);
    close(fit.dispersion, 0.86093769331017755, 1e-6);
    // R's glm.fit starts at μ = y + 0.1 and stops on the same relative change in deviance
    expect(fit.iterations).toBe(4);
    [3.7643052370070476, 5.5269818332631857, 6.1989971308129181, 8.9638392905597808, 10.545876508358255].forEach((v, i) => close(fit.fitted[i]!, v));
    close(fit.unscaledCovariance[0]![0]!, 0.12591416725033763, 1e-6);
    close(fit.unscaledCovariance[0]![1]!, -0.039160877294740798, 1e-6);
    close(fit.unscaledCovariance[1]![0]!, -0.039160877294740798, 1e-6);
    close(fit.unscaledCovariance[1]![1]!, 0.015754377054460155, 1e-6);
  });

  it('with a zero count and no offset: glm(c(0, 1, 3, 2) ~ c(0, 1, 2, 3), family = poisson)', () => {
    const fit = poissonRegression(
      [0, 1, 2, 3].map((x) => [1, x]),
      [0, 1, 3, 2],
    );
    close(fit.coefficients[0]!, -0.6721931104420551, 1e-6);
    close(fit.coefficients[1]!, 0.58306997029824514, 1e-6);
    close(fit.deviance, 2.2707605518009935, 1e-7);
    expect(fit.iterations).toBe(5);
  });

  it('refuses a design that does not fit the counts, bad counts and bad offsets', () => {
    expect(() => poissonRegression([], [])).toThrow(/one row per count/);
    expect(() =>
      poissonRegression(
        [
          [1, 0],
          [1, 1],
        ],
        [1, 2, 3],
      ),
    ).toThrow(/one row per count/);
    expect(() => poissonRegression([[1, 0], [1, 1], [1]], [1, 2, 3])).toThrow(/one row per count/);
    expect(() =>
      poissonRegression(
        [
          [1, 0],
          [1, 1],
          [1, 2],
        ],
        [1, Number.NaN, 3],
      ),
    ).toThrow(/finite and >= 0/);
    expect(() =>
      poissonRegression(
        [
          [1, 0],
          [1, 1],
          [1, 2],
        ],
        [1, Infinity, 3],
      ),
    ).toThrow(/finite and >= 0/);
    expect(() =>
      poissonRegression(
        [
          [1, 0],
          [1, 1],
          [1, 2],
        ],
        [1, 2, 3],
        [0, 0],
      ),
    ).toThrow(/offset/);
    expect(() =>
      poissonRegression(
        [
          [1, 0],
          [1, 1],
          [1, 2],
        ],
        [1, 2, 3],
        [0, Number.NaN, 0],
      ),
    ).toThrow(/offset/);
    expect(() =>
      poissonRegression(
        [
          [1, 0],
          [1, 1],
          [1, 2],
        ],
        [1, 2, 3],
        [0, -Infinity, 0],
      ),
    ).toThrow(/offset/);
    expect(() =>
      poissonRegression(
        [
          [1, 0, 0],
          [1, 1, 1],
          [1, 2, 4],
        ],
        [1, 2, 3],
      ),
    ).toThrow(/3 counts cannot estimate 3 terms/);
    // a constant column twice: the terms are not all estimable
    expect(() =>
      poissonRegression(
        [
          [1, 1],
          [1, 1],
          [1, 1],
        ],
        [1, 2, 3],
      ),
    ).toThrow(/not positive definite/);
  });
});

describe('invertSymmetric', () => {
  it('inverts a 3 × 3 matrix as R solve()', () => {
    // A <- matrix(c(4, 2, 0.6, 2, 5, 1, 0.6, 1, 3), 3); solve(A)
    const inv = invertSymmetric([
      [4, 2, 0.6],
      [2, 5, 1],
      [0.6, 1, 3],
    ]);
    const r = [
      [0.31390134529147984, -0.1210762331838565, -0.022421524663677129],
      [-0.1210762331838565, 0.2609865470852018, -0.062780269058295965],
      [-0.022421524663677129, -0.062780269058295965, 0.35874439461883406],
    ];
    inv.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(r[i]![j]!, 14)));
  });

  it('refuses a matrix that is not square, not positive definite or not finite', () => {
    expect(() => invertSymmetric([[1, 0], [0]])).toThrow(/square/);
    expect(() =>
      invertSymmetric([
        [-1, 0],
        [0, 1],
      ]),
    ).toThrow(/not positive definite/);
    expect(() =>
      invertSymmetric([
        [0, 0],
        [0, 1],
      ]),
    ).toThrow(/not positive definite/);
    expect(() =>
      invertSymmetric([
        [Infinity, 0],
        [0, 1],
      ]),
    ).toThrow(/not positive definite/);
    expect(() =>
      invertSymmetric([
        [1, 2],
        [2, 1],
      ]),
    ).toThrow(/not positive definite/);
    expect(invertSymmetric([[2]])[0]![0]!).toBeCloseTo(0.5, 15);
    expect(invertSymmetric([])).toEqual([]);
  });
});

describe('segmented Poisson edges', () => {
  const years = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];
  const jk = [201, 260, 275, 210, 256, 250, 270, 298, 320, 333, 371, 445];
  const jkPop = [344262, 347837, 352735, 357237, 360825, 363599, 365010, 367064, 369113, 368856, 370009, 369722];
  const region = () => years.map((year, i) => ({ year, count: jk[i]!, population: jkPop[i]! }));

  it('honours the level: R exp(confint.default(m, level = 0.9)) for the model of segmented-poisson.test.ts', () => {
    const fit = segmentedPoisson(region(), 2021, 0.9);
    close(fit.trendBefore.lower, 0.98299668614840607, 1e-6);
    close(fit.trendBefore.upper, 1.0466374603156825, 1e-6);
    close(fit.levelChange.lower, 0.89491427259635159, 1e-6);
    close(fit.levelChange.upper, 1.2802040150328426, 1e-6);
    close(fit.slopeChange.lower, 1.0285832743184296, 1e-6);
    close(fit.slopeChange.upper, 1.1459610346104112, 1e-6);
    expect(fit.breakYear).toBe(2021);
  });

  it('takes exactly three years on each side', () => {
    expect(() => segmentedPoisson(region(), 2023)).not.toThrow(); // 2023, 2024, 2025 from the break
    expect(() => segmentedPoisson(region(), 2017)).not.toThrow(); // 2014, 2015, 2016 before it
    const rest = region().map((p) => ({ ...p, count: p.count * 20, population: p.population * 25 }));
    expect(() => segmentedPoissonVsRest(region(), rest, 2023)).not.toThrow();
    expect(() => segmentedPoissonVsRest(region(), rest, 2017)).not.toThrow();
  });

  it('refuses a population that is not positive', () => {
    const bad = region().map((p, i) => (i === 4 ? { ...p, population: 0 } : p));
    expect(() => segmentedPoisson(bad, 2021)).toThrow(/populations must be > 0/);
  });

  it('against the rest: the same years, three on each side, positive populations', () => {
    const rest = region().map((p) => ({ ...p, count: p.count * 20, population: p.population * 25 }));
    expect(() => segmentedPoissonVsRest(region(), rest.slice(1), 2021)).toThrow(/same years/);
    expect(() => segmentedPoissonVsRest(region(), rest.slice(0, 11), 2021)).toThrow(/same years/);
    expect(() =>
      segmentedPoissonVsRest(
        region(),
        rest.map((p, i) => (i === 3 ? { ...p, year: 2030 } : p)),
        2021,
      ),
    ).toThrow(/same years/);
    expect(() => segmentedPoissonVsRest(region(), rest, 2024)).toThrow(/3 years on each side of 2024 \(have 10 before, 2 from it\)/);
    expect(() => segmentedPoissonVsRest(region(), rest, 2016)).toThrow(/have 2 before, 10 from it/);
    expect(() =>
      segmentedPoissonVsRest(
        region(),
        rest.map((p, i) => (i === 2 ? { ...p, population: 0 } : p)),
        2021,
      ),
    ).toThrow(/populations must be > 0/);
    const fit = segmentedPoissonVsRest(region(), rest, 2017);
    expect(fit.breakYear).toBe(2017);
    expect(fit.dfResidual).toBe(24 - 8);
    // The rest is the region's counts × 20 on populations × 25: the same shape, so the region's
    // changes relative to the rest's are exactly 1, and only the level depends on is_region.
    close(fit.levelChange.estimate, 1, 1e-9);
    close(fit.slopeChange.estimate, 1, 1e-9);
    close(fit.rest.fitted[0]! / fit.region.fitted[0]!, 20, 1e-9);
    close(fit.rest.counterfactual[11]! / fit.region.counterfactual[11]!, 20, 1e-9);
    // narrower at 80% than at 95%
    const f80 = segmentedPoissonVsRest(region(), rest, 2017, 0.8);
    expect(f80.levelChange.upper - f80.levelChange.lower).toBeLessThan(fit.levelChange.upper - fit.levelChange.lower);
  });
});

describe('spread edges', () => {
  it('quantile7 at 0 and 1 is the minimum and maximum; no values is refused', () => {
    expect(quantile7([1, 5, 9], 0)).toBe(1);
    expect(quantile7([1, 5, 9], 1)).toBe(9);
    expect(quantile7([1, 5, 9], 0.75)).toBe(7); // R: quantile(c(1, 5, 9), 0.75) = 7
    expect(() => quantile7([], 0.5)).toThrow(RangeError);
  });

  it('a minimum of 0 has no finite max/min ratio; a mean of 0 no coefficient of variation', () => {
    const s = spread([0, 4, 2]);
    expect(s.min).toBe(0);
    expect(s.max).toBe(4);
    expect(s.maxMinRatio).toBe(Infinity);
    expect(s.cv).toBe(1); // mean 2, sd 2 (R: sd(c(0, 4, 2)) = 2)
    expect(spread([0, 0]).cv).toBeNaN();
    expect(spread([0, 0]).maxMinRatio).toBe(Infinity); // not 0/0
    expect(spread([-1, 1]).cv).toBeNaN(); // mean 0: no CV, not sd/0 = Infinity
    expect(spread([3, 1]).median).toBe(2); // sorted before the quantiles are taken
  });
});
