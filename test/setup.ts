import { afterAll } from 'vitest';
import { removeTempFolders } from './helpers/temp.js';

// Every test process runs git without the developer's global or system configuration.
process.env.GIT_CONFIG_GLOBAL = '/dev/null';
process.env.GIT_CONFIG_NOSYSTEM = '1';
delete process.env.GIT_DIR;
delete process.env.GIT_WORK_TREE;

// The temporary registers a test file made are removed when it ends; a file of the hostile corpus
// makes hundreds, and on a loaded machine that takes longer than the ten seconds a hook is given.
afterAll(removeTempFolders, 120_000);
