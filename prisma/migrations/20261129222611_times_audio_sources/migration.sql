-- AlterTable
ALTER TABLE "Chapter" ADD COLUMN "startMs" INTEGER;

-- AlterTable
ALTER TABLE "Episode" ADD COLUMN "audioDuration" REAL;
ALTER TABLE "Episode" ADD COLUMN "audioType" TEXT;
ALTER TABLE "Episode" ADD COLUMN "audioUrl" TEXT;
ALTER TABLE "Episode" ADD COLUMN "importedFile" TEXT;
ALTER TABLE "Episode" ADD COLUMN "importedFormat" TEXT;
ALTER TABLE "Episode" ADD COLUMN "sourceLicence" TEXT;
ALTER TABLE "Episode" ADD COLUMN "sourceNote" TEXT;

-- CreateTable
CREATE TABLE "Cue" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "turnPk" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "startMs" INTEGER NOT NULL,
    "endMs" INTEGER,
    "text" TEXT NOT NULL,
    CONSTRAINT "Cue_turnPk_fkey" FOREIGN KEY ("turnPk") REFERENCES "Turn" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Turn" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "episodeSlug" TEXT NOT NULL,
    "turnId" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "chapterId" INTEGER NOT NULL,
    "speakerId" TEXT,
    "kind" TEXT NOT NULL,
    "markdown" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "startMs" INTEGER,
    "endMs" INTEGER,
    "asks" BOOLEAN NOT NULL DEFAULT false,
    "exchange" INTEGER,
    CONSTRAINT "Turn_episodeSlug_fkey" FOREIGN KEY ("episodeSlug") REFERENCES "Episode" ("slug") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Turn_chapterId_fkey" FOREIGN KEY ("chapterId") REFERENCES "Chapter" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Turn_speakerId_fkey" FOREIGN KEY ("speakerId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Turn" ("asks", "chapterId", "episodeSlug", "exchange", "html", "id", "kind", "markdown", "ordinal", "speakerId", "text", "turnId") SELECT "asks", "chapterId", "episodeSlug", "exchange", "html", "id", "kind", "markdown", "ordinal", "speakerId", "text", "turnId" FROM "Turn";
DROP TABLE "Turn";
ALTER TABLE "new_Turn" RENAME TO "Turn";
CREATE INDEX "Turn_episodeSlug_exchange_idx" ON "Turn"("episodeSlug", "exchange");
CREATE INDEX "Turn_speakerId_idx" ON "Turn"("speakerId");
CREATE INDEX "Turn_chapterId_idx" ON "Turn"("chapterId");
CREATE UNIQUE INDEX "Turn_episodeSlug_turnId_key" ON "Turn"("episodeSlug", "turnId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Cue_turnPk_idx" ON "Cue"("turnPk");
