/**
 * `npm run bench [-- area…]`: every benchmark, peers measured in the same run, one table on stdout
 * and bench-results.json. Areas: sizes engine segment corpus dashboard page extension (default: all).
 * Not part of the test suite: tests check behaviour, this measures time on the machine it runs on.
 */
import { execSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './pages';
import { fmt, type Figure, type Growth, type Ratio, type Section } from './stats';

const AREAS = ['sizes', 'engine', 'segment', 'corpus', 'dashboard', 'compare', 'page', 'extension'] as const;
type Area = (typeof AREAS)[number];

function chosenAreas(): Set<Area> {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  for (const a of args) if (!(AREAS as readonly string[]).includes(a)) throw new Error(`unknown bench area ${a}; one of ${AREAS.join(' ')}`);
  return new Set((args.length ? args : AREAS) as Area[]);
}

/** Newest modification time of any source file the extension is built from. */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const d of ['lib', 'entrypoints', 'components', 'assets', 'public']) if (existsSync(join(ROOT, d))) walk(join(ROOT, d));
  for (const f of ['wxt.config.ts', 'package.json']) if (existsSync(join(ROOT, f))) newest = Math.max(newest, statSync(join(ROOT, f)).mtimeMs);
  return newest;
}

/**
 * The built extension, copied: other work in the same tree may rebuild .output while the bench
 * runs, and a half-written bundle would be measured (or fail to load). Built first when missing
 * or older than the sources (a stale build would open the database with an older schema).
 */
function snapshotExtension(tmp: string): string {
  const built = join(ROOT, '.output/chrome-mv3');
  const manifest = join(built, 'manifest.json');
  if (!existsSync(manifest) || (process.env.BENCH_BUILD !== '0' && statSync(manifest).mtimeMs < newestSource())) {
    console.error('bench: the built extension is missing or older than the sources, running `npx wxt build` …');
    execSync('npx wxt build', { cwd: ROOT, stdio: 'inherit' });
  }
  const dir = join(tmp, 'chrome-mv3');
  cpSync(built, dir, { recursive: true });
  return dir;
}

const loadText = () => loadavg().map((l) => l.toFixed(2)).join(' ');

function table(figures: readonly Figure[]): string {
  const rows = ['| area | figure | median | min–max | p10–p90 | p95 | n | unit |', '|---|---|---|---|---|---|---|---|'];
  for (const f of figures) {
    const range = f.n > 1 ? `${fmt(f.min)}–${fmt(f.max)}` : '';
    const p = f.n > 1 ? `${fmt(f.p10)}–${fmt(f.p90)}` : '';
    const p95 = f.n > 1 ? fmt(f.p95) : '';
    rows.push(`| ${f.area} | ${f.name}${f.note ? ` (${f.note})` : ''} | **${fmt(f.median)}** | ${range} | ${p} | ${p95} | ${f.n} | ${f.unit} |`);
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
  const areaLoad: Record<string, string> = {};
  let chromium = '';
  try {
    const extensionDir = areas.has('sizes') || areas.has('extension') || areas.has('corpus') || areas.has('dashboard') ? snapshotExtension(tmp) : '';
    const step = async (name: Area, fn: () => Promise<Section> | Section) => {
      if (!areas.has(name)) return;
      const t0 = performance.now();
      const before = loadText();
      console.error(`bench: ${name} … (load ${before})`);
      const s = await fn();
      timings[name] = (performance.now() - t0) / 1000;
      areaLoad[name] = `${before} → ${loadText()}`;
      console.error(`bench: ${name} done in ${timings[name]!.toFixed(1)} s (load ${loadText()})`);
      all.figures.push(...s.figures);
      all.ratios.push(...s.ratios);
      all.growth.push(...s.growth);
      all.notes.push(...s.notes);
    };
    await step('sizes', async () => (await import('./sizes')).benchSizes(extensionDir));
    await step('engine', async () => (await import('./engine')).benchEngineNode());
    await step('segment', async () => (await import('./segment')).benchSegment());
    await step('corpus', async () => (await import('./corpus')).benchCorpus(extensionDir, tmp));
    await step('dashboard', async () => (await import('./dashboard')).benchDashboard(extensionDir, tmp));
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
      `${chromium ? `, Chromium ${chromium}` : ''}, load average (1/5/15 min) at start ${load.map((l) => l.toFixed(2)).join(' ')}, at end ${loadText()}`,
    `total ${total.toFixed(0)} s (${Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(0)} s, load ${areaLoad[k]}`).join('; ')})`,
  ];
  const text = [
    header.join('\n'), '', '### Figures (median, min–max, p10–p90 and p95 over the measured runs after warm-up)', '', table(all.figures),
    '', '### Peers in the same run', '', ratioTable(all.ratios),
    '', '### How cost grows', '', growthTable(all.growth),
    ...(all.notes.length ? ['', '### Notes', '', ...all.notes.map((n) => `- ${n}`)] : []),
  ].join('\n');
  console.log(text);
  writeFileSync(join(ROOT, 'bench-results.json'), JSON.stringify({
    date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, chromium, loadavgAtStart: load, loadavgAtEnd: loadavg(), areaLoad },
    totalSeconds: total, areaSeconds: timings, ...all,
  }, null, 1));
  console.error(`bench: wrote bench-results.json (${total.toFixed(0)} s)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
