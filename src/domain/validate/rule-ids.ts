// Every rule id a diagnostic can carry, declared once. The ids are part of cim's interface: people
// look them up, CI annotations and SARIF name them, and documents count warnings by them. Code
// that emits or matches a rule imports its constant here rather than spelling the id again.

// Files and their YAML (src/io reads them).
export const FILE_CONFLICT = 'file/conflict';
export const FILE_EMPTY = 'file/empty';
export const FILE_ENCODING = 'file/encoding';
export const FILE_EXTENSION = 'file/extension';
export const FILE_ID_MISMATCH = 'file/id-mismatch';
export const FILE_LOCATION = 'file/location';
export const FILE_MORE_PROBLEMS = 'file/more-problems';
export const FILE_NAME = 'file/name';
export const FILE_NOT_MAPPING = 'file/not-mapping';
export const FILE_SYMLINK = 'file/symlink';
export const FILE_TOO_LARGE = 'file/too-large';
export const FILE_UNREADABLE = 'file/unreadable';
export const FILE_WRONG_FOLDER = 'file/wrong-folder';
export const YAML_ALIAS = 'yaml/alias';
export const YAML_DUPLICATE_KEY = 'yaml/duplicate-key';
export const YAML_SYNTAX = 'yaml/syntax';
export const YAML_UNKNOWN_TAG = 'yaml/unknown-tag';

// Each record against its kind's schema, and cim.yaml against its own.
export const SCHEMA_DATE = 'schema/date';
export const SCHEMA_EMPTY = 'schema/empty';
export const SCHEMA_FORMAT = 'schema/format';
export const SCHEMA_INVALID = 'schema/invalid';
export const SCHEMA_MISSING_FIELD = 'schema/missing-field';
export const SCHEMA_RAISED_OR_NONE = 'schema/raised-or-none';
export const SCHEMA_REQUIREMENT_NUMBER = 'schema/requirement-number';
export const SCHEMA_TOO_BIG = 'schema/too-big';
export const SCHEMA_TOO_SMALL = 'schema/too-small';
export const SCHEMA_TYPE = 'schema/type';
export const SCHEMA_UNKNOWN_FIELD = 'schema/unknown-field';
export const SCHEMA_VALUE = 'schema/value';
export const TEXT_BIDI = 'text/bidi';
export const TEXT_CONTROL_CHARACTER = 'text/control-character';
export const TEXT_LINE_BREAK = 'text/line-break';
export const CONFIG_DUPLICATE_ID = 'config/duplicate-id';
export const CONFIG_DUPLICATE_PREFIX = 'config/duplicate-prefix';
export const LIFECYCLE_MISSING = 'lifecycle/missing';

// A kind's own rules over several fields of one record.
export const AUDIT_AGREEMENT = 'audit/agreement';
export const AUDIT_BODY = 'audit/body';
export const AUDIT_FINDING_ACTION = 'audit/finding-action';
export const AUDIT_FINDING_REF = 'audit/finding-ref';
export const EXCEPTION_EXPIRED_EARLY = 'exception/expired-early';
export const EXCEPTION_EXPIRY = 'exception/expiry';
export const MRT_ACTION_DONE = 'mrt/action-done';
export const MRT_ACTION_REF = 'mrt/action-ref';
export const MRT_ATTENDEES = 'mrt/attendees';
export const MRT_INPUT_NOTES = 'mrt/input-notes';
export const MRT_DECISIONS = 'mrt/decisions';
export const MRT_CONCLUSION = 'mrt/conclusion';
export const MRT_APPROVER = 'mrt/approver';
export const NC_JUSTIFICATION = 'nc/justification';
export const NC_ROOT_CAUSE = 'nc/root-cause';
export const OFI_DECISION = 'ofi/decision';

// Rules across records.
export const ID_DUPLICATE = 'id/duplicate';
export const REF_AREA = 'ref/area';
export const REF_DANGLING = 'ref/dangling';
export const REF_FINDING = 'ref/finding';
export const REF_PERSON = 'ref/person';
export const REF_REQUIREMENT = 'ref/requirement';
export const REF_SOURCE = 'ref/source';
export const REF_WRONG_KIND = 'ref/wrong-kind';
export const DATE_ORDER = 'date/order';
export const DATE_FUTURE = 'date/future';
export const INDEPENDENCE_AUDITOR = 'independence/auditor';
export const INDEPENDENCE_CA_REVIEWER = 'independence/ca-reviewer';
export const CA_REVIEW_TOO_EARLY = 'ca/review-too-early';
export const NC_ACTIONS = 'nc/actions';
export const MRT_NOT_HELD = 'mrt/not-held';
export const MRT_DATE_ORDER = 'mrt/date-order';
export const MRT_TOP_MANAGEMENT = 'mrt/top-management';
export const MRT_NC_PRESENTED = 'mrt/nc-presented';

// Evidence attached to records, held by hash (`cim attach`).
export const EVIDENCE_MISSING = 'evidence/missing';
export const EVIDENCE_CHANGED = 'evidence/changed';
export const EVIDENCE_UNREFERENCED = 'evidence/unreferenced';
export const AUDIT_FINDINGS = 'audit/findings';
export const EXCEPTION_TOO_LONG = 'exception/too-long';

// The audit programme, and the objectivity and competence of auditors (9.2, 7.2).
export const AUDIT_AREAS = 'audit/areas';
export const INDEPENDENCE_ISMS_MANAGER = 'independence/isms-manager';
export const COMPETENCE_LEAD_ROLE = 'competence/lead-auditor-role';
export const COMPETENCE_LEAD_LAPSED = 'competence/lead-auditor-lapsed';

// Nonconformities, corrective actions and audit findings (10.2).
export const NC_NO_ACTION = 'nc/no-action';
export const NC_ACTION_WAIVER = 'nc/action-waiver';
export const NC_CLOSED_LATE = 'nc/closed-late';
export const NC_EXTENSION = 'nc/extension';
export const NC_CERTIFICATION = 'nc/certification';
export const NC_FINDING_LINK = 'nc/finding-link';
export const CA_ADDRESSES = 'ca/addresses';
export const CA_EVIDENCE = 'ca/evidence';
export const CA_REPEATS_CORRECTION = 'ca/repeats-correction';
export const AUDIT_DISMISSAL = 'audit/dismissal';

// Incidents, objectives, OFIs, changes, legal changes and exceptions (A.5.24–5.28, 6.2, 6.3, 10.1).
export const INCIDENT_CLASSIFICATION = 'incident/classification';
export const INCIDENT_IMPROVEMENT_DECISION = 'incident/improvement-decision';
export const INCIDENT_LESSONS_LEARNED = 'incident/lessons-learned';
export const INCIDENT_NOTIFICATION_UNSENT = 'incident/notification-unsent';
export const IMPROVEMENT_NONE_REASON = 'improvement/none-reason';
export const INDEPENDENCE_CHANGE_APPROVER = 'independence/change-approver';
export const INDEPENDENCE_EXCEPTION_APPROVER = 'independence/exception-approver';

// Document control and the register's settings (7.5).
export const DOCS_STALE = 'docs/stale';
export const DOCS_UNCHECKED = 'docs/unchecked';

/**
 * Policy-compliance rules share this prefix: warnings (errors with --strict) that the organisation
 * is behind on its policy. Other warnings (a capped file's "more problems") are not compliance.
 */
export const POLICY_RULES = 'policy/';
export const POLICY_NC_RESPONSE_OVERDUE = 'policy/nc-response-overdue';
export const POLICY_NC_OVERDUE = 'policy/nc-overdue';
export const POLICY_CA_OVERDUE = 'policy/ca-overdue';
export const POLICY_NO_INTERNAL_AUDIT = 'policy/no-internal-audit';
export const POLICY_AUDIT_OVERDUE = 'policy/audit-overdue';
export const POLICY_AUDIT_UNREPORTED = 'policy/audit-unreported';
export const POLICY_AUDIT_NOT_PRESENTED = 'policy/audit-not-presented';
export const POLICY_REVIEW_OVERDUE = 'policy/review-overdue';
export const POLICY_MRT_OVERDUE = 'policy/mrt-overdue';
export const POLICY_MRT_ACTION_STALE = 'policy/mrt-action-stale';
export const POLICY_MRT_ACTION_OVERDUE = 'policy/mrt-action-overdue';
export const POLICY_EXCEPTION_EXPIRED = 'policy/exception-expired';
export const POLICY_COVERAGE = 'policy/coverage';
export const POLICY_NC_RECURRENCE = 'policy/nc-recurrence';

// Policy: the audit programme.
export const POLICY_STAGE2_READINESS = 'policy/stage2-readiness';
export const POLICY_AUDIT_SCOPE = 'policy/audit-scope';
export const POLICY_AUDITOR_COMPETENCE = 'policy/auditor-competence';

// Policy: nonconformities and audit findings.
export const POLICY_NC_PLAN_OVERDUE = 'policy/nc-plan-overdue';
export const POLICY_NC_VERIFICATION_OVERDUE = 'policy/nc-verification-overdue';

// Policy: incidents, objectives, OFIs, changes and legal changes.
export const POLICY_INCIDENT_NOTIFICATION_OVERDUE = 'policy/incident-notification-overdue';
export const POLICY_INCIDENT_DETECTION_GAP = 'policy/incident-detection-gap';
export const POLICY_OBJECTIVE_PLACEHOLDER = 'policy/objective-placeholder';
export const POLICY_OBJECTIVE_REVIEW_OVERDUE = 'policy/objective-review-overdue';
export const POLICY_OBJECTIVE_OVERDUE = 'policy/objective-overdue';
export const POLICY_OFI_UNDECIDED = 'policy/ofi-undecided';
export const POLICY_OFI_OVERDUE = 'policy/ofi-overdue';
export const POLICY_CHANGE_UNREVIEWED = 'policy/change-unreviewed';
export const POLICY_LRC_UNASSESSED = 'policy/lrc-unassessed';

// Policy: document control and settings.
export const POLICY_VERSION_HISTORY = 'policy/version-history';
export const POLICY_VERSION_UNAPPROVED = 'policy/version-unapproved';
export const POLICY_SELF_APPROVED = 'policy/self-approved';
export const POLICY_SETTING_LIMIT = 'policy/setting-limit';
export const POLICY_DEPARTURE = 'policy/departure';

/** Whether a rule is one of the policy-compliance rules. */
export const isPolicyRule = (rule: string): boolean => rule.startsWith(POLICY_RULES);

// The history of the register in git (`cim validate --history`).
export const HISTORY_DELETED = 'history/deleted';
export const HISTORY_FIELD_EDITED = 'history/field-edited';
export const HISTORY_FINAL_EDITED = 'history/final-edited';
export const HISTORY_IMPORTED = 'history/imported';
export const HISTORY_IMPORTED_EDITED = 'history/imported-edited';
export const HISTORY_INITIAL = 'history/initial';
export const HISTORY_STATUS = 'history/status';
export const HISTORY_TRANSITION = 'history/transition';
export const HISTORY_UNCOMMITTED = 'history/uncommitted';

/** A rule that threw: a bug in cim, reported in place of the rule's diagnostics. */
export const INTERNAL_RULE = 'internal/rule';
