// Personal data (archivists and administrators): erasure requests (GDPR Art. 17) by a sender's platform id or a
// national ID number, their list and each one's combined report per service (removed, kept and why); access requests
// (Art. 15, administrators only) as the JSON or PDF package; and each account's retention period in the archive.
// All through archive-service (docs/personal-data.md). A national ID number lives only in its field while the person
// works: it is sent in the request body, never put in the address or in storage, and the field is emptied once sent
// and when the page is left.
import {api, t, el, announce, formatDateTime, hasRole, lang, languages} from '../core.js';
import {ensurePageStyles, errorBox, field, saveBlob, tableBox} from '../page-kit.js';

const KINDS = ['PLATFORM_ID', 'NATIONAL_ID'];
const DEFAULT_MONTHS = 18;
let sensitiveFields = [];

function subjectInputs(prefix) {
  const kind = el('select', {'data-testid': `${prefix}-kind`},
    KINDS.map(k => el('option', {value: k}, t(`privacy.kind.${k}`))));
  const subject = el('input', {type: 'text', required: true, maxlength: 200, autocomplete: 'off', spellcheck: 'false',
    'data-testid': `${prefix}-subject`});
  kind.addEventListener('change', () => {
    // A national ID number is typed like a password: not shown over the shoulder, not remembered by the browser.
    subject.type = kind.value === 'NATIONAL_ID' ? 'password' : 'text';
  });
  sensitiveFields.push(subject);
  return {kind, subject};
}

function keptText(kept) {
  if (!kept || !kept.length) {
    return '—';
  }
  return kept.map(k => t('privacy.report.keptItem', {count: k.count, what: k.what, why: whyText(k.reason)})).join('; ');
}

function whyText(why) {
  return ['REGISTERED', 'LEGAL_HOLD', 'ARCHIVING'].includes(why) ? t(`privacy.why.${why}`) : why;
}

function reportView(report) {
  const services = report.services || [];
  const waiting = report.waitingFor || [];
  const state = report.complete
    ? el('p', {class: 'notice ok', 'data-testid': 'erasure-complete'}, t('privacy.report.complete'))
    : el('p', {class: 'notice', 'data-testid': 'erasure-waiting'},
      t('privacy.report.waiting', {services: waiting.join(', ')}));
  const archive = report.archive;
  const records = archive ? el('ul', {'data-testid': 'erasure-archive'},
    el('li', {}, t('privacy.report.found', {count: archive.found})),
    el('li', {}, t('privacy.report.removed', {count: (archive.removed || []).length})),
    (archive.kept || []).map(k => el('li', {'data-testid': 'erasure-kept-record'},
      t('privacy.report.keptRecord', {record: k.recordId, why: whyText(k.why), number: k.registrationNumber || '—'}))),
    el('li', {}, t('privacy.report.contextRedacted', {count: (archive.contextRedacted || []).length})),
    (archive.contextKept || []).map(k => el('li', {},
      t('privacy.report.contextKept', {record: k.recordId, why: whyText(k.why)})))) : null;
  return el('div', {'data-testid': 'erasure-report', 'data-request-id': report.requestId},
    el('h3', {}, t('privacy.report.title', {id: report.requestId})),
    el('p', {class: 'muted'}, t('privacy.report.placed', {at: formatDateTime(report.requestedAt),
      kind: t(`privacy.kind.${report.subjectKind}`)})),
    state,
    tableBox(t('privacy.report.caption'), el('table', {class: 'tv-table', 'data-testid': 'erasure-services'},
      el('caption', {}, t('privacy.report.caption')),
      el('thead', {}, el('tr', {}, ['service', 'removed', 'kept', 'note', 'reportedAt']
        .map(c => el('th', {scope: 'col'}, t(`privacy.col.${c}`))))),
      el('tbody', {}, services.map(s => el('tr', {'data-service': s.service},
        el('td', {}, s.service), el('td', {}, String(s.removed)), el('td', {}, keptText(s.kept)),
        el('td', {}, s.note || '—'), el('td', {}, formatDateTime(s.reportedAt))))))),
    records ? el('h4', {}, t('privacy.report.archiveDetail')) : null, records);
}

function erasureSection() {
  const {kind, subject} = subjectInputs('erasure');
  const out = el('div', {'aria-live': 'polite'});
  const report = el('div', {'aria-live': 'polite'});
  const list = el('div', {'data-testid': 'erasure-list'});
  const show = async id => {
    try {
      report.replaceChildren(reportView(await api('archive', `/api/erasure-requests/${encodeURIComponent(id)}`)));
    } catch (err) {
      report.replaceChildren(errorBox(err, 'erasure-error'));
    }
  };
  const reload = async () => {
    try {
      const requests = await api('archive', '/api/erasure-requests');
      list.replaceChildren(!requests.length
        ? el('p', {class: 'muted', 'data-testid': 'erasure-empty'}, t('privacy.erasure.empty'))
        : tableBox(t('privacy.erasure.caption'), el('table', {class: 'tv-table'},
          el('caption', {}, t('privacy.erasure.caption')),
          el('thead', {}, el('tr', {}, ['requestedAt', 'kind', 'state', 'report']
            .map(c => el('th', {scope: 'col'}, t(`privacy.col.${c}`))))),
          el('tbody', {}, requests.map(r => el('tr', {'data-testid': 'erasure-row', 'data-request-id': r.requestId},
            el('td', {}, formatDateTime(r.requestedAt)),
            el('td', {}, t(`privacy.kind.${r.subjectKind}`)),
            el('td', {}, r.complete ? t('privacy.state.complete')
              : t('privacy.state.waiting', {services: (r.waitingFor || []).join(', ')})),
            el('td', {}, el('button', {type: 'button', class: 'button', onclick: () => show(r.requestId)},
              t('privacy.erasure.show')))))))));
    } catch (err) {
      list.replaceChildren(errorBox(err, 'erasure-error'));
    }
  };
  const form = el('form', {class: 'tv-form', 'data-testid': 'erasure-form', autocomplete: 'off'},
    el('div', {class: 'tv-grid'},
      field('erasure-f-kind', t('privacy.subjectKind'), kind),
      field('erasure-f-subject', t('privacy.subject'), subject, t('privacy.subjectHint'))),
    el('p', {class: 'tv-hint'}, t('privacy.erasure.hint')),
    el('div', {class: 'tv-actions'}, el('button', {type: 'submit', class: 'button danger',
      'data-testid': 'erasure-submit'}, t('privacy.erasure.submit'))));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!window.confirm(t('privacy.erasure.confirm'))) {
      return;
    }
    try {
      const placed = await api('archive', '/api/erasure-requests', {method: 'POST',
        body: {subjectKind: kind.value, subject: subject.value.trim()}});
      subject.value = '';
      out.replaceChildren(el('p', {class: 'notice ok', 'data-testid': 'erasure-placed'}, t('privacy.erasure.placed')));
      announce(t('privacy.erasure.placed'));
      await show(placed.requestId);
      reload();
    } catch (err) {
      out.replaceChildren(errorBox(err, 'erasure-error'));
    }
  });
  reload();
  return el('section', {class: 'card tv-card', 'aria-labelledby': 'erasure-h', 'data-testid': 'erasure-section'},
    el('h2', {id: 'erasure-h'}, t('privacy.erasure.title')),
    el('p', {class: 'muted'}, t('privacy.erasure.intro')),
    form, out, el('h3', {}, t('privacy.erasure.listTitle')), list, report);
}

function accessSection() {
  const {kind, subject} = subjectInputs('access');
  const language = el('select', {'data-testid': 'access-language'},
    languages.map(l => el('option', {value: l, selected: l === lang()}, t(`privacy.language.${l}`))));
  const out = el('div', {'aria-live': 'polite'});
  const request = () => (kind.value === 'NATIONAL_ID'
    ? {nationalId: subject.value.trim(), language: language.value}
    : {platformId: subject.value.trim(), language: language.value});
  const download = async (path, filename) => {
    if (!subject.value.trim()) {
      subject.reportValidity();
      return;
    }
    try {
      const response = await api('archive', path, {method: 'POST', body: request(), raw: true});
      saveBlob(await response.blob(), filename);
      subject.value = '';
      out.replaceChildren(el('p', {class: 'notice ok', 'data-testid': 'access-done'}, t('privacy.access.done')));
      announce(t('privacy.access.done'));
    } catch (err) {
      out.replaceChildren(errorBox(err, 'access-error'));
    }
  };
  const json = el('button', {type: 'button', class: 'button', 'data-testid': 'access-json',
    onclick: () => download('/api/access-requests', 'access-request.json')}, t('privacy.access.json'));
  const pdf = el('button', {type: 'button', class: 'button primary', 'data-testid': 'access-pdf',
    onclick: () => download('/api/access-requests/pdf', 'access-request.pdf')}, t('privacy.access.pdf'));
  return el('section', {class: 'card tv-card', 'aria-labelledby': 'access-h', 'data-testid': 'access-section'},
    el('h2', {id: 'access-h'}, t('privacy.access.title')),
    el('p', {class: 'muted'}, t('privacy.access.intro')),
    el('form', {class: 'tv-form', autocomplete: 'off', onsubmit: e => e.preventDefault()},
      el('div', {class: 'tv-grid'},
        field('access-f-kind', t('privacy.subjectKind'), kind),
        field('access-f-subject', t('privacy.subject'), subject, t('privacy.subjectHint')),
        field('access-f-language', t('privacy.access.language'), language)),
      el('div', {class: 'tv-actions'}, json, pdf)),
    out);
}

function retentionSection() {
  const account = el('input', {type: 'text', required: true, maxlength: 200, autocomplete: 'off',
    'data-testid': 'retention-account'});
  const months = el('input', {type: 'number', min: 1, max: 1200, step: 1, 'data-testid': 'retention-months'});
  const save = el('button', {type: 'submit', class: 'button primary', disabled: true,
    'data-testid': 'retention-submit'}, t('privacy.retention.submit'));
  const current = el('p', {'aria-live': 'polite', 'data-testid': 'retention-current'});
  const out = el('div', {'aria-live': 'polite'});
  let rule = null;
  const load = el('button', {type: 'button', class: 'button', 'data-testid': 'retention-load'},
    t('privacy.retention.load'));
  load.addEventListener('click', async () => {
    if (!account.value.trim()) {
      account.reportValidity();
      return;
    }
    try {
      rule = await api('archive', `/api/accounts/${encodeURIComponent(account.value.trim())}/rule`);
      months.value = rule.retentionMonths;
      save.disabled = false;
      current.textContent = t('privacy.retention.current', {months: rule.retentionMonths});
      out.replaceChildren();
    } catch (err) {
      out.replaceChildren(errorBox(err, 'retention-error'));
    }
  });
  const form = el('form', {class: 'tv-form', 'data-testid': 'retention-form'},
    el('div', {class: 'tv-grid'},
      field('retention-f-account', t('privacy.retention.account'), account, t('privacy.retention.accountHint')),
      field('retention-f-months', t('privacy.retention.months'), months,
        t('privacy.retention.default', {months: DEFAULT_MONTHS}))),
    el('div', {class: 'tv-actions'}, load, save), current);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!rule) {
      return;
    }
    try {
      // The rule is written whole: the other fields go back as they were read.
      rule = await api('archive', `/api/accounts/${encodeURIComponent(rule.accountId)}/rule`, {method: 'PUT',
        body: {accountName: rule.accountName, language: rule.language, zone: rule.zone,
          retentionMonths: months.value ? Number(months.value) : null,
          registrationPattern: rule.registrationPattern}});
      current.textContent = t('privacy.retention.current', {months: rule.retentionMonths});
      out.replaceChildren(el('p', {class: 'notice ok', 'data-testid': 'retention-saved'},
        t('privacy.retention.saved', {months: rule.retentionMonths})));
      announce(t('privacy.retention.saved', {months: rule.retentionMonths}));
    } catch (err) {
      out.replaceChildren(errorBox(err, 'retention-error'));
    }
  });
  return el('section', {class: 'card tv-card', 'aria-labelledby': 'retention-h', 'data-testid': 'retention-section'},
    el('h2', {id: 'retention-h'}, t('privacy.retention.title')),
    el('p', {class: 'muted'}, t('privacy.retention.intro', {months: DEFAULT_MONTHS})),
    form, out);
}

async function render(root) {
  sensitiveFields = [];
  root.replaceChildren(el('div', {'data-testid': 'personal-data-page'},
    el('h1', {}, t('privacy.title')),
    el('p', {class: 'muted'}, t('privacy.intro')),
    erasureSection(),
    hasRole('admin') ? accessSection() : null,
    retentionSection()));
}

export default {
  id: 'personal-data',
  route: '#/personal-data',
  roles: ['admin', 'archivist'],
  navKey: 'nav.personalData',
  render(root) {
    ensurePageStyles();
    return render(root);
  },
  dispose() {
    sensitiveFields.forEach(f => { f.value = ''; });
    sensitiveFields = [];
  },
};
