import { Command, Option } from 'commander';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { dataError, ExitCode, RehabError, usageError } from '../errors.js';
import { parseConfig, type BreakConfig, type ReportConfig } from '../domain/config.js';
import { breakAlone, breakVsRest, nationalSeries } from '../domain/break-analysis.js';
import type { PopulationTable } from '../domain/population.js';
import { NATIONAL_CODE, type Region, type RegionIndex } from '../domain/regions.js';
import { countSeries, withRates } from '../domain/trend-series.js';
import { breakSection, protectedBreakSection, type BreakSection } from '../report/break-section.js';
import { methodsOf, resolveMethod, resolveRegions, selectCounts, yearsOf } from '../domain/select.js';
import { ioFailure } from '../io/read.js';
import { writeStderr, writeStdout } from '../io/output.js';
import { errorCode, systemErrorText } from '../io/errno.js';
import { writeFiles } from '../io/write.js';
import { buildReport, reportScope, type MethodSection } from '../report/build.js';
import { isHiddenStatus } from '../domain/publish-trend.js';
import { reportHtml, reportMarkdown } from '../report/render.js';
import { ruleActive, type PublishRule } from '../domain/publish.js';
import { buildProvenance, recordTime, type Provenance } from '../domain/provenance.js';
import { inputDigests } from '../ingest/provenance-inputs.js';
import { recordedInvocation } from '../io/invocation.js';
import { parseWhole } from './publish.js';
import { addHelp } from './help.js';
import { collect, parsePositive, parseYearOption, addDeprecatedSpelling, deprecationNote } from './options.js';
import { loadCounts, loadPopulation, loadRegions, type CountData } from '../ingest/counts.js';
import { outputProtection } from './output.js';
import { populationLabels, sourceName } from '../domain/source-notes.js';
import { isMessage, resolveLang, msg, say, t, type Lang, type Text } from '../messages/index.js';
import { currentIo, setExitStatus } from '../io/context.js';
import { localText } from '../render/localise.js';

const EXAMPLES = [
  'rehab-stats report  # rehab-stats.config.json if present, else report/rehab-stats.{md,html}',
  'rehab-stats report --method KBT,IPT,MMR --year 2014 --from 2009 --lang sv',
  'rehab-stats report --input counts.csv --html site/index.html --markdown README-report.md',
  'rehab-stats report --check  # in CI: exit 7 when the committed report is out of date',
  'rehab-stats report --region Jönköping --region Kalmar  # only these regions, with Riket for comparison',
];

const DETAILS = `
Writes a Markdown report and one self-contained HTML file (inline CSS and SVG charts, no
scripts, no external assets; opens offline): per method the headline sentences, the ranked
table with 95% intervals and a ranked bar chart with interval whiskers, growth since the base
year; then the national trend chart and each method's share of all treatments.

Settings come from rehab-stats.config.json in the current folder (or --config FILE); options
given here override it. Keys: input, sheet (of an xlsx input), population, methods, regions,
year, from, per, lang, outputs {markdown, html}, timestamp, suppress, roundCounts, break
{region, year, method, vs} (a break analysis section, as trend --region R --break YEAR
[--vs rest], with its chart).

--region (config "regions"; the option replaces the key) keeps only those regions in every
table and chart: their ranks are still among all 21, Riket stays for comparison, the national
trend chart and the shares stay national, and there is no tile map. A break section's region must
be one of them; with exactly one region, "break" may leave out "region" and takes it.
Unknown keys are errors. Paths in the config are relative to the config file. The method notes
always end with the report's provenance: version, settings, every input's SHA-256, population,
methods and suppression rule.

The same inputs give byte-identical files (no timestamp unless asked for). Files are written
atomically and never over an input. --check writes nothing: it builds the report and exits 7
with a summary when the files on disk differ (0 when they are up to date).`;

interface ReportOptions {
  config?: string;
  input?: string;
  sheet?: string;
  population?: string;
  method?: string[];
  region?: string[];
  year?: number;
  from?: number;
  per?: number;
  lang?: 'sv' | 'en';
  markdown?: string;
  html?: string;
  outDir?: string;
  check?: boolean;
  timestamp?: boolean;
  quiet?: boolean;
  suppress?: number;
  roundCounts?: number;
}

const DEFAULT_CONFIG = 'rehab-stats.config.json';

/** Config file (if any) merged under the command-line options. */
/** The report's settings: the options over the config, with the defaults filled in. */
type Settings = ReportConfig & {
  base: string;
  configPath: string | undefined;
  regionsFrom?: 'option' | 'config';
  oldSinceKey?: boolean;
  per: number;
  suppress: number;
  roundCounts: number;
  outputs: NonNullable<ReportConfig['outputs']>;
};

function settingsFrom(opts: ReportOptions): Settings {
  const configPath = opts.config ?? (existsSync(DEFAULT_CONFIG) ? DEFAULT_CONFIG : undefined);
  let config: ReportConfig = {};
  let base = currentIo().cwd;
  if (configPath) {
    let text: string;
    try {
      text = readFileSync(configPath, 'utf8');
    } catch (e) {
      throw ioFailure(e, configPath);
    }
    config = parseConfig(text, configPath);
    base = dirname(resolve(configPath));
  }
  // Paths in a config are relative to it; shown relative to where the report runs, so a report
  // names its inputs the same on every clone (an absolute path would make report --check fail).
  // "-" (stdin, stdout) is no path: it stays as it is.
  const fromConfig = (p: string | undefined) => (p === undefined || p === '-' ? p : relative(currentIo().cwd, resolve(base, p)) || '.');
  const methods = opts.method
    ?.flatMap((m) => m.split(','))
    .map((m) => m.trim())
    .filter(Boolean);
  return {
    base,
    configPath,
    input: opts.input ?? fromConfig(config.input),
    ...(opts.sheet !== undefined ? { sheet: opts.sheet } : config.sheet !== undefined ? { sheet: String(config.sheet) } : {}),
    population: opts.population ?? fromConfig(config.population),
    methods: methods?.length ? methods : config.methods,
    ...(opts.region?.length ? { regions: opts.region, regionsFrom: 'option' as const } : config.regions ? { regions: config.regions, regionsFrom: 'config' as const } : {}),
    year: opts.year ?? config.year,
    // The base year: --from, else the config's "from" (or its older spelling "since").
    since: opts.from ?? config.from ?? config.since,
    ...(config.since !== undefined && opts.from === undefined ? { oldSinceKey: true } : {}),
    per: opts.per ?? config.per ?? 100000,
    lang: opts.lang ?? config.lang,
    outputs: {
      markdown: opts.markdown ?? (opts.outDir ? resolve(opts.outDir, 'rehab-stats.md') : fromConfig(config.outputs?.markdown)),
      html: opts.html ?? (opts.outDir ? resolve(opts.outDir, 'rehab-stats.html') : fromConfig(config.outputs?.html)),
    },
    timestamp: opts.timestamp ?? config.timestamp ?? false,
    suppress: opts.suppress ?? config.suppress ?? 0,
    roundCounts: opts.roundCounts ?? config.roundCounts ?? 0,
    ...(config.break ? { break: config.break } : {}),
  };
}

/**
 * The report's regions: --region, else the config's "regions" (an unknown name in the config is
 * an error in the config file). Riket is refused: it is always there for comparison.
 */
function reportRegions(texts: readonly string[], from: 'option' | 'config', regions: RegionIndex, configFile: string): Region[] {
  let selected: Region[];
  try {
    selected = resolveRegions(texts, regions);
  } catch (e) {
    if (from === 'option' || !(e instanceof RehabError)) throw e;
    // The region as the config names it, not as an option would.
    const m = e.text;
    const problem =
      isMessage(m) && m.id === 'select.no-region'
        ? msg('config.no-such-region', { text: m.params.text })
        : isMessage(m) && m.id === 'select.unknown-region'
          ? msg('config.unknown-region', { text: m.params.text })
          : msg('config.in-regions', { problem: m });
    throw dataError(problem, { file: configFile }, e.hintText);
  }
  if (selected.some((r) => r.code === NATIONAL_CODE)) {
    const where = from === 'option' ? '--region' : msg('config.regions-in', { file: configFile });
    throw usageError(msg('report.riket-always', { where }), msg('report.riket-always.hint'));
  }
  return selected;
}

/** Regions as a list for messages: "06 Region Jönköpings län, 08 Region Kalmar län". */
const listed = (rs: readonly Region[]) => rs.map((r) => `${r.code} ${r.name}`).join(', ');

/**
 * The break section's region: "break.region", which must be one of the report's regions when it
 * has some; left out, the report's one region. Anything else contradicts and stops.
 */
function breakRegion(b: BreakConfig, selected: readonly Region[], from: 'option' | 'config' | undefined, regions: RegionIndex, configFile: string): Region {
  if (b.region === undefined) {
    const [only] = selected;
    if (selected.length === 1 && only) return only;
    throw dataError(
      msg('config.break-needs-region'),
      { file: configFile },
      selected.length
        ? msg('config.break-needs-region.hint', { n: selected.length, regions: listed(selected) })
        : msg('config.break-needs-region.example.hint', { example: '{"region": "06", "year": 2021}' }),
    );
  }
  const region = regions.resolve(b.region);
  if (!region || region.code === NATIONAL_CODE) {
    const near = regions.suggest(b.region);
    throw dataError(
      msg('config.break-region-unknown', { region: JSON.stringify(b.region) }),
      { file: configFile },
      near.length ? msg('select.did-you-mean.hint', { names: near.join('; ') }) : msg('select.see-regions.hint'),
    );
  }
  if (selected.length && !selected.some((r) => r.code === region.code)) {
    if (from === 'option') {
      throw usageError(
        msg('report.region-leaves-out-break', { selected: listed(selected), region: `${region.code} ${region.name}`, file: configFile }),
        msg('report.region-leaves-out-break.hint', { code: region.code }),
      );
    }
    throw dataError(
      msg('config.break-region-not-among', { region: `${region.code} ${region.name}`, selected: listed(selected) }),
      { file: configFile },
      msg('config.break-region-not-among.hint', { code: region.code }),
    );
  }
  return region;
}

/** The configured break analysis (as trend --region R --break YEAR [--vs rest]) for the report. */
function reportBreak(
  b: BreakConfig,
  region: Region,
  data: CountData,
  regions: RegionIndex,
  population: PopulationTable,
  methods: string[],
  per: number,
  lang: 'sv' | 'en',
  configFile: string,
  rule: PublishRule,
  sections: readonly MethodSection[] = [],
): BreakSection {
  if (!b.method && methods.length > 1) throw dataError(msg('config.break-needs-method'), { file: configFile }, msg('config.methods.hint', { methods }));
  const method = b.method ? resolveMethod(data.observations, b.method, sourceName(data)) : (methods[0] ?? '');
  const years = yearsOf(data.observations.filter((o) => o.method === method));
  if (ruleActive(rule)) {
    const national = b.vs === 'rest' ? nationalSeries(data.observations, regions, method, years, population, per, data.recordLevel, data.source) : undefined;
    return protectedBreakSection(
      countSeries(data.observations, regions, region, method, years, data.recordLevel),
      national,
      b.year,
      rule,
      population,
      per,
      lang,
      data.source,
      hiddenElsewhere(sections, method, region.code),
    );
  }
  const series = withRates(countSeries(data.observations, regions, region, method, years, data.recordLevel), population, per);
  const analysis =
    b.vs === 'rest'
      ? breakVsRest(series, nationalSeries(data.observations, regions, method, years, population, per, data.recordLevel, data.source), b.year, data.source)
      : breakAlone(series, b.year, data.source);
  return breakSection(series, analysis, per, lang);
}

/** The years of a region's count that the report's ranking or growth table hides, so that the break section hides them too. */
function hiddenElsewhere(sections: readonly MethodSection[], method: string, code: string): Set<number> {
  const out = new Set<number>();
  for (const s of sections.filter((x) => x.method === method)) {
    if (isHiddenStatus(s.ranked.find((r) => r.region_code === code)?.count_status)) out.add(s.year);
    const g = s.growth.rows.find((r) => r.region_code === code);
    if (isHiddenStatus(g?.count_status)) out.add(s.year);
    if (isHiddenStatus(g?.base_count_status)) out.add(s.since);
  }
  return out;
}

/** Creates the folder a report goes into (report/ by default); a failure is a write error (exit 3). */
function makeFolder(folder: string, shown: (p: string) => string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (e) {
    const code = errorCode(e);
    const text = systemErrorText(code, 'write');
    const why = code === 'EEXIST' ? { message: msg('report.folder-is-file'), hint: msg('report.folder-is-file.hint') } : text;
    throw new RehabError(msg('report.cannot-create-folder', { why: why.message }), {
      exitCode: ExitCode.io,
      location: { file: shown(folder) },
      ...(why.hint ? { hint: why.hint } : {}),
    });
  }
}

/** A short account of how two texts differ: line counts and the first differing line. */
export function diffSummary(file: string, old: string, fresh: string, lang: Lang = 'en'): string {
  const a = old.split('\n');
  const b = fresh.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const changed = Math.max(a.length, b.length) - i;
  const cut = (s: string | undefined) => (s === undefined ? t(lang, 'report.end-of-file') : s.length > 100 ? `${s.slice(0, 99)}…` : s);
  return `${t(lang, 'report.differs', { file, line: i + 1, changed })}\n  - ${cut(a[i])}\n  + ${cut(b[i])}`;
}

export function reportCommand(): Command {
  const cmd = new Command('report')
    .summary('write a Markdown and a self-contained HTML report (for CI)')
    .description('Build a report — tables, headline sentences, bar and trend charts — as Markdown and HTML.')
    .option('-c, --config <file>', `settings file (default: ${DEFAULT_CONFIG} if present)`)
    .option('-i, --input <file>', 'treatment counts; default the bundled illustrative dataset')
    .option('--sheet <name|n>', 'the sheet of an xlsx input to read, by name or position (default: the first)')
    .option('-p, --population <file>', 'population; default the bundled SCB table')
    .option('-m, --method <methods>', 'methods to report, comma-separated or repeated (default: all in the data)', collect, [])
    .option(
      '-r, --region <region>',
      'only this region in the tables and charts (Riket stays for comparison): SCB code, name or alias; repeatable (config key "regions")',
      collect,
      [],
    )
    .option('-y, --year <year>', 'year to report (default: the latest)', parseYearOption('--year'))
    .option('--from <year>', 'base year for growth (default: the earliest; config key "from")', parseYearOption('--from'))
    .option('--per <n>', 'rates per this many inhabitants (default 100000)', parsePositive('--per'))
    .addOption(new Option('--lang <lang>', 'language of the report (default from LANG)').choices(['sv', 'en']))
    .option('--markdown <file>', 'write the Markdown report here')
    .option('--html <file>', 'write the HTML report here')
    .option('-o, --out-dir <dir>', 'write rehab-stats.md and rehab-stats.html into this folder (default: report)')
    .option('--check', 'write nothing; exit 7 if the report files differ from a fresh build')
    .option('--timestamp', 'put the build time in the report (makes it differ on every run)')
    .addOption(new Option('--suppress <n>', 'hide counts below N and what would give them away (config key "suppress")').argParser(parseWhole('--suppress')))
    .addOption(new Option('--round-counts <k>', 'show counts rounded to a multiple of K (config key "roundCounts")').argParser(parseWhole('--round-counts')))
    .option('-q, --quiet', 'no notes on stderr');
  addDeprecatedSpelling(cmd, '--since', '--from', parseYearOption('--since'));
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action(async (opts: ReportOptions) => {
    for (const [option, value] of [
      ['--markdown', opts.markdown],
      ['--html', opts.html],
      ['--out-dir', opts.outDir],
    ] as const) {
      if (value === '') throw usageError(msg('report.option-empty', { option }), option === '--out-dir' ? msg('report.give-folder.hint') : msg('write.empty-name.hint'));
    }
    // The config's language wins over the locale, not over --lang.
    const s = settingsFrom(cmd.getOptionValueSource('lang') === 'cli' ? opts : { ...opts, lang: undefined });
    if (!s.outputs.markdown && !s.outputs.html) s.outputs = { markdown: resolve('report', 'rehab-stats.md'), html: resolve('report', 'rehab-stats.html') };
    const lang = resolveLang(s.lang, currentIo().env);
    if (s.oldSinceKey) writeStderr(deprecationNote(`"since" (${s.configPath ?? 'config'})`, '"from"', resolveLang(opts.lang, currentIo().env)));
    const regions = loadRegions();
    // A file without a method column holds the one method --method names (and needs one named).
    const data = await loadCounts(
      { ...(s.input ? { input: s.input } : {}), ...(s.sheet !== undefined ? { sheet: String(s.sheet) } : {}) },
      regions,
      s.methods?.length === 1 && s.methods[0] !== undefined ? { defaultMethod: s.methods[0] } : {},
    );
    if (methodsOf(data.observations).includes('')) {
      throw usageError(msg('report.no-method-column', { source: data.source }), msg('report.no-method-column.hint'));
    }
    const configFile = s.configPath ?? 'the config';
    const selected = s.regions && s.regionsFrom ? reportRegions(s.regions, s.regionsFrom, regions, configFile) : [];
    // A contradiction between --region and the break section stops before any work.
    const breakAt = s.break ? breakRegion(s.break, selected, s.regionsFrom, regions, configFile) : undefined;
    const population = await loadPopulation({ ...(s.population ? { population: s.population } : {}) }, regions, data);
    const scope = reportScope(data.observations, {
      ...(s.methods ? { methods: s.methods.map((m) => resolveMethod(data.observations, m, sourceName(data))) } : {}),
      ...(s.year ? { year: s.year } : {}),
      ...(s.since ? { since: s.since } : {}),
    });
    if (scope.since >= scope.year) throw usageError(msg('report.base-year-after', { since: scope.since, year: scope.year }), msg('report.base-year-after.hint'));
    for (const method of scope.methods) {
      if (selectCounts(data.observations, { method, year: scope.year, sex: 'total', absentIsZero: data.recordLevel }).size > 0) continue;
      const years = yearsOf(data.observations.filter((o) => o.method === method));
      const present = scope.methods.filter((m) => selectCounts(data.observations, { method: m, year: scope.year, sex: 'total', absentIsZero: data.recordLevel }).size > 0);
      const yearsWith = years.length ? years.join(', ') : msg('select.none');
      throw dataError(
        method ? msg('report.no-counts-year-method', { method, year: scope.year }) : msg('report.no-counts-year', { year: scope.year }),
        { file: sourceName(data) },
        present.length
          ? msg('report.years-methods-with-counts.hint', { method, years: yearsWith, year: scope.year, methods: present })
          : msg('report.years-with-counts.hint', { method, years: yearsWith }),
      );
    }
    const toStdout = [s.outputs.markdown, s.outputs.html].filter((p) => p === '-');
    if (toStdout.length > 1) throw usageError(msg('report.both-to-stdout'), msg('report.both-to-stdout.hint'));
    const rule = { suppress: s.suppress, roundTo: s.roundCounts };
    const model = buildReport(
      data.observations,
      population,
      regions,
      { ...scope, per: s.per, publish: rule, ...(selected.length ? { regions: selected } : {}) },
      {
        data: data.bundled ? `${say(msg('source.bundled-data'), lang)}.` : data.source,
        population: '',
        bundled: data.bundled,
      },
      data.recordLevel,
    );
    // Once the rates are computed: which population sources were used, and any published Riket that differs from its regions.
    // The source as a sentence ("SCB, BE0101N1, 31 December (CC0)."), then the other notes.
    model.populationLabel = populationLabels(population)
      .map((n, i) => (i === 0 ? `${localText(n, lang)}.` : localText(n, lang)))
      .join(' ');
    if (s.break && breakAt) model.breakSection = reportBreak(s.break, breakAt, data, regions, population, scope.methods, s.per, lang, configFile, rule, model.sections);
    const builtAt = s.timestamp ? recordTime(currentIo().env, currentIo().now) : undefined;
    const cwd = currentIo().cwd;
    const shownPath = (p: string) => (p.startsWith(cwd + '/') ? p.slice(cwd.length + 1) : p);
    model.provenance = reportProvenance(s, scope, population.bundled ? msg('provenance.bundled-population') : shownPath(population.source), rule, shownPath, selected);
    const files: [string, string][] = [];
    if (s.outputs.markdown) files.push([s.outputs.markdown, reportMarkdown(model, lang, builtAt)]);
    if (s.outputs.html) files.push([s.outputs.html, reportHtml(model, lang, builtAt)]);
    const shown = shownPath;

    // What the command says on the terminal is in the run's language (the config's "lang" is the document's).
    const said = resolveLang(opts.lang, currentIo().env);
    if (opts.check) {
      const stale = files
        .filter(([path]) => path !== '-')
        .map(([path, text]) => {
          if (!existsSync(path)) return t(said, 'report.file-missing', { file: shown(path) });
          let old: string;
          try {
            old = readFileSync(path, 'utf8');
          } catch (e) {
            throw ioFailure(e, shown(path));
          }
          return old === text ? undefined : diffSummary(shown(path), old, text, said);
        })
        .filter((x): x is string => !!x);
      if (stale.length) {
        writeStderr(
          stale.map((x) => `rehab-stats: ${t(said, 'report.out-of-date', { what: x })}\n`).join('') + `${t(said, 'label.hint')}: ${t(said, 'report.out-of-date.hint')}\n`,
        );
        setExitStatus(ExitCode.reportOutdated);
      } else writeStdout(`${t(said, 'report.up-to-date', { files: files.map(([p]) => shown(p)) })}\n`);
      return;
    }
    const toFiles = files.filter(([path]) => path !== '-');
    for (const [path] of toFiles) makeFolder(dirname(path), shown);
    await writeFiles(
      toFiles.map(([path, data]) => ({ path: shown(path), data })),
      outputProtection([s.input, s.population], s.configPath),
    );
    for (const [path, text] of files) if (path === '-') writeStdout(text);
    if (!opts.quiet && toFiles.length) writeStderr(`${t(said, 'report.wrote', { files: toFiles.map(([p]) => shown(p)) })}\n`);
  });
  return cmd;
}

/**
 * The report's provenance, always in its method notes. The command line is the canonical one
 * for the settings used (not the words typed), so that `report --check`, or the same settings
 * given another way, compares equal; paths are relative to the current folder.
 */
function reportProvenance(
  s: ReturnType<typeof settingsFrom>,
  scope: { methods: string[]; year: number; since: number },
  populationSource: Text,
  rule: PublishRule,
  shown: (p: string) => string,
  selected: readonly Region[],
): Provenance {
  const options: Record<string, unknown> = {
    ...(s.configPath ? { config: shown(resolve(s.configPath)) } : {}),
    ...(s.input ? { input: shown(s.input) } : {}),
    ...(s.sheet !== undefined ? { sheet: String(s.sheet) } : {}),
    ...(s.population ? { population: shown(s.population) } : {}),
    method: scope.methods,
    ...(selected.length ? { region: selected.map((r) => r.code) } : {}),
    year: scope.year,
    from: scope.since,
    per: s.per,
    ...(rule.suppress > 0 ? { suppress: rule.suppress } : {}),
    ...(rule.roundTo > 1 ? { roundCounts: rule.roundTo } : {}),
  };
  const args = ['report', ...Object.entries(options).flatMap(([k, v]) => [`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, Array.isArray(v) ? v.join(',') : String(v)])];
  const inputs = inputDigests(s.input, s.population, true, s.configPath ? [{ role: 'config', path: s.configPath }] : []).map((i) =>
    typeof i.name === 'string' && i.name.startsWith('/') ? { ...i, name: shown(i.name) } : i,
  );
  return buildProvenance(
    recordedInvocation(),
    { population: { source: populationSource, years: [scope.year] }, methods: { interval: msg('provenance.report-interval') } },
    inputs,
    rule,
    undefined,
    { arguments: args, options },
  );
}
