// The page registry: every page module of the console, in navigation order. Each module is
// {id, route, roles, navKey, render(root, params), dispose()}; their texts are in ../../i18n/<lang>.json (see docs/console.md).
import queue from './queue.js';
import caseView from './case.js';
import signin from './signin.js';
import archive, {archiveRecord} from './archive.js';
import dashboard from './dashboard.js';
import connections from './connections.js';
import personalData from './personal-data.js';

export default [queue, caseView, archive, archiveRecord, dashboard, connections, personalData, signin];
