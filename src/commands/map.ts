import { Command, Option } from 'commander';
import { usageError } from '../errors.js';
import { ALL_AGES } from '../domain/observation.js';
import { funnelMethod } from '../domain/funnel-plot.js';
import { rateMap, withBoundaries, type RateMapResult } from '../domain/rate-map.js';
import { addPublishOptions, provenancePath, publishRule, type PublishOptions } from './publish.js';
import { countsOfYear } from '../domain/year-counts.js';
import { readBoundaries } from '../ingest/boundaries.js';
import { writeStderr } from '../io/output.js';
import { mapSvg } from '../render/map.js';
import { addDataOptions, type DataOptions, addRateOptions, yearRead } from './options.js';
import { addHelp } from './help.js';
import { sourceName } from '../domain/source-notes.js';
import { loadCounts, loadPopulation, loadRegions } from '../ingest/counts.js';
import { outputProtection, provenanceOutput } from './output.js';
import { formatNotes } from '../render/output.js';
import { deliver } from '../io/deliver.js';
import { populationMade } from '../domain/provenance.js';
import { resolveLang, msg } from '../messages/index.js';
import { currentIo } from '../io/context.js';

const EXAMPLES = [
  'rehab-stats map --method KBT --output kbt-map.svg  # rate per 100,000, latest year',
  'rehab-stats map --method KBT --year 2014 --colour funnel --output kbt-funnel.svg',
  'rehab-stats map --method IPT --boundaries counties.geojson --output ipt.svg  # a true choropleth',
];

const DETAILS = `
Draws the 21 regions as an SVG tile map: one equal square each, placed roughly where the
region lies, so that large, sparsely populated regions do not dominate the eye. --colour rate
(default) shades five equal rate classes light to dark; --colour funnel colours each region by
where its count lies against the 95% and 99.8% funnel limits around the national rate (blue
above, orange below, grey within, with ▲/▼/● as a second cue). Each region is an element with
data-region="NN" and a <title> with its name and value. --boundaries FILE.geojson draws the
regions' true outlines instead, from a GeoJSON FeatureCollection with one Polygon or
MultiPolygon feature per region and a "code" (01–25) or "name" property. Writes to --output, or
to stdout.`;

interface MapCommandOptions extends DataOptions, PublishOptions {
  method?: string;
  year?: number;
  per: number;
  colour: 'rate' | 'funnel';
  boundaries?: string;
  title?: string;
  lang?: string;
  output?: string;
  quiet?: boolean;
}

export function mapCommand(): Command {
  const cmd = new Command('map')
    .summary('draw an SVG map of the regions, coloured by rate or funnel class')
    .description('Draw the 21 regions as an SVG tile map (or a choropleth from your boundaries), coloured by rate or by funnel class.');
  addRateOptions(cmd, { year: 'year to draw (default: the latest year in the data)', split: false });
  cmd
    .addOption(new Option('--colour <by>', 'colour by the rate or by the funnel class').choices(['rate', 'funnel']).default('rate'))
    .option('--boundaries <file>', 'draw true outlines from this GeoJSON FeatureCollection (one feature per region)')
    .option('--title <text>', 'the title above the map')
    .addOption(new Option('--lang <lang>', 'language of the title and legend (default from LANG)').choices(['en', 'sv']))
    .option('-o, --output <file>', 'write the SVG to this file (atomically, never over an input) instead of stdout')
    .option('-q, --quiet', 'no notes on stderr');
  addDataOptions(cmd);
  addPublishOptions(cmd);
  // map draws all 21 regions: --region is not offered (hidden), and given anyway it says why.
  cmd.options.find((o) => o.long === '--region')?.hideHelp();
  addHelp(cmd, EXAMPLES, DETAILS);
  cmd.action((opts: MapCommandOptions) => runMap(opts));
  return cmd;
}

async function runMap(opts: MapCommandOptions): Promise<void> {
  if (opts.region?.length) throw usageError(msg('option.map-region'), msg('option.leave-out-region.hint'));
  const lang = resolveLang(opts.lang, currentIo().env);
  const regions = loadRegions();
  const data = await loadCounts(opts, regions, yearRead(opts.year));
  const { method, asked, year, counts } = countsOfYear(data, { method: opts.method, year: opts.year, sex: 'total', source: sourceName(data) });
  provenancePath(opts);
  const population = await loadPopulation(opts, regions, data);
  // As rank --suppress: a region whose count the ranking hides has no rate or class on the map.
  const map = rateMap(
    { counts, population, regions, year, sex: 'total', age: ALL_AGES, per: opts.per, level: 0.95, ciMethod: 'exact' },
    { method: method || asked, colourBy: opts.colour, rule: publishRule(opts) },
  );
  const boundaries = opts.boundaries ? await readBoundaries(opts.boundaries, regions) : undefined;
  const result: RateMapResult = {
    ...(boundaries ? withBoundaries(map, boundaries.shapes, boundaries.file, regions.regions) : map),
    made: {
      ...populationMade(population, [year]),
      methods: opts.colour === 'funnel' ? { funnel: funnelMethod(undefined) } : {},
    },
  };
  const svg = mapSvg(result, lang, opts.title);
  await deliver(opts.output, `${svg}\n`, provenanceOutput(opts, result.made), outputProtection([opts.input, opts.population, opts.boundaries]));
  if (!opts.quiet && result.notes.length) writeStderr(formatNotes(result.notes, lang));
}
