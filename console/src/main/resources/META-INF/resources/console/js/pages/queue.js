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
