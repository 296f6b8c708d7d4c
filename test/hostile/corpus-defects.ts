// Hostile-corpus cases for mistakes a new user makes: an owner nobody is, a verb given to a record
// of another kind, event dates after today.
import type { HostileCase } from './corpus.js';

export const DEFECTS: Readonly<Record<string, readonly HostileCase[]>> = {
  'names that are nobody': [
    {
      name: 'cim list --owner with a misspelt person',
      args: ['list', '--owner', 'alcie'],
      code: 2,
      says: ['no person alcie in cim.yaml; did you mean alice?'],
    },
    {
      name: 'cim list --owner with a person nobody is near',
      args: ['list', 'nc', '--owner', 'zed'],
      code: 2,
      says: ['no person zed in cim.yaml', 'alice, bob, carol'],
      never: ['did you mean'],
    },
  ],
};
