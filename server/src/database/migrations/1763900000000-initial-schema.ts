import type { MigrationInterface, QueryRunner } from 'typeorm';

/** People, sessions, the pipeline, cards with their checklists, history and the board's event log. */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE departments (
        key text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]{1,39}$'),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        email text NOT NULL,
        role text NOT NULL CHECK (role IN ('sales','staff','supervisor','manager','admin')),
        password_hash text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX users_email_key ON users (lower(email));

      CREATE TABLE user_departments (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        department_key text NOT NULL REFERENCES departments(key) ON UPDATE CASCADE,
        PRIMARY KEY (user_id, department_key)
      );
      CREATE INDEX user_departments_department_idx ON user_departments (department_key);

      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sessions_user_idx ON sessions (user_id);

      CREATE TABLE login_failures (
        id bigserial PRIMARY KEY,
        email text NOT NULL,
        address text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX login_failures_email_idx ON login_failures (email, at);
      CREATE INDEX login_failures_address_idx ON login_failures (address, at);

      CREATE TABLE pipelines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        last_seq bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE lanes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pipeline_id uuid NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
        key text NOT NULL,
        name text NOT NULL,
        position int NOT NULL,
        department_key text REFERENCES departments(key) ON UPDATE CASCADE,
        role text CHECK (role IN ('sales','staff','supervisor','manager','admin')),
        time_limit_hours numeric CHECK (time_limit_hours > 0),
        terminal boolean NOT NULL DEFAULT false,
        UNIQUE (pipeline_id, key),
        UNIQUE (pipeline_id, position)
      );

      CREATE TABLE checklist_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lane_id uuid NOT NULL REFERENCES lanes(id) ON DELETE CASCADE,
        label text NOT NULL,
        help text,
        kind text NOT NULL CHECK (kind IN ('check','text','number','date','choice','user','file')),
        required boolean NOT NULL DEFAULT true,
        role text CHECK (role IN ('sales','staff','supervisor','manager','admin')),
        options jsonb,
        rules jsonb,
        position int NOT NULL,
        retired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX checklist_items_lane_idx ON checklist_items (lane_id, position);

      CREATE TABLE cards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pipeline_id uuid NOT NULL REFERENCES pipelines(id),
        lane_id uuid NOT NULL REFERENCES lanes(id),
        position double precision NOT NULL,
        customer_name text NOT NULL,
        contact_name text NOT NULL,
        contact_email text NOT NULL,
        contact_phone text,
        service_address text NOT NULL,
        contract_start_date date NOT NULL,
        contract_value numeric(14,2),
        services jsonb NOT NULL DEFAULT '[]',
        special_conditions text,
        notes text,
        assignee_id uuid REFERENCES users(id),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        entered_lane_at timestamptz NOT NULL,
        lane_visit int NOT NULL DEFAULT 1,
        version int NOT NULL DEFAULT 1,
        done_at timestamptz,
        go_live_date date,
        risk_flag text NOT NULL DEFAULT 'green' CHECK (risk_flag IN ('green','amber','red')),
        risk_reason text,
        next_action jsonb,
        last_touch jsonb,
        picked_up_by uuid REFERENCES users(id),
        picked_up_at timestamptz
      );
      -- The board lists cards by lane and position; the stuck scan walks each lane by entered time.
      CREATE INDEX cards_lane_position_idx ON cards (lane_id, position);
      CREATE INDEX cards_lane_entered_idx ON cards (lane_id, entered_lane_at);
      CREATE INDEX cards_assignee_idx ON cards (assignee_id) WHERE assignee_id IS NOT NULL;
      CREATE INDEX cards_done_idx ON cards (done_at) WHERE done_at IS NOT NULL;

      CREATE TABLE attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        card_id uuid NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
        item_id uuid REFERENCES checklist_items(id),
        name text NOT NULL,
        size int NOT NULL,
        mime text NOT NULL,
        storage_key text NOT NULL,
        uploaded_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL
      );
      CREATE INDEX attachments_card_idx ON attachments (card_id);

      CREATE TABLE checklist_values (
        card_id uuid NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
        item_id uuid NOT NULL REFERENCES checklist_items(id),
        value jsonb NOT NULL,
        -- Whether the value passes the gate (shared satisfiesGate), stored so the board counts progress in SQL.
        satisfied boolean NOT NULL,
        note text,
        completed_by uuid REFERENCES users(id),
        completed_at timestamptz NOT NULL,
        PRIMARY KEY (card_id, item_id)
      );

      CREATE TABLE comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        card_id uuid NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES users(id),
        body text NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX comments_card_idx ON comments (card_id, created_at);

      -- Append-only history of each card: the card's state is explained by these rows.
      CREATE TABLE card_events (
        id bigserial PRIMARY KEY,
        card_id uuid NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
        type text NOT NULL,
        actor_id uuid REFERENCES users(id),
        at timestamptz NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX card_events_card_idx ON card_events (card_id, id);

      -- The board's outbox: one gapless, commit-ordered seq per pipeline (see pipelines.last_seq).
      CREATE TABLE board_events (
        pipeline_id uuid NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        type text NOT NULL,
        actor_id uuid REFERENCES users(id),
        at timestamptz NOT NULL,
        request_id text,
        payload jsonb NOT NULL,
        published_at timestamptz,
        PRIMARY KEY (pipeline_id, seq)
      );
      CREATE INDEX board_events_unpublished_idx ON board_events (pipeline_id, seq) WHERE published_at IS NULL;

      -- Large packets of @socket.io/postgres-adapter (the rest travel by NOTIFY).
      CREATE TABLE socket_io_attachments (
        id bigserial UNIQUE,
        created_at timestamptz DEFAULT now(),
        payload bytea
      );

      CREATE FUNCTION card_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'card_events is append-only'; END $$;
      CREATE TRIGGER card_events_append_only BEFORE UPDATE ON card_events
        FOR EACH ROW EXECUTE FUNCTION card_events_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE socket_io_attachments, board_events, card_events, comments, checklist_values, attachments, cards,
        checklist_items, lanes, pipelines, login_failures, sessions, user_departments, users, departments CASCADE;
      DROP FUNCTION card_events_append_only();
    `);
  }
}
