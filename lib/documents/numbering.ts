/**
 * 文号 of issued documents: per organisation, document type and year, sequential and never reused
 * (e.g. 示范政信答〔2026〕12号). The counter row of `document_sequences` is incremented with one
 * INSERT … ON CONFLICT DO UPDATE … RETURNING, which takes the row lock until the surrounding transaction
 * ends: concurrent issuers queue on it, and a rolled-back issue releases its number together with the
 * document that would have carried it, so no number is ever skipped by a failure nor given twice.
 */
import type { Tx } from '@/lib/db';
import type { DocumentType } from '@/lib/generated/prisma/enums';

export interface DocumentNumberRequest {
  orgId: number;
  /** Organisation abbreviation (Organisation.docPrefix), e.g. 示范政信. */
  docPrefix: string;
  type: DocumentType;
  /** Type letter from the template (DocumentTemplate.numberTag), e.g. 答. */
  tag: string;
  /** Year of the issue date (Chinese calendar day). */
  year: number;
}

export function formatDocumentNumber(parts: { docPrefix: string; tag: string; year: number; seq: number }): string {
  return `${parts.docPrefix}${parts.tag}〔${parts.year}〕${parts.seq}号`;
}

/** Takes the next number. Must run inside the transaction that issues the document. */
export async function nextDocumentNumber(tx: Tx, req: DocumentNumberRequest): Promise<{ seq: number; docNumber: string }> {
  const rows = await tx.$queryRaw<{ last_seq: number }[]>`
    INSERT INTO document_sequences (org_id, type, year, last_seq)
    VALUES (${req.orgId}, ${req.type}::"DocumentType", ${req.year}, 1)
    ON CONFLICT (org_id, type, year) DO UPDATE SET last_seq = document_sequences.last_seq + 1
    RETURNING last_seq`;
  const seq = Number(rows[0].last_seq);
  return { seq, docNumber: formatDocumentNumber({ docPrefix: req.docPrefix, tag: req.tag, year: req.year, seq }) };
}
