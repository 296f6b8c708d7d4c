// What each rule checks, in words a reader of a CI report can act on: a one-line summary, and a
// paragraph saying what the rule looks at, why an auditor cares and how to put it right. Reports
// that describe their rules (SARIF) read it, and so does the JUnit report, which lists for every
// file the rules that check files of its kind. A rule id in rule-ids.ts without an entry here is a
// test failure.
import { CONFIG_FILE } from '../config.js';
import type { Severity } from '../diagnostics.js';
import { KINDS } from '../kinds/index.js';
import * as R from './rule-ids.js';

export interface RuleHelp {
  /** One line: what the rule asks of the register. */
  readonly summary: string;
  /** What the rule checks, why it matters to an auditor and how to fix what it reports. */
  readonly help: string;
  /**
   * The files the rule checks, by kind name for record files and `cim.yaml` for the settings. A
   * rule that judges files beside the records (evidence, documents) checks none of these; it is
   * listed only where it finds something.
   */
  readonly checks: readonly string[];
  /** A check that runs only when asked for: `--docs`, or `--base`/`--history`. */
  readonly only?: 'docs' | 'history';
  /** What it reports unless --strict makes it an error: a warning, or an error. */
  readonly severity: Severity;
}

const RECORDS: readonly string[] = KINDS.map((k) => k.name);
const EVERY_FILE: readonly string[] = [...RECORDS, CONFIG_FILE];
const CONFIG: readonly string[] = [CONFIG_FILE];
/** The kinds that record whether something needed raising (`raised` or `none`). */
const RAISING: readonly string[] = ['incident', 'change', 'lrc', 'objective'];

const rule = (
  summary: string,
  help: string,
  checks: readonly string[],
  extra: { readonly only?: RuleHelp['only']; readonly severity?: Severity } = {},
): RuleHelp => ({
  summary,
  help,
  checks,
  ...(extra.only ? { only: extra.only } : {}),
  severity: extra.severity ?? 'error',
});

/** Policy compliance: warnings, errors with --strict. */
const policy = (summary: string, help: string, checks: readonly string[]): RuleHelp =>
  rule(summary, help, checks, { severity: 'warning' });

export const RULE_HELP: Readonly<Record<string, RuleHelp>> = {
  // Files and their YAML.
  [R.FILE_CONFLICT]: rule(
    'No merge conflict markers are left in a file.',
    "A merge left git's conflict markers (<<<<<<<, =======, >>>>>>>) in the file, so it holds two versions of the record and neither can be trusted as the record of what happened. Resolve the conflict keeping the steps taken on both sides, or abort the merge; when both branches created a record with the same id, renumber one of them with `cim renumber`.",
    EVERY_FILE,
  ),
  [R.FILE_EMPTY]: rule(
    'A record file holds a record.',
    'The file holds no record, so the id its name reserves stands for nothing an auditor could read. Write the record, starting with its id (`cim schema <kind>` lists the fields), or remove the file if it was created by mistake.',
    RECORDS,
  ),
  [R.FILE_ENCODING]: rule(
    'Files are UTF-8 text.',
    'A byte in the file is not valid UTF-8, so the text cannot be read as it was meant and different programs would show it differently. Save the file as UTF-8; the message names the first offending position.',
    EVERY_FILE,
  ),
  [R.FILE_EXTENSION]: rule(
    'Record files end in .yaml.',
    'cim reads records only from files ending in .yaml; a record saved as .yml, .txt or without an extension would silently drop out of the register and of every report. Rename the file to the id it holds followed by .yaml.',
    RECORDS,
  ),
  [R.FILE_ID_MISMATCH]: rule(
    "A record's id matches its file name.",
    'The id inside the file differs from the id its name gives, so references, history and documents would disagree about which record this is. Set the id to the file name, or give the record a new id consistently with `cim renumber`.',
    RECORDS,
  ),
  [R.FILE_LOCATION]: rule(
    'Records live directly in their kind’s folder.',
    'A record folder is not a real folder (a file, or a link to one), or a record sits in a sub-folder of its kind’s folder, where cim does not read it; the record would be absent from the register an auditor is shown. Move the file into its kind’s folder, or replace the folder with a real one.',
    RECORDS,
  ),
  [R.FILE_MORE_PROBLEMS]: rule(
    'Counts the problems of a file beyond the first 50 listed.',
    'At most 50 problems are listed per file; this one counts the rest, and is an error when any of them is. Fix the problems listed first: the rest often follow from them, and the next ones are listed once they are fixed.',
    EVERY_FILE,
  ),
  [R.FILE_NAME]: rule(
    'Record files are named after a record id.',
    'A file in a record folder is not named like an id (PREFIX-NNNN.yaml), so no reference can name it and no command will take a step on it. Rename it to the id it holds, with the prefix of its kind.',
    RECORDS,
  ),
  [R.FILE_NOT_MAPPING]: rule(
    'A record is a mapping of fields.',
    'The file parsed as YAML but holds a list or a single value instead of "field: value" lines, so it has no id, status or any other field. Write the record as a mapping of fields.',
    RECORDS,
  ),
  [R.FILE_SYMLINK]: rule(
    'Register files are plain files.',
    'The file is a symbolic link or a special file: what it shows can change without a commit to the register, so git would not hold the evidence. Replace it with the file itself.',
    EVERY_FILE,
  ),
  [R.FILE_TOO_LARGE]: rule(
    'Record files stay within the size limit.',
    'The file is larger than records are allowed to be (256 KiB). Records describe; evidence such as logs, exports or screenshots belongs beside them. Keep the evidence out of the record: attach it with `cim attach` or link to it.',
    EVERY_FILE,
  ),
  [R.FILE_UNREADABLE]: rule(
    'Every register file and folder can be read.',
    'The file or folder could not be read (permissions, or it vanished while being read), so its records were not checked at all. Check that it exists and that the user running cim may read it.',
    EVERY_FILE,
  ),
  [R.FILE_WRONG_FOLDER]: rule(
    "A record is in its kind's folder.",
    "The file's id has the prefix of another kind than the folder it is in, so it would be read with the wrong schema and missed where its kind is listed. Move it to the folder of its kind.",
    RECORDS,
  ),
  [R.YAML_ALIAS]: rule(
    'YAML anchors and aliases are not used.',
    'The file uses YAML aliases in a way that cannot be expanded safely: too many of them (an alias bomb), one that contains itself, or one standing for a key. Records never need aliases, and a reader of the file should see each value where it applies. Write values out in full.',
    EVERY_FILE,
  ),
  [R.YAML_DUPLICATE_KEY]: rule(
    'A key appears once in a mapping.',
    'The same field is written twice in one mapping; YAML readers disagree on which value wins, so the record would say different things to different programs. Keep one of them.',
    EVERY_FILE,
  ),
  [R.YAML_SYNTAX]: rule(
    'Files are valid YAML.',
    'The file cannot be parsed as YAML, so none of its fields can be checked or used. The message gives the position of the first error; fix the indentation, quoting or punctuation there.',
    EVERY_FILE,
  ),
  [R.YAML_UNKNOWN_TAG]: rule(
    'No unknown YAML tags are used.',
    'A value carries a YAML tag (such as !!python/object) that cim does not read: its meaning would depend on the program reading it. Remove the tag and write the value as plain text, a number or a date.',
    EVERY_FILE,
  ),

  // Schemas.
  [R.SCHEMA_DATE]: rule(
    'Dates are real calendar dates.',
    'A date field holds a date that does not exist (such as 2026-02-30) or a year outside 1900–9999, so every deadline worked out from it is wrong. Write the date as YYYY-MM-DD.',
    EVERY_FILE,
  ),
  [R.SCHEMA_EMPTY]: rule(
    'Text fields are not blank.',
    'A field is present but holds no text, which looks filled in while recording nothing. Write the text, or remove the line if the field is optional.',
    EVERY_FILE,
  ),
  [R.SCHEMA_FORMAT]: rule(
    'Values have the form their field asks for.',
    'A value does not have the form its field requires, such as an email address or an id pattern, so it cannot be used for what it names. The hint says the expected form.',
    EVERY_FILE,
  ),
  [R.SCHEMA_INVALID]: rule(
    "A value meets its field's condition.",
    'A value fails a condition of its schema that has no rule of its own. The message names the field and the condition; `cim schema <kind>` describes the field.',
    EVERY_FILE,
  ),
  [R.SCHEMA_MISSING_FIELD]: rule(
    'Required fields are present.',
    'A field every record of the kind needs is missing, so the record cannot show what the standard expects it to show. Add the field; the hint says what it holds.',
    EVERY_FILE,
  ),
  [R.SCHEMA_RAISED_OR_NONE]: rule(
    'What was raised, or why nothing was, is recorded one way.',
    'An incident, change, legal change or objective records the improvement it led to either as the NCs or OFIs raised or as `none` with the reason; both, neither, or an approval without `none` leaves the outcome unclear. Give either raised: [ids] or none: the reason (approved_by and presented_in go only with none).',
    RAISING,
  ),
  [R.SCHEMA_REQUIREMENT_NUMBER]: rule(
    'Clause and control ids are quoted.',
    'A clause or control id is written as a number, and YAML reads 9.10 as 9.1, so the record would name another requirement than the one meant. Quote it ("9.10"); the hint shows it as it was written.',
    EVERY_FILE,
  ),
  [R.SCHEMA_TOO_BIG]: rule(
    'Values stay within their maximum.',
    'A value is longer or larger than its field allows. Shorten it, or move long text to a field meant for it such as description or notes.',
    EVERY_FILE,
  ),
  [R.SCHEMA_TOO_SMALL]: rule(
    'Values reach their minimum.',
    'A value is shorter or smaller than its field allows, for example a list that must name at least one entry. The hint says what the field needs.',
    EVERY_FILE,
  ),
  [R.SCHEMA_TYPE]: rule(
    'Values have the right type.',
    'A value is of the wrong type (a number where text is expected, a list where a single value is). YAML reads unquoted 2026-03-31, yes or 1.10 as a date, a boolean or a number: quote such values when they are text.',
    EVERY_FILE,
  ),
  [R.SCHEMA_UNKNOWN_FIELD]: rule(
    'Only known fields are used.',
    'A field is not part of the kind’s schema, often a misspelling, so what it holds is ignored by every check and document. Use the field it was meant to be (the hint suggests the nearest one), or remove it.',
    EVERY_FILE,
  ),
  [R.SCHEMA_VALUE]: rule(
    'Values are among those allowed.',
    'A field holds a value outside its list of allowed values (a status, a grade, a type), so no lifecycle step or report knows what it means. Use one of the values the hint lists.',
    EVERY_FILE,
  ),
  [R.TEXT_BIDI]: rule(
    'Text holds no characters that reorder what is shown.',
    'Text holds a bidirectional override or isolate (such as U+202E), which makes a terminal, browser or document show the text in a different order than it is stored: a reviewer would approve words other than those recorded. Remove the character.',
    EVERY_FILE,
  ),
  [R.TEXT_CONTROL_CHARACTER]: rule(
    'Text holds no control characters.',
    'Text holds a control character (other than a line break), which a terminal may act on instead of showing, or which shows differently in every program. Remove it; write tabs as spaces.',
    EVERY_FILE,
  ),
  [R.TEXT_LINE_BREAK]: rule(
    'One-line fields are one line, and line breaks are ordinary.',
    'A one-line field (a title, a name, an id) holds a line break, or text holds a line break not every program shows as one (U+2028, U+0085, a lone carriage return). Write one-line fields on one line and use ordinary new lines in longer text.',
    EVERY_FILE,
  ),
  [R.CONFIG_DUPLICATE_ID]: rule(
    'People and areas in cim.yaml have unique ids.',
    'Two people or two areas in cim.yaml share an id, so every record naming it is ambiguous about who or what it means, and independence checks cannot be trusted. Give each entry its own id.',
    CONFIG,
  ),
  [R.CONFIG_DUPLICATE_PREFIX]: rule(
    'Each kind has its own id prefix.',
    'Two kinds are given the same id prefix in cim.yaml, so an id no longer says what kind of record it names. Give each kind its own prefix under prefixes.',
    CONFIG,
  ),
  [R.LIFECYCLE_MISSING]: rule(
    'A record has the fields its state requires.',
    'A record is in a state (for example closed or verified) without a field that the step into that state records, such as the closing date or the effectiveness review. An auditor reads the state as a claim that the step was taken; the field is the evidence. Take the step with cim, which records it, or add the field as it was done.',
    RECORDS,
  ),

  // A kind's own rules over several fields of one record.
  [R.AUDIT_AGREEMENT]: rule(
    'Client and supplier audits name their agreement.',
    'An audit of or by a client or supplier is conducted only under an agreement (a contract or NDA); recording it makes the right to audit, and what may be shared, traceable. Add agreement: the contract or NDA reference.',
    ['audit'],
  ),
  [R.AUDIT_BODY]: rule(
    'Certification audits name their certification body.',
    'A certification, surveillance or recertification audit is conducted by a certification body, which an auditor expects to find named with the audit. Add body: the certification body.',
    ['audit'],
  ),
  [R.AUDIT_FINDING_ACTION]: rule(
    'A finding is either raised or set aside, not both.',
    'A finding records both the NC or OFI it raised and a no_action reason for raising nothing, so it is unclear what was done about it. Keep raised or no_action, not both.',
    ['audit'],
  ),
  [R.AUDIT_FINDING_REF]: rule(
    "An audit's findings are numbered once each.",
    'Two findings of one audit share a reference (F1, F2, …), so a record raised from "AUD-x#F2" could mean either. Number the findings once each.',
    ['audit'],
  ),
  [R.EXCEPTION_EXPIRED_EARLY]: rule(
    'An exception ended before its expiry is revoked, not expired.',
    'An exception is recorded as expired on a date before its expires_on. Ending it early is a decision with a reason, which an auditor expects to find as a revocation. Revoke it with `cim exception revoke ID --reason …`.',
    ['exception'],
  ),
  [R.EXCEPTION_EXPIRY]: rule(
    'An exception expires after it is approved.',
    "An exception's expires_on is on or before its approval date, so it was never in force, or one of the dates is wrong. Set expires_on to a date after approval.",
    ['exception'],
  ),
  [R.MRT_ACTION_DONE]: rule(
    "A review's action marked done says when and how.",
    'An action of a management review is marked done without the date it was done or without evidence of substance, so the next review cannot report on its status (9.3.2 a). Mark it done with `cim mrt done MRT-… A1 --on YYYY-MM-DD --evidence …`, saying what shows it was done.',
    ['mrt'],
  ),
  [R.MRT_ACTION_REF]: rule(
    "A review's actions are numbered once each.",
    'Two actions of one management review share a reference (A1, A2, …), so their status cannot be followed up. Number the actions once each.',
    ['mrt'],
  ),
  [R.MRT_ATTENDEES]: rule(
    'Attendees are members of the review; others are guests.',
    'Someone listed as an attendee is not a member of the management review, or a person is listed both as attendee and guest. Who attended decides whether top management reviewed the ISMS. List members who attended as attendees and anyone else under guests (`--guests`).',
    ['mrt'],
  ),
  [R.MRT_CONCLUSION]: rule(
    'Approved minutes conclude on the ISMS.',
    'The minutes are approved without a conclusion, or with one too short to judge by, on the continuing suitability, adequacy and effectiveness of the ISMS, which clause 9.3.3 asks the review to decide. Approve with a conclusion of substance (`--conclusion`).',
    ['mrt'],
  ),
  [R.MRT_APPROVER]: rule(
    'Minutes are not approved by their only attendee.',
    'The minutes were approved by the only person who attended the review, so nobody else confirmed that they record what happened. Have another attendee approve them, or hold the review with the members it needs.',
    ['mrt'],
  ),
  [R.MRT_DECISIONS]: rule(
    'Approved minutes record a decision.',
    'A management review is approved with no decision recorded, while clause 9.3.3 asks it to decide on opportunities for improvement and any need for change. Record what was decided while the review is held (`cim mrt decide`, or `--decision` at hold).',
    ['mrt'],
  ),
  [R.MRT_INPUT_NOTES]: rule(
    "An input's notes say what was presented.",
    "The notes on an input of the review are a placeholder (n/a, none, -, tbd) although records were presented under it, so the minutes do not show what management considered. Say what was presented and discussed; `--from-agenda` takes the agenda's summary.",
    ['mrt'],
  ),
  [R.NC_JUSTIFICATION]: rule(
    'An NC that takes no corrective action says why.',
    'A nonconformity records that no corrective action is required but gives no justification of substance. Clause 10.2 asks for action to eliminate the cause unless it is not needed, and an auditor asks why. Say why no action is needed to stop it recurring (`--action-justification` at `cim nc analyse`).',
    ['nc'],
  ),
  [R.NC_ROOT_CAUSE]: rule(
    'A root cause says why, not what.',
    'The root cause restates the description or title (a symptom, not a cause) or is a placeholder such as "human error", "n/a" or "unknown" without a why. A corrective action can only remove a cause that was found. Say why it happened: the cause whose removal stops it recurring.',
    ['nc'],
  ),
  [R.OFI_DECISION]: rule(
    "An OFI's decision says who made it.",
    'The decision on an opportunity for improvement names neither the management review it was decided in nor the person who decided it, so nobody is accountable for it. Add decision.in (a review) or decision.by (a person).',
    ['ofi'],
  ),

  // Rules across records.
  [R.ID_DUPLICATE]: rule(
    'Every record has its own id.',
    'Two record files hold the same id, so references, history and reports cannot tell which record is meant. Give each record its own id (the file name is the id); `cim renumber` renumbers one.',
    RECORDS,
  ),
  [R.REF_AREA]: rule(
    'Areas named exist in cim.yaml.',
    'A field names an area that cim.yaml does not declare, so audit coverage and auditor independence cannot be judged for it. Declare the area under areas in cim.yaml, or use one that exists.',
    EVERY_FILE,
  ),
  [R.REF_DANGLING]: rule(
    'Referenced records exist.',
    'A field refers to a record id that does not exist in the register, so the trail an auditor follows (finding → NC → corrective action → review) breaks there. Correct the id; `cim list <kind>` lists the records.',
    RECORDS,
  ),
  [R.REF_FINDING]: rule(
    'Referenced audit findings exist.',
    'A reference names a finding (AUD-x#Fn) that the audit does not record, so the NC or OFI cannot be traced to what the auditor found. Add the finding to the audit (`cim audit finding`), or correct the reference.',
    RECORDS,
  ),
  [R.REF_PERSON]: rule(
    'People named exist in cim.yaml.',
    'A field names a person that cim.yaml does not declare, so roles, independence and competence cannot be checked for them. Declare the person under people in cim.yaml, or use an existing id.',
    EVERY_FILE,
  ),
  [R.REF_REQUIREMENT]: rule(
    'Requirements named are ISO 27001:2022 clauses or controls.',
    'A requirement id is not a clause (4.1–10.2) or an Annex A control (A.5.1–A.8.34) of ISO/IEC 27001:2022, so coverage and recurrence cannot count it. Use the clause or control meant.',
    EVERY_FILE,
  ),
  [R.REF_SOURCE]: rule(
    "A record's source names a record of the kind its type says.",
    'An NC or OFI gives a source type (an audit, an incident, a review) but its source.ref is missing or names a record of another kind, so the record cannot be traced to where it came from. Set source.ref to the record it came from, or correct source.type.',
    ['nc', 'ofi'],
  ),
  [R.REF_WRONG_KIND]: rule(
    'References name a record of the right kind.',
    'A field refers to a record that exists but is of another kind than the field expects (for example a corrective action naming an OFI as its NC), or names a finding of a record that is not an audit. Refer to a record of the kind the field names.',
    RECORDS,
  ),
  [R.DATE_ORDER]: rule(
    'Dates follow the lifecycle.',
    "A record's dates are out of order (closed before it was raised, reviewed before it was implemented), or a person's competence lapses before it was completed. Dates out of order mean one of them is wrong, and deadlines worked out from them are too. Correct the date; the hint gives the order.",
    EVERY_FILE,
  ),
  [R.DATE_FUTURE]: rule(
    'No event is dated after the day it is judged on.',
    'A record dates an event (raised, closed, reviewed, held) after today or --as-of, with a day of grace for time zones. Evidence of something that has not happened yet is no evidence. Record events once they have happened, or check the year.',
    RECORDS,
  ),
  [R.INDEPENDENCE_AUDITOR]: rule(
    'Internal auditors are independent of the areas they audit.',
    'The lead or another auditor of an internal audit works in or owns an audited area, named on the audit or derived from areas[].owns in cim.yaml. Clause 9.2.2 asks for auditors who ensure objectivity and impartiality. Choose another auditor, or a contracted one.',
    ['audit'],
  ),
  [R.INDEPENDENCE_CA_REVIEWER]: rule(
    'Nobody reviews the effectiveness of their own corrective action.',
    "A corrective action's effectiveness is reviewed by its own owner, or, for a major NC, by the NC's owner. A review by the person whose work is judged is not evidence that the cause was removed. Have someone else review it.",
    ['ca'],
  ),
  [R.CA_REVIEW_TOO_EARLY]: rule(
    'Effectiveness is reviewed after time has shown it.',
    'The effectiveness of a corrective action was reviewed fewer days after its implementation than corrective_actions.effectiveness_review_min_days in cim.yaml allows, too soon to show that the cause does not recur. Review it on or after the date the hint gives.',
    ['ca'],
  ),
  [R.NC_ACTIONS]: rule(
    'An NC is verified or closed only on effective actions.',
    'A nonconformity is verified or closed while its corrective actions are not all reviewed, none was reviewed as effective, one was found ineffective without the NC being reopened, or a review is dated in the future. Clause 10.2 asks that the effectiveness of actions is reviewed. Complete and review the actions, or reopen the NC.',
    ['nc'],
  ),
  [R.MRT_NOT_HELD]: rule(
    'Records name only held management reviews.',
    'An NC, audit or OFI says it was reported to, reviewed in or decided at a management review that has not been held, so what it claims did not happen yet. Hold the review first (`cim mrt hold`), or name one that was held.',
    ['nc', 'audit', 'ofi'],
  ),
  [R.MRT_DATE_ORDER]: rule(
    'What a review considered existed by then; what it allowed came after.',
    'A record names a management review held before the record existed (it could not have been presented there), or a step the review allowed is dated before the review. Name a review held at the right time, or correct the date.',
    ['nc', 'audit', 'ofi'],
  ),
  [R.MRT_TOP_MANAGEMENT]: rule(
    'Top management attends the management review.',
    'No attendee of a held management review holds the top-management role in cim.yaml. Clause 9.3 asks top management to review the ISMS; a review without it is not one. Record who attended, including top management, or give the role to the right people in cim.yaml.',
    ['mrt'],
  ),
  [R.MRT_NC_PRESENTED]: rule(
    'An NC reported to a review is among what it presented.',
    'An NC names a management review in reviewed_in, but that review does not list it among its items or inputs, so the minutes do not show management considered it. Name a review that presented it, or present it at the next review and close it there.',
    ['nc'],
  ),

  // Evidence attached to records.
  [R.EVIDENCE_MISSING]: rule(
    'Attached evidence is in the register.',
    "A record attaches a file that is missing, is not a plain file, or is not kept under evidence/<record id>/. The record's claim rests on that evidence, and an auditor asks to see it. Restore the file from git, or attach it again with `cim attach`.",
    RECORDS,
  ),
  [R.EVIDENCE_CHANGED]: rule(
    'Attached evidence is unchanged since it was attached.',
    'An attached file no longer has the size or hash recorded when it was attached, so it is not the evidence the record was judged on. Restore the original from git; if the new version is the evidence, attach it again with `cim attach`.',
    RECORDS,
  ),
  [R.EVIDENCE_UNREFERENCED]: rule(
    'Files under evidence/ are attached to a record.',
    'A file lies under evidence/ but no record attaches it, so nothing says what it is evidence of, and no change to it is noticed. Attach it to its record with `cim attach ID FILE`, or remove it.',
    [],
    { severity: 'warning' },
  ),
  [R.AUDIT_FINDINGS]: rule(
    'Every audit finding was acted on as its type requires.',
    'A major or minor finding raised no NC (or raised another kind of record), or an observation or OFI finding has neither an OFI raised nor a reason for raising none. An audit closes when its findings were followed up. Raise the record from the finding (`cim nc open --source-ref AUD-x#Fn`), or record why none is raised.',
    ['audit'],
  ),
  [R.EXCEPTION_TOO_LONG]: rule(
    'Exceptions are approved for no longer than the policy allows.',
    'An exception expires more days after its approval than exceptions.max_days in cim.yaml allows, so it outlives the period the policy lets a departure stand without review. Set expires_on within the limit, and renew the exception if it is still needed.',
    ['exception'],
  ),

  // The audit programme and auditors.
  [R.AUDIT_AREAS]: rule(
    'Internal audits name the areas they audit.',
    'An internal audit names no area, and no area in cim.yaml owns its criteria, so the independence of its auditors cannot be judged. Name the areas audited (`--areas`), or map clauses and controls to areas under areas[].owns in cim.yaml.',
    ['audit'],
  ),
  [R.INDEPENDENCE_ISMS_MANAGER]: rule(
    'The ISMS manager does not audit clauses 4–10.',
    'The ISMS manager is lead or auditor of an internal audit of clauses 4–10, the management system they run: nobody audits their own work (9.2.2). Choose another auditor, or a contracted internal auditor.',
    ['audit'],
  ),
  [R.COMPETENCE_LEAD_ROLE]: rule(
    'The lead of an internal audit is an internal auditor.',
    'The lead auditor of an internal audit does not hold the internal-auditor role in cim.yaml, so nothing shows they are competent to audit (7.2). Choose a lead who does, or add the role once they are trained.',
    ['audit'],
  ),
  [R.COMPETENCE_LEAD_LAPSED]: rule(
    "The lead auditor's competence is in date at fieldwork.",
    "Where people[].competence is recorded, the lead auditor's competence had lapsed when fieldwork began, or none was completed by then. An auditor asks for evidence of competence at the time (7.2). Record the renewal, or choose another lead.",
    ['audit'],
  ),

  // Nonconformities, corrective actions and audit findings.
  [R.NC_NO_ACTION]: rule(
    'Only a minor NC not raised by a certification body may go without corrective action.',
    'A major nonconformity, or one raised by a certification body, records that no corrective action is required. Those always need one: the body expects a plan, and a major NC a removed cause. Plan a corrective action (`cim ca plan --nc ID`) and record action_required: yes.',
    ['nc'],
  ),
  [R.NC_ACTION_WAIVER]: rule(
    'Closing an NC without action is approved by someone else, at a held review.',
    'An NC that took no corrective action was closed without a recorded approval, approved by its own owner, or accepted at a review that was not held or came after the closure. Closing without action is a management decision. Close it with `--action-waiver-approved-by` and `--action-waiver-accepted-in`.',
    ['nc'],
  ),
  [R.NC_CLOSED_LATE]: rule(
    'An NC closed after its deadline says why.',
    'A nonconformity closed after its close_by date without recording why (closed_late), or records closed_late although it closed in time. An auditor looks at late closures first. Record the reason with `--closed-late` at `cim nc close`, or remove closed_late.',
    ['nc'],
  ),
  [R.NC_EXTENSION]: rule(
    "An NC's deadline moves only through a recorded extension.",
    "An NC's close_by is later than the policy allows for its grade without an extension, an extension is approved by the NC's owner, gives no reason of substance, or the extensions do not chain from one close_by to the next. Record extensions with `cim nc extend ID --to D --reason … --approved-by P`.",
    ['nc'],
  ),
  [R.NC_CERTIFICATION]: rule(
    "An NC from a certification body records the body's reference and plan date.",
    "An NC raised by a certification body records neither the body's reference nor when its corrective action plan is due, or an NC from another source records such details. The body follows up by its own reference and deadline. Record certification.body_ref and plan_due, or correct the source.",
    ['nc'],
  ),
  [R.NC_FINDING_LINK]: rule(
    'An NC or OFI raised from a finding is the one that finding names.',
    'An NC or OFI gives AUD-x#Fn as its source, but the finding names another record, raises another kind, or names none. The trail from finding to action must read the same both ways. Raise it with `cim nc open --source-ref AUD-x#Fn` (or `cim ofi propose`), which writes both sides.',
    ['nc', 'ofi'],
  ),
  [R.CA_ADDRESSES]: rule(
    'A corrective action names the cause it removes.',
    "A corrective action's addresses field is a placeholder, so nothing says which cause it is meant to remove. Name the root cause it removes (`--addresses` at `cim ca plan`).",
    ['ca'],
  ),
  [R.CA_EVIDENCE]: rule(
    'Evidence of implementation and effectiveness says something checkable.',
    "A corrective action's evidence of implementation, or of its effectiveness, is one or two words or a placeholder, which shows an auditor nothing. Say what shows it: the change, document or record and where it is; for effectiveness, what was checked, over what period and what was found.",
    ['ca'],
  ),
  [R.CA_REPEATS_CORRECTION]: rule(
    'A corrective action is not the correction again.',
    "A corrective action repeats its NC's correction. A correction fixes the instance; a corrective action removes the cause so that it does not recur (10.2). Say what will remove the cause.",
    ['ca'],
  ),
  [R.AUDIT_DISMISSAL]: rule(
    "A certification body's OFI or observation is set aside only with a reason.",
    'An observation or OFI from a certification body is marked no_action with a reason too short to say why nothing is raised; the body will ask at the next audit. Say what already addresses it or why it does not apply, or raise an OFI from it.',
    ['audit'],
  ),

  // Incidents and the improvements they lead to.
  [R.INCIDENT_CLASSIFICATION]: rule(
    'An incident is classified before it is resolved.',
    'An incident is resolved or closed with no record of who assessed it as an event or an incident and when, or was classified before it was detected. A.5.25 asks for events to be assessed and decided on. Record the assessment (`--classification-as`, `--classification-by`, `--classification-on`).',
    ['incident'],
  ),
  [R.INCIDENT_IMPROVEMENT_DECISION]: rule(
    'A serious incident closed with nothing raised has an approved decision.',
    'A high or critical incident was closed with no NC or OFI raised, and the decision that none is needed is not approved by someone other than the owner or not presented at a held review. Raise an NC or OFI from it, or record the approval and the review (`--approved-by`, `--presented-in`).',
    ['incident'],
  ),
  [R.INCIDENT_LESSONS_LEARNED]: rule(
    'Lessons learned say what was learned.',
    "An incident's lessons learned are a placeholder or restate its description, while A.5.27 asks that knowledge gained from incidents strengthens the controls. Write what the organisation learned, so that it can act on it.",
    ['incident'],
  ),
  [R.INCIDENT_NOTIFICATION_UNSENT]: rule(
    'No incident closes owing a notification.',
    'An incident is closed while a notification it owed (to a regulator, customer or other party) is not recorded as sent. Record when the party was told before closing it.',
    ['incident'],
  ),
  [R.IMPROVEMENT_NONE_REASON]: rule(
    '"Nothing needed raising" says why.',
    'An incident, change, legal change or missed objective records that no NC or OFI was needed, with a reason that is a placeholder. An auditor checks the reason. Say why nothing needed raising, in a sentence that can be checked, or raise the NC or OFI.',
    RAISING,
  ),
  [R.INDEPENDENCE_CHANGE_APPROVER]: rule(
    'Nobody approves their own change.',
    'A change is approved by its owner or by the person responsible for it, so its risks were judged by the person who wants it. Have someone else approve it (`cim change approve ID --approved-by P`).',
    ['change'],
  ),
  [R.INDEPENDENCE_EXCEPTION_APPROVER]: rule(
    'Nobody approves their own exception to a policy.',
    'An exception is approved by the person who requested it or by its owner. Accepting a departure from policy is a decision for someone other than the one who benefits. Have someone else approve it (`cim exception approve ID --approved-by P`).',
    ['exception'],
  ),

  // Documents.
  [R.DOCS_STALE]: rule(
    'Committed documents are what cim generates now.',
    'With --docs: a document committed in docs/ differs from what cim generates from the register as of the date it states, so the document an auditor reads no longer agrees with the records. Regenerate it with the command in the hint and commit it.',
    [],
    { only: 'docs' },
  ),
  [R.DOCS_UNCHECKED]: rule(
    'Every file in docs/ can be checked.',
    'With --docs: a file in docs/ is not a document cim recognises, cannot be read, or cannot be generated from the register now, so nothing shows it agrees with the records. Replace it with the document cim generates, or remove it.',
    [],
    { only: 'docs', severity: 'warning' },
  ),

  // Policy compliance.
  [R.POLICY_NC_RESPONSE_OVERDUE]: policy(
    'NCs are corrected within the response time.',
    'A nonconformity passed the date by which the policy asks for a correction, and none is recorded. Contain the problem and record the correction.',
    ['nc'],
  ),
  [R.POLICY_NC_OVERDUE]: policy(
    'NCs close by their deadline.',
    'A nonconformity is still open past its close_by date. An auditor reads overdue NCs as a process that does not work. Complete it, or record an agreed extension with `cim nc extend`.',
    ['nc'],
  ),
  [R.POLICY_CA_OVERDUE]: policy(
    'Corrective actions keep their deadlines.',
    'A corrective action passed its due date for implementation or effectiveness review and has not taken that step. Take the step, or re-plan it with a new date.',
    ['ca'],
  ),
  [R.POLICY_NO_INTERNAL_AUDIT]: policy(
    'An internal audit is planned every year.',
    'No internal audit is planned for the current year (a new register has a grace period). Clause 9.2 asks for internal audits at planned intervals. Plan one with `cim audit plan --type internal`.',
    CONFIG,
  ),
  [R.POLICY_AUDIT_OVERDUE]: policy(
    'Planned audits start when planned.',
    'An audit planned for a month now past has not started. Start it, re-plan it, or cancel it with a reason.',
    ['audit'],
  ),
  [R.POLICY_AUDIT_UNREPORTED]: policy(
    'Conducted audits are reported.',
    "An audit's fieldwork ended but its results are not recorded. Clause 9.2.2 asks that results are reported to management. Record the report (`cim audit report`).",
    ['audit'],
  ),
  [R.POLICY_AUDIT_NOT_PRESENTED]: policy(
    'Audit results reach the management review.',
    'An audit was reported but not presented to a management review held since. Audit results are an input of the review (9.3.2). Present it at the next review and set reported_to.',
    ['audit'],
  ),
  [R.POLICY_REVIEW_OVERDUE]: policy(
    'The policy is reviewed on time.',
    'The policy was last reviewed longer ago than policy.review_interval_months in cim.yaml allows. Review it, then update policy.reviewed_on and its version history.',
    CONFIG,
  ),
  [R.POLICY_MRT_OVERDUE]: policy(
    'Management reviews are held at the planned cadence.',
    'No management review was held within the cadence cim.yaml sets. Clause 9.3 asks for reviews at planned intervals. Schedule and hold one (`cim mrt schedule`, `cim mrt hold`).',
    CONFIG,
  ),
  [R.POLICY_MRT_ACTION_STALE]: policy(
    'Review actions do not stay open across reviews.',
    'An action of a management review is still open after two or more later reviews, which the agenda escalates. Complete it and mark it done, or have the next review decide what replaces it.',
    ['mrt'],
  ),
  [R.POLICY_MRT_ACTION_OVERDUE]: policy(
    'Review actions are done by their due date.',
    'An action of a management review is past its due date and not done. Complete it and mark it done with `cim mrt done MRT-… A1 --evidence …`.',
    ['mrt'],
  ),
  [R.POLICY_EXCEPTION_EXPIRED]: policy(
    'Expired exceptions are not left approved.',
    "An exception's expiry date passed but it is still approved, so the register shows a departure from policy in force that nobody renewed. Record its expiry (`cim exception expire`) or renew it.",
    ['exception'],
  ),
  [R.POLICY_COVERAGE]: policy(
    'Internal audits cover clauses 4–10 and the applicable controls.',
    'Clauses or Annex A controls were not internally audited within the audit programme cycle (in the register’s first cycle, pro rata to the time elapsed). Only internal audits count. Plan audits with those criteria, or exclude a control in audit_programme.excluded_controls with the SoA reason.',
    CONFIG,
  ),
  [R.POLICY_NC_RECURRENCE]: policy(
    'A recurring NC names the earlier one.',
    'An NC was raised on a requirement after an earlier NC on it was closed, and its analysis does not name the earlier one: the earlier action may not have removed the cause. Consider why, and list the earlier NC under analysis.similar.refs.',
    ['nc'],
  ),
  [R.POLICY_STAGE2_READINESS]: policy(
    'Clauses 4–10 are audited and a review held before stage 2.',
    'With certification.stage2_on set: not every clause 4–10 is internally audited, or no management review is held, before the stage 2 audit (warned 90 days ahead). The certification body checks both. Plan the missing audits and the review before that date.',
    CONFIG,
  ),
  [R.POLICY_AUDIT_SCOPE]: policy(
    "An audit's criteria fit its fieldwork days.",
    'An audit claims more groups (clauses 4–10, themes A.5–A.8) than its fieldwork days allow at audit_programme.days_per_group, so its coverage is doubtful. Narrow its criteria to what was audited, correct the dates, or set days_per_group (0 turns it off).',
    ['audit'],
  ),
  [R.POLICY_AUDITOR_COMPETENCE]: policy(
    "A planned audit's lead will be competent when it takes place.",
    'The lead auditor of a planned audit has competence that lapses before it, or none completed by then. Arrange the renewal, or choose another lead.',
    ['audit'],
  ),
  [R.POLICY_NC_PLAN_OVERDUE]: policy(
    "The certification body's plan date is kept.",
    'The corrective action plan for an NC raised by a certification body was due to the body and its acceptance is not recorded. Send the plan, and record when the body accepted it (certification.plan_accepted_on).',
    ['nc'],
  ),
  [R.POLICY_NC_VERIFICATION_OVERDUE]: policy(
    "The certification body's verification date is kept.",
    'An NC raised by a certification body was to be verified by the body by a date now past, and no verification is recorded. Record when the body verified the corrective actions (certification.verified_on).',
    ['nc'],
  ),
  [R.POLICY_INCIDENT_NOTIFICATION_OVERDUE]: policy(
    'Incident notifications are sent by their deadline.',
    'An incident owed a party (a regulator, a customer) a notification by a date now past, and none is recorded as sent. Notify the party and record when.',
    ['incident'],
  ),
  [R.POLICY_INCIDENT_DETECTION_GAP]: policy(
    'A late-detected incident leads to a look at monitoring.',
    'An incident was detected more than 30 days after it occurred and no NC or OFI was raised about it: an auditor asks why monitoring missed it. Raise an OFI or NC from it, or close it with an approved decision that none is needed.',
    ['incident'],
  ),
  [R.POLICY_OBJECTIVE_PLACEHOLDER]: policy(
    "An active objective's measure and target can be evaluated.",
    "An active objective's measure or target is a placeholder, while clause 6.2 asks for objectives that are measurable. State how it is measured and what counts as achieved.",
    ['objective'],
  ),
  [R.POLICY_OBJECTIVE_REVIEW_OVERDUE]: policy(
    'Objectives are reviewed at their interval.',
    "An objective's progress has not been reviewed within objectives.review_interval_months (or its own interval). Review its progress with `cim objective review`.",
    ['objective'],
  ),
  [R.POLICY_OBJECTIVE_OVERDUE]: policy(
    'Objectives are evaluated by their due date.',
    'An objective is still active past the date it was due to be achieved. Record the outcome: achieved, or missed with the improvement it leads to.',
    ['objective'],
  ),
  [R.POLICY_OFI_UNDECIDED]: policy(
    'OFIs are decided in time.',
    'An opportunity for improvement has been proposed for longer than improvements.decide_within_days allows without a decision. Accept it with a due date, or reject it with a reason.',
    ['ofi'],
  ),
  [R.POLICY_OFI_OVERDUE]: policy(
    'Accepted OFIs are implemented by their due date.',
    'An accepted opportunity for improvement is past its due date and not implemented. Implement it and record the evidence, or re-plan it.',
    ['ofi'],
  ),
  [R.POLICY_CHANGE_UNREVIEWED]: policy(
    'Implemented changes are reviewed afterwards.',
    'A change was implemented more than 90 days ago and has had no post-implementation review, so nobody checked that it did what was planned without new risks (6.3). Review it and record what the review found.',
    ['change'],
  ),
  [R.POLICY_LRC_UNASSESSED]: policy(
    'Legal and regulatory changes are assessed when they take effect.',
    'A legal or regulatory change took effect and its effect on the ISMS has not been assessed. Assess it with `cim lrc assess`.',
    ['lrc'],
  ),
  [R.POLICY_VERSION_HISTORY]: policy(
    "The policy's version is the latest in its history.",
    'policy.version in cim.yaml is not the latest entry of policy.history, the history is empty, or one version appears twice. Document control (7.5.3) asks that the current version is identified. Add the entry, or correct the version or the dates.',
    CONFIG,
  ),
  [R.POLICY_VERSION_UNAPPROVED]: policy(
    'Every policy version is approved.',
    'A version in policy.history does not record who approved it or when: an unapproved policy is a draft (5.2, 7.5.2). Once it is approved, add approved_by and approved_on to that entry.',
    CONFIG,
  ),
  [R.POLICY_SELF_APPROVED]: policy(
    'Nobody approves their own policy text.',
    "The policy's approver is its owner, or a version is approved by its author, so nobody independent agreed to it. Name someone else, typically of top management, as approver.",
    CONFIG,
  ),
  [R.POLICY_SETTING_LIMIT]: policy(
    'Settings stay within what the policy can stand behind.',
    'A setting in cim.yaml is beyond its limit (review cadence over 12 months, audit cycle over 3 years, major NC closure over 90 days, effectiveness delay under 14 days, exceptions over 365 days, policy review over 12 months), so the policy would promise less than the standard expects. Set it within the limit, or record a departure with a reason and an approver other than the policy owner.',
    CONFIG,
  ),
  [R.POLICY_DEPARTURE]: policy(
    'Departures name a real setting beyond its limit, once.',
    'A departure in cim.yaml is recorded twice, names a setting that does not exist, or names one that is within its limit, so it excuses nothing. Remove it, or correct the setting it names.',
    CONFIG,
  ),

  // History in git.
  [R.HISTORY_DELETED]: rule(
    'Records are never deleted.',
    'With --base or --history: a commit deleted a record file. Records are evidence; a deleted one leaves a gap an auditor will ask about. Restore it from git and withdraw or cancel it instead; `cim renumber` gives a record a new id.',
    RECORDS,
    { only: 'history' },
  ),
  [R.HISTORY_FIELD_EDITED]: rule(
    'Fields change only with the step that records them.',
    'With --base or --history: a commit changed a field that the step taken (or no step) records, for example a closing date edited while the record stayed open. Take the step with cim, or revert the edit.',
    RECORDS,
    { only: 'history' },
  ),
  [R.HISTORY_FINAL_EDITED]: rule(
    'Final records are not edited.',
    'With --base or --history: a commit changed a record in a final state (closed, rejected, approved minutes). Final records are evidence. Record corrections in a new record, or revert the edit.',
    RECORDS,
    { only: 'history' },
  ),
  [R.HISTORY_IMPORTED]: rule(
    'A record brought in by cim import --migrate is named for review.',
    'With --base: a commit added a record in a state past its first, carrying imported: {from, on, by}, as cim import --migrate writes it. Its earlier steps were taken outside cim, so the history cannot vouch for them: the reviewer of the change compares the record with its source (the file named in imported.from) before it is merged. Nothing to fix when the import is right; once merged, --history does not repeat it.',
    RECORDS,
    { only: 'history', severity: 'warning' },
  ),
  [R.HISTORY_IMPORTED_EDITED]: rule(
    'Where an imported record came from is not rewritten.',
    'With --base or --history: a commit added imported to a record that already existed, or changed or removed it. The field says that a record was migrated, from which file, on which day and by whom; set later, it would pass a record off as migrated, and removed, it would hide that it was. Revert the edit: only cim import --migrate writes it, when it creates the record.',
    RECORDS,
    { only: 'history' },
  ),
  [R.HISTORY_INITIAL]: rule(
    'Records start in their first state.',
    'With --base or --history: a record first appears (or first has a valid status) in a state other than where its lifecycle starts, so the steps before it were never recorded. Create records with cim, then take each step.',
    RECORDS,
    { only: 'history' },
  ),
  [R.HISTORY_STATUS]: rule(
    'Every version of a record has one of its states.',
    'With --base or --history: a commit left a record without a status, or with one its kind does not have, so the lifecycle cannot be followed through it. Rewrite the commit so that the record keeps its status, and change it only with cim.',
    RECORDS,
    { only: 'history' },
  ),
  [R.HISTORY_TRANSITION]: rule(
    'Each status change is one legal step.',
    'With --base or --history: a commit (or a merge) moved a record between states that no single step connects, skipping steps the lifecycle requires. Take the steps one at a time with cim; resolve merges keeping the steps of both sides.',
    RECORDS,
    { only: 'history' },
  ),
  [R.HISTORY_UNCOMMITTED]: rule(
    'Changes not yet committed are named.',
    'With --base or --history: a record or cim.yaml has changes not yet committed, which the history check does not judge, so a clean result does not cover them. Commit (or stash) them and run the check again.',
    EVERY_FILE,
    { only: 'history', severity: 'warning' },
  ),

  [R.INTERNAL_RULE]: rule(
    'A rule failed: a bug in cim.',
    'A rule threw an error instead of reporting, so what it checks was not checked. This is a bug in cim; please report it with the record that triggers it.',
    CONFIG,
  ),
};

/** Every rule id, in the order of this catalogue: SARIF numbers the rules by it. */
export const RULE_IDS: readonly string[] = Object.keys(RULE_HELP);

/** The rules that check files of a kind (a kind name, or `cim.yaml`), given which optional checks ran. */
export function rulesChecking(target: string, ran: { readonly docs: boolean; readonly history: boolean }): string[] {
  return RULE_IDS.filter((id) => {
    const help = RULE_HELP[id]!;
    if (help.only && !ran[help.only]) return false;
    return help.checks.includes(target);
  });
}
