import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { runInProcess } from '../fuzz/in-process.js';
import { cellValue, jsonStat, sendJson, startScbServer, type Behaviour, type ScbServer } from './scb-server.js';

/**
 * `rehab-stats population fetch` end to end against a local server in SCB's format
 * (scb-server.ts), including every way SCB or the network can fail: each must end with a
 * clear message, exit 8 and the cache as it was.
 */
/** SCB order of the codes rehab-stats asks for: Riket, then the counties. */
const CODES = ['00', '01', '03', '04', '05', '06', '07', '08', '09', '10', '12', '13', '14', '17', '18', '19', '20', '21', '22', '23', '24', '25'];

let cache: string;
let server: ScbServer | undefined;

beforeEach(() => {
  cache = mkdtempSync(join(tmpdir(), 'rehab-fetch-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(cache, { recursive: true, force: true });
});

/** Runs rehab-stats in-process; its requests go to the server in this process, which answers between them. */
async function run(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const r = await runInProcess(args, {
    env: { PATH: process.env.PATH, HOME: cache, XDG_CACHE_HOME: cache, NO_COLOR: '1', LANG: 'C', ...(server ? { REHAB_STATS_SCB_API_URL: server.base } : {}), ...env },
  });
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}

const cacheFile = () => join(cache, 'rehab-stats', 'population-scb.csv');
const answer: Behaviour = (req, res) => sendJson(res, 200, jsonStat(req.body));
const rows = (file: string) => parse<Record<string, string>>(readFileSync(file), { columns: true });
const figure = (all: Record<string, string>[], code: string, year: number, sex: string, age: string) =>
  Number(all.find((r) => r.region_code === code && r.year === String(year) && r.sex === sex && r.age_group === age)?.population);

/** What the cache must hold, computed here from the server's cell values, not by rehab-stats. */
function expected(code: string, year: number, sex: 'women' | 'men' | 'total', age: 'all' | '16-67'): number {
  const i = CODES.indexOf(code);
  // From 2025 (TAB5557) both sexes is SCB's published total, not women + men.
  const sexes = sex === 'total' ? (year >= 2025 ? ['TotSa'] : ['1', '2']) : [sex === 'men' ? '1' : '2'];
  const ages = age === 'all' ? [year >= 2025 ? 'TotSA' : 'tot'] : Array.from({ length: 52 }, (_, k) => String(16 + k));
  return sexes.reduce((s, x) => s + ages.reduce((t, a) => t + cellValue(i, a, x, year), 0), 0);
}

/** Nothing in the cache folder but what was there before (no temporary files). */
function cacheLeftovers(): string[] {
  const dir = join(cache, 'rehab-stats');
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('population fetch', () => {
  it("asks for TAB638 in SCB's documented format and caches total, by sex and 16–67 with source and date", async () => {
    server = await startScbServer(answer);
    const r = await run(['population', 'fetch', '--from', '2023', '--to', '2024']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2023–2024, 22 regions incl. Riket, 264 figures');

    expect(server.requests).toHaveLength(1);
    const req = server.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/api/v2/tables/TAB638/data?lang=en&outputFormat=json-stat2');
    const selection = (JSON.parse(req.body) as { selection: { variableCode: string; valueCodes: string[] }[] }).selection;
    expect(selection.map((s) => s.variableCode)).toEqual(['Region', 'Alder', 'Kon', 'ContentsCode', 'Tid']);
    expect(selection[0]!.valueCodes).toEqual(CODES);
    expect(selection[1]!.valueCodes).toEqual(['tot', ...Array.from({ length: 52 }, (_, k) => String(16 + k))]);
    expect(selection[3]!.valueCodes).toEqual(['BE0101N1']);
    expect(selection[4]!.valueCodes).toEqual(['2023', '2024']);

    const all = rows(cacheFile());
    expect(all).toHaveLength(22 * 2 * 6);
    for (const code of ['00', '06', '25'])
      for (const [sex, age] of [
        ['women', 'all'],
        ['men', 'all'],
        ['total', 'all'],
        ['women', '16-67'],
        ['men', '16-67'],
        ['total', '16-67'],
      ] as const)
        expect(figure(all, code, 2024, sex, age), `${code} ${sex} ${age}`).toBe(expected(code, 2024, sex, age));
    expect(all[0]!.source_id).toBe('SCB_API');
    expect(all[0]!.note).toMatch(/^SCB PxWebApi 2\.0 TAB638 \(BE0101N1\), retrieved \d{4}-\d\d-\d\d from http:\/\/127\.0\.0\.1:\d+\/api\/v2\/tables\/TAB638/);
    expect(cacheLeftovers()).toEqual(['population-scb.csv']);
  });

  it('in Swedish (--lang sv): what was fetched, and each fetched figure with its note in Swedish', async () => {
    server = await startScbServer(answer);
    const r = await run(['population', 'fetch', '--from', '2024', '--lang', 'sv']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Hämtat från SCB \(TAB638, BE0101N1, 31 december, CC0\) \d{4}-\d\d-\d\d: 2024, 22 regioner inkl\. riket, 132 siffror/);
    expect(r.stdout).toContain('Skrivet till ');
    const all = rows(cacheFile());
    expect(all[0]!.note_sv).toMatch(/^SCB PxWebApi 2\.0 TAB638 \(BE0101N1\), hämtad \d{4}-\d\d-\d\d från http:\/\/127\.0\.0\.1:\d+\/api\/v2\/tables\/TAB638; /);
    const lookup = await run(['population', '--region', '06', '--year', '2024', '--lang', 'sv']);
    expect(lookup.stdout).toContain('hämtad');
    expect(lookup.stdout).toContain('alla åldrar');
    expect(lookup.stdout).toContain('summan av ettårsklasserna 16–67');
    expect(lookup.stdout).not.toContain('retrieved');
  });

  it('the data commands then use the cache where the bundled table has no figure, and say so', async () => {
    // (Riket in the cache is the sum of its counties here, so no difference note.)
    server = await startScbServer(answer);
    expect((await run(['population', 'fetch', '--from', '2022'])).status).toBe(0);
    const r = await run(['rank', '--method', 'KBT', '--input', 'fixtures/counts-2022-2025.csv', '--year', '2022', '--denominator', '16-67', '--format', 'csv']);
    expect(r.status).toBe(0);
    const ranked = parse<Record<string, string>>(r.stdout, { columns: true });
    expect(Number(ranked.find((x) => x.region_code === '06')!.population)).toBe(expected('06', 2022, 'total', '16-67'));
    expect(r.stderr).toContain("note: Population also from SCB's API (BE0101N1) as fetched on");
    expect(r.stderr).toContain('into ~/rehab-stats/population-scb.csv.'); // HOME is the cache folder here
    expect(r.stderr).not.toContain('Riket 2022');
    // Totals stay the bundled ones (SCB's published figures), not the cache's.
    const totals = await run(['rank', '--method', 'KBT', '--input', 'fixtures/counts-2022-2025.csv', '--year', '2022', '--format', 'csv']);
    expect(parse<Record<string, string>>(totals.stdout, { columns: true }).find((x) => x.region_code === '06')!.population).toBe('369113');
    expect(totals.stderr).not.toContain('fetched');
    const coverage = await run(['population', '--format', 'csv']);
    expect(coverage.stdout).toContain('2022,21,21,21,21,21,21');
    expect(coverage.stderr).toContain('Includes figures fetched from SCB');
    // --provenance names and hashes the cache among the inputs when it filled a gap, and only then.
    const inputsOf = async (...more: string[]) => {
      const out = join(cache, `ranked-${more.length}.csv`);
      const ran = await run(['rank', '--method', 'KBT', '--input', 'fixtures/counts-2022-2025.csv', '--year', '2022', ...more, '--output', out, '--provenance']);
      expect(ran.status).toBe(0);
      return (JSON.parse(readFileSync(`${out}.provenance.json`, 'utf8')) as { inputs: { role: string; name: string; sha256: string }[] }).inputs;
    };
    const cacheDigest = createHash('sha256').update(readFileSync(cacheFile())).digest('hex');
    expect(await inputsOf('--denominator', '16-67')).toContainEqual(expect.objectContaining({ role: 'population', name: '~/rehab-stats/population-scb.csv', sha256: cacheDigest }));
    expect((await inputsOf()).map((i) => i.name)).not.toContain('~/rehab-stats/population-scb.csv');
  });

  it('asks for 2025 on in TAB5557, with its own codes, and takes both sexes as published', async () => {
    server = await startScbServer(answer);
    const r = await run(['population', 'fetch', '--from', '2024', '--to', '2025', '--quiet']);
    expect(r.stderr).toBe('');
    expect(server.requests.map((q) => q.url)).toEqual([
      '/api/v2/tables/TAB638/data?lang=en&outputFormat=json-stat2',
      '/api/v2/tables/TAB5557/data?lang=en&outputFormat=json-stat2',
    ]);
    const selection = (JSON.parse(server.requests[1]!.body) as { selection: { variableCode: string; valueCodes: string[] }[] }).selection;
    expect(Object.fromEntries(selection.map((s) => [s.variableCode, s.valueCodes.length > 3 ? s.valueCodes.slice(0, 3) : s.valueCodes]))).toEqual({
      Region: ['00', '01', '03'],
      Civilstand: ['SC'],
      Alder: ['TotSA', '16', '17'],
      Kon: ['1', '2', 'TotSa'],
      ContentsCode: ['000007ME'],
      Tid: ['2025'],
    });
    const all = rows(cacheFile());
    for (const [sex, age] of [
      ['total', 'all'],
      ['women', 'all'],
      ['total', '16-67'],
      ['men', '16-67'],
    ] as const) {
      expect(figure(all, '14', 2025, sex, age), `2025 ${sex} ${age}`).toBe(expected('14', 2025, sex, age));
      expect(figure(all, '14', 2024, sex, age), `2024 ${sex} ${age}`).toBe(expected('14', 2024, sex, age));
    }
  });

  it('fetching again replaces the years fetched and keeps the others', async () => {
    server = await startScbServer(answer);
    expect((await run(['population', 'fetch', '--from', '2021', '--to', '2022'])).status).toBe(0);
    expect((await run(['population', 'fetch', '--from', '2022', '--to', '2023', '--quiet'])).status).toBe(0);
    const years = rows(cacheFile()).map((r) => r.year);
    expect([...new Set(years)]).toEqual(['2021', '2022', '2023']);
    expect(years.filter((y) => y === '2022')).toHaveLength(22 * 6);
  });

  it('--output writes a file that --population reads', async () => {
    server = await startScbServer(answer);
    const out = join(cache, 'scb.csv');
    expect((await run(['population', 'fetch', '--from', '2025', '--output', out, '--quiet'])).status).toBe(0);
    expect(existsSync(cacheFile())).toBe(false);
    const r = await run([
      'rank',
      '--method',
      'KBT',
      '--input',
      'fixtures/counts-2022-2025.csv',
      '--year',
      '2025',
      '--population',
      out,
      '--denominator',
      '16-67',
      '--format',
      'csv',
    ]);
    expect(r.status).toBe(0);
    expect(Number(parse<Record<string, string>>(r.stdout, { columns: true }).find((x) => x.region_code === '01')!.population)).toBe(expected('01', 2025, 'total', '16-67'));
    expect(rows(out)[0]!.note).toMatch(
      /^SCB PxWebApi 2\.0 TAB5557 \(BE0101N1\), retrieved .*; both sexes, all ages, as published \(every SCB cell perturbed by the Cell Key Method from 2025, so sums of cells carry that noise\)$/,
    );
  });

  // That it waits as long as Retry-After says is test/unit/http-retry.test.ts's (with the wait recorded, not slept).
  it('HTTP 429 with a Retry-After it will wait: asks again, then succeeds', async () => {
    server = await startScbServer((req, res, n) => (n === 1 ? sendJson(res, 429, { title: 'Too Many Requests' }, { 'retry-after': '0' }) : answer(req, res, n)));
    const r = await run(['population', 'fetch', '--from', '2024']);
    expect(r.status).toBe(0);
    expect(server.requests).toHaveLength(2);
  });
});

describe('population fetch failures: a clear message, exit 8, the cache untouched', () => {
  const before = 'region_code,region_name,year,sex,age_group,population,source_id,note\n01,Region Stockholm,2019,women,all,1,SCB_API,retrieved 2020-01-01\n';
  beforeEach(() => {
    mkdirSync(join(cache, 'rehab-stats'));
    writeFileSync(cacheFile(), before);
  });
  const untouched = () => {
    expect(readFileSync(cacheFile(), 'utf8')).toBe(before);
    expect(cacheLeftovers()).toEqual(['population-scb.csv']);
  };

  it('HTTP 429 asking for a longer wait than rehab-stats will sit through', async () => {
    server = await startScbServer((_, res) => sendJson(res, 429, { title: 'Too Many Requests' }, { 'retry-after': '120' }));
    const r = await run(['population', 'fetch', '--from', '2024']);
    expect(r.status).toBe(8);
    expect(r.stderr).toContain('is limiting requests: HTTP 429 Too Many Requests, retry after 120 s');
    expect(r.stderr).toContain('hint: SCB allows a limited number of requests per 10 seconds per address; wait 120 s and try again; nothing was written');
    untouched();
  });

  it('HTTP 5xx', async () => {
    server = await startScbServer((_, res) => sendJson(res, 503, { type: 'about:blank', title: 'Service Unavailable', status: 503 }));
    const r = await run(['population', 'fetch', '--from', '2024']);
    expect(r.status).toBe(8);
    expect(r.stderr).toMatch(/answered HTTP 503 Service Unavailable: Service Unavailable\n/);
    expect(r.stderr).toContain("hint: a problem on SCB's side; try again later; nothing was written");
    untouched();
  });

  it('HTTP 400 for a year SCB does not have', async () => {
    server = await startScbServer((_, res) => sendJson(res, 400, { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Non-existent value 2031 for variable Tid' }));
    const r = await run(['population', 'fetch', '--from', '2031']);
    expect(r.status).toBe(8);
    expect(r.stderr).toContain('answered HTTP 400 Bad Request: Bad Request — Non-existent value 2031 for variable Tid');
    expect(r.stderr).toContain('the request for 2031 was refused: the years may not be published yet');
    untouched();
  });

  it('a server that never answers, within --timeout', async () => {
    server = await startScbServer(() => undefined);
    const r = await run(['population', 'fetch', '--from', '2024', '--timeout', '0.05']);
    expect(r.status).toBe(8);
    expect(r.stderr).toContain('gave no complete answer within 0.05 s');
    untouched();
  });

  it('a body cut off before its Content-Length', async () => {
    server = await startScbServer((req, res) => {
      const text = JSON.stringify(jsonStat(req.body));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.write(text.slice(0, 1000), () => setTimeout(() => res.socket?.destroy(), 50));
    });
    const r = await run(['population', 'fetch', '--from', '2024']);
    expect(r.status).toBe(8);
    expect(r.stderr).toMatch(/error: SCB's answer \(http:\/\/127\.0\.0\.1:\d+\/api\/v2\) is incomplete: /);
    untouched();
  });

  it('a body that ends early without a length (chunked, then closed)', async () => {
    server = await startScbServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(JSON.stringify(jsonStat(req.body)).slice(0, 5000), () => setTimeout(() => res.socket?.destroy(), 50));
    });
    const r = await run(['population', 'fetch', '--from', '2024']);
    expect(r.status).toBe(8);
    expect(r.stderr).toContain('is incomplete');
    untouched();
  });

  it('JSON that is not a JSON-stat dataset', async () => {
    server = await startScbServer((_, res) => sendJson(res, 200, { tables: [], language: 'en' }));
    const r = await run(['population', 'fetch', '--from', '2024']);
    expect(r.status).toBe(8);
    expect(r.stderr).toContain('error: unexpected answer from SCB');
    expect(r.stderr).toContain('expected a JSON-stat 2.0 dataset, got class undefined');
    untouched();
  });

  it('a value that is not a count', async () => {
    server = await startScbServer((req, res) => {
      const j = jsonStat(req.body) as { value: unknown[] };
      j.value[3] = 'x';
      sendJson(res, 200, j);
    });
    const r = await run(['population', 'fetch', '--from', '2024']);
    expect(r.status).toBe(8);
    expect(r.stderr).toContain('is "x", not a count of people');
    untouched();
  });

  it('two categories in one position, which would read cells from the wrong place', async () => {
    server = await startScbServer((req, res) => {
      const j = jsonStat(req.body) as { dimension: { Kon: { category: { index: Record<string, number> } } } };
      j.dimension.Kon.category.index = { '1': 0, '2': 0 };
      sendJson(res, 200, j);
    });
    const r = await run(['population', 'fetch', '--from', '2024']);
    expect(r.status).toBe(8);
    expect(r.stderr).toContain('error: unexpected answer from SCB');
    expect(r.stderr).toContain('dimension Kon has 2 categories in 1 positions where its size gives 2');
    untouched();
  });

  it('a table whose codes changed', async () => {
    server = await startScbServer((req, res) => sendJson(res, 200, jsonStat(req.body, { Kon: { '1': 'M', '2': 'K' } })));
    const r = await run(['population', 'fetch', '--from', '2024']);
    expect(r.status).toBe(8);
    expect(r.stderr).toContain("SCB's table TAB638 no longer has the codes rehab-stats asks for: Kon 1, 2");
    expect(r.stderr).toContain('hint: the table has changed since this version of rehab-stats; nothing was written');
    untouched();
  });

  // The detail of each failure in Swedish too (--lang sv), the server's own words quoted as sent.
  it.each<[string, Behaviour, string[], string]>([
    [
      'HTTP 429',
      (_, res) => sendJson(res, 429, { title: 'Too Many Requests' }, { 'retry-after': '120' }),
      [],
      'begränsar antalet anrop: HTTP 429 (för många anrop), försök igen om 120 s',
    ],
    ['no answer', () => undefined, ['--timeout', '0.05'], 'gav inget fullständigt svar inom 0,05 s'],
    [
      'cut off',
      (req, res) => {
        const text = JSON.stringify(jsonStat(req.body));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.write(text.slice(0, 1000), () => setTimeout(() => res.socket?.destroy(), 50));
      },
      [],
      'är ofullständigt: svaret bröts av',
    ],
    ['not JSON-stat', (_, res) => sendJson(res, 200, { tables: [], language: 'en' }), [], 'väntade ett JSON-stat 2.0-dataset men fick class undefined'],
    [
      'not a count',
      (req, res) => {
        const j = jsonStat(req.body) as { value: unknown[] };
        j.value[3] = 'x';
        sendJson(res, 200, j);
      },
      [],
      'är "x", inget antal personer',
    ],
    [
      'codes changed',
      (req, res) => sendJson(res, 200, jsonStat(req.body, { Kon: { '1': 'M', '2': 'K' } })),
      [],
      'SCB:s tabell TAB638 har inte längre koderna som rehab-stats frågar efter: Kon 1, 2',
    ],
  ])('in Swedish: %s', async (_name, behaviour, args, said) => {
    server = await startScbServer(behaviour);
    const r = await run(['population', 'fetch', '--from', '2024', ...args, '--lang', 'sv']);
    expect(r.status).toBe(8);
    expect(r.stderr).toContain(said);
    untouched();
  });

  it('no network: a refused connection fails at once', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const r = await run(['population', 'fetch', '--from', '2024'], { REHAB_STATS_SCB_API_URL: `http://127.0.0.1:${port}/api/v2` });
    expect(r.status).toBe(8);
    expect(r.stderr).toContain(`error: cannot reach SCB (http://127.0.0.1:${port}/api/v2): ECONNREFUSED`);
    expect(r.stderr).toContain('hint: check the network connection and try again; nothing was written');
    untouched();
  });

  it('no network: a name that does not resolve', async () => {
    const r = await run(['population', 'fetch', '--from', '2024', '--timeout', '5'], { REHAB_STATS_SCB_API_URL: 'http://scb.invalid/api/v2' });
    expect(r.status).toBe(8);
    expect(r.stderr).toMatch(/error: cannot reach SCB \(http:\/\/scb\.invalid\/api\/v2\): (ENOTFOUND|EAI_AGAIN)|gave no complete answer within 5 s/);
    untouched();
  });
});

describe('population fetch usage', () => {
  it('--to before --from is a usage error', async () => {
    const r = await run(['population', 'fetch', '--from', '2024', '--to', '2020']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--to 2020 comes before --from 2024');
  });
});
