// Retrying a message to the background. The background may be stopped or starting when a
// message is sent (a Chromium service worker the browser just stopped, an idle Firefox event
// page): the message is lost ("Receiving end does not exist"), refused, or never answered,
// and the next attempt wakes it. One helper for both senders, which differ only in the
// options: the content script (content.js) and the extension's pages (common.js,
// sendToBackground). Classic script (content scripts cannot import modules): defines
// globalThis.RedflagRetry; the pages load it with `import './retry.js'`.
(function () {
  'use strict';

  function withTimeout(promise, ms) {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('timeout')), ms);
      promise.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
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
