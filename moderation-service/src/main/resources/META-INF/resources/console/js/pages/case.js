// Placeholder while the page is being built (issue 7, SHELL).
import {el, t} from '../core.js';

export default {
  id: 'case',
  route: '#/case/:id',
  roles: ['moderator', 'editor', 'admin'],
  navKey: null,
  messages: {da: {}, sv: {}, nb: {}, nn: {}, en: {}},
  render(root) {
    root.replaceChildren(el('h1', {id: 'page-title', tabindex: '-1'}, t('nav.queue')));
  },
  dispose() {},
};
