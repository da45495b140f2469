// The console's core: settings, sign-in session, API calls, texts in five languages (loaded from i18n/<lang>.json),
// DOM building, announcements and formatting. Every page module uses only what this file exports (see docs/console.md, "Writing a page").
// Hand-written on purpose: the console is a handful of ES modules served as they are (no build step, no npm), and
// these helpers are small enough that a framework would cost more than it gives.

const LANGS = ['da', 'sv', 'nb', 'nn', 'en'];
const LOCALES = {da: 'da-DK', sv: 'sv-SE', nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB'};
const LANG_KEY = 'tingvakt.lang';
const TOKEN_KEY = 'tingvakt.token';

let settings = null;
const dictionary = {da: {}, sv: {}, nb: {}, nn: {}, en: {}};
let unauthorizedHandler = () => {};
const langListeners = [];

/** Reads /console/config.json once: {archiveUrl, notifierUrl, oidc}. */
export async function loadConfig() {
  if (!settings) {
    const response = await fetch(new URL('config.json', document.baseURI), {cache: 'no-store'});
    if (!response.ok) {
      throw new ApiError(response.status, await problemOf(response));
    }
    settings = await response.json();
  }
  return settings;
}

/** The settings read by loadConfig() (null before). */
export function config() {
  return settings;
}

/** An API answer that was not 2xx: {status, problem} where problem is the RFC 9457 body (or a stand-in). */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || {status};
  }
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  try {
    if (type.includes('json')) {
      return await response.json();
    }
    const text = await response.text();
    return {status: response.status, title: response.statusText, detail: text.slice(0, 300)};
  } catch (e) {
    return {status: response.status, title: response.statusText};
  }
}

function baseUrl(service) {
  switch (service) {
    case 'moderation': return '';
    case 'archive': return (settings && settings.archiveUrl || '').replace(/\/$/, '');
    case 'notifier': return (settings && settings.notifierUrl || '').replace(/\/$/, '');
    default: throw new Error(`unknown service ${service}`);
  }
}

/**
 * Calls a service's API with the signed-in person's token. Resolves to the parsed JSON (null for 204), or the Response
 * itself with {raw: true} (for PDFs, PNGs, exports). Rejects with ApiError for non-2xx; a 401 also ends the session,
 * a 403 or 429 does not (its message says why, and for 429 how long to wait: {@link refused}).
 */
export async function api(service, path, {method = 'GET', body, headers = {}, raw = false, signal} = {}) {
  const h = {Accept: 'application/json', 'Accept-Language': lang(), ...headers};
  const s = session();
  if (s) {
    h.Authorization = `Bearer ${s.token}`;
  }
  let payload = body;
  if (body !== undefined && body !== null && !(body instanceof FormData) && !(body instanceof Blob)
      && typeof body !== 'string') {
    payload = JSON.stringify(body);
    h['Content-Type'] = h['Content-Type'] || 'application/json';
  }
  const response = await fetch(baseUrl(service) + path, {method, headers: h, body: payload, signal});
  if (response.status === 401) {
    const problem = await problemOf(response);
    unauthorizedHandler();
    throw new ApiError(401, problem);
  }
  if (response.status === 403 || response.status === 429) {
    throw refused(response.status, await problemOf(response), response.headers.get('Retry-After'));
  }
  if (!response.ok) {
    throw new ApiError(response.status, await problemOf(response));
  }
  if (raw) {
    return response;
  }
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/**
 * 403 and 429 do not end the session: signing in again would give the same token the same answer (a loop). The person
 * is told why instead: the role this needs is missing, or too many requests (failed tokens) came from their address,
 * with the wait the service named in Retry-After.
 */
function refused(status, problem, retryAfter) {
  const error = new ApiError(status, problem);
  if (status === 429) {
    const seconds = Math.max(1, parseInt(retryAfter, 10) || 60);
    error.retryAfter = seconds;
    error.message = t('app.tooManyRequests', {seconds});
  } else {
    error.message = t('app.forbidden');
  }
  return error;
}

/** What happens on a 401 (the app sends the person back to sign-in). */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

// ---- session ---------------------------------------------------------------------------------------------------

function decodeJwt(token) {
  const part = token.split('.')[1];
  if (!part) {
    return null;
  }
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** The signed-in person: {name, roles, token, expiresAt}, or null (none, or expired). */
export function session() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) {
    return null;
  }
  let claims;
  try {
    claims = decodeJwt(token);
  } catch (e) {
    claims = null;
  }
  if (!claims || (claims.exp && claims.exp * 1000 <= Date.now())) {
    sessionStorage.removeItem(TOKEN_KEY);
    return null;
  }
  const rolesClaim = (settings && settings.oidc && settings.oidc.rolesClaim) || 'groups';
  const roles = claimAt(claims, rolesClaim);
  const name = claims.name || claims.given_name || claims.preferred_username || claims.upn || claims.sub || '?';
  return {name, roles, token, expiresAt: claims.exp ? new Date(claims.exp * 1000) : null};
}

/**
 * The roles at a claim path, as the services read them (SmallRye JWT's smallrye.jwt.path.groups): "groups", "roles"
 * (Entra ID app roles), "realm_access/roles" or "resource_access/<client>/roles" (Keycloak).
 */
export function claimAt(claims, path) {
  let value = claims;
  for (const part of String(path).split('/')) {
    value = value && typeof value === 'object' ? value[part] : undefined;
  }
  return Array.isArray(value) ? value.filter(r => typeof r === 'string') : [];
}

/** Keeps a new access token for this browser tab (sessionStorage: gone when the tab closes). */
export function setToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

/** Forgets the token. */
export function clearSession() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** True when the signed-in person has at least one of the roles. */
export function hasRole(...roles) {
  const s = session();
  return !!s && roles.some(r => s.roles.includes(r));
}

// ---- texts -----------------------------------------------------------------------------------------------------

const loading = {};

/**
 * Loads the texts of a language from i18n/<lang>.json (one flat {key: text} object per language, next to js/), once;
 * English too, as the fallback of t(). Resolves when both are there; rejects when a file cannot be read.
 */
export function loadTexts(l = lang()) {
  return Promise.all([...new Set([l, 'en'])].map(one => {
    if (!loading[one]) {
      loading[one] = fetch(new URL(`../i18n/${one}.json`, import.meta.url)).then(response => {
        if (!response.ok) {
          throw new Error(`texts ${one}: HTTP ${response.status}`);
        }
        return response.json();
      }).then(texts => { dictionary[one] = texts; }, e => { delete loading[one]; throw e; });
    }
    return loading[one];
  }));
}

function fromBrowser() {
  for (const tag of navigator.languages || [navigator.language || 'en']) {
    const primary = String(tag).toLowerCase().split('-')[0];
    if (primary === 'no') {
      return 'nb';
    }
    if (LANGS.includes(primary)) {
      return primary;
    }
  }
  return 'en';
}

/** The console's language: the person's choice, else the browser's, else English. */
export function lang() {
  const chosen = localStorage.getItem(LANG_KEY);
  return LANGS.includes(chosen) ? chosen : fromBrowser();
}

/** Chooses (and keeps) a language once its texts are loaded; listeners re-render. */
export async function setLang(l) {
  if (!LANGS.includes(l)) {
    throw new Error(`unsupported language ${l}`);
  }
  await loadTexts(l);
  localStorage.setItem(LANG_KEY, l);
  document.documentElement.lang = l;
  langListeners.forEach(f => f(l));
}

export function onLangChange(listener) {
  langListeners.push(listener);
}

export const languages = LANGS;

/** The text for key in the current language, with {name} placeholders filled; English if missing, else the key. */
export function t(key, params = {}) {
  const l = lang();
  let text = dictionary[l][key];
  if (text === undefined) {
    text = dictionary.en[key];
  }
  if (text === undefined) {
    console.warn(`no text for ${key}`);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (m, p) => (params[p] !== undefined ? String(params[p]) : m));
}

/** True when a text exists for key (in the current language or English). */
export function hasText(key) {
  return dictionary[lang()][key] !== undefined || dictionary.en[key] !== undefined;
}

// ---- DOM -------------------------------------------------------------------------------------------------------

/**
 * Builds an element. attrs: 'class', 'text', event handlers as onclick/onkeydown (functions), booleans (true sets
 * the attribute, false/null leaves it out), anything else as an attribute. Children: nodes, strings and numbers (as
 * text nodes: data is never parsed as HTML), arrays, null/false (skipped).
 */
/**
 * Whether a URL may become a link or a source: relative URLs (the console's own routes) and http, https and blob (our
 * downloads). javascript:, data: and every other scheme are refused, whatever a webhook sent.
 */
export function safeUrl(value) {
  try {
    const url = new URL(String(value), document.baseURI);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'blob:';
  } catch (e) {
    return false;
  }
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) {
      continue;
    }
    if (k === 'class') {
      node.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
    } else if (k === 'text') {
      node.textContent = v;
    } else if (k === 'style') {
      node.style.cssText = v; // through the CSSOM: the Content-Security-Policy refuses style attributes (style-src 'self')
    } else if (k.startsWith('on') && typeof v === 'function') {
      node.addEventListener(k.slice(2).toLowerCase(), v);
    } else if (k === 'value' && 'value' in node) {
      node.value = v;
    } else if ((k === 'href' || k === 'src') && !safeUrl(v)) {
      continue; // a link from a webhook (profile, permalink) with another scheme becomes plain text
    } else if (v === true) {
      node.setAttribute(k, '');
    } else {
      node.setAttribute(k, String(v));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) {
      continue;
    }
    if (Array.isArray(c)) {
      append(node, c);
    } else if (c instanceof Node) {
      node.appendChild(c);
    } else {
      node.appendChild(document.createTextNode(String(c)));
    }
  }
}

/** A polite message for screen readers (the live region in index.html). */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) {
    return;
  }
  // Cleared first and set a moment later, so that the same message twice is read twice.
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}

// ---- formatting ------------------------------------------------------------------------------------------------

/** The current language's locale for Intl (da-DK, sv-SE, nb-NO, nn-NO, en-GB). */
export function locale() {
  return LOCALES[lang()];
}

/** A date and time in the current language, in the browser's time zone. */
export function formatDateTime(iso) {
  if (!iso) {
    return '';
  }
  return new Intl.DateTimeFormat(locale(), {dateStyle: 'medium', timeStyle: 'short'}).format(new Date(iso));
}

/** A duration such as "1 d 3 h" or "25 min" in the current language (the absolute value of seconds). */
export function formatDuration(seconds) {
  let s = Math.abs(Math.round(Number(seconds) || 0));
  const d = Math.floor(s / 86400); s -= d * 86400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  const parts = [];
  const unit = (value, u) => new Intl.NumberFormat(locale(), {style: 'unit', unit: u, unitDisplay: 'short'}).format(value);
  if (d) { parts.push(unit(d, 'day')); }
  if (h && parts.length < 2) { parts.push(unit(h, 'hour')); }
  if (m && parts.length < 2 && !d) { parts.push(unit(m, 'minute')); }
  if (!parts.length) { parts.push(unit(s, 'second')); }
  return parts.join(' ');
}
