// The dashboard: per account, open questions and their deadlines, the share answered in time and response times
// (notifier), removals per reason over time as a chart with a table beside it (moderation statistics), and the
// accounts that need attention (fewer than two editors, inactive). Each section is shown only to the roles whose
// API answers it, so nobody sees a section they may not read.
import {api, t, el, announce, formatDateTime, formatDuration, hasRole, locale} from '../core.js';
import {ensurePageStyles, errorBox, field, loadChartJs, REASON_COLOURS, REASONS,
  tableBox}
  from '../page-kit.js';

const STATS_ROLES = ['analyst', 'editor', 'admin'];
const DEADLINE_ROLES = ['moderator', 'editor', 'admin', 'analyst'];
const ACCOUNT_ROLES = ['moderator', 'editor', 'admin'];
const FLAG_ROLES = ['editor', 'admin'];
const PERIODS = [30, 90, 365];

const state = {days: 30, account: ''};
let charts = [];
let disposed = false;
let generation = 0;

function period(days) {
  const to = new Date();
  const from = new Date(to.getTime() - days * 86400 * 1000);
  return {from: from.toISOString().replace(/\.\d+Z$/, 'Z'), to: to.toISOString().replace(/\.\d+Z$/, 'Z')};
}

function reasonText(reason) {
  return reason === 'OTHER' ? t('dashboard.reason.OTHER') : t(`label.${reason}`);
}

function percent(share) {
  return new Intl.NumberFormat(locale(), {style: 'percent', maximumFractionDigits: 0}).format(share);
}

function section(id, title, intro, body) {
  return el('section', {class: 'card tv-card', 'aria-labelledby': `${id}-h`, 'data-testid': id},
    el('h2', {id: `${id}-h`}, title),
    intro ? el('p', {class: 'muted'}, intro) : null,
    body);
}

function loadingBox() {
  return el('p', {class: 'muted', 'aria-busy': 'true'}, t('dashboard.loading'));
}

// ---- account names -----------------------------------------------------------------------------------------------

/** Maps platform ids (what the notifier knows) and account ids to names, from whichever API the role may read. */
async function accountNames(timeline, responseTimes) {
  const names = new Map();
  const remember = (externalId, id, name) => {
    if (externalId) { names.set(String(externalId), name); }
    if (id) { names.set(String(id), name); }
  };
  if (hasRole(...ACCOUNT_ROLES)) {
    try {
      (await api('moderation', '/api/accounts')).forEach(a => remember(a.externalId, a.id, a.name));
    } catch (e) {
      // names are a convenience: ids are shown instead
    }
  }
  [...(timeline ? timeline.rows : []), ...(responseTimes ? responseTimes.rows : [])]
    .forEach(r => remember(r.externalId, r.accountId, r.accountName));
  return names;
}

// ---- sections ----------------------------------------------------------------------------------------------------

function deadlinesView(deadlines, names) {
  if (!deadlines.length) {
    return el('p', {'data-testid': 'deadlines-none'}, t('dashboard.deadlines.none'));
  }
  const now = Date.now();
  const overdue = deadlines.filter(d => d.overdue).length;
  return el('div', {},
    el('p', {class: 'tv-summary', 'data-testid': 'deadlines-summary'},
      t('dashboard.deadlines.summary', {open: deadlines.length, overdue})),
    tableBox(t('dashboard.deadlines.title'), el('table', {class: 'tv-table', 'data-testid': 'deadlines-table'},
      el('caption', {class: 'visually-hidden'}, t('dashboard.deadlines.title')),
      el('thead', {}, el('tr', {}, ['account', 'kind', 'received', 'due', 'status']
        .map(k => el('th', {scope: 'col'}, t(`dashboard.deadlines.col.${k}`))))),
      el('tbody', {}, deadlines.map(d => {
        const left = (new Date(d.dueAt).getTime() - now) / 1000;
        return el('tr', {'data-testid': 'deadline-row', class: d.overdue ? 'tv-row-alert' : null},
          el('td', {}, names.get(String(d.accountId)) || d.accountId),
          el('td', {}, t(`intent.${d.intent}`)),
          el('td', {}, formatDateTime(d.receivedAt)),
          el('td', {}, formatDateTime(d.dueAt)),
          el('td', {}, d.overdue
            ? el('span', {class: 'tv-badge tv-bad'}, el('span', {'aria-hidden': 'true'}, '! '),
              t('dashboard.deadlines.overdue', {time: formatDuration(-left)}))
            : el('span', {class: 'tv-badge tv-ok'}, t('dashboard.deadlines.dueIn', {time: formatDuration(left)}))));
      })))));
}

function complianceView(rows, names) {
  if (!rows.length) {
    return el('p', {}, t('dashboard.compliance.none'));
  }
  return tableBox(t('dashboard.compliance.title'), el('table', {class: 'tv-table', 'data-testid': 'compliance-table'},
    el('caption', {class: 'visually-hidden'}, t('dashboard.compliance.title')),
    el('thead', {}, el('tr', {}, ['account', 'share', 'met', 'late', 'overdue', 'median', 'p90']
      .map(k => el('th', {scope: 'col', class: k === 'account' ? null : 'tv-num'}, t(`dashboard.compliance.col.${k}`))))),
    el('tbody', {}, rows.map(r => el('tr', {'data-testid': 'compliance-row'},
      el('th', {scope: 'row'}, names.get(String(r.accountId)) || r.accountId),
      el('td', {class: 'tv-num'}, r.answeredInTimeShare == null ? '—'
        : el('span', {class: 'tv-meter-cell'},
          el('span', {class: 'tv-meter', 'aria-hidden': 'true'},
            el('span', {class: 'tv-meter-fill', style: `width:${Math.round(r.answeredInTimeShare * 100)}%`})),
          percent(r.answeredInTimeShare))),
      el('td', {class: 'tv-num'}, String(r.met)),
      el('td', {class: 'tv-num'}, String(r.late)),
      el('td', {class: 'tv-num'}, String(r.openOverdue)),
      el('td', {class: 'tv-num'}, r.medianResponseSeconds == null ? '—' : formatDuration(r.medianResponseSeconds)),
      el('td', {class: 'tv-num'}, r.p90ResponseSeconds == null ? '—' : formatDuration(r.p90ResponseSeconds)))))));
}

function responseTimesView(report) {
  const rows = report.rows.filter(r => !state.account || r.accountId === state.account);
  if (!rows.length) {
    return el('p', {}, t('dashboard.response.none'));
  }
  return tableBox(t('dashboard.response.title'), el('table', {class: 'tv-table', 'data-testid': 'response-table'},
    el('caption', {class: 'visually-hidden'}, t('dashboard.response.title')),
    el('thead', {}, el('tr', {}, ['account', 'responded', 'median', 'p90']
      .map(k => el('th', {scope: 'col', class: k === 'account' ? null : 'tv-num'}, t(`dashboard.response.col.${k}`))))),
    el('tbody', {}, rows.map(r => el('tr', {},
      el('th', {scope: 'row'}, r.accountName),
      el('td', {class: 'tv-num'}, String(r.responded)),
      el('td', {class: 'tv-num'}, formatDuration(r.medianSeconds)),
      el('td', {class: 'tv-num'}, formatDuration(r.p90Seconds)))))));
}

/** Every day (or Monday of a week, UTC) from `from` to `to`, so that the time axis has no gaps. */
function allBuckets(from, to, bucket) {
  const start = new Date(`${from.slice(0, 10)}T00:00:00Z`);
  if (bucket === 'WEEK') {
    start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  }
  const out = [];
  for (const d = start; d.getTime() < new Date(to).getTime(); d.setUTCDate(d.getUTCDate() + (bucket === 'WEEK' ? 7 : 1))) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

/** The timeline's rows summed over accounts: {buckets: [day...], reasons, series: {reason: [n per bucket]}}. */
function pivot(timeline) {
  const buckets = allBuckets(timeline.from, timeline.to, timeline.bucket);
  timeline.rows.forEach(r => { if (!buckets.includes(r.bucketStart)) { buckets.push(r.bucketStart); } });
  buckets.sort();
  const series = {};
  for (const r of timeline.rows) {
    series[r.reason] = series[r.reason] || buckets.map(() => 0);
    series[r.reason][buckets.indexOf(r.bucketStart)] += r.total;
  }
  const reasons = REASONS.filter(r => series[r]);
  return {buckets, reasons, series};
}

function bucketLabel(day, bucket) {
  const d = new Date(`${day}T00:00:00Z`);
  const f = new Intl.DateTimeFormat(locale(), {day: 'numeric', month: 'short', timeZone: 'UTC'});
  return bucket === 'WEEK' ? t('dashboard.removals.weekOf', {day: f.format(d)}) : f.format(d);
}

function removalsView(timeline) {
  const {buckets, reasons, series} = pivot(timeline);
  if (!reasons.length) {
    return el('p', {'data-testid': 'removals-none'}, t('dashboard.removals.none'));
  }
  const labels = buckets.map(b => bucketLabel(b, timeline.bucket));
  const total = reasons.reduce((sum, r) => sum + series[r].reduce((a, b) => a + b, 0), 0);
  const perReason = reasons.map(r => `${reasonText(r)} ${series[r].reduce((a, b) => a + b, 0)}`).join(', ');
  const summary = t('dashboard.removals.chartSummary', {total, reasons: perReason});
  const canvas = el('canvas', {role: 'img', 'aria-label': summary, 'data-testid': 'removals-chart'},
    el('p', {}, summary));
  const table = el('table', {class: 'tv-table tv-table-compact', 'data-testid': 'removals-table'},
    el('caption', {}, t('dashboard.removals.tableCaption')),
    el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, t(timeline.bucket === 'WEEK' ? 'dashboard.removals.week'
      : 'dashboard.removals.day')), reasons.map(r => el('th', {scope: 'col', class: 'tv-num'}, reasonText(r))))),
    el('tbody', {}, buckets.map((b, i) => el('tr', {}, el('th', {scope: 'row'}, labels[i]),
      reasons.map(r => el('td', {class: 'tv-num'}, String(series[r][i])))))));
  const wrap = el('div', {},
    el('p', {class: 'tv-summary', 'data-testid': 'removals-summary'}, summary),
    el('div', {class: 'tv-chart'}, canvas),
    el('details', {class: 'tv-details'}, el('summary', {'data-testid': 'removals-table-toggle'},
      t('dashboard.removals.showTable')), tableBox(t('dashboard.removals.tableCaption'), table)));
  loadChartJs().then(Chart => {
    if (disposed || !canvas.isConnected) {
      return;
    }
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.font.size = 13;
    charts.push(new Chart(canvas, {
      type: 'bar',
      data: {labels, datasets: reasons.map(r => ({label: reasonText(r), data: series[r],
        backgroundColor: REASON_COLOURS[r], borderColor: '#ffffff', borderWidth: 1, maxBarThickness: 48}))},
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        plugins: {legend: {position: 'bottom', labels: {color: '#1f2328', boxWidth: 14}},
          tooltip: {mode: 'index', intersect: false}},
        scales: {x: {stacked: true, ticks: {color: '#3d4450'}, grid: {display: false}},
          y: {stacked: true, beginAtZero: true, ticks: {color: '#3d4450', precision: 0},
            title: {display: true, text: t('dashboard.removals.axis'), color: '#3d4450'}}},
      },
    }));
    canvas.setAttribute('data-rendered', 'true');
  }).catch(() => {
    canvas.replaceWith(el('p', {class: 'muted'}, t('dashboard.removals.noChart')));
  });
  return wrap;
}

function flagsView(accounts) {
  if (!accounts.length) {
    return el('p', {'data-testid': 'flags-none'}, t('dashboard.flags.none'));
  }
  return el('ul', {class: 'tv-flag-list', 'data-testid': 'flags-list'}, accounts.map(a => el('li', {
    'data-testid': 'flag-row'},
  el('strong', {}, a.name), ' ', el('span', {class: 'muted'}, `(${a.platform} ${a.externalId})`),
  el('ul', {}, a.flags.map(f => el('li', {}, el('span', {class: 'tv-badge tv-warn'}, t(`dashboard.flags.${f}`)),
    f === 'INACTIVE' && a.lastActivity ? ` ${t('dashboard.flags.lastActivity', {at: formatDateTime(a.lastActivity)})}`
      : f === 'FEWER_THAN_TWO_EDITORS' ? ` ${t('dashboard.flags.editors', {n: (a.editors || []).length})}` : ''))))));
}

// ---- the page ----------------------------------------------------------------------------------------------------

function controls(names, onChange) {
  const days = el('select', {'data-testid': 'dashboard-period', onchange: e => {
    state.days = Number(e.target.value); onChange();
  }}, PERIODS.map(d => el('option', {value: String(d), selected: d === state.days}, t('dashboard.period.days', {n: d}))));
  const accounts = [...new Map([...names.entries()].filter(([k]) => /^[0-9a-f-]{36}$/.test(k))).entries()];
  const account = el('select', {'data-testid': 'dashboard-account', onchange: e => {
    state.account = e.target.value; onChange();
  }}, el('option', {value: ''}, t('dashboard.allAccounts')),
  accounts.map(([id, name]) => el('option', {value: id, selected: id === state.account}, name)));
  return el('form', {class: 'tv-form tv-inline', 'aria-label': t('dashboard.filters'), onsubmit: e => e.preventDefault()},
    field('dashboard-f-period', t('dashboard.period'), days),
    accounts.length ? field('dashboard-f-account', t('dashboard.account'), account) : null);
}

function externalIdOf(names, accountId) {
  // The notifier knows accounts by platform id; the account filter holds the moderation service's id.
  for (const [k, v] of names.entries()) {
    if (!/^[0-9a-f-]{36}$/.test(k) && v === names.get(accountId)) {
      return k;
    }
  }
  return null;
}

function render(root) {
  const controlsSlot = el('div', {});
  const sections = el('div', {class: 'tv-dashboard', 'aria-busy': 'true'}, loadingBox());
  root.replaceChildren(el('div', {class: 'tv-page', 'data-testid': 'dashboard-page'},
    el('h1', {id: 'page-title', tabindex: '-1'}, t('dashboard.title')),
    el('p', {class: 'tv-lead'}, t('dashboard.lead')),
    controlsSlot, sections));
  return load(controlsSlot, sections);
}

/** Fetches every figure the role may read and draws the sections (the controls stay, so focus stays on them). */
async function load(controlsSlot, sections) {
  const run = ++generation;
  charts.forEach(c => c.destroy());
  charts = [];
  sections.setAttribute('aria-busy', 'true');
  const stats = hasRole(...STATS_ROLES);
  const p = period(state.days);
  const bucket = state.days > 90 ? 'week' : 'day';
  const get = (service, path) => api(service, path).then(v => ({ok: v}), e => ({error: e}));
  const accountParam = state.account ? `&accountId=${encodeURIComponent(state.account)}` : '';
  const [timeline, responseTimes] = stats ? await Promise.all([
    get('moderation', `/api/stats/removals/timeline?from=${p.from}&to=${p.to}&bucket=${bucket}${accountParam}`),
    get('moderation', `/api/stats/response-times?from=${p.from}&to=${p.to}`)]) : [null, null];
  const names = await accountNames(timeline && timeline.ok, responseTimes && responseTimes.ok);
  const external = state.account ? externalIdOf(names, state.account) : null;
  const notifierAccount = external ? `&accountId=${encodeURIComponent(external)}` : '';
  const [deadlines, compliance, flags] = await Promise.all([
    hasRole(...DEADLINE_ROLES) ? get('notifier', `/api/deadlines?state=open&size=200${notifierAccount}`) : null,
    hasRole(...DEADLINE_ROLES) ? get('notifier', `/api/compliance?from=${p.from}&to=${p.to}${notifierAccount}`) : null,
    hasRole(...FLAG_ROLES) ? get('moderation', '/api/accounts/flags') : null]);
  if (disposed || run !== generation) {
    return;
  }
  if (!controlsSlot.firstChild) {
    controlsSlot.appendChild(controls(names, () => load(controlsSlot, sections)
      .then(() => announce(t('dashboard.updated')))));
  }
  const show = (result, view) => (result.error ? errorBox(result.error) : view(result.ok));
  sections.replaceChildren(
    el('div', {class: 'tv-columns'},
      deadlines ? section('dashboard-deadlines', t('dashboard.deadlines.title'), t('dashboard.deadlines.intro'),
        show(deadlines, d => deadlinesView(d, names))) : null,
      flags ? section('dashboard-flags', t('dashboard.flags.title'), t('dashboard.flags.intro'),
        show(flags, flagsView)) : null),
    compliance ? section('dashboard-compliance', t('dashboard.compliance.title'), t('dashboard.compliance.intro'),
      show(compliance, c => complianceView(c, names))) : null,
    timeline ? section('dashboard-removals', t('dashboard.removals.title'),
      t(bucket === 'week' ? 'dashboard.removals.introWeek' : 'dashboard.removals.introDay'),
      show(timeline, removalsView)) : null,
    responseTimes ? section('dashboard-response', t('dashboard.response.title'), t('dashboard.response.intro'),
      show(responseTimes, responseTimesView)) : null);
  sections.setAttribute('aria-busy', 'false');
}

export default {
  id: 'dashboard',
  route: '#/dashboard',
  roles: ['analyst', 'editor', 'admin', 'moderator'],
  navKey: 'nav.dashboard',
  render(root) {
    disposed = false;
    ensurePageStyles();
    return render(root);
  },
  dispose() {
    disposed = true;
    charts.forEach(c => c.destroy());
    charts = [];
  },
};
