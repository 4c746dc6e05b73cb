/**
 * Members' corrections of coded events: other actors, another CAMEO code, another modality, or "not an event",
 * each with a reason. A correction is the store's override (`Store.addCorrection`), matched on the event's
 * sentence, actors and code, so it is applied again whenever the document is re-coded; its author is the
 * member's username and its note the reason.
 */
import type { Modality } from '../coder/event.js';
import { cameoEvent, isActorCode } from '../ontology/index.js';
import type { Correction, CorrectionInput, Store, StoredEvent } from '../store/store.js';

export type CorrectionKind = 'actors' | 'code' | 'modality' | 'not-event';

export interface CorrectionRequest {
  doc: string;
  event: number;
  kind: CorrectionKind;
  source?: string;
  target?: string;
  cameo?: string;
  modality?: Modality;
  reason: string;
}

export class CorrectionError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
    this.name = 'CorrectionError';
  }
}

function actorCode(value: string | undefined, side: string): string {
  const code = (value ?? '').trim().toUpperCase();
  if (!/^[A-Z0-9]{3,15}$/.test(code) || !isActorCode(code.slice(0, 3))) {
    throw new CorrectionError(400, `${side} "${value ?? ''}": a CAMEO actor code like USA, PRKGOV or RUSMIL`);
  }
  return code;
}

/** The fields a correction sets on the event, checked against the ontology. */
function correctedFields(request: CorrectionRequest, event: StoredEvent): CorrectionInput['fields'] {
  switch (request.kind) {
    case 'actors': {
      const source = request.source ? actorCode(request.source, 'source') : event.source;
      const target = request.target ? actorCode(request.target, 'target') : event.target;
      if (source === event.source && target === event.target)
        throw new CorrectionError(400, 'the actors are unchanged');
      return { source, target };
    }
    case 'code': {
      const info = cameoEvent((request.cameo ?? '').trim());
      if (info === undefined) throw new CorrectionError(400, `code "${request.cameo ?? ''}" is not a CAMEO event code`);
      return {
        cameo: info.code,
        cameo_name: info.name,
        root: info.root,
        quad: info.quad,
        goldstein: info.goldstein,
        plover: info.plover,
        direction: info.direction,
      };
    }
    case 'modality': {
      if (request.modality === undefined) throw new CorrectionError(400, 'give the modality');
      return { modality: request.modality };
    }
    default:
      // Not applied (the event goes); kept so `corrections export` can show what was wrongly coded.
      return {
        source: event.source,
        source_text: event.source_text,
        target: event.target,
        target_text: event.target_text,
        cameo: event.cameo,
        evidence: event.evidence,
      };
  }
}

/** Stores a member's correction of one event of a stored document. */
export async function correctEvent(store: Store, author: string, request: CorrectionRequest): Promise<Correction> {
  const stored = await store.getDocument(request.doc);
  if (stored === null) throw new CorrectionError(404, `no stored document ${request.doc}`);
  const event = stored.events.find((e) => e.id === request.event);
  if (event === undefined) throw new CorrectionError(404, `document ${request.doc} has no event ${request.event}`);
  const fields = correctedFields(request, event);
  return store.addCorrection({
    doc: request.doc,
    action: request.kind === 'not-event' ? 'delete' : 'replace',
    sentence: event.sentence,
    matchSource: event.source,
    matchTarget: event.target,
    matchCameo: event.cameo,
    fields,
    author,
    note: `${request.kind}: ${request.reason}`,
  });
}

/** The kind and reason a correction's note carries (`code: wrong verb`). */
export function correctionReason(correction: Correction): { kind: string; reason: string } {
  const match = /^(actors|code|modality|not-event): ([\s\S]*)$/.exec(correction.note ?? '');
  return match
    ? { kind: match[1] as string, reason: match[2] as string }
    : { kind: correction.action, reason: correction.note ?? '' };
}
