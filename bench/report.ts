/** Turns the measurements into the console table, bench/results.json and docs/benchmarks.md. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ComponentsSize, LabelledBundle } from './bundle';
import { REPO_ROOT } from './common';
import type { MultiNodeResults } from './multi-node-types';
import { multiNodeSection } from './report-multi-node';
import { openLoopHeadlineRows, openLoopSection, restartRows } from './report-open-loop';
import { writeScalingSection } from './report-scaling';
import type { LatencyResult, OpenLoopResult, ThroughputResult } from './types';
import type { UploadResult } from './upload';

export interface Machine {
  node: string;
  platform: string;
  kernel: string;
  cpuModel: string;
  cpus: number;
  totalMemoryGB: number;
  /** 1-minute load average when the bench started: how busy the shared machine already was. */
  loadAverageAtStart: number;
  /** File system the Tidings data folder was on (tmpfs would make fsync free). */
  dataFileSystem: string;
}

export interface Settings {
  pairs: number;
  window: number;
  warmupMs: number;
  durationMs: number;
  textBytes: number;
  rounds: number;
  idleConnections: number;
}

export interface IdleMemory {
  connections: number;
  connectMs: number;
  rssBeforeKB: number;
  rssAfterKB: number;
  /** RSS read every 500 ms while the connections sat idle; the last one is rssAfterKB. */
  rssSamplesKB: number[];
  perConnectionKB: number;
}

/** Both servers under the same open-loop traffic among `users` users. */
export interface OpenLoopSeries {
  users: number;
  relay: OpenLoopResult;
  tidings: OpenLoopResult;
}

export interface Results {
  ok: boolean;
  failures: string[];
  date: string;
  elapsedSeconds: number;
  machine: Machine;
  settings: Settings;
  /** The headline numbers; the sections below hold every run behind them. */
  figures: {
    /** Best round of each; the medians are there too, and every round under `throughput`. */
    relayMsgsPerSecond: number;
    tidingsMsgsPerSecond: number;
    relayMsgsPerSecondMedian: number;
    tidingsMsgsPerSecondMedian: number;
    tidingsToRelay: number;
    latencyRate: number;
    relayLatencyP50Ms: number;
    relayLatencyP99Ms: number;
    tidingsLatencyP50Ms: number;
    tidingsLatencyP99Ms: number;
    tidingsAckP99Ms: number;
    relayIdleKBPerConnection: number | null;
    tidingsIdleKBPerConnection: number | null;
    wechatBundleMinGzipBytes: number | null;
  };
  /** Absent in results written before the open-loop scenario existed. */
  openLoop?: OpenLoopSeries[];
  throughput: { relay: ThroughputResult[]; tidings: ThroughputResult[] };
  latency: { rate: number; relay: LatencyResult; tidings: LatencyResult };
  memory: { relay: IdleMemory | null; tidings: IdleMemory | null };
  bundles: LabelledBundle[];
  /** Absent in results written before the components existed. */
  components?: ComponentsSize[];
  upload: UploadResult;
  /** Absent in results written before the several-nodes section existed. */
  multiNode?: MultiNodeResults;
  targets: {
    throughputRatio: number;
    p99Ms: number;
    openLoopRatio?: number;
    openLoopP99LimitMs?: number;
    openLoopDiskBytesPerMessage?: number;
  };
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const ms = (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms` : 'n/a');
const pct = (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(0)}%` : 'n/a');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const check = (ok: boolean) => (ok ? 'met' : 'NOT met');

function bundleRow(bundle: LabelledBundle): string[] {
  if (!bundle.present) return [`SDK for ${bundle.label}`, '–', `${bundle.file} missing (build the SDK first)`, ''];
  const budget = bundle.budgetBytes
    ? `; budget ≤ ${kb(bundle.budgetBytes)}: ${check(bundle.minGzipBytes <= bundle.budgetBytes)}`
    : '';
  return [`SDK for ${bundle.label}, min + gzip`, '–', kb(bundle.minGzipBytes), `\`${bundle.file}\`${budget}`];
}

/** Rows of the headline table: [measure, relay, Tidings, note]. */
function headlineRows(r: Results): string[][] {
  const f = r.figures;
  const memory = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(1)} KB`);
  return [
    ...openLoopHeadlineRows(r),
    ...restartRows(),
    [
      'Throughput, closed loop over 50 fixed pairs (the kindest case), messages delivered/s',
      int(f.relayMsgsPerSecond),
      int(f.tidingsMsgsPerSecond),
      `Tidings/relay ${pct(f.tidingsToRelay)} (target ≥ ${pct(r.targets.throughputRatio)}: ${check(f.tidingsToRelay >= r.targets.throughputRatio)})`,
    ],
    [
      `Latency p50 at ${int(f.latencyRate)} msgs/s`,
      ms(f.relayLatencyP50Ms),
      ms(f.tidingsLatencyP50Ms),
      'send → receiver push',
    ],
    [
      `Latency p99 at ${int(f.latencyRate)} msgs/s`,
      ms(f.relayLatencyP99Ms),
      ms(f.tidingsLatencyP99Ms),
      `target < ${r.targets.p99Ms} ms: ${check(f.tidingsLatencyP99Ms < r.targets.p99Ms)}`,
    ],
    [
      `Memory per idle connection (${int(r.settings.idleConnections)} logged in)`,
      memory(f.relayIdleKBPerConnection),
      memory(f.tidingsIdleKBPerConnection),
      'server RSS delta / connections',
    ],
    ...r.bundles.map(bundleRow),
    ...(r.components ?? []).map((c) => [
      `${c.label}, raw / gzip`,
      '–',
      `${kb(c.rawBytes)} / ${kb(c.gzipBytes)}`,
      `${c.files} files in \`${c.folder}\``,
    ]),
    [
      `Upload of a ${Math.round(r.upload.bytes / 2 ** 20)} MB file, MB/s`,
      `${Math.max(...r.upload.putMBps).toFixed(0)} (plain HTTP PUT)`,
      `${Math.max(...r.upload.sdkMBps).toFixed(0)} (sendMessage, tus)`,
      `SDK/PUT ${pct(Math.max(...r.upload.sdkMBps) / Math.max(...r.upload.putMBps))}; ${r.upload.progressCalls} onProgress calls`,
    ],
  ];
}

function pad(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c])).join('  ')).join('\n');
}

export function printTable(r: Results): void {
  const rows = [['', 'relay (baseline)', 'Tidings', ''], ...headlineRows(r)];
  process.stdout.write(`\n${pad(rows)}\n\n`);
}

function markdownTable(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function roundsTable(r: Results): string {
  const rows: string[][] = [];
  const add = (name: string, runs: ThroughputResult[]) =>
    runs.forEach((run, i) =>
      rows.push([
        name,
        String(i + 1),
        int(run.deliveredPerSecond),
        `${int(Math.min(...run.perSecond))}–${int(Math.max(...run.perSecond))}`,
        `${pct(run.cpu.server)} / ${pct(run.cpu.loadGenerator)}`,
        `${int(run.acked)} = ${int(run.delivered)}`,
      ]),
    );
  add('relay', r.throughput.relay);
  add('Tidings', r.throughput.tidings);
  return markdownTable(
    [
      'server',
      'round',
      'delivered msgs/s',
      'slowest–fastest second',
      'CPU server / load generator',
      'acked = delivered',
    ],
    rows,
  );
}

function latencyTable(r: Results): string {
  const row = (name: string, run: LatencyResult) => [
    name,
    int(run.achievedRate),
    ms(run.delivery.p50),
    ms(run.delivery.p90),
    ms(run.delivery.p99),
    ms(run.delivery.max),
    `${ms(run.ack.p50)} / ${ms(run.ack.p99)}`,
    `${pct(run.cpu.server)} / ${pct(run.cpu.loadGenerator)}`,
  ];
  return markdownTable(
    ['server', 'sent msgs/s', 'p50', 'p90', 'p99', 'max', 'answer to sender p50 / p99', 'CPU server / load generator'],
    [row('relay', r.latency.relay), row('Tidings', r.latency.tidings)],
  );
}

export function markdown(r: Results): string {
  const s = r.settings;
  const m = r.machine;
  const memory = (name: string, idle: IdleMemory | null) =>
    idle
      ? `- ${name}: RSS ${int(idle.rssBeforeKB)} KB → ${int(idle.rssAfterKB)} KB with ${int(idle.connections)} idle logged-in connections = **${idle.perConnectionKB.toFixed(1)} KB per connection** (opened in ${int(idle.connectMs)} ms).`
      : `- ${name}: not measured.`;
  const bundle = r.bundles
    .map((b) =>
      b.present
        ? `- \`${b.file}\` (${b.label}): ${kb(b.rawBytes)} raw, ${kb(b.gzipBytes)} gzip, ${kb(b.minBytes)} minified, **${kb(b.minGzipBytes)} minified + gzip** (${b.minifier}).`
        : `- \`${b.file}\` was not built when the bench ran, so its size is not reported.`,
    )
    .join('\n');
  return `# Benchmarks

What one Tidings server process does on one machine, next to the most that machine does for the
same traffic. Everything here is regenerated by \`npm run bench\` (\`bench/run.ts\`); the raw
numbers of the last run are in \`bench/results.json\`. Nothing in this page is typed in by hand.

## How it is measured

Three kinds of process, each its own Node.js process so none shares an event loop with another:

- **Tidings**: the real server, \`node bin/tidings.js start\` from the built \`dist/\`, with a fresh
  SQLite data folder (on ${m.dataFileSystem}), \`LOG_LEVEL=warn\`. Every message is durable before it
  is acknowledged: WAL with \`synchronous=FULL\`, sends that arrive together share one commit.
- **Relay** (\`bench/relay.ts\`): the baseline. A bare \`ws\` server that answers \`login\` without
  checking it, and for each \`send\` stamps the message, pushes it to the receiver's socket and
  answers the sender. Same frames, no validation, no storage: the machine's raw limit for this
  traffic.
- **Load generator** (\`bench/load.ts\`): ${s.pairs} sender → ${s.pairs} receiver pairs (C2C, one
  WebSocket per user, ${s.textBytes}-character text messages), the same code against both servers.

The figures:

- **Open loop over many conversations** (the realistic case): 100, then 1,000 connected users
  (one WebSocket each); each message goes from a random user to a random other user, sent at
  its scheduled time whatever the answers (an open loop). The rate starts at 250 msgs/s and is
  multiplied by 1.5 per step (a short unreported step first, to warm up; 0.5 s warm-up + 2 s measured
  per step); a step is *sustained* when delivery p99, measured from each message's *scheduled* time
  (so a late send counts against the server: no coordinated omission), stays under 100 ms, and every send is
  answered and every acknowledged message delivered. A failed step is tried once more; after the first
  failure one step half-way (geometric) back is tried. "Max" is the highest sustained rate; then
  ${s.durationMs / 1000} s at half of it give the p99 at half rate. Per message, over each measured window: the
  server's CPU (all threads, user + system, \`/proc/<pid>/stat\`), the bytes it caused to be written to
  storage (\`/proc/<pid>/io\` write_bytes: WAL, checkpoints, and page-cache pages dirtied again after an
  fsync), and the store's commits per second and messages per commit (the server's \`/stats\`).
  Message IDs are shaped like the SDK's (creation time first). Relay and Tidings run the same series in turn.
- **Throughput**: closed loop. Each sender keeps ${s.window} sends waiting for their answer; ${s.warmupMs / 1000} s
  of warm-up, then messages *delivered to receivers* are counted for ${s.durationMs / 1000} s. Relay and
  Tidings take turns, ${s.rounds} round(s) each (the order alternates); the table shows each one's best
  round, since noise on a shared machine only ever lowers a figure. After each run
  sending stops and the run must end with every send answered and every acknowledged message
  delivered (acked = delivered, for every pair), or the bench fails.
- **Latency**: open loop at half of Tidings' measured throughput, paced by the clock and spread
  over the senders in turn. Each text carries its send time (\`performance.now()\`); the receiver,
  in the same process, takes the difference. ${s.warmupMs / 1000} s warm-up, then ${s.durationMs / 1000} s measured. The relay
  gets the same rate.
- **Memory per idle connection**: a fresh server process; its RSS (\`/proc/<pid>/status\`) after one
  login, then again 3 s after ${int(s.idleConnections)} more users logged in and went idle; the difference over
  the count.
- **Bundle sizes**: each SDK bundle as built (WeChat, uni-app, bundlers, Node), minified with esbuild and gzipped (level 9). The WeChat one, core + wx adapter, has a budget of 40 KB (30 KB until the SDK grew from 35 to 125 of the reference's 149 methods; TencentCloudChat's core is about 125 KB gzip).
- **Upload** (\`bench/upload.ts\`): a ${Math.round(r.upload.bytes / 2 ** 20)} MB file from disk sent by \`sendMessage\` as a file message
  (tus: POST, then 4 MB PATCHes, each written to disk by the server) to a fresh Tidings server, next to one plain
  HTTP PUT of the same bytes to a bare Node.js sink that writes them to disk (\`bench/put-sink.ts\`).
  ${r.upload.rounds} round(s) each; the best counts. MB = 2^20 bytes.

The machine is shared and noisy, and the load generator has to run on it too: with
${m.cpus} cores it competes with the server for CPU, so read the figures as a pair (Tidings next to the
relay on the same machine in the same run) rather than as absolutes.

## Results

${markdownTable(['', 'relay (baseline)', 'Tidings', ''], headlineRows(r))}

${openLoopSection(r)}

### Throughput rounds

${roundsTable(r)}

CPU is the busy fraction of one core over the measured window (100% = one core).

### Latency at ${int(r.latency.rate)} msgs/s

${latencyTable(r)}

### Memory and bundle

${memory('Relay', r.memory.relay)}
${memory('Tidings', r.memory.tidings)}
${bundle}

${multiNodeSection(r.multiNode)}
## Machine

${r.date}: ${m.cpus} × ${m.cpuModel}, ${m.totalMemoryGB} GB RAM, ${m.platform} ${m.kernel}, Node.js ${m.node}.
Load average at start: ${m.loadAverageAtStart.toFixed(2)}. All traffic over loopback. The bench took ${Math.round(r.elapsedSeconds)} s.
`;
}

export function writeReports(r: Results): { json: string; markdown: string; scaling: string | null } {
  const json = resolve(REPO_ROOT, 'bench/results.json');
  const md = resolve(REPO_ROOT, 'docs/benchmarks.md');
  const rounded = (_key: string, value: unknown) =>
    typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
  writeFileSync(json, `${JSON.stringify(r, rounded, 2)}\n`);
  if (r.ok) writeFileSync(md, markdown(r));
  return { json, markdown: md, scaling: r.ok ? writeScalingSection(r) : null };
}
