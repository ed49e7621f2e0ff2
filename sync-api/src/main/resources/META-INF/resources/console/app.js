// The admin console: one Alpine.js component over the public API. Sign-in is keycloak-js
// (authorization code + PKCE S256, public client from /console/config.json); every call carries the
// access token, so the API's own role checks decide what a person may read and do.
(function () {
  'use strict';

  const ROLE_ORDER = ['admin', 'operator', 'viewer'];
  const ENTITY_TYPES = ['lead', 'contact'];
  const CONFLICT_TYPES = ['field_mismatch', 'update_vs_delete', 'duplicate_match', 'validation_failed'];
  const CONFLICT_ENTITIES = ['lead', 'contact', 'activity', 'task'];
  const CONFLICT_STATUSES = ['pending', 'failed', 'applying', 'auto_resolved', 'resolved', 'superseded', 'dismissed', 'all'];
  const STRATEGIES = {
    field_mismatch: ['local_wins', 'creatio_wins', 'manual_merge'],
    update_vs_delete: ['restore_in_creatio', 'delete_in_nia'],
    duplicate_match: ['pick_creatio_record'],
    validation_failed: ['corrected_value']
  };
  const POLL_MILLIS = 3000;
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const FINISHED = ['completed', 'failed'];

  let keycloak = null;
  let creatioUrl = null;
  let pollTimer = null;
  const charts = {};

  /** An API failure: the problem+json title and detail, and its field errors. */
  class ApiError extends Error {
    constructor(status, problem) {
      super((problem.title || ('HTTP ' + status)) + (problem.detail ? ': ' + problem.detail : ''));
      this.status = status;
      this.problem = problem;
    }
  }

  async function api(method, path, body, headers) {
    await keycloak.updateToken(30);
    const init = { method, headers: Object.assign({ Authorization: 'Bearer ' + keycloak.token, Accept: 'application/json' }, headers || {}) };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const text = await response.text();
    let json = null;
    if (text) {
      try { json = JSON.parse(text); } catch (e) { json = { title: text }; }
    }
    if (!response.ok) {
      throw new ApiError(response.status, json || {});
    }
    return { json, etag: response.headers.get('ETag') };
  }

  const get = async (path) => (await api('GET', path)).json;

  function query(params) {
    const q = new URLSearchParams();
    Object.entries(params).forEach(([k, v]) => { if (v !== null && v !== undefined && v !== '') q.set(k, v); });
    const s = q.toString();
    return s ? '?' + s : '';
  }

  /** A value as people read it: a lookup as its name (with the id), objects as JSON. */
  function shown(value) {
    if (value === null || value === undefined) return '—';
    if (typeof value === 'object' && 'id' in value && 'name' in value) return (value.name || '(no name)') + ' (' + value.id + ')';
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  }

  /** Every leaf of a JSON document as [JSON pointer, value], the names the API's validation errors use. */
  function leaves(value, pointer, out) {
    if (value !== null && typeof value === 'object') {
      const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
      keys.forEach((k) => leaves(value[k], pointer + '/' + String(k).replace(/~/g, '~0').replace(/\//g, '~1'), out));
    } else {
      out.push([pointer, value]);
    }
    return out;
  }

  function setAt(doc, pointer, value) {
    const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node = doc;
    for (let i = 0; i < parts.length - 1; i++) node = node[parts[i]];
    node[parts[parts.length - 1]] = value;
  }

  function destroyCharts() {
    Object.keys(charts).forEach((k) => { charts[k].destroy(); delete charts[k]; });
  }

  /** Sync-log entries of the last hour bucketed per minute: entries (throughput) and mean duration (latency). */
  function perMinute(entries) {
    const buckets = new Map();
    const now = Date.now();
    for (let m = 59; m >= 0; m--) {
      const t = new Date(now - m * 60000);
      t.setSeconds(0, 0);
      buckets.set(t.getTime(), { count: 0, millis: 0, timed: 0 });
    }
    entries.forEach((e) => {
      const t = new Date(e.occurred_at);
      t.setSeconds(0, 0);
      const b = buckets.get(t.getTime());
      if (!b) return;
      b.count++;
      if (e.duration_ms !== null && e.duration_ms !== undefined) { b.millis += e.duration_ms; b.timed++; }
    });
    const labels = [];
    const count = [];
    const latency = [];
    buckets.forEach((b, t) => {
      labels.push(new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
      count.push(b.count);
      latency.push(b.timed ? Math.round(b.millis / b.timed) : null);
    });
    return { labels, count, latency };
  }

  function drawChart(id, label, labels, data, type) {
    const canvas = document.getElementById(id);
    if (!canvas || !window.Chart) return;
    if (charts[id]) {
      charts[id].data.labels = labels;
      charts[id].data.datasets[0].data = data;
      charts[id].update('none');
      return;
    }
    charts[id] = new window.Chart(canvas, {
      type,
      data: { labels, datasets: [{ label, data, borderColor: '#1f4e79', backgroundColor: 'rgba(31,78,121,.35)', spanGaps: true }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } } }
    });
  }

  document.addEventListener('alpine:init', () => {
    window.Alpine.data('consoleApp', () => ({
      signedIn: false,
      signInError: null,
      userName: '',
      roles: [],
      role: '',
      page: 'dashboard',
      params: [],
      ready: false,
      loadError: null,
      notice: null,
      alert: null,
      busy: false,
      d: {},
      // page inputs
      conflictFilter: { type: '', entity: '', field: '', status: 'pending' },
      selected: [],
      mergedValue: '',
      comment: '',
      recordType: 'lead',
      recordSearch: '',
      replayDryRun: true,
      configFields: [],
      configErrors: {},
      entityTypes: ENTITY_TYPES,
      conflictTypes: CONFLICT_TYPES,
      conflictEntities: CONFLICT_ENTITIES,
      conflictStatuses: CONFLICT_STATUSES,
      shown,

      async init() {
        try {
          const config = await (await fetch('/console/config.json')).json();
          creatioUrl = config.creatio_url ? config.creatio_url.replace(/\/$/, '') : null;
          const at = config.issuer.indexOf('/realms/');
          keycloak = new window.Keycloak({
            url: config.issuer.substring(0, at),
            realm: config.issuer.substring(at + '/realms/'.length),
            clientId: config.client_id
          });
          if (location.hash && location.hash.startsWith('#/')) sessionStorage.setItem('console.route', location.hash);
          await keycloak.init({
            onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false, responseMode: 'query',
            redirectUri: location.origin + '/console/'
          });
        } catch (e) {
          this.signInError = 'Sign-in failed: ' + (e && e.error ? e.error : e);
          return;
        }
        const token = keycloak.tokenParsed || {};
        this.userName = token.preferred_username || token.sub;
        this.roles = (token.realm_access && token.realm_access.roles) || [];
        this.role = ROLE_ORDER.find((r) => this.roles.includes(r)) || 'none';
        this.signedIn = true;
        const wanted = sessionStorage.getItem('console.route');
        sessionStorage.removeItem('console.route');
        if (wanted && location.hash !== wanted) history.replaceState(null, '', '/console/' + wanted);
        window.addEventListener('hashchange', () => this.route());
        this.route();
      },

      get canOperate() { return this.role === 'operator' || this.role === 'admin'; },
      get isAdmin() { return this.role === 'admin'; },
      get isViewer() { return this.role === 'viewer'; },

      signOut() { keycloak.logout({ redirectUri: location.origin + '/console/' }); },

      current(name) { return this.page === name || this.page === name.replace(/s$/, '') ? 'page' : null; },

      route() {
        const parts = (location.hash || '#/dashboard').replace(/^#\/?/, '').split('/').filter((p) => p).map(decodeURIComponent);
        const head = parts[0] || 'dashboard';
        const single = { conflicts: 'conflict', records: 'record', runs: 'run' };
        let page = parts.length > 1 && single[head] ? single[head] : head;
        if (!['dashboard', 'conflicts', 'conflict', 'records', 'record', 'runs', 'run', 'config', 'dead-letters'].includes(page)) {
          page = 'dashboard';
        }
        if ((page === 'config' || page === 'dead-letters') && !this.isAdmin) page = 'not-allowed';
        this.show(page, parts.slice(1));
      },

      async show(page, params) {
        clearTimeout(pollTimer);
        destroyCharts();
        this.page = page;
        this.params = params;
        this.ready = false;
        this.loadError = null;
        this.notice = null;
        this.alert = null;
        this.d = {};
        this.selected = [];
        this.configErrors = {};
        await this.load();
      },

      async load() {
        const page = this.page;
        try {
          const loader = this['load_' + page.replace('-', '_')];
          if (loader) await loader.call(this);
          if (this.page === page) this.ready = true;
        } catch (e) {
          if (this.page === page) {
            this.ready = false;
            this.loadError = e.message;
          }
        }
      },

      /** Reloads the page's data every few seconds while it is shown (live progress). */
      poll(page, refresh) {
        clearTimeout(pollTimer);
        pollTimer = setTimeout(async () => {
          if (this.page !== page) return;
          try { await refresh.call(this); } catch (e) { this.alert = e.message; }
          this.poll(page, refresh);
        }, POLL_MILLIS);
      },

      async act(work, done) {
        this.busy = true;
        this.notice = null;
        this.alert = null;
        try {
          const outcome = await work();
          this.notice = done(outcome);
        } catch (e) {
          this.alert = e.message;
          return e;
        } finally {
          this.busy = false;
        }
        return null;
      },

      // ---- dashboard ----
      async load_dashboard() {
        await this.refreshDashboard();
        this.poll('dashboard', this.refreshDashboard);
      },

      async refreshDashboard() {
        const since = new Date(Date.now() - 3600000).toISOString();
        const [status, conflicts, log, deadLetters] = await Promise.all([
          get('/api/v1/crm/sync/status/'),
          get('/api/v1/crm/conflicts/?size=1'),
          get('/api/v1/crm/sync/logs/' + query({ from: since, size: 500 })),
          this.canOperate ? get('/api/v1/crm/dead-letters?size=1') : Promise.resolve(null)
        ]);
        const statuses = Object.keys(status.by_status || {});
        this.d = Object.assign({}, this.d, { status, statuses, openConflicts: conflicts.total, deadLetters: deadLetters ? deadLetters.total : null });
        const series = perMinute(log.items || []);
        await this.$nextTick();
        drawChart('chart-latency', 'mean sync duration (ms)', series.labels, series.latency, 'line');
        drawChart('chart-throughput', 'sync-log entries per minute', series.labels, series.count, 'bar');
      },

      // ---- conflicts ----
      async load_conflicts() {
        const f = this.conflictFilter;
        this.d = await get('/api/v1/crm/conflicts/' + query({ type: f.type, entity_type: f.entity, field: f.field, status: f.status, size: 100 }));
      },

      async filterConflicts() {
        this.ready = false;
        this.selected = [];
        await this.load();
      },

      async bulkResolve(strategy) {
        const ids = this.selected.slice();
        const failed = await this.act(() => api('POST', '/api/v1/crm/conflicts/bulk-resolve', { ids, strategy }),
          (r) => 'Bulk ' + strategy + ': ' + r.json.accepted + ' accepted, ' + r.json.refused + ' refused');
        if (!failed) await this.filterConflicts();
      },

      async load_conflict() {
        const id = this.params[0];
        const [conflict, audit] = await Promise.all([get('/api/v1/crm/conflicts/' + id), get('/api/v1/crm/conflicts/' + id + '/audit')]);
        this.d = { conflict, audit: Array.isArray(audit) ? audit : (audit.items || []), strategies: STRATEGIES[conflict.conflict_type] || [] };
      },

      needsValue(strategy) { return ['manual_merge', 'corrected_value', 'pick_creatio_record'].includes(strategy); },

      async resolve(strategy) {
        const c = this.d.conflict;
        const body = { conflict_id: c.id, strategy };
        if (strategy === 'manual_merge') body.merged_value = this.mergedValue;
        if (strategy === 'corrected_value') body.value = this.mergedValue;
        if (strategy === 'pick_creatio_record') body.creatio_id = this.mergedValue;
        if (this.comment) body.comment = this.comment;
        await this.conflictAction(() => api('POST', '/api/v1/crm/sync/resolve-conflict/', body), 'Resolved with ' + strategy);
      },

      async dismiss() {
        await this.conflictAction(() => api('POST', '/api/v1/crm/conflicts/' + this.d.conflict.id + '/dismiss',
          this.comment ? { comment: this.comment } : {}), 'Dismissed');
      },

      async retry() {
        await this.conflictAction(() => api('POST', '/api/v1/crm/conflicts/' + this.d.conflict.id + '/retry', {}), 'Retried');
      },

      async conflictAction(work, label) {
        const failed = await this.act(work, (r) => label + ': the conflict is ' + (r.json && r.json.status ? r.json.status : 'updated'));
        if (!failed) {
          const notice = this.notice;
          await this.load_conflict();
          this.notice = notice;
          if (this.d.conflict.status === 'applying') this.poll('conflict', this.refreshConflict);
        }
      },

      async refreshConflict() {
        const notice = this.notice;
        await this.load_conflict();
        this.notice = notice;
        if (this.d.conflict.status === 'applying') this.poll('conflict', this.refreshConflict);
      },

      // ---- records ----
      async load_records() {
        this.d = { items: null };
      },

      async searchRecords() {
        const term = this.recordSearch.trim();
        const base = this.recordType === 'lead' ? '/api/v1/leads' : '/api/v1/contacts';
        this.ready = false;
        try {
          let items;
          if (UUID.test(term)) {
            try { items = [await get(base + '/' + term)]; } catch (e) { if (e.status === 404) items = []; else throw e; }
          } else if (term.includes('@')) {
            items = (await get(base + query({ email: term, size: 50 }))).items;
          } else {
            items = (await get(base + query({ q: term, size: 50 }))).items;
          }
          this.d = { items, type: this.recordType };
          this.ready = true;
        } catch (e) {
          this.alert = e.message;
        }
      },

      recordName(r) {
        return r.full_name || [r.first_name, r.last_name].filter((x) => x).join(' ') || r.email || r.id;
      },

      async load_record() {
        const [type, id] = this.params;
        const base = type === 'lead' ? '/api/v1/leads/' : '/api/v1/contacts/';
        const [record, sync, log, config] = await Promise.all([
          get(base + id),
          get('/api/v1/crm/sync/records/' + type + '/' + id).catch((e) => { if (e.status === 404) return null; throw e; }),
          get('/api/v1/crm/sync/logs/' + query({ entity_type: type, local_id: id, size: 100 })),
          get('/api/v1/crm/config')
        ]);
        const history = log.items || [];
        const conf = config.configuration || {};
        const entity = (conf.entities || []).find((e) => e.entity_type === type) || { fields: [] };
        const why = (entity.fields || []).filter((f) => f.nia_field in record).map((f) => ({
          field: f.nia_field, column: f.creatio_column, direction: f.direction, value: record[f.nia_field],
          why: this.fieldWhy(f, history, sync)
        }));
        this.d = {
          type, record, sync, history, why,
          creatioId: sync ? sync.creatio_id : null,
          creatioLink: sync && sync.creatio_id && creatioUrl
            ? creatioUrl + '/0/Shell/#Card/' + (entity.entity_set || type) + '_FormPage/edit/' + sync.creatio_id : null
        };
      },

      /** Why a field has its value: the newest sync-log entry that changed, pulled or left it open. */
      fieldWhy(mapping, history, sync) {
        const column = mapping.creatio_column;
        if (sync && (sync.open_fields || []).includes(column)) return 'open conflict: NIA and Creatio disagree; a person decides in the inbox';
        for (const e of history) {
          const s = e.summary || {};
          const change = (s.changes || []).find((c) => c.field === column);
          if (change) {
            return (change.target === 'nia' ? 'taken from Creatio' : 'written to Creatio') + ' by ' + e.operation + ' at ' + e.occurred_at
              + (e.user_name ? ' (' + e.user_name + ')' : '');
          }
          if ((s.pulled_fields || []).includes(column)) return 'pulled from Creatio at ' + e.occurred_at;
          if ((s.closed_fields || []).includes(column)) return 'decided by a conflict resolution at ' + e.occurred_at;
        }
        if (mapping.direction === 'none') return 'not synced (direction none): NIA\'s own value';
        return sync && sync.last_synced_at ? 'unchanged since both sides agreed (last sync ' + sync.last_synced_at + ')' : 'as entered in NIA; not synced yet';
      },

      // ---- runs ----
      async load_runs() {
        this.d = await get('/api/v1/crm/sync/runs/?size=50');
        if ((this.d.items || []).some((r) => !FINISHED.includes(r.status))) this.poll('runs', this.load_runs);
      },

      async start(kind) {
        const calls = {
          sync_all: ['/api/v1/crm/sync/sync_all/', {}, 'Sync all'],
          dry_run: ['/api/v1/crm/sync/sync_all/', { dry_run: true }, 'Dry run'],
          retry_failed: ['/api/v1/crm/sync/retry-failed/', {}, 'Retry failed']
        };
        const [path, body, label] = calls[kind];
        const failed = await this.act(async () => {
          const r = await api('POST', path, body);
          this.lastRun = r.json.run_id;
          return r;
        }, (r) => label + ' started: run ' + r.json.run_id);
        if (!failed) location.hash = '#/runs/' + this.lastRun;
      },

      async load_run() {
        const id = this.params[0];
        const run = await get('/api/v1/crm/sync/runs/' + id);
        const plan = run.dry_run ? await get('/api/v1/crm/sync/runs/' + id + '/plan?size=200') : null;
        this.d = { run, plan };
        if (!FINISHED.includes(run.status)) this.poll('run', this.load_run);
      },

      diff(changes) {
        if (!changes) return '';
        return Object.entries(changes).map(([f, c]) => f + ': ' + (c && typeof c === 'object' && ('from' in c || 'to' in c)
          ? shown(c.from) + ' → ' + shown(c.to) : shown(c))).join('; ');
      },

      // ---- configuration ----
      async load_config() {
        const r = await api('GET', '/api/v1/crm/config');
        this.d = { doc: r.json, version: r.json.version };
        this.configFields = leaves(r.json.configuration, '/configuration', []).map(([path, value]) => ({
          path, value: value === null ? '' : value, kind: typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'number' : (value === null ? 'null' : 'text'),
          section: path.split('/')[2]
        }));
      },

      get configSections() {
        return [...new Set(this.configFields.map((f) => f.section))];
      },

      fieldsOf(section) { return this.configFields.filter((f) => f.section === section); },

      errorId(path) { return 'error-' + path.replace(/[^A-Za-z0-9_-]/g, '_'); },

      async saveConfig() {
        const configuration = JSON.parse(JSON.stringify(this.d.doc.configuration));
        this.configFields.forEach((f) => {
          let v = f.value;
          if (f.kind === 'number') v = v === '' || v === null ? null : Number(v);
          if (f.kind === 'null') v = v === '' ? null : v;
          setAt({ configuration }, f.path, v);
        });
        this.configErrors = {};
        this.d.conflict = false;
        const failed = await this.act(() => api('PUT', '/api/v1/crm/config', configuration, { 'If-Match': '"' + this.d.version + '"' }),
          (r) => 'Saved: version ' + r.json.version);
        if (!failed) {
          const notice = this.notice;
          await this.load_config();
          this.notice = notice;
        } else if (failed.status === 412) {
          this.d.conflict = true;
        } else if (failed.problem && failed.problem.errors) {
          const errors = {};
          failed.problem.errors.forEach((e) => { errors[e.field] = (errors[e.field] ? errors[e.field] + '; ' : '') + e.message; });
          this.configErrors = errors;
        }
      },

      async testConnection() {
        await this.act(() => api('POST', '/api/v1/crm/sync/test-connection/'),
          (r) => 'Creatio answered: authenticated ' + r.json.authenticated + ', sign-in ' + r.json.auth_millis + ' ms'
            + (r.json.read_millis !== null ? ', read ' + r.json.read_millis + ' ms' : ''));
        this.d.tested = this.notice || this.alert;
      },

      // ---- dead letters ----
      async load_dead_letters() {
        const list = await get('/api/v1/crm/dead-letters?size=100');
        this.d = { items: list.items || [], total: list.total, shown: null, replay: null };
      },

      async showDeadLetter(id) {
        try { this.d.shown = await get('/api/v1/crm/dead-letters/' + encodeURIComponent(id)); } catch (e) { this.alert = e.message; }
      },

      async replay(id) {
        await this.act(async () => {
          const r = await api('POST', '/api/v1/crm/dead-letters/replay', { ids: [id], dry_run: this.replayDryRun });
          this.d.replay = r.json;
          return r;
        }, (r) => (r.json.dry_run ? 'Dry run: would replay ' : 'Replayed ') + r.json.replayed.length + ', skipped ' + r.json.skipped.length);
      }
    }));
  });
}());
