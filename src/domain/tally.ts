import type { Observation } from './observation.js';
import { NATIONAL_CODE, type Region, type RegionIndex } from './regions.js';
import { matchKey } from './text.js';
import { wilsonInterval } from '../stats/wilson.js';
import type { Interval } from '../stats/poisson.js';

/** One answer to one method: the regions that gave it, of how many answering, and their share with its 95% Wilson interval. */
export interface AnswerCount {
  method: string;
  answer: string;
  /** How many regions gave this answer (Riket, not a region, is never counted). */
  n: number;
  /** The regions among them, in code order. */
  regions: Region[];
  /** The regions that answered anything for this method. */
  of: number;
  /** n ÷ of, a proportion (0–1). */
  share: number;
  interval: Interval;
}

/** "10 of 21 regions answered god or relativt god": the answers added up for one method, with the 95% Wilson interval of their share. */
export interface TallyHeadline {
  method: string;
  /** The answers added up, as the user wrote them. */
  answers: string[];
  hits: number;
  total: number;
  interval: Interval;
}

/** What `tally` computes, ready for render/tally.ts. */
export interface TallyResult {
  /** The column the answers were read from. */
  column: string;
  /** The answers of each method in turn, most regions first. */
  answers: AnswerCount[];
  /** One per method when answers to add up were given. */
  headlines: TallyHeadline[];
  /** The file read, or undefined for the bundled access-2014.csv. */
  input: string | undefined;
  /** The answers the input gives Riket: left out of every count (Riket is not a region), and said so. */
  nationalAnswers: NationalAnswer[];
}

/** An answer the input gives Riket (region 00) for one method. */
export interface NationalAnswer {
  method: string;
  answer: string;
}

/**
 * Regions per answer for one method, most regions first (ties by answer, Swedish order), with
 * Wilson intervals. Riket is not a region: its answer, when the input gives one, is counted
 * neither among the answers nor in the total, and comes back apart. Pure.
 */
export function countAnswers(obs: readonly Observation[], regions: RegionIndex, method: string): { answers: AnswerCount[]; total: number; national: string[] } {
  const byAnswer = new Map<string, Set<string>>();
  const answered = new Set<string>();
  const national = new Set<string>();
  for (const o of obs) {
    if (o.method !== method || o.category === undefined || o.category === '') continue;
    if (o.region === NATIONAL_CODE) {
      national.add(o.category);
      continue;
    }
    byAnswer.set(o.category, (byAnswer.get(o.category) ?? new Set<string>()).add(o.region));
    answered.add(o.region);
  }
  const total = answered.size;
  const answers = [...byAnswer.entries()]
    .sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0], 'sv'))
    .map(([answer, set]) => ({
      method,
      answer,
      n: set.size,
      regions: regions.regions.filter((r) => set.has(r.code)),
      of: total,
      share: set.size / total,
      interval: wilsonInterval(set.size, total),
    }));
  return { answers, total, national: [...national] };
}

/** The regions that gave any of the `positive` answers (compared as {@link matchKey} compares), of `total`. Pure. */
export function headline(answers: readonly AnswerCount[], total: number, positive: string[], method: string): TallyHeadline {
  const wanted = positive.map(matchKey);
  const hits = answers.filter((a) => wanted.includes(matchKey(a.answer))).reduce((s, a) => s + a.n, 0);
  return { method, answers: positive, hits, total, interval: wilsonInterval(hits, total) };
}

/**
 * The answers of each method and, when `positive` names answers, each method's headline; apart,
 * the methods no region answered (only Riket, or nothing), whose tally would be "0 of 0
 * regions" and which the command refuses. Pure.
 */
export function tally(
  obs: readonly Observation[],
  regions: RegionIndex,
  methods: readonly string[],
  positive: string[] | undefined,
): Pick<TallyResult, 'answers' | 'headlines' | 'nationalAnswers'> & { unanswered: string[] } {
  const answers: AnswerCount[] = [];
  const headlines: TallyHeadline[] = [];
  const nationalAnswers: NationalAnswer[] = [];
  const unanswered: string[] = [];
  for (const m of methods) {
    const t = countAnswers(obs, regions, m);
    if (t.total === 0) {
      unanswered.push(m);
      continue;
    }
    answers.push(...t.answers);
    nationalAnswers.push(...t.national.map((answer) => ({ method: m, answer })));
    if (positive) headlines.push(headline(t.answers, t.total, positive, m));
  }
  return { answers, headlines, nationalAnswers, unanswered };
}
