// Runs the RegExp baseline in a child process and reports progress after every post, so the
// Node bench can stop it at a deadline (bench/node.mjs). A child process, not a worker thread:
// a worker stuck in V8's RegExp interpreter did not stop on terminate(), and the bench
// process could not exit (nor be stopped with process.exit) while it ran; a process is killed.
import { measureBaseline } from '../fixtures/measure.mjs';

process.once('message', ({ bundle, texts, budgetMs }) => {
  let last = null;
  measureBaseline(null, JSON.parse(bundle), texts, { budgetMs, onProgress: (p) => { last = p; process.send(p); } });
  process.send({ ...last, done: true }, () => process.exit(0));
});
