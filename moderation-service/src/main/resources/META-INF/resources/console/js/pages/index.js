// The page registry: every page module of the console, in navigation order. Each module is
// {id, route, roles, navKey, messages, render(root, params), dispose()} (see docs/console.md).
import queue from './queue.js';
import caseView from './case.js';
import signin from './signin.js';
// archive.js and dashboard.js come with the PAGES work; they are added here when they exist:
// import archive from './archive.js';
// import dashboard from './dashboard.js';

export default [queue, caseView, signin];
