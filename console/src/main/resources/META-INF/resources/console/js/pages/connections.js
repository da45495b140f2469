// Connected accounts (admins; editors see the list): connect an organisation's Facebook pages and Instagram business
// accounts with a system-user token from Meta Business Manager, see each connection's health flags, disconnect.
// The token lives only in the password field while the admin works: it is sent in the request body of discover and
// connect, never shown again, never put in the address, localStorage or sessionStorage, and the field is emptied after
// connecting and when the page is left. API: moderation-service /api/account-connections (docs/platform-connectors.md).
// Below it, the standard direct-message reply of each account per language: the secure channels it points citizens to
// (admins edit them: PUT /api/accounts/{id}/dm-channels) and the text as it is sent (GET /api/accounts/{id}/dm-reply).
import {api, t, el, announce, formatDateTime, hasRole} from '../core.js';
import {ensurePageStyles, errorBox, field, tableBox} from '../page-kit.js';

const COUNTRIES = ['DK', 'SE', 'NO', 'FI'];
const LANGUAGES = ['da', 'sv', 'nb', 'nn', 'en'];
const ZONES = {DK: 'Europe/Copenhagen', SE: 'Europe/Stockholm', NO: 'Europe/Oslo', FI: 'Europe/Helsinki'};
const LANGUAGE_OF = {DK: 'da', SE: 'sv', NO: 'nb', FI: 'sv'};

const CHANNEL_TYPES = ['DIGITAL_POST', 'E_BOKS', 'MINA_MEDDELANDEN', 'KIVRA', 'DIGIPOST', 'EMAIL', 'PHONE', 'WEB_FORM',
  'E_SERVICES', 'CONTACT_CENTRE'];

let tokenField = null;

function flagList(flags) {
  if (!flags || !flags.length) {
    return el('span', {class: 'tv-badge tv-ok', 'data-testid': 'connection-healthy'}, t('connections.flag.none'));
  }
  return el('ul', {class: 'tv-flags', 'data-testid': 'connection-flags'},
    flags.map(f => el('li', {class: 'tv-badge tv-state-PENDING', 'data-flag': f}, t(`connections.flag.${f}`))));
}

function connectedTable(connections, reload, out) {
  if (!connections.length) {
    return el('p', {class: 'muted', 'data-testid': 'connections-empty'}, t('connections.list.empty'));
  }
  const admin = hasRole('admin');
  const cols = ['name', 'platform', 'externalId', 'fields', 'health', 'checkedAt'];
  return tableBox(t('connections.list.caption'), el('table', {class: 'tv-table', 'data-testid': 'connections-table'},
    el('caption', {}, t('connections.list.caption')),
    el('thead', {}, el('tr', {}, cols.map(c => el('th', {scope: 'col'}, t(`connections.col.${c}`))),
      admin ? el('th', {scope: 'col'}, t('connections.col.actions')) : null)),
    el('tbody', {}, connections.map(c => el('tr', {'data-testid': 'connection-row', 'data-account-id': c.accountId},
      el('td', {}, c.name || '—',
        c.platform === 'INSTAGRAM' ? el('p', {class: 'tv-hint'}, t('connections.instagramMentions')) : null),
      el('td', {}, c.platform),
      el('td', {}, el('code', {}, c.externalId)),
      el('td', {}, (c.subscribedFields || []).join(', ') || '—'),
      el('td', {}, flagList(c.flags)),
      el('td', {}, c.checkedAt ? formatDateTime(c.checkedAt) : t('connections.neverChecked')),
      admin ? el('td', {}, disconnectButton(c, reload, out)) : null)))));
}

function disconnectButton(c, reload, out) {
  const button = el('button', {type: 'button', class: 'button danger', 'data-testid': 'connection-disconnect'},
    t('connections.disconnect'));
  button.addEventListener('click', async () => {
    if (!window.confirm(t('connections.disconnectConfirm', {name: c.name || c.externalId}))) {
      return;
    }
    try {
      const d = await api('moderation', `/api/account-connections/${encodeURIComponent(c.accountId)}`,
        {method: 'DELETE'});
      const text = d && d.unsubscribed === false
        ? t('connections.disconnectedNotUnsubscribed', {detail: d.detail || ''})
        : t('connections.disconnected', {name: c.name || c.externalId});
      out.replaceChildren(el('p', {class: 'notice ok', 'data-testid': 'connections-done'}, text));
      announce(text);
      reload();
    } catch (err) {
      out.replaceChildren(errorBox(err, 'connections-error'));
    }
  });
  return button;
}

function reachableList(accounts) {
  if (!accounts.length) {
    return el('p', {class: 'muted', 'data-testid': 'reachable-empty'}, t('connections.reachable.empty'));
  }
  return el('fieldset', {class: 'field', 'data-testid': 'reachable-list'},
    el('legend', {}, t('connections.reachable.legend')),
    accounts.map(a => {
      const box = el('input', {type: 'checkbox', value: `${a.platform}:${a.id}`, 'data-platform': a.platform,
        'data-id': a.id, 'data-testid': 'reachable-choice', disabled: !a.canModerate});
      const notes = [];
      if (a.connectedAccountId) {
        notes.push(t('connections.reachable.connected'));
      }
      if (!a.canModerate) {
        notes.push(t('connections.reachable.cannotModerate'));
      }
      if (a.platform === 'INSTAGRAM') {
        notes.push(t('connections.instagramMentions'));
      }
      return el('label', {class: 'tv-check'}, box, ' ',
        el('strong', {}, a.name || a.id), ` (${a.platform} ${a.id})`,
        notes.length ? el('span', {class: 'tv-hint'}, ' — ' + notes.join(' ')) : null);
    }));
}

function connectForm(reload) {
  const token = el('input', {type: 'password', required: true, maxlength: 1000, autocomplete: 'off',
    spellcheck: 'false', 'data-testid': 'connect-token'});
  tokenField = token;
  const discover = el('button', {type: 'button', class: 'button', 'data-testid': 'connect-discover'},
    t('connections.discover'));
  const found = el('div', {'aria-live': 'polite', 'data-testid': 'reachable'});
  const country = el('select', {'data-testid': 'connect-country'},
    COUNTRIES.map(c => el('option', {value: c}, t(`connections.country.${c}`))));
  const language = el('select', {'data-testid': 'connect-language'},
    LANGUAGES.map(l => el('option', {value: l}, t(`connections.language.${l}`))));
  const zone = el('input', {type: 'text', required: true, maxlength: 64, value: ZONES.DK, autocomplete: 'off',
    'data-testid': 'connect-zone'});
  country.addEventListener('change', () => {
    zone.value = ZONES[country.value];
    language.value = LANGUAGE_OF[country.value];
  });
  const submit = el('button', {type: 'submit', class: 'button primary', disabled: true,
    'data-testid': 'connect-submit'}, t('connections.connect'));
  const out = el('div', {'aria-live': 'polite'});
  discover.addEventListener('click', async () => {
    if (!token.value.trim()) {
      token.reportValidity();
      return;
    }
    try {
      const r = await api('moderation', '/api/account-connections/discover', {method: 'POST',
        body: {systemUserToken: token.value.trim()}});
      found.replaceChildren(reachableList(r.accounts || []));
      submit.disabled = !(r.accounts || []).some(a => a.canModerate);
      out.replaceChildren();
    } catch (err) {
      found.replaceChildren();
      submit.disabled = true;
      out.replaceChildren(errorBox(err, 'connections-error'));
    }
  });
  const form = el('form', {class: 'tv-form', 'data-testid': 'connect-form', autocomplete: 'off'},
    field('connect-f-token', t('connections.token'), token, t('connections.tokenHint')),
    el('div', {class: 'tv-actions'}, discover),
    found,
    el('div', {class: 'tv-grid'},
      field('connect-f-country', t('connections.newAccounts.country'), country),
      field('connect-f-language', t('connections.newAccounts.language'), language),
      field('connect-f-zone', t('connections.newAccounts.zone'), zone)),
    el('p', {class: 'tv-hint'}, t('connections.newAccounts.hint')),
    el('div', {class: 'tv-actions'}, submit));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const chosen = [...found.querySelectorAll('input[data-testid="reachable-choice"]:checked')]
      .map(b => ({platform: b.dataset.platform, id: b.dataset.id}));
    if (!chosen.length) {
      out.replaceChildren(el('p', {class: 'notice error', role: 'alert', 'data-testid': 'connections-error'},
        t('connections.chooseOne')));
      return;
    }
    try {
      const connected = await api('moderation', '/api/account-connections', {method: 'POST',
        body: {systemUserToken: token.value.trim(), accounts: chosen, country: country.value,
          language: language.value, timeZone: zone.value.trim()}});
      token.value = '';
      found.replaceChildren();
      submit.disabled = true;
      const text = t('connections.connected', {count: connected.length});
      out.replaceChildren(el('p', {class: 'notice ok', 'data-testid': 'connections-done'}, text));
      announce(text);
      reload();
    } catch (err) {
      out.replaceChildren(errorBox(err, 'connections-error'));
    }
  });
  return el('section', {class: 'card tv-card', 'aria-labelledby': 'connect-h', 'data-testid': 'connect-section'},
    el('h2', {id: 'connect-h'}, t('connections.connectTitle')),
    el('p', {class: 'muted'}, t('connections.connectIntro')),
    form, out);
}

function channelRow(channel, admin) {
  const type = el('select', {'data-testid': 'dm-channel-type', 'aria-label': t('dm.channelType'), disabled: !admin},
    CHANNEL_TYPES.map(c => el('option', {value: c, selected: c === channel.type}, t(`dm.type.${c}`))));
  const address = el('input', {type: 'text', maxlength: 300, value: channel.address || '', autocomplete: 'off',
    'data-testid': 'dm-channel-address', 'aria-label': t('dm.address'), placeholder: t('dm.addressHint'),
    readonly: !admin});
  const row = el('li', {class: 'tv-row', 'data-testid': 'dm-channel'}, type, ' ', address);
  if (admin) {
    const remove = el('button', {type: 'button', class: 'button', 'data-testid': 'dm-channel-remove'}, t('dm.remove'));
    remove.addEventListener('click', () => row.remove());
    row.append(' ', remove);
  }
  return row;
}

function dmRepliesSection(accounts) {
  const admin = hasRole('admin');
  const moderated = accounts.filter(a => a.platform === 'FACEBOOK' || a.platform === 'INSTAGRAM');
  const account = el('select', {'data-testid': 'dm-account'},
    moderated.map(a => el('option', {value: a.id}, `${a.name} (${a.platform})`)));
  const language = el('select', {'data-testid': 'dm-language'},
    LANGUAGES.map(l => el('option', {value: l}, t(`connections.language.${l}`))));
  const list = el('ol', {class: 'tv-list', 'data-testid': 'dm-channels'});
  const source = el('p', {class: 'tv-hint', 'data-testid': 'dm-source'});
  const preview = el('pre', {class: 'tv-preview', 'data-testid': 'dm-preview'});
  const out = el('div', {'aria-live': 'polite'});
  const byId = id => moderated.find(a => a.id === id);
  const load = async () => {
    const a = byId(account.value);
    if (!a) {
      return;
    }
    try {
      const r = await api('moderation',
        `/api/accounts/${encodeURIComponent(a.id)}/dm-reply?language=${encodeURIComponent(language.value)}`);
      const own = (a.dmChannels || {})[language.value] || [];
      list.replaceChildren(...own.map(c => channelRow(c, admin)));
      source.textContent = r.own ? t('dm.own') : t('dm.defaults', {channels: r.channels.map(c => t(`dm.type.${c.type}`))
        .join(', ')});
      preview.textContent = r.text;
      out.replaceChildren();
    } catch (err) {
      out.replaceChildren(errorBox(err, 'dm-error'));
    }
  };
  account.addEventListener('change', load);
  language.addEventListener('change', load);
  const form = el('form', {class: 'tv-form', 'data-testid': 'dm-form', autocomplete: 'off'},
    el('div', {class: 'tv-grid'},
      field('dm-f-account', t('dm.account'), account),
      field('dm-f-language', t('dm.language'), language)),
    el('h3', {}, t('dm.channels')), list, source);
  if (admin) {
    const add = el('button', {type: 'button', class: 'button', 'data-testid': 'dm-channel-add'}, t('dm.add'));
    add.addEventListener('click', () => {
      const row = channelRow({type: 'EMAIL', address: ''}, true);
      list.append(row);
      row.querySelector('select').focus();
    });
    const save = el('button', {type: 'submit', class: 'button primary', 'data-testid': 'dm-save'}, t('dm.save'));
    form.append(el('p', {class: 'tv-hint'}, t('dm.hint')), el('div', {class: 'tv-actions'}, add, ' ', save));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const a = byId(account.value);
      const table = {...(a.dmChannels || {})};
      const rows = [...list.querySelectorAll('li[data-testid="dm-channel"]')].map(li => ({
        type: li.querySelector('select').value,
        address: li.querySelector('input').value.trim() || null}));
      if (rows.length) {
        table[language.value] = rows;
      } else {
        delete table[language.value]; // no channels of its own: the defaults apply
      }
      try {
        const updated = await api('moderation', `/api/accounts/${encodeURIComponent(a.id)}/dm-channels`,
          {method: 'PUT', body: {channels: table}});
        a.dmChannels = updated.dmChannels;
        await load();
        const text = t('dm.saved', {name: a.name});
        out.replaceChildren(el('p', {class: 'notice ok', 'data-testid': 'dm-done'}, text));
        announce(text);
      } catch (err) {
        out.replaceChildren(errorBox(err, 'dm-error'));
      }
    });
  }
  const section = el('section', {class: 'card tv-card', 'aria-labelledby': 'dm-h', 'data-testid': 'dm-section'},
    el('h2', {id: 'dm-h'}, t('dm.title')),
    el('p', {class: 'muted'}, t('dm.intro')),
    moderated.length ? form : el('p', {class: 'muted', 'data-testid': 'dm-empty'}, t('dm.empty')),
    moderated.length ? el('h3', {}, t('dm.preview')) : null,
    moderated.length ? preview : null,
    out);
  load();
  return section;
}

async function render(root) {
  const list = el('div', {'aria-live': 'polite', 'data-testid': 'connections-list'});
  const out = el('div', {'aria-live': 'polite'});
  const dm = el('div', {'data-testid': 'dm-replies'});
  const reload = async () => {
    try {
      list.replaceChildren(connectedTable(await api('moderation', '/api/account-connections'), reload, out));
    } catch (err) {
      list.replaceChildren(errorBox(err, 'connections-error'));
    }
  };
  let check = null;
  if (hasRole('admin')) {
    check = el('button', {type: 'button', class: 'button', 'data-testid': 'connections-check'},
      t('connections.checkNow'));
    check.addEventListener('click', async () => {
      try {
        list.replaceChildren(connectedTable(
          await api('moderation', '/api/account-connections/health-check', {method: 'POST'}), reload, out));
        announce(t('connections.checked'));
      } catch (err) {
        out.replaceChildren(errorBox(err, 'connections-error'));
      }
    });
  }
  root.replaceChildren(el('div', {'data-testid': 'connections-page'},
    el('h1', {}, t('connections.title')),
    el('section', {class: 'card tv-card', 'aria-labelledby': 'connections-h'},
      el('h2', {id: 'connections-h'}, t('connections.list.title')),
      el('p', {class: 'muted'}, t('connections.list.intro')),
      list, check ? el('div', {class: 'tv-actions'}, check) : null, out),
    hasRole('admin') ? connectForm(reload) : null,
    dm));
  await reload();
  try {
    dm.replaceChildren(dmRepliesSection(await api('moderation', '/api/accounts')));
  } catch (err) {
    dm.replaceChildren(errorBox(err, 'dm-error'));
  }
}

export default {
  id: 'connections',
  route: '#/connections',
  roles: ['admin', 'editor'],
  navKey: 'nav.connections',
  render(root) {
    ensurePageStyles();
    return render(root);
  },
  dispose() {
    if (tokenField) {
      tokenField.value = '';
      tokenField = null;
    }
  },
};
