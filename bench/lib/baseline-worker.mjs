// Runs the RegExp baseline in a worker thread and reports progress after every post, so the
// Node bench can stop it at a deadline (bench/node.mjs).
import { parentPort, workerData } from 'node:worker_threads';
import { measureBaseline } from '../fixtures/measure.mjs';

const { bundle, texts, budgetMs } = workerData;
let last = null;
measureBaseline(null, JSON.parse(bundle), texts, { budgetMs, onProgress: (p) => { last = p; parentPort.postMessage(p); } });
parentPort.postMessage({ ...last, done: true });
