// cim.yaml's numbers stay within what date arithmetic and a register can mean, and two kinds never
// share an id prefix: either mistake makes cim.yaml invalid, so no command writes with it.
import { describe, expect, it } from 'vitest';
import { jsonSchema } from '../../src/domain/jsonschema.js';
import { BASE_CONFIG, check, rules } from '../helpers/register.js';

const config = (overrides: Record<string, unknown>) => ({ 'cim.yaml': { ...BASE_CONFIG, ...overrides } });
const policy = (over: Record<string, unknown>) => ({ policy: { ...BASE_CONFIG.policy, ...over } });

describe('numbers in cim.yaml', () => {
  it.each([
    [
      'respond days of 1e8',
      { deadlines: { major: { respond_days: 1e8 } } },
      'deadlines.major.respond_days',
      'days from 1 to 3650',
    ],
    [
      'close days of 1e8',
      { deadlines: { minor: { close_days: 1e8 } } },
      'deadlines.minor.close_days',
      'days from 1 to 3650',
    ],
    [
      'no days to respond',
      { deadlines: { major: { respond_days: 0 } } },
      'deadlines.major.respond_days',
      'days from 1 to 3650',
    ],
    [
      'a review gap of 1e8 days',
      { corrective_actions: { effectiveness_review_min_days: 1e8 } },
      'corrective_actions.effectiveness_review_min_days',
      'days from 0 to 3650',
    ],
    [
      'a negative review gap',
      { corrective_actions: { effectiveness_review_min_days: -1 } },
      'corrective_actions.effectiveness_review_min_days',
      'days from 0 to 3650',
    ],
    [
      'a cadence of 1e8 months',
      { management_review: { cadence_months: 1e8 } },
      'management_review.cadence_months',
      'months from 1 to 120',
    ],
    [
      'a policy review every 1e8 months',
      policy({ review_interval_months: 1e8 }),
      'policy.review_interval_months',
      'months from 1 to 120',
    ],
    [
      'a cycle of 1e5 years',
      { audit_programme: { cycle_years: 1e5 } },
      'audit_programme.cycle_years',
      'years from 1 to 10',
    ],
    ['exceptions of 1e8 days', { exceptions: { max_days: 1e8 } }, 'exceptions.max_days', 'days from 1 to 3650'],
  ])('%s is refused, naming the field and the range', async (_, overrides, field, range) => {
    const result = await check(config(overrides));
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.file).toBe('cim.yaml');
    expect(errors[0]!.message).toBe(`${field} must be a whole number of ${range}`);
    expect(result.register).toBeUndefined();
  });

  it.each([
    ['a fractional number of days', { deadlines: { major: { respond_days: 1.5 } } }],
    ['an infinite cadence', { management_review: { cadence_months: Infinity } }],
  ])('%s is refused', async (_, overrides) => {
    expect(rules(await check(config(overrides)), 'error')).toEqual(['schema/type']);
  });

  it('the bounds themselves are allowed, and give real dates', async () => {
    const result = await check(
      config({
        deadlines: { major: { respond_days: 3650, close_days: 3650 }, minor: { respond_days: 1, close_days: 1 } },
        corrective_actions: { effectiveness_review_min_days: 0 },
        management_review: { cadence_months: 120 },
        audit_programme: { cycle_years: 10 },
        exceptions: { max_days: 3650 },
        ...policy({ review_interval_months: 120 }),
      }),
    );
    expect(rules(result, 'error')).toEqual([]);
  });

  it('the JSON Schema carries the bounds, so editors flag them as they are typed', () => {
    const props = (node: unknown) => (node as { properties: Record<string, unknown> }).properties;
    const programme = props(props(jsonSchema('config')).audit_programme);
    expect(programme.cycle_years).toMatchObject({ type: 'integer', minimum: 1, maximum: 10 });
  });
});

describe('id prefixes', () => {
  it.each([
    [
      'a kind given the prefix of another',
      { ca: 'NC' },
      'prefixes.ca',
      'nc and ca records would both have the prefix NC',
    ],
    [
      'two kinds given one new prefix',
      { nc: 'X', ca: 'X' },
      'prefixes.ca',
      'nc and ca records would both have the prefix X',
    ],
    [
      'a default taken by a later kind',
      { exception: 'AUD' },
      'prefixes.exception',
      'audit and exception records would both have the prefix AUD',
    ],
    [
      'a default taken by an earlier kind',
      { audit: 'EXC' },
      'prefixes.audit',
      'audit and exception records would both have the prefix EXC',
    ],
  ])('%s makes cim.yaml invalid, naming both kinds', async (_, prefixes, field, message) => {
    const result = await check(config({ prefixes }));
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.rule, d.message])).toEqual([['config/duplicate-prefix', `${field}: ${message}`]]);
    expect(errors[0]!.line).toBeGreaterThan(1);
    // No register: every command that writes refuses an invalid cim.yaml.
    expect(result.register).toBeUndefined();
  });

  it('prefixes that only start alike do not collide: ids end in -NNNN', async () => {
    expect(rules(await check(config({ prefixes: { ca: 'NCA', ofi: 'N' } })), 'error')).toEqual([]);
  });

  it('two kinds may swap their prefixes', async () => {
    expect(rules(await check(config({ prefixes: { nc: 'CA', ca: 'NC' } })), 'error')).toEqual([]);
  });
});
