import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for SCB's PxWebApi 2.0 on 127.0.0.1: POST /api/v2/tables/TAB638/data
 * answers in SCB's JSON-stat 2.0 shape (as recorded in the R pxweb package's fixture
 * tests/testthat/statistikdatabasen.scb.se/api/v2/tables/TAB638/data-35e0e2-5aec69-POST.json:
 * version, class "dataset", label, source, updated, note, role, id, size, dimension with
 * category index and label, extension.px, value in row-major order).
 *
 * Values encode their coordinates so that any mistake in addressing cells shows:
 * {@link cellValue}.
 */
export interface Request {
  method: string;
  url: string;
  body: string;
}

export type Behaviour = (req: Request, res: ServerResponse, n: number) => void;

export interface ScbServer {
  base: string;
  requests: Request[];
  close(): Promise<void>;
}

export async function startScbServer(behaviour: Behaviour): Promise<ScbServer> {
  const requests: Request[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const r = { method: req.method ?? '', url: req.url ?? '', body };
      requests.push(r);
      behaviour(r, res, requests.length);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/api/v2`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A county's cell: its index among the 21 (1–21) · 10⁶ + age · 10³ + sex · 100 + year − 2000,
 * where an age total (TAB638 "tot", TAB5557 "TotSA") counts as age 999 and TAB5557's published
 * total of both sexes ("TotSa") as sex 3 — deliberately not women + men, as with SCB's noise.
 * Riket (index 0) is the sum of the 21 counties' cells.
 */
export function cellValue(regionIndex: number, age: string, sex: string, year: number): number {
  if (regionIndex === 0) return Array.from({ length: 21 }, (_, i) => cellValue(i + 1, age, sex, year)).reduce((a, b) => a + b, 0);
  const a = age === 'tot' || age === 'TotSA' ? 999 : Number(age);
  const x = sex === 'TotSa' ? 3 : Number(sex);
  return regionIndex * 1_000_000 + a * 1000 + x * 100 + (year - 2000);
}

interface Selection {
  variableCode: string;
  valueCodes: string[];
}

/**
 * SCB's answer to a selection: every requested code, dimensions in SCB's order (Region,
 * Civilstand when asked for, Alder, Kon, ContentsCode, Tid), optionally with codes renamed.
 */
export function jsonStat(body: string, rename: Record<string, Record<string, string>> = {}): object {
  const selection = (JSON.parse(body) as { selection: Selection[] }).selection;
  const codes = Object.fromEntries(selection.map((s) => [s.variableCode, s.valueCodes]));
  const ids = ['Region', 'Civilstand', 'Alder', 'Kon', 'ContentsCode', 'Tid'].filter((id) => codes[id]);
  const size = ids.map((id) => codes[id]!.length);
  const value: (number | null)[] = [];
  const walk = (k: number, at: Record<string, string>): void => {
    if (k === ids.length) {
      value.push(cellValue(codes.Region!.indexOf(at.Region!), at.Alder!, at.Kon!, Number(at.Tid)));
      return;
    }
    for (const c of codes[ids[k]!]!) walk(k + 1, { ...at, [ids[k]!]: c });
  };
  walk(0, {});
  const dimension = Object.fromEntries(
    ids.map((id) => {
      const list = codes[id]!.map((c) => rename[id]?.[c] ?? c);
      return [
        id,
        {
          label: id.toLowerCase(),
          category: { index: Object.fromEntries(list.map((c, i) => [c, i])), label: Object.fromEntries(list.map((c) => [c, c])) },
          extension: { elimination: false, show: 'value' },
        },
      ];
    }),
  );
  const table = codes.ContentsCode?.[0] === '000007ME' ? 'TAB5557' : 'TAB638';
  return {
    version: '2.0',
    class: 'dataset',
    label: 'Population by region, age, sex and year',
    source: 'Statistics Sweden',
    updated: '2026-02-24T07:00:00Z',
    role: { time: ['Tid'], metric: ['ContentsCode'] },
    id: ids,
    size,
    dimension,
    extension: { px: { infofile: 'BE0101', tableid: table, decimals: 0, language: 'en', contents: 'Population' } },
    value,
  };
}

export function sendJson(res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(json);
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
