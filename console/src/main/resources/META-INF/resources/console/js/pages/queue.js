// The queue: cases waiting for a decision, most urgent first, with filters kept in the address, paging, live updates
// (server-sent events) and keyboard shortcuts, so a moderator works through it without the mouse.
import {api, el, t, announce, formatDateTime, formatDuration, hasRole, languages} from '../core.js';
import {openStream} from '../live.js';
import {LABELS, decide, confirmDelete, failureText, isTyping, showShortcuts} from '../decide.js';

const PAGE_SIZE = 25;
const STATES = ['PENDING_REVIEW', 'CLASSIFIED', 'HIDDEN', 'ARCHIVING', 'ARCHIVED', 'APPROVED', 'REPLIED', 'DELETED'];
const SEVERE = ['THREAT', 'HATE', 'VIOLENCE', 'CRIME'];

let state = null; // the page's state while it is shown

function filtersFrom(query) {
  return {
    account: query.get('account') || '',
    label: query.get('label') || '',
    state: query.get('state') || 'waiting',
    language: query.get('language') || '',
    sort: query.get('sort') || 'urgency',
    page: Math.max(0, parseInt(query.get('page') || '0', 10) || 0),
  };
}

function queryOf(f) {
  const q = new URLSearchParams();
  if (f.account) { q.set('account', f.account); }
  if (f.label) { q.set('label', f.label); }
  if (f.state !== 'waiting') { q.set('state', f.state); }
  if (f.language) { q.set('language', f.language); }
  if (f.sort !== 'urgency') { q.set('sort', f.sort); }
  if (f.page) { q.set('page', String(f.page)); }
  return q;
}

/** Keeps the filters in the address (without a new history entry per change), so a reload or a link keeps them. */
function writeAddress() {
  const q = queryOf(state.filters).toString();
  const hash = `#/queue${q ? `?${q}` : ''}`;
  if (location.hash !== hash) {
    history.replaceState(null, '', hash);
  }
}

function apiPath(f) {
  const q = new URLSearchParams({page: String(f.page), size: String(PAGE_SIZE), sort: f.sort});
  if (f.state === 'waiting') { q.set('waiting', 'true'); } else if (f.state) { q.set('state', f.state); }
  if (f.account) { q.set('account', f.account); }
  if (f.label) { q.set('label', f.label); }
  if (f.language) { q.set('language', f.language); }
  return `/api/cases?${q}`;
}

async function load({fromLive = false} = {}) {
  const s = state;
  const token = (s.loadToken = (s.loadToken || 0) + 1);
  try {
    const [page, deadlines] = await Promise.all([
      api('moderation', apiPath(s.filters)),
      api('notifier', '/api/deadlines?state=open&size=200').catch(() => null),
    ]);
    if (state !== s || token !== s.loadToken) {
      return; // a newer load or another page took over
    }
    const before = new Set(s.items.map(c => c.id));
    s.items = page.items;
    s.hasMore = page.hasMore;
    s.deadlines = new Map((deadlines || []).map(d => [d.caseId, d]));
    s.deadlinesFailed = deadlines === null;
    s.error = null;
    const fresh = fromLive ? s.items.filter(c => !before.has(c.id)) : [];
    s.fresh = new Set(fresh.map(c => c.id));
    if (s.selectedId && !s.items.some(c => c.id === s.selectedId)) {
      s.selectedId = null;
    }
    if (!s.selectedId && s.items.length) {
      s.selectedId = s.items[Math.min(s.selectedIndexHint || 0, s.items.length - 1)].id;
    }
    // Redrawing replaces the rows: a keyboard user working in the table keeps the focus, on the selected case.
    const focusInTable = s.tbody.contains(document.activeElement);
    drawRows();
    if (focusInTable && s.selectedId) {
      select(s.selectedId, true);
    }
    if (fresh.length) {
      const threat = fresh.some(c => (c.labels || []).includes('THREAT'));
      announce(t(threat ? 'queue.live.newThreat' : 'queue.live.new', {count: fresh.length}));
    }
  } catch (e) {
    if (state !== s) {
      return;
    }
    s.error = e.message;
    drawRows();
  }
}

function scheduleReload() {
  clearTimeout(state.reloadTimer);
  state.reloadTimer = setTimeout(() => load({fromLive: true}), 250);
}

function deadlineCell(c) {
  const d = state.deadlines.get(c.id);
  if (!d) {
    return el('span', {class: 'muted'}, state.deadlinesFailed ? '?' : '–');
  }
  const seconds = (new Date(d.dueAt).getTime() - Date.now()) / 1000;
  const overdue = seconds < 0;
  const soon = !overdue && seconds < 3 * 3600;
  return el('span', {class: ['due', overdue && 'overdue', soon && 'soon'], title: formatDateTime(d.dueAt)},
    overdue ? t('queue.due.overdue', {time: formatDuration(seconds)}) : t('queue.due.in', {time: formatDuration(seconds)}));
}

function chips(c) {
  return el('div', {class: 'chips'},
    (c.labels || []).map(l => el('span', {class: ['chip', 'label', SEVERE.includes(l) && 'severe']}, t(`label.${l}`))),
    (c.intents || []).map(i => el('span', {class: 'chip intent'}, t(`intent.${i}`))),
    c.platformLimit ? el('span', {class: 'chip limit', 'data-testid': 'platform-limit-chip',
      title: t(`limit.${c.platformLimit}.long`)}, t(`limit.${c.platformLimit}`)) : null);
}

function accountName(id) {
  const a = state.accounts.find(x => x.id === id);
  return a ? a.name : '';
}

function drawRows() {
  const s = state;
  const body = s.tbody;
  if (!body) {
    return;
  }
  s.status.replaceChildren();
  if (s.error) {
    s.status.append(el('p', {class: 'notice error', role: 'alert'}, t('app.error', {detail: s.error}), ' ',
      el('button', {type: 'button', class: 'button', onclick: () => load()}, t('app.retry'))));
  }
  if (s.notice) {
    s.status.append(s.notice);
  }
  body.replaceChildren(...s.items.map((c, i) => {
    const selected = c.id === s.selectedId;
    const open = el('a', {href: `#/case/${c.id}`, 'data-testid': 'queue-open', tabindex: selected ? '0' : '-1'},
      c.excerpt || t('queue.noText'));
    return el('tr', {'data-case-id': c.id, 'data-testid': 'queue-row', tabindex: '-1',
      'aria-current': selected ? 'true' : null, class: s.fresh && s.fresh.has(c.id) ? 'fresh' : null,
      onclick: e => { if (e.target.tagName !== 'A') { select(c.id, true); } }},
    el('td', {}, el('div', {class: 'excerpt'}, open), chips(c)),
    el('td', {class: 'small'}, accountName(c.accountId), el('div', {class: 'muted'},
      c.language ? t(`language.${c.language}`) : t('language.unknown'))),
    el('td', {class: 'small'}, el('span', {class: 'chip state'}, t(`state.${c.state}`)),
      c.escalatedAt ? el('div', {class: 'small muted'}, t('queue.escalated')) : null),
    el('td', {class: 'small'}, el('time', {datetime: c.receivedAt}, formatDateTime(c.receivedAt))),
    el('td', {class: 'small'}, deadlineCell(c)));
  }));
  s.empty.hidden = s.items.length > 0 || !!s.error;
  s.count.textContent = s.items.length
    ? t(s.items.length === 1 ? 'queue.count.one' : 'queue.count', {count: s.items.length, page: s.filters.page + 1}) : '';
  s.table.dataset.loaded = 'true';
  s.prev.disabled = s.filters.page === 0;
  s.next.disabled = !s.hasMore;
  s.pager.hidden = s.filters.page === 0 && !s.hasMore; // one page: nothing to page through
}

function select(id, focus) {
  const s = state;
  s.selectedId = id;
  s.selectedIndexHint = s.items.findIndex(c => c.id === id);
  s.tbody.querySelectorAll('tr').forEach(tr => {
    const on = tr.dataset.caseId === id;
    tr.toggleAttribute('aria-current', on);
    if (on) { tr.setAttribute('aria-current', 'true'); }
    const link = tr.querySelector('a');
    if (link) { link.tabIndex = on ? 0 : -1; }
    if (on && focus) {
      tr.focus();
      tr.scrollIntoView({block: 'nearest'});
    }
  });
}

function selected() {
  return state.items.find(c => c.id === state.selectedId) || null;
}

function move(delta) {
  const s = state;
  if (!s.items.length) {
    return;
  }
  const i = s.items.findIndex(c => c.id === s.selectedId);
  const row = i < 0 ? null : s.tbody.querySelector(`tr[data-case-id="${s.selectedId}"]`);
  if (row && !row.contains(document.activeElement)) {
    select(s.selectedId, true); // the first key press brings the focus to the selected case without skipping it
    return;
  }
  const next = Math.max(0, Math.min(s.items.length - 1, (i < 0 ? 0 : i + delta)));
  select(s.items[next].id, true);
}

async function act(decision) {
  const c = selected();
  if (!c) {
    return;
  }
  let options = {};
  if (decision === 'DELETE') {
    options = await confirmDelete(c);
    if (!options) {
      return;
    }
  }
  try {
    await decide(c, decision, options);
    const index = state.items.findIndex(x => x.id === c.id);
    state.items = state.items.filter(x => x.id !== c.id);
    state.selectedId = state.items.length ? state.items[Math.min(index, state.items.length - 1)].id : null;
    state.notice = null;
    drawRows();
    if (state.selectedId) {
      select(state.selectedId, true);
    }
    announce(t(`decide.done.${decision}`));
    scheduleReload();
  } catch (e) {
    state.notice = el('p', {class: 'notice error', role: 'alert', 'data-testid': 'decision-error'}, failureText(e), ' ',
      el('button', {type: 'button', class: 'button', onclick: () => { state.notice = null; load(); }}, t('decide.reload')));
    drawRows();
  }
}

function onKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event) || !state) {
    return;
  }
  const c = selected();
  const map = {
    j: () => move(1),
    k: () => move(-1),
    Enter: () => { if (c && event.target.tagName !== 'A') { location.hash = `#/case/${c.id}`; } },
    a: () => act('APPROVE'),
    h: () => act('HIDE'),
    d: () => act('DELETE'),
    r: () => { if (c) { location.hash = `#/case/${c.id}?reply=1`; } },
    '?': () => showShortcuts(),
  };
  const handler = map[event.key];
  if (handler) {
    if (event.key === 'Enter' && event.target.tagName === 'A') {
      return; // the link opens the case itself
    }
    event.preventDefault();
    handler();
  }
}

function filterForm() {
  const f = state.filters;
  const change = key => e => {
    state.filters = {...state.filters, [key]: e.target.value, page: 0};
    writeAddress();
    load();
  };
  const select = (id, key, label, options) => el('div', {class: 'field'},
    el('label', {for: id}, label),
    el('select', {id, 'data-testid': id, onchange: change(key)},
      options.map(([value, text]) => el('option', {value, selected: value === f[key]}, text))));
  return el('form', {class: 'filters card', role: 'search', 'aria-label': t('queue.filters'),
    onsubmit: e => e.preventDefault()},
  select('filter-state', 'state', t('queue.filter.state'),
    [['waiting', t('queue.filter.waiting')], ['', t('queue.filter.allStates')],
      ...STATES.map(s => [s, t(`state.${s}`)])]),
  select('filter-label', 'label', t('queue.filter.label'),
    [['', t('queue.filter.allLabels')], ...LABELS.map(l => [l, t(`label.${l}`)])]),
  select('filter-account', 'account', t('queue.filter.account'),
    [['', t('queue.filter.allAccounts')], ...state.accounts.map(a => [a.id, a.name])]),
  select('filter-language', 'language', t('queue.filter.language'),
    [['', t('queue.filter.allLanguages')], ...languages.map(l => [l, t(`language.${l}`)])]),
  select('filter-sort', 'sort', t('queue.filter.sort'),
    [['urgency', t('queue.sort.urgency')], ['newest', t('queue.sort.newest')]]));
}

function liveStatus(status) {
  if (!state) {
    return;
  }
  const text = {connecting: t('queue.live.connecting'), open: t('queue.live.on'), retrying: t('queue.live.retrying')}[status];
  state.live.className = `live ${status === 'open' ? 'on' : status === 'retrying' ? 'off' : ''}`;
  state.live.dataset.status = status;
  state.liveText.textContent = text;
  if (status === 'open' && state.wasDown) {
    load({fromLive: true}); // catch up on what happened while the stream was down
  }
  state.wasDown = status === 'retrying';
}

export default {
  id: 'queue',
  route: '#/queue',
  roles: ['moderator', 'editor', 'admin'],
  navKey: 'nav.queue',
  messages: {
    da: {
      'queue.title': 'Kø', 'queue.filters': 'Filtre',
      'queue.filter.state': 'Tilstand', 'queue.filter.waiting': 'Afventer afgørelse', 'queue.filter.allStates': 'Alle tilstande',
      'queue.filter.label': 'Kategori', 'queue.filter.allLabels': 'Alle kategorier',
      'queue.filter.account': 'Konto', 'queue.filter.allAccounts': 'Alle konti',
      'queue.filter.language': 'Sprog', 'queue.filter.allLanguages': 'Alle sprog',
      'queue.filter.sort': 'Rækkefølge', 'queue.sort.urgency': 'Mest presserende først', 'queue.sort.newest': 'Nyeste først',
      'queue.col.comment': 'Kommentar', 'queue.col.account': 'Konto og sprog', 'queue.col.state': 'Tilstand',
      'queue.col.received': 'Modtaget', 'queue.col.deadline': 'Svarfrist',
      'queue.caption': 'Sager, mest presserende først. Vælg med j og k, åbn med Enter; ? viser alle genveje.',
      'queue.due.in': 'om {time}', 'queue.due.overdue': 'overskredet med {time}',
      'queue.empty': 'Ingen sager her. Nye sager dukker op af sig selv.',
      'queue.count': '{count} sager på side {page}', 'queue.count.one': '1 sag på side {page}', 'queue.previous': 'Forrige side', 'queue.next': 'Næste side',
      'queue.noText': '(ingen tekst)', 'queue.escalated': 'Eskaleret',
      'queue.live.on': 'Live', 'queue.live.connecting': 'Forbinder …', 'queue.live.retrying': 'Forbindelsen er afbrudt – prøver igen',
      'queue.live.new': 'Ny sag i køen ({count}).', 'queue.live.newThreat': 'Ny sag med en trussel i køen ({count}).',
      'queue.shortcuts': 'Genveje', 'queue.paging': 'Sider',
    },
    sv: {
      'queue.title': 'Kö', 'queue.filters': 'Filter',
      'queue.filter.state': 'Status', 'queue.filter.waiting': 'Väntar på beslut', 'queue.filter.allStates': 'Alla statusar',
      'queue.filter.label': 'Kategori', 'queue.filter.allLabels': 'Alla kategorier',
      'queue.filter.account': 'Konto', 'queue.filter.allAccounts': 'Alla konton',
      'queue.filter.language': 'Språk', 'queue.filter.allLanguages': 'Alla språk',
      'queue.filter.sort': 'Ordning', 'queue.sort.urgency': 'Mest brådskande först', 'queue.sort.newest': 'Nyaste först',
      'queue.col.comment': 'Kommentar', 'queue.col.account': 'Konto och språk', 'queue.col.state': 'Status',
      'queue.col.received': 'Mottagen', 'queue.col.deadline': 'Svarstid',
      'queue.caption': 'Ärenden, mest brådskande först. Välj med j och k, öppna med Enter; ? visar alla kortkommandon.',
      'queue.due.in': 'om {time}', 'queue.due.overdue': 'försenad {time}',
      'queue.empty': 'Inga ärenden här. Nya ärenden dyker upp av sig själva.',
      'queue.count': '{count} ärenden på sida {page}', 'queue.count.one': '1 ärende på sida {page}', 'queue.previous': 'Föregående sida', 'queue.next': 'Nästa sida',
      'queue.noText': '(ingen text)', 'queue.escalated': 'Eskalerad',
      'queue.live.on': 'Live', 'queue.live.connecting': 'Ansluter …', 'queue.live.retrying': 'Anslutningen bröts – försöker igen',
      'queue.live.new': 'Nytt ärende i kön ({count}).', 'queue.live.newThreat': 'Nytt ärende med ett hot i kön ({count}).',
      'queue.shortcuts': 'Kortkommandon', 'queue.paging': 'Sidor',
    },
    nb: {
      'queue.title': 'Kø', 'queue.filters': 'Filtre',
      'queue.filter.state': 'Status', 'queue.filter.waiting': 'Venter på avgjørelse', 'queue.filter.allStates': 'Alle statuser',
      'queue.filter.label': 'Kategori', 'queue.filter.allLabels': 'Alle kategorier',
      'queue.filter.account': 'Konto', 'queue.filter.allAccounts': 'Alle kontoer',
      'queue.filter.language': 'Språk', 'queue.filter.allLanguages': 'Alle språk',
      'queue.filter.sort': 'Rekkefølge', 'queue.sort.urgency': 'Mest presserende først', 'queue.sort.newest': 'Nyeste først',
      'queue.col.comment': 'Kommentar', 'queue.col.account': 'Konto og språk', 'queue.col.state': 'Status',
      'queue.col.received': 'Mottatt', 'queue.col.deadline': 'Svarfrist',
      'queue.caption': 'Saker, mest presserende først. Velg med j og k, åpne med Enter; ? viser alle hurtigtaster.',
      'queue.due.in': 'om {time}', 'queue.due.overdue': 'overskredet med {time}',
      'queue.empty': 'Ingen saker her. Nye saker dukker opp av seg selv.',
      'queue.count': '{count} saker på side {page}', 'queue.count.one': '1 sak på side {page}', 'queue.previous': 'Forrige side', 'queue.next': 'Neste side',
      'queue.noText': '(ingen tekst)', 'queue.escalated': 'Eskalert',
      'queue.live.on': 'Direkte', 'queue.live.connecting': 'Kobler til …', 'queue.live.retrying': 'Forbindelsen er brutt – prøver igjen',
      'queue.live.new': 'Ny sak i køen ({count}).', 'queue.live.newThreat': 'Ny sak med en trussel i køen ({count}).',
      'queue.shortcuts': 'Hurtigtaster', 'queue.paging': 'Sider',
    },
    nn: {
      'queue.title': 'Kø', 'queue.filters': 'Filter',
      'queue.filter.state': 'Status', 'queue.filter.waiting': 'Ventar på avgjerd', 'queue.filter.allStates': 'Alle statusar',
      'queue.filter.label': 'Kategori', 'queue.filter.allLabels': 'Alle kategoriar',
      'queue.filter.account': 'Konto', 'queue.filter.allAccounts': 'Alle kontoar',
      'queue.filter.language': 'Språk', 'queue.filter.allLanguages': 'Alle språk',
      'queue.filter.sort': 'Rekkjefølgje', 'queue.sort.urgency': 'Mest pressande først', 'queue.sort.newest': 'Nyaste først',
      'queue.col.comment': 'Kommentar', 'queue.col.account': 'Konto og språk', 'queue.col.state': 'Status',
      'queue.col.received': 'Motteken', 'queue.col.deadline': 'Svarfrist',
      'queue.caption': 'Saker, mest pressande først. Vel med j og k, opne med Enter; ? viser alle snøggtastar.',
      'queue.due.in': 'om {time}', 'queue.due.overdue': 'overskriden med {time}',
      'queue.empty': 'Ingen saker her. Nye saker dukkar opp av seg sjølv.',
      'queue.count': '{count} saker på side {page}', 'queue.count.one': '1 sak på side {page}', 'queue.previous': 'Førre side', 'queue.next': 'Neste side',
      'queue.noText': '(ingen tekst)', 'queue.escalated': 'Eskalert',
      'queue.live.on': 'Direkte', 'queue.live.connecting': 'Koplar til …', 'queue.live.retrying': 'Sambandet er brote – prøver igjen',
      'queue.live.new': 'Ny sak i køen ({count}).', 'queue.live.newThreat': 'Ny sak med ei truging i køen ({count}).',
      'queue.shortcuts': 'Snøggtastar', 'queue.paging': 'Sider',
    },
    en: {
      'queue.title': 'Queue', 'queue.filters': 'Filters',
      'queue.filter.state': 'State', 'queue.filter.waiting': 'Waiting for a decision', 'queue.filter.allStates': 'All states',
      'queue.filter.label': 'Category', 'queue.filter.allLabels': 'All categories',
      'queue.filter.account': 'Account', 'queue.filter.allAccounts': 'All accounts',
      'queue.filter.language': 'Language', 'queue.filter.allLanguages': 'All languages',
      'queue.filter.sort': 'Order', 'queue.sort.urgency': 'Most urgent first', 'queue.sort.newest': 'Newest first',
      'queue.col.comment': 'Comment', 'queue.col.account': 'Account and language', 'queue.col.state': 'State',
      'queue.col.received': 'Received', 'queue.col.deadline': 'Reply due',
      'queue.caption': 'Cases, most urgent first. Select with j and k, open with Enter; ? shows every shortcut.',
      'queue.due.in': 'in {time}', 'queue.due.overdue': 'overdue by {time}',
      'queue.empty': 'No cases here. New cases appear by themselves.',
      'queue.count': '{count} cases on page {page}', 'queue.count.one': '1 case on page {page}', 'queue.previous': 'Previous page', 'queue.next': 'Next page',
      'queue.noText': '(no text)', 'queue.escalated': 'Escalated',
      'queue.live.on': 'Live', 'queue.live.connecting': 'Connecting …', 'queue.live.retrying': 'Connection lost – retrying',
      'queue.live.new': 'New in the queue: {count}.', 'queue.live.newThreat': 'New in the queue, with a threat: {count}.',
      'queue.shortcuts': 'Shortcuts', 'queue.paging': 'Pages',
    },
  },

  async render(root, params) {
    state = {filters: filtersFrom(params.query), items: [], deadlines: new Map(), accounts: [], hasMore: false,
      selectedId: null, notice: null};
    const s = state;
    s.liveText = el('span', {}, t('queue.live.connecting'));
    s.live = el('span', {class: 'live', 'data-testid': 'live-status', 'data-status': 'connecting'},
      el('span', {class: 'dot', 'aria-hidden': 'true'}), s.liveText);
    s.count = el('span', {class: 'muted small', 'data-testid': 'queue-count'});
    s.status = el('div', {'data-testid': 'queue-status'});
    s.tbody = el('tbody', {'data-testid': 'queue-rows'});
    s.empty = el('p', {class: 'empty', 'data-testid': 'queue-empty', hidden: true}, t('queue.empty'));
    const page = delta => () => {
      s.filters = {...s.filters, page: Math.max(0, s.filters.page + delta)};
      writeAddress();
      load();
    };
    s.prev = el('button', {type: 'button', class: 'button', 'data-testid': 'queue-previous', onclick: page(-1)},
      t('queue.previous'));
    s.next = el('button', {type: 'button', class: 'button', 'data-testid': 'queue-next', onclick: page(1)},
      t('queue.next'));
    s.filtersSlot = el('div', {});
    root.replaceChildren(
      el('div', {class: 'page-head'},
        el('h1', {id: 'page-title', tabindex: '-1'}, t('queue.title')), s.live, s.count,
        el('button', {type: 'button', class: 'button quiet push-right', 'data-testid': 'shortcuts-button',
          'aria-keyshortcuts': '?', onclick: () => showShortcuts()}, t('queue.shortcuts'), el('kbd', {}, '?'))),
      s.filtersSlot, s.status,
      (s.table = el('table', {class: 'queue-table', 'data-testid': 'queue-table'},
        el('caption', {class: 'visually-hidden'}, t('queue.caption')),
        el('thead', {}, el('tr', {},
          el('th', {scope: 'col'}, t('queue.col.comment')), el('th', {scope: 'col'}, t('queue.col.account')),
          el('th', {scope: 'col'}, t('queue.col.state')), el('th', {scope: 'col'}, t('queue.col.received')),
          el('th', {scope: 'col'}, t('queue.col.deadline')))),
        s.tbody)),
      s.empty,
      (s.pager = el('nav', {class: 'pager', 'aria-label': t('queue.paging')}, s.prev, s.next)));
    // The page heading is not a control: the shortcut listener is on the document, and removed in dispose().
    document.addEventListener('keydown', onKey);
    s.stream = openStream('/api/cases/stream', event => {
      if (event.type !== 'READY' && event.type !== 'HEARTBEAT' && state === s) {
        scheduleReload();
      }
    }, liveStatus);
    s.ticker = setInterval(() => { if (state === s) { refresh(); } }, 30000);
    try {
      s.accounts = await api('moderation', '/api/accounts');
    } catch (e) {
      s.accounts = [];
    }
    if (state !== s) {
      return;
    }
    s.filtersSlot.replaceChildren(filterForm());
    await load();
    if (state === s && hasRole('moderator', 'editor', 'admin') && s.selectedId) {
      select(s.selectedId, false);
    }
  },

  dispose() {
    if (!state) {
      return;
    }
    document.removeEventListener('keydown', onKey);
    if (state.stream) {
      state.stream.close();
    }
    clearInterval(state.ticker);
    clearTimeout(state.reloadTimer);
    state = null;
  },
};

async function refresh() {
  // Deadlines count down, and a question's deadline reaches the notifier a moment after its case: every half minute
  // the page is read again (one page of cases and the open deadlines), keeping the focus where it was.
  const focusedRow = document.activeElement && document.activeElement.closest && document.activeElement.closest('tr');
  const focusedId = focusedRow && focusedRow.dataset.caseId;
  await load();
  if (state && focusedId && state.items.some(c => c.id === focusedId)) {
    select(focusedId, true);
  }
}
