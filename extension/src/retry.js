// Retrying a message to the background. The background may be stopped or starting when a
// message is sent (a Chromium service worker the browser just stopped, an idle Firefox event
// page): the message is lost ("Receiving end does not exist"), refused, or never answered,
// and the next attempt wakes it. One helper for both senders, which differ only in the
// options: the content script (content.js) and the extension's pages (common.js,
// sendToBackground). Classic script (content scripts cannot import modules): defines
// globalThis.RedflagRetry; the pages load it with `import './retry.js'`.
(function () {
  'use strict';

  // One timer for every attempt in flight, not one set and cleared per attempt: a feed sends a
  // message per page of posts, and each timer cost the page's main thread about as much as the
  // rest of this file's work for that message (`make bench-page`, BENCHMARKS.md). The timer
  // runs at the earliest deadline and is set again for the next one while attempts remain.
  const inFlight = new Set(); // { deadline, reject }
  let timer = 0;
  let timerAt = Infinity;

  function arm(at) {
    if (timer && timerAt <= at) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(sweep, Math.max(0, at - Date.now()));
  }

  function sweep() {
    timer = 0;
    timerAt = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const a of inFlight) {
      if (a.deadline <= now) {
        inFlight.delete(a);
        a.reject(new Error('timeout'));
      } else if (a.deadline < next) next = a.deadline;
    }
    if (next !== Infinity) arm(next);
  }

  function withTimeout(promise, ms) {
    return new Promise((resolve, reject) => {
      const a = { deadline: Date.now() + ms, reject };
      inFlight.add(a);
      arm(a.deadline);
      promise.then((v) => { inFlight.delete(a); resolve(v); }, (e) => { inFlight.delete(a); reject(e); });
    });
  }

  // Calls `attempt()` (which returns a promise of the answer) up to `tries` times, pausing
  // `pause` × the attempt number (ms) between attempts.
  //   timeout        ms an attempt may take before it counts as failed (0: no limit)
  //   retryable(err) whether a failed attempt is worth another one (default: always)
  //   needAnswer     no answer (undefined) after the last attempt is an error ("no answer");
  //                  otherwise undefined is returned. An attempt without an answer is retried
  //                  either way.
  // The last attempt's error, or one that is not retryable, is thrown.
  async function withRetries(attempt, { tries = 4, timeout = 0, pause = 150, retryable = () => true, needAnswer = false } = {}) {
    for (let i = 1; ; i++) {
      try {
        const res = await (timeout ? withTimeout(Promise.resolve(attempt()), timeout) : attempt());
        if (res !== undefined) return res;
        if (i >= tries) {
          if (needAnswer) throw new Error('no answer');
          return res;
        }
      } catch (err) {
        if (i >= tries || !retryable(err)) throw err;
      }
      await new Promise((r) => setTimeout(r, pause * i));
    }
  }

  globalThis.RedflagRetry = Object.freeze({ withRetries });
})();
