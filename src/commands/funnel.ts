import { Command, Option } from 'commander';
import { resolveRegions } from '../domain/select.js';
import { countsOfYear } from '../domain/year-counts.js';
import { funnelMethod, funnelPlot, type FunnelPlotResult } from '../domain/funnel-plot.js';
import type { OverdispersionKind } from '../stats/overdispersion.js';
import { funnelPlotSvg } from '../render/funnel.js';
import { resolveLang } from '../messages/index.js';
import { addDataOptions, langOption, parseDenominator, parseSexOption, type DataOptions, addRateOptions, yearRead } from './options.js';
import { addHelp } from './help.js';
import { sourceName } from '../domain/source-notes.js';
import { outputProtection, provenanceOutput } from './output.js';
import { formatNotes } from '../render/output.js';
import { deliver } from '../io/deliver.js';
import { populationMade } from '../domain/provenance.js';
import { inputWarnings, loadCounts, loadPopulation, loadRegions } from '../ingest/counts.js';
import { writeStderr } from '../io/output.js';
import { addPublishOptions, provenancePath, publishRule, type PublishOptions } from './publish.js';
import { currentIo } from '../io/context.js';

const EXAMPLES = [
  'rehab-stats funnel --method KBT --output kbt-funnel.svg  # latest year, bundled data',
  'rehab-stats funnel --method KBT --year 2014 --overdispersion additive > funnel.svg',
  'rehab-stats funnel --method IPT --input counts.csv --population pop.csv -o ipt.svg',
];

const DETAILS = `
Draws a funnel plot (Spiegelhalter 2005) as SVG: each region's rate against its population,
the national rate, and the 95% and 99.8% control limits as PHEindicatormethods computes them
(the same as rank --funnel). With --overdispersion the limits are Spiegelhalter's adjusted ones.
Regions are blue ▲ above the limits, orange ▼ below, grey ● within; each point carries
data-region="NN" and a <title> with its name and rate. Writes to --output or stdout.
--suppress N: a region whose count is hidden (as rank --suppress hides it, with the secondary
suppression of Riket = the sum of the regions) has no point; the chart's note names them.
--round-counts K: rates from the rounded counts.`;

interface FunnelOptions extends DataOptions, PublishOptions {
  lang?: string;
  method?: string;
  year?: number;
  per: number;
  sex?: string;
  denominator?: string;
  overdispersion?: OverdispersionKind;
  output?: string;
  quiet?: boolean;
}

export function funnelCommand(): Command {
  const cmd = new Command('funnel')
    .summary("draw a funnel plot (SVG) of the regions' rates against their population")
    .description('Draw a funnel plot of treatments per inhabitant for one method and year, as SVG.');
  addRateOptions(cmd);
  cmd
    .addOption(
      new Option('--overdispersion <kind>', 'limits widened for overdispersion (Spiegelhalter 2005): multiplicative φ or additive τ²').choices(['multiplicative', 'additive']),
    )
    .option('-o, --output <file>', 'write the SVG to this file (atomically, never over an input) instead of stdout')
    .option('-q, --quiet', 'no notes on stderr')
    .addOption(langOption());
  addDataOptions(cmd);
  addPublishOptions(cmd);
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action((opts: FunnelOptions) => runFunnel(opts));
  return cmd;
}

async function runFunnel(opts: FunnelOptions): Promise<void> {
  const regions = loadRegions();
  const selected = resolveRegions(opts.region ?? [], regions);
  const data = await loadCounts(opts, regions, yearRead(opts.year));
  // --sex is one of commander's choices: parsing it cannot stop before the method and year are checked.
  const sex = parseSexOption(opts.sex);
  const { method, asked, year, counts } = countsOfYear(data, { method: opts.method, year: opts.year, sex, source: sourceName(data) });
  const age = parseDenominator(opts.denominator);
  provenancePath(opts);
  // With the counts: a count above its population stops unless --above-population (then a note).
  const population = await loadPopulation(opts, regions, data);
  // As rank: rates from the counts as shown (rounded with --round-counts), hiding decided on the whole country.
  const plot = funnelPlot(
    { counts, population, regions, year, sex, age, per: opts.per, level: 0.95, ciMethod: 'exact' },
    {
      method,
      asked,
      selected,
      rule: publishRule(opts),
      ...(opts.overdispersion ? { overdispersion: opts.overdispersion } : {}),
      source: sourceName(data),
    },
  );
  const result: FunnelPlotResult = {
    ...plot,
    made: { ...populationMade(population, [year]), methods: { interval: 'exact Poisson', funnel: funnelMethod(plot.adjustment) } },
  };
  const lang = resolveLang(opts.lang, currentIo().env);
  const svg = funnelPlotSvg(result, lang);
  await deliver(opts.output, svg, provenanceOutput(opts, result.made), outputProtection([opts.input, opts.population]));
  const notes = inputWarnings(data);
  if (!opts.quiet && notes.length) writeStderr(formatNotes(notes, lang));
}
