// Where a nonconformity or an opportunity for improvement came from. The seed names audits,
// incidents, changes, the management review, objective reviews and legal changes as the inputs
// to improvement; each source type names the kind of record its `ref` must point at.
import { z } from 'zod';
import { sourceRef } from '../fields.js';

export const SOURCE_KINDS = {
  'internal-audit': 'audit',
  'external-audit': 'audit',
  'client-audit': 'audit',
  incident: 'incident',
  change: 'change',
  'management-review': 'mrt',
  'objective-review': 'objective',
  'legal-change': 'lrc',
  'self-identified': undefined,
} as const satisfies Record<string, string | undefined>;

export type SourceType = keyof typeof SOURCE_KINDS;
const SOURCE_TYPES = Object.keys(SOURCE_KINDS) as [SourceType, ...SourceType[]];

export const source = (description: string) =>
  z
    .strictObject({
      type: z.enum(SOURCE_TYPES).describe(`How it was found: ${SOURCE_TYPES.join(', ')}`),
      ref: sourceRef(
        'The record it came from (AUD-0003, INC-0004…) or an audit finding (AUD-0003#F2); not used for self-identified',
      ).optional(),
    })
    .describe(description);
