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
      button('DELETE', 'danger', 'd'), button('ESCALATE')),
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
  try {
    await decide(c, decision, options);
    announce(t(`decide.done.${decision}`));
    state.flash = el('p', {class: 'notice ok', 'data-testid': 'decision-done'}, t(`decide.done.${decision}`));
    await load();
  } catch (e) {
    state.flash = el('p', {class: 'notice error', role: 'alert', 'data-testid': 'decision-error'}, failureText(e), ' ',
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
    el('div', {class: 'meta'}, item.senderName || t('case.unknownSender'), ' · ', formatDateTime(item.createdAt),
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

const MESSAGES = {
  da: {
    'case.title': 'Sag', 'case.back': 'Tilbage til køen', 'case.comment': 'Kommentaren', 'case.sender': 'Afsender',
    'case.account': 'Konto', 'case.received': 'Modtaget', 'case.language': 'Sprog', 'case.onPlatform': 'På platformen',
    'case.openOnPlatform': 'Åbn på {platform}', 'case.unknownSender': 'Ukendt afsender',
    'case.why': 'Hvorfor sagen er i køen', 'case.reason.words': '(ordene {words})', 'case.reason.none': 'Ingen kategorier; sagen er i køen på grund af sin hensigt.',
    'case.reason.THREAT': 'Kommentaren ser ud til at true en persons liv, helbred eller sikkerhed.',
    'case.reason.HATE': 'Kommentaren ser ud til at nedgøre en gruppe på grund af fx etnicitet, religion, køn eller seksualitet.',
    'case.reason.INSULT': 'Kommentaren ser ud til at fornærme eller hænge en person ud.',
    'case.reason.PROFANITY': 'Kommentaren indeholder bandeord eller grove udtryk.',
    'case.reason.SEXUAL': 'Kommentaren ser ud til at have seksuelt indhold.',
    'case.reason.VIOLENCE': 'Kommentaren ser ud til at beskrive eller hylde vold.',
    'case.reason.CRIME': 'Kommentaren ser ud til at opfordre til en forbrydelse.',
    'case.reason.ADVERTISING': 'Kommentaren ser ud til at være reklame eller spam.',
    'case.reason.PERSONAL_DATA': 'Kommentaren ser ud til at indeholde personoplysninger, fx et CPR-nummer, en adresse eller et telefonnummer.',
    'case.reason.SECRET': 'Kommentaren ser ud til at indeholde en hemmelighed, fx en adgangskode eller en nøgle.',
    'case.reason.OTHER': 'Kommentaren er markeret af klassifikationen.',
    'case.intent.QUESTION': 'Kommentaren stiller et spørgsmål og skal besvares inden fristen.',
    'case.intent.COMPLAINT': 'Kommentaren ser ud til at være en klage; den skal journaliseres og kan ikke afvises.',
    'case.intent.POLITICAL': 'Kommentaren ser ud til at være et politisk spørgsmål; henvis det til det ansvarlige udvalg.',
    'case.thread': 'Tråden', 'case.thread.parent': 'svaret på', 'case.thread.this': 'denne kommentar',
    'case.earlierAnswers': 'Allerede besvaret i tråden',
    'case.decision': 'Afgørelse', 'case.final': 'Sagen er afgjort; kommentaren slettes eller er slettet.',
    'case.reply': 'Svar', 'case.reply.own': 'Eget svar', 'case.reply.canned': 'Standardsvar ({language})',
    'case.reply.text': 'Svartekst', 'case.reply.send': 'Send svar', 'case.reply.empty': 'Skriv et svar eller vælg et standardsvar.',
    'case.reply.signed': 'Svaret underskrives med dit fornavn og kontoens afdeling.',
    'case.aside': 'Frist, afsender og historik', 'case.deadline': 'Svarfrist',
    'case.deadline.left': '{time} tilbage', 'case.deadline.overdue': 'Overskredet med {time}', 'case.deadline.due': 'Frist: {time}',
    'case.deadline.pending': 'Svarfristen beregnes …', 'case.deadline.none': 'Ingen svarfrist: kommentaren kræver ikke svar.', 'case.deadline.closed': 'Fristen er lukket ({state}).',
    'case.deadline.unknown': 'Fristen kunne ikke hentes.',
    'case.earlier': 'Afsenderens tidligere sager på kontoen', 'case.earlier.none': 'Ingen tidligere sager.',
    'case.audit': 'Revisionsspor', 'case.audit.none': 'Ingen handlinger endnu.', 'case.notFound': 'Sagen findes ikke.',
  },
  sv: {
    'case.title': 'Ärende', 'case.back': 'Tillbaka till kön', 'case.comment': 'Kommentaren', 'case.sender': 'Avsändare',
    'case.account': 'Konto', 'case.received': 'Mottagen', 'case.language': 'Språk', 'case.onPlatform': 'På plattformen',
    'case.openOnPlatform': 'Öppna på {platform}', 'case.unknownSender': 'Okänd avsändare',
    'case.why': 'Varför ärendet står i kön', 'case.reason.words': '(orden {words})', 'case.reason.none': 'Inga kategorier; ärendet står i kön på grund av sin avsikt.',
    'case.reason.THREAT': 'Kommentaren verkar hota en persons liv, hälsa eller säkerhet.',
    'case.reason.HATE': 'Kommentaren verkar nedvärdera en grupp på grund av till exempel etnicitet, religion, kön eller sexualitet.',
    'case.reason.INSULT': 'Kommentaren verkar förolämpa eller hänga ut en person.',
    'case.reason.PROFANITY': 'Kommentaren innehåller svordomar eller grova uttryck.',
    'case.reason.SEXUAL': 'Kommentaren verkar ha sexuellt innehåll.',
    'case.reason.VIOLENCE': 'Kommentaren verkar beskriva eller hylla våld.',
    'case.reason.CRIME': 'Kommentaren verkar uppmana till brott.',
    'case.reason.ADVERTISING': 'Kommentaren verkar vara reklam eller skräppost.',
    'case.reason.PERSONAL_DATA': 'Kommentaren verkar innehålla personuppgifter, till exempel ett personnummer, en adress eller ett telefonnummer.',
    'case.reason.SECRET': 'Kommentaren verkar innehålla en hemlighet, till exempel ett lösenord eller en nyckel.',
    'case.reason.OTHER': 'Kommentaren är markerad av klassificeringen.',
    'case.intent.QUESTION': 'Kommentaren ställer en fråga och ska besvaras inom svarstiden.',
    'case.intent.COMPLAINT': 'Kommentaren verkar vara ett klagomål; det ska diarieföras och kan inte avvisas.',
    'case.intent.POLITICAL': 'Kommentaren verkar vara en politisk fråga; hänvisa den till ansvarig nämnd.',
    'case.thread': 'Tråden', 'case.thread.parent': 'svar på', 'case.thread.this': 'den här kommentaren',
    'case.earlierAnswers': 'Redan besvarat i tråden',
    'case.decision': 'Beslut', 'case.final': 'Ärendet är avgjort; kommentaren raderas eller är raderad.',
    'case.reply': 'Svar', 'case.reply.own': 'Eget svar', 'case.reply.canned': 'Standardsvar ({language})',
    'case.reply.text': 'Svarstext', 'case.reply.send': 'Skicka svar', 'case.reply.empty': 'Skriv ett svar eller välj ett standardsvar.',
    'case.reply.signed': 'Svaret undertecknas med ditt förnamn och kontots enhet.',
    'case.aside': 'Svarstid, avsändare och historik', 'case.deadline': 'Svarstid',
    'case.deadline.left': '{time} kvar', 'case.deadline.overdue': 'Försenad {time}', 'case.deadline.due': 'Senast: {time}',
    'case.deadline.pending': 'Svarstiden beräknas …', 'case.deadline.none': 'Ingen svarstid: kommentaren kräver inget svar.', 'case.deadline.closed': 'Svarstiden är stängd ({state}).',
    'case.deadline.unknown': 'Svarstiden kunde inte hämtas.',
    'case.earlier': 'Avsändarens tidigare ärenden på kontot', 'case.earlier.none': 'Inga tidigare ärenden.',
    'case.audit': 'Granskningsspår', 'case.audit.none': 'Inga åtgärder ännu.', 'case.notFound': 'Ärendet finns inte.',
  },
  nb: {
    'case.title': 'Sak', 'case.back': 'Tilbake til køen', 'case.comment': 'Kommentaren', 'case.sender': 'Avsender',
    'case.account': 'Konto', 'case.received': 'Mottatt', 'case.language': 'Språk', 'case.onPlatform': 'På plattformen',
    'case.openOnPlatform': 'Åpne på {platform}', 'case.unknownSender': 'Ukjent avsender',
    'case.why': 'Hvorfor saken er i køen', 'case.reason.words': '(ordene {words})', 'case.reason.none': 'Ingen kategorier; saken er i køen på grunn av hensikten.',
    'case.reason.THREAT': 'Kommentaren ser ut til å true en persons liv, helse eller sikkerhet.',
    'case.reason.HATE': 'Kommentaren ser ut til å nedverdige en gruppe på grunn av for eksempel etnisitet, religion, kjønn eller seksualitet.',
    'case.reason.INSULT': 'Kommentaren ser ut til å fornærme eller henge ut en person.',
    'case.reason.PROFANITY': 'Kommentaren inneholder banning eller grove uttrykk.',
    'case.reason.SEXUAL': 'Kommentaren ser ut til å ha seksuelt innhold.',
    'case.reason.VIOLENCE': 'Kommentaren ser ut til å beskrive eller hylle vold.',
    'case.reason.CRIME': 'Kommentaren ser ut til å oppfordre til kriminalitet.',
    'case.reason.ADVERTISING': 'Kommentaren ser ut til å være reklame eller søppelpost.',
    'case.reason.PERSONAL_DATA': 'Kommentaren ser ut til å inneholde personopplysninger, for eksempel et fødselsnummer, en adresse eller et telefonnummer.',
    'case.reason.SECRET': 'Kommentaren ser ut til å inneholde en hemmelighet, for eksempel et passord eller en nøkkel.',
    'case.reason.OTHER': 'Kommentaren er merket av klassifiseringen.',
    'case.intent.QUESTION': 'Kommentaren stiller et spørsmål og skal besvares innen fristen.',
    'case.intent.COMPLAINT': 'Kommentaren ser ut til å være en klage; den skal journalføres og kan ikke avvises.',
    'case.intent.POLITICAL': 'Kommentaren ser ut til å være et politisk spørsmål; henvis det til ansvarlig utvalg.',
    'case.thread': 'Tråden', 'case.thread.parent': 'svar på', 'case.thread.this': 'denne kommentaren',
    'case.earlierAnswers': 'Allerede besvart i tråden',
    'case.decision': 'Avgjørelse', 'case.final': 'Saken er avgjort; kommentaren slettes eller er slettet.',
    'case.reply': 'Svar', 'case.reply.own': 'Eget svar', 'case.reply.canned': 'Standardsvar ({language})',
    'case.reply.text': 'Svartekst', 'case.reply.send': 'Send svar', 'case.reply.empty': 'Skriv et svar eller velg et standardsvar.',
    'case.reply.signed': 'Svaret signeres med fornavnet ditt og kontoens avdeling.',
    'case.aside': 'Frist, avsender og historikk', 'case.deadline': 'Svarfrist',
    'case.deadline.left': '{time} igjen', 'case.deadline.overdue': 'Overskredet med {time}', 'case.deadline.due': 'Frist: {time}',
    'case.deadline.pending': 'Svarfristen beregnes …', 'case.deadline.none': 'Ingen svarfrist: kommentaren krever ikke svar.', 'case.deadline.closed': 'Fristen er lukket ({state}).',
    'case.deadline.unknown': 'Fristen kunne ikke hentes.',
    'case.earlier': 'Avsenderens tidligere saker på kontoen', 'case.earlier.none': 'Ingen tidligere saker.',
    'case.audit': 'Revisjonsspor', 'case.audit.none': 'Ingen handlinger ennå.', 'case.notFound': 'Saken finnes ikke.',
  },
  nn: {
    'case.title': 'Sak', 'case.back': 'Tilbake til køen', 'case.comment': 'Kommentaren', 'case.sender': 'Avsendar',
    'case.account': 'Konto', 'case.received': 'Motteken', 'case.language': 'Språk', 'case.onPlatform': 'På plattforma',
    'case.openOnPlatform': 'Opne på {platform}', 'case.unknownSender': 'Ukjend avsendar',
    'case.why': 'Kvifor saka er i køen', 'case.reason.words': '(orda {words})', 'case.reason.none': 'Ingen kategoriar; saka er i køen på grunn av føremålet.',
    'case.reason.THREAT': 'Kommentaren ser ut til å truge livet, helsa eller tryggleiken til ein person.',
    'case.reason.HATE': 'Kommentaren ser ut til å nedverdige ei gruppe på grunn av til dømes etnisitet, religion, kjønn eller seksualitet.',
    'case.reason.INSULT': 'Kommentaren ser ut til å fornærme eller henge ut ein person.',
    'case.reason.PROFANITY': 'Kommentaren inneheld banning eller grove uttrykk.',
    'case.reason.SEXUAL': 'Kommentaren ser ut til å ha seksuelt innhald.',
    'case.reason.VIOLENCE': 'Kommentaren ser ut til å skildre eller hylle vald.',
    'case.reason.CRIME': 'Kommentaren ser ut til å oppmode til kriminalitet.',
    'case.reason.ADVERTISING': 'Kommentaren ser ut til å vere reklame eller søppelpost.',
    'case.reason.PERSONAL_DATA': 'Kommentaren ser ut til å innehalde personopplysingar, til dømes eit fødselsnummer, ei adresse eller eit telefonnummer.',
    'case.reason.SECRET': 'Kommentaren ser ut til å innehalde ein løyndom, til dømes eit passord eller ein nøkkel.',
    'case.reason.OTHER': 'Kommentaren er merkt av klassifiseringa.',
    'case.intent.QUESTION': 'Kommentaren stiller eit spørsmål og skal svarast innan fristen.',
    'case.intent.COMPLAINT': 'Kommentaren ser ut til å vere ei klage; ho skal journalførast og kan ikkje avvisast.',
    'case.intent.POLITICAL': 'Kommentaren ser ut til å vere eit politisk spørsmål; vis det vidare til det ansvarlege utvalet.',
    'case.thread': 'Tråden', 'case.thread.parent': 'svar på', 'case.thread.this': 'denne kommentaren',
    'case.earlierAnswers': 'Alt svart på i tråden',
    'case.decision': 'Avgjerd', 'case.final': 'Saka er avgjord; kommentaren blir eller er sletta.',
    'case.reply': 'Svar', 'case.reply.own': 'Eige svar', 'case.reply.canned': 'Standardsvar ({language})',
    'case.reply.text': 'Svartekst', 'case.reply.send': 'Send svar', 'case.reply.empty': 'Skriv eit svar eller vel eit standardsvar.',
    'case.reply.signed': 'Svaret blir signert med førenamnet ditt og avdelinga til kontoen.',
    'case.aside': 'Frist, avsendar og historikk', 'case.deadline': 'Svarfrist',
    'case.deadline.left': '{time} att', 'case.deadline.overdue': 'Overskriden med {time}', 'case.deadline.due': 'Frist: {time}',
    'case.deadline.pending': 'Svarfristen blir rekna ut …', 'case.deadline.none': 'Ingen svarfrist: kommentaren krev ikkje svar.', 'case.deadline.closed': 'Fristen er lukka ({state}).',
    'case.deadline.unknown': 'Fristen kunne ikkje hentast.',
    'case.earlier': 'Tidlegare saker frå avsendaren på kontoen', 'case.earlier.none': 'Ingen tidlegare saker.',
    'case.audit': 'Revisjonsspor', 'case.audit.none': 'Ingen handlingar enno.', 'case.notFound': 'Saka finst ikkje.',
  },
  en: {
    'case.title': 'Case', 'case.back': 'Back to the queue', 'case.comment': 'The comment', 'case.sender': 'Sender',
    'case.account': 'Account', 'case.received': 'Received', 'case.language': 'Language', 'case.onPlatform': 'On the platform',
    'case.openOnPlatform': 'Open on {platform}', 'case.unknownSender': 'Unknown sender',
    'case.why': 'Why the case is in the queue', 'case.reason.words': '(the words {words})', 'case.reason.none': 'No categories; the case is in the queue for its intent.',
    'case.reason.THREAT': "The comment seems to threaten a person's life, health or safety.",
    'case.reason.HATE': 'The comment seems to demean a group for its ethnicity, religion, gender, sexuality or the like.',
    'case.reason.INSULT': 'The comment seems to insult or expose a person.',
    'case.reason.PROFANITY': 'The comment contains profanity or crude language.',
    'case.reason.SEXUAL': 'The comment seems to have sexual content.',
    'case.reason.VIOLENCE': 'The comment seems to depict or glorify violence.',
    'case.reason.CRIME': 'The comment seems to incite a crime.',
    'case.reason.ADVERTISING': 'The comment seems to be advertising or spam.',
    'case.reason.PERSONAL_DATA': 'The comment seems to contain personal data, such as a national ID number, an address or a phone number.',
    'case.reason.SECRET': 'The comment seems to contain a secret, such as a password or a key.',
    'case.reason.OTHER': 'The classifier flagged the comment.',
    'case.intent.QUESTION': 'The comment asks a question and must be answered before the deadline.',
    'case.intent.COMPLAINT': 'The comment seems to be a complaint; it must be registered and cannot be rejected.',
    'case.intent.POLITICAL': 'The comment seems to be a political question; refer it to the responsible committee.',
    'case.thread': 'The thread', 'case.thread.parent': 'replied to', 'case.thread.this': 'this comment',
    'case.earlierAnswers': 'Answered already in the thread',
    'case.decision': 'Decision', 'case.final': 'The case is decided; the comment is being or has been deleted.',
    'case.reply': 'Reply', 'case.reply.own': 'Own reply', 'case.reply.canned': 'Canned reply ({language})',
    'case.reply.text': 'Reply text', 'case.reply.send': 'Send reply', 'case.reply.empty': 'Write a reply or choose a canned one.',
    'case.reply.signed': "The reply is signed with your first name and the account's unit.",
    'case.aside': 'Deadline, sender and history', 'case.deadline': 'Reply deadline',
    'case.deadline.left': '{time} left', 'case.deadline.overdue': 'Overdue by {time}', 'case.deadline.due': 'Due: {time}',
    'case.deadline.pending': 'The reply deadline is being set …', 'case.deadline.none': 'No reply deadline: the comment needs no answer.', 'case.deadline.closed': 'The deadline is closed ({state}).',
    'case.deadline.unknown': 'The deadline could not be read.',
    'case.earlier': "The sender's earlier cases on this account", 'case.earlier.none': 'No earlier cases.',
    'case.audit': 'Audit trail', 'case.audit.none': 'No actions yet.', 'case.notFound': 'There is no such case.',
  },
};

export default {
  id: 'case',
  route: '#/case/:id',
  roles: ['moderator', 'editor', 'admin'],
  navKey: null,
  messages: MESSAGES,
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
