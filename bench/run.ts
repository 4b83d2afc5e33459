// `npm run bench` runs this bundle one section at a time (scripts/bench.mjs), each in a fresh process.
import { reloadLatency } from './reload';
import { hangAndTimeout, runNowLatency } from './runtime';
import { staleStress } from './stale';
import { flowdeskThroughput, plainjobThroughput } from './throughput';

const sections: Record<string, () => Promise<void>> = {
  async throughput() {
    const jobs = Number(process.env.BENCH_JOBS ?? 20_000);
    const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
    console.log(`Queue throughput (no-op jobs, side by side, ${rounds} alternating rounds)`);
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const ours = await flowdeskThroughput(jobs);
      const theirs = await plainjobThroughput(jobs);
      ratios.push(ours / theirs);
    }
    const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)];
    console.log(`  ${'Flowdesk / plainjob per round'.padEnd(58)} ${ratios.map((x) => x.toFixed(2) + '×').join(' ')}`);
    console.log(`  ${'Flowdesk / plainjob, median'.padEnd(58)} ${median.toFixed(2)}×   (target ≥ 2×)`);
  },
  async reload() {
    console.log('Reload on save (4 queue workers)');
    await reloadLatency(Number(process.env.BENCH_SAVES ?? 200), Number(process.env.BENCH_RELOADS ?? 1000));
  },
  async stale() {
    console.log('Stale-code stress');
    await staleStress(Number(process.env.BENCH_STRESS_JOBS ?? 3000), 3);
  },
  async runtime() {
    console.log('Run Now and hang handling');
    await runNowLatency(Number(process.env.BENCH_RUNS ?? 100));
    await hangAndTimeout();
  }
};

const name = process.argv[2];
const section = sections[name];
if (!section) {
  console.error(`unknown section "${name}"; one of ${Object.keys(sections).join(', ')}`);
  process.exit(2);
}
section().then(
  () => process.exit(0),
  (e) => {
    console.error(`  section ${name} failed: ${(e as Error).stack}`);
    process.exit(1);
  }
);
