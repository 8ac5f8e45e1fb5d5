// An LMS double that saves the way several real LMS runtimes still do (SCORM12.md §3.2, §5 pitfall 1):
// every LMSCommit and LMSFinish sends the values to the LMS server by a *synchronous* XMLHttpRequest,
// which Chrome refuses during page dismissal ("Synchronous XHR in page dismissal": NetworkError, so the
// call fails with 101 and nothing is retried). Like those LMSs, it switches to `navigator.sendBeacon`
// only inside `beforeunload` or the click handler that replaces the SCO's frame; `beacon: 'never'`
// plays an LMS that never does.
//
// "Inside", as Chromium orders the events (checked): closing the tab dispatches the LMS window's
// `beforeunload`, then the SCO frame's, then the LMS's `pagehide` and `unload`, then the frame's
// `pagehide` and `unload`. The switch is on from the LMS's `beforeunload` to its `pagehide`, so the
// SCO's `beforeunload` can still save and its `pagehide` no longer can. Replacing the frame's `src`
// runs the frame's `beforeunload` synchronously inside the setter, and its `pagehide`/`unload` in a
// later task, after the click handler (and its switch) is over.
//
// What counts as saved is only what the loopback endpoint received (`createLmsServer().stored`), never
// what the page holds in memory. scorm-again (SCORM12.md §6) holds the data model and validates each
// call; the trace of calls is kept in localStorage so a test can read it after the tab closed.

/**
 * The LMS server side: what each learner has stored, and the launch data for their next attempt.
 * @returns {import('./sync-xhr-lms.d.mts').LmsServer}
 */
export function createLmsServer() {
  const stored = new Map();
  const received = [];
  return {
    stored,
    received,
    /** Handles POST /lms/store (XHR or beacon). */
    store(body, via) {
      const { learner, values, finish } = JSON.parse(body);
      const record = stored.get(learner) ?? {};
      Object.assign(record, values);
      stored.set(learner, record);
      received.push({ learner, via, finish: Boolean(finish), values });
    },
    /** The CMI the LMS hands the SCO at launch, from what it stored (exit `suspend` → entry `resume`, §3.6). */
    seedFor(learner) {
      const s = stored.get(learner) ?? {};
      const core = {
        student_id: learner, student_name: 'Doe, Jane', credit: 'credit', lesson_mode: 'normal',
        entry: s['cmi.core.exit'] === 'suspend' ? 'resume' : s['cmi.core.lesson_status'] ? '' : 'ab-initio',
        lesson_status: s['cmi.core.lesson_status'] ?? 'not attempted',
      };
      if (s['cmi.core.lesson_location']) core.lesson_location = s['cmi.core.lesson_location'];
      if (s['cmi.core.score.raw']) core.score = { raw: s['cmi.core.score.raw'] };
      return { core, suspend_data: s['cmi.suspend_data'] ?? '' };
    },
  };
}

/**
 * The host page at /sync-host.html?learner=ID&beacon=dismissal|never.
 * @param {{ learner: string, beacon: 'dismissal' | 'never', seed: Record<string, unknown> }} options
 */
export function syncXhrHostHtml(options) {
  const config = JSON.stringify(options).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>LMS (synchronous XHR)</title>
<style>html,body{margin:0;height:100%}iframe{border:0;width:100%;height:100vh;display:block}</style>
</head><body>
<script src="/scorm12.min.js"></script>
<script>
(function () {
  const config = ${config};
  const api = new window.Scorm12API({ logLevel: 5, autocommit: false, lmsCommitUrl: false, mastery_override: false });
  api.loadFromJSON(config.seed);
  let dismissing = false;
  let unsent = {};
  let forcedError = null;
  addEventListener('beforeunload', () => { dismissing = true; });
  addEventListener('pagehide', () => { dismissing = false; });
  const log = (entry) => {
    try {
      const trace = JSON.parse(localStorage.getItem('cpLms:trace') || '[]');
      trace.push(entry);
      localStorage.setItem('cpLms:trace', JSON.stringify(trace));
    } catch (e) { /* ignore */ }
  };
  // Sends what changed since the last save; on failure it stays unsent, for the next commit.
  const send = (finish) => {
    const body = JSON.stringify({ learner: config.learner, values: unsent, finish: finish });
    let ok = false;
    if (dismissing && config.beacon === 'dismissal') {
      ok = navigator.sendBeacon('/lms/store?via=beacon', body);
    } else {
      try {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', '/lms/store?via=xhr', false);
        xhr.send(body);
        ok = xhr.status === 200;
      } catch (e) {
        ok = false; // NetworkError: Chrome refused a synchronous XHR during dismissal
      }
    }
    if (ok) unsent = {};
    return ok;
  };
  const calls = {
    LMSInitialize: (a) => { dismissing = false; return api.LMSInitialize(a); },
    LMSGetValue: (el) => api.LMSGetValue(el),
    LMSSetValue: (el, v) => {
      const r = api.LMSSetValue(el, v);
      if (String(api.LMSGetLastError()) === '0') unsent[el] = String(v);
      return r;
    },
    LMSCommit: (a) => {
      const r = api.LMSCommit(a);
      if (r !== 'true') return r;
      if (send(false)) return 'true';
      forcedError = '101';
      return 'false';
    },
    LMSFinish: (a) => {
      const saved = send(true);
      const r = api.LMSFinish(a);
      if (saved) return r;
      forcedError = '101';
      return 'false';
    },
  };
  const API = {};
  Object.keys(calls).forEach((fn) => {
    API[fn] = function () {
      const args = Array.prototype.slice.call(arguments);
      forcedError = null;
      const result = calls[fn].apply(null, args);
      log({ fn: fn, args: args.map(String), result: String(result), error: forcedError !== null ? forcedError : String(api.LMSGetLastError()) });
      return result;
    };
  });
  API.LMSGetLastError = () => (forcedError !== null ? forcedError : api.LMSGetLastError());
  API.LMSGetErrorString = (c) => api.LMSGetErrorString(c);
  API.LMSGetDiagnostic = (c) => api.LMSGetDiagnostic(c);
  window.API = API;
  const frame = document.createElement('iframe');
  frame.id = 'sco';
  frame.title = 'Course';
  frame.src = '/sco/index.html';
  document.body.appendChild(frame);
  window.cpLms = {
    // The LMS opens another activity in the SCO's frame (a menu click in the LMS): it saves by
    // sendBeacon while its handler runs (config.beacon permitting).
    openOtherActivity() {
      dismissing = true;
      try { frame.src = '/blank.html'; } finally { dismissing = false; }
    },
  };
})();
</script>
</body></html>`;
}
