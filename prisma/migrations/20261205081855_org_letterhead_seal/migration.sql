-- AlterTable
ALTER TABLE "organisations" ADD COLUMN     "court" TEXT,
ADD COLUMN     "letterhead" TEXT,
ADD COLUMN     "review_body" TEXT;

-- CreateTable
CREATE TABLE "organisation_seals" (
    "org_id" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "uploaded_by_id" UUID NOT NULL,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organisation_seals_pkey" PRIMARY KEY ("org_id")
);

-- AddForeignKey
ALTER TABLE "organisation_seals" ADD CONSTRAINT "organisation_seals_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
