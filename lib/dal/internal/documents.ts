import { renderToBuffer } from "@react-pdf/renderer";
import { createElement, type ReactElement } from "react";
import type { DocumentProps } from "@react-pdf/renderer";
import { eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { AppError } from "@/lib/errors";
import { storedDocuments } from "@/db/schema";
import { withChartImages } from "@/lib/documents/chart-images";
import { LegalDocumentPdf } from "@/lib/documents/pdf";
import { sha256Hex, type LegalDocument } from "@/lib/documents/model";

export interface StoredDocument {
  id: string;
  sha256: string;
  model: LegalDocument;
}

/**
 * Renders a legal document model to PDF bytes (the same renderer as every PDF download); its charts
 * (a progress report's goals) are drawn as images by the chart renderer process (`withChartImages`).
 */
export async function renderDocumentPdf(doc: LegalDocument): Promise<Uint8Array> {
  const element = createElement(LegalDocumentPdf, {
    doc: await withChartImages(doc),
  }) as unknown as ReactElement<DocumentProps>;
  return new Uint8Array(await renderToBuffer(element));
}

/**
 * Stores a document exactly as sent or shown for signature: its model, its PDF and the PDF's
 * SHA-256. Internal (no viewer): call it inside the caller's authorized, audited mutation, in the
 * same transaction (the demo seed passes a fixed `id`). Rows are insert-only (trigger `stored_documents_insert_only`).
 */
export async function storeDocument(
  tx: Executor,
  input: { id?: string; districtId: string; studentId: string; model: LegalDocument; createdBy: string | null },
): Promise<StoredDocument> {
  const pdf = await renderDocumentPdf(input.model);
  const sha256 = sha256Hex(pdf);
  const [row] = await tx
    .insert(storedDocuments)
    .values({
      ...(input.id ? { id: input.id } : {}),
      districtId: input.districtId,
      studentId: input.studentId,
      kind: input.model.kind,
      language: input.model.language === "es" ? "es" : "en",
      model: input.model as unknown as Record<string, unknown>,
      pdf,
      sha256,
      createdBy: input.createdBy,
    })
    .returning({ id: storedDocuments.id });
  return { id: row!.id, sha256, model: input.model };
}

/** A stored document by id (no viewer: the caller has authorized access to what it belongs to). */
export async function loadStoredDocument(
  db: Executor,
  id: string,
): Promise<{ id: string; studentId: string; sha256: string; model: LegalDocument; pdf: Uint8Array } | null> {
  const [row] = await db
    .select({
      id: storedDocuments.id,
      studentId: storedDocuments.studentId,
      sha256: storedDocuments.sha256,
      model: storedDocuments.model,
      pdf: storedDocuments.pdf,
    })
    .from(storedDocuments)
    .where(eq(storedDocuments.id, id));
  return row ? { ...row, model: row.model as unknown as LegalDocument } : null;
}

/**
 * The PDF of a stored document exactly as it was stored, for a download the caller has authorized;
 * NOT_FOUND when the record has no document (e.g. a notice not sent yet) or the row is missing.
 */
export async function storedPdf(id: string | null | undefined): Promise<{ pdf: Uint8Array; sha256: string }> {
  const stored = id ? await loadStoredDocument(getDb(), id) : null;
  if (!stored) throw new AppError("NOT_FOUND");
  return { pdf: stored.pdf, sha256: stored.sha256 };
}
