// The public transparency page (/console/transparency.html): no sign-in, aggregates only, from
// GET /api/public/transparency. Language from the switch (kept in the browser) or the browser's languages.
import {el, t, lang, setLang, onLangChange, languages, addMessages, formatDuration, locale, announce} from './core.js';
import shared from './messages.js';
import {loadChartJs, REASON_COLOURS, field, mergeMessages, kitMessages, problemText, tableBox} from './page-kit.js';

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

function number(n) {
  return new Intl.NumberFormat(locale()).format(n);
}

function duration(seconds) {
  return seconds === null || seconds === undefined ? '—' : formatDuration(seconds);
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
    item(duration(totals.medianResponseSeconds), t('transparency.median'), 'total-median'));
}

function reasonsChart(r) {
  const reasons = r.reasons.filter(x => r.totals.removedByReason[x]);
  if (!reasons.length) {
    return el('p', {'data-testid': 'no-removals'}, t('transparency.noRemovals'));
  }
  const summary = t('transparency.chartSummary', {total: number(r.totals.removed),
    reasons: reasons.map(x => `${reasonText(x)} ${number(r.totals.removedByReason[x])}`).join(', ')});
  const canvas = el('canvas', {role: 'img', 'aria-label': summary, 'data-testid': 'reasons-chart'}, el('p', {}, summary));
  const accounts = r.accounts.filter(a => a.figures.removed > 0);
  const table = el('table', {class: 'tv-table', 'data-testid': 'reasons-table'},
    el('caption', {}, t('transparency.reasonsCaption')),
    el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, t('transparency.account')),
      reasons.map(x => el('th', {scope: 'col', class: 'tv-num'}, reasonText(x))),
      el('th', {scope: 'col', class: 'tv-num'}, t('transparency.total')))),
    el('tbody', {}, accounts.map(a => el('tr', {},
      el('th', {scope: 'row'}, a.account),
      reasons.map(x => el('td', {class: 'tv-num'}, number(a.figures.removedByReason[x] || 0))),
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
    const labels = accounts.map(a => a.account);
    // The chart grows with the number of pages, so that one page is not a slab and twenty are still readable.
    canvas.parentElement.style.height = `${Math.min(900, Math.max(180, 70 + accounts.length * 56))}px`;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.font.size = 13;
    chart = new Chart(canvas, {
      type: 'bar',
      data: {labels, datasets: reasons.map(x => ({label: reasonText(x), backgroundColor: REASON_COLOURS[x],
        borderColor: '#ffffff', borderWidth: 1, maxBarThickness: 36, data: accounts.map(a => a.figures.removedByReason[x] || 0)}))},
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
  const accounts = r.accounts.filter(a => a.figures.responded > 0);
  if (!accounts.length) {
    return el('p', {}, t('transparency.noResponses'));
  }
  return tableBox(t('transparency.responseCaption'), el('table', {class: 'tv-table', 'data-testid': 'response-table'},
    el('caption', {}, t('transparency.responseCaption')),
    el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, t('transparency.account')),
      el('th', {scope: 'col'}, t('transparency.platform')),
      el('th', {scope: 'col', class: 'tv-num'}, t('transparency.handled')),
      el('th', {scope: 'col', class: 'tv-num'}, t('transparency.median')),
      el('th', {scope: 'col', class: 'tv-num'}, t('transparency.p90')))),
    el('tbody', {}, accounts.map(a => el('tr', {'data-testid': 'response-row'},
      el('th', {scope: 'row'}, a.account),
      el('td', {}, t(`transparency.platform.${a.platform}`)),
      el('td', {class: 'tv-num'}, number(a.figures.responded)),
      el('td', {class: 'tv-num'}, duration(a.figures.medianResponseSeconds)),
      el('td', {class: 'tv-num'}, duration(a.figures.p90ResponseSeconds))))),
    el('tfoot', {}, el('tr', {}, el('th', {scope: 'row'}, t('transparency.allAccounts')), el('td', {}),
      el('td', {class: 'tv-num'}, number(r.totals.responded)),
      el('td', {class: 'tv-num'}, duration(r.totals.medianResponseSeconds)),
      el('td', {class: 'tv-num'}, duration(r.totals.p90ResponseSeconds))))));
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

const messages = mergeMessages(kitMessages, {
  en: {
    'transparency.skip': 'Skip to content',
    'transparency.brand': 'Moderation of comments on our social-media pages',
    'transparency.language': 'Language',
    'transparency.loading': 'Loading …',
    'transparency.footer': 'Aggregated figures only: no comments, names or identifiers of people are published. Figures are updated every few minutes.',
    'transparency.title': 'Transparency report',
    'transparency.lead': 'We remove comments that break our debate rules (threats, hate, insults, personal data and the like) and answer questions within our promised time. These figures show how many comments were removed, for which reasons, and how quickly our moderators responded.',
    'transparency.period': 'Period',
    'transparency.period.last12': 'Last 12 months',
    'transparency.period.thisYear': 'This year',
    'transparency.period.lastYear': 'Last year',
    'transparency.period.custom': 'Chosen dates',
    'transparency.from': 'From',
    'transparency.to': 'To (inclusive)',
    'transparency.show': 'Show',
    'transparency.badPeriod': 'Choose a first day that is not after the last day.',
    'transparency.updated': 'Figures updated.',
    'transparency.error': 'The figures could not be loaded: {detail}',
    'transparency.periodSummary': 'Comments received from {from} to {to}.',
    'transparency.totals': 'Totals for the period',
    'transparency.removed': 'Comments removed',
    'transparency.deleted': 'of which deleted',
    'transparency.hidden': 'of which hidden',
    'transparency.median': 'Median response time',
    'transparency.p90': '9 in 10 handled within',
    'transparency.reasonsTitle': 'Removals per reason',
    'transparency.reasonsIntro': 'Hidden or deleted comments, by the reason for removal, per page.',
    'transparency.reasonsCaption': 'Removed comments per page and reason',
    'transparency.chartSummary': '{total} comments removed: {reasons}.',
    'transparency.noRemovals': 'No comments were removed in this period.',
    'transparency.noChart': 'The chart could not be drawn; the table has the same figures.',
    'transparency.responseTitle': 'Response times',
    'transparency.responseIntro': 'Time from a comment\'s arrival to the first action by a moderator (an answer, a removal or an approval).',
    'transparency.responseCaption': 'Moderators\' response time per page',
    'transparency.noResponses': 'No comments were handled in this period.',
    'transparency.account': 'Page',
    'transparency.platform': 'Platform',
    'transparency.handled': 'Comments handled',
    'transparency.total': 'Total',
    'transparency.allAccounts': 'All pages',
    'transparency.platform.FACEBOOK': 'Facebook', 'transparency.platform.INSTAGRAM': 'Instagram',
    'transparency.platform.GENERIC': 'Other',
    'transparency.reason.OTHER': 'Other reason',
    'transparency.generated': 'Computed {at}.',
  },
  da: {
    'transparency.skip': 'Gå til indhold',
    'transparency.brand': 'Moderation af kommentarer på vores sociale medier',
    'transparency.language': 'Sprog',
    'transparency.loading': 'Indlæser …',
    'transparency.footer': 'Kun samlede tal: ingen kommentarer, navne eller identifikatorer for personer offentliggøres. Tallene opdateres med få minutters mellemrum.',
    'transparency.title': 'Gennemsigtighedsrapport',
    'transparency.lead': 'Vi fjerner kommentarer, der bryder vores debatregler (trusler, had, fornærmelser, personoplysninger og lignende), og besvarer spørgsmål inden for den lovede tid. Tallene viser, hvor mange kommentarer der blev fjernet, af hvilke grunde, og hvor hurtigt vores moderatorer reagerede.',
    'transparency.period': 'Periode',
    'transparency.period.last12': 'Seneste 12 måneder',
    'transparency.period.thisYear': 'I år',
    'transparency.period.lastYear': 'Sidste år',
    'transparency.period.custom': 'Valgte datoer',
    'transparency.from': 'Fra',
    'transparency.to': 'Til og med',
    'transparency.show': 'Vis',
    'transparency.badPeriod': 'Vælg en første dag, der ikke ligger efter den sidste.',
    'transparency.updated': 'Tallene er opdateret.',
    'transparency.error': 'Tallene kunne ikke hentes: {detail}',
    'transparency.periodSummary': 'Kommentarer modtaget fra {from} til {to}.',
    'transparency.totals': 'Samlet for perioden',
    'transparency.removed': 'Fjernede kommentarer',
    'transparency.deleted': 'heraf slettet',
    'transparency.hidden': 'heraf skjult',
    'transparency.median': 'Median svartid',
    'transparency.p90': '9 ud af 10 behandlet inden for',
    'transparency.reasonsTitle': 'Fjernede kommentarer pr. årsag',
    'transparency.reasonsIntro': 'Skjulte eller slettede kommentarer fordelt på årsag, pr. side.',
    'transparency.reasonsCaption': 'Fjernede kommentarer pr. side og årsag',
    'transparency.chartSummary': '{total} kommentarer fjernet: {reasons}.',
    'transparency.noRemovals': 'Ingen kommentarer blev fjernet i perioden.',
    'transparency.noChart': 'Diagrammet kunne ikke tegnes; tabellen har de samme tal.',
    'transparency.responseTitle': 'Svartider',
    'transparency.responseIntro': 'Tid fra en kommentar kommer ind til en moderators første handling (et svar, en fjernelse eller en godkendelse).',
    'transparency.responseCaption': 'Moderatorernes svartid pr. side',
    'transparency.noResponses': 'Ingen kommentarer blev behandlet i perioden.',
    'transparency.account': 'Side',
    'transparency.platform': 'Platform',
    'transparency.handled': 'Behandlede kommentarer',
    'transparency.total': 'I alt',
    'transparency.allAccounts': 'Alle sider',
    'transparency.platform.FACEBOOK': 'Facebook', 'transparency.platform.INSTAGRAM': 'Instagram',
    'transparency.platform.GENERIC': 'Andet',
    'transparency.reason.OTHER': 'Anden årsag',
    'transparency.generated': 'Beregnet {at}.',
  },
  sv: {
    'transparency.skip': 'Hoppa till innehållet',
    'transparency.brand': 'Moderering av kommentarer på våra sociala medier',
    'transparency.language': 'Språk',
    'transparency.loading': 'Laddar …',
    'transparency.footer': 'Endast sammanställda siffror: inga kommentarer, namn eller identiteter publiceras. Siffrorna uppdateras med några minuters mellanrum.',
    'transparency.title': 'Transparensrapport',
    'transparency.lead': 'Vi tar bort kommentarer som bryter mot våra regler för debatt (hot, hat, förolämpningar, personuppgifter och liknande) och svarar på frågor inom utlovad tid. Siffrorna visar hur många kommentarer som togs bort, av vilka skäl, och hur snabbt våra moderatorer agerade.',
    'transparency.period': 'Period',
    'transparency.period.last12': 'Senaste 12 månaderna',
    'transparency.period.thisYear': 'I år',
    'transparency.period.lastYear': 'Förra året',
    'transparency.period.custom': 'Valda datum',
    'transparency.from': 'Från',
    'transparency.to': 'Till och med',
    'transparency.show': 'Visa',
    'transparency.badPeriod': 'Välj en första dag som inte ligger efter den sista.',
    'transparency.updated': 'Siffrorna är uppdaterade.',
    'transparency.error': 'Siffrorna kunde inte hämtas: {detail}',
    'transparency.periodSummary': 'Kommentarer mottagna från {from} till {to}.',
    'transparency.totals': 'Totalt för perioden',
    'transparency.removed': 'Borttagna kommentarer',
    'transparency.deleted': 'varav raderade',
    'transparency.hidden': 'varav dolda',
    'transparency.median': 'Median svarstid',
    'transparency.p90': '9 av 10 hanterade inom',
    'transparency.reasonsTitle': 'Borttagna kommentarer per skäl',
    'transparency.reasonsIntro': 'Dolda eller raderade kommentarer per skäl, per sida.',
    'transparency.reasonsCaption': 'Borttagna kommentarer per sida och skäl',
    'transparency.chartSummary': '{total} kommentarer borttagna: {reasons}.',
    'transparency.noRemovals': 'Inga kommentarer togs bort under perioden.',
    'transparency.noChart': 'Diagrammet kunde inte ritas; tabellen har samma siffror.',
    'transparency.responseTitle': 'Svarstider',
    'transparency.responseIntro': 'Tid från att en kommentar kommer in till en moderators första åtgärd (ett svar, en borttagning eller ett godkännande).',
    'transparency.responseCaption': 'Moderatorernas svarstid per sida',
    'transparency.noResponses': 'Inga kommentarer hanterades under perioden.',
    'transparency.account': 'Sida',
    'transparency.platform': 'Plattform',
    'transparency.handled': 'Hanterade kommentarer',
    'transparency.total': 'Totalt',
    'transparency.allAccounts': 'Alla sidor',
    'transparency.platform.FACEBOOK': 'Facebook', 'transparency.platform.INSTAGRAM': 'Instagram',
    'transparency.platform.GENERIC': 'Annan',
    'transparency.reason.OTHER': 'Annat skäl',
    'transparency.generated': 'Beräknat {at}.',
  },
  nb: {
    'transparency.skip': 'Gå til innhold',
    'transparency.brand': 'Moderering av kommentarer på våre sosiale medier',
    'transparency.language': 'Språk',
    'transparency.loading': 'Laster …',
    'transparency.footer': 'Bare samlede tall: ingen kommentarer, navn eller identiteter publiseres. Tallene oppdateres med noen minutters mellomrom.',
    'transparency.title': 'Åpenhetsrapport',
    'transparency.lead': 'Vi fjerner kommentarer som bryter debattreglene våre (trusler, hat, fornærmelser, personopplysninger og lignende), og svarer på spørsmål innen lovet tid. Tallene viser hvor mange kommentarer som ble fjernet, av hvilke grunner, og hvor raskt moderatorene våre reagerte.',
    'transparency.period': 'Periode',
    'transparency.period.last12': 'Siste 12 måneder',
    'transparency.period.thisYear': 'I år',
    'transparency.period.lastYear': 'I fjor',
    'transparency.period.custom': 'Valgte datoer',
    'transparency.from': 'Fra',
    'transparency.to': 'Til og med',
    'transparency.show': 'Vis',
    'transparency.badPeriod': 'Velg en første dag som ikke er etter den siste.',
    'transparency.updated': 'Tallene er oppdatert.',
    'transparency.error': 'Tallene kunne ikke hentes: {detail}',
    'transparency.periodSummary': 'Kommentarer mottatt fra {from} til {to}.',
    'transparency.totals': 'Samlet for perioden',
    'transparency.removed': 'Fjernede kommentarer',
    'transparency.deleted': 'hvorav slettet',
    'transparency.hidden': 'hvorav skjult',
    'transparency.median': 'Median svartid',
    'transparency.p90': '9 av 10 behandlet innen',
    'transparency.reasonsTitle': 'Fjernede kommentarer per årsak',
    'transparency.reasonsIntro': 'Skjulte eller slettede kommentarer fordelt på årsak, per side.',
    'transparency.reasonsCaption': 'Fjernede kommentarer per side og årsak',
    'transparency.chartSummary': '{total} kommentarer fjernet: {reasons}.',
    'transparency.noRemovals': 'Ingen kommentarer ble fjernet i perioden.',
    'transparency.noChart': 'Diagrammet kunne ikke tegnes; tabellen har de samme tallene.',
    'transparency.responseTitle': 'Svartider',
    'transparency.responseIntro': 'Tid fra en kommentar kommer inn til en moderators første handling (et svar, en fjerning eller en godkjenning).',
    'transparency.responseCaption': 'Moderatorenes svartid per side',
    'transparency.noResponses': 'Ingen kommentarer ble behandlet i perioden.',
    'transparency.account': 'Side',
    'transparency.platform': 'Plattform',
    'transparency.handled': 'Behandlede kommentarer',
    'transparency.total': 'Totalt',
    'transparency.allAccounts': 'Alle sider',
    'transparency.platform.FACEBOOK': 'Facebook', 'transparency.platform.INSTAGRAM': 'Instagram',
    'transparency.platform.GENERIC': 'Annen',
    'transparency.reason.OTHER': 'Annen årsak',
    'transparency.generated': 'Beregnet {at}.',
  },
  nn: {
    'transparency.skip': 'Gå til innhaldet',
    'transparency.brand': 'Moderering av kommentarar på dei sosiale media våre',
    'transparency.language': 'Språk',
    'transparency.loading': 'Lastar …',
    'transparency.footer': 'Berre samla tal: ingen kommentarar, namn eller identitetar blir publiserte. Tala blir oppdaterte med nokre minutt mellomrom.',
    'transparency.title': 'Openheitsrapport',
    'transparency.lead': 'Vi fjernar kommentarar som bryt debattreglane våre (truslar, hat, fornærmingar, personopplysningar og liknande), og svarar på spørsmål innan lova tid. Tala viser kor mange kommentarar som vart fjerna, av kva grunnar, og kor raskt moderatorane våre reagerte.',
    'transparency.period': 'Periode',
    'transparency.period.last12': 'Siste 12 månader',
    'transparency.period.thisYear': 'I år',
    'transparency.period.lastYear': 'I fjor',
    'transparency.period.custom': 'Valde datoar',
    'transparency.from': 'Frå',
    'transparency.to': 'Til og med',
    'transparency.show': 'Vis',
    'transparency.badPeriod': 'Vel ein første dag som ikkje er etter den siste.',
    'transparency.updated': 'Tala er oppdaterte.',
    'transparency.error': 'Tala kunne ikkje hentast: {detail}',
    'transparency.periodSummary': 'Kommentarar mottekne frå {from} til {to}.',
    'transparency.totals': 'Samla for perioden',
    'transparency.removed': 'Fjerna kommentarar',
    'transparency.deleted': 'av dei sletta',
    'transparency.hidden': 'av dei skjulte',
    'transparency.median': 'Median svartid',
    'transparency.p90': '9 av 10 behandla innan',
    'transparency.reasonsTitle': 'Fjerna kommentarar per årsak',
    'transparency.reasonsIntro': 'Skjulte eller sletta kommentarar fordelt på årsak, per side.',
    'transparency.reasonsCaption': 'Fjerna kommentarar per side og årsak',
    'transparency.chartSummary': '{total} kommentarar fjerna: {reasons}.',
    'transparency.noRemovals': 'Ingen kommentarar vart fjerna i perioden.',
    'transparency.noChart': 'Diagrammet kunne ikkje teiknast; tabellen har dei same tala.',
    'transparency.responseTitle': 'Svartider',
    'transparency.responseIntro': 'Tid frå ein kommentar kjem inn til den første handlinga til ein moderator (eit svar, ei fjerning eller ei godkjenning).',
    'transparency.responseCaption': 'Svartida til moderatorane per side',
    'transparency.noResponses': 'Ingen kommentarar vart behandla i perioden.',
    'transparency.account': 'Side',
    'transparency.platform': 'Plattform',
    'transparency.handled': 'Behandla kommentarar',
    'transparency.total': 'Totalt',
    'transparency.allAccounts': 'Alle sider',
    'transparency.platform.FACEBOOK': 'Facebook', 'transparency.platform.INSTAGRAM': 'Instagram',
    'transparency.platform.GENERIC': 'Anna',
    'transparency.reason.OTHER': 'Anna årsak',
    'transparency.generated': 'Rekna ut {at}.',
  },
});

addMessages(shared);
addMessages(messages);
page();
// The language switch re-draws the page from the figures already loaded.
onLangChange(() => { page(); announce(NATIVE[lang()]); });

// For the browser test that compares the five languages' keys.
export {messages};
