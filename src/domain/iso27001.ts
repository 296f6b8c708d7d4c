// ISO/IEC 27001:2022 identifiers and short titles, from the project's reference data.
// Generated once from reference/*.csv; identifiers are facts used to check `requirement` and
// `criteria` references and to measure audit coverage.

export interface Clause {
  readonly id: string;
  readonly title: string;
}

export interface Control {
  readonly id: string;
  readonly theme: 'organizational' | 'people' | 'physical' | 'technological';
  readonly title: string;
}

export const CLAUSES: readonly Clause[] = [
  { id: '4.1', title: 'Understanding the organization and its context' },
  { id: '4.2', title: 'Understanding the needs and expectations of interested parties' },
  { id: '4.3', title: 'Determining the scope of the information security management system' },
  { id: '4.4', title: 'Information security management system' },
  { id: '5.1', title: 'Leadership and commitment' },
  { id: '5.2', title: 'Policy' },
  { id: '5.3', title: 'Organizational roles, responsibilities and authorities' },
  { id: '6.1', title: 'Actions to address risks and opportunities' },
  { id: '6.2', title: 'Information security objectives and planning to achieve them' },
  { id: '6.3', title: 'Planning of changes' },
  { id: '7.1', title: 'Resources' },
  { id: '7.2', title: 'Competence' },
  { id: '7.3', title: 'Awareness' },
  { id: '7.4', title: 'Communication' },
  { id: '7.5', title: 'Documented information' },
  { id: '8.1', title: 'Operational planning and control' },
  { id: '8.2', title: 'Information security risk assessment' },
  { id: '8.3', title: 'Information security risk treatment' },
  { id: '9.1', title: 'Monitoring, measurement, analysis and evaluation' },
  { id: '9.2', title: 'Internal audit' },
  { id: '9.3', title: 'Management review' },
  { id: '10.1', title: 'Continual improvement' },
  { id: '10.2', title: 'Nonconformity and corrective action' },
];

export const CONTROLS: readonly Control[] = [
  { id: 'A.5.1', theme: 'organizational', title: 'Policies for information security' },
  { id: 'A.5.2', theme: 'organizational', title: 'Information security roles and responsibilities' },
  { id: 'A.5.3', theme: 'organizational', title: 'Segregation of duties' },
  { id: 'A.5.4', theme: 'organizational', title: 'Management responsibilities' },
  { id: 'A.5.5', theme: 'organizational', title: 'Contact with authorities' },
  { id: 'A.5.6', theme: 'organizational', title: 'Contact with special interest groups' },
  { id: 'A.5.7', theme: 'organizational', title: 'Threat intelligence' },
  { id: 'A.5.8', theme: 'organizational', title: 'Information security in project management' },
  { id: 'A.5.9', theme: 'organizational', title: 'Inventory of information and other associated assets' },
  { id: 'A.5.10', theme: 'organizational', title: 'Acceptable use of information and other associated assets' },
  { id: 'A.5.11', theme: 'organizational', title: 'Return of assets' },
  { id: 'A.5.12', theme: 'organizational', title: 'Classification of information' },
  { id: 'A.5.13', theme: 'organizational', title: 'Labelling of information' },
  { id: 'A.5.14', theme: 'organizational', title: 'Information transfer' },
  { id: 'A.5.15', theme: 'organizational', title: 'Access control' },
  { id: 'A.5.16', theme: 'organizational', title: 'Identity management' },
  { id: 'A.5.17', theme: 'organizational', title: 'Authentication information' },
  { id: 'A.5.18', theme: 'organizational', title: 'Access rights' },
  { id: 'A.5.19', theme: 'organizational', title: 'Information security in supplier relationships' },
  { id: 'A.5.20', theme: 'organizational', title: 'Addressing information security within supplier agreements' },
  { id: 'A.5.21', theme: 'organizational', title: 'Managing information security in the ICT supply chain' },
  { id: 'A.5.22', theme: 'organizational', title: 'Monitoring, review and change management of supplier services' },
  { id: 'A.5.23', theme: 'organizational', title: 'Information security for use of cloud services' },
  { id: 'A.5.24', theme: 'organizational', title: 'Information security incident management planning and preparation' },
  { id: 'A.5.25', theme: 'organizational', title: 'Assessment and decision on information security events' },
  { id: 'A.5.26', theme: 'organizational', title: 'Response to information security incidents' },
  { id: 'A.5.27', theme: 'organizational', title: 'Learning from information security incidents' },
  { id: 'A.5.28', theme: 'organizational', title: 'Collection of evidence' },
  { id: 'A.5.29', theme: 'organizational', title: 'Information security during disruption' },
  { id: 'A.5.30', theme: 'organizational', title: 'ICT readiness for business continuity' },
  { id: 'A.5.31', theme: 'organizational', title: 'Legal, statutory, regulatory and contractual requirements' },
  { id: 'A.5.32', theme: 'organizational', title: 'Intellectual property rights' },
  { id: 'A.5.33', theme: 'organizational', title: 'Protection of records' },
  { id: 'A.5.34', theme: 'organizational', title: 'Privacy and protection of PII' },
  { id: 'A.5.35', theme: 'organizational', title: 'Independent review of information security' },
  {
    id: 'A.5.36',
    theme: 'organizational',
    title: 'Compliance with policies, rules and standards for information security',
  },
  { id: 'A.5.37', theme: 'organizational', title: 'Documented operating procedures' },
  { id: 'A.6.1', theme: 'people', title: 'Screening' },
  { id: 'A.6.2', theme: 'people', title: 'Terms and conditions of employment' },
  { id: 'A.6.3', theme: 'people', title: 'Information security awareness, education and training' },
  { id: 'A.6.4', theme: 'people', title: 'Disciplinary process' },
  { id: 'A.6.5', theme: 'people', title: 'Responsibilities after termination or change of employment' },
  { id: 'A.6.6', theme: 'people', title: 'Confidentiality or non-disclosure agreements' },
  { id: 'A.6.7', theme: 'people', title: 'Remote working' },
  { id: 'A.6.8', theme: 'people', title: 'Information security event reporting' },
  { id: 'A.7.1', theme: 'physical', title: 'Physical security perimeters' },
  { id: 'A.7.2', theme: 'physical', title: 'Physical entry' },
  { id: 'A.7.3', theme: 'physical', title: 'Securing offices, rooms and facilities' },
  { id: 'A.7.4', theme: 'physical', title: 'Physical security monitoring' },
  { id: 'A.7.5', theme: 'physical', title: 'Protecting against physical and environmental threats' },
  { id: 'A.7.6', theme: 'physical', title: 'Working in secure areas' },
  { id: 'A.7.7', theme: 'physical', title: 'Clear desk and clear screen' },
  { id: 'A.7.8', theme: 'physical', title: 'Equipment siting and protection' },
  { id: 'A.7.9', theme: 'physical', title: 'Security of assets off-premises' },
  { id: 'A.7.10', theme: 'physical', title: 'Storage media' },
  { id: 'A.7.11', theme: 'physical', title: 'Supporting utilities' },
  { id: 'A.7.12', theme: 'physical', title: 'Cabling security' },
  { id: 'A.7.13', theme: 'physical', title: 'Equipment maintenance' },
  { id: 'A.7.14', theme: 'physical', title: 'Secure disposal or re-use of equipment' },
  { id: 'A.8.1', theme: 'technological', title: 'User end point devices' },
  { id: 'A.8.2', theme: 'technological', title: 'Privileged access rights' },
  { id: 'A.8.3', theme: 'technological', title: 'Information access restriction' },
  { id: 'A.8.4', theme: 'technological', title: 'Access to source code' },
  { id: 'A.8.5', theme: 'technological', title: 'Secure authentication' },
  { id: 'A.8.6', theme: 'technological', title: 'Capacity management' },
  { id: 'A.8.7', theme: 'technological', title: 'Protection against malware' },
  { id: 'A.8.8', theme: 'technological', title: 'Management of technical vulnerabilities' },
  { id: 'A.8.9', theme: 'technological', title: 'Configuration management' },
  { id: 'A.8.10', theme: 'technological', title: 'Information deletion' },
  { id: 'A.8.11', theme: 'technological', title: 'Data masking' },
  { id: 'A.8.12', theme: 'technological', title: 'Data leakage prevention' },
  { id: 'A.8.13', theme: 'technological', title: 'Information backup' },
  { id: 'A.8.14', theme: 'technological', title: 'Redundancy of information processing facilities' },
  { id: 'A.8.15', theme: 'technological', title: 'Logging' },
  { id: 'A.8.16', theme: 'technological', title: 'Monitoring activities' },
  { id: 'A.8.17', theme: 'technological', title: 'Clock synchronization' },
  { id: 'A.8.18', theme: 'technological', title: 'Use of privileged utility programs' },
  { id: 'A.8.19', theme: 'technological', title: 'Installation of software on operational systems' },
  { id: 'A.8.20', theme: 'technological', title: 'Networks security' },
  { id: 'A.8.21', theme: 'technological', title: 'Security of network services' },
  { id: 'A.8.22', theme: 'technological', title: 'Segregation of networks' },
  { id: 'A.8.23', theme: 'technological', title: 'Web filtering' },
  { id: 'A.8.24', theme: 'technological', title: 'Use of cryptography' },
  { id: 'A.8.25', theme: 'technological', title: 'Secure development life cycle' },
  { id: 'A.8.26', theme: 'technological', title: 'Application security requirements' },
  { id: 'A.8.27', theme: 'technological', title: 'Secure system architecture and engineering principles' },
  { id: 'A.8.28', theme: 'technological', title: 'Secure coding' },
  { id: 'A.8.29', theme: 'technological', title: 'Security testing in development and acceptance' },
  { id: 'A.8.30', theme: 'technological', title: 'Outsourced development' },
  { id: 'A.8.31', theme: 'technological', title: 'Separation of development, test and production environments' },
  { id: 'A.8.32', theme: 'technological', title: 'Change management' },
  { id: 'A.8.33', theme: 'technological', title: 'Test information' },
  { id: 'A.8.34', theme: 'technological', title: 'Protection of information systems during audit testing' },
];

const clauseIds = new Set(CLAUSES.map((c) => c.id));
const controlIds = new Set(CONTROLS.map((c) => c.id));

/** Clause groups `4`…`10` and control themes `A.5`…`A.8` name every requirement they contain. */
const groups = new Map<string, string[]>();
for (const { id } of [...CLAUSES, ...CONTROLS]) {
  const group = id.slice(0, id.lastIndexOf('.'));
  groups.set(group, [...(groups.get(group) ?? []), id]);
}

export type RequirementKind = 'clause' | 'control' | 'group';

/** What a requirement id names, or undefined when ISO 27001:2022 has no such clause or control. */
export function requirementKind(id: string): RequirementKind | undefined {
  if (clauseIds.has(id)) return 'clause';
  if (controlIds.has(id)) return 'control';
  if (groups.has(id)) return 'group';
  return undefined;
}

/** The clauses and controls an id covers: itself, or every member of a group. */
export function expandRequirement(id: string): readonly string[] {
  return groups.get(id) ?? (requirementKind(id) ? [id] : []);
}

export function requirementTitle(id: string): string | undefined {
  return CLAUSES.find((c) => c.id === id)?.title ?? CONTROLS.find((c) => c.id === id)?.title;
}
