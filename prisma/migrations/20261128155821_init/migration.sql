-- CreateTable
CREATE TABLE "Show" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "url" TEXT,
    "description" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "affiliation" TEXT,
    "bio" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Episode" (
    "slug" TEXT NOT NULL PRIMARY KEY,
    "showId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL,
    "language" TEXT NOT NULL,
    "sourceName" TEXT NOT NULL,
    "sourceUrl" TEXT,
    "summary" TEXT NOT NULL,
    "summaryHtml" TEXT NOT NULL,
    CONSTRAINT "Episode_showId_fkey" FOREIGN KEY ("showId") REFERENCES "Show" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Participant" (
    "episodeSlug" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "intro" TEXT,
    "ordinal" INTEGER NOT NULL,

    PRIMARY KEY ("episodeSlug", "personId"),
    CONSTRAINT "Participant_episodeSlug_fkey" FOREIGN KEY ("episodeSlug") REFERENCES "Episode" ("slug") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Participant_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Chapter" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "episodeSlug" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "tocTitle" TEXT,
    CONSTRAINT "Chapter_episodeSlug_fkey" FOREIGN KEY ("episodeSlug") REFERENCES "Episode" ("slug") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Turn" (
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
    "startSeconds" INTEGER,
    CONSTRAINT "Turn_episodeSlug_fkey" FOREIGN KEY ("episodeSlug") REFERENCES "Episode" ("slug") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Turn_chapterId_fkey" FOREIGN KEY ("chapterId") REFERENCES "Chapter" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Turn_speakerId_fkey" FOREIGN KEY ("speakerId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Topic" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "keywords" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "TurnTopic" (
    "turnPk" INTEGER NOT NULL,
    "topicId" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    PRIMARY KEY ("turnPk", "topicId"),
    CONSTRAINT "TurnTopic_turnPk_fkey" FOREIGN KEY ("turnPk") REFERENCES "Turn" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TurnTopic_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Quote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "episodeSlug" TEXT NOT NULL,
    "turnPk" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    CONSTRAINT "Quote_episodeSlug_fkey" FOREIGN KEY ("episodeSlug") REFERENCES "Episode" ("slug") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Quote_turnPk_fkey" FOREIGN KEY ("turnPk") REFERENCES "Turn" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuoteTopic" (
    "quoteId" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,

    PRIMARY KEY ("quoteId", "topicId"),
    CONSTRAINT "QuoteTopic_quoteId_fkey" FOREIGN KEY ("quoteId") REFERENCES "Quote" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "QuoteTopic_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Participant_personId_idx" ON "Participant"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Chapter_episodeSlug_number_key" ON "Chapter"("episodeSlug", "number");

-- CreateIndex
CREATE INDEX "Turn_speakerId_idx" ON "Turn"("speakerId");

-- CreateIndex
CREATE INDEX "Turn_chapterId_idx" ON "Turn"("chapterId");

-- CreateIndex
CREATE UNIQUE INDEX "Turn_episodeSlug_turnId_key" ON "Turn"("episodeSlug", "turnId");

-- CreateIndex
CREATE INDEX "TurnTopic_topicId_idx" ON "TurnTopic"("topicId");

-- CreateIndex
CREATE INDEX "Quote_turnPk_idx" ON "Quote"("turnPk");
