import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseConfig, type ReportConfig } from '../domain/config.js';
import { currentIo } from '../io/context.js';
import { ioFailure } from '../io/read.js';

/**
 * What a report covers and where it goes: the report command's options over its config file
 * (read here), with the defaults filled in.
 */

export interface ReportOptions {
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

/** The config file read when --config is not given, if it exists. */
export const DEFAULT_CONFIG = 'rehab-stats.config.json';

/** The report's settings: the options over the config, with the defaults filled in. */
export type Settings = ReportConfig & {
  base: string;
  configPath: string | undefined;
  regionsFrom?: 'option' | 'config';
  oldSinceKey?: boolean;
  per: number;
  suppress: number;
  roundCounts: number;
  outputs: NonNullable<ReportConfig['outputs']>;
};

export function settingsFrom(opts: ReportOptions): Settings {
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
