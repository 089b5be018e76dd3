-- CreateEnum
CREATE TYPE "Role" AS ENUM ('applicant', 'clerk', 'reviewer', 'admin');

-- CreateEnum
CREATE TYPE "ApplicantType" AS ENUM ('natural_person', 'commercial_enterprise', 'research_institution', 'public_welfare_org', 'legal_service_org', 'other_org');

-- CreateEnum
CREATE TYPE "Outcome" AS ENUM ('granted', 'partially_granted', 'denied_state_secret', 'denied_prohibited_by_law', 'denied_three_securities_one_stability', 'denied_third_party_rights', 'denied_internal_affairs', 'denied_process_information', 'denied_law_enforcement_file', 'denied_administrative_inquiry', 'unavailable_not_held', 'unavailable_requires_creation', 'unavailable_unclear_after_correction', 'not_processed_petition_complaint', 'not_processed_repeat', 'not_processed_publication', 'not_processed_excessive', 'not_processed_confirm_or_reissue', 'other_no_correction', 'other_fee_unpaid', 'other_misc', 'other_processing');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('online', 'email', 'fax', 'post_signed', 'post_unsigned', 'in_person', 'oral_recorded', 'other');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('pending_confirmation', 'in_progress', 'awaiting_correction', 'consulting', 'awaiting_fee', 'pending_approval', 'answered', 'delivered', 'closed', 'archived');

-- CreateEnum
CREATE TYPE "CaseSource" AS ENUM ('portal', 'staff', 'import');

-- CreateEnum
CREATE TYPE "IdDocType" AS ENUM ('resident_id', 'passport', 'other');

-- CreateEnum
CREATE TYPE "RequestedForm" AS ENUM ('paper', 'electronic');

-- CreateEnum
CREATE TYPE "DeliveryMethod" AS ENUM ('post', 'email', 'in_person', 'online_download');

-- CreateEnum
CREATE TYPE "OrgKind" AS ENUM ('government_office', 'department', 'town', 'other');

-- CreateEnum
CREATE TYPE "ConsultationKind" AS ENUM ('third_party', 'agency', 'internal');

-- CreateEnum
CREATE TYPE "DocumentType" AS ENUM ('answer', 'correction_notice', 'extension_notice', 'consultation_letter', 'fee_notice', 'delayed_answer_notice', 'receipt');

-- CreateEnum
CREATE TYPE "DocumentStatus" AS ENUM ('draft', 'pending_approval', 'approved', 'issued', 'withdrawn');

-- CreateEnum
CREATE TYPE "AppealKind" AS ENUM ('administrative_review', 'litigation_direct', 'litigation_after_review');

-- CreateEnum
CREATE TYPE "AppealResult" AS ENUM ('upheld', 'corrected', 'other', 'pending');

-- CreateEnum
CREATE TYPE "AttachmentPurpose" AS ENUM ('application_file', 'correction_file', 'disclosed_file', 'generated_document', 'other');

-- CreateEnum
CREATE TYPE "CalendarDayKind" AS ENUM ('holiday', 'workday');

-- CreateEnum
CREATE TYPE "OutboxChannel" AS ENUM ('email', 'sms');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'held', 'sent', 'failed');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "organisations" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "doc_prefix" TEXT NOT NULL,
    "kind" "OrgKind" NOT NULL DEFAULT 'department',
    "parent_id" INTEGER,
    "path" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organisations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "mobile" TEXT,
    "password_hash" TEXT NOT NULL,
    "org_id" INTEGER,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_buckets" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "reset_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_buckets_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "cases" (
    "id" UUID NOT NULL,
    "tracking_no" TEXT NOT NULL,
    "access_code_hash" TEXT,
    "submission_key" TEXT,
    "source" "CaseSource" NOT NULL DEFAULT 'portal',
    "org_id" INTEGER NOT NULL,
    "applicant_user_id" UUID,
    "applicant_type" "ApplicantType" NOT NULL,
    "applicant_name" TEXT NOT NULL,
    "id_doc_type" "IdDocType",
    "id_number_enc" TEXT,
    "id_number_masked" TEXT,
    "legal_representative" TEXT,
    "contact_person" TEXT,
    "mobile" TEXT,
    "email" TEXT,
    "postal_address" TEXT,
    "postal_code" TEXT,
    "description" TEXT NOT NULL,
    "document_ref" TEXT,
    "requested_form" "RequestedForm" NOT NULL DEFAULT 'electronic',
    "delivery_method" "DeliveryMethod" NOT NULL DEFAULT 'online_download',
    "channel" "Channel" NOT NULL,
    "arrived_at" TIMESTAMPTZ(3),
    "confirmed_at" TIMESTAMPTZ(3),
    "confirmation_note" TEXT,
    "received_on" DATE,
    "status" "CaseStatus" NOT NULL,
    "outcome" "Outcome",
    "concluded_on" DATE,
    "assigned_clerk_id" UUID,
    "delayed_answer_by" DATE,
    "retention_note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_events" (
    "id" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "actor_id" UUID,
    "actor_role" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "from_status" "CaseStatus",
    "to_status" "CaseStatus",
    "data" JSONB NOT NULL DEFAULT '{}',
    "is_public" BOOLEAN NOT NULL DEFAULT false,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "correction_requests" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "requested_on" DATE NOT NULL,
    "items" TEXT NOT NULL,
    "period_days" INTEGER NOT NULL,
    "period_ends_on" DATE NOT NULL,
    "corrected_on" DATE,
    "response_text" TEXT,
    "lapsed_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "correction_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consultations" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "kind" "ConsultationKind" NOT NULL,
    "party" TEXT NOT NULL,
    "topic" TEXT,
    "sent_on" DATE NOT NULL,
    "received_by_party_on" DATE,
    "replied_on" DATE,
    "opinion" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consultations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "extensions" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "days" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approved_by_id" UUID,
    "approved_on" DATE,
    "rejected_at" TIMESTAMPTZ(3),

    CONSTRAINT "extensions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fee_notices" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "amount_yuan" DECIMAL(12,2) NOT NULL,
    "method" TEXT NOT NULL,
    "basis" TEXT NOT NULL,
    "issued_on" DATE NOT NULL,
    "received_on" DATE,
    "payment_due_on" DATE NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(3),
    "paid_on" DATE,
    "lapsed_on" DATE,

    CONSTRAINT "fee_notices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "documents" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "type" "DocumentType" NOT NULL,
    "status" "DocumentStatus" NOT NULL DEFAULT 'draft',
    "doc_number" TEXT,
    "outcome" "Outcome",
    "reason" TEXT,
    "legal_basis" TEXT,
    "remedy_notice" TEXT,
    "body" TEXT NOT NULL,
    "is_separated" BOOLEAN NOT NULL DEFAULT false,
    "confidentiality_review_by_id" UUID,
    "confidentiality_review_at" TIMESTAMPTZ(3),
    "drafted_by_id" UUID NOT NULL,
    "approved_by_id" UUID,
    "approved_at" TIMESTAMPTZ(3),
    "issued_on" DATE,
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "document_sequences" (
    "org_id" INTEGER NOT NULL,
    "type" "DocumentType" NOT NULL,
    "year" INTEGER NOT NULL,
    "last_seq" INTEGER NOT NULL,

    CONSTRAINT "document_sequences_pkey" PRIMARY KEY ("org_id","type","year")
);

-- CreateTable
CREATE TABLE "document_templates" (
    "id" UUID NOT NULL,
    "org_id" INTEGER,
    "type" "DocumentType" NOT NULL,
    "number_tag" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "document_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deliveries" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "document_id" UUID,
    "method" "DeliveryMethod" NOT NULL,
    "delivered_on" DATE NOT NULL,
    "postal_tracking_no" TEXT,
    "receipt_note" TEXT,
    "recorded_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attachments" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "document_id" UUID,
    "purpose" "AttachmentPurpose" NOT NULL,
    "filename" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "is_public" BOOLEAN NOT NULL DEFAULT false,
    "uploaded_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attachments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_transfers" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "from_org_id" INTEGER NOT NULL,
    "to_org_id" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "by_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_transfers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "calendar_days" (
    "date" DATE NOT NULL,
    "kind" "CalendarDayKind" NOT NULL,
    "name" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "calendar_days_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "calendar_years" (
    "year" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "loaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "calendar_years_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "appeals" (
    "id" UUID NOT NULL,
    "case_id" UUID,
    "org_id" INTEGER NOT NULL,
    "kind" "AppealKind" NOT NULL,
    "filed_on" DATE NOT NULL,
    "body" TEXT NOT NULL,
    "result" "AppealResult" NOT NULL DEFAULT 'pending',
    "decided_on" DATE,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "appeals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proactive_figures" (
    "org_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "proactive_figures_pkey" PRIMARY KEY ("org_id","year")
);

-- CreateTable
CREATE TABLE "period_locks" (
    "org_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "is_locked" BOOLEAN NOT NULL,
    "locked_by_id" UUID,
    "locked_at" TIMESTAMPTZ(3),
    "unlock_reason" TEXT,

    CONSTRAINT "period_locks_pkey" PRIMARY KEY ("org_id","year")
);

-- CreateTable
CREATE TABLE "outbox_messages" (
    "id" UUID NOT NULL,
    "channel" "OutboxChannel" NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "case_id" UUID,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" UUID,
    "type" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "jobs" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "params" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB,
    "output" BYTEA,
    "error" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "organisations_code_key" ON "organisations"("code");

-- CreateIndex
CREATE INDEX "organisations_parent_id_idx" ON "organisations"("parent_id");

-- CreateIndex
CREATE INDEX "organisations_path_idx" ON "organisations"("path");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "users_mobile_key" ON "users"("mobile");

-- CreateIndex
CREATE INDEX "users_org_id_role_idx" ON "users"("org_id", "role");

-- CreateIndex
CREATE UNIQUE INDEX "cases_tracking_no_key" ON "cases"("tracking_no");

-- CreateIndex
CREATE UNIQUE INDEX "cases_submission_key_key" ON "cases"("submission_key");

-- CreateIndex
CREATE INDEX "cases_org_id_status_created_at_idx" ON "cases"("org_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "cases_org_id_received_on_idx" ON "cases"("org_id", "received_on");

-- CreateIndex
CREATE INDEX "cases_org_id_concluded_on_idx" ON "cases"("org_id", "concluded_on");

-- CreateIndex
CREATE INDEX "cases_status_created_at_idx" ON "cases"("status", "created_at");

-- CreateIndex
CREATE INDEX "cases_assigned_clerk_id_status_idx" ON "cases"("assigned_clerk_id", "status");

-- CreateIndex
CREATE INDEX "cases_applicant_user_id_created_at_idx" ON "cases"("applicant_user_id", "created_at");

-- CreateIndex
CREATE INDEX "cases_received_on_idx" ON "cases"("received_on");

-- CreateIndex
CREATE INDEX "cases_concluded_on_idx" ON "cases"("concluded_on");

-- CreateIndex
CREATE INDEX "case_events_case_id_id_idx" ON "case_events"("case_id", "id");

-- CreateIndex
CREATE INDEX "case_events_occurred_at_idx" ON "case_events"("occurred_at");

-- CreateIndex
CREATE INDEX "correction_requests_case_id_idx" ON "correction_requests"("case_id");

-- CreateIndex
CREATE INDEX "consultations_case_id_idx" ON "consultations"("case_id");

-- CreateIndex
CREATE INDEX "extensions_case_id_idx" ON "extensions"("case_id");

-- CreateIndex
CREATE INDEX "fee_notices_case_id_idx" ON "fee_notices"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "documents_doc_number_key" ON "documents"("doc_number");

-- CreateIndex
CREATE INDEX "documents_case_id_idx" ON "documents"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "document_templates_org_id_type_key" ON "document_templates"("org_id", "type");

-- CreateIndex
CREATE INDEX "deliveries_case_id_idx" ON "deliveries"("case_id");

-- CreateIndex
CREATE INDEX "attachments_case_id_idx" ON "attachments"("case_id");

-- CreateIndex
CREATE INDEX "case_transfers_case_id_idx" ON "case_transfers"("case_id");

-- CreateIndex
CREATE INDEX "calendar_days_year_idx" ON "calendar_days"("year");

-- CreateIndex
CREATE INDEX "appeals_org_id_filed_on_idx" ON "appeals"("org_id", "filed_on");

-- CreateIndex
CREATE INDEX "appeals_case_id_idx" ON "appeals"("case_id");

-- CreateIndex
CREATE INDEX "outbox_messages_status_created_at_idx" ON "outbox_messages"("status", "created_at");

-- CreateIndex
CREATE INDEX "outbox_messages_case_id_idx" ON "outbox_messages"("case_id");

-- CreateIndex
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events"("occurred_at");

-- AddForeignKey
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "organisations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_applicant_user_id_fkey" FOREIGN KEY ("applicant_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_assigned_clerk_id_fkey" FOREIGN KEY ("assigned_clerk_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "correction_requests" ADD CONSTRAINT "correction_requests_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "extensions" ADD CONSTRAINT "extensions_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fee_notices" ADD CONSTRAINT "fee_notices_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_sequences" ADD CONSTRAINT "document_sequences_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_templates" ADD CONSTRAINT "document_templates_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_transfers" ADD CONSTRAINT "case_transfers_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_transfers" ADD CONSTRAINT "case_transfers_from_org_id_fkey" FOREIGN KEY ("from_org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_transfers" ADD CONSTRAINT "case_transfers_to_org_id_fkey" FOREIGN KEY ("to_org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proactive_figures" ADD CONSTRAINT "proactive_figures_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "period_locks" ADD CONSTRAINT "period_locks_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
