// Decisions on a case, shared by the queue and the case page: the API call with optimistic locking, the confirmation
// dialog for deletion (a native <dialog>: modal, keyboard-usable, Escape cancels), and the shortcut help.
import {api, el, t, ApiError} from './core.js';

export const LABELS = ['THREAT', 'HATE', 'INSULT', 'PROFANITY', 'SEXUAL', 'VIOLENCE', 'CRIME', 'ADVERTISING',
  'PERSONAL_DATA', 'SECRET'];

/** The reason to give by default: the case's first label, else "no violation" (approve) or "other". */
export function defaultReason(c, decision) {
  if (decision === 'APPROVE' || decision === 'UNHIDE') {
    return 'NO_VIOLATION';
  }
  return (c.labels && c.labels[0]) || 'OTHER';
}

export function reasonText(reason) {
  return LABELS.includes(reason) ? t(`label.${reason}`) : t(`decide.reason.${reason}`);
}

/** Decides, with the version as read (a concurrent decision answers 409). Resolves to the case as it is now. */
export function decide(c, decision, {reason, note, text, cannedReplyId} = {}) {
  return api('moderation', `/api/cases/${encodeURIComponent(c.id)}/decisions`, {method: 'POST', body: {
    decision, reason: decision === 'REPLY' ? (reason || null) : (reason || defaultReason(c, decision)),
    note: note || null, text: text || null, cannedReplyId: cannedReplyId || null, expectedVersion: c.version}});
}

/** The text for a failed decision. */
export function failureText(e) {
  if (e instanceof ApiError && e.status === 409) {
    return t('decide.conflict');
  }
  if (e instanceof ApiError && e.status === 503) {
    return t('decide.unavailable');
  }
  if (e instanceof ApiError && e.status === 422) {
    return t('decide.notOurs'); // the only 422 of a decision: a platform limit (a caption mention, not ours)
  }
  return t('decide.failed', {detail: e.message});
}

/** True when the keyboard event comes from a place where a person types (shortcuts must not fire there). */
export function isTyping(event) {
  const target = event.target;
  return !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
    || !!target.closest('dialog[open]'));
}

function openDialog(dialog, firstFocus) {
  const before = document.activeElement;
  document.body.appendChild(dialog);
  dialog.showModal();
  if (firstFocus) {
    firstFocus.focus();
  }
  return new Promise(resolve => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (before && before.isConnected) {
        before.focus();
      }
      resolve(dialog.returnValue);
    }, {once: true});
  });
}

/** Asks for confirmation and a reason before deleting. Resolves to {reason, note}, or null when cancelled. */
export async function confirmDelete(c) {
  const reasons = [...new Set([...(c.labels || []), ...LABELS, 'OTHER'])];
  const select = el('select', {id: 'delete-reason', name: 'reason', 'data-testid': 'delete-reason'},
    reasons.map(r => el('option', {value: r, selected: r === defaultReason(c, 'DELETE')}, reasonText(r))));
  const note = el('textarea', {id: 'delete-note', name: 'note', maxlength: '2000', rows: '3', 'data-testid': 'delete-note'});
  const confirm = el('button', {type: 'submit', value: 'confirm', class: 'button danger', 'data-testid': 'delete-confirm'},
    t('decide.confirmDelete.button'));
  const dialog = el('dialog', {'aria-labelledby': 'delete-title', 'aria-describedby': 'delete-text',
    'data-testid': 'delete-dialog'},
  el('form', {method: 'dialog'},
    el('div', {class: 'dialog-body'},
      el('h2', {id: 'delete-title'}, t('decide.confirmDelete.title')),
      el('p', {id: 'delete-text'}, t('decide.confirmDelete.text')),
      el('div', {class: 'field'}, el('label', {for: 'delete-reason'}, t('decide.reason')), select),
      el('div', {class: 'field gap-top'}, el('label', {for: 'delete-note'}, t('decide.note')), note)),
    el('div', {class: 'dialog-actions'},
      el('button', {type: 'submit', value: 'cancel', class: 'button', 'data-testid': 'delete-cancel'}, t('decide.cancel')),
      confirm)));
  const answer = await openDialog(dialog, confirm);
  return answer === 'confirm' ? {reason: select.value, note: note.value.trim()} : null;
}

/** The keyboard shortcuts, in a dialog. */
export function showShortcuts() {
  const rows = [['j', 'shortcuts.next'], ['k', 'shortcuts.previous'], ['Enter', 'shortcuts.open'],
    ['a', 'shortcuts.approve'], ['h', 'shortcuts.hide'], ['d', 'shortcuts.delete'], ['r', 'shortcuts.reply'],
    ['u', 'shortcuts.back'], ['?', 'shortcuts.help']];
  const close = el('button', {type: 'submit', value: 'close', class: 'button primary', 'data-testid': 'shortcuts-close'},
    t('shortcuts.close'));
  const dialog = el('dialog', {'aria-labelledby': 'shortcuts-title', 'data-testid': 'shortcuts-dialog'},
    el('form', {method: 'dialog'},
      el('div', {class: 'dialog-body'},
        el('h2', {id: 'shortcuts-title'}, t('shortcuts.title')),
        el('table', {class: 'shortcuts'}, el('tbody', {}, rows.map(([key, text]) =>
          el('tr', {}, el('td', {}, el('kbd', {}, key)), el('td', {}, t(text)))))),
        el('p', {class: 'muted small'}, t('shortcuts.note'))),
      el('div', {class: 'dialog-actions'}, close)));
  return openDialog(dialog, close);
}
