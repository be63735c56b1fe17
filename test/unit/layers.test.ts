import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Imports run one way (README "Development"): a module imports only from
 * layers below its own, or from its own folder, and no chain of imports comes back to where it
 * started. A small scan of src/'s import statements (type-only and dynamic ones too) against
 * the layer order, bottom first:
 */
const LAYERS: Record<string, number> = {
  messages: 0, // the catalogue: imports nothing of ours
  'errors.ts': 1,
  io: 2, // the safe writer, streams, terminal, the run's io
  stats: 3, // pure statistics
  parse: 3, // bytes to rows
  domain: 4, // regions, population, joins, selection
  ingest: 5, // the one reader: bytes → observations
  render: 5, // a result → text, SVG, bytes
  report: 6, // the report, built from render's pieces
  commands: 7, // one file per verb
  'cli.ts': 8, // the commander program
  'commander-errors.ts': 8, // commander's usage errors in the catalogue's words
  'run.ts': 9, // run(args, io)
};

/**
 * Imports that still climb: none are left. An exception added here would need a reason; the
 * test fails both on a new upward import and on an entry that no longer climbs.
 */
const KNOWN_UPWARD: string[] = [];

const SRC = join(import.meta.dirname, '..', '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'data' ? [] : sources(join(dir, e.name))) : e.name.endsWith('.ts') ? [relative(SRC, join(dir, e.name))] : [],
  );
}

/** Every relative import of a module: `import … from`, `export … from`, `import type`, `import('…')`. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gm), ...text.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g)].map((m) => m[1]!);
  return specs.map((s) => relative(SRC, join(SRC, dirname(file), s)).replace(/\.js$/, '.ts'));
}

const layerOf = (file: string) => file.split('/')[0]!;
const FILES = sources(SRC);
const GRAPH = new Map(FILES.map((f) => [f, importsOf(f)]));

describe('imports', () => {
  it('every module of src/ belongs to a layer', () => {
    expect(FILES.filter((f) => LAYERS[layerOf(f)] === undefined)).toEqual([]);
  });

  it('only run down the layers (or within a folder)', () => {
    const upward: string[] = [];
    for (const [from, targets] of GRAPH) {
      for (const to of targets) {
        if (layerOf(from) === layerOf(to)) continue;
        if (LAYERS[layerOf(to)]! >= LAYERS[layerOf(from)]!) upward.push(`${from} -> ${to}`);
      }
    }
    expect([...new Set(upward)].sort()).toEqual(KNOWN_UPWARD);
  });

  it('never come back round: no cycle between modules', () => {
    // Tarjan's strongly connected components: any component of more than one module is a cycle.
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      index.set(v, index.size);
      low.set(v, index.get(v)!);
      stack.push(v);
      onStack.add(v);
      for (const w of GRAPH.get(v) ?? []) {
        if (!GRAPH.has(w)) continue;
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1) cycles.push(component.sort());
      }
    };
    for (const f of FILES) if (!index.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('the scan sees imports of every kind (a check of the check)', () => {
    expect(GRAPH.get('run.ts')).toContain('cli.ts');
    expect(GRAPH.get('render/model.ts')).toContain('domain/cells.ts'); // import type
    expect(FILES.length).toBeGreaterThan(100);
  });
});
