// The archive view (archivists and admins): search the evidence records, see one record's screenshot, download its
// PDF/A and native JSON, verify its hashes, decide its registration, place or release a legal hold; erasure requests
// and the export of a period. Everything goes through archive-service's REST API (docs/archive-records.md).
import {api, t, el, announce, formatDateTime} from '../core.js';
import {ensurePageStyles, errorBox, field, kitMessages, mergeMessages, saveBlob, tableBox} from '../page-kit.js';

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
      el('div', {class: 'tv-columns'}, erasureSection(), exportSection())));
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

const messages = mergeMessages(kitMessages, {
  en: {
    'archive.title': 'Archive',
    'archive.lead': 'Evidence records of removed comments: search them, check their hashes, decide registration, keep them under legal hold, answer erasure requests and export a period.',
    'archive.any': 'Any',
    'archive.loading': 'Loading …',
    'archive.working': 'Working …',
    'archive.removed': 'Personal data removed',
    'archive.state.PENDING': 'Assessment pending', 'archive.state.REGISTERED': 'Registered',
    'archive.state.NOT_REQUIRED': 'Registration not required',
    'archive.search.title': 'Search records',
    'archive.search.q': 'Words in the comment or sender name',
    'archive.search.qHint': 'Several words find records with all of them; "quotes" find a phrase.',
    'archive.search.sender': 'Sender',
    'archive.search.senderHint': 'Platform id, or name (any case)',
    'archive.search.account': 'Account (platform id)',
    'archive.search.accountHint': 'The page or account id, e.g. 104889123456789',
    'archive.search.label': 'Label',
    'archive.search.registration': 'Registration',
    'archive.search.from': 'Captured from',
    'archive.search.to': 'Captured to (inclusive)',
    'archive.search.submit': 'Search',
    'archive.search.clear': 'Clear',
    'archive.search.badPeriod': 'The first day must not be after the last day.',
    'archive.results.caption': 'Search results',
    'archive.results.none': 'No records match.',
    'archive.results.summary': 'Records {first}–{last}, newest first.',
    'archive.results.pages': 'Result pages',
    'archive.results.prev': 'Previous page',
    'archive.results.next': 'Next page',
    'archive.results.page': 'Page {page}',
    'archive.col.captured': 'Captured', 'archive.col.account': 'Account', 'archive.col.labels': 'Labels',
    'archive.col.sender': 'Sender', 'archive.col.registration': 'Registration', 'archive.col.hold': 'Legal hold',
    'archive.erasure.title': 'Erasure request',
    'archive.erasure.intro': 'Removes a person\'s personal data from every record that no registration or legal hold keeps. The report says what was kept and why.',
    'archive.erasure.kind': 'Find the person by',
    'archive.erasure.platformId': 'Platform id (sender id)',
    'archive.erasure.nationalId': 'National ID number (CPR, personnummer, fødselsnummer)',
    'archive.erasure.subject': 'Id or number',
    'archive.erasure.subjectHint': 'Stored only as a hash with the request.',
    'archive.erasure.required': 'Enter the id or number.',
    'archive.erasure.confirm': 'Remove this person\'s personal data from the archive? This cannot be undone.',
    'archive.erasure.submit': 'Remove personal data',
    'archive.erasure.done': '{found} records found, {removed} cleared, {kept} kept.',
    'archive.erasure.report': 'Report',
    'archive.erasure.found': 'Records found',
    'archive.erasure.removed': 'Personal data removed now',
    'archive.erasure.alreadyRemoved': 'Already removed earlier',
    'archive.erasure.kept': 'Kept',
    'archive.erasure.keptCaption': 'Records kept, and why',
    'archive.erasure.record': 'Record',
    'archive.erasure.why': 'Why kept',
    'archive.erasure.why.REGISTERED': 'Registered in the public records',
    'archive.erasure.why.LEGAL_HOLD': 'Under legal hold',
    'archive.erasure.stored': 'Request {id} is stored in the audit log.',
    'archive.export.title': 'Export a period',
    'archive.export.intro': 'A zip package (E-ARK style) of an account\'s records: PDF/A, PNG and JSON with SHA-256 manifests.',
    'archive.export.from': 'First day',
    'archive.export.to': 'Last day (inclusive)',
    'archive.export.submit': 'Download package',
    'archive.export.working': 'Building the package …',
    'archive.export.done': 'Saved {name} ({size} KB).',
    'archive.export.records': 'Records in the package: {n}',
    'archive.export.mets': 'METS SHA-256:',
    'archive.record.title': 'Record {id}',
    'archive.record.missing': 'There is no such record.',
    'archive.record.evidence': 'Evidence as recorded',
    'archive.back': 'Back to the search',
    'archive.png.alt': 'Screenshot of the archived comment on account {account}, captured {captured}, with the sender\'s details and the thread',
    'archive.png.caption': 'The PNG stored with the record; the PDF/A holds the same pages.',
    'archive.png.removed': 'The personal data of this record has been removed; only its metadata and hashes remain.',
    'archive.download.pdf': 'Download PDF/A', 'archive.download.json': 'Download JSON', 'archive.download.png': 'Download PNG',
    'archive.download.done': 'Saved {name}.',
    'archive.verify.title': 'Hash verification',
    'archive.verify.running': 'Verifying …',
    'archive.verify.again': 'Verify again',
    'archive.verify.ok': 'Verified: the stored record is unchanged.',
    'archive.verify.bad': 'Verification failed: the stored record does not match its hashes.',
    'archive.verify.matches': 'matches', 'archive.verify.differs': 'DOES NOT MATCH',
    'archive.verify.recordHashMatches': 'Record (JSON) hash',
    'archive.verify.contentDigestMatches': 'Comment digest',
    'archive.verify.pdfHashMatches': 'PDF/A hash',
    'archive.verify.pngHashMatches': 'PNG hash',
    'archive.verify.chainLinkMatches': 'Link in the hash chain',
    'archive.verify.culled': 'Personal data removed {at}; the hashes are kept.',
    'archive.registration.title': 'Registration',
    'archive.registration.state': 'State',
    'archive.registration.number': 'Registration number',
    'archive.registration.reason': 'Reason',
    'archive.registration.assessedBy': 'Decided by',
    'archive.registration.decide': 'Decision',
    'archive.registration.decide.REGISTERED': 'Register (assigns a number)',
    'archive.registration.decide.NOT_REQUIRED': 'Registration not required',
    'archive.registration.reasonLabel': 'Reason',
    'archive.registration.reasonHint': 'Required when registration is not required.',
    'archive.registration.reasonRequired': 'Give a reason why registration is not required.',
    'archive.registration.submit': 'Save decision',
    'archive.registration.registered': 'Registered as {number}.',
    'archive.registration.notRequired': 'Saved: registration not required.',
    'archive.hold.title': 'Legal hold',
    'archive.hold.on': 'Legal hold',
    'archive.hold.none': 'No legal hold. A hold keeps the record from retention and erasure.',
    'archive.hold.reason': 'Reason for the hold',
    'archive.hold.reasonRequired': 'Give a reason for the hold.',
    'archive.hold.place': 'Place legal hold',
    'archive.hold.release': 'Release legal hold',
    'archive.hold.placed': 'Legal hold placed.',
    'archive.hold.released': 'Legal hold released.',
    'archive.detail.title': 'Details',
    'archive.detail.captured': 'Captured', 'archive.detail.posted': 'Posted', 'archive.detail.account': 'Account',
    'archive.detail.comment': 'Comment', 'archive.detail.labels': 'Labels', 'archive.detail.reason': 'Moderator\'s reason',
    'archive.detail.sender': 'Sender', 'archive.detail.removedAt': 'Personal data removed',
    'archive.detail.case': 'Case', 'archive.detail.recordSha256': 'Record SHA-256',
    'archive.detail.contentSha256': 'Content SHA-256', 'archive.detail.chain': 'Chain link',
    'archive.history.title': 'History',
    'archive.history.none': 'No entries.',
    'archive.action.CAPTURED': 'Captured', 'archive.action.REGISTERED': 'Registered',
    'archive.action.REGISTRATION_NOT_REQUIRED': 'Registration not required', 'archive.action.HOLD_PLACED': 'Legal hold placed',
    'archive.action.HOLD_RELEASED': 'Legal hold released', 'archive.action.DISPOSED': 'Personal data removed',
    'archive.action.ERASURE_REQUEST': 'Erasure request', 'archive.action.EXPORTED': 'Exported',
  },
  da: {
    'archive.title': 'Arkiv',
    'archive.lead': 'Dokumentation for fjernede kommentarer: søg i den, kontrollér hashværdier, afgør journalisering, sæt retligt tilbagehold, besvar anmodninger om sletning og eksportér en periode.',
    'archive.any': 'Alle',
    'archive.loading': 'Indlæser …',
    'archive.working': 'Arbejder …',
    'archive.removed': 'Personoplysninger fjernet',
    'archive.state.PENDING': 'Afventer vurdering', 'archive.state.REGISTERED': 'Journaliseret',
    'archive.state.NOT_REQUIRED': 'Skal ikke journaliseres',
    'archive.search.title': 'Søg i arkivet',
    'archive.search.q': 'Ord i kommentaren eller afsenderens navn',
    'archive.search.qHint': 'Flere ord finder poster med dem alle; "anførselstegn" finder en frase.',
    'archive.search.sender': 'Afsender',
    'archive.search.senderHint': 'Platform-id eller navn',
    'archive.search.account': 'Konto (platform-id)',
    'archive.search.accountHint': 'Sidens eller kontoens id, fx 104889123456789',
    'archive.search.label': 'Kategori',
    'archive.search.registration': 'Journalisering',
    'archive.search.from': 'Arkiveret fra',
    'archive.search.to': 'Arkiveret til og med',
    'archive.search.submit': 'Søg',
    'archive.search.clear': 'Nulstil',
    'archive.search.badPeriod': 'Første dag må ikke ligge efter sidste dag.',
    'archive.results.caption': 'Søgeresultater',
    'archive.results.none': 'Ingen poster passer.',
    'archive.results.summary': 'Poster {first}–{last}, nyeste først.',
    'archive.results.pages': 'Resultatsider',
    'archive.results.prev': 'Forrige side',
    'archive.results.next': 'Næste side',
    'archive.results.page': 'Side {page}',
    'archive.col.captured': 'Arkiveret', 'archive.col.account': 'Konto', 'archive.col.labels': 'Kategorier',
    'archive.col.sender': 'Afsender', 'archive.col.registration': 'Journalisering', 'archive.col.hold': 'Retligt tilbagehold',
    'archive.erasure.title': 'Anmodning om sletning',
    'archive.erasure.intro': 'Fjerner en persons personoplysninger fra alle poster, som hverken journalisering eller retligt tilbagehold beholder. Rapporten viser, hvad der blev beholdt og hvorfor.',
    'archive.erasure.kind': 'Find personen ud fra',
    'archive.erasure.platformId': 'Platform-id (afsender-id)',
    'archive.erasure.nationalId': 'Personnummer (CPR, personnummer, fødselsnummer)',
    'archive.erasure.subject': 'Id eller nummer',
    'archive.erasure.subjectHint': 'Gemmes kun som hashværdi sammen med anmodningen.',
    'archive.erasure.required': 'Angiv id eller nummer.',
    'archive.erasure.confirm': 'Fjern personens personoplysninger fra arkivet? Det kan ikke fortrydes.',
    'archive.erasure.submit': 'Fjern personoplysninger',
    'archive.erasure.done': '{found} poster fundet, {removed} renset, {kept} beholdt.',
    'archive.erasure.report': 'Rapport',
    'archive.erasure.found': 'Poster fundet',
    'archive.erasure.removed': 'Personoplysninger fjernet nu',
    'archive.erasure.alreadyRemoved': 'Allerede fjernet tidligere',
    'archive.erasure.kept': 'Beholdt',
    'archive.erasure.keptCaption': 'Beholdte poster og hvorfor',
    'archive.erasure.record': 'Post',
    'archive.erasure.why': 'Hvorfor beholdt',
    'archive.erasure.why.REGISTERED': 'Journaliseret',
    'archive.erasure.why.LEGAL_HOLD': 'Under retligt tilbagehold',
    'archive.erasure.stored': 'Anmodning {id} er gemt i revisionssporet.',
    'archive.export.title': 'Eksportér en periode',
    'archive.export.intro': 'En zip-pakke (E-ARK) med kontoens poster: PDF/A, PNG og JSON med SHA-256-manifester.',
    'archive.export.from': 'Første dag',
    'archive.export.to': 'Sidste dag (med)',
    'archive.export.submit': 'Hent pakke',
    'archive.export.working': 'Pakken bygges …',
    'archive.export.done': '{name} gemt ({size} kB).',
    'archive.export.records': 'Poster i pakken: {n}',
    'archive.export.mets': 'METS SHA-256:',
    'archive.record.title': 'Post {id}',
    'archive.record.missing': 'Posten findes ikke.',
    'archive.record.evidence': 'Dokumentation som arkiveret',
    'archive.back': 'Tilbage til søgningen',
    'archive.png.alt': 'Skærmbillede af den arkiverede kommentar på konto {account}, arkiveret {captured}, med afsenderens oplysninger og tråden',
    'archive.png.caption': 'PNG-filen gemt med posten; PDF/A-filen har de samme sider.',
    'archive.png.removed': 'Postens personoplysninger er fjernet; kun metadata og hashværdier er tilbage.',
    'archive.download.pdf': 'Hent PDF/A', 'archive.download.json': 'Hent JSON', 'archive.download.png': 'Hent PNG',
    'archive.download.done': '{name} gemt.',
    'archive.verify.title': 'Kontrol af hashværdier',
    'archive.verify.running': 'Kontrollerer …',
    'archive.verify.again': 'Kontrollér igen',
    'archive.verify.ok': 'Kontrolleret: den gemte post er uændret.',
    'archive.verify.bad': 'Kontrollen fejlede: den gemte post passer ikke med sine hashværdier.',
    'archive.verify.matches': 'passer', 'archive.verify.differs': 'PASSER IKKE',
    'archive.verify.recordHashMatches': 'Postens (JSON) hashværdi',
    'archive.verify.contentDigestMatches': 'Kommentarens fingeraftryk',
    'archive.verify.pdfHashMatches': 'PDF/A-hashværdi',
    'archive.verify.pngHashMatches': 'PNG-hashværdi',
    'archive.verify.chainLinkMatches': 'Led i hashkæden',
    'archive.verify.culled': 'Personoplysninger fjernet {at}; hashværdierne er bevaret.',
    'archive.registration.title': 'Journalisering',
    'archive.registration.state': 'Status',
    'archive.registration.number': 'Journalnummer',
    'archive.registration.reason': 'Begrundelse',
    'archive.registration.assessedBy': 'Afgjort af',
    'archive.registration.decide': 'Afgørelse',
    'archive.registration.decide.REGISTERED': 'Journalisér (tildeler et nummer)',
    'archive.registration.decide.NOT_REQUIRED': 'Skal ikke journaliseres',
    'archive.registration.reasonLabel': 'Begrundelse',
    'archive.registration.reasonHint': 'Skal udfyldes, når posten ikke skal journaliseres.',
    'archive.registration.reasonRequired': 'Begrund, hvorfor posten ikke skal journaliseres.',
    'archive.registration.submit': 'Gem afgørelse',
    'archive.registration.registered': 'Journaliseret som {number}.',
    'archive.registration.notRequired': 'Gemt: skal ikke journaliseres.',
    'archive.hold.title': 'Retligt tilbagehold',
    'archive.hold.on': 'Retligt tilbagehold',
    'archive.hold.none': 'Intet retligt tilbagehold. Et tilbagehold beskytter posten mod sletning.',
    'archive.hold.reason': 'Begrundelse for tilbageholdet',
    'archive.hold.reasonRequired': 'Begrund tilbageholdet.',
    'archive.hold.place': 'Sæt retligt tilbagehold',
    'archive.hold.release': 'Ophæv retligt tilbagehold',
    'archive.hold.placed': 'Retligt tilbagehold sat.',
    'archive.hold.released': 'Retligt tilbagehold ophævet.',
    'archive.detail.title': 'Detaljer',
    'archive.detail.captured': 'Arkiveret', 'archive.detail.posted': 'Skrevet', 'archive.detail.account': 'Konto',
    'archive.detail.comment': 'Kommentar', 'archive.detail.labels': 'Kategorier', 'archive.detail.reason': 'Moderatorens begrundelse',
    'archive.detail.sender': 'Afsender', 'archive.detail.removedAt': 'Personoplysninger fjernet',
    'archive.detail.case': 'Sag', 'archive.detail.recordSha256': 'Postens SHA-256',
    'archive.detail.contentSha256': 'Indholdets SHA-256', 'archive.detail.chain': 'Led i kæden',
    'archive.history.title': 'Historik',
    'archive.history.none': 'Ingen hændelser.',
    'archive.action.CAPTURED': 'Arkiveret', 'archive.action.REGISTERED': 'Journaliseret',
    'archive.action.REGISTRATION_NOT_REQUIRED': 'Skal ikke journaliseres', 'archive.action.HOLD_PLACED': 'Retligt tilbagehold sat',
    'archive.action.HOLD_RELEASED': 'Retligt tilbagehold ophævet', 'archive.action.DISPOSED': 'Personoplysninger fjernet',
    'archive.action.ERASURE_REQUEST': 'Anmodning om sletning', 'archive.action.EXPORTED': 'Eksporteret',
  },
  sv: {
    'archive.title': 'Arkiv',
    'archive.lead': 'Bevis om borttagna kommentarer: sök i dem, kontrollera hashvärden, besluta om diarieföring, belägg med bevarandeförbud, hantera begäranden om radering och exportera en period.',
    'archive.any': 'Alla',
    'archive.loading': 'Laddar …',
    'archive.working': 'Arbetar …',
    'archive.removed': 'Personuppgifter borttagna',
    'archive.state.PENDING': 'Väntar på bedömning', 'archive.state.REGISTERED': 'Diarieförd',
    'archive.state.NOT_REQUIRED': 'Behöver inte diarieföras',
    'archive.search.title': 'Sök i arkivet',
    'archive.search.q': 'Ord i kommentaren eller avsändarens namn',
    'archive.search.qHint': 'Flera ord hittar poster med alla orden; "citattecken" hittar en fras.',
    'archive.search.sender': 'Avsändare',
    'archive.search.senderHint': 'Plattforms-id eller namn',
    'archive.search.account': 'Konto (plattforms-id)',
    'archive.search.accountHint': 'Sidans eller kontots id, t.ex. 104889123456789',
    'archive.search.label': 'Kategori',
    'archive.search.registration': 'Diarieföring',
    'archive.search.from': 'Arkiverad från',
    'archive.search.to': 'Arkiverad till och med',
    'archive.search.submit': 'Sök',
    'archive.search.clear': 'Rensa',
    'archive.search.badPeriod': 'Första dagen får inte ligga efter sista dagen.',
    'archive.results.caption': 'Sökresultat',
    'archive.results.none': 'Inga poster matchar.',
    'archive.results.summary': 'Poster {first}–{last}, nyaste först.',
    'archive.results.pages': 'Resultatsidor',
    'archive.results.prev': 'Föregående sida',
    'archive.results.next': 'Nästa sida',
    'archive.results.page': 'Sida {page}',
    'archive.col.captured': 'Arkiverad', 'archive.col.account': 'Konto', 'archive.col.labels': 'Kategorier',
    'archive.col.sender': 'Avsändare', 'archive.col.registration': 'Diarieföring', 'archive.col.hold': 'Bevarandeförbud',
    'archive.erasure.title': 'Begäran om radering',
    'archive.erasure.intro': 'Tar bort en persons personuppgifter ur alla poster som varken diarieföring eller bevarandeförbud behåller. Rapporten visar vad som behölls och varför.',
    'archive.erasure.kind': 'Hitta personen via',
    'archive.erasure.platformId': 'Plattforms-id (avsändar-id)',
    'archive.erasure.nationalId': 'Personnummer (CPR, personnummer, fødselsnummer)',
    'archive.erasure.subject': 'Id eller nummer',
    'archive.erasure.subjectHint': 'Sparas endast som hashvärde med begäran.',
    'archive.erasure.required': 'Ange id eller nummer.',
    'archive.erasure.confirm': 'Ta bort personens personuppgifter ur arkivet? Det går inte att ångra.',
    'archive.erasure.submit': 'Ta bort personuppgifter',
    'archive.erasure.done': '{found} poster hittades, {removed} rensades, {kept} behölls.',
    'archive.erasure.report': 'Rapport',
    'archive.erasure.found': 'Poster hittade',
    'archive.erasure.removed': 'Personuppgifter borttagna nu',
    'archive.erasure.alreadyRemoved': 'Redan borttagna tidigare',
    'archive.erasure.kept': 'Behållna',
    'archive.erasure.keptCaption': 'Behållna poster och varför',
    'archive.erasure.record': 'Post',
    'archive.erasure.why': 'Varför behållen',
    'archive.erasure.why.REGISTERED': 'Diarieförd',
    'archive.erasure.why.LEGAL_HOLD': 'Omfattas av bevarandeförbud',
    'archive.erasure.stored': 'Begäran {id} är sparad i granskningsloggen.',
    'archive.export.title': 'Exportera en period',
    'archive.export.intro': 'Ett zip-paket (E-ARK) med kontots poster: PDF/A, PNG och JSON med SHA-256-manifest.',
    'archive.export.from': 'Första dag',
    'archive.export.to': 'Sista dag (inklusive)',
    'archive.export.submit': 'Hämta paket',
    'archive.export.working': 'Paketet byggs …',
    'archive.export.done': '{name} sparad ({size} kB).',
    'archive.export.records': 'Poster i paketet: {n}',
    'archive.export.mets': 'METS SHA-256:',
    'archive.record.title': 'Post {id}',
    'archive.record.missing': 'Posten finns inte.',
    'archive.record.evidence': 'Bevis som arkiverat',
    'archive.back': 'Tillbaka till sökningen',
    'archive.png.alt': 'Skärmbild av den arkiverade kommentaren på konto {account}, arkiverad {captured}, med avsändarens uppgifter och tråden',
    'archive.png.caption': 'PNG-filen som sparades med posten; PDF/A-filen har samma sidor.',
    'archive.png.removed': 'Postens personuppgifter är borttagna; bara metadata och hashvärden finns kvar.',
    'archive.download.pdf': 'Hämta PDF/A', 'archive.download.json': 'Hämta JSON', 'archive.download.png': 'Hämta PNG',
    'archive.download.done': '{name} sparad.',
    'archive.verify.title': 'Kontroll av hashvärden',
    'archive.verify.running': 'Kontrollerar …',
    'archive.verify.again': 'Kontrollera igen',
    'archive.verify.ok': 'Kontrollerad: den sparade posten är oförändrad.',
    'archive.verify.bad': 'Kontrollen misslyckades: den sparade posten stämmer inte med sina hashvärden.',
    'archive.verify.matches': 'stämmer', 'archive.verify.differs': 'STÄMMER INTE',
    'archive.verify.recordHashMatches': 'Postens (JSON) hashvärde',
    'archive.verify.contentDigestMatches': 'Kommentarens fingeravtryck',
    'archive.verify.pdfHashMatches': 'PDF/A-hashvärde',
    'archive.verify.pngHashMatches': 'PNG-hashvärde',
    'archive.verify.chainLinkMatches': 'Länk i hashkedjan',
    'archive.verify.culled': 'Personuppgifter borttagna {at}; hashvärdena finns kvar.',
    'archive.registration.title': 'Diarieföring',
    'archive.registration.state': 'Status',
    'archive.registration.number': 'Diarienummer',
    'archive.registration.reason': 'Motivering',
    'archive.registration.assessedBy': 'Beslutat av',
    'archive.registration.decide': 'Beslut',
    'archive.registration.decide.REGISTERED': 'Diarieför (tilldelar ett nummer)',
    'archive.registration.decide.NOT_REQUIRED': 'Behöver inte diarieföras',
    'archive.registration.reasonLabel': 'Motivering',
    'archive.registration.reasonHint': 'Krävs när posten inte behöver diarieföras.',
    'archive.registration.reasonRequired': 'Motivera varför posten inte behöver diarieföras.',
    'archive.registration.submit': 'Spara beslut',
    'archive.registration.registered': 'Diarieförd som {number}.',
    'archive.registration.notRequired': 'Sparat: behöver inte diarieföras.',
    'archive.hold.title': 'Bevarandeförbud',
    'archive.hold.on': 'Bevarandeförbud',
    'archive.hold.none': 'Inget bevarandeförbud. Ett sådant skyddar posten mot gallring och radering.',
    'archive.hold.reason': 'Skäl till förbudet',
    'archive.hold.reasonRequired': 'Ange ett skäl.',
    'archive.hold.place': 'Belägg med bevarandeförbud',
    'archive.hold.release': 'Häv bevarandeförbud',
    'archive.hold.placed': 'Bevarandeförbud infört.',
    'archive.hold.released': 'Bevarandeförbud hävt.',
    'archive.detail.title': 'Detaljer',
    'archive.detail.captured': 'Arkiverad', 'archive.detail.posted': 'Skriven', 'archive.detail.account': 'Konto',
    'archive.detail.comment': 'Kommentar', 'archive.detail.labels': 'Kategorier', 'archive.detail.reason': 'Moderatorns motivering',
    'archive.detail.sender': 'Avsändare', 'archive.detail.removedAt': 'Personuppgifter borttagna',
    'archive.detail.case': 'Ärende', 'archive.detail.recordSha256': 'Postens SHA-256',
    'archive.detail.contentSha256': 'Innehållets SHA-256', 'archive.detail.chain': 'Länk i kedjan',
    'archive.history.title': 'Historik',
    'archive.history.none': 'Inga händelser.',
    'archive.action.CAPTURED': 'Arkiverad', 'archive.action.REGISTERED': 'Diarieförd',
    'archive.action.REGISTRATION_NOT_REQUIRED': 'Behöver inte diarieföras', 'archive.action.HOLD_PLACED': 'Bevarandeförbud infört',
    'archive.action.HOLD_RELEASED': 'Bevarandeförbud hävt', 'archive.action.DISPOSED': 'Personuppgifter borttagna',
    'archive.action.ERASURE_REQUEST': 'Begäran om radering', 'archive.action.EXPORTED': 'Exporterad',
  },
  nb: {
    'archive.title': 'Arkiv',
    'archive.lead': 'Dokumentasjon av fjernede kommentarer: søk i den, kontroller hashverdier, avgjør journalføring, ta rettslig bevaring, svar på krav om sletting og eksporter en periode.',
    'archive.any': 'Alle',
    'archive.loading': 'Laster …',
    'archive.working': 'Arbeider …',
    'archive.removed': 'Personopplysninger fjernet',
    'archive.state.PENDING': 'Venter på vurdering', 'archive.state.REGISTERED': 'Journalført',
    'archive.state.NOT_REQUIRED': 'Skal ikke journalføres',
    'archive.search.title': 'Søk i arkivet',
    'archive.search.q': 'Ord i kommentaren eller avsenderens navn',
    'archive.search.qHint': 'Flere ord finner poster med alle ordene; "anførselstegn" finner en frase.',
    'archive.search.sender': 'Avsender',
    'archive.search.senderHint': 'Plattform-id eller navn',
    'archive.search.account': 'Konto (plattform-id)',
    'archive.search.accountHint': 'Sidens eller kontoens id, f.eks. 104889123456789',
    'archive.search.label': 'Kategori',
    'archive.search.registration': 'Journalføring',
    'archive.search.from': 'Arkivert fra',
    'archive.search.to': 'Arkivert til og med',
    'archive.search.submit': 'Søk',
    'archive.search.clear': 'Nullstill',
    'archive.search.badPeriod': 'Første dag kan ikke være etter siste dag.',
    'archive.results.caption': 'Søkeresultater',
    'archive.results.none': 'Ingen poster passer.',
    'archive.results.summary': 'Poster {first}–{last}, nyeste først.',
    'archive.results.pages': 'Resultatsider',
    'archive.results.prev': 'Forrige side',
    'archive.results.next': 'Neste side',
    'archive.results.page': 'Side {page}',
    'archive.col.captured': 'Arkivert', 'archive.col.account': 'Konto', 'archive.col.labels': 'Kategorier',
    'archive.col.sender': 'Avsender', 'archive.col.registration': 'Journalføring', 'archive.col.hold': 'Rettslig bevaring',
    'archive.erasure.title': 'Krav om sletting',
    'archive.erasure.intro': 'Fjerner en persons personopplysninger fra alle poster som verken journalføring eller rettslig bevaring holder på. Rapporten viser hva som ble beholdt og hvorfor.',
    'archive.erasure.kind': 'Finn personen ut fra',
    'archive.erasure.platformId': 'Plattform-id (avsender-id)',
    'archive.erasure.nationalId': 'Fødselsnummer (CPR, personnummer, fødselsnummer)',
    'archive.erasure.subject': 'Id eller nummer',
    'archive.erasure.subjectHint': 'Lagres bare som hashverdi sammen med kravet.',
    'archive.erasure.required': 'Skriv inn id eller nummer.',
    'archive.erasure.confirm': 'Fjerne personens personopplysninger fra arkivet? Det kan ikke angres.',
    'archive.erasure.submit': 'Fjern personopplysninger',
    'archive.erasure.done': '{found} poster funnet, {removed} renset, {kept} beholdt.',
    'archive.erasure.report': 'Rapport',
    'archive.erasure.found': 'Poster funnet',
    'archive.erasure.removed': 'Personopplysninger fjernet nå',
    'archive.erasure.alreadyRemoved': 'Allerede fjernet tidligere',
    'archive.erasure.kept': 'Beholdt',
    'archive.erasure.keptCaption': 'Beholdte poster og hvorfor',
    'archive.erasure.record': 'Post',
    'archive.erasure.why': 'Hvorfor beholdt',
    'archive.erasure.why.REGISTERED': 'Journalført',
    'archive.erasure.why.LEGAL_HOLD': 'Under rettslig bevaring',
    'archive.erasure.stored': 'Krav {id} er lagret i revisjonsloggen.',
    'archive.export.title': 'Eksporter en periode',
    'archive.export.intro': 'En zip-pakke (E-ARK) med kontoens poster: PDF/A, PNG og JSON med SHA-256-manifester.',
    'archive.export.from': 'Første dag',
    'archive.export.to': 'Siste dag (med)',
    'archive.export.submit': 'Last ned pakke',
    'archive.export.working': 'Pakken bygges …',
    'archive.export.done': '{name} lagret ({size} kB).',
    'archive.export.records': 'Poster i pakken: {n}',
    'archive.export.mets': 'METS SHA-256:',
    'archive.record.title': 'Post {id}',
    'archive.record.missing': 'Posten finnes ikke.',
    'archive.record.evidence': 'Dokumentasjon slik den ble arkivert',
    'archive.back': 'Tilbake til søket',
    'archive.png.alt': 'Skjermbilde av den arkiverte kommentaren på konto {account}, arkivert {captured}, med avsenderens opplysninger og tråden',
    'archive.png.caption': 'PNG-filen lagret med posten; PDF/A-filen har de samme sidene.',
    'archive.png.removed': 'Postens personopplysninger er fjernet; bare metadata og hashverdier er igjen.',
    'archive.download.pdf': 'Last ned PDF/A', 'archive.download.json': 'Last ned JSON', 'archive.download.png': 'Last ned PNG',
    'archive.download.done': '{name} lagret.',
    'archive.verify.title': 'Kontroll av hashverdier',
    'archive.verify.running': 'Kontrollerer …',
    'archive.verify.again': 'Kontroller igjen',
    'archive.verify.ok': 'Kontrollert: den lagrede posten er uendret.',
    'archive.verify.bad': 'Kontrollen feilet: den lagrede posten stemmer ikke med hashverdiene sine.',
    'archive.verify.matches': 'stemmer', 'archive.verify.differs': 'STEMMER IKKE',
    'archive.verify.recordHashMatches': 'Postens (JSON) hashverdi',
    'archive.verify.contentDigestMatches': 'Kommentarens fingeravtrykk',
    'archive.verify.pdfHashMatches': 'PDF/A-hashverdi',
    'archive.verify.pngHashMatches': 'PNG-hashverdi',
    'archive.verify.chainLinkMatches': 'Ledd i hashkjeden',
    'archive.verify.culled': 'Personopplysninger fjernet {at}; hashverdiene er beholdt.',
    'archive.registration.title': 'Journalføring',
    'archive.registration.state': 'Status',
    'archive.registration.number': 'Journalnummer',
    'archive.registration.reason': 'Begrunnelse',
    'archive.registration.assessedBy': 'Avgjort av',
    'archive.registration.decide': 'Avgjørelse',
    'archive.registration.decide.REGISTERED': 'Journalfør (tildeler et nummer)',
    'archive.registration.decide.NOT_REQUIRED': 'Skal ikke journalføres',
    'archive.registration.reasonLabel': 'Begrunnelse',
    'archive.registration.reasonHint': 'Må fylles ut når posten ikke skal journalføres.',
    'archive.registration.reasonRequired': 'Begrunn hvorfor posten ikke skal journalføres.',
    'archive.registration.submit': 'Lagre avgjørelse',
    'archive.registration.registered': 'Journalført som {number}.',
    'archive.registration.notRequired': 'Lagret: skal ikke journalføres.',
    'archive.hold.title': 'Rettslig bevaring',
    'archive.hold.on': 'Rettslig bevaring',
    'archive.hold.none': 'Ingen rettslig bevaring. Bevaring beskytter posten mot sletting.',
    'archive.hold.reason': 'Begrunnelse for bevaringen',
    'archive.hold.reasonRequired': 'Begrunn bevaringen.',
    'archive.hold.place': 'Ta rettslig bevaring',
    'archive.hold.release': 'Opphev rettslig bevaring',
    'archive.hold.placed': 'Rettslig bevaring satt.',
    'archive.hold.released': 'Rettslig bevaring opphevet.',
    'archive.detail.title': 'Detaljer',
    'archive.detail.captured': 'Arkivert', 'archive.detail.posted': 'Skrevet', 'archive.detail.account': 'Konto',
    'archive.detail.comment': 'Kommentar', 'archive.detail.labels': 'Kategorier', 'archive.detail.reason': 'Moderatorens begrunnelse',
    'archive.detail.sender': 'Avsender', 'archive.detail.removedAt': 'Personopplysninger fjernet',
    'archive.detail.case': 'Sak', 'archive.detail.recordSha256': 'Postens SHA-256',
    'archive.detail.contentSha256': 'Innholdets SHA-256', 'archive.detail.chain': 'Ledd i kjeden',
    'archive.history.title': 'Historikk',
    'archive.history.none': 'Ingen hendelser.',
    'archive.action.CAPTURED': 'Arkivert', 'archive.action.REGISTERED': 'Journalført',
    'archive.action.REGISTRATION_NOT_REQUIRED': 'Skal ikke journalføres', 'archive.action.HOLD_PLACED': 'Rettslig bevaring satt',
    'archive.action.HOLD_RELEASED': 'Rettslig bevaring opphevet', 'archive.action.DISPOSED': 'Personopplysninger fjernet',
    'archive.action.ERASURE_REQUEST': 'Krav om sletting', 'archive.action.EXPORTED': 'Eksportert',
  },
  nn: {
    'archive.title': 'Arkiv',
    'archive.lead': 'Dokumentasjon av fjerna kommentarar: søk i henne, kontroller hashverdiar, avgjer journalføring, ta rettsleg bevaring, svar på krav om sletting og eksporter ein periode.',
    'archive.any': 'Alle',
    'archive.loading': 'Lastar …',
    'archive.working': 'Arbeider …',
    'archive.removed': 'Personopplysningar fjerna',
    'archive.state.PENDING': 'Ventar på vurdering', 'archive.state.REGISTERED': 'Journalført',
    'archive.state.NOT_REQUIRED': 'Skal ikkje journalførast',
    'archive.search.title': 'Søk i arkivet',
    'archive.search.q': 'Ord i kommentaren eller namnet til avsendaren',
    'archive.search.qHint': 'Fleire ord finn postar med alle orda; "hermeteikn" finn ei frase.',
    'archive.search.sender': 'Avsendar',
    'archive.search.senderHint': 'Plattform-id eller namn',
    'archive.search.account': 'Konto (plattform-id)',
    'archive.search.accountHint': 'ID-en til sida eller kontoen, t.d. 104889123456789',
    'archive.search.label': 'Kategori',
    'archive.search.registration': 'Journalføring',
    'archive.search.from': 'Arkivert frå',
    'archive.search.to': 'Arkivert til og med',
    'archive.search.submit': 'Søk',
    'archive.search.clear': 'Nullstill',
    'archive.search.badPeriod': 'Første dag kan ikkje vere etter siste dag.',
    'archive.results.caption': 'Søkjeresultat',
    'archive.results.none': 'Ingen postar passar.',
    'archive.results.summary': 'Postar {first}–{last}, nyaste først.',
    'archive.results.pages': 'Resultatsider',
    'archive.results.prev': 'Førre side',
    'archive.results.next': 'Neste side',
    'archive.results.page': 'Side {page}',
    'archive.col.captured': 'Arkivert', 'archive.col.account': 'Konto', 'archive.col.labels': 'Kategoriar',
    'archive.col.sender': 'Avsendar', 'archive.col.registration': 'Journalføring', 'archive.col.hold': 'Rettsleg bevaring',
    'archive.erasure.title': 'Krav om sletting',
    'archive.erasure.intro': 'Fjernar personopplysningane til ein person frå alle postar som verken journalføring eller rettsleg bevaring held på. Rapporten viser kva som vart halde på og kvifor.',
    'archive.erasure.kind': 'Finn personen ut frå',
    'archive.erasure.platformId': 'Plattform-id (avsendar-id)',
    'archive.erasure.nationalId': 'Fødselsnummer (CPR, personnummer, fødselsnummer)',
    'archive.erasure.subject': 'Id eller nummer',
    'archive.erasure.subjectHint': 'Blir berre lagra som hashverdi saman med kravet.',
    'archive.erasure.required': 'Skriv inn id eller nummer.',
    'archive.erasure.confirm': 'Fjerne personopplysningane til personen frå arkivet? Det kan ikkje angrast.',
    'archive.erasure.submit': 'Fjern personopplysningar',
    'archive.erasure.done': '{found} postar funne, {removed} reinska, {kept} haldne på.',
    'archive.erasure.report': 'Rapport',
    'archive.erasure.found': 'Postar funne',
    'archive.erasure.removed': 'Personopplysningar fjerna no',
    'archive.erasure.alreadyRemoved': 'Alt fjerna tidlegare',
    'archive.erasure.kept': 'Haldne på',
    'archive.erasure.keptCaption': 'Postar som vart haldne på, og kvifor',
    'archive.erasure.record': 'Post',
    'archive.erasure.why': 'Kvifor halden på',
    'archive.erasure.why.REGISTERED': 'Journalført',
    'archive.erasure.why.LEGAL_HOLD': 'Under rettsleg bevaring',
    'archive.erasure.stored': 'Krav {id} er lagra i revisjonsloggen.',
    'archive.export.title': 'Eksporter ein periode',
    'archive.export.intro': 'Ein zip-pakke (E-ARK) med postane til kontoen: PDF/A, PNG og JSON med SHA-256-manifest.',
    'archive.export.from': 'Første dag',
    'archive.export.to': 'Siste dag (med)',
    'archive.export.submit': 'Last ned pakke',
    'archive.export.working': 'Pakken blir bygd …',
    'archive.export.done': '{name} lagra ({size} kB).',
    'archive.export.records': 'Postar i pakken: {n}',
    'archive.export.mets': 'METS SHA-256:',
    'archive.record.title': 'Post {id}',
    'archive.record.missing': 'Posten finst ikkje.',
    'archive.record.evidence': 'Dokumentasjon slik han vart arkivert',
    'archive.back': 'Tilbake til søket',
    'archive.png.alt': 'Skjermbilete av den arkiverte kommentaren på konto {account}, arkivert {captured}, med opplysningane om avsendaren og tråden',
    'archive.png.caption': 'PNG-fila lagra med posten; PDF/A-fila har dei same sidene.',
    'archive.png.removed': 'Personopplysningane i posten er fjerna; berre metadata og hashverdiar er att.',
    'archive.download.pdf': 'Last ned PDF/A', 'archive.download.json': 'Last ned JSON', 'archive.download.png': 'Last ned PNG',
    'archive.download.done': '{name} lagra.',
    'archive.verify.title': 'Kontroll av hashverdiar',
    'archive.verify.running': 'Kontrollerer …',
    'archive.verify.again': 'Kontroller igjen',
    'archive.verify.ok': 'Kontrollert: den lagra posten er uendra.',
    'archive.verify.bad': 'Kontrollen feila: den lagra posten stemmer ikkje med hashverdiane sine.',
    'archive.verify.matches': 'stemmer', 'archive.verify.differs': 'STEMMER IKKJE',
    'archive.verify.recordHashMatches': 'Hashverdien til posten (JSON)',
    'archive.verify.contentDigestMatches': 'Fingeravtrykket til kommentaren',
    'archive.verify.pdfHashMatches': 'PDF/A-hashverdi',
    'archive.verify.pngHashMatches': 'PNG-hashverdi',
    'archive.verify.chainLinkMatches': 'Ledd i hashkjeda',
    'archive.verify.culled': 'Personopplysningar fjerna {at}; hashverdiane er haldne på.',
    'archive.registration.title': 'Journalføring',
    'archive.registration.state': 'Status',
    'archive.registration.number': 'Journalnummer',
    'archive.registration.reason': 'Grunngiving',
    'archive.registration.assessedBy': 'Avgjort av',
    'archive.registration.decide': 'Avgjerd',
    'archive.registration.decide.REGISTERED': 'Journalfør (gir eit nummer)',
    'archive.registration.decide.NOT_REQUIRED': 'Skal ikkje journalførast',
    'archive.registration.reasonLabel': 'Grunngiving',
    'archive.registration.reasonHint': 'Må fyllast ut når posten ikkje skal journalførast.',
    'archive.registration.reasonRequired': 'Grunngje kvifor posten ikkje skal journalførast.',
    'archive.registration.submit': 'Lagre avgjerd',
    'archive.registration.registered': 'Journalført som {number}.',
    'archive.registration.notRequired': 'Lagra: skal ikkje journalførast.',
    'archive.hold.title': 'Rettsleg bevaring',
    'archive.hold.on': 'Rettsleg bevaring',
    'archive.hold.none': 'Inga rettsleg bevaring. Bevaring vernar posten mot sletting.',
    'archive.hold.reason': 'Grunngiving for bevaringa',
    'archive.hold.reasonRequired': 'Grunngje bevaringa.',
    'archive.hold.place': 'Ta rettsleg bevaring',
    'archive.hold.release': 'Opphev rettsleg bevaring',
    'archive.hold.placed': 'Rettsleg bevaring sett.',
    'archive.hold.released': 'Rettsleg bevaring oppheva.',
    'archive.detail.title': 'Detaljar',
    'archive.detail.captured': 'Arkivert', 'archive.detail.posted': 'Skriven', 'archive.detail.account': 'Konto',
    'archive.detail.comment': 'Kommentar', 'archive.detail.labels': 'Kategoriar', 'archive.detail.reason': 'Grunngivinga til moderatoren',
    'archive.detail.sender': 'Avsendar', 'archive.detail.removedAt': 'Personopplysningar fjerna',
    'archive.detail.case': 'Sak', 'archive.detail.recordSha256': 'SHA-256 for posten',
    'archive.detail.contentSha256': 'SHA-256 for innhaldet', 'archive.detail.chain': 'Ledd i kjeda',
    'archive.history.title': 'Historikk',
    'archive.history.none': 'Ingen hendingar.',
    'archive.action.CAPTURED': 'Arkivert', 'archive.action.REGISTERED': 'Journalført',
    'archive.action.REGISTRATION_NOT_REQUIRED': 'Skal ikkje journalførast', 'archive.action.HOLD_PLACED': 'Rettsleg bevaring sett',
    'archive.action.HOLD_RELEASED': 'Rettsleg bevaring oppheva', 'archive.action.DISPOSED': 'Personopplysningar fjerna',
    'archive.action.ERASURE_REQUEST': 'Krav om sletting', 'archive.action.EXPORTED': 'Eksportert',
  },
});

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
  messages,
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
  messages: {da: {}, sv: {}, nb: {}, nn: {}, en: {}},
  render(root, params) {
    disposed = false;
    ensurePageStyles();
    return renderRecord(root, params.id);
  },
  dispose,
};
