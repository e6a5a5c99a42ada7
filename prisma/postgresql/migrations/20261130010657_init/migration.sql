-- CreateTable
CREATE TABLE "Show" (
    "id" TEXT COLLATE "C" NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "url" TEXT COLLATE "C",
    "description" TEXT COLLATE "C" NOT NULL,

    CONSTRAINT "Show_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT COLLATE "C" NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "affiliation" TEXT COLLATE "C",
    "bio" TEXT COLLATE "C" NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Episode" (
    "slug" TEXT COLLATE "C" NOT NULL,
    "showId" TEXT COLLATE "C" NOT NULL,
    "title" TEXT COLLATE "C" NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "language" TEXT COLLATE "C" NOT NULL,
    "sourceName" TEXT COLLATE "C" NOT NULL,
    "sourceUrl" TEXT COLLATE "C",
    "sourceLicence" TEXT COLLATE "C",
    "sourceNote" TEXT COLLATE "C",
    "audioUrl" TEXT COLLATE "C",
    "audioType" TEXT COLLATE "C",
    "audioDuration" DOUBLE PRECISION,
    "importedFile" TEXT COLLATE "C",
    "importedFormat" TEXT COLLATE "C",
    "summary" TEXT COLLATE "C" NOT NULL,
    "summaryHtml" TEXT COLLATE "C" NOT NULL,

    CONSTRAINT "Episode_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "Participant" (
    "episodeSlug" TEXT COLLATE "C" NOT NULL,
    "personId" TEXT COLLATE "C" NOT NULL,
    "role" TEXT COLLATE "C" NOT NULL,
    "intro" TEXT COLLATE "C",
    "ordinal" INTEGER NOT NULL,

    CONSTRAINT "Participant_pkey" PRIMARY KEY ("episodeSlug","personId")
);

-- CreateTable
CREATE TABLE "Chapter" (
    "id" SERIAL NOT NULL,
    "episodeSlug" TEXT COLLATE "C" NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT COLLATE "C" NOT NULL,
    "tocTitle" TEXT COLLATE "C",
    "startMs" INTEGER,

    CONSTRAINT "Chapter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Turn" (
    "id" SERIAL NOT NULL,
    "episodeSlug" TEXT COLLATE "C" NOT NULL,
    "turnId" TEXT COLLATE "C" NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "chapterId" INTEGER NOT NULL,
    "speakerId" TEXT COLLATE "C",
    "kind" TEXT COLLATE "C" NOT NULL,
    "markdown" TEXT COLLATE "C" NOT NULL,
    "text" TEXT COLLATE "C" NOT NULL,
    "html" TEXT COLLATE "C" NOT NULL,
    "startMs" INTEGER,
    "endMs" INTEGER,
    "asks" BOOLEAN NOT NULL DEFAULT false,
    "exchange" INTEGER,

    CONSTRAINT "Turn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Cue" (
    "id" SERIAL NOT NULL,
    "turnPk" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "startMs" INTEGER NOT NULL,
    "endMs" INTEGER,
    "text" TEXT COLLATE "C" NOT NULL,

    CONSTRAINT "Cue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Topic" (
    "id" TEXT COLLATE "C" NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "nameEn" TEXT COLLATE "C" NOT NULL,
    "description" TEXT COLLATE "C" NOT NULL,
    "keywords" TEXT COLLATE "C" NOT NULL,
    "ordinal" INTEGER NOT NULL,

    CONSTRAINT "Topic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TurnTopic" (
    "turnPk" INTEGER NOT NULL,
    "topicId" TEXT COLLATE "C" NOT NULL,
    "source" TEXT COLLATE "C" NOT NULL,

    CONSTRAINT "TurnTopic_pkey" PRIMARY KEY ("turnPk","topicId")
);

-- CreateTable
CREATE TABLE "Quote" (
    "id" TEXT COLLATE "C" NOT NULL,
    "episodeSlug" TEXT COLLATE "C" NOT NULL,
    "turnPk" INTEGER NOT NULL,
    "text" TEXT COLLATE "C" NOT NULL,
    "ordinal" INTEGER NOT NULL,

    CONSTRAINT "Quote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuoteTopic" (
    "quoteId" TEXT COLLATE "C" NOT NULL,
    "topicId" TEXT COLLATE "C" NOT NULL,

    CONSTRAINT "QuoteTopic_pkey" PRIMARY KEY ("quoteId","topicId")
);

-- CreateIndex
CREATE INDEX "Participant_personId_idx" ON "Participant"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Chapter_episodeSlug_number_key" ON "Chapter"("episodeSlug", "number");

-- CreateIndex
CREATE INDEX "Turn_episodeSlug_exchange_idx" ON "Turn"("episodeSlug", "exchange");

-- CreateIndex
CREATE INDEX "Turn_speakerId_idx" ON "Turn"("speakerId");

-- CreateIndex
CREATE INDEX "Turn_chapterId_idx" ON "Turn"("chapterId");

-- CreateIndex
CREATE UNIQUE INDEX "Turn_episodeSlug_turnId_key" ON "Turn"("episodeSlug", "turnId");

-- CreateIndex
CREATE INDEX "Cue_turnPk_idx" ON "Cue"("turnPk");

-- CreateIndex
CREATE INDEX "TurnTopic_topicId_idx" ON "TurnTopic"("topicId");

-- CreateIndex
CREATE INDEX "Quote_turnPk_idx" ON "Quote"("turnPk");

-- AddForeignKey
ALTER TABLE "Episode" ADD CONSTRAINT "Episode_showId_fkey" FOREIGN KEY ("showId") REFERENCES "Show"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_episodeSlug_fkey" FOREIGN KEY ("episodeSlug") REFERENCES "Episode"("slug") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Chapter" ADD CONSTRAINT "Chapter_episodeSlug_fkey" FOREIGN KEY ("episodeSlug") REFERENCES "Episode"("slug") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Turn" ADD CONSTRAINT "Turn_episodeSlug_fkey" FOREIGN KEY ("episodeSlug") REFERENCES "Episode"("slug") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Turn" ADD CONSTRAINT "Turn_chapterId_fkey" FOREIGN KEY ("chapterId") REFERENCES "Chapter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Turn" ADD CONSTRAINT "Turn_speakerId_fkey" FOREIGN KEY ("speakerId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cue" ADD CONSTRAINT "Cue_turnPk_fkey" FOREIGN KEY ("turnPk") REFERENCES "Turn"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TurnTopic" ADD CONSTRAINT "TurnTopic_turnPk_fkey" FOREIGN KEY ("turnPk") REFERENCES "Turn"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TurnTopic" ADD CONSTRAINT "TurnTopic_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Quote" ADD CONSTRAINT "Quote_episodeSlug_fkey" FOREIGN KEY ("episodeSlug") REFERENCES "Episode"("slug") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Quote" ADD CONSTRAINT "Quote_turnPk_fkey" FOREIGN KEY ("turnPk") REFERENCES "Turn"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuoteTopic" ADD CONSTRAINT "QuoteTopic_quoteId_fkey" FOREIGN KEY ("quoteId") REFERENCES "Quote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuoteTopic" ADD CONSTRAINT "QuoteTopic_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;
