// The archive view (archivists and admins): search the evidence records, see one record's screenshot, download its
// PDF/A and native JSON, verify its hashes, decide its registration, place or release a legal hold; erasure requests
// and the export of a period. Everything goes through archive-service's REST API (docs/archive-records.md).
import {api, t, el, announce, formatDateTime} from '../core.js';
import {ensurePageStyles, errorBox, field, saveBlob, tableBox} from '../page-kit.js';
import {registersSection} from './registers.js';

const PAGE_SIZE = 20;
const LABELS = ['THREAT', 'HATE', 'INSULT', 'PROFANITY', 'SEXUAL', 'VIOLENCE', 'CRIME', 'ADVERTISING',
  'PERSONAL_DATA', 'SECRET', 'COMPLAINT'];
const STATES = ['PENDING', 'REGISTERED', 'NOT_REQUIRED'];
const CHECKS = ['recordHashMatches', 'contentDigestMatches', 'pdfHashMatches', 'pngHashMatches', 'chainLinkMatches'];

// The last search, kept while the console is open, so that "back to the results" shows them again.
const search = {criteria: {}, page: 0};
let objectUrls = [];
let disposed = false;

function labelText(label) {
  if (label === 'COMPLAINT') {
    return t('intent.COMPLAINT');
  }
  return t(`label.${label}`);
}

function stateText(state) {
  return t(`archive.state.${state}`);
}

function shortId(id) {
  return String(id).slice(0, 8);
}

function query(criteria, page) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(criteria)) {
    if (v !== undefined && v !== null && String(v).trim() !== '') {
      p.set(k, String(v).trim());
    }
  }
  p.set('page', String(page));
  p.set('size', String(PAGE_SIZE));
  return p.toString();
}

// ---- search ------------------------------------------------------------------------------------------------------

function searchForm(onSearch) {
  const c = search.criteria;
  const q = el('input', {type: 'search', name: 'q', value: c.q || '', autocomplete: 'off', 'data-testid': 'archive-q'});
  const account = el('input', {type: 'text', name: 'accountId', value: c.accountId || '', inputmode: 'numeric',
    autocomplete: 'off', 'data-testid': 'archive-account'});
  const label = el('select', {name: 'label', 'data-testid': 'archive-label'},
    el('option', {value: ''}, t('archive.any')),
    LABELS.map(l => el('option', {value: l, selected: c.label === l}, labelText(l))));
  const from = el('input', {type: 'date', name: 'from', value: c.from || '', 'data-testid': 'archive-from'});
  const to = el('input', {type: 'date', name: 'to', value: c.to || '', 'data-testid': 'archive-to'});
  const registration = el('select', {name: 'registration', 'data-testid': 'archive-registration'},
    el('option', {value: ''}, t('archive.any')),
    STATES.map(s => el('option', {value: s, selected: c.registration === s}, stateText(s))));
  const sender = el('input', {type: 'text', name: 'sender', value: c.sender || '', autocomplete: 'off',
    'data-testid': 'archive-sender'});
  const form = el('form', {class: 'tv-form tv-search', role: 'search', 'aria-label': t('archive.search.title'),
    'data-testid': 'archive-search-form'},
  el('div', {class: 'tv-grid'},
    field('archive-f-q', t('archive.search.q'), q, t('archive.search.qHint')),
    field('archive-f-sender', t('archive.search.sender'), sender, t('archive.search.senderHint')),
    field('archive-f-account', t('archive.search.account'), account, t('archive.search.accountHint')),
    field('archive-f-label', t('archive.search.label'), label),
    field('archive-f-registration', t('archive.search.registration'), registration),
    field('archive-f-from', t('archive.search.from'), from),
    field('archive-f-to', t('archive.search.to'), to)),
  el('div', {class: 'tv-actions'},
    el('button', {type: 'submit', class: 'button primary', 'data-testid': 'archive-search'},
      t('archive.search.submit')),
    el('button', {type: 'button', class: 'button', 'data-testid': 'archive-clear', onclick: () => {
      form.reset();
      [q, account, from, to, sender].forEach(i => { i.value = ''; });
      label.value = '';
      registration.value = '';
      search.criteria = {};
      search.page = 0;
      onSearch();
    }}, t('archive.search.clear'))));
  form.addEventListener('submit', e => {
    e.preventDefault();
    if (from.value && to.value && from.value > to.value) {
      onSearch(new Error(t('archive.search.badPeriod')));
      return;
    }
    search.criteria = {q: q.value, accountId: account.value, label: label.value, from: from.value, to: to.value,
      registration: registration.value, sender: sender.value};
    search.page = 0;
    onSearch();
  });
  return form;
}

async function showResults(container) {
  container.replaceChildren(el('p', {class: 'muted', 'aria-busy': 'true'}, t('archive.loading')));
  let result;
  try {
    result = await api('archive', `/api/records?${query(search.criteria, search.page)}`);
  } catch (e) {
    container.replaceChildren(errorBox(e, 'archive-search-error'));
    return;
  }
  if (disposed) {
    return;
  }
  const items = result.items || [];
  const summary = items.length === 0
    ? t('archive.results.none')
    : t('archive.results.summary', {first: search.page * PAGE_SIZE + 1, last: search.page * PAGE_SIZE + items.length});
  announce(summary);
  const table = items.length === 0 ? null : tableBox(t('archive.results.caption'), el('table', {class: 'tv-table',
    'data-testid': 'archive-results'},
  el('caption', {class: 'visually-hidden'}, t('archive.results.caption')),
  el('thead', {}, el('tr', {},
    ['captured', 'account', 'labels', 'sender', 'registration', 'hold']
      .map(k => el('th', {scope: 'col'}, t(`archive.col.${k}`))))),
  el('tbody', {}, items.map(r => el('tr', {'data-testid': 'archive-row', 'data-record-id': r.id},
    el('td', {}, el('a', {href: `#/archive/${encodeURIComponent(r.id)}`, 'data-testid': 'archive-open'},
      formatDateTime(r.capturedAt)), el('span', {class: 'tv-id'}, ` · ${shortId(r.id)}`)),
    el('td', {}, r.accountId, el('br'), el('span', {class: 'muted'}, r.platform)),
    el('td', {}, (r.labels || []).map(l => el('span', {class: 'chip label'}, labelText(l)))),
    el('td', {}, r.personalDataRemovedAt ? el('span', {class: 'muted'}, t('archive.removed'))
      : [r.senderName || '', el('br'), el('span', {class: 'muted'}, r.senderId || '')]),
    el('td', {}, el('span', {class: `tv-badge tv-state-${r.registrationState}`}, stateText(r.registrationState)),
      r.registrationNumber ? [el('br'), el('strong', {}, r.registrationNumber)] : null),
    el('td', {}, r.legalHold ? el('span', {class: 'tv-badge tv-hold'}, t('archive.hold.on')) : t('pages.no')))))));
  const pager = el('nav', {class: 'pager', 'aria-label': t('archive.results.pages')},
    el('button', {type: 'button', class: 'button', disabled: search.page === 0, 'data-testid': 'archive-prev',
      onclick: () => { search.page -= 1; showResults(container); }}, t('archive.results.prev')),
    el('span', {class: 'muted'}, t('archive.results.page', {page: search.page + 1})),
    el('button', {type: 'button', class: 'button', disabled: !result.hasMore, 'data-testid': 'archive-next',
      onclick: () => { search.page += 1; showResults(container); }}, t('archive.results.next')));
  container.replaceChildren(el('p', {class: 'tv-summary', 'data-testid': 'archive-summary'}, summary), table,
    items.length || search.page ? pager : null);
}

// ---- erasure and export ------------------------------------------------------------------------------------------

function erasureSection() {
  const kind = el('select', {name: 'subjectKind', 'data-testid': 'erasure-kind'},
    el('option', {value: 'PLATFORM_ID'}, t('archive.erasure.platformId')),
    el('option', {value: 'NATIONAL_ID'}, t('archive.erasure.nationalId')));
  const subject = el('input', {type: 'text', name: 'subject', required: true, autocomplete: 'off', maxlength: 200,
    'data-testid': 'erasure-subject'});
  const out = el('div', {'aria-live': 'polite', 'data-testid': 'erasure-result'});
  const form = el('form', {class: 'tv-form', 'data-testid': 'erasure-form'},
    el('div', {class: 'tv-grid'},
      field('erasure-f-kind', t('archive.erasure.kind'), kind),
      field('erasure-f-subject', t('archive.erasure.subject'), subject, t('archive.erasure.subjectHint'))),
    el('div', {class: 'tv-actions'}, el('button', {type: 'submit', class: 'button danger',
      'data-testid': 'erasure-submit'}, t('archive.erasure.submit'))));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!subject.value.trim()) {
      out.replaceChildren(el('p', {class: 'notice error', role: 'alert'}, t('archive.erasure.required')));
      subject.focus();
      return;
    }
    if (!window.confirm(t('archive.erasure.confirm'))) {
      return;
    }
    out.replaceChildren(el('p', {class: 'muted'}, t('archive.working')));
    try {
      const report = await api('archive', '/api/erasure-requests', {method: 'POST',
        body: {subjectKind: kind.value, subject: subject.value.trim()}});
      subject.value = '';
      out.replaceChildren(erasureReport(report));
      announce(t('archive.erasure.done', {found: report.found, removed: report.removed.length,
        kept: report.kept.length}));
    } catch (err) {
      out.replaceChildren(errorBox(err, 'erasure-error'));
    }
  });
  return el('section', {class: 'card tv-card', 'aria-labelledby': 'archive-erasure-h'},
    el('h2', {id: 'archive-erasure-h'}, t('archive.erasure.title')),
    el('p', {class: 'muted'}, t('archive.erasure.intro')), form, out);
}

function recordLink(id) {
  return el('a', {href: `#/archive/${encodeURIComponent(id)}`}, shortId(id));
}

function erasureReport(r) {
  return el('div', {class: 'tv-report', 'data-testid': 'erasure-report'},
    el('h3', {}, t('archive.erasure.report')),
    el('dl', {class: 'tv-dl'},
      el('dt', {}, t('archive.erasure.found')), el('dd', {'data-testid': 'erasure-found'}, String(r.found)),
      el('dt', {}, t('archive.erasure.removed')), el('dd', {}, String(r.removed.length),
        r.removed.length ? [' — ', r.removed.map((id, i) => [i ? ', ' : '', recordLink(id)])] : null),
      el('dt', {}, t('archive.erasure.alreadyRemoved')), el('dd', {}, String(r.alreadyRemoved.length)),
      el('dt', {}, t('archive.erasure.kept')), el('dd', {}, String(r.kept.length))),
    r.kept.length ? el('table', {class: 'tv-table', 'data-testid': 'erasure-kept'},
      el('caption', {}, t('archive.erasure.keptCaption')),
      el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, t('archive.erasure.record')),
        el('th', {scope: 'col'}, t('archive.erasure.why')), el('th', {scope: 'col'}, t('archive.col.registration')))),
      el('tbody', {}, r.kept.map(k => el('tr', {}, el('td', {}, recordLink(k.recordId)),
        el('td', {}, t(`archive.erasure.why.${k.why}`)), el('td', {}, k.registrationNumber || '—'))))) : null,
    el('p', {class: 'muted'}, t('archive.erasure.stored', {id: r.requestId})));
}

function exportSection() {
  const account = el('input', {type: 'text', name: 'accountId', required: true, inputmode: 'numeric',
    autocomplete: 'off', 'data-testid': 'export-account'});
  const from = el('input', {type: 'date', name: 'from', required: true, 'data-testid': 'export-from'});
  const to = el('input', {type: 'date', name: 'to', required: true, 'data-testid': 'export-to'});
  const out = el('div', {'aria-live': 'polite', 'data-testid': 'export-result'});
  const form = el('form', {class: 'tv-form', 'data-testid': 'export-form'},
    el('div', {class: 'tv-grid'},
      field('export-f-account', t('archive.search.account'), account),
      field('export-f-from', t('archive.export.from'), from),
      field('export-f-to', t('archive.export.to'), to)),
    el('div', {class: 'tv-actions'}, el('button', {type: 'submit', class: 'button primary',
      'data-testid': 'export-submit'}, t('archive.export.submit'))));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (from.value > to.value) {
      out.replaceChildren(el('p', {class: 'notice error', role: 'alert'}, t('archive.search.badPeriod')));
      return;
    }
    out.replaceChildren(el('p', {class: 'muted'}, t('archive.export.working')));
    const p = new URLSearchParams({accountId: account.value.trim(), from: from.value, to: to.value});
    try {
      const response = await api('archive', `/api/exports?${p}`, {raw: true, headers: {Accept: 'application/zip'}});
      const blob = await response.blob();
      const name = `tingvakt-${account.value.trim()}-${from.value}-${to.value}.zip`;
      saveBlob(blob, name);
      const records = response.headers.get('X-Package-Records');
      const mets = response.headers.get('X-Package-Mets-Sha256');
      out.replaceChildren(el('div', {class: 'notice ok', 'data-testid': 'export-done'},
        el('p', {}, t('archive.export.done', {name, size: Math.max(1, Math.round(blob.size / 1024))})),
        records !== null ? el('p', {}, t('archive.export.records', {n: records})) : null,
        mets ? el('p', {class: 'tv-hash'}, t('archive.export.mets'), ' ', el('code', {}, mets)) : null));
      announce(t('archive.export.done', {name, size: Math.max(1, Math.round(blob.size / 1024))}));
    } catch (err) {
      out.replaceChildren(errorBox(err, 'export-error'));
    }
  });
  return el('section', {class: 'card tv-card', 'aria-labelledby': 'archive-export-h'},
    el('h2', {id: 'archive-export-h'}, t('archive.export.title')),
    el('p', {class: 'muted'}, t('archive.export.intro')), form, out);
}

function renderSearch(root) {
  const results = el('div', {'data-testid': 'archive-results-region'});
  const form = searchForm(error => {
    if (error) {
      results.replaceChildren(errorBox(error, 'archive-search-error'));
    } else {
      showResults(results);
    }
  });
  root.replaceChildren(
    el('div', {class: 'tv-page', 'data-testid': 'archive-page'},
      el('h1', {id: 'page-title', tabindex: '-1'}, t('archive.title')),
      el('p', {class: 'tv-lead'}, t('archive.lead')),
      el('section', {class: 'card tv-card', 'aria-labelledby': 'archive-search-h'},
        el('h2', {id: 'archive-search-h'}, t('archive.search.title')), form,
        el('h3', {class: 'visually-hidden'}, t('archive.results.caption')), results),
      el('div', {class: 'tv-columns'}, erasureSection(), exportSection()),
      registersSection()));
  showResults(results);
}

// ---- one record --------------------------------------------------------------------------------------------------

function verificationView(v) {
  const ok = CHECKS.every(c => v[c]);
  return el('div', {'data-testid': 'record-verification', 'data-intact': String(ok)},
    el('p', {class: `tv-verdict ${ok ? 'tv-verdict-ok' : 'tv-verdict-bad'}`, 'data-testid': 'verification-verdict'},
      el('span', {'aria-hidden': 'true', class: 'tv-verdict-mark'}, ok ? '✓' : '✗'), ' ',
      ok ? t('archive.verify.ok') : t('archive.verify.bad')),
    el('ul', {class: 'tv-checks'}, CHECKS.map(c => el('li', {'data-check': c, class: v[c] ? 'ok' : 'bad'},
      el('span', {'aria-hidden': 'true'}, v[c] ? '✓ ' : '✗ '),
      t(`archive.verify.${c}`), ': ', el('strong', {}, v[c] ? t('archive.verify.matches') : t('archive.verify.differs'))))),
    v.personalDataRemovedAt ? el('p', {class: 'muted'},
      t('archive.verify.culled', {at: formatDateTime(v.personalDataRemovedAt)})) : null);
}

function registrationView(r, refresh) {
  const box = el('div', {'data-testid': 'record-registration', 'data-state': r.registrationState});
  const facts = el('dl', {class: 'tv-dl'},
    el('dt', {}, t('archive.registration.state')),
    el('dd', {}, el('span', {class: `tv-badge tv-state-${r.registrationState}`, 'data-testid': 'registration-state'},
      stateText(r.registrationState))),
    r.registrationNumber ? [el('dt', {}, t('archive.registration.number')),
      el('dd', {}, el('strong', {class: 'tv-number', 'data-testid': 'registration-number'}, r.registrationNumber))] : null,
    r.registrationReason ? [el('dt', {}, t('archive.registration.reason')), el('dd', {}, r.registrationReason)] : null,
    r.assessedBy ? [el('dt', {}, t('archive.registration.assessedBy')),
      el('dd', {}, `${r.assessedBy}, ${formatDateTime(r.assessedAt)}`)] : null);
  box.appendChild(facts);
  if (r.registrationState !== 'PENDING') {
    return box;
  }
  const reason = el('textarea', {name: 'reason', rows: 2, maxlength: 2000, 'data-testid': 'registration-reason'});
  const choice = (value, checked) => el('label', {class: 'tv-radio'},
    el('input', {type: 'radio', name: 'decision', value, checked, 'data-testid': `registration-${value}`}),
    ' ', t(`archive.registration.decide.${value}`));
  const out = el('div', {'aria-live': 'polite'});
  const form = el('form', {class: 'tv-form', 'data-testid': 'registration-form'},
    el('fieldset', {}, el('legend', {}, t('archive.registration.decide')),
      choice('REGISTERED', true), choice('NOT_REQUIRED', false)),
    field('registration-f-reason', t('archive.registration.reasonLabel'), reason,
      t('archive.registration.reasonHint')),
    el('div', {class: 'tv-actions'}, el('button', {type: 'submit', class: 'button primary',
      'data-testid': 'registration-submit'}, t('archive.registration.submit'))), out);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const decision = form.querySelector('input[name=decision]:checked').value;
    if (decision === 'NOT_REQUIRED' && !reason.value.trim()) {
      out.replaceChildren(el('p', {class: 'notice error', role: 'alert'},
        t('archive.registration.reasonRequired')));
      reason.focus();
      return;
    }
    try {
      const updated = await api('archive', `/api/records/${encodeURIComponent(r.id)}/registration`, {method: 'POST',
        body: {decision, reason: reason.value.trim() || null}});
      announce(updated.registrationNumber
        ? t('archive.registration.registered', {number: updated.registrationNumber})
        : t('archive.registration.notRequired'));
      refresh('record-registration-h');
    } catch (err) {
      out.replaceChildren(errorBox(err, 'registration-error'));
    }
  });
  box.appendChild(form);
  return box;
}

function holdView(r, refresh) {
  const out = el('div', {'aria-live': 'polite'});
  if (r.legalHold) {
    return el('div', {'data-testid': 'record-hold', 'data-hold': 'true'},
      el('p', {}, el('span', {class: 'tv-badge tv-hold'}, t('archive.hold.on')), ' ', r.legalHoldReason || ''),
      el('button', {type: 'button', class: 'button', 'data-testid': 'hold-release', onclick: async () => {
        try {
          await api('archive', `/api/records/${encodeURIComponent(r.id)}/hold`, {method: 'DELETE'});
          announce(t('archive.hold.released'));
          refresh('record-hold-h');
        } catch (err) {
          out.replaceChildren(errorBox(err, 'hold-error'));
        }
      }}, t('archive.hold.release')), out);
  }
  const reason = el('input', {type: 'text', name: 'reason', maxlength: 2000, 'data-testid': 'hold-reason'});
  const form = el('form', {class: 'tv-form', 'data-testid': 'hold-form'},
    el('p', {class: 'muted'}, t('archive.hold.none')),
    field('hold-f-reason', t('archive.hold.reason'), reason),
    el('div', {class: 'tv-actions'}, el('button', {type: 'submit', class: 'button',
      'data-testid': 'hold-place'}, t('archive.hold.place'))), out);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!reason.value.trim()) {
      out.replaceChildren(el('p', {class: 'notice error', role: 'alert'}, t('archive.hold.reasonRequired')));
      reason.focus();
      return;
    }
    try {
      await api('archive', `/api/records/${encodeURIComponent(r.id)}/hold`, {method: 'PUT',
        body: {reason: reason.value.trim()}});
      announce(t('archive.hold.placed'));
      refresh('record-hold-h');
    } catch (err) {
      out.replaceChildren(errorBox(err, 'hold-error'));
    }
  });
  return el('div', {'data-testid': 'record-hold', 'data-hold': 'false'}, form);
}

function detailsView(r) {
  const row = (key, value, mono) => value === null || value === undefined || value === '' ? null
    : [el('dt', {}, t(`archive.detail.${key}`)), el('dd', {class: mono ? 'tv-hash' : null}, value)];
  return el('dl', {class: 'tv-dl tv-dl-wide', 'data-testid': 'record-details'},
    row('captured', formatDateTime(r.capturedAt)),
    row('posted', formatDateTime(r.postedAt)),
    row('account', `${r.accountId} (${r.platform})`),
    row('comment', `${r.commentId} · v${r.commentVersion}`, true),
    row('labels', (r.labels || []).map(labelText).join(', ')),
    row('reason', r.reason),
    r.personalDataRemovedAt ? row('removedAt', `${formatDateTime(r.personalDataRemovedAt)} (${r.removalRule || ''})`)
      : row('sender', `${r.senderName || ''} · ${r.senderId || ''}`),
    row('case', r.caseId, true),
    row('recordSha256', r.recordSha256, true),
    row('contentSha256', r.contentSha256, true),
    row('chain', `#${r.chainSeq} · ${r.chainHash}`, true));
}

async function historyView(id) {
  try {
    const entries = await api('archive', `/api/records/${encodeURIComponent(id)}/history`);
    if (!entries.length) {
      return el('p', {class: 'muted'}, t('archive.history.none'));
    }
    return el('ol', {class: 'tv-history', 'data-testid': 'record-history'}, entries.map(e => el('li', {},
      el('span', {class: 'muted'}, formatDateTime(e.at)), ' — ',
      el('strong', {}, t(`archive.action.${e.action}`) === `archive.action.${e.action}` ? e.action
        : t(`archive.action.${e.action}`)), ' · ', e.actor)));
  } catch (err) {
    return errorBox(err, 'history-error');
  }
}

async function showImage(figure, r) {
  if (r.personalDataRemovedAt) {
    figure.replaceChildren(el('p', {class: 'muted', 'data-testid': 'record-png-removed'},
      t('archive.png.removed')));
    return;
  }
  try {
    const response = await api('archive', `/api/records/${encodeURIComponent(r.id)}/png`, {raw: true,
      headers: {Accept: 'image/png'}});
    const url = URL.createObjectURL(await response.blob());
    objectUrls.push(url);
    if (disposed) {
      return;
    }
    const img = el('img', {src: url, alt: t('archive.png.alt', {account: r.accountId,
      captured: formatDateTime(r.capturedAt)}), 'data-testid': 'record-png', class: 'tv-evidence'});
    figure.replaceChildren(img, el('figcaption', {class: 'muted'}, t('archive.png.caption')));
  } catch (err) {
    figure.replaceChildren(errorBox(err, 'record-png-error'));
  }
}

function downloadButton(r, kind, filename, testid) {
  const out = el('span', {'aria-live': 'polite'});
  return el('span', {}, el('button', {type: 'button', class: 'button', 'data-testid': testid, onclick: async () => {
    try {
      const response = await api('archive', `/api/records/${encodeURIComponent(r.id)}/${kind}`, {raw: true,
        headers: {Accept: '*/*'}});
      saveBlob(await response.blob(), filename);
      announce(t('archive.download.done', {name: filename}));
    } catch (err) {
      out.replaceChildren(errorBox(err, `${testid}-error`));
    }
  }}, t(`archive.download.${kind}`)), out);
}

async function renderRecord(root, id, focusId = null) {
  if (!root.querySelector('#page-title')) {
    root.replaceChildren(el('div', {class: 'tv-page'}, backLink(),
      el('h1', {id: 'page-title', tabindex: '-1'}, t('archive.record.title', {id: shortId(id)})),
      el('p', {class: 'muted', 'aria-busy': 'true'}, t('archive.loading'))));
  }
  let r;
  try {
    r = await api('archive', `/api/records/${encodeURIComponent(id)}`);
  } catch (err) {
    root.replaceChildren(el('div', {class: 'tv-page'}, backLink(), el('h1', {id: 'page-title', tabindex: '-1'},
      t('archive.record.title', {id: shortId(id)})), err.status === 404 ? el('p', {role: 'alert', 'data-testid': 'record-missing'},
      t('archive.record.missing')) : errorBox(err, 'record-error')));
    return;
  }
  if (disposed) {
    return;
  }
  const refresh = target => renderRecord(root, id, target);
  const figure = el('figure', {class: 'tv-figure', 'data-testid': 'record-figure'},
    el('p', {class: 'muted'}, t('archive.loading')));
  const verification = el('div', {'aria-live': 'polite'}, el('p', {class: 'muted'}, t('archive.verify.running')));
  const history = el('div', {}, el('p', {class: 'muted'}, t('archive.loading')));
  const removed = !!r.personalDataRemovedAt;
  root.replaceChildren(el('div', {class: 'tv-page', 'data-testid': 'record-page', 'data-record-id': r.id},
    backLink(),
    el('h1', {id: 'page-title', tabindex: '-1'}, t('archive.record.title', {id: shortId(r.id)}),
      r.registrationNumber ? el('span', {class: 'tv-title-number'}, ` · ${r.registrationNumber}`) : null),
    el('div', {class: 'tv-record'},
      el('section', {class: 'card tv-card tv-record-evidence', 'aria-labelledby': 'record-evidence-h'},
        el('h2', {id: 'record-evidence-h'}, t('archive.record.evidence')),
        removed ? null : el('div', {class: 'tv-actions'},
          downloadButton(r, 'pdf', `${r.id}.pdf`, 'download-pdf'),
          downloadButton(r, 'json', `${r.id}.json`, 'download-json'),
          downloadButton(r, 'png', `${r.id}.png`, 'download-png')),
        figure),
      el('div', {class: 'tv-record-side'},
        el('section', {class: 'card tv-card', 'aria-labelledby': 'record-verify-h'},
          el('h2', {id: 'record-verify-h'}, t('archive.verify.title')), verification,
          el('button', {type: 'button', class: 'button small', 'data-testid': 'verify-again',
            onclick: () => runVerification(verification, r.id)}, t('archive.verify.again'))),
        el('section', {class: 'card tv-card', 'aria-labelledby': 'record-registration-h'},
          el('h2', {id: 'record-registration-h'}, t('archive.registration.title')), registrationView(r, refresh)),
        el('section', {class: 'card tv-card', 'aria-labelledby': 'record-hold-h'},
          el('h2', {id: 'record-hold-h'}, t('archive.hold.title')), holdView(r, refresh)),
        el('section', {class: 'card tv-card', 'aria-labelledby': 'record-details-h'},
          el('h2', {id: 'record-details-h'}, t('archive.detail.title')), detailsView(r)),
        el('section', {class: 'card tv-card', 'aria-labelledby': 'record-history-h'},
          el('h2', {id: 'record-history-h'}, t('archive.history.title')), history)))));
  if (focusId) {
    // After a change the page is drawn anew; keep keyboard and screen-reader users where they were.
    const target = document.getElementById(focusId);
    if (target) {
      target.setAttribute('tabindex', '-1');
      target.focus();
    }
  }
  showImage(figure, r);
  runVerification(verification, r.id);
  historyView(r.id).then(node => { if (!disposed) { history.replaceChildren(node); } });
}

async function runVerification(container, id) {
  container.replaceChildren(el('p', {class: 'muted'}, t('archive.verify.running')));
  try {
    const v = await api('archive', `/api/records/${encodeURIComponent(id)}/verify`);
    container.replaceChildren(verificationView(v));
    announce(CHECKS.every(c => v[c]) ? t('archive.verify.ok') : t('archive.verify.bad'));
  } catch (err) {
    container.replaceChildren(errorBox(err, 'verify-error'));
  }
}

function backLink() {
  return el('p', {class: 'tv-back'}, el('a', {href: '#/archive', 'data-testid': 'archive-back'},
    el('span', {'aria-hidden': 'true'}, '← '), t('archive.back')));
}

function dispose() {
  disposed = true;
  objectUrls.forEach(u => URL.revokeObjectURL(u));
  objectUrls = [];
}

/** #/archive: search, erasure requests, export. */
export default {
  id: 'archive',
  route: '#/archive',
  roles: ['archivist', 'admin'],
  navKey: 'nav.archive',
  render(root) {
    disposed = false;
    ensurePageStyles();
    renderSearch(root);
  },
  dispose,
};

/** #/archive/:id: one record (not in the navigation; reached from the search). */
export const archiveRecord = {
  id: 'archive-record',
  route: '#/archive/:id',
  roles: ['archivist', 'admin'],
  navKey: null,
  render(root, params) {
    disposed = false;
    ensurePageStyles();
    return renderRecord(root, params.id);
  },
  dispose,
};
