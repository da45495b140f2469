// The page registry: every page module of the console, in navigation order. Each module is
// {id, route, roles, navKey, messages, render(root, params), dispose()} (see docs/console.md).
import queue from './queue.js';
import caseView from './case.js';
import signin from './signin.js';
import archive, {archiveRecord} from './archive.js';
import dashboard from './dashboard.js';

export default [queue, caseView, archive, archiveRecord, dashboard, signin];
