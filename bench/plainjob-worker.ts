// A plainjob worker process for the side-by-side throughput benchmark (bench/throughput.ts).
import Database from 'better-sqlite3';
import { better, defineQueue, defineWorker } from 'plainjob';

const quiet = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };
const connection = better(new Database(process.argv[2]));
const queue = defineQueue({ connection, logger: quiet });
const worker = defineWorker('bench', async () => {}, { queue, logger: quiet });
process.send?.('ready');
void worker.start();
