// Policy compliance of document control and settings (7.5): the policy's version is the latest of
// its recorded history, each version records who approved it and when, and no one approves what
// they own or wrote. Warnings placed in cim.yaml at the setting, so they name the line to edit;
// errors with --strict. cim.yaml is edited by hand and no step guards it, so these are not guards.
import { CONFIG_FILE, type Config } from '../../config.js';
import { warn, type Rule } from '../rule.js';
import { POLICY_SELF_APPROVED, POLICY_VERSION_HISTORY, POLICY_VERSION_UNAPPROVED } from '../rule-ids.js';
import { departures, settingLimits } from './settings.js';

type HistoryEntry = Config['policy']['history'][number];

/** The history's latest entry: the latest date, and of entries of one date the last written. */
export function latestVersion(history: readonly HistoryEntry[]): { entry: HistoryEntry; index: number } | undefined {
  let latest: { entry: HistoryEntry; index: number } | undefined;
  history.forEach((entry, index) => {
    if (!latest || entry.date >= latest.entry.date) latest = { entry, index };
  });
  return latest;
}

const historyHint = (version: string) =>
  `add an entry for it to policy.history in ${CONFIG_FILE}: { version: "${version}", date, author, changes, approved_by, approved_on }`;

/** The version the policy states is the one its history records last, and each version once. */
export const versionHistory: Rule = (register) => {
  const { version, history } = register.config.policy;
  const latest = latestVersion(history);
  const out = [];
  if (!latest) {
    out.push(
      warn(
        CONFIG_FILE,
        POLICY_VERSION_HISTORY,
        ['policy', 'version'],
        `the policy is at version ${version} and its version history is empty: nothing records what the version is, who approved it or when`,
        historyHint(version),
      ),
    );
  } else if (latest.entry.version !== version) {
    const recorded = history.some((h) => h.version === version);
    out.push(
      warn(
        CONFIG_FILE,
        POLICY_VERSION_HISTORY,
        ['policy', 'version'],
        `the policy states version ${version}, but the latest entry of its history is version ${latest.entry.version} of ${latest.entry.date}${recorded ? ` (${version} is an older entry)` : ''}: the document does not say which text is in force`,
        recorded
          ? `set policy.version to "${latest.entry.version}" in ${CONFIG_FILE}, or correct the dates in policy.history`
          : historyHint(version),
      ),
    );
  }
  const seen = new Set<string>();
  history.forEach((h, i) => {
    if (seen.has(h.version))
      out.push(
        warn(
          CONFIG_FILE,
          POLICY_VERSION_HISTORY,
          ['policy', 'history', i, 'version'],
          `version ${h.version} of the policy appears more than once in its history: two texts under one version`,
          `give each version its own number in policy.history in ${CONFIG_FILE}`,
        ),
      );
    seen.add(h.version);
  });
  return out;
};

/** Each version of the policy records who approved it and when (7.5.2 c). */
export const versionApproval: Rule = (register) =>
  register.config.policy.history.flatMap((h, i) => {
    const missing = [h.approved_by ? '' : 'who approved it', h.approved_on ? '' : 'when'].filter(Boolean);
    if (missing.length === 0) return [];
    const field = h.approved_by ? 'approved_on' : 'approved_by';
    return [
      warn(
        CONFIG_FILE,
        POLICY_VERSION_UNAPPROVED,
        ['policy', 'history', i, field],
        `version ${h.version} of the policy does not record ${missing.join(' or ')}: an unapproved policy is a draft`,
        `once it is approved, add approved_by (a person id) and approved_on (YYYY-MM-DD) to that entry of policy.history in ${CONFIG_FILE}`,
      ),
    ];
  });

/** No one approves a policy they own, nor a version they wrote (5.3, A.5.3). */
export const policySeparation: Rule = (register) => {
  const { owner, approver, history } = register.config.policy;
  const out = [];
  if (approver === owner)
    out.push(
      warn(
        CONFIG_FILE,
        POLICY_SELF_APPROVED,
        ['policy', 'approver'],
        `the policy's approver is its owner, ${owner}: the person accountable for the policy approves it themselves`,
        `name someone else as policy.approver in ${CONFIG_FILE}, typically of top management`,
      ),
    );
  const latest = latestVersion(history);
  history.forEach((h, i) => {
    if (h.approved_by === undefined) return;
    const role =
      h.approved_by === h.author ? 'its author' : i === latest?.index && h.approved_by === owner ? 'its owner' : '';
    if (!role) return;
    out.push(
      warn(
        CONFIG_FILE,
        POLICY_SELF_APPROVED,
        ['policy', 'history', i, 'approved_by'],
        `version ${h.version} of the policy was approved by ${role}, ${h.approved_by}: no one approves their own text`,
        `record the approval of someone other than the owner and the author (policy.approver) in ${CONFIG_FILE}`,
      ),
    );
  });
  return out;
};

export const DOCUMENT_COMPLIANCE: readonly Rule[] = [
  versionHistory,
  versionApproval,
  policySeparation,
  settingLimits,
  departures,
];
