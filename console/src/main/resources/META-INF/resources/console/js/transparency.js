// The public transparency page (/console/transparency.html): no sign-in, aggregates only, from
// GET /api/public/transparency. Language from the switch (kept in the browser) or the browser's languages.
import {el, t, lang, setLang, onLangChange, languages, loadTexts, formatDuration, locale, announce} from './core.js';
import {loadChartJs, REASON_COLOURS, field, problemText, tableBox} from './page-kit.js';

const NATIVE = {da: 'Dansk', sv: 'Svenska', nb: 'Norsk bokmål', nn: 'Norsk nynorsk', en: 'English'};
let chart = null;
let report = null;
let range = defaultRange();

function iso(d) {
  return d.toISOString().slice(0, 10);
}

function defaultRange() {
  const to = new Date();
  const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate() - 364));
  return {from: iso(from), to: iso(to)};
}

function presets() {
  const now = new Date();
  const y = now.getUTCFullYear();
  return [
    {key: 'last12', ...defaultRange()},
    {key: 'thisYear', from: `${y}-01-01`, to: iso(now)},
    {key: 'lastYear', from: `${y - 1}-01-01`, to: `${y - 1}-12-31`},
  ];
}

function reasonText(r) {
  return r === 'OTHER' ? t('transparency.reason.OTHER') : t(`label.${r}`);
}

// A null count is withheld by the service: fewer than the report's minCount (or one that would give such a count away).
function fewer() {
  return t('transparency.fewerThan', {n: new Intl.NumberFormat(locale()).format(report.minCount)});
}

function number(n) {
  return n == null ? fewer() : new Intl.NumberFormat(locale()).format(n);
}

// No time when nothing was answered; "fewer than k" when the answered count itself is withheld.
function duration(seconds, answered) {
  if (answered == null) {
    return fewer();
  }
  return seconds == null ? '—' : formatDuration(seconds);
}

function day(isoDay) {
  return new Intl.DateTimeFormat(locale(), {dateStyle: 'long', timeZone: 'UTC'}).format(new Date(`${isoDay}T00:00:00Z`));
}

function frame() {
  document.documentElement.lang = lang();
  document.title = `${t('transparency.title')} · Tingvakt`;
  document.querySelectorAll('[data-i18n]').forEach(n => { n.textContent = t(n.dataset.i18n); });
  const select = document.getElementById('language');
  select.replaceChildren(...languages.map(l => el('option', {value: l, lang: l, selected: l === lang()}, NATIVE[l])));
  select.onchange = e => setLang(e.target.value);
}

function periodForm(onChange) {
  const preset = el('select', {'data-testid': 'period-preset'},
    presets().map(p => el('option', {value: p.key, selected: p.from === range.from && p.to === range.to},
      t(`transparency.period.${p.key}`))),
    el('option', {value: 'custom', selected: !presets().some(p => p.from === range.from && p.to === range.to)},
      t('transparency.period.custom')));
  const from = el('input', {type: 'date', value: range.from, 'data-testid': 'period-from'});
  const to = el('input', {type: 'date', value: range.to, 'data-testid': 'period-to'});
  preset.addEventListener('change', () => {
    const p = presets().find(x => x.key === preset.value);
    if (p) {
      from.value = p.from;
      to.value = p.to;
    }
  });
  const form = el('form', {class: 'tp-period tv-form', 'aria-label': t('transparency.period')},
    field('tp-preset', t('transparency.period'), preset),
    field('tp-from', t('transparency.from'), from),
    field('tp-to', t('transparency.to'), to),
    el('button', {type: 'submit', class: 'button primary', 'data-testid': 'period-show'}, t('transparency.show')));
  form.addEventListener('submit', e => {
    e.preventDefault();
    if (!from.value || !to.value || from.value > to.value) {
      onChange(new Error(t('transparency.badPeriod')));
      return;
    }
    range = {from: from.value, to: to.value};
    onChange();
  });
  return form;
}

function figuresList(totals) {
  const item = (value, label, testid) => el('li', {class: 'tp-figure', 'data-testid': testid},
    el('span', {class: 'tp-value'}, value), el('span', {class: 'tp-label'}, label));
  return el('ul', {class: 'tp-figures', 'aria-label': t('transparency.totals')},
    item(number(totals.removed), t('transparency.removed'), 'total-removed'),
    item(number(totals.deleted), t('transparency.deleted'), 'total-deleted'),
    item(number(totals.hidden), t('transparency.hidden'), 'total-hidden'),
    item(duration(totals.medianAnswerSeconds, totals.answered), t('transparency.median'), 'total-median'));
}

function reasonsChart(r) {
  if (r.totals.removedByReason == null) {
    return el('p', {'data-testid': 'few-removals'}, t('transparency.fewRemovals', {n: number(r.minCount)}));
  }
  const reasons = r.reasons.filter(x => r.totals.removedByReason[x]);
  if (!reasons.length) {
    return el('p', {'data-testid': 'no-removals'}, t('transparency.noRemovals'));
  }
  const summary = t('transparency.chartSummary', {total: number(r.totals.removed),
    reasons: reasons.map(x => `${reasonText(x)} ${number(r.totals.removedByReason[x])}`).join(', ')});
  const canvas = el('canvas', {role: 'img', 'aria-label': summary, 'data-testid': 'reasons-chart'}, el('p', {}, summary));
  // Pages whose removals are withheld stay in the table (as "fewer than k"), not in the chart.
  const accounts = r.accounts.filter(a => a.figures.removed !== 0);
  const charted = accounts.filter(a => a.figures.removedByReason != null);
  const cell = (a, x) => (a.figures.removedByReason == null ? '' : number(a.figures.removedByReason[x] || 0));
  const table = el('table', {class: 'tv-table', 'data-testid': 'reasons-table'},
    el('caption', {}, t('transparency.reasonsCaption')),
    el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, t('transparency.account')),
      reasons.map(x => el('th', {scope: 'col', class: 'tv-num'}, reasonText(x))),
      el('th', {scope: 'col', class: 'tv-num'}, t('transparency.total')))),
    el('tbody', {}, accounts.map(a => el('tr', {},
      el('th', {scope: 'row'}, a.account),
      reasons.map(x => el('td', {class: 'tv-num'}, cell(a, x))),
      el('td', {class: 'tv-num'}, number(a.figures.removed))))),
    el('tfoot', {}, el('tr', {}, el('th', {scope: 'row'}, t('transparency.allAccounts')),
      reasons.map(x => el('td', {class: 'tv-num'}, number(r.totals.removedByReason[x]))),
      el('td', {class: 'tv-num'}, number(r.totals.removed)))));
  const box = el('div', {}, el('div', {class: 'tp-chart'}, canvas), tableBox(t('transparency.reasonsCaption'), table));
  loadChartJs().then(Chart => {
    if (!canvas.isConnected) {
      return;
    }
    if (chart) {
      chart.destroy();
    }
    // One bar per account (stacked by reason): the chart answers "who removed what"; the table has the numbers.
    const labels = charted.map(a => a.account);
    // The chart grows with the number of pages, so that one page is not a slab and twenty are still readable.
    canvas.parentElement.style.height = `${Math.min(900, Math.max(180, 70 + charted.length * 56))}px`;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.font.size = 13;
    chart = new Chart(canvas, {
      type: 'bar',
      data: {labels, datasets: reasons.map(x => ({label: reasonText(x), backgroundColor: REASON_COLOURS[x],
        borderColor: '#ffffff', borderWidth: 1, maxBarThickness: 36, data: charted.map(a => a.figures.removedByReason[x] || 0)}))},
      options: {indexAxis: 'y', animation: false, responsive: true, maintainAspectRatio: false,
        plugins: {legend: {position: 'bottom', labels: {color: '#1d2430', boxWidth: 14}}},
        scales: {x: {stacked: true, beginAtZero: true, ticks: {color: '#4a5566', precision: 0},
          title: {display: true, text: t('transparency.removed'), color: '#4a5566'}},
        y: {stacked: true, ticks: {color: '#1d2430'}, grid: {display: false}}}},
    });
    canvas.setAttribute('data-rendered', 'true');
  }).catch(() => canvas.replaceWith(el('p', {class: 'muted'}, t('transparency.noChart'))));
  return box;
}

function responseTable(r) {
  // Every page in the report, those without questions too (0), so that a page is not missing from the table.
  const accounts = r.accounts;
  if (!accounts.length) {
    return el('p', {}, t('transparency.noResponses'));
  }
  return tableBox(t('transparency.responseCaption'), el('table', {class: 'tv-table', 'data-testid': 'response-table'},
    el('caption', {}, t('transparency.responseCaption')),
    el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, t('transparency.account')),
      el('th', {scope: 'col'}, t('transparency.platform')),
      el('th', {scope: 'col', class: 'tv-num'}, t('transparency.questions')),
      el('th', {scope: 'col', class: 'tv-num'}, t('transparency.answered')),
      el('th', {scope: 'col', class: 'tv-num'}, t('transparency.median')),
      el('th', {scope: 'col', class: 'tv-num'}, t('transparency.p90')))),
    el('tbody', {}, accounts.map(a => el('tr', {'data-testid': 'response-row'},
      el('th', {scope: 'row'}, a.account),
      el('td', {}, t(`transparency.platform.${a.platform}`)),
      el('td', {class: 'tv-num'}, number(a.figures.questions)),
      el('td', {class: 'tv-num'}, number(a.figures.answered)),
      el('td', {class: 'tv-num'}, duration(a.figures.medianAnswerSeconds, a.figures.answered)),
      el('td', {class: 'tv-num'}, duration(a.figures.p90AnswerSeconds, a.figures.answered))))),
    el('tfoot', {}, el('tr', {}, el('th', {scope: 'row'}, t('transparency.allAccounts')), el('td', {}),
      el('td', {class: 'tv-num'}, number(r.totals.questions)),
      el('td', {class: 'tv-num'}, number(r.totals.answered)),
      el('td', {class: 'tv-num'}, duration(r.totals.medianAnswerSeconds, r.totals.answered)),
      el('td', {class: 'tv-num'}, duration(r.totals.p90AnswerSeconds, r.totals.answered))))));
}

function content(r) {
  return [
    el('p', {class: 'tv-summary', 'data-testid': 'period-summary'},
      t('transparency.periodSummary', {from: day(r.from), to: day(r.to)})),
    figuresList(r.totals),
    el('section', {'aria-labelledby': 'tp-reasons-h', 'data-testid': 'tp-reasons'},
      el('h2', {id: 'tp-reasons-h'}, t('transparency.reasonsTitle')),
      el('p', {class: 'tp-note'}, t('transparency.reasonsIntro')),
      reasonsChart(r)),
    el('section', {'aria-labelledby': 'tp-response-h', 'data-testid': 'tp-response'},
      el('h2', {id: 'tp-response-h'}, t('transparency.responseTitle')),
      el('p', {class: 'tp-note'}, t('transparency.responseIntro')),
      responseTable(r)),
    el('p', {class: 'tp-note', 'data-testid': 'small-counts'}, t('transparency.smallCounts', {n: number(r.minCount)})),
    el('p', {class: 'tp-note', 'data-testid': 'generated'},
      t('transparency.generated', {at: new Intl.DateTimeFormat(locale(), {dateStyle: 'medium', timeStyle: 'short'})
        .format(new Date(r.generatedAt))})),
  ];
}

async function show(results) {
  results.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch(`/api/public/transparency?from=${range.from}&to=${range.to}`,
      {headers: {Accept: 'application/json'}});
    const body = await response.json();
    if (!response.ok) {
      throw Object.assign(new Error(body.detail || body.title || response.statusText), {problem: body});
    }
    report = body;
    draw(results);
    announce(t('transparency.updated'));
  } catch (e) {
    results.replaceChildren(el('p', {class: 'notice error', role: 'alert'}, t('transparency.error',
      {detail: problemText(e)})));
  } finally {
    results.setAttribute('aria-busy', 'false');
  }
}

function draw(results) {
  if (chart) {
    chart.destroy();
    chart = null;
  }
  results.replaceChildren(...content(report));
}

function page() {
  frame();
  const main = document.getElementById('main');
  const results = el('div', {'data-testid': 'transparency-results'});
  const form = periodForm(error => {
    if (error) {
      results.replaceChildren(el('p', {class: 'notice error', role: 'alert'}, error.message));
    } else {
      show(results);
    }
  });
  main.replaceChildren(
    el('h1', {'data-testid': 'transparency-title'}, t('transparency.title')),
    el('p', {class: 'tv-lead'}, t('transparency.lead')),
    form, results);
  if (report) {
    draw(results);
  } else {
    show(results);
  }
}

// The texts first (i18n/<lang>.json); then the page. The language switch re-draws it from the figures already loaded.
loadTexts().then(() => {
  page();
  onLangChange(() => { page(); announce(NATIVE[lang()]); });
}, e => {
  document.getElementById('main').replaceChildren(el('p', {class: 'notice error', role: 'alert'}, e.message));
});
