import type { Observation, ObservationColumns, Sex } from './observation.js';

/** Observations as columns of ids into their distinct values, for a writer that takes columns (render/tidy-csv.ts). */
export function observationColumns(observations: readonly Observation[]): ObservationColumns {
  const dict = <T>() => {
    const ids = new Map<T, number>();
    const values: T[] = [];
    return { values, id: (v: T) => ids.get(v) ?? (ids.set(v, values.length), values.push(v) - 1) };
  };
  const region = dict<string>(),
    year = dict<number>(),
    method = dict<string>(),
    sex = dict<Sex>(),
    age = dict<string>();
  const all = new Int32Array(observations.length * 5);
  observations.forEach((o, i) => all.set([region.id(o.region), year.id(o.year), method.id(o.method), sex.id(o.sex), age.id(o.age)], i * 5));
  return {
    size: observations.length,
    dictionaries: { region: region.values, year: year.values, method: method.values, sex: sex.values, age: age.values },
    ids: (i, into, at = 0) => into.set(all.subarray(i * 5, i * 5 + 5), at),
    value: (i) => observations[i]?.value ?? null,
    [Symbol.iterator]: () => observations[Symbol.iterator](),
  };
}

/** The observations (by index) whose region is one of `codes`, in order. */
export function rowsOfRegions(cols: ObservationColumns, codes: ReadonlySet<string>): Int32Array {
  const wanted = cols.dictionaries.region.map((code) => codes.has(code));
  const ids = new Int32Array(5);
  const rows: number[] = [];
  for (let i = 0; i < cols.size; i++) {
    cols.ids(i, ids);
    const region = ids[0];
    if (region !== undefined && wanted[region]) rows.push(i);
  }
  return Int32Array.from(rows);
}
