// The organisations' registers on the archive page: the registration series (diarium / journal) with their number
// patterns and next numbers, which account numbers into which series (archive-service), and, for administrators, each
// account's registration policy (moderation-service): what is registered by itself and whether the citizen's
// acknowledgement names the number.
import {api, t, el, announce, hasRole} from '../core.js';
import {errorBox, field, tableBox} from '../page-kit.js';

const REGISTRABLE = ['COMPLAINT', 'THREAT', 'QUESTION', 'HATE', 'INSULT', 'PERSONAL_DATA'];

function seriesTable(series) {
  if (!series.length) {
    return el('p', {class: 'muted', 'data-testid': 'series-empty'}, t('registers.series.empty'));
  }
  const cols = ['id', 'organisation', 'unit', 'name', 'pattern', 'restart', 'next'];
  return tableBox(t('registers.series.caption'), el('table', {class: 'tv-table', 'data-testid': 'series-table'},
    el('caption', {}, t('registers.series.caption')),
    el('thead', {}, el('tr', {}, cols.map(c => el('th', {scope: 'col'}, t(`registers.col.${c}`))))),
    el('tbody', {}, series.map(s => el('tr', {},
      el('td', {}, el('code', {}, s.id)), el('td', {}, s.organisationId), el('td', {}, s.unit || '—'),
      el('td', {}, s.name || '—'), el('td', {}, el('code', {}, s.pattern)),
      el('td', {}, s.restartYearly ? t('registers.yes') : t('registers.no')),
      el('td', {'data-testid': 'series-next'}, s.nextNumber == null ? '—' : String(s.nextNumber)))))));
}

function seriesForm(reload) {
  const id = el('input', {type: 'text', required: true, maxlength: 100, pattern: '[A-Za-z0-9._-]{1,100}',
    autocomplete: 'off', 'data-testid': 'series-id'});
  const organisation = el('input', {type: 'text', required: true, maxlength: 200, autocomplete: 'off',
    'data-testid': 'series-organisation'});
  const unit = el('input', {type: 'text', maxlength: 200, autocomplete: 'off'});
  const name = el('input', {type: 'text', maxlength: 200, autocomplete: 'off'});
  const pattern = el('input', {type: 'text', required: true, maxlength: 64, value: 'KS {year}/{number}',
    autocomplete: 'off', 'data-testid': 'series-pattern'});
  const restart = el('input', {type: 'checkbox', checked: true});
  const out = el('div', {'aria-live': 'polite'});
  const form = el('form', {class: 'tv-form', 'data-testid': 'series-form'},
    el('div', {class: 'tv-grid'},
      field('series-f-id', t('registers.col.id'), id, t('registers.series.idHint')),
      field('series-f-organisation', t('registers.col.organisation'), organisation),
      field('series-f-unit', t('registers.col.unit'), unit),
      field('series-f-name', t('registers.col.name'), name),
      field('series-f-pattern', t('registers.col.pattern'), pattern, t('registers.series.patternHint')),
      el('div', {class: 'field'}, el('label', {}, restart, ' ', t('registers.series.restart')))),
    el('div', {class: 'tv-actions'}, el('button', {type: 'submit', class: 'button primary',
      'data-testid': 'series-submit'}, t('registers.series.submit'))));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await api('archive', `/api/registration-series/${encodeURIComponent(id.value.trim())}`, {method: 'PUT',
        body: {organisationId: organisation.value.trim(), unit: unit.value.trim() || null,
          name: name.value.trim() || null, pattern: pattern.value.trim(), restartYearly: restart.checked}});
      out.replaceChildren(el('p', {class: 'notice ok'}, t('registers.series.saved')));
      announce(t('registers.series.saved'));
      reload();
    } catch (err) {
      out.replaceChildren(errorBox(err, 'series-error'));
    }
  });
  return el('div', {}, el('h3', {}, t('registers.series.define')), form, out);
}

function assignForm(reload) {
  const account = el('input', {type: 'text', required: true, inputmode: 'numeric', maxlength: 200, autocomplete: 'off',
    'data-testid': 'assign-account'});
  const organisation = el('input', {type: 'text', required: true, maxlength: 200, autocomplete: 'off'});
  const series = el('input', {type: 'text', maxlength: 100, autocomplete: 'off', 'data-testid': 'assign-series'});
  const out = el('div', {'aria-live': 'polite'});
  const form = el('form', {class: 'tv-form', 'data-testid': 'assign-form'},
    el('div', {class: 'tv-grid'},
      field('assign-f-account', t('archive.search.account'), account),
      field('assign-f-organisation', t('registers.col.organisation'), organisation),
      field('assign-f-series', t('registers.col.id'), series, t('registers.assign.seriesHint'))),
    el('div', {class: 'tv-actions'}, el('button', {type: 'submit', class: 'button'}, t('registers.assign.submit'))));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await api('archive', `/api/accounts/${encodeURIComponent(account.value.trim())}/register`, {method: 'PUT',
        body: {organisationId: organisation.value.trim(), seriesId: series.value.trim() || null}});
      out.replaceChildren(el('p', {class: 'notice ok'}, t('registers.assign.saved')));
      announce(t('registers.assign.saved'));
      reload();
    } catch (err) {
      out.replaceChildren(errorBox(err, 'assign-error'));
    }
  });
  return el('div', {}, el('h3', {}, t('registers.assign.title')), form, out);
}

async function policyForm() {
  const out = el('div', {'aria-live': 'polite'});
  let accounts;
  try {
    accounts = await api('moderation', '/api/accounts');
  } catch (err) {
    return errorBox(err, 'policy-error');
  }
  const choose = el('select', {'data-testid': 'policy-account'},
    accounts.map(a => el('option', {value: a.id}, `${a.name} (${a.platform} ${a.externalId})`)));
  const boxes = REGISTRABLE.map(n => el('input', {type: 'checkbox', value: n, 'data-testid': `policy-${n}`}));
  const publish = el('input', {type: 'checkbox', 'data-testid': 'policy-publish'});
  const load = async () => {
    if (!choose.value) {
      return;
    }
    try {
      const p = await api('moderation', `/api/accounts/${encodeURIComponent(choose.value)}/registration-policy`);
      boxes.forEach(b => { b.checked = (p.register || []).includes(b.value); });
      publish.checked = !!p.publishNumber;
      out.replaceChildren();
    } catch (err) {
      out.replaceChildren(errorBox(err, 'policy-error'));
    }
  };
  choose.addEventListener('change', load);
  const form = el('form', {class: 'tv-form', 'data-testid': 'policy-form'},
    field('policy-f-account', t('registers.policy.account'), choose),
    el('fieldset', {class: 'field'}, el('legend', {}, t('registers.policy.register')),
      boxes.map(b => el('label', {class: 'tv-check'}, b, ' ', t(`registers.policy.item.${b.value}`))),
      el('p', {class: 'tv-hint'}, t('registers.policy.threatHint'))),
    el('div', {class: 'field'}, el('label', {}, publish, ' ', t('registers.policy.publish'))),
    el('div', {class: 'tv-actions'}, el('button', {type: 'submit', class: 'button primary',
      'data-testid': 'policy-submit'}, t('registers.policy.submit'))));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await api('moderation', `/api/accounts/${encodeURIComponent(choose.value)}/registration-policy`, {method: 'PUT',
        body: {register: boxes.filter(b => b.checked).map(b => b.value), publishNumber: publish.checked}});
      out.replaceChildren(el('p', {class: 'notice ok'}, t('registers.policy.saved')));
      announce(t('registers.policy.saved'));
    } catch (err) {
      out.replaceChildren(errorBox(err, 'policy-error'));
    }
  });
  load();
  return el('div', {'data-testid': 'policy-section'}, el('h3', {}, t('registers.policy.title')),
    el('p', {class: 'muted'}, t('registers.policy.intro')), form, out);
}

/** The registers section of the archive page. */
export function registersSection() {
  const list = el('div', {'aria-live': 'polite', 'data-testid': 'series-list'});
  const reload = async () => {
    try {
      list.replaceChildren(seriesTable(await api('archive', '/api/registration-series')));
    } catch (err) {
      list.replaceChildren(errorBox(err, 'series-error'));
    }
  };
  const policy = el('div', {});
  if (hasRole('admin')) {
    policyForm().then(node => policy.replaceChildren(node));
  }
  reload();
  return el('section', {class: 'card tv-card', 'aria-labelledby': 'archive-registers-h', 'data-testid': 'registers'},
    el('h2', {id: 'archive-registers-h'}, t('registers.title')),
    el('p', {class: 'muted'}, t('registers.intro')), list, seriesForm(reload), assignForm(reload), policy);
}
