/**
 * `npm run bench [-- area…]`: every benchmark, peers measured in the same run, one table on stdout
 * and bench-results.json. Areas: sizes engine segment corpus page extension (default: all).
 * Not part of the test suite: tests check behaviour, this measures time on the machine it runs on.
 */
import { execSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './pages';
import { fmt, type Figure, type Growth, type Ratio, type Section } from './stats';

const AREAS = ['sizes', 'engine', 'segment', 'corpus', 'compare', 'page', 'extension'] as const;
type Area = (typeof AREAS)[number];

function chosenAreas(): Set<Area> {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  for (const a of args) if (!(AREAS as readonly string[]).includes(a)) throw new Error(`unknown bench area ${a}; one of ${AREAS.join(' ')}`);
  return new Set((args.length ? args : AREAS) as Area[]);
}

/**
 * The built extension, copied: other work in the same tree may rebuild .output while the bench
 * runs, and a half-written bundle would be measured (or fail to load).
 */
function snapshotExtension(tmp: string): string {
  const built = join(ROOT, '.output/chrome-mv3');
  if (!existsSync(join(built, 'manifest.json'))) {
    console.error('bench: no built extension, running `npx wxt build` …');
    execSync('npx wxt build', { cwd: ROOT, stdio: 'inherit' });
  }
  const dir = join(tmp, 'chrome-mv3');
  cpSync(built, dir, { recursive: true });
  return dir;
}

function table(figures: readonly Figure[]): string {
  const rows = ['| area | figure | median | min–max | p10–p90 | n | unit |', '|---|---|---|---|---|---|---|'];
  for (const f of figures) {
    const range = f.n > 1 ? `${fmt(f.min)}–${fmt(f.max)}` : '';
    const p = f.n > 1 ? `${fmt(f.p10)}–${fmt(f.p90)}` : '';
    rows.push(`| ${f.area} | ${f.name}${f.note ? ` (${f.note})` : ''} | **${fmt(f.median)}** | ${range} | ${p} | ${f.n} | ${f.unit} |`);
  }
  return rows.join('\n');
}

function ratioTable(ratios: readonly Ratio[]): string {
  const rows = ['| comparison (ours ÷ peer, medians) | ratio | goal |', '|---|---|---|'];
  for (const r of ratios) rows.push(`| ${r.name} | **${fmt(r.ratio)}×** | ${r.goal ? `${r.goal} ${r.met ? 'met' : 'NOT met'}` : ''} |`);
  return rows.join('\n');
}

function growthTable(growth: readonly Growth[]): string {
  const rows = ['| cost | size | median | × previous size | × previous time | time growth ÷ size growth |', '|---|---|---|---|---|---|'];
  for (const g of growth) {
    g.points.forEach((p, i) => {
      const prev = g.points[i - 1];
      const sx = prev ? p.size / prev.size : null;
      const tx = prev ? p.median / prev.median : null;
      rows.push(`| ${i === 0 ? g.name : ''} | ${p.label} | ${fmt(p.median)} ${g.unit} | ${sx ? `${fmt(sx)}×` : ''} | ${tx ? `${fmt(tx)}×` : ''} | ${sx && tx ? fmt(tx / sx) : ''} |`);
    });
  }
  return rows.join('\n');
}

async function main(): Promise<void> {
  const areas = chosenAreas();
  const began = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), 'policylens-bench-'));
  const all: Section = { figures: [], ratios: [], growth: [], notes: [] };
  const timings: Record<string, number> = {};
  const load = loadavg();
  let chromium = '';
  try {
    const extensionDir = areas.has('sizes') || areas.has('extension') ? snapshotExtension(tmp) : '';
    const step = async (name: Area, fn: () => Promise<Section> | Section) => {
      if (!areas.has(name)) return;
      const t0 = performance.now();
      console.error(`bench: ${name} …`);
      const s = await fn();
      timings[name] = (performance.now() - t0) / 1000;
      console.error(`bench: ${name} done in ${timings[name]!.toFixed(1)} s`);
      all.figures.push(...s.figures);
      all.ratios.push(...s.ratios);
      all.growth.push(...s.growth);
      all.notes.push(...s.notes);
    };
    await step('sizes', async () => (await import('./sizes')).benchSizes(extensionDir));
    await step('engine', async () => (await import('./engine')).benchEngineNode());
    await step('segment', async () => (await import('./segment')).benchSegment());
    await step('corpus', async () => (await import('./corpus')).benchCorpusNode());
    await step('compare', async () => (await import('./compare')).benchCompare());
    await step('page', async () => {
      const m = await import('./browser');
      const r = await m.benchInPage(tmp);
      chromium = r.version;
      return r.section;
    });
    await step('extension', async () => (await import('./extension')).benchExtension(extensionDir));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const total = (performance.now() - began) / 1000;
  const header = [
    `PolicyLens bench — ${new Date().toISOString()} — ${cpus().length}× ${cpus()[0]?.model ?? '?'}, Node ${process.version}` +
      `${chromium ? `, Chromium ${chromium}` : ''}, load average at start ${load.map((l) => l.toFixed(2)).join(' ')}`,
    `total ${total.toFixed(0)} s (${Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(0)} s`).join(', ')})`,
  ];
  const text = [
    header.join('\n'), '', '### Figures (median, min–max and p10–p90 over the measured runs after warm-up)', '', table(all.figures),
    '', '### Peers in the same run', '', ratioTable(all.ratios),
    '', '### How cost grows', '', growthTable(all.growth),
    ...(all.notes.length ? ['', '### Notes', '', ...all.notes.map((n) => `- ${n}`)] : []),
  ].join('\n');
  console.log(text);
  writeFileSync(join(ROOT, 'bench-results.json'), JSON.stringify({
    date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, chromium, loadavgAtStart: load },
    totalSeconds: total, areaSeconds: timings, ...all,
  }, null, 1));
  console.error(`bench: wrote bench-results.json (${total.toFixed(0)} s)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
