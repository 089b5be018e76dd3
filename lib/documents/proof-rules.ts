/**
 * Which letters have a 送达回证 (issue 11 item 5): pure, shared by the case page and lib/documents/case-records.ts.
 */
import type { DeliveryMethod, DocumentType } from '@/lib/generated/prisma/enums';

/** Letters a 送达回证 exists for: every issued letter but the receipt (handed over with the application). */
export function hasDeliveryProof(doc: { type: DocumentType; status: string }): boolean {
  return doc.status === 'issued' && doc.type !== 'receipt';
}

/** Methods a paper 送达回证 is printed for: letters sent by post or handed over. */
export const PAPER_DELIVERY_METHODS: readonly DeliveryMethod[] = ['post', 'in_person'];
