import { invertSymmetric } from './invert-symmetric.js';

/** A Poisson log-linear fit, as R's glm(family = poisson) or quasipoisson reports it. */
export interface PoissonFit {
  coefficients: number[];
  /** (XᵀWX)⁻¹ at the fit: the covariance of the coefficients when the dispersion is 1. */
  unscaledCovariance: number[][];
  /** Fitted means μ = exp(Xβ + offset). */
  fitted: number[];
  deviance: number;
  /** Pearson's χ² = Σ (y − μ)² / μ. */
  pearsonChi2: number;
  /** n − p. */
  dfResidual: number;
  /** Quasi-Poisson dispersion φ = Pearson χ² / (n − p), as summary.glm for quasipoisson. */
  dispersion: number;
  iterations: number;
}

/**
 * Poisson regression with log link by iteratively reweighted least squares, as R's glm.fit:
 * start at μ = y + 0.1, then repeatedly regress the working response z = η − offset + (y − μ)/μ
 * on X with weights μ, until the deviance changes by less than 1e-8 relative
 * (|D − D_old| / (|D| + 0.1) < 1e-8, at most 25 iterations). `x` is the design matrix
 * (one row per observation, intercept column included by the caller), `offset` e.g.
 * log(population). Counts must be ≥ 0; throws when the fit does not converge or the terms
 * cannot all be estimated.
 * @example
 * // counts 10, 20, 40 in years 0, 1, 2 with equal populations: the rate doubles each year
 * poissonRegression([[1, 0], [1, 1], [1, 2]], [10, 20, 40]).coefficients // [2.3026, 0.6931] = [ln 10, ln 2]
 */
export function poissonRegression(x: readonly (readonly number[])[], y: readonly number[], offset?: readonly number[]): PoissonFit {
  const n = y.length;
  const p = x[0]?.length ?? 0;
  if (n === 0 || x.length !== n || x.some((r) => r.length !== p)) throw new RangeError('poissonRegression: x needs one row per count, all of one length');
  if (y.some((v) => !(v >= 0) || !Number.isFinite(v))) throw new RangeError('poissonRegression: counts must be finite and >= 0');
  const off = offset ?? new Array<number>(n).fill(0);
  if (off.length !== n || off.some((v) => !Number.isFinite(v))) throw new RangeError('poissonRegression: the offset needs one finite value per count');
  if (n <= p) throw new RangeError(`poissonRegression: ${n} counts cannot estimate ${p} terms`);

  let mu = y.map((v) => v + 0.1);
  let eta = mu.map(Math.log);
  let devOld = deviance(y, mu);
  /* eslint-disable @typescript-eslint/no-non-null-assertion -- an IRLS kernel: i runs over the n counts, and y,
     mu, eta, off and x have n entries each; a and b run over the p terms, and every row of x (checked above),
     score and information have p entries. */
  for (let iter = 1; iter <= 25; iter++) {
    // Weighted least squares of z on X with weights μ: (XᵀWX) β = XᵀWz.
    const information = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const score = new Array<number>(p).fill(0);
    for (let i = 0; i < n; i++) {
      const w = mu[i]!;
      const z = eta[i]! - off[i]! + (y[i]! - mu[i]!) / mu[i]!;
      const row = x[i]!;
      for (let a = 0; a < p; a++) {
        score[a]! += w * row[a]! * z;
        for (let b = 0; b <= a; b++) information[a]![b]! += w * row[a]! * row[b]!;
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) information[b]![a] = information[a]![b]!;
    const inverse = invertSymmetric(information);
    const beta = inverse.map((r) => r.reduce((s, v, b) => s + v * score[b]!, 0));
    eta = x.map((row, i) => row.reduce((s, v, a) => s + v * beta[a]!, 0) + off[i]!);
    mu = eta.map(Math.exp);
    const dev = deviance(y, mu);
    if (!Number.isFinite(dev)) throw new RangeError('poissonRegression: the fit diverged');
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < 1e-8) {
      // The covariance at the converged means (R takes it from the last weights; they agree to ~1e-8).
      const unscaledCovariance = invertSymmetric(weightedCrossProduct(x, mu, p));
      const pearsonChi2 = y.reduce((s, v, i) => s + (v - mu[i]!) ** 2 / mu[i]!, 0);
      return { coefficients: beta, unscaledCovariance, fitted: mu, deviance: dev, pearsonChi2, dfResidual: n - p, dispersion: pearsonChi2 / (n - p), iterations: iter };
    }
    devOld = dev;
  }
  /* eslint-enable @typescript-eslint/no-non-null-assertion */
  throw new RangeError('poissonRegression: no convergence in 25 iterations');
}

/** Poisson deviance 2 Σ [y ln(y/μ) − (y − μ)], with y ln(y/μ) = 0 at y = 0. */
function deviance(y: readonly number[], mu: readonly number[]): number {
  // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- mu has one mean per count in y.
  return 2 * y.reduce((s, v, i) => s + (v > 0 ? v * Math.log(v / mu[i]!) : 0) - (v - mu[i]!), 0);
}

/** XᵀWX with weights w, for a design matrix x of p columns. */
function weightedCrossProduct(x: readonly (readonly number[])[], w: readonly number[], p: number): number[][] {
  const out = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  x.forEach((row, i) => {
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- out is p × p, each row of x has p entries, w one per row.
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) out[a]![b]! += w[i]! * row[a]! * row[b]!;
  });
  return out;
}
