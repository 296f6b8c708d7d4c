// The agenda of a management review; its sections, one per clause 9.3.2 input, are in agenda/.
export {
  agendaModel,
  agendaPeriod,
  type AgendaModel,
  type AgendaSection,
  type AgendaTable,
  type Period,
} from './agenda/index.js';
