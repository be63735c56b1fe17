import { Command, Option } from 'commander';
import { dirname, resolve } from 'node:path';
import { ExitCode, usageError } from '../errors.js';
import { methodsOf, resolveMethod } from '../domain/select.js';
import { writeStderr, writeStdout } from '../io/output.js';
import { writeFiles } from '../io/write.js';
import { buildReport, reportScope } from '../report/build.js';
import { reportBreak } from '../report/configured-break.js';
import { makeFolder, staleFiles } from '../report/files.js';
import { reportProvenance } from '../report/provenance.js';
import { reportHtml, reportMarkdown } from '../report/render.js';
import { breakRegion, reportRegions, requireCountsInScope } from '../report/selection.js';
import { DEFAULT_CONFIG, settingsFrom, type ReportOptions } from '../report/settings.js';
import { recordTime } from '../domain/provenance.js';
import { parseWhole } from './publish.js';
import { addHelp } from './help.js';
import { collect, parsePositive, parseYearOption, addDeprecatedSpelling, deprecationNote } from './options.js';
import { loadCounts, loadPopulation, loadRegions } from '../ingest/counts.js';
import { outputProtection } from './output.js';
import { populationLabels, sourceName } from '../domain/source-notes.js';
import { resolveLang, msg, say, t } from '../messages/index.js';
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
    requireCountsInScope(data, scope);
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
      const stale = staleFiles(files, shown, said);
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
