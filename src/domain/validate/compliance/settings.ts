// Settings that defeat the policy: a cim.yaml can make every deadline so loose that nothing is
// ever overdue. Each setting below has the limit beyond which an auditor would question it; a
// setting beyond its limit is a warning unless cim.yaml records the departure with a reason of
// substance and who approved it. A departure that is not needed, or names no such setting, is a
// warning too, so the list says only what is true.
import { CONFIG_FILE, type Config } from '../../config.js';
import { saysTooLittle } from '../substance.js';
import { warn, type Rule } from '../rule.js';
import { POLICY_DEPARTURE, POLICY_SETTING_LIMIT } from '../rule-ids.js';

type Departure = Config['departures'][number];

export interface SettingLimit {
  /** The setting's dotted path in cim.yaml, as a departure names it. */
  readonly setting: string;
  readonly unit: 'day' | 'month' | 'year';
  /** The value is beyond the limit when above `max` or below `min`. */
  readonly max?: number;
  readonly min?: number;
  /** Why the limit is where it is, as an auditor would put it. */
  readonly why: string;
}

export const SETTING_LIMITS: readonly SettingLimit[] = [
  {
    setting: 'policy.review_interval_months',
    unit: 'month',
    max: 12,
    why: 'a policy is reviewed at planned intervals, and an auditor expects at least one review a year (5.2, 7.5)',
  },
  {
    setting: 'management_review.cadence_months',
    unit: 'month',
    max: 12,
    why: 'top management reviews the ISMS at planned intervals, and an auditor expects at least one review a year (9.3)',
  },
  {
    setting: 'audit_programme.cycle_years',
    unit: 'year',
    max: 3,
    why: 'the whole ISMS is audited internally within each three-year certification cycle (9.2)',
  },
  {
    setting: 'deadlines.major.close_days',
    unit: 'day',
    max: 90,
    why: 'a certification body expects a major nonconformity corrected and closed within about 90 days (10.2)',
  },
  {
    setting: 'corrective_actions.effectiveness_review_min_days',
    unit: 'day',
    min: 14,
    why: 'an action reviewed sooner has not run long enough to show whether it removed the cause (10.2 e)',
  },
  {
    setting: 'exceptions.max_days',
    unit: 'day',
    max: 365,
    why: 'an exception approved for longer than a year outlives the yearly review of the risk it accepts (A.5.36)',
  },
];

/** The value of a dotted setting path in the settings as read (defaults filled in). */
export function settingValue(config: Config, setting: string): unknown {
  let value: unknown = config;
  for (const segment of setting.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, segment))
      return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** 1 day, 18 months. */
const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** Whether a value of the setting is beyond its limit. */
export const isBeyond = (limit: SettingLimit, value: number): boolean =>
  (limit.max !== undefined && value > limit.max) || (limit.min !== undefined && value < limit.min);

/** The limit in words: at most 12 months, at least 14 days. */
export const bound = (limit: SettingLimit): string =>
  limit.max !== undefined ? `at most ${count(limit.max, limit.unit)}` : `at least ${count(limit.min!, limit.unit)}`;

/** Words a departure's reason needs, so that "n/a" or "agreed" is no reason. */
const REASON_WORDS = 4;

/** What is wrong with a departure as a recorded way out, or undefined when it is one. */
function departureDefect(d: Departure, owner: string): string | undefined {
  if (saysTooLittle(d.reason, REASON_WORDS)) return `gives no reason of substance ("${d.reason}")`;
  if (d.approved_by === undefined) return 'names no approver';
  if (d.approved_by === owner) return `is approved by the policy's own owner, ${owner}`;
  return undefined;
}

const departureExample = (setting: string) =>
  `departures: [{ setting: ${setting}, reason: "why the organisation departs from it", approved_by: <person id> }]`;

/** Each setting beyond its limit, unless a departure with a reason and an approver covers it. */
export const settingLimits: Rule = (register) =>
  SETTING_LIMITS.flatMap((limit) => {
    const value = settingValue(register.config, limit.setting);
    if (typeof value !== 'number' || !isBeyond(limit, value)) return [];
    const recorded = register.config.departures.filter((d) => d.setting === limit.setting);
    const defects = recorded.map((d) => departureDefect(d, register.config.policy.owner));
    if (recorded.length > 0 && defects.some((d) => d === undefined)) return [];
    const because = defects.length > 0 ? `; the departure recorded for it ${defects[0]!}` : '';
    return [
      warn(
        CONFIG_FILE,
        POLICY_SETTING_LIMIT,
        limit.setting.split('.'),
        `${limit.setting} is ${count(value, limit.unit)}, beyond the ${bound(limit)} the policy can stand behind: ${limit.why}${because}`,
        `set ${limit.setting} within the limit in ${CONFIG_FILE}, or record the departure there: ${departureExample(limit.setting)}`,
      ),
    ];
  });

/** Departures that depart from nothing: no such setting, no limit on it, or within its limit. */
export const departures: Rule = (register) => {
  const seen = new Set<string>();
  return register.config.departures.flatMap((d, i) => {
    const at = ['departures', i, 'setting'];
    const say = (message: string, hint: string) => [warn(CONFIG_FILE, POLICY_DEPARTURE, at, message, hint)];
    const remove = `remove that departure from ${CONFIG_FILE}`;
    if (seen.has(d.setting))
      return say(
        `the departure from ${d.setting} is recorded twice`,
        `keep one departure for ${d.setting} in ${CONFIG_FILE}`,
      );
    seen.add(d.setting);
    const limit = SETTING_LIMITS.find((l) => l.setting === d.setting);
    const value = settingValue(register.config, d.setting);
    if (!limit) {
      const known = typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
      return say(
        known
          ? `the departure names ${d.setting}, a setting cim sets no limit on, so it departs from nothing`
          : `the departure names ${d.setting}, which is not a setting of ${CONFIG_FILE}`,
        `name one of ${SETTING_LIMITS.map((l) => l.setting).join(', ')}, or ${remove}`,
      );
    }
    if (typeof value === 'number' && !isBeyond(limit, value))
      return say(
        `the departure from ${d.setting} is not needed: it is ${count(value, limit.unit)}, within the ${bound(limit)} the policy expects`,
        remove,
      );
    return [];
  });
};
