// The dashboard: per account, open questions and their deadlines, the share answered in time and response times
// (notifier), removals per reason over time as a chart with a table beside it (moderation statistics), and the
// accounts that need attention (fewer than two editors, inactive). Each section is shown only to the roles whose
// API answers it, so nobody sees a section they may not read.
import {api, t, el, announce, formatDateTime, formatDuration, hasRole, locale} from '../core.js';
import {ensurePageStyles, errorBox, field, kitMessages, mergeMessages, loadChartJs, REASON_COLOURS, REASONS,
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

const messages = mergeMessages(kitMessages, {
  en: {
    'dashboard.title': 'Dashboard',
    'dashboard.lead': 'How each account is doing: questions waiting for an answer, answers in time, response times, removals and accounts that need attention.',
    'dashboard.loading': 'Loading figures …',
    'dashboard.updated': 'Dashboard updated.',
    'dashboard.filters': 'Period and account',
    'dashboard.period': 'Period',
    'dashboard.period.days': 'Last {n} days',
    'dashboard.account': 'Account',
    'dashboard.allAccounts': 'All accounts',
    'dashboard.reason.OTHER': 'Other reason',
    'dashboard.deadlines.title': 'Open questions and deadlines',
    'dashboard.deadlines.intro': 'Questions and complaints that still need an answer, soonest deadline first.',
    'dashboard.deadlines.none': 'No open questions. Every question has been answered.',
    'dashboard.deadlines.summary': '{open} open, of which {overdue} past the deadline.',
    'dashboard.deadlines.col.account': 'Account', 'dashboard.deadlines.col.kind': 'Kind',
    'dashboard.deadlines.col.received': 'Received', 'dashboard.deadlines.col.due': 'Deadline',
    'dashboard.deadlines.col.status': 'Status',
    'dashboard.deadlines.overdue': 'Overdue by {time}',
    'dashboard.deadlines.dueIn': 'Due in {time}',
    'dashboard.compliance.title': 'Answered in time',
    'dashboard.compliance.intro': 'Share of questions answered by their deadline (answered late and still open past the deadline count against it), and the time to answer.',
    'dashboard.compliance.none': 'No questions in this period.',
    'dashboard.compliance.col.account': 'Account', 'dashboard.compliance.col.share': 'In time',
    'dashboard.compliance.col.met': 'Met', 'dashboard.compliance.col.late': 'Late',
    'dashboard.compliance.col.overdue': 'Open, overdue', 'dashboard.compliance.col.median': 'Median answer time',
    'dashboard.compliance.col.p90': '90th percentile',
    'dashboard.removals.title': 'Removals per reason over time',
    'dashboard.removals.introDay': 'Hidden or deleted comments per day, by reason.',
    'dashboard.removals.introWeek': 'Hidden or deleted comments per week, by reason.',
    'dashboard.removals.none': 'No comments were removed in this period.',
    'dashboard.removals.chartSummary': '{total} comments removed in the period: {reasons}.',
    'dashboard.removals.tableCaption': 'Removed comments per reason',
    'dashboard.removals.showTable': 'Show the figures as a table',
    'dashboard.removals.day': 'Day', 'dashboard.removals.week': 'Week',
    'dashboard.removals.weekOf': 'Week of {day}',
    'dashboard.removals.axis': 'Removed comments',
    'dashboard.removals.noChart': 'The chart could not be drawn; the table below has the same figures.',
    'dashboard.response.title': 'Moderators\' response time',
    'dashboard.response.intro': 'Time from a comment\'s arrival to the first moderator action.',
    'dashboard.response.none': 'No moderator actions in this period.',
    'dashboard.response.col.account': 'Account', 'dashboard.response.col.responded': 'Comments handled',
    'dashboard.response.col.median': 'Median', 'dashboard.response.col.p90': '90th percentile',
    'dashboard.flags.title': 'Accounts that need attention',
    'dashboard.flags.intro': 'Guidelines ask for at least two editors per account; an account without comments for a long time may be abandoned.',
    'dashboard.flags.none': 'All accounts have at least two editors and recent activity.',
    'dashboard.flags.FEWER_THAN_TWO_EDITORS': 'Fewer than two editors',
    'dashboard.flags.INACTIVE': 'Inactive',
    'dashboard.flags.lastActivity': 'last activity {at}',
    'dashboard.flags.editors': '{n} editor(s) registered',
  },
  da: {
    'dashboard.title': 'Overblik',
    'dashboard.lead': 'Sådan går det på hver konto: spørgsmål der venter på svar, svar til tiden, svartider, fjernede kommentarer og konti der kræver opmærksomhed.',
    'dashboard.loading': 'Henter tal …',
    'dashboard.updated': 'Overblikket er opdateret.',
    'dashboard.filters': 'Periode og konto',
    'dashboard.period': 'Periode',
    'dashboard.period.days': 'Seneste {n} dage',
    'dashboard.account': 'Konto',
    'dashboard.allAccounts': 'Alle konti',
    'dashboard.reason.OTHER': 'Anden årsag',
    'dashboard.deadlines.title': 'Åbne spørgsmål og frister',
    'dashboard.deadlines.intro': 'Spørgsmål og klager der stadig skal besvares, nærmeste frist først.',
    'dashboard.deadlines.none': 'Ingen åbne spørgsmål. Alle spørgsmål er besvaret.',
    'dashboard.deadlines.summary': '{open} åbne, heraf {overdue} over fristen.',
    'dashboard.deadlines.col.account': 'Konto', 'dashboard.deadlines.col.kind': 'Type',
    'dashboard.deadlines.col.received': 'Modtaget', 'dashboard.deadlines.col.due': 'Frist',
    'dashboard.deadlines.col.status': 'Status',
    'dashboard.deadlines.overdue': 'Over fristen med {time}',
    'dashboard.deadlines.dueIn': 'Frist om {time}',
    'dashboard.compliance.title': 'Besvaret til tiden',
    'dashboard.compliance.intro': 'Andel af spørgsmål besvaret inden fristen (for sent besvarede og åbne over fristen tæller imod), og tiden til svar.',
    'dashboard.compliance.none': 'Ingen spørgsmål i perioden.',
    'dashboard.compliance.col.account': 'Konto', 'dashboard.compliance.col.share': 'Til tiden',
    'dashboard.compliance.col.met': 'Overholdt', 'dashboard.compliance.col.late': 'For sent',
    'dashboard.compliance.col.overdue': 'Åbne over fristen', 'dashboard.compliance.col.median': 'Median svartid',
    'dashboard.compliance.col.p90': '90. percentil',
    'dashboard.removals.title': 'Fjernede kommentarer pr. årsag over tid',
    'dashboard.removals.introDay': 'Skjulte eller slettede kommentarer pr. dag, fordelt på årsag.',
    'dashboard.removals.introWeek': 'Skjulte eller slettede kommentarer pr. uge, fordelt på årsag.',
    'dashboard.removals.none': 'Ingen kommentarer blev fjernet i perioden.',
    'dashboard.removals.chartSummary': '{total} kommentarer fjernet i perioden: {reasons}.',
    'dashboard.removals.tableCaption': 'Fjernede kommentarer pr. årsag',
    'dashboard.removals.showTable': 'Vis tallene som tabel',
    'dashboard.removals.day': 'Dag', 'dashboard.removals.week': 'Uge',
    'dashboard.removals.weekOf': 'Ugen fra {day}',
    'dashboard.removals.axis': 'Fjernede kommentarer',
    'dashboard.removals.noChart': 'Diagrammet kunne ikke tegnes; tabellen nedenfor har de samme tal.',
    'dashboard.response.title': 'Moderatorernes svartid',
    'dashboard.response.intro': 'Tid fra en kommentar kommer ind til moderatorens første handling.',
    'dashboard.response.none': 'Ingen moderatorhandlinger i perioden.',
    'dashboard.response.col.account': 'Konto', 'dashboard.response.col.responded': 'Behandlede kommentarer',
    'dashboard.response.col.median': 'Median', 'dashboard.response.col.p90': '90. percentil',
    'dashboard.flags.title': 'Konti der kræver opmærksomhed',
    'dashboard.flags.intro': 'Retningslinjerne kræver mindst to redaktører pr. konto; en konto uden kommentarer i lang tid kan være forladt.',
    'dashboard.flags.none': 'Alle konti har mindst to redaktører og nylig aktivitet.',
    'dashboard.flags.FEWER_THAN_TWO_EDITORS': 'Færre end to redaktører',
    'dashboard.flags.INACTIVE': 'Inaktiv',
    'dashboard.flags.lastActivity': 'seneste aktivitet {at}',
    'dashboard.flags.editors': '{n} redaktør(er) registreret',
  },
  sv: {
    'dashboard.title': 'Översikt',
    'dashboard.lead': 'Så går det för varje konto: frågor som väntar på svar, svar i tid, svarstider, borttagna kommentarer och konton som behöver åtgärdas.',
    'dashboard.loading': 'Hämtar siffror …',
    'dashboard.updated': 'Översikten är uppdaterad.',
    'dashboard.filters': 'Period och konto',
    'dashboard.period': 'Period',
    'dashboard.period.days': 'Senaste {n} dagarna',
    'dashboard.account': 'Konto',
    'dashboard.allAccounts': 'Alla konton',
    'dashboard.reason.OTHER': 'Annat skäl',
    'dashboard.deadlines.title': 'Öppna frågor och svarstider',
    'dashboard.deadlines.intro': 'Frågor och klagomål som fortfarande ska besvaras, närmaste tidsgräns först.',
    'dashboard.deadlines.none': 'Inga öppna frågor. Alla frågor är besvarade.',
    'dashboard.deadlines.summary': '{open} öppna, varav {overdue} efter tidsgränsen.',
    'dashboard.deadlines.col.account': 'Konto', 'dashboard.deadlines.col.kind': 'Typ',
    'dashboard.deadlines.col.received': 'Mottagen', 'dashboard.deadlines.col.due': 'Tidsgräns',
    'dashboard.deadlines.col.status': 'Status',
    'dashboard.deadlines.overdue': 'Försenad med {time}',
    'dashboard.deadlines.dueIn': 'Ska besvaras inom {time}',
    'dashboard.compliance.title': 'Besvarade i tid',
    'dashboard.compliance.intro': 'Andel frågor som besvarats inom tidsgränsen (sent besvarade och öppna efter tidsgränsen räknas emot), och tiden till svar.',
    'dashboard.compliance.none': 'Inga frågor under perioden.',
    'dashboard.compliance.col.account': 'Konto', 'dashboard.compliance.col.share': 'I tid',
    'dashboard.compliance.col.met': 'I tid (antal)', 'dashboard.compliance.col.late': 'Sent',
    'dashboard.compliance.col.overdue': 'Öppna, försenade', 'dashboard.compliance.col.median': 'Median svarstid',
    'dashboard.compliance.col.p90': '90:e percentilen',
    'dashboard.removals.title': 'Borttagna kommentarer per skäl över tid',
    'dashboard.removals.introDay': 'Dolda eller raderade kommentarer per dag, per skäl.',
    'dashboard.removals.introWeek': 'Dolda eller raderade kommentarer per vecka, per skäl.',
    'dashboard.removals.none': 'Inga kommentarer togs bort under perioden.',
    'dashboard.removals.chartSummary': '{total} kommentarer borttagna under perioden: {reasons}.',
    'dashboard.removals.tableCaption': 'Borttagna kommentarer per skäl',
    'dashboard.removals.showTable': 'Visa siffrorna som tabell',
    'dashboard.removals.day': 'Dag', 'dashboard.removals.week': 'Vecka',
    'dashboard.removals.weekOf': 'Veckan från {day}',
    'dashboard.removals.axis': 'Borttagna kommentarer',
    'dashboard.removals.noChart': 'Diagrammet kunde inte ritas; tabellen nedan har samma siffror.',
    'dashboard.response.title': 'Moderatorernas svarstid',
    'dashboard.response.intro': 'Tid från att en kommentar kommer in till moderatorns första åtgärd.',
    'dashboard.response.none': 'Inga moderatoråtgärder under perioden.',
    'dashboard.response.col.account': 'Konto', 'dashboard.response.col.responded': 'Hanterade kommentarer',
    'dashboard.response.col.median': 'Median', 'dashboard.response.col.p90': '90:e percentilen',
    'dashboard.flags.title': 'Konton som behöver åtgärdas',
    'dashboard.flags.intro': 'Riktlinjerna kräver minst två redaktörer per konto; ett konto utan kommentarer länge kan vara övergivet.',
    'dashboard.flags.none': 'Alla konton har minst två redaktörer och aktivitet nyligen.',
    'dashboard.flags.FEWER_THAN_TWO_EDITORS': 'Färre än två redaktörer',
    'dashboard.flags.INACTIVE': 'Inaktivt',
    'dashboard.flags.lastActivity': 'senaste aktivitet {at}',
    'dashboard.flags.editors': '{n} redaktör(er) registrerade',
  },
  nb: {
    'dashboard.title': 'Oversikt',
    'dashboard.lead': 'Slik går det på hver konto: spørsmål som venter på svar, svar i tide, svartider, fjernede kommentarer og kontoer som trenger oppfølging.',
    'dashboard.loading': 'Henter tall …',
    'dashboard.updated': 'Oversikten er oppdatert.',
    'dashboard.filters': 'Periode og konto',
    'dashboard.period': 'Periode',
    'dashboard.period.days': 'Siste {n} dager',
    'dashboard.account': 'Konto',
    'dashboard.allAccounts': 'Alle kontoer',
    'dashboard.reason.OTHER': 'Annen årsak',
    'dashboard.deadlines.title': 'Åpne spørsmål og frister',
    'dashboard.deadlines.intro': 'Spørsmål og klager som fortsatt skal besvares, nærmeste frist først.',
    'dashboard.deadlines.none': 'Ingen åpne spørsmål. Alle spørsmål er besvart.',
    'dashboard.deadlines.summary': '{open} åpne, hvorav {overdue} over fristen.',
    'dashboard.deadlines.col.account': 'Konto', 'dashboard.deadlines.col.kind': 'Type',
    'dashboard.deadlines.col.received': 'Mottatt', 'dashboard.deadlines.col.due': 'Frist',
    'dashboard.deadlines.col.status': 'Status',
    'dashboard.deadlines.overdue': 'Over fristen med {time}',
    'dashboard.deadlines.dueIn': 'Frist om {time}',
    'dashboard.compliance.title': 'Besvart i tide',
    'dashboard.compliance.intro': 'Andel spørsmål besvart innen fristen (sent besvarte og åpne over fristen teller imot), og tiden til svar.',
    'dashboard.compliance.none': 'Ingen spørsmål i perioden.',
    'dashboard.compliance.col.account': 'Konto', 'dashboard.compliance.col.share': 'I tide',
    'dashboard.compliance.col.met': 'Overholdt', 'dashboard.compliance.col.late': 'For sent',
    'dashboard.compliance.col.overdue': 'Åpne over fristen', 'dashboard.compliance.col.median': 'Median svartid',
    'dashboard.compliance.col.p90': '90. persentil',
    'dashboard.removals.title': 'Fjernede kommentarer per årsak over tid',
    'dashboard.removals.introDay': 'Skjulte eller slettede kommentarer per dag, fordelt på årsak.',
    'dashboard.removals.introWeek': 'Skjulte eller slettede kommentarer per uke, fordelt på årsak.',
    'dashboard.removals.none': 'Ingen kommentarer ble fjernet i perioden.',
    'dashboard.removals.chartSummary': '{total} kommentarer fjernet i perioden: {reasons}.',
    'dashboard.removals.tableCaption': 'Fjernede kommentarer per årsak',
    'dashboard.removals.showTable': 'Vis tallene som tabell',
    'dashboard.removals.day': 'Dag', 'dashboard.removals.week': 'Uke',
    'dashboard.removals.weekOf': 'Uken fra {day}',
    'dashboard.removals.axis': 'Fjernede kommentarer',
    'dashboard.removals.noChart': 'Diagrammet kunne ikke tegnes; tabellen nedenfor har de samme tallene.',
    'dashboard.response.title': 'Moderatorenes svartid',
    'dashboard.response.intro': 'Tid fra en kommentar kommer inn til moderatorens første handling.',
    'dashboard.response.none': 'Ingen moderatorhandlinger i perioden.',
    'dashboard.response.col.account': 'Konto', 'dashboard.response.col.responded': 'Behandlede kommentarer',
    'dashboard.response.col.median': 'Median', 'dashboard.response.col.p90': '90. persentil',
    'dashboard.flags.title': 'Kontoer som trenger oppfølging',
    'dashboard.flags.intro': 'Retningslinjene krever minst to redaktører per konto; en konto uten kommentarer på lenge kan være forlatt.',
    'dashboard.flags.none': 'Alle kontoer har minst to redaktører og nylig aktivitet.',
    'dashboard.flags.FEWER_THAN_TWO_EDITORS': 'Færre enn to redaktører',
    'dashboard.flags.INACTIVE': 'Inaktiv',
    'dashboard.flags.lastActivity': 'siste aktivitet {at}',
    'dashboard.flags.editors': '{n} redaktør(er) registrert',
  },
  nn: {
    'dashboard.title': 'Oversikt',
    'dashboard.lead': 'Slik går det på kvar konto: spørsmål som ventar på svar, svar i tide, svartider, fjerna kommentarar og kontoar som treng oppfølging.',
    'dashboard.loading': 'Hentar tal …',
    'dashboard.updated': 'Oversikta er oppdatert.',
    'dashboard.filters': 'Periode og konto',
    'dashboard.period': 'Periode',
    'dashboard.period.days': 'Siste {n} dagar',
    'dashboard.account': 'Konto',
    'dashboard.allAccounts': 'Alle kontoar',
    'dashboard.reason.OTHER': 'Anna årsak',
    'dashboard.deadlines.title': 'Opne spørsmål og fristar',
    'dashboard.deadlines.intro': 'Spørsmål og klager som framleis skal svarast på, nærmaste frist først.',
    'dashboard.deadlines.none': 'Ingen opne spørsmål. Alle spørsmål er svara på.',
    'dashboard.deadlines.summary': '{open} opne, av dei {overdue} over fristen.',
    'dashboard.deadlines.col.account': 'Konto', 'dashboard.deadlines.col.kind': 'Type',
    'dashboard.deadlines.col.received': 'Motteken', 'dashboard.deadlines.col.due': 'Frist',
    'dashboard.deadlines.col.status': 'Status',
    'dashboard.deadlines.overdue': 'Over fristen med {time}',
    'dashboard.deadlines.dueIn': 'Frist om {time}',
    'dashboard.compliance.title': 'Svara i tide',
    'dashboard.compliance.intro': 'Del av spørsmåla som er svara på innan fristen (seint svara og opne over fristen tel imot), og tida til svar.',
    'dashboard.compliance.none': 'Ingen spørsmål i perioden.',
    'dashboard.compliance.col.account': 'Konto', 'dashboard.compliance.col.share': 'I tide',
    'dashboard.compliance.col.met': 'Haldne', 'dashboard.compliance.col.late': 'For seint',
    'dashboard.compliance.col.overdue': 'Opne over fristen', 'dashboard.compliance.col.median': 'Median svartid',
    'dashboard.compliance.col.p90': '90. persentil',
    'dashboard.removals.title': 'Fjerna kommentarar per årsak over tid',
    'dashboard.removals.introDay': 'Skjulte eller sletta kommentarar per dag, fordelt på årsak.',
    'dashboard.removals.introWeek': 'Skjulte eller sletta kommentarar per veke, fordelt på årsak.',
    'dashboard.removals.none': 'Ingen kommentarar vart fjerna i perioden.',
    'dashboard.removals.chartSummary': '{total} kommentarar fjerna i perioden: {reasons}.',
    'dashboard.removals.tableCaption': 'Fjerna kommentarar per årsak',
    'dashboard.removals.showTable': 'Vis tala som tabell',
    'dashboard.removals.day': 'Dag', 'dashboard.removals.week': 'Veke',
    'dashboard.removals.weekOf': 'Veka frå {day}',
    'dashboard.removals.axis': 'Fjerna kommentarar',
    'dashboard.removals.noChart': 'Diagrammet kunne ikkje teiknast; tabellen nedanfor har dei same tala.',
    'dashboard.response.title': 'Svartida til moderatorane',
    'dashboard.response.intro': 'Tid frå ein kommentar kjem inn til den første handlinga til moderatoren.',
    'dashboard.response.none': 'Ingen moderatorhandlingar i perioden.',
    'dashboard.response.col.account': 'Konto', 'dashboard.response.col.responded': 'Behandla kommentarar',
    'dashboard.response.col.median': 'Median', 'dashboard.response.col.p90': '90. persentil',
    'dashboard.flags.title': 'Kontoar som treng oppfølging',
    'dashboard.flags.intro': 'Retningslinjene krev minst to redaktørar per konto; ein konto utan kommentarar på lenge kan vere forlaten.',
    'dashboard.flags.none': 'Alle kontoar har minst to redaktørar og nyleg aktivitet.',
    'dashboard.flags.FEWER_THAN_TWO_EDITORS': 'Færre enn to redaktørar',
    'dashboard.flags.INACTIVE': 'Inaktiv',
    'dashboard.flags.lastActivity': 'siste aktivitet {at}',
    'dashboard.flags.editors': '{n} redaktør(ar) registrert',
  },
});

export default {
  id: 'dashboard',
  route: '#/dashboard',
  roles: ['analyst', 'editor', 'admin', 'moderator'],
  navKey: 'nav.dashboard',
  messages,
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
