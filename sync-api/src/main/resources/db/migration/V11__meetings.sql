-- Meetings from meeting-ended events (issue 9; docs/meetings.md). Every table is an NIA-side record:
-- soft deletes keep the row, version counts every change (results carry it back).

-- One row per NIA meeting; id = Ids.localIdFor(meeting, meeting_key), so the Creatio Activity id is the
-- same on every replay. A meeting activity created in Creatio for a synced lead or contact is imported by the
-- pull with origin 'creatio' and meeting_key 'creatio:<Creatio Id>'.
CREATE TABLE meeting (
    id                   UUID          PRIMARY KEY,
    meeting_key          TEXT          NOT NULL UNIQUE,
    revision             BIGINT        NOT NULL DEFAULT 0,
    event_id             UUID,
    title                TEXT          NOT NULL,
    started_at           TIMESTAMPTZ   NOT NULL,
    ended_at             TIMESTAMPTZ   NOT NULL,
    organizer_name       TEXT,
    organizer_email      TEXT,
    lead_id              UUID,
    contact_id           UUID,
    summary              TEXT,
    notes                TEXT,
    meeting_type         TEXT,
    status               TEXT          NOT NULL DEFAULT 'completed',
    owner_creatio_id     UUID,
    owner_source         TEXT,
    origin               TEXT          NOT NULL DEFAULT 'nia',
    created_at           TIMESTAMPTZ   NOT NULL,
    updated_at           TIMESTAMPTZ   NOT NULL,
    deleted              BOOLEAN       NOT NULL DEFAULT FALSE,
    deleted_at           TIMESTAMPTZ,
    version              BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX meeting_lead ON meeting (lead_id);
CREATE INDEX meeting_contact ON meeting (contact_id);
CREATE INDEX meeting_updated_at ON meeting (updated_at, id);

-- Everyone who took part; external ones matched to an NIA contact (or only a lead).
CREATE TABLE meeting_participant (
    id                   UUID          PRIMARY KEY,
    meeting_id           UUID          NOT NULL REFERENCES meeting (id),
    position             INT           NOT NULL,
    name                 TEXT,
    email                TEXT,
    company              TEXT,
    job_title            TEXT,
    internal             BOOLEAN       NOT NULL DEFAULT FALSE,
    contact_id           UUID,
    lead_id              UUID,
    match_rule           TEXT          NOT NULL,
    created_at           TIMESTAMPTZ   NOT NULL,
    updated_at           TIMESTAMPTZ   NOT NULL,
    deleted              BOOLEAN       NOT NULL DEFAULT FALSE,
    deleted_at           TIMESTAMPTZ,
    version              BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX meeting_participant_meeting ON meeting_participant (meeting_id);
CREATE INDEX meeting_participant_contact ON meeting_participant (contact_id);

-- One task per action item, found again by (meeting, action_item_id); a dropped item is canceled. A task
-- created in Creatio for a synced lead or contact is imported by the pull (origin 'creatio', no meeting).
-- due_at keeps the exact due time Creatio holds once a person re-dated it there; else due_date counts.
CREATE TABLE meeting_task (
    id                   UUID          PRIMARY KEY,
    meeting_id           UUID          REFERENCES meeting (id),
    action_item_id       TEXT,
    title                TEXT          NOT NULL,
    description          TEXT,
    owner_email          TEXT,
    owner_name           TEXT,
    owner_creatio_id     UUID,
    owner_source         TEXT,
    due_date             DATE,
    due_at               TIMESTAMPTZ,
    start_at             TIMESTAMPTZ,
    priority             TEXT          NOT NULL DEFAULT 'medium',
    status               TEXT          NOT NULL DEFAULT 'not_started',
    lead_id              UUID,
    contact_id           UUID,
    origin               TEXT          NOT NULL DEFAULT 'nia',
    created_at           TIMESTAMPTZ   NOT NULL,
    updated_at           TIMESTAMPTZ   NOT NULL,
    deleted              BOOLEAN       NOT NULL DEFAULT FALSE,
    deleted_at           TIMESTAMPTZ,
    version              BIGINT        NOT NULL DEFAULT 0,
    UNIQUE (meeting_id, action_item_id)
);
CREATE INDEX meeting_task_lead ON meeting_task (lead_id);
CREATE INDEX meeting_task_contact ON meeting_task (contact_id);

-- Competitors named in meetings, queryable by competitor, lead and time.
CREATE TABLE competitor_mention (
    id                   UUID          PRIMARY KEY,
    meeting_id           UUID          NOT NULL REFERENCES meeting (id),
    mention_key          TEXT          NOT NULL,
    competitor           TEXT          NOT NULL,
    competitor_key       TEXT          NOT NULL,
    context              TEXT,
    sentiment            TEXT,
    lead_id              UUID,
    mentioned_at         TIMESTAMPTZ   NOT NULL,
    created_at           TIMESTAMPTZ   NOT NULL,
    updated_at           TIMESTAMPTZ   NOT NULL,
    deleted              BOOLEAN       NOT NULL DEFAULT FALSE,
    deleted_at           TIMESTAMPTZ,
    version              BIGINT        NOT NULL DEFAULT 0,
    UNIQUE (meeting_id, mention_key)
);
CREATE INDEX competitor_mention_competitor ON competitor_mention (competitor_key, mentioned_at) WHERE NOT deleted;
CREATE INDEX competitor_mention_lead ON competitor_mention (lead_id, mentioned_at) WHERE NOT deleted;
