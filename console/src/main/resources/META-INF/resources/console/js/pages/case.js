// One case: the comment in its thread with the triggering spans marked and the reasons in words, the sender and their
// earlier cases on the account, the reply deadline counting down, the decisions, a reply composer with the account's
// canned replies in the comment's language, and the audit trail (for editors and administrators, who may read it).
import {api, el, t, announce, formatDateTime, formatDuration, hasRole, ApiError} from '../core.js';
import {LABELS, decide, confirmDelete, failureText, isTyping, showShortcuts, reasonText, defaultReason} from '../decide.js';

const SEVERE = ['THREAT', 'HATE', 'VIOLENCE', 'CRIME'];
let state = null;

/**
 * The comment's text with the spans that triggered its labels in <mark>, each naming its label(s) in words (not by
 * colour only). Overlapping spans are cut at their boundaries, so every stretch of text names every label covering it.
 * Intents (a question, a complaint) are explained in words below, not marked.
 */
function markedText(text, explanations, labels) {
  const spans = (explanations || []).filter(x => (labels || []).includes(x.label)
    && x.start >= 0 && x.end <= text.length && x.start < x.end);
  const cuts = [...new Set([0, text.length, ...spans.flatMap(x => [x.start, x.end])])].sort((a, b) => a - b);
  const runs = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    const covering = [...new Set(spans.filter(x => x.start <= from && x.end >= to).map(x => x.label))].sort();
    const last = runs[runs.length - 1];
    if (last && last.labels.join() === covering.join()) {
      last.to = to;
    } else {
      runs.push({from, to, labels: covering});
    }
  }
  return runs.map(r => (r.labels.length
    ? el('mark', {'data-testid': 'span-mark', 'data-label': r.labels.join(' ')}, text.slice(r.from, r.to),
      el('span', {class: 'mark-label'}, `(${r.labels.map(l => t(`label.${l}`)).join(', ')})`))
    : text.slice(r.from, r.to)));
}

function platformName(platform) {
  return {FACEBOOK: 'Facebook', INSTAGRAM: 'Instagram'}[platform] || platform;
}

function percent(score) {
  return score === null || score === undefined ? '' : ` · ${Math.round(score * 100)} %`;
}

function reasonsList(c) {
  const items = [];
  for (const label of c.labels || []) {
    const hits = (c.explanations || []).filter(x => x.label === label && x.excerpt);
    items.push(el('li', {'data-testid': 'reason', 'data-label': label},
      el('strong', {}, t(`label.${label}`)), percent(c.scores && c.scores[label]), ': ',
      t(`case.reason.${LABELS.includes(label) ? label : 'OTHER'}`),
      hits.length ? el('span', {class: 'muted'}, ' ', t('case.reason.words', {words: hits.map(h => `“${h.excerpt}”`).join(', ')})) : null));
  }
  for (const intent of c.intents || []) {
    items.push(el('li', {'data-testid': 'reason', 'data-intent': intent},
      el('strong', {}, t(`intent.${intent}`)), ': ', t(`case.intent.${intent}`)));
  }
  return items.length ? el('ul', {class: 'reasons'}, items) : el('p', {class: 'muted'}, t('case.reason.none'));
}

function deadlineBlock() {
  const d = state.deadline;
  if (state.deadlineError) {
    return el('p', {class: 'muted'}, t('case.deadline.unknown'));
  }
  if (!d && (state.case.intents || []).includes('QUESTION')) {
    return el('p', {class: 'muted', 'data-testid': 'deadline-pending'}, t('case.deadline.pending'));
  }
  if (!d) {
    return el('p', {class: 'muted', 'data-testid': 'deadline-none'}, t('case.deadline.none'));
  }
  if (d.state !== 'OPEN') {
    return el('p', {'data-testid': 'deadline-closed'}, t('case.deadline.closed', {state: d.state.toLowerCase()}), ' ',
      el('span', {class: 'muted'}, formatDateTime(d.closedAt || d.dueAt)));
  }
  const seconds = (new Date(d.dueAt).getTime() - Date.now()) / 1000;
  const overdue = seconds < 0;
  return el('div', {'data-testid': 'deadline-open'},
    el('p', {class: ['countdown', overdue && 'overdue', !overdue && seconds < 3 * 3600 && 'soon'], 'data-testid': 'countdown'},
      overdue ? t('case.deadline.overdue', {time: formatDuration(seconds)}) : t('case.deadline.left', {time: formatDuration(seconds)})),
    el('p', {class: 'small muted'}, t('case.deadline.due', {time: formatDateTime(d.dueAt)})));
}

function section(id, title, ...content) {
  return el('section', {class: 'card', 'aria-labelledby': `${id}-title`, 'data-testid': `case-${id}`},
    el('h2', {id: `${id}-title`}, title), ...content);
}

function decisionPanel(c) {
  if (!hasRole('moderator', 'editor', 'admin')) {
    return null;
  }
  const reasons = [...new Set([...(c.labels || []), 'NO_VIOLATION', ...LABELS, 'OTHER'])];
  const reason = el('select', {id: 'decision-reason', 'data-testid': 'decision-reason'},
    reasons.map(r => el('option', {value: r, selected: r === defaultReason(c, 'HIDE')}, reasonText(r))));
  const note = el('textarea', {id: 'decision-note', class: 'short', rows: '2', maxlength: '2000', 'data-testid': 'decision-note'});
  state.reasonSelect = reason;
  state.noteInput = note;
  const final = ['DELETED', 'ARCHIVING'].includes(c.state);
  // A platform limit (a caption mention on another account's media): hiding and deleting are not ours to do.
  const barred = decision => !!c.platformLimit && ['HIDE', 'DELETE'].includes(decision);
  const button = (decision, cls, key) => el('button', {type: 'button', class: ['button', cls],
    'data-testid': `decide-${decision.toLowerCase()}`, disabled: final || barred(decision),
    'aria-keyshortcuts': key || null,
    onclick: () => act(decision)}, t(`decide.${decision}`), key ? el('kbd', {'aria-hidden': 'true'}, key) : null);
  return section('decision', t('case.decision'),
    el('div', {class: 'field'}, el('label', {for: 'decision-reason'}, t('decide.reason')), reason),
    el('div', {class: 'field gap-top'}, el('label', {for: 'decision-note'}, t('decide.note')), note),
    el('div', {class: 'decisions'},
      button('APPROVE', 'primary', 'a'), button('HIDE', null, 'h'),
      c.state === 'HIDDEN' ? button('UNHIDE') : null,
      button('DELETE', 'danger', 'd'), button('ESCALATE'), button('REGISTER')),
    el('p', {class: 'small muted'}, t('decide.register.hint')),
    final ? el('p', {class: 'small muted'}, t('case.final')) : null,
    c.platformLimit ? el('p', {class: 'small muted'}, t(`limit.${c.platformLimit}`)) : null);
}

function replyPanel(c) {
  if (!hasRole('moderator', 'editor', 'admin')) {
    return null;
  }
  const choose = el('select', {id: 'reply-canned', 'data-testid': 'reply-canned', onchange: e => {
    const r = state.replies.find(x => x.id === e.target.value);
    text.value = r ? r.text : '';
    state.cannedText = r ? r.text : null;
  }}, el('option', {value: ''}, t('case.reply.own')), state.replies.map(r => el('option', {value: r.id}, r.name)));
  const text = el('textarea', {id: 'reply-text', rows: '4', maxlength: '1800', 'data-testid': 'reply-text'});
  state.replyText = text;
  const send = el('button', {type: 'submit', class: 'button primary', 'data-testid': 'reply-send',
    disabled: ['DELETED', 'ARCHIVING'].includes(c.state)}, t('case.reply.send'));
  return section('reply', t('case.reply'),
    el('form', {onsubmit: async e => {
      e.preventDefault();
      const chosen = choose.value;
      const own = text.value.trim();
      if (!own && !chosen) {
        state.replyError.textContent = t('case.reply.empty');
        text.focus();
        return;
      }
      state.replyError.textContent = '';
      // A canned reply sent as it is goes by id (the service signs it); an edited one goes as the moderator's text.
      const body = chosen && own === (state.cannedText || '').trim() ? {cannedReplyId: chosen} : {text: own};
      await act('REPLY', body);
    }},
    el('div', {class: 'field'}, el('label', {for: 'reply-canned'}, t('case.reply.canned',
      {language: c.language ? t(`language.${c.language}`) : t('language.unknown')})), choose),
    el('div', {class: 'field gap-top'}, el('label', {for: 'reply-text'}, t('case.reply.text')), text),
    el('p', {class: 'small muted'}, t('case.reply.signed')),
    (state.replyError = el('p', {class: 'error-text', role: 'alert', 'data-testid': 'reply-error'})),
    el('div', {class: 'decisions'}, send)));
}

async function act(decision, extra = {}) {
  const c = state.case;
  let options = {reason: state.reasonSelect ? state.reasonSelect.value : undefined,
    note: state.noteInput ? state.noteInput.value.trim() : undefined, ...extra};
  if (decision === 'APPROVE' && options.reason && LABELS.includes(options.reason)) {
    options.reason = 'NO_VIOLATION';
  }
  if (decision === 'DELETE') {
    const confirmed = await confirmDelete(c);
    if (!confirmed) {
      return;
    }
    options = confirmed;
  }
  if (decision === 'REPLY') {
    options = {...extra, note: options.note};
  }
  if (decision === 'REGISTER') {
    // Registering records the comment as a document of the authority's work; the label reasons are for removals.
    options = {reason: 'CASE_DOCUMENT', note: options.note};
  }
  try {
    await decide(c, decision, options);
    announce(t(`decide.done.${decision}`));
    state.flash = el('p', {class: 'notice ok', 'data-testid': 'decision-done'}, t(`decide.done.${decision}`));
    await load();
  } catch (e) {
    state.flash = el('p', {class: 'notice error', role: 'alert', 'data-testid': 'decision-error'},
      decision === 'REGISTER' && e instanceof ApiError && e.status === 409 ? t('decide.register.already') : failureText(e), ' ',
      e instanceof ApiError && e.status === 409
        ? el('button', {type: 'button', class: 'button', 'data-testid': 'decision-reload', onclick: () => load()},
          t('decide.reload')) : null);
    draw();
    state.flash.querySelector('button')?.focus();
  }
}

function draw() {
  const s = state;
  const c = s.case;
  if (!c) {
    return;
  }
  const text = c.comment ? c.comment.text : '';
  const thread = (c.thread || []).map(item => el('li', {class: item.commentId === c.commentId ? 'this' : null},
    el('div', {class: 'meta'}, item.relation === 'POST' ? t('case.thread.post')
      : item.senderName || t('case.unknownSender'), ' · ', formatDateTime(item.createdAt),
      item.relation === 'PARENT' ? ` · ${t('case.thread.parent')}` : '',
      item.commentId === c.commentId ? ` · ${t('case.thread.this')}` : ''),
    item.text));
  const earlier = s.earlier.map(o => el('li', {},
    el('a', {href: `#/case/${o.id}`}, formatDateTime(o.receivedAt)), ' ',
    el('span', {class: 'chip state'}, t(`state.${o.state}`)), ' ',
    (o.labels || []).map(l => el('span', {class: 'chip label'}, t(`label.${l}`))), ' ',
    el('span', {class: 'muted small'}, o.excerpt || '')));
  const audit = hasRole('editor', 'admin') ? section('audit', t('case.audit'),
    s.audit.length ? el('ol', {class: 'audit', reversed: true}, s.audit.map(a => el('li', {},
      el('strong', {}, a.action), ' · ', a.actor, ' · ', el('time', {datetime: a.at}, formatDateTime(a.at)),
      a.detail ? el('div', {class: 'small muted'}, summary(a.detail)) : null)))
      : el('p', {class: 'muted'}, t('case.audit.none'))) : null;
  const account = s.account;

  s.root.replaceChildren(
    el('p', {class: 'small'}, el('a', {href: s.backTo, 'data-testid': 'back-to-queue'}, `← ${t('case.back')}`)),
    el('div', {class: 'page-head'},
      el('h1', {id: 'page-title', tabindex: '-1'}, t('case.title')),
      el('span', {class: 'chip state', 'data-testid': 'case-state'}, t(`state.${c.state}`)),
      el('div', {class: 'chips'}, (c.labels || []).map(l => el('span', {class: ['chip', 'label', SEVERE.includes(l) && 'severe']},
        t(`label.${l}`))), (c.intents || []).map(i => el('span', {class: 'chip intent'}, t(`intent.${i}`)))),
      el('button', {type: 'button', class: 'button quiet push-right', 'aria-keyshortcuts': '?',
        onclick: () => showShortcuts()}, t('queue.shortcuts'), el('kbd', {}, '?'))),
    s.flash || '',
    el('div', {class: 'case-grid'},
      el('div', {},
        section('comment', t('case.comment'),
          el('dl', {class: 'facts'},
            el('dt', {}, t('case.sender')), el('dd', {'data-testid': 'sender'},
              c.comment && c.comment.senderProfileUrl
                ? el('a', {href: c.comment.senderProfileUrl, rel: 'noopener noreferrer', target: '_blank'},
                  c.comment.senderName || t('case.unknownSender'))
                : (c.comment && c.comment.senderName) || t('case.unknownSender')),
            el('dt', {}, t('case.account')), el('dd', {}, account ? account.name : ''),
            el('dt', {}, t('case.received')), el('dd', {}, formatDateTime(c.receivedAt)),
            el('dt', {}, t('case.language')), el('dd', {}, c.language ? t(`language.${c.language}`) : t('language.unknown')),
            c.comment && c.comment.permalink ? el('dt', {}, t('case.onPlatform')) : null,
            c.comment && c.comment.permalink ? el('dd', {}, el('a', {href: c.comment.permalink, rel: 'noopener noreferrer',
              target: '_blank'}, t('case.openOnPlatform', {platform: platformName(c.platform)}))) : null),
          el('blockquote', {class: 'comment-text', 'data-testid': 'comment-text', lang: c.language || null},
            markedText(text, c.explanations, c.labels))),
        section('why', t('case.why'), reasonsList(c),
          c.platformLimit ? el('p', {class: 'notice', 'data-testid': 'platform-limit'},
            t(`limit.${c.platformLimit}.long`)) : null),
        thread.length ? section('thread', t('case.thread'), el('ol', {class: 'thread'}, thread)) : null,
        c.earlierAnswers && c.earlierAnswers.length ? section('answers', t('case.earlierAnswers'),
          el('ul', {}, c.earlierAnswers.map(a => el('li', {}, a.permalink
            ? el('a', {href: a.permalink, rel: 'noopener noreferrer', target: '_blank'}, a.commentId)
            : el('a', {href: `#/case/${a.caseId}`}, a.commentId))))) : null,
        replyPanel(c)),
      el('aside', {'aria-label': t('case.aside')},
        decisionPanel(c),
        section('deadline', t('case.deadline'), (s.deadlineSlot = el('div', {'aria-live': 'off'}, deadlineBlock()))),
        section('earlier', t('case.earlier'), earlier.length
          ? el('ul', {class: 'audit', 'data-testid': 'earlier-cases'}, earlier)
          : el('p', {class: 'muted'}, t('case.earlier.none'))),
        audit)));
}

function summary(detail) {
  try {
    const d = JSON.parse(detail);
    return Object.entries(d).filter(([k]) => ['decision', 'reason', 'from', 'to', 'note'].includes(k))
      .map(([k, v]) => `${k}: ${v}`).join(' · ');
  } catch (e) {
    return '';
  }
}

async function load() {
  const s = state;
  const id = s.id;
  try {
    const c = await api('moderation', `/api/cases/${encodeURIComponent(id)}`);
    const [account, replies, earlier, deadlines, audit] = await Promise.all([
      api('moderation', `/api/accounts/${c.accountId}`).catch(() => null),
      api('moderation', `/api/accounts/${c.accountId}/replies${c.language ? `?language=${c.language}` : ''}`).catch(() => []),
      api('moderation', `/api/cases?sameSenderAs=${encodeURIComponent(id)}&size=10`).then(p => p.items).catch(() => []),
      api('notifier', `/api/deadlines?caseId=${encodeURIComponent(id)}`).catch(() => null),
      hasRole('editor', 'admin') ? api('moderation', `/api/audit?targetId=${encodeURIComponent(id)}&size=50`).catch(() => [])
        : Promise.resolve([]),
    ]);
    if (state !== s) {
      return;
    }
    Object.assign(s, {case: c, account, replies: replies || [], earlier: earlier || [],
      deadline: deadlines && deadlines.length ? deadlines[0] : null, deadlineError: deadlines === null,
      audit: Array.isArray(audit) ? audit : (audit && audit.items) || []});
    const focused = document.activeElement && document.activeElement.dataset && document.activeElement.dataset.testid;
    draw();
    const again = focused && s.root.querySelector(`[data-testid="${focused}"]`);
    if (again) {
      again.focus();
    }
  } catch (e) {
    if (state !== s) {
      return;
    }
    s.root.replaceChildren(el('h1', {id: 'page-title', tabindex: '-1'}, t('case.title')),
      el('p', {class: 'notice error', role: 'alert'}, e instanceof ApiError && e.status === 404
        ? t('case.notFound') : t('app.error', {detail: e.message})));
  }
}

function onKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event) || !state || !state.case) {
    return;
  }
  const map = {
    a: () => act('APPROVE'),
    h: () => act('HIDE'),
    d: () => act('DELETE'),
    r: () => state.replyText && state.replyText.focus(),
    u: () => { location.hash = state.backTo; },
    '?': () => showShortcuts(),
  };
  if (map[event.key]) {
    event.preventDefault();
    map[event.key]();
  }
}

export default {
  id: 'case',
  route: '#/case/:id',
  roles: ['moderator', 'editor', 'admin'],
  navKey: null,
  async render(root, params) {
    state = {id: params.id, root, case: null, replies: [], earlier: [], audit: [], deadline: null, flash: null,
      backTo: '#/queue'};
    root.replaceChildren(el('h1', {id: 'page-title', tabindex: '-1'}, t('case.title')),
      el('p', {class: 'muted'}, t('app.loading')));
    document.addEventListener('keydown', onKey);
    const s = state;
    let ticks = 0;
    s.ticker = setInterval(async () => {
      ticks += 1;
      if (state !== s || !s.deadlineSlot) {
        return;
      }
      // A question's deadline reaches the notifier a moment after the case: look again every 5 s until it is there.
      if (!s.deadline && s.case && (s.case.intents || []).includes('QUESTION') && ticks % 5 === 0) {
        const found = await api('notifier', `/api/deadlines?caseId=${encodeURIComponent(s.id)}`).catch(() => null);
        if (state === s && found && found.length) {
          s.deadline = found[0];
          s.deadlineError = false;
        }
      }
      s.deadlineSlot.replaceChildren(deadlineBlock());
    }, 1000);
    await load();
    if (state === s) {
      const title = document.getElementById('page-title');
      if (params.query.get('reply') === '1' && s.replyText) {
        s.replyText.focus();
      } else if (title) {
        title.focus();
      }
    }
  },
  dispose() {
    if (state) {
      clearInterval(state.ticker);
      document.removeEventListener('keydown', onKey);
    }
    state = null;
  },
};
