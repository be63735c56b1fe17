import { dataError, usageError } from '../errors.js';
import { parseNumber, type DecimalMark } from '../parse/number.js';
import type { Row } from '../parse/records.js';
import type { TableBlock } from '../parse/table.js';
import { ALL_AGES, type Measure, type Observation, type Sex } from '../domain/observation.js';
import { NATIONAL_CODE, type RegionIndex } from '../domain/regions.js';
import { matchKey } from '../domain/text.js';
import { canonicalMethod, isSubYearPeriod, parseAge, parseSex, parseYear, roleOfHeader, roleSynonyms, type Role } from '../domain/vocabulary.js';
import { shown } from './text.js';
import { valueProblem, rateLikeHeader } from './validate.js';
import { msg, sexWord, type Message, type Text } from '../messages/index.js';

/**
 * Shaping turns the rows of a located table into observations: it decides which column plays
 * which role, turns wide tables (years or methods as columns) into long ones, counts
 * record-level rows, resolves regions, parses numbers — and collects every problem with its
 * line and column. Pure: no I/O.
 */

export type Shape = 'long' | 'wide-years' | 'wide-methods' | 'record-level';

export interface ColumnPlan {
  index: number;
  header: string;
  use: Role | 'year-values' | 'method-values' | 'category' | 'unused';
  /** The year (wide-years) or method (wide-methods) this column holds. */
  year?: number;
  method?: string;
  /** Why a column is unused, or how its role was decided. */
  note?: Message;
}

export interface Problem {
  line?: number;
  column?: string;
  /** The cell in A1 notation with its sheet ("Blad1!C7"), in an xlsx input. */
  cell?: string;
  message: Text;
  hint?: Text;
  /** The row's region (SCB code) when it could be read, so `check --region` can keep a region's own rows. */
  region?: string;
}

export interface MissingValue {
  line: number;
  column: string;
  marker: string;
  /** The row's region (SCB code). */
  region?: string;
}

export interface Shaped {
  shape: Shape;
  /** Why a file is read as one row per treatment: --records (or tally's answers), or no column holds counts. */
  recordLevelBy?: 'option' | 'no-count-column';
  /** True when the file has no region column and every row is national (Riket). */
  national: boolean;
  headerLine: number;
  columns: ColumnPlan[];
  /** Lines above the header and in the footnote block, which hold no data. */
  skippedLines: { line: number; text: string }[];
  observations: Observation[];
  missing: MissingValue[];
  /** Rows left out with --skip-invalid (or, for `check`, every problem found). */
  problems: Problem[];
  /** Number of data rows read (for record-level files: treatments counted). */
  rowsRead: number;
}

export interface ShapeOptions {
  file: string;
  measure: Measure;
  regions: RegionIndex;
  decimal: DecimalMark;
  /** --map: role → header name or 1-based column number. */
  map?: Partial<Record<Role, string>>;
  /** Collect bad rows instead of stopping at the first. */
  collectProblems?: boolean;
  /** Add up rows that share region, year, method, sex and age instead of failing. */
  sumDuplicates?: boolean;
  /** Treat every row as one treatment even if numeric columns exist. */
  recordLevel?: boolean;
  /** Year for files without a year column (from --year). */
  defaultYear?: number;
  /** The command has --year (see ReadOptions): a file without a year column is told it may give one. */
  yearOption?: boolean | undefined;
  /** Method for files without a method column (from --method). */
  defaultMethod?: string;
  /** A column of categorical answers to keep (tally): header or 1-based number. Makes the file record-level. */
  categoryColumn?: string;
}

const UNKNOWN_COLUMN = 'column.unknown-role' as const;

const IDENTIFIER_HEADER = /^(id|nr|lopnr|lopnummer|patient|patient id|personnummer|pnr|index|rad|row|record|journal|vardkontakt)\b/;

export function shapeTable(block: TableBlock, opts: ShapeOptions): Shaped {
  const columns = planColumns(block, opts);
  const has = (role: Role) => columns.find((c) => c.use === role);
  const yearCols = columns.filter((c) => c.use === 'year-values');
  const methodCols = columns.filter((c) => c.use === 'method-values');
  const shape: Shape = yearCols.length ? 'wide-years' : methodCols.length ? 'wide-methods' : has('value') ? 'long' : 'record-level';
  const where = (line?: number, column?: string) => ({ file: opts.file, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) });
  const explicitRecords = opts.recordLevel || opts.categoryColumn !== undefined;
  if (shape === 'record-level' && opts.measure === 'count' && !explicitRecords) {
    // Record-level only when no column could be a count: a column of numbers under a header
    // the tool does not know ("Antal patienter", "cnt") is far more likely the counts.
    const candidate = columns.find((c) => c.note?.id === UNKNOWN_COLUMN && couldBeCounts(block, c, opts.decimal));
    if (candidate) {
      throw dataError(
        msg('shape.numbers-not-counts', { header: candidate.header }),
        where(block.header.line, candidate.header),
        msg('shape.numbers-not-counts.hint', { name: /^[\w-]+$/.test(candidate.header) ? candidate.header : JSON.stringify(candidate.header) }),
      );
    }
  }
  const valueColumn = has('value');
  if (valueColumn && rateLikeHeader(valueColumn.header)) {
    throw dataError(
      opts.measure === 'population' ? msg('shape.rate-not-population', { header: valueColumn.header }) : msg('shape.rate-not-counts', { header: valueColumn.header }),
      where(block.header.line, valueColumn.header),
      opts.measure === 'population' ? msg('shape.rate-not-population.hint') : msg('shape.rate-not-counts.hint'),
    );
  }

  if (shape === 'record-level' && opts.measure === 'population') {
    throw dataError(msg('shape.no-population-column'), where(block.header.line), msg('shape.name-it.hint', { names: roleSynonyms('value'), role: 'value' }));
  }
  const regionCol = has('region');
  // A file without a region column holds national figures (a series for Riket), unless it
  // has unexplained columns that may be the regions under another name.
  const national = !regionCol && !columns.some((c) => c.use === 'unused' && c.header && c.note?.id === UNKNOWN_COLUMN);
  if (!regionCol && !national) {
    throw dataError(
      msg('shape.no-region-column', { headers: describeHeaders(columns) }),
      where(block.header.line),
      msg('shape.name-it.hint', { names: roleSynonyms('region'), role: 'region' }),
    );
  }
  const yearCol = has('year');
  if (!yearCol && shape !== 'wide-years' && opts.defaultYear === undefined) {
    throw dataError(
      msg('shape.no-year-column', { headers: describeHeaders(columns) }),
      where(block.header.line),
      msg(opts.yearOption ? 'shape.no-year-column.hint' : 'shape.no-year-column.no-option.hint'),
    );
  }
  if (yearCol && shape === 'wide-years') {
    throw dataError(msg('shape.year-twice', { header: yearCol.header }), where(block.header.line), msg('shape.year-twice.hint'));
  }

  const problems: Problem[] = [];
  const missing: MissingValue[] = [];
  const report = (p: Problem) => {
    if (!opts.collectProblems) throw dataError(p.message, where(p.line, p.column), p.hint);
    problems.push(p);
  };

  const aggregated = shape !== 'record-level';
  const carry: (string | undefined)[] = [];
  const cell = (row: Row, col: ColumnPlan | undefined): string | undefined => {
    if (!col) return undefined;
    const raw = (row.cells[col.index] ?? '').trim();
    // PxWeb leaves the region (and other label) cells empty on follow-on rows: carry them down.
    if (raw === '' && aggregated) return carry[col.index];
    carry[col.index] = raw;
    return raw;
  };

  const observations: Observation[] = [];
  const methodCol = has('method');
  const sexCol = has('sex');
  const ageCol = has('age');
  const valueCol = has('value');
  const categoryCol = columns.find((c) => c.use === 'category');
  const valueCols = shape === 'wide-years' ? yearCols : shape === 'wide-methods' ? methodCols : valueCol ? [valueCol] : [];

  const tally = new Map<string, Observation>();
  let rowsRead = 0;
  for (const row of block.body) {
    rowsRead++;
    const dims = readDimensions(row);
    if (!dims) continue;
    if (shape === 'record-level') {
      // One row is one treatment: count rows per region, year, method, sex and age as we go.
      const category = categoryCol ? (row.cells[categoryCol.index] ?? '').trim() : undefined;
      const key = `${dims.region}|${dims.year}|${dims.method}|${dims.sex}|${dims.age}|${category ?? ''}`;
      const seen = tally.get(key);
      // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- a tally starts at 1, never null.
      if (seen) seen.value! += 1;
      else {
        // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- a file without year-columns has a year column or --year (checked above), and a row whose year does not read is skipped.
        const o: Observation = { ...dims, year: dims.year!, method: dims.method, value: 1, line: row.line, ...(category !== undefined ? { category } : {}) };
        tally.set(key, o);
        observations.push(o);
      }
      continue;
    }
    for (const vc of valueCols) {
      const text = row.cells[vc.index] ?? '';
      const n = parseNumber(text, opts.decimal);
      /* eslint-disable @typescript-eslint/no-non-null-assertion -- a year-values column carries its year and a
         method-values column its method; otherwise the row's year is set, as for a record above. */
      const year = vc.use === 'year-values' ? vc.year! : dims.year!;
      const method = vc.use === 'method-values' ? vc.method! : dims.method;
      /* eslint-enable @typescript-eslint/no-non-null-assertion */
      if (n.kind === 'invalid') {
        report({ line: row.line, column: vc.header, message: msg('value.not-a-number', { value: shown(text) }), hint: msg('value.not-a-number.hint'), region: dims.region });
        continue;
      }
      const bad = n.kind === 'number' ? valueProblem(n.value, text, opts.measure) : undefined;
      if (bad) {
        report({ line: row.line, column: vc.header, ...bad, region: dims.region });
        continue;
      }
      if (n.kind === 'missing') missing.push({ line: row.line, column: vc.header, marker: n.marker, region: dims.region });
      observations.push({ region: dims.region, year, method, sex: dims.sex, age: dims.age, value: n.kind === 'number' ? n.value : null, line: row.line });
    }
  }

  checkBelow(block.below);
  const merged = aggregated ? mergeDuplicates(observations, opts, report) : observations;
  return {
    shape,
    ...(shape === 'record-level' ? { recordLevelBy: explicitRecords ? ('option' as const) : ('no-count-column' as const) } : {}),
    national,
    headerLine: block.header.line,
    columns,
    skippedLines: [...block.above, ...block.below]
      .filter((r) => r.cells.some((c) => c.trim() !== ''))
      .map((r) => ({ line: r.line, text: r.cells.filter((c) => c.trim() !== '').join(' ') })),
    observations: merged,
    missing,
    problems,
    rowsRead,
  };

  function readDimensions(row: Row): (Omit<Observation, 'value' | 'line' | 'year'> & { year?: number }) | undefined {
    const regionText = national ? NATIONAL_CODE : (cell(row, regionCol) ?? '');
    const region = regionText === '' ? undefined : opts.regions.resolve(regionText);
    if (!region) {
      if (regionText === '') report({ line: row.line, column: regionCol?.header, message: msg('value.region-empty'), hint: msg('value.region-empty.hint') });
      else {
        const near = opts.regions.suggest(regionText);
        const hint = near.length ? msg('value.unknown-region.closest.hint', { names: near.join('; ') }) : msg('value.unknown-region.none.hint');
        report({ line: row.line, column: regionCol?.header, message: msg('value.unknown-region', { value: shown(regionText) }), hint });
      }
      return undefined;
    }
    const bad = (p: Problem) => report({ ...p, region: region.code });
    let year: number | undefined = opts.defaultYear;
    if (yearCol) {
      const t = cell(row, yearCol) ?? '';
      year = parseYear(t);
      if (year === undefined) {
        bad({
          line: row.line,
          column: yearCol.header,
          ...(isSubYearPeriod(t)
            ? { message: msg('value.sub-year', { value: t }), hint: msg('value.sub-year.hint') }
            : { message: msg('value.not-a-year', { value: shown(t) }), hint: msg('value.not-a-year.hint') }),
        });
        return undefined;
      }
    }
    let method = opts.defaultMethod ?? '';
    if (methodCol) {
      method = canonicalMethod(cell(row, methodCol) ?? '');
      if (method === '') {
        bad({ line: row.line, column: methodCol.header, message: msg('value.method-empty'), hint: msg('value.method-empty.hint') });
        return undefined;
      }
    }
    let sex: Sex = 'total';
    if (sexCol) {
      const t = cell(row, sexCol) ?? '';
      const s = parseSex(t);
      if (!s) {
        bad({ line: row.line, column: sexCol.header, message: msg('value.not-a-sex', { value: shown(t) }), hint: msg('value.not-a-sex.hint') });
        return undefined;
      }
      sex = s;
    }
    let age = ALL_AGES;
    if (ageCol) {
      const t = cell(row, ageCol) ?? '';
      const a = parseAge(t);
      if (!a) {
        bad({ line: row.line, column: ageCol.header, message: msg('value.not-an-age', { value: shown(t) }), hint: msg('value.not-an-age.hint') });
        return undefined;
      }
      age = a;
    }
    return { region: region.code, year, method, sex, age };
  }

  /** A footnote block must not hide data: a row below the blank line that names a region is an error. */
  function checkBelow(rows: Row[]) {
    if (!regionCol) return;
    for (const row of rows) {
      const t = (row.cells[regionCol.index] ?? '').trim();
      const region = t === '' ? undefined : opts.regions.resolve(t);
      if (!region) continue;
      const hasNumber = valueCols.some((vc) => parseNumber(row.cells[vc.index] ?? '', opts.decimal).kind === 'number');
      if (hasNumber || shape === 'record-level') {
        report({ line: row.line, message: msg('value.after-blank'), region: region.code, hint: msg('value.after-blank.hint') });
        return;
      }
    }
  }
}

/** Aggregated tables must have one value per region, year, method, sex and age group. */
function mergeDuplicates(obs: Observation[], opts: ShapeOptions, report: (p: Problem) => void): Observation[] {
  const seen = new Map<string, Observation>();
  const out: Observation[] = [];
  for (const o of obs) {
    const key = `${o.region}|${o.year}|${o.method}|${o.sex}|${o.age}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, o);
      out.push(o);
      continue;
    }
    if (opts.sumDuplicates) {
      first.value = first.value === null || o.value === null ? null : first.value + o.value;
      continue;
    }
    const what = [
      opts.regions.byScbCode(o.region)?.name ?? o.region,
      o.year,
      o.method,
      ...(o.sex !== 'total' ? [sexWord(o.sex)] : []),
      ...(o.age !== ALL_AGES ? [msg('value.age', { age: o.age })] : []),
    ];
    report({
      line: o.line,
      region: o.region,
      message: msg('value.duplicate', { what, first: first.line }),
      hint: msg('value.duplicate.hint'),
    });
  }
  return out;
}

/** A column whose sampled values are all numbers (and at least one is not missing) could hold counts. */
function couldBeCounts(block: TableBlock, col: ColumnPlan, decimal: DecimalMark): boolean {
  if (!col.header || IDENTIFIER_HEADER.test(matchKey(col.header))) return false;
  const values = block.body.slice(0, 200).map((r) => r.cells[col.index] ?? '');
  const parsed = values.map((t) => parseNumber(t, decimal));
  return parsed.some((n) => n.kind === 'number') && parsed.every((n) => n.kind !== 'invalid');
}

function describeHeaders(columns: ColumnPlan[]): Text {
  if (!columns.length) return msg('shape.no-columns');
  return msg('list', { items: columns.map((c) => (c.header ? shown(c.header) : msg('shape.column-without-header', { n: c.index + 1 }))) });
}

/** Decides each column's role: --map first, then header synonyms, years as headers, then content. */
export function planColumns(block: TableBlock, opts: ShapeOptions): ColumnPlan[] {
  // The header decides the columns: rows with more or fewer cells are reported as ragged.
  const width = block.header.cells.length;
  const columns: ColumnPlan[] = [];
  for (let i = 0; i < width; i++) columns.push({ index: i, header: (block.header.cells[i] ?? '').trim(), use: 'unused' });

  const taken = new Map<Role, { col: ColumnPlan; rank: number }>();
  const assign = (col: ColumnPlan, role: Role, rank: number, note?: Message) => {
    const prev = taken.get(role);
    if (prev && prev.rank <= rank) {
      col.note = msg('column.another-used', { role: msg(`role.${role}`), header: prev.col.header });
      return;
    }
    if (prev) {
      prev.col.use = 'unused';
      prev.col.note = msg('column.another-used', { role: msg(`role.${role}`), header: col.header });
    }
    col.use = role;
    if (note) col.note = note;
    taken.set(role, { col, rank });
  };

  if (opts.categoryColumn !== undefined) {
    const target = opts.categoryColumn;
    const col = /^\d+$/.test(target) ? columns[Number(target) - 1] : columns.find((c) => matchKey(c.header) === matchKey(target));
    if (!col)
      throw usageError(msg('option.no-such-column', { option: `--column ${target}`, file: opts.file }), msg('option.columns-are.hint', { columns: describeHeaders(columns) }));
    col.use = 'category';
    col.note = msg('column.answers');
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions -- Object.entries types keys as strings; parseMap's keys are roles.
  for (const [role, target] of Object.entries(opts.map ?? {}) as [Role, string][]) {
    const col = /^\d+$/.test(target) ? columns[Number(target) - 1] : columns.find((c) => matchKey(c.header) === matchKey(target));
    if (!col) {
      throw usageError(
        msg('option.no-such-column', { option: `--map ${role}=${target}`, file: opts.file }),
        msg('option.columns-are-or-number.hint', { columns: describeHeaders(columns) }),
      );
    }
    assign(col, role, -10, msg('column.from-map'));
  }

  for (const col of columns) {
    if (col.use !== 'unused' || col.note?.id === 'column.from-map') continue;
    const year = parseYear(col.header);
    if (year !== undefined) {
      col.use = 'year-values';
      col.year = year;
      continue;
    }
    if (isSubYearPeriod(col.header)) {
      throw dataError(msg('shape.column-sub-year', { header: col.header }), { file: opts.file, line: block.header.line }, msg('value.sub-year.hint'));
    }
    const r = roleOfHeader(col.header);
    if (!r || taken.get(r.role)?.col === col) continue;
    let rank = r.rank;
    // In a population file prefer "folkmängd"/"population" over a generic "antal"/"value".
    if (opts.measure === 'population' && r.role === 'value' && /folkmangd|population|befolkning|invanare/.test(matchKey(col.header))) rank = -1;
    assign(col, r.role, rank);
  }
  // A row-level file's own --map value=… wins, but --records says every row is one treatment.
  if (opts.recordLevel || opts.categoryColumn !== undefined) {
    const v = taken.get('value');
    if (v) {
      v.col.use = 'unused';
      v.col.note = msg('column.records-not-count');
    }
  }

  // Columns without a known header: judge by content (PxWeb leaves the label headers empty).
  const sample = (col: ColumnPlan) =>
    block.body
      .slice(0, 200)
      .map((r) => (r.cells[col.index] ?? '').trim())
      .filter((t) => t !== '');
  for (const col of columns) {
    if (col.use !== 'unused' || col.note) continue;
    const values = sample(col);
    if (values.length === 0) continue;
    const share = (pred: (t: string) => boolean) => values.filter(pred).length / values.length;
    const guess = (role: Role, note: Message) => {
      if (!taken.has(role)) assign(col, role, 50, note);
    };
    if (share((t) => opts.regions.resolve(t) !== undefined && !/^\d+$/.test(t)) >= 0.8) guess('region', msg('column.recognised-names'));
    else if (share((t) => parseSex(t) !== undefined) === 1 && values.some((t) => t.length > 1 || /[KMT]/.test(t))) guess('sex', msg('column.recognised-values'));
    else if (!col.header && share((t) => parseAge(t) !== undefined && !/^\d+$/.test(t)) === 1) guess('age', msg('column.recognised-values'));
    else if (!col.header && share((t) => parseYear(t) !== undefined) === 1) guess('year', msg('column.recognised-values'));
  }

  // Numeric columns with other headers are methods (a "KBT;IPT;MMR" wide table) when nothing else holds the count.
  const hasValues = taken.has('value') || columns.some((c) => c.use === 'year-values');
  if (!hasValues && !taken.has('method') && opts.measure === 'count' && !opts.recordLevel && opts.categoryColumn === undefined) {
    for (const col of columns) {
      if (col.use !== 'unused' || col.note || !col.header || IDENTIFIER_HEADER.test(matchKey(col.header))) continue;
      const values = sample(col);
      if (values.length && values.every((t) => parseNumber(t, opts.decimal).kind !== 'invalid')) {
        col.use = 'method-values';
        col.method = col.header;
      }
    }
  }
  for (const col of columns) if (col.use === 'unused' && !col.note) col.note = col.header ? msg(UNKNOWN_COLUMN) : msg('column.empty');
  return columns;
}
