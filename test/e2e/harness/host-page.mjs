// The LMS side of the end-to-end tests: a host page that puts scorm-again's Scorm12API at
// `window.API` (SCORM12.md §6) behind a wrapper that records every call, plays the faults a
// test asks for, and keeps what a real LMS would have persisted: values are "stored" only by
// a successful LMSCommit or LMSFinish, so a test can tell saved progress from lost progress.
// A test sets \`cpHost.expired = true\` for an LMS whose server session has gone (timed out, the server down):
// from then on LMSCommit and LMSFinish return "false" with error 101, and nothing more is stored.
// Plain JS so the benchmark (run by node directly) shares it with the vitest suites.

/**
 * @param {import('./host-page.d.mts').HostOptions} options
 * @returns {string}
 */
export function hostPageHtml(options = {}) {
  const config = JSON.stringify({
    seed: options.seed ?? null,
    setReturnsFalse: options.setReturnsFalse ?? false,
    commitFailures: options.commitFailures ?? 0,
    interactions401: options.interactions401 ?? false,
    stored: options.stored ?? null,
    throwing: options.throwing ?? false,
    launchHash: options.launchHash ?? '',
    launchQuery: options.launchQuery ?? '',
    sco: options.sco ?? '',
  }).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>LMS host</title>
<style>html,body{margin:0;height:100%}iframe{border:0;width:100%;height:100vh;display:block}</style>
</head><body>
<script src="/scorm12.min.js"></script>
<script>
(function () {
  const config = ${config};
  const host = { trace: [], stored: Object.assign({}, config.stored || {}), pending: {}, commits: 0, finished: false, expired: false };
  window.cpHost = host;
  const api = new window.Scorm12API({ logLevel: 5, autocommit: false, lmsCommitUrl: false, mastery_override: false });
  const seed = config.seed || {};
  api.loadFromJSON(Object.assign({}, seed, {
    core: Object.assign({ student_id: 'stu-001', student_name: 'Doe, Jane', credit: 'credit', lesson_mode: 'normal',
      entry: 'ab-initio', lesson_status: 'not attempted' }, seed.core || {}),
  }));
  let forcedError = null;
  let commitFailuresLeft = config.commitFailures;
  // Also kept in localStorage (synchronous, survives the tab closing), so a test can read what
  // an LMS stored during pagehide from /blank.html afterwards.
  const persist = () => {
    Object.assign(host.stored, host.pending);
    host.pending = {};
    try { localStorage.setItem('cpHost:stored', JSON.stringify(host.stored)); } catch (e) { /* ignore */ }
  };
  const wrapped = {
    LMSInitialize: (a) => api.LMSInitialize(a),
    LMSGetValue: (el) => api.LMSGetValue(el),
    LMSSetValue: (el, v) => {
      if (config.interactions401 && /^cmi\\.interactions\\./.test(String(el))) { forcedError = '401'; return 'false'; }
      const r = api.LMSSetValue(el, v);
      if (String(api.LMSGetLastError()) === '0') host.pending[el] = String(v);
      return config.setReturnsFalse ? 'false' : r;
    },
    LMSCommit: (a) => {
      if (commitFailuresLeft > 0) { commitFailuresLeft--; forcedError = '101'; return 'false'; }
      if (host.expired) { forcedError = '101'; return 'false'; }
      const r = api.LMSCommit(a);
      if (r === 'true') { host.commits++; persist(); }
      return r;
    },
    LMSFinish: (a) => {
      try { localStorage.setItem('cpHost:finishCalls', String(Number(localStorage.getItem('cpHost:finishCalls') || 0) + 1)); } catch (e) { /* ignore */ }
      if (host.expired) { forcedError = '101'; return 'false'; }
      const r = api.LMSFinish(a);
      if (r === 'true') { persist(); host.finished = true; }
      return r;
    },
    LMSGetLastError: () => api.LMSGetLastError(),
    LMSGetErrorString: (c) => api.LMSGetErrorString(c),
    LMSGetDiagnostic: (c) => api.LMSGetDiagnostic(c),
  };
  const recorded = {};
  Object.keys(wrapped).forEach((fn) => {
    recorded[fn] = function () {
      const args = Array.prototype.slice.call(arguments);
      if (fn === 'LMSGetLastError' && forcedError !== null) return forcedError;
      forcedError = null;
      const r = wrapped[fn].apply(null, args);
      if (!/^LMSGet(LastError|ErrorString|Diagnostic)$/.test(fn)) {
        host.trace.push({ fn: fn, args: args.map(String), result: String(r), error: String(forcedError !== null ? forcedError : api.LMSGetLastError()) });
      }
      return r;
    };
  });
  window.API = config.throwing
    ? Object.fromEntries(Object.keys(recorded).map((fn) => [fn, () => { throw new Error('LMS down'); }]))
    : recorded;
  const frame = document.createElement('iframe');
  frame.id = 'sco';
  frame.title = 'Course';
  frame.src = '/sco/' + (config.sco ? config.sco + '/' : '') + 'index.html' + config.launchQuery + config.launchHash;
  document.body.appendChild(frame);
})();
</script>
</body></html>`;
}
