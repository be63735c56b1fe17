import { beforeEach, describe, expect, it } from 'vitest';
import { invertSymmetric } from '../../src/stats/invert-symmetric.js';
import { poissonRegression } from '../../src/stats/poisson-regression.js';
import { segmentedPoisson } from '../../src/stats/segmented-poisson.js';
import { segmentedPoissonVsRest } from '../../src/stats/segmented-poisson-vs-rest.js';
import { waldRatio } from '../../src/stats/wald-ratio.js';

/*
 * Reference values from R 4.2.2 (Debian bookworm r-base-core), printed with options(digits = 15).
 * The data: fixtures/its-illustrative.csv (MMR, Region Jönköpings län and Riket) with the bundled
 * SCB population (Riket = the sum of the regions, 2025 as published), dumped to its.csv:
 *
 *   d <- read.csv("its.csv")   # year, jk, jk_pop, riket, riket_pop
 *   d$after <- as.numeric(d$year >= 2021)
 *   d$years_after <- ifelse(d$year >= 2021, d$year - 2021, 0)
 *   m <- glm(jk ~ year + after + years_after, family = quasipoisson, offset = log(jk_pop), data = d)
 *   coef(m); summary(m)$dispersion; exp(confint.default(m)); fitted(m)
 *   b <- coef(m); exp(b[1] + b[2] * d$year + log(d$jk_pop))          # counterfactual
 *   r <- data.frame(year = rep(d$year, 2), count = c(d$jk, d$riket - d$jk),
 *                   pop = c(d$jk_pop, d$riket_pop - d$jk_pop), is_region = rep(c(1, 0), each = nrow(d)))
 *   r$after <- as.numeric(r$year >= 2021); r$years_after <- ifelse(r$year >= 2021, r$year - 2021, 0)
 *   m2 <- glm(count ~ (year + after + years_after) * is_region, family = quasipoisson, offset = log(pop), data = r)
 *   coef(m2); summary(m2)$dispersion; exp(confint.default(m2)); fitted(m2)
 */
const years = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];
const jk = [201, 260, 275, 210, 256, 250, 270, 298, 320, 333, 371, 445];
const jkPop = [344262, 347837, 352735, 357237, 360825, 363599, 365010, 367064, 369113, 368856, 370009, 369722];
const riket = [6167, 6419, 6654, 6526, 6466, 6669, 6772, 6510, 6901, 6854, 7084, 6615];
const riketPop = [9747355, 9851017, 9995153, 10120242, 10230185, 10327589, 10379295, 10452326, 10521556, 10551707, 10587710, 10605529];
const region = years.map((year, i) => ({ year, count: jk[i]!, population: jkPop[i]! }));
const rest = years.map((year, i) => ({ year, count: riket[i]! - jk[i]!, population: riketPop[i]! - jkPop[i]! }));

/** Relative closeness: R stops at a 1e-8 relative change in deviance, so agreement is to ~1e-7. */
function close(actual: number, expected: number, rel = 1e-6) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

// Fits are made in beforeEach, not while the file is collected, so that mutation testing sees
// which tests reach the statistics (code run at collection time counts as covered by no test).
describe('segmentedPoisson against R glm(quasipoisson) + confint.default', () => {
  let fit: ReturnType<typeof segmentedPoisson>;
  beforeEach(() => {
    fit = segmentedPoisson(region, 2021);
  });

  it('level and slope change with Wald 95% limits', () => {
    // exp(coef): after 1.07036…, years_after 1.08568…; limits from exp(confint.default(m)).
    close(fit.levelChange.estimate, Math.exp(0.0679960509358658));
    close(fit.levelChange.lower, 0.864742513451329);
    close(fit.levelChange.upper, 1.324871654934);
    close(fit.slopeChange.estimate, Math.exp(0.0822130050503954));
    close(fit.slopeChange.lower, 1.01799149201286);
    close(fit.slopeChange.upper, 1.15788428731389);
    close(fit.trendBefore.estimate, Math.exp(0.0142165383518716));
    close(fit.trendBefore.lower, 0.977107661178234);
    close(fit.trendBefore.upper, 1.05294554117863);
  });

  it('dispersion as Pearson χ² / (n − p)', () => {
    close(fit.dispersion, 2.49469581916096);
    expect(fit.dfResidual).toBe(8);
  });

  it('fitted values and the counterfactual (the pre-break trend continued)', () => {
    const fitted = [
      227.777361191505, 233.437923165511, 240.114481050685, 246.660947786106, 252.705530591355, 258.294388279658, 263.009367935203, 287.152579293609, 317.986797147607,
      349.933417498163, 386.562456386444, 425.364749674191,
    ];
    const counterfactual = [
      227.777361191505, 233.437923165511, 240.114481050685, 246.660947786106, 252.705530591355, 258.294388279658, 263.009367935203, 268.276364158241, 273.636561361612,
      277.361258732817, 282.211949802315, 286.030647520643,
    ];
    fit.fitted.forEach((v, i) => close(v, fitted[i]!));
    fit.counterfactual.forEach((v, i) => close(v, counterfactual[i]!));
  });

  it('refuses fewer than 3 years on either side', () => {
    expect(() => segmentedPoisson(region, 2024)).toThrow(/3 years on each side of 2024 \(have 10 before, 2 from it\)/);
    expect(() => segmentedPoisson(region, 2016)).toThrow(/have 2 before/);
    expect(() => segmentedPoisson(region, 2017)).not.toThrow();
  });
});

describe('segmentedPoissonVsRest against R: count ~ (year + after + years_after) * is_region', () => {
  let fit: ReturnType<typeof segmentedPoissonVsRest>;
  beforeEach(() => {
    fit = segmentedPoissonVsRest(region, rest, 2021);
  });

  it('relative level and slope change (ratio of ratios) with Wald limits', () => {
    close(fit.levelChange.estimate, Math.exp(0.081788037794976));
    close(fit.levelChange.lower, 0.825733375102711);
    close(fit.levelChange.upper, 1.42626540557647);
    close(fit.slopeChange.estimate, Math.exp(0.0852762652640273));
    close(fit.slopeChange.lower, 1.00257178061254);
    close(fit.slopeChange.upper, 1.18291774447848);
  });

  it('dispersion over both series, and each series fitted as alone', () => {
    close(fit.dispersion, 3.92431579259246);
    expect(fit.dfResidual).toBe(16);
    // Fully interacted: the region's fitted values are those of its own model (R prints the same).
    const restFitted = [
      6059.580365741663, 6125.337194877882, 6216.361010822638, 6295.395408898963, 6365.283038688748, 6427.635483795189, 6461.407497174714, 6419.390765850649, 6443.711067993738,
      6444.567228333714, 6448.169275948515, 6441.161661873266,
    ];
    fit.rest.fitted.forEach((v, i) => close(v, restFitted[i]!));
    close(fit.region.fitted[11]!, 425.364749674185);
    close(fit.region.counterfactual[11]!, 286.030647520643);
  });
});

describe('segmentedPoisson on small counts with a zero (R, under-dispersed)', () => {
  /*
   * d <- data.frame(year = 2010:2017, count = c(0, 2, 1, 3, 5, 9, 8, 12),
   *                 pop = c(57000, 57100, 57200, 57300, 57400, 57600, 57800, 58000))
   * d$after <- as.numeric(d$year >= 2014); d$years_after <- ifelse(d$year >= 2014, d$year - 2014, 0)
   * m <- glm(count ~ year + after + years_after, family = quasipoisson, offset = log(pop), data = d)
   */
  const counts = [0, 2, 1, 3, 5, 9, 8, 12];
  const pops = [57000, 57100, 57200, 57300, 57400, 57600, 57800, 58000];
  let fit: ReturnType<typeof segmentedPoisson>;
  beforeEach(() => {
    fit = segmentedPoisson(
      counts.map((count, i) => ({ year: 2010 + i, count, population: pops[i]! })),
      2014,
    );
  });

  it('matches R, dispersion below 1 kept as R keeps it', () => {
    close(fit.dispersion, 0.680498642126768, 1e-5);
    close(fit.levelChange.estimate, Math.exp(0.085911944288231), 1e-5);
    close(fit.levelChange.lower, 0.242769775299296, 1e-5);
    close(fit.levelChange.upper, 4.89133660289056, 1e-5);
    close(fit.slopeChange.lower, 0.343855943813935, 1e-5);
    close(fit.slopeChange.upper, 1.4566327966174, 1e-5);
    const fitted = [0.510586115801722, 0.914733771850973, 1.638774109031985, 2.935906003374835, 5.731587946164729, 7.279697306893529, 9.245841547724938, 11.742873199220524];
    fit.fitted.forEach((v, i) => close(v, fitted[i]!, 1e-5));
  });
});

describe('the pieces', () => {
  it('invertSymmetric inverts and refuses a singular matrix', () => {
    expect(
      invertSymmetric([
        [4, 2],
        [2, 3],
      ]),
    ).toEqual(
      [
        [0.375, -0.25],
        [-0.25, 0.5],
        // eslint-disable-next-line @typescript-eslint/no-unsafe-return -- vitest types its asymmetric matcher expect.closeTo as any.
      ].map((r) => r.map((v) => expect.closeTo(v, 12))),
    );
    expect(() =>
      invertSymmetric([
        [1, 1],
        [1, 1],
      ]),
    ).toThrow(/not positive definite/);
  });

  it('poissonRegression recovers an exact doubling', () => {
    const fit = poissonRegression(
      [
        [1, 0],
        [1, 1],
        [1, 2],
      ],
      [10, 20, 40],
    );
    close(fit.coefficients[0]!, Math.log(10));
    close(fit.coefficients[1]!, Math.log(2));
    expect(fit.deviance).toBeLessThan(1e-9);
  });

  it('poissonRegression refuses too few counts and negative counts', () => {
    expect(() =>
      poissonRegression(
        [
          [1, 0],
          [1, 1],
        ],
        [3, 4],
      ),
    ).toThrow(/cannot estimate 2 terms/);
    expect(() =>
      poissonRegression(
        [
          [1, 0],
          [1, 1],
          [1, 2],
        ],
        [3, -1, 4],
      ),
    ).toThrow(/>= 0/);
  });

  it('waldRatio is exp(β ∓ 1.959964·se)', () => {
    const r = waldRatio(Math.log(2), 0.1);
    close(r.lower, 2 * Math.exp(-1.959963984540054 * 0.1), 1e-9);
    close(r.upper, 2 * Math.exp(1.959963984540054 * 0.1), 1e-9);
  });
});
