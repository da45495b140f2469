// The console's frame: reads the settings, finishes a sign-in, draws the header (navigation by role, language, user)
// and routes hash addresses (#/queue, #/case/:id, ...) to the page modules of pages/index.js.
import {loadConfig, loadTexts, hasText, session, hasRole, t, lang, setLang, onLangChange, el, announce, onUnauthorized,
  clearSession, config, languages} from './core.js';
import pages from './pages/index.js';
import {completeSignIn, signInNotice} from './pages/signin.js';

let current = null; // {page, key}
let expiryTimer = null;

function compile(route) {
  const names = [];
  const pattern = route.replace(/^#/, '').replace(/:(\w+)/g, (m, name) => { names.push(name); return '([^/?]+)'; });
  return {regex: new RegExp(`^${pattern}$`), names};
}

const routes = pages.map(page => ({page, ...compile(page.route)}));

/** The route of the hash: {page, params} (params has the path parameters and `query`, a URLSearchParams). */
function resolve(hash) {
  const [path, query = ''] = (hash || '').replace(/^#/, '').split('?');
  for (const r of routes) {
    const m = r.regex.exec(path);
    if (m) {
      const params = {query: new URLSearchParams(query)};
      r.names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); });
      return {page: r.page, params};
    }
  }
  return null;
}

function mayUse(page) {
  return page.roles === null || page.roles === undefined || (session() && hasRole(...page.roles));
}

/** The first page in the navigation the person may use (moderators: the queue; archivists: the archive). */
function home() {
  const page = pages.find(p => p.navKey && mayUse(p));
  return page ? page.route : (session() ? '#/home' : '#/signin');
}

function renderHeader() {
  document.documentElement.lang = lang();
  document.querySelectorAll('[data-i18n]').forEach(n => { n.textContent = t(n.dataset.i18n); });
  const s = session();
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('app.mainNav'));
  const active = current && current.page;
  const links = s ? pages.filter(p => p.navKey && mayUse(p)) : [];
  nav.replaceChildren(el('ul', {}, links.map(p => el('li', {},
    el('a', {href: p.route, 'data-testid': `nav-${p.id}`,
      'aria-current': active && (active === p || (p.id === 'queue' && active.id === 'case') || (p.id === 'archive' && active.id === 'archive-record')) ? 'page' : null},
    t(p.navKey))))));

  const select = el('select', {id: 'language', 'data-testid': 'language-select',
    onchange: e => setLang(e.target.value)},
  languages.map(l => el('option', {value: l, lang: l, selected: l === lang()}, nativeName(l))));
  const user = document.getElementById('user');
  user.replaceChildren(...[
    el('div', {class: 'language'}, el('label', {for: 'language'}, t('app.language')), select),
    s ? el('div', {class: 'who', 'data-testid': 'user-name'},
      el('span', {class: 'who-name'}, s.name),
      el('span', {class: 'who-roles'}, s.roles.map(r => t(`role.${r}`)).join(', '))) : null,
    s ? el('button', {type: 'button', class: 'button quiet', 'data-testid': 'signout', onclick: signOut},
      t('app.signOut')) : null].filter(Boolean));
}

function nativeName(l) {
  return {da: 'Dansk', sv: 'Svenska', nb: 'Norsk bokmål', nn: 'Norsk nynorsk', en: 'English'}[l];
}

function signOut() {
  const oidc = config() && config().oidc;
  clearSession();
  if (oidc && oidc.endSessionEndpoint) {
    const url = new URL(oidc.endSessionEndpoint);
    url.searchParams.set('client_id', oidc.clientId);
    url.searchParams.set('post_logout_redirect_uri', new URL('./', document.baseURI).href);
    location.assign(url.href);
    return;
  }
  signInNotice(t('app.signedOut'));
  location.hash = '#/signin';
}

function sessionEnded() {
  clearSession();
  signInNotice(t('app.sessionEnded'));
  const back = current && current.page && current.page.id !== 'signin' ? location.hash : '#/';
  sessionStorage.setItem('tingvakt.returnTo', back);
  if (location.hash === '#/signin') {
    route(true);
  } else {
    location.hash = '#/signin';
  }
}

function watchExpiry() {
  clearTimeout(expiryTimer);
  const s = session();
  if (s && s.expiresAt) {
    expiryTimer = setTimeout(sessionEnded, Math.max(0, s.expiresAt.getTime() - Date.now()));
  }
}

function route(force = false) {
  const hash = location.hash || '#/';
  if (!force && current && current.key === hash) {
    return; // already showing it (a hash set by the page itself, or a replace after sign-in)
  }
  const resolved = resolve(hash);
  const main = document.getElementById('main');
  if (!resolved && hash === '#/home' && session()) {
    // Signed in, but no page of the console is for these roles (yet): say so rather than show nothing.
    show(null, () => main.replaceChildren(el('h1', {id: 'page-title', tabindex: '-1'}, t('app.home.title')),
      el('p', {'data-testid': 'home-empty'}, t('app.home.nothing'))), hash);
    return;
  }
  if (!resolved) {
    if (hash === '#/' || hash === '#' || hash === '') {
      location.replace(session() ? home() : '#/signin');
      return;
    }
    show(null, () => main.replaceChildren(el('h1', {id: 'page-title', tabindex: '-1'}, t('app.notFound.title')),
      el('p', {}, t('app.notFound.text'))));
    return;
  }
  const {page, params} = resolved;
  if (page.roles !== null && page.roles !== undefined && !session()) {
    sessionStorage.setItem('tingvakt.returnTo', hash);
    location.replace('#/signin');
    return;
  }
  if (page.id === 'signin' && session()) {
    location.replace(home());
    return;
  }
  if (!mayUse(page)) {
    show(null, () => main.replaceChildren(el('h1', {id: 'page-title', tabindex: '-1'}, t('app.notAllowed.title')),
      el('p', {'data-testid': 'not-allowed'}, t('app.notAllowed.text'))));
    return;
  }
  if (page.id === 'signin') {
    params.returnTo = sessionStorage.getItem('tingvakt.returnTo') || '#/';
  }
  show(page, () => page.render(main, params), hash);
}

function show(page, draw, key = null) {
  if (current && current.page && current.page.dispose) {
    try { current.page.dispose(); } catch (e) { console.error(e); }
  }
  current = {page, key};
  renderHeader();
  draw();
  const heading = document.getElementById('page-title');
  document.title = heading ? `${heading.textContent} – Tingvakt` : 'Tingvakt';
  // Move focus to the new page's heading, so keyboard and screen-reader users start at the top of what changed.
  if (heading) {
    if (!heading.hasAttribute('tabindex')) {
      heading.setAttribute('tabindex', '-1');
    }
    heading.focus({preventScroll: false});
  }
}

async function start() {
  // The skip link must not change the hash (the hash is the route): it moves the focus to the main content.
  document.querySelector('.skip-link').addEventListener('click', e => {
    e.preventDefault();
    document.getElementById('main').focus();
  });
  onUnauthorized(sessionEnded);
  onLangChange(() => { route(true); announce(nativeName(lang())); });
  try {
    await Promise.all([loadTexts(), loadConfig()]);
  } catch (e) {
    document.getElementById('main').replaceChildren(el('h1', {id: 'page-title'}, 'Tingvakt'),
      el('p', {class: 'notice error', role: 'alert'}, hasText('app.error') ? t('app.error', {detail: e.message}) : e.message));
    return;
  }
  const returnTo = await completeSignIn();
  if (returnTo) {
    sessionStorage.removeItem('tingvakt.returnTo');
    location.replace(returnTo === '#/signin' ? '#/signin' : returnTo);
  }
  watchExpiry();
  window.addEventListener('hashchange', () => { watchExpiry(); route(); });
  route();
}

start();
