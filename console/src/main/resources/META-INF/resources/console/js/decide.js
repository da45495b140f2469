// Decisions on a case, shared by the queue and the case page: the API call with optimistic locking, the confirmation
// dialog for deletion (a native <dialog>: modal, keyboard-usable, Escape cancels), and the shortcut help.
import {api, addMessages, el, t, ApiError} from './core.js';

export const LABELS = ['THREAT', 'HATE', 'INSULT', 'PROFANITY', 'SEXUAL', 'VIOLENCE', 'CRIME', 'ADVERTISING',
  'PERSONAL_DATA', 'SECRET'];

/** The texts of decisions, the delete dialog and the shortcut help, in the five languages. */
export const MESSAGES = {
  da: {
    'decide.APPROVE': 'Godkend', 'decide.HIDE': 'Skjul', 'decide.UNHIDE': 'Vis igen', 'decide.DELETE': 'Slet',
    'decide.REPLY': 'Svar', 'decide.ESCALATE': 'Eskalér',
    'decide.done.APPROVE': 'Godkendt.', 'decide.done.HIDE': 'Skjult.', 'decide.done.UNHIDE': 'Vist igen.',
    'decide.done.DELETE': 'Sletning bestilt: beviset arkiveres først, så slettes kommentaren.',
    'decide.done.REPLY': 'Svaret er sendt.', 'decide.done.ESCALATE': 'Eskaleret.',
    'decide.conflict': 'En anden har allerede truffet en afgørelse i sagen. Genindlæs for at se den.',
    'decide.notOurs': 'Platformen tillader det ikke: kommentaren er en omtale i en anden kontos opslag, så vi kan hverken skjule eller slette den.',
    'decide.reload': 'Genindlæs',
    'decide.unavailable': 'Platformen kan ikke nås lige nu; intet er ændret. Prøv igen om lidt.',
    'decide.failed': 'Afgørelsen blev ikke gemt: {detail}',
    'decide.reason': 'Begrundelse', 'decide.note': 'Note (valgfri)', 'decide.cancel': 'Annullér',
    'decide.reason.NO_VIOLATION': 'Ingen overtrædelse', 'decide.reason.OTHER': 'Andet',
    'decide.confirmDelete.title': 'Slet kommentaren?',
    'decide.confirmDelete.text': 'Kommentaren skjules nu. Der gemmes et bevis til arkivet, og først derefter slettes den på platformen. Det kan ikke fortrydes.',
    'decide.confirmDelete.button': 'Slet kommentar',
    'shortcuts.title': 'Tastaturgenveje', 'shortcuts.close': 'Luk',
    'shortcuts.next': 'Næste sag', 'shortcuts.previous': 'Forrige sag', 'shortcuts.open': 'Åbn sagen',
    'shortcuts.approve': 'Godkend', 'shortcuts.hide': 'Skjul', 'shortcuts.delete': 'Slet (med bekræftelse)',
    'shortcuts.reply': 'Svar', 'shortcuts.help': 'Vis denne hjælp', 'shortcuts.back': 'Tilbage til køen',
    'shortcuts.note': 'Genvejene virker ikke, mens du skriver i et felt.',
  },
  sv: {
    'decide.APPROVE': 'Godkänn', 'decide.HIDE': 'Dölj', 'decide.UNHIDE': 'Visa igen', 'decide.DELETE': 'Radera',
    'decide.REPLY': 'Svara', 'decide.ESCALATE': 'Eskalera',
    'decide.done.APPROVE': 'Godkänd.', 'decide.done.HIDE': 'Dold.', 'decide.done.UNHIDE': 'Visas igen.',
    'decide.done.DELETE': 'Radering beställd: beviset arkiveras först, sedan raderas kommentaren.',
    'decide.done.REPLY': 'Svaret är skickat.', 'decide.done.ESCALATE': 'Eskalerad.',
    'decide.conflict': 'Någon annan har redan fattat beslut i ärendet. Ladda om för att se det.',
    'decide.notOurs': 'Plattformen tillåter det inte: det är ett omnämnande i ett annat kontos inlägg, så vi kan varken dölja eller radera det.',
    'decide.reload': 'Ladda om',
    'decide.unavailable': 'Plattformen kan inte nås just nu; inget har ändrats. Försök igen om en stund.',
    'decide.failed': 'Beslutet sparades inte: {detail}',
    'decide.reason': 'Motivering', 'decide.note': 'Anteckning (valfri)', 'decide.cancel': 'Avbryt',
    'decide.reason.NO_VIOLATION': 'Ingen överträdelse', 'decide.reason.OTHER': 'Annat',
    'decide.confirmDelete.title': 'Radera kommentaren?',
    'decide.confirmDelete.text': 'Kommentaren döljs nu. Ett bevis sparas i arkivet, och först därefter raderas den på plattformen. Det går inte att ångra.',
    'decide.confirmDelete.button': 'Radera kommentar',
    'shortcuts.title': 'Kortkommandon', 'shortcuts.close': 'Stäng',
    'shortcuts.next': 'Nästa ärende', 'shortcuts.previous': 'Föregående ärende', 'shortcuts.open': 'Öppna ärendet',
    'shortcuts.approve': 'Godkänn', 'shortcuts.hide': 'Dölj', 'shortcuts.delete': 'Radera (med bekräftelse)',
    'shortcuts.reply': 'Svara', 'shortcuts.help': 'Visa den här hjälpen', 'shortcuts.back': 'Tillbaka till kön',
    'shortcuts.note': 'Kortkommandona fungerar inte medan du skriver i ett fält.',
  },
  nb: {
    'decide.APPROVE': 'Godkjenn', 'decide.HIDE': 'Skjul', 'decide.UNHIDE': 'Vis igjen', 'decide.DELETE': 'Slett',
    'decide.REPLY': 'Svar', 'decide.ESCALATE': 'Eskaler',
    'decide.done.APPROVE': 'Godkjent.', 'decide.done.HIDE': 'Skjult.', 'decide.done.UNHIDE': 'Vises igjen.',
    'decide.done.DELETE': 'Sletting bestilt: beviset arkiveres først, så slettes kommentaren.',
    'decide.done.REPLY': 'Svaret er sendt.', 'decide.done.ESCALATE': 'Eskalert.',
    'decide.conflict': 'Noen andre har allerede tatt en avgjørelse i saken. Last inn på nytt for å se den.',
    'decide.notOurs': 'Plattformen tillater det ikke: dette er en omtale i en annen kontos innlegg, så vi kan verken skjule eller slette den.',
    'decide.reload': 'Last inn på nytt',
    'decide.unavailable': 'Plattformen kan ikke nås akkurat nå; ingenting er endret. Prøv igjen om litt.',
    'decide.failed': 'Avgjørelsen ble ikke lagret: {detail}',
    'decide.reason': 'Begrunnelse', 'decide.note': 'Notat (valgfritt)', 'decide.cancel': 'Avbryt',
    'decide.reason.NO_VIOLATION': 'Ingen overtredelse', 'decide.reason.OTHER': 'Annet',
    'decide.confirmDelete.title': 'Slette kommentaren?',
    'decide.confirmDelete.text': 'Kommentaren skjules nå. Et bevis lagres i arkivet, og først deretter slettes den på plattformen. Dette kan ikke angres.',
    'decide.confirmDelete.button': 'Slett kommentar',
    'shortcuts.title': 'Hurtigtaster', 'shortcuts.close': 'Lukk',
    'shortcuts.next': 'Neste sak', 'shortcuts.previous': 'Forrige sak', 'shortcuts.open': 'Åpne saken',
    'shortcuts.approve': 'Godkjenn', 'shortcuts.hide': 'Skjul', 'shortcuts.delete': 'Slett (med bekreftelse)',
    'shortcuts.reply': 'Svar', 'shortcuts.help': 'Vis denne hjelpen', 'shortcuts.back': 'Tilbake til køen',
    'shortcuts.note': 'Hurtigtastene virker ikke mens du skriver i et felt.',
  },
  nn: {
    'decide.APPROVE': 'Godkjenn', 'decide.HIDE': 'Gøym', 'decide.UNHIDE': 'Vis igjen', 'decide.DELETE': 'Slett',
    'decide.REPLY': 'Svar', 'decide.ESCALATE': 'Eskaler',
    'decide.done.APPROVE': 'Godkjend.', 'decide.done.HIDE': 'Gøymd.', 'decide.done.UNHIDE': 'Blir vist igjen.',
    'decide.done.DELETE': 'Sletting bestilt: beviset blir arkivert først, så blir kommentaren sletta.',
    'decide.done.REPLY': 'Svaret er sendt.', 'decide.done.ESCALATE': 'Eskalert.',
    'decide.conflict': 'Nokon andre har alt teke ei avgjerd i saka. Last inn på nytt for å sjå ho.',
    'decide.notOurs': 'Plattforma tillèt det ikkje: dette er ei omtale i ein annan konto sitt innlegg, så vi kan korkje gøyme eller slette ho.',
    'decide.reload': 'Last inn på nytt',
    'decide.unavailable': 'Plattforma kan ikkje nåast akkurat no; ingenting er endra. Prøv igjen om litt.',
    'decide.failed': 'Avgjerda vart ikkje lagra: {detail}',
    'decide.reason': 'Grunngjeving', 'decide.note': 'Notat (valfritt)', 'decide.cancel': 'Avbryt',
    'decide.reason.NO_VIOLATION': 'Inga overtreding', 'decide.reason.OTHER': 'Anna',
    'decide.confirmDelete.title': 'Slette kommentaren?',
    'decide.confirmDelete.text': 'Kommentaren blir gøymd no. Eit bevis blir lagra i arkivet, og først deretter blir han sletta på plattforma. Dette kan ikkje angrast.',
    'decide.confirmDelete.button': 'Slett kommentar',
    'shortcuts.title': 'Snøggtastar', 'shortcuts.close': 'Lukk',
    'shortcuts.next': 'Neste sak', 'shortcuts.previous': 'Førre sak', 'shortcuts.open': 'Opne saka',
    'shortcuts.approve': 'Godkjenn', 'shortcuts.hide': 'Gøym', 'shortcuts.delete': 'Slett (med stadfesting)',
    'shortcuts.reply': 'Svar', 'shortcuts.help': 'Vis denne hjelpa', 'shortcuts.back': 'Tilbake til køen',
    'shortcuts.note': 'Snøggtastane verkar ikkje medan du skriv i eit felt.',
  },
  en: {
    'decide.APPROVE': 'Approve', 'decide.HIDE': 'Hide', 'decide.UNHIDE': 'Unhide', 'decide.DELETE': 'Delete',
    'decide.REPLY': 'Reply', 'decide.ESCALATE': 'Escalate',
    'decide.done.APPROVE': 'Approved.', 'decide.done.HIDE': 'Hidden.', 'decide.done.UNHIDE': 'Shown again.',
    'decide.done.DELETE': 'Deletion ordered: the evidence is archived first, then the comment is deleted.',
    'decide.done.REPLY': 'The reply is sent.', 'decide.done.ESCALATE': 'Escalated.',
    'decide.conflict': 'Someone else decided first. Reload to see their decision.',
    'decide.notOurs': 'The platform does not allow it: this is a mention in another account\'s post, so we can neither hide nor delete it.',
    'decide.reload': 'Reload',
    'decide.unavailable': 'The platform cannot be reached right now; nothing was changed. Try again in a moment.',
    'decide.failed': 'The decision was not saved: {detail}',
    'decide.reason': 'Reason', 'decide.note': 'Note (optional)', 'decide.cancel': 'Cancel',
    'decide.reason.NO_VIOLATION': 'No violation', 'decide.reason.OTHER': 'Other',
    'decide.confirmDelete.title': 'Delete the comment?',
    'decide.confirmDelete.text': 'The comment is hidden now. Evidence is saved to the archive, and only then is it deleted on the platform. This cannot be undone.',
    'decide.confirmDelete.button': 'Delete comment',
    'shortcuts.title': 'Keyboard shortcuts', 'shortcuts.close': 'Close',
    'shortcuts.next': 'Next case', 'shortcuts.previous': 'Previous case', 'shortcuts.open': 'Open the case',
    'shortcuts.approve': 'Approve', 'shortcuts.hide': 'Hide', 'shortcuts.delete': 'Delete (with confirmation)',
    'shortcuts.reply': 'Reply', 'shortcuts.help': 'Show this help', 'shortcuts.back': 'Back to the queue',
    'shortcuts.note': 'Shortcuts do nothing while you type in a field.',
  },
};
addMessages(MESSAGES);

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
