// Sign-in: OpenID Connect Authorization Code flow with PKCE (RFC 7636) against the provider in config.json — Entra ID
// or Keycloak in production, devstack's local stand-in on a developer's machine. The console is a public client: no
// secret; the one-time code verifier stays in this tab's sessionStorage until the provider sends the person back.
// Hand-written rather than an OIDC library: it is two redirects and one POST, and a library would be the console's
// only third-party script.
import {config, el, t, lang, setToken, announce} from '../core.js';

const PKCE_KEY = 'tingvakt.pkce';
let lastError = null;

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(size) {
  return base64url(crypto.getRandomValues(new Uint8Array(size)));
}

/** Where the provider sends the person back: the console's own page (it finishes the sign-in on load). */
export function redirectUri() {
  return new URL('./', document.baseURI).href;
}

/** Sends the browser to the provider; returnTo is the console route to open afterwards. */
export async function startSignIn(returnTo = '#/') {
  const oidc = config() && config().oidc;
  if (!oidc) {
    throw new Error('sign-in is not configured');
  }
  const verifier = randomString(48);
  const state = randomString(16);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({verifier, state, returnTo}));
  const url = new URL(oidc.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', oidc.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('scope', oidc.scope);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('ui_locales', lang());
  location.assign(url.href);
}

/**
 * Finishes a sign-in when the provider has sent the browser back with ?code=…&state=… (or ?error=…): checks the state,
 * exchanges the code and verifier for a token, keeps the token. Resolves to the route to open, or null when the page
 * was not opened by the provider.
 */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) {
    return null;
  }
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
  sessionStorage.removeItem(PKCE_KEY);
  // The code is single-use; take it out of the address bar and the history.
  history.replaceState(null, '', location.pathname + '#/signin');
  try {
    if (params.has('error')) {
      throw new Error(t('signin.error.provider', {detail: params.get('error_description') || params.get('error')}));
    }
    if (!saved || saved.state !== params.get('state')) {
      throw new Error(t('signin.error.state'));
    }
    const oidc = config().oidc;
    const response = await fetch(oidc.tokenEndpoint, {
      method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json'},
      body: new URLSearchParams({grant_type: 'authorization_code', code: params.get('code'),
        redirect_uri: redirectUri(), client_id: oidc.clientId, code_verifier: saved.verifier}),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok || !answer.access_token) {
      throw new Error(t('signin.error.token', {detail: answer.error_description || answer.error || response.status}));
    }
    setToken(answer.access_token);
    lastError = null;
    return saved.returnTo || '#/';
  } catch (e) {
    lastError = e.message;
    return '#/signin';
  }
}

/** Shows a reason on the sign-in page (session ended, signed out). */
export function signInNotice(text) {
  lastError = text;
}

export default {
  id: 'signin',
  route: '#/signin',
  roles: null, // open to everyone: it is where a person without a session lands
  navKey: null,
  render(root, params) {
    const configured = !!(config() && config().oidc);
    const button = el('button', {type: 'button', class: 'button primary', 'data-testid': 'signin-button',
      disabled: !configured, onclick: () => startSignIn(params.returnTo || '#/')}, t('signin.button'));
    root.replaceChildren(el('section', {class: 'signin card', 'aria-labelledby': 'page-title'},
      el('h1', {id: 'page-title', tabindex: '-1'}, t('signin.title')),
      el('p', {}, t('signin.intro')),
      lastError ? el('p', {class: 'notice error', role: 'alert', 'data-testid': 'signin-error'}, lastError) : null,
      configured ? null : el('p', {class: 'notice error', 'data-testid': 'signin-not-configured'}, t('signin.notConfigured')),
      el('p', {}, button)));
    if (lastError) {
      announce(lastError);
    }
  },
  dispose() {},
};
