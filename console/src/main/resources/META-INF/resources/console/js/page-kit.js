// Small helpers shared by the archive, dashboard and transparency pages (PAGES' modules). They build on core.js only.
import {el, t} from './core.js';

/** Loads css/pages.css once (the styles of the archive, dashboard and transparency pages). */
export function ensurePageStyles() {
  if (!document.querySelector('link[data-pages-css]')) {
    document.head.appendChild(el('link', {rel: 'stylesheet', href: new URL('css/pages.css', document.baseURI).href,
      'data-pages-css': true}));
  }
}

/** The problem's detail (RFC 9457) or the error's message, for showing to the person. */
export function problemText(error) {
  if (error && error.problem && (error.problem.detail || error.problem.title)) {
    return error.problem.detail || error.problem.title;
  }
  return (error && error.message) || String(error);
}

/** An error box (role=alert) with the problem's text. */
export function errorBox(error, testid = 'error') {
  return el('div', {class: 'notice error', role: 'alert', 'data-testid': testid},
    t('pages.error', {detail: problemText(error)}));
}

/** A field: a label, a control and an optional hint, tied together by ids. */
export function field(id, labelText, control, hint) {
  control.id = id;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) {
    control.setAttribute('aria-describedby', hintId);
  }
  return el('div', {class: 'field'},
    el('label', {for: id}, labelText),
    control,
    hint ? el('p', {class: 'tv-hint', id: hintId}, hint) : null);
}

/** Saves a Blob under a file name through a temporary link (the API needs the token, so a plain link cannot). */
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = el('a', {href: url, download: filename, class: 'visually-hidden'});
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}

/** A number in the current locale. */
export function formatNumber(n, locale, options = {}) {
  return new Intl.NumberFormat(locale, options).format(n);
}

/** Loads Chart.js' UMD build from its webjar once; resolves to window.Chart. */
let chartLoading = null;
export const CHART_JS = 'webjars/chart.js/4.5.1/dist/chart.umd.min.js';
export function loadChartJs() {
  if (window.Chart) {
    return Promise.resolve(window.Chart);
  }
  if (!chartLoading) {
    chartLoading = new Promise((resolve, reject) => {
      const base = new URL('/', document.baseURI).href;
      const script = el('script', {src: base + CHART_JS});
      script.addEventListener('load', () => resolve(window.Chart));
      script.addEventListener('error', () => { chartLoading = null; reject(new Error('Chart.js could not be loaded')); });
      document.head.appendChild(script);
    });
  }
  return chartLoading;
}

/**
 * Colours for the reason categories: distinguishable, each ≥ 3:1 against white (WCAG 1.4.11 for graphics), and the
 * chart never relies on colour alone: every series is named in the legend and in the table beside it.
 */
export const REASON_COLOURS = {
  THREAT: '#b3261e', HATE: '#7b1fa2', INSULT: '#c2410c', PROFANITY: '#8a6d00', SEXUAL: '#ad1457',
  VIOLENCE: '#4e342e', CRIME: '#1565c0', ADVERTISING: '#00796b', PERSONAL_DATA: '#2e7d32', SECRET: '#37474f',
  OTHER: '#5f6368', COMPLAINT: '#283593',
};
export const REASONS = ['THREAT', 'HATE', 'INSULT', 'PROFANITY', 'SEXUAL', 'VIOLENCE', 'CRIME', 'ADVERTISING',
  'PERSONAL_DATA', 'SECRET', 'OTHER'];

/**
 * A table in a box that scrolls sideways on narrow screens. The box is a named, focusable region, so that keyboard
 * users can scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function tableBox(label, table) {
  return el('div', {class: 'tv-table-wrap', role: 'region', tabindex: '0', 'aria-label': label}, table);
}
