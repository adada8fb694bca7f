/* global window, document, requestAnimationFrame, MutationObserver, location */
// Measurements taken inside the page (plain browser JavaScript: the repository's TypeScript
// is checked without the DOM library). Injected with page.addInitScript({ path }) and called
// as `window.reelshelfProbes.<name>(…)` from page.evaluate. Used by bench/ui.ts.
window.reelshelfProbes = {
  /** Times of the navigation's milestones and the Library screen's first-paint mark, in ms since navigation start. */
  pageLoad() {
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      firstPaint: performance.getEntriesByName('library:first-paint')[0]?.startTime ?? null,
      domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
      firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    };
  },

  /**
   * Arms a measurement for the next keystroke (call it, await it, then press the key, then
   * await `keystrokeShown()`): the ms from its keydown (seen by a capturing listener) until
   * `.search-results` carries the focused field's new value in data-query, or null when that
   * does not happen within `timeoutMs`.
   */
  armKeystroke(timeoutMs) {
    this.pendingKeystroke = new Promise((resolve) => {
      let keyAt = null;
      const input = document.activeElement;
      const onKey = () => (keyAt = performance.now());
      window.addEventListener('keydown', onKey, { capture: true, once: true });
      const done = (value) => {
        observer.disconnect();
        clearTimeout(timer);
        window.removeEventListener('keydown', onKey, { capture: true });
        resolve(value);
      };
      const check = () => {
        const results = document.querySelector('.search-results');
        if (keyAt !== null && results && results.dataset.query === input.value)
          done(performance.now() - keyAt);
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-query'],
      });
      const timer = setTimeout(() => done(null), timeoutMs);
    });
    return true;
  },

  keystrokeShown() {
    return this.pendingKeystroke;
  },

  /** catalog.search round trips over a WebSocket of the probe's own to the core's door. */
  async rawSearch(texts, args) {
    const ws = new WebSocket(`ws://${location.host}/door`);
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    const times = [];
    let id = 1_000_000;
    for (const text of texts) {
      const myId = ++id;
      const t0 = performance.now();
      await new Promise((resolve) => {
        const onMessage = (m) => {
          if (JSON.parse(String(m.data)).id !== myId) return;
          ws.removeEventListener('message', onMessage);
          resolve();
        };
        ws.addEventListener('message', onMessage);
        ws.send(JSON.stringify({ id: myId, command: 'catalog.search', args: { ...args, text } }));
      });
      times.push(performance.now() - t0);
    }
    ws.close();
    return times;
  },

  /**
   * Scrolls `selector` by `step` px every animation frame for `ms` (turning round at an
   * end), recording the intervals between frames and the long tasks meanwhile.
   */
  scroll(selector, ms, step) {
    return new Promise((resolve) => {
      const scroller = document.querySelector(selector);
      const longTasks = [];
      let observer;
      try {
        observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) longTasks.push(e.duration);
        });
        observer.observe({ type: 'longtask' });
      } catch {
        // no long task timing in this browser: reported as none
      }
      const deltas = [];
      let last;
      let start;
      let direction = 1;
      let scrolledPx = 0;
      const frame = (now) => {
        if (last !== undefined) deltas.push(now - last);
        last = now;
        start ??= now;
        if (now - start >= ms) {
          observer?.disconnect();
          resolve({ deltas, longTasks, scrolledPx, scrollHeight: scroller.scrollHeight });
          return;
        }
        const before = scroller.scrollTop;
        scroller.scrollBy(0, step * direction);
        if (scroller.scrollTop === before) direction = -direction;
        scrolledPx += Math.abs(scroller.scrollTop - before);
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  },
};
